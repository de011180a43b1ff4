"""Calendar capture is a door like the other importers: control characters in an event's
title are stripped before they are stored (touch notes, upcoming meetings)."""

from __future__ import annotations

from datetime import timedelta

from networkhabit.store import Store
from tests.conftest import TODAY
from tests.test_capture import ME, ics, people_world, stamp, vevent


def test_escape_sequences_in_event_titles_are_not_stored(cli, db, make_store, tmp_path) -> None:
    make_store(people_world())
    hostile = "Sync \x1b]0;owned\x07\x1b[2J\x9bnow"
    path = ics(
        tmp_path,
        vevent(
            "past@example.com",
            stamp(TODAY - timedelta(days=2)),
            hostile,
            (f"{ME}|Me", "ana@example.com|Ana Ruiz"),
        ),
        vevent(
            "next@example.com",
            stamp(TODAY + timedelta(days=2)),
            hostile,
            (f"{ME}|Me", "ana@example.com|Ana Ruiz"),
        ),
    )
    r = cli("import", "calendar", str(path))
    assert r.exit_code == 0, r.output
    raw = db.read_text(encoding="utf-8")
    assert "\x1b" not in raw and "\x07" not in raw and "\x9b" not in raw
    assert "\\u001b" not in raw and "\\u009b" not in raw
    notes = [i.note for i in Store(db).snapshot().interactions if i.external_id]
    assert notes and all(n.startswith("Sync") and "now" in n for n in notes)
