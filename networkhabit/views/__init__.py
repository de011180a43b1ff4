"""What the front ends show, built once for both: the today view and its counts, a
contact's page and the ``--json`` shapes. No click and no textual here."""
