"""A file given to the wrong import is refused with one line naming the import that reads it
(a vCard to ``import csv``, a calendar to ``import vcard`` …), and nothing is written; a vCard
given to ``import calendar`` is refused too (icalendar parses its cards as components: it
once ended in "no new touches", exit 0)."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
VCARD = DATA / "contacts_v3.vcf"
CSV = DATA / "google_contacts.csv"
ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//example//EN\r\nEND:VCALENDAR\r\n"


@pytest.mark.parametrize(
    ("command", "given", "hint"),
    [
        ("csv", "vcard", "this is a vCard file: import it with 'networkhabit import vcard'"),
        ("linkedin", "vcard", "this is a vCard file: import it with 'networkhabit import vcard'"),
        ("google", "vcard", "this is a vCard file: import it with 'networkhabit import vcard'"),
        ("outlook", "vcard", "this is a vCard file: import it with 'networkhabit import vcard'"),
        ("calendar", "vcard", "this is a vCard file: import it with 'networkhabit import vcard'"),
        ("csv", "ics", "this is a calendar (.ics): import it with 'networkhabit import calendar'"),
        (
            "vcard",
            "ics",
            "this is a calendar (.ics): import it with 'networkhabit import calendar'",
        ),
        ("vcard", "csv", "it looks like a CSV: import it with 'networkhabit import csv'"),
        ("json", "vcard", "this is a vCard file: import it with 'networkhabit import vcard'"),
    ],
)
def test_a_file_of_another_kind_is_refused_naming_its_import(
    cli, db: Path, tmp_path: Path, command: str, given: str, hint: str
) -> None:
    path = {"vcard": VCARD, "csv": CSV}.get(given) or tmp_path / "work.ics"
    if given == "ics":
        path.write_text(ICS, encoding="utf-8")
    if command == "calendar":
        assert cli("settings", "set", "me", "me@example.com").exit_code == 0
    before = db.read_bytes() if db.exists() else None
    r = cli("import", command, str(path))
    assert r.exit_code == 1
    [line] = r.stderr.splitlines()
    assert line.startswith(f"Error: {path}: not ") and line.endswith(hint), line
    assert (db.read_bytes() if db.exists() else None) == before


def test_a_file_of_no_known_kind_keeps_the_plain_refusal(cli, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("just some notes\nnothing else\n", encoding="utf-8")
    for command in ("csv", "vcard", "calendar", "json"):
        r = cli("import", command, str(path))
        assert r.exit_code == 1 and "networkhabit import" not in r.stderr, r.stderr
    assert "not a contacts CSV this knows" in cli("import", "csv", str(path)).stderr
