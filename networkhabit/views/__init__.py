"""What the front ends show, built once for both: the today view and its counts, a
contact's page, the ``--json`` shapes, and the words for what an action did. No click and
no textual here."""
