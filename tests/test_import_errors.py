"""A malformed import file: one clear line naming the file (and row), exit 1, nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from networkhabit.store import Store
from tests.conftest import run_cli

DATA = Path(__file__).parent / "data"
SOURCES = ("csv", "linkedin", "google", "outlook", "vcard", "json")
VCARD_HINT = "— this is a vCard file: import it with 'networkhabit import vcard'"
ICS_HINT = "— this is a calendar (.ics): import it with 'networkhabit import calendar'"


def bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """name → (file, what the message must say)."""
    files = {
        "empty": (b"", "the file is empty"),
        "blank": (b"  \r\n\n", "the file is empty"),
        "binary": (bytes(range(256)) * 4, "binary file"),
        "latin1": ("First Name,Last Name\nJosé,Ruiz\n".encode("latin-1"), "line 2: not UTF-8"),
        "zip": (b"PK\x03\x04rest-of-an-archive", "ZIP archive"),
    }
    out = {}
    for name, (raw, needle) in files.items():
        f = tmp_path / f"{name}.dat"
        f.write_bytes(raw)
        out[name] = (f, needle)
    out["missing"] = (tmp_path / "nope.csv", "no such file")
    out["folder"] = (tmp_path, "is a folder")
    return out


@pytest.mark.parametrize("source", SOURCES)
def test_unreadable_files(cli, db: Path, tmp_path: Path, source: str) -> None:
    for name, (path, needle) in bad_files(tmp_path).items():
        r = cli("import", source, str(path))
        assert r.exit_code == 1, (source, name, r.output)
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and needle in lines[0] and str(path) in lines[0], (
            source,
            name,
            r.stderr,
        )
        assert "Traceback" not in r.output
    assert not db.exists()


@pytest.mark.parametrize(
    ("source", "sample", "needle"),
    [
        ("linkedin", "google_contacts.csv", "not a LinkedIn Connections.csv"),
        ("google", "linkedin_Connections.csv", "not a Google Contacts CSV"),
        ("google", "linkedin_Connections_2020.csv", "not a Google Contacts CSV"),
        ("vcard", "google_contacts.csv", "not a vCard file"),
        ("json", "contacts_v3.vcf", "not a networkhabit JSON export — this is a vCard file"),
        ("outlook", "google_contacts.csv", "not an Outlook CSV"),
        ("csv", "contacts_v3.vcf", "not a CSV — this is a vCard file"),
        # A file of another kind names the import that reads it; a vCard given to
        # ``import calendar`` is refused too (icalendar parses its cards as components: it
        # once ended in "no new touches", exit 0).
        *(
            (source, "contacts_v3.vcf", VCARD_HINT)
            for source in ("linkedin", "google", "outlook", "calendar")
        ),
        ("csv", "work.ics", ICS_HINT),
        ("vcard", "work.ics", ICS_HINT),
        (
            "vcard",
            "google_contacts.csv",
            "it looks like a CSV: import it with 'networkhabit import csv'",
        ),
    ],
)
def test_wrong_kind_of_file(cli, db: Path, source: str, sample: str, needle: str) -> None:
    r = cli("import", source, str(DATA / sample))
    assert r.exit_code == 1 and needle in r.stderr and sample in r.stderr
    assert len(r.stderr.splitlines()) == 1
    assert not db.exists()


def test_a_file_of_no_known_kind_keeps_the_plain_refusal(cli, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("just some notes\nnothing else\n", encoding="utf-8")
    for command in ("csv", "vcard", "calendar", "json"):
        r = cli("import", command, str(path))
        assert r.exit_code == 1 and "networkhabit import" not in r.stderr, r.stderr
    assert "not a contacts CSV this knows" in cli("import", "csv", str(path)).stderr


def test_a_bad_row_or_line_is_skipped_by_its_line_and_the_rest_imported(
    cli, db: Path, tmp_path: Path
) -> None:
    cases = {
        "date.csv": (
            "First Name,Last Name,Company,Connected On\nAna,Ruiz,Acme,01 Jan 2020\n"
            + "Bo,Berg,Acme,someday\n",
            "line 3: 'Connected On' is not a date: 'someday'",
        ),
        "cells.csv": (
            "First Name,Last Name,Company\nAna,Ruiz,Acme\nBo,Berg,Acme,extra,cells\n",
            "1 skipped (row that cannot be read — line 3: 5 cells where the header has 3",
        ),
    }
    for name, (text, needle) in cases.items():
        f = tmp_path / name
        f.write_text(text)
        r = cli("import", "linkedin", str(f), "--json")
        assert r.exit_code == 0, r.output
        doc = json.loads(r.stdout)
        assert needle in doc["summary"], doc["summary"]
        assert [row["line"] for row in doc["skipped_rows"]] == [3]
    bad_card = tmp_path / "bad.vcf"
    bad_card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\nthis is no property\r\nEND:VCARD\r\n"
    )
    r = cli("import", "vcard", str(bad_card))
    assert r.exit_code == 0, r.output
    assert "line 4: 'this is no property' in card 1 ('Ana') is not a vCard property" in r.stdout
    people = {c.name: c for c in Store(db).snapshot().contacts}
    assert sorted(people) == ["Ana", "Ana Ruiz"] and "Bo Berg" not in people


def test_bad_json_exports(cli, db: Path, tmp_path: Path) -> None:
    cases = {
        "list.json": ("[1, 2]", "expected a JSON object"),
        "other.json": ('{"name": "x"}', "not a networkhabit export"),
        "newer.json": ('{"format": "networkhabit", "schema": 999}', "made by a newer networkhabit"),
        "record.json": (
            '{"format": "networkhabit", "schema": 1, "contacts": [{"uid": "a"}]}',
            "contacts #1 is malformed",
        ),
        "dup.json": (
            (
                '{"format": "networkhabit", "schema": 1, "contacts": ['
                '{"uid": "a", "name": "A", "created": "2026-01-01"},'
                '{"uid": "a", "name": "B", "created": "2026-01-01"}]}'
            ),
            "contacts #2 repeats uid a",
        ),
        "date.json": (
            (
                '{"format": "networkhabit", "schema": 1, "contacts": ['
                '{"uid": "a", "name": "A", "created": "yesterday"}]}'
            ),
            "contacts #1 is malformed",
        ),
    }
    for name, (text, needle) in cases.items():
        f = tmp_path / name
        f.write_text(text)
        r = cli("import", "json", str(f))
        assert r.exit_code == 1 and needle in r.stderr and name in r.stderr, (name, r.stderr)
    assert not db.exists()


def test_real_subprocess_error_and_success(db: Path) -> None:
    bad = run_cli(db, "import", "linkedin", "/nonexistent/Connections.csv")
    assert (
        bad.returncode == 1
        and bad.stderr.strip() == "Error: /nonexistent/Connections.csv: no such file"
    )
    good = run_cli(db, "import", "linkedin", str(DATA / "linkedin_Connections.csv"))
    assert good.returncode == 0 and "5 new" in good.stdout and good.stderr == ""
