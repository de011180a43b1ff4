"""The use cases: one function per thing a user does.

Each action takes plain values, runs every check and every change inside one store
transaction on data read under the lock, and returns a result the front ends word.
No click and no textual here: the CLI (``commands/``) and the app (``tui/``) both call
these, so a rule lives in one place. The front ends reach the store only through a
:class:`~networkhabit.actions.session.Session`.
"""
