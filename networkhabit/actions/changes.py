"""What an action writes, and how to take it back exactly.

Every action is a *builder*: a function from the store as it is now (a snapshot read under
the store's lock) to a :class:`Change` — the records it adds, the records it replaces (the
versions before and after) and the records it removes. :func:`write` runs the builder and
writes its change in one transaction, so every check an action makes and every change it
writes see the same data and no other process can slip in between. :func:`undo` takes a
change back: removes what it added, puts back what it removed, and restores, field by
field, what it changed (fields someone else changed since stay as they are). The app's
``u``, the CLI's ``unlog`` and ``undone`` are this one mechanism.

No click and no textual here: the CLI calls these directly, the app in worker threads.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import field, replace
from typing import Any

from networkhabit.actions.session import Session, Signature
from networkhabit.domain.model import (
    Break,
    CheckIn,
    Contact,
    Habit,
    Interaction,
    Link,
    Snapshot,
)
from networkhabit.domain.records import record
from networkhabit.store.codec import Record

#: The record type each of a snapshot's tuples holds.
_KINDS: dict[str, type] = {
    "contacts": Contact,
    "interactions": Interaction,
    "links": Link,
    "habits": Habit,
    "checkins": CheckIn,
    "breaks": Break,
}

#: Builds a change from the store as it is now (inside the write's transaction).
Builder = Callable[[Snapshot], "Change"]


@record
class Change:
    """Records one action adds, replaces and removes.

    ``message`` says what happened in the app's words; ``subject`` is the record the action
    is about (the touch logged, the contact added, the habit checked in), ``closed`` the
    follow-ups a touch closed, ``notes`` extra remarks for the front ends to word (e.g.
    ``"no longer a rest day"``), ``info`` any other values they need.
    """

    message: str
    added: tuple[Record, ...] = ()
    before: tuple[Record, ...] = ()
    after: tuple[Record, ...] = ()
    removed: tuple[Record, ...] = ()
    subject: Record | None = None
    closed: tuple[Interaction, ...] = ()
    notes: tuple[str, ...] = ()
    info: dict[str, Any] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        """Nothing to write (e.g. "already a rest day")."""
        return not (self.added or self.after or self.removed)


def needs_whole(build: Builder) -> Builder:
    """Mark a builder that needs every touch one by one (not the daily partial snapshot)."""
    build.whole = True  # type: ignore[attr-defined]
    return build


class ReadMore(Exception):
    """Raised by a builder given the narrow snapshot of :func:`reading`'s ``first`` tables
    when it finds it needs its full tables after all (a check-in of a habit that counts the
    touches): :func:`write` builds again from those, under the same lock."""


def reading(*tables: str, first: tuple[str, ...] | None = None) -> Callable[[Builder], Builder]:
    """Mark a builder that needs only these tables of the daily snapshot (besides the
    settings, the open follow-ups and the touch index): a ``log`` need not decode 30,000
    check-ins to add one touch. ``first``: fewer tables, without the touches or their index
    (a partial snapshot whose ``index`` is None), tried first; a builder that finds them too
    few raises :class:`ReadMore` (a check-in of a habit that counts nothing but its
    check-ins need not read the touch index and every contact)."""

    def mark(build: Builder) -> Builder:
        build.tables = tables  # type: ignore[attr-defined]
        if first is not None:
            build.first = first  # type: ignore[attr-defined]
        return build

    return mark


def read(tx: Any, whole: bool, tables: tuple[str, ...] | None = None) -> Snapshot:
    """The snapshot a builder gets: read inside the transaction (under the lock)."""
    if whole:
        return tx.snapshot()
    return tx.indexed(tables) if tables else tx.indexed()


def _build(tx: Any, build: Builder) -> Change:
    """Run ``build`` on the store as it is now, read inside the transaction: on its narrow
    ``first`` tables if it has them and they are enough, else on what it reads."""
    whole = getattr(build, "whole", False)
    first = getattr(build, "first", None)
    if first is not None and not whole:
        try:
            return build(tx.records_of(first))
        except ReadMore:
            pass
    return build(read(tx, whole, getattr(build, "tables", None)))


def write(
    session: Session,
    build: Builder,
    cached: Snapshot | None = None,
    cached_sig: Signature | None = None,
) -> Change:
    """Build the change from the store as it is now and write it, in one transaction.

    ``cached`` (the app's last read) is used only while the file is still the one it was
    read from (checked under the lock); otherwise the file is read again under the lock, so
    another process's writes are neither lost nor overwritten.
    """
    whole = getattr(build, "whole", False)
    with session.transaction() as tx:
        usable = cached is not None and (not whole or not cached.partial)
        if usable and tx.signature() == cached_sig:
            assert cached is not None
            change = build(cached)
        else:
            change = _build(tx, build)
        if change.removed:
            for kind in {type(r) for r in change.removed}:
                tx.remove(kind, [r.uid for r in change.removed if type(r) is kind])
        if change.added:
            tx.add_many(change.added)
        if change.after:
            tx.update_many(change.after)
    return change


def run(session: Session, build: Builder) -> Change:
    """:func:`write` without a cached snapshot (the CLI: one action per process)."""
    return write(session, build)


def undo(session: Session, change: Change) -> Change:
    """Take a change back: remove what it added, put back what it removed, restore the
    fields it changed. Returns what the undo itself wrote (a :class:`Change`)."""
    restored: list[Record] = []
    current: list[Record] = []
    with session.transaction() as tx:
        for kind in {type(r) for r in change.added}:
            tx.remove(kind, [r.uid for r in change.added if type(r) is kind])
        if change.removed:
            tx.add_many(change.removed)
        if change.after:
            current = tx.find(change.after)
            now = {(type(r), r.uid): r for r in current}
            for old, new in zip(change.before, change.after, strict=True):
                found = now.get((type(new), new.uid))
                if found is not None:
                    restored.append(restore_fields(found, old, new))
            if restored:
                tx.update_many(restored)
    mine = {(type(r), r.uid) for r in restored}
    return Change(
        f"undone: {change.message}",
        added=change.removed,
        before=tuple(r for r in current if (type(r), r.uid) in mine),
        after=tuple(restored),
        removed=change.added,
    )


def applied(snap: Snapshot, change: Change) -> Snapshot:
    """``snap`` with ``change`` made to it: what the store holds after writing the change over
    the state ``snap`` was read from (the app shows this instead of reading the store again).
    A partial snapshot's touches are left as they are: its index and open follow-ups come
    from the store (see :meth:`Session.written`)."""
    gone = {(type(r), r.uid) for r in change.removed}
    new = {(type(r), r.uid): r for r in change.after}
    fields: dict[str, tuple[Record, ...]] = {}
    for name in ("contacts", "interactions", "links", "habits", "checkins", "breaks"):
        records: tuple[Record, ...] = getattr(snap, name)
        kind = _KINDS[name]
        added = tuple(r for r in change.added if type(r) is kind)
        touched = any(type(r) is kind for r in (*change.removed, *change.after)) or added
        if not touched:
            continue
        kept = tuple(new.get((type(r), r.uid), r) for r in records if (type(r), r.uid) not in gone)
        fields[name] = kept + added
    return replace(snap, **fields)  # type: ignore[arg-type]


def restore_fields(current: Record, old: Record, new: Record) -> Record:
    """``current`` with every field the change set (old → new) put back to ``old``;
    fields someone else changed since stay as they are now."""
    names = [
        f.name for f in dataclasses.fields(old) if getattr(old, f.name) != getattr(new, f.name)
    ]
    return replace(current, **{n: getattr(old, n) for n in names})  # type: ignore[arg-type]


def _current(snap: Snapshot, records: Sequence[Record]) -> list[Record]:
    wanted = {(type(r), r.uid) for r in records}
    return [r for group in snap.record_groups() for r in group if (type(r), r.uid) in wanted]


def replacing(snap: Snapshot, changed: Sequence[Record]) -> tuple[tuple[Record, ...], ...]:
    """(before, after) for records about to be replaced, in the same order."""
    before = _current(snap, changed)
    order = {(type(r), r.uid): n for n, r in enumerate(before)}
    after = sorted(changed, key=lambda r: order[(type(r), r.uid)])
    return tuple(before), tuple(after)


# -- finding records by uid inside a builder ------------------------------------------------


def is_uid(ref: str) -> bool:
    """Whether ``ref`` is a record uid (32 hex digits) rather than a typed name."""
    return len(ref) == 32 and all(ch in "0123456789abcdef" for ch in ref)
