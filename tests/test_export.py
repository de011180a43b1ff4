"""`export csv|vcard|ics` and `-o FILE`: parse back, escape formulas, write privately."""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import date
from pathlib import Path

import vobject
from icalendar import Calendar

from networkhabit.importers.export import safe_cell
from networkhabit.store import Store
from tests.conftest import TODAY, days_ago, person, world


def sample_world():
    return world(
        [
            person(
                "Ana Ruiz",
                company="Northwind",
                title="CTO",
                email="ana@example.com",
                phone="+34 600",
                url="https://www.linkedin.com/in/ana",
                tags=["partner", "sales, emea"],
                birthday="--04-15",
                notes="Met at PyCon;\nlikes tea, coffee",
                cadence_days=14,
                external_id="urn:uuid:ana-1",
            ),
            person(
                "Bo Berg",
                company='=HYPERLINK("http://evil")',
                birthday="1990-02-03",
                cadence_days=30,
                snoozed_until=date(2027, 1, 1),
            ),
            person("Cy Old", archived=True),
            person("Dee Prospect", known=False, cadence_days=7),
        ],
        touches=[
            ("Ana Ruiz", 20, {"follow_up": days_ago(-3), "note": "send deck"}),
            (["Ana Ruiz", "Bo Berg"], 5, {"kind": "coffee", "note": "@team -sync"}),
            ("Bo Berg", 40, {"follow_up": days_ago(30), "follow_up_done": True}),
        ],
    )


def test_vcard_parses_back_with_the_same_fields(cli, make_store, db: Path) -> None:
    make_store(sample_world())
    r = cli("export", "vcard")
    assert r.exit_code == 0
    cards = {c.fn.value: c for c in vobject.readComponents(r.stdout)}
    assert sorted(cards) == ["Ana Ruiz", "Bo Berg", "Dee Prospect"]  # archived left out
    ana = cards["Ana Ruiz"]
    assert ana.version.value == "3.0"
    assert ana.org.value == ["Northwind"] and ana.title.value == "CTO"
    assert ana.email.value == "ana@example.com" and ana.tel.value == "+34 600"
    assert ana.url.value == "https://www.linkedin.com/in/ana"
    assert ana.categories.value == ["partner", "sales, emea"]
    assert ana.note.value == "Met at PyCon;\nlikes tea, coffee"
    assert ana.uid.value == "urn:uuid:ana-1"
    assert ana.bday.value == "1604-04-15" and ana.bday.params["X-APPLE-OMIT-YEAR"] == ["1604"]
    assert ana.n.value.given == "Ana" and ana.n.value.family == "Ruiz"
    bo = cards["Bo Berg"]
    assert bo.bday.value == "1990-02-03"
    assert bo.uid.value == Store(db).snapshot().contacts[1].uid  # no external id: our uid
    archived = cli("export", "vcard", "--archived", "--vcard-version", "4.0").stdout
    four = {c.fn.value: c for c in vobject.readComponents(archived)}
    assert "Cy Old" in four and four["Ana Ruiz"].version.value == "4.0"
    assert four["Ana Ruiz"].bday.value == "--0415"


def test_exported_vcard_reimports_as_a_no_op(cli, make_store, db: Path, tmp_path: Path) -> None:
    make_store(sample_world())
    out = tmp_path / "all.vcf"
    assert cli("export", "vcard", "-o", str(out)).exit_code == 0
    before = db.read_bytes()
    r = cli("import", "vcard", str(out))
    assert r.exit_code == 0, r.output
    assert "0 new, 0 updated, 3 unchanged" in r.stdout
    assert db.read_bytes() == before
    fresh = tmp_path / "fresh.json"
    assert "3 new" in cli("--db", str(fresh), "import", "vcard", str(out)).stdout
    ana = next(c for c in Store(fresh).snapshot().contacts if c.name == "Ana Ruiz")
    assert (ana.birthday, ana.tags, ana.notes, ana.external_id) == (
        "--04-15",
        ("partner", "sales, emea"),
        "Met at PyCon;\nlikes tea, coffee",
        "urn:uuid:ana-1",
    )


def test_ics_parses_and_every_component_is_complete(cli, make_store) -> None:
    make_store(sample_world())
    r = cli("export", "ics")
    assert r.exit_code == 0
    cal = Calendar.from_ical(r.stdout_bytes)
    assert str(cal["VERSION"]) == "2.0" and "networkhabit" in str(cal["PRODID"])
    comps = [c for c in cal.walk() if c.name in ("VTODO", "VEVENT")]
    assert comps
    for comp in comps:
        assert comp.get("UID") and comp.get("DTSTAMP") is not None and comp.get("SUMMARY")
    assert len({str(c["UID"]) for c in comps}) == len(comps)
    todos = {str(c["SUMMARY"]): c for c in cal.walk("VTODO")}
    follow = todos["Follow up with Ana Ruiz"]
    assert follow.decoded("DUE") == TODAY.replace(day=23) and "send deck" in str(
        follow["DESCRIPTION"]
    )
    assert "Follow up with Bo Berg" not in todos  # done
    # Ana: last touch 5 days ago + 14 → due in 9 days; Bo snoozed until 2027-01-01.
    assert todos["Reach out to Ana Ruiz"].decoded("DUE") == date(2026, 11, 29)
    assert todos["Reach out to Bo Berg"].decoded("DUE") == date(2027, 1, 1)
    assert not any("Dee" in s or "Cy" in s for s in todos)  # prospects and archived: no
    births = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    assert births["Birthday: Ana Ruiz"].decoded("DTSTART") == date(2027, 4, 15)
    assert births["Birthday: Bo Berg"]["RRULE"]["FREQ"] == ["YEARLY"]
    events = Calendar.from_ical(cli("export", "ics", "--events").stdout_bytes)
    assert not list(events.walk("VTODO"))
    assert any(str(e["SUMMARY"]) == "Follow up with Ana Ruiz" for e in events.walk("VEVENT"))


def test_csv_contacts_and_touches_escape_formulas(cli, make_store) -> None:
    make_store(sample_world())
    r = cli("export", "csv")
    assert r.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert [row["name"] for row in rows] == ["Ana Ruiz", "Bo Berg", "Cy Old", "Dee Prospect"]
    ana, bo = rows[0], rows[1]
    assert ana["tags"] == "partner; sales, emea" and ana["phone"] == "'+34 600"
    assert ana["notes"] == "Met at PyCon;\nlikes tea, coffee" and ana["cadence_days"] == "14"
    assert ana["birthday"] == "'--04-15" and ana["touches"] == "2"
    assert bo["company"] == '\'=HYPERLINK("http://evil")'
    assert rows[2]["archived"] == "yes" and rows[3]["known"] == "no"
    touches = list(csv.DictReader(io.StringIO(cli("export", "csv", "--what", "touches").stdout)))
    assert [t["date"] for t in touches] == [
        days_ago(5).isoformat(),
        days_ago(20).isoformat(),
        days_ago(40).isoformat(),
    ]
    assert touches[0]["contacts"] == "Ana Ruiz; Bo Berg" and touches[0]["note"] == "'@team -sync"


def test_safe_cell() -> None:
    for raw in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert safe_cell(raw) == "'" + raw
    assert safe_cell("plain") == "plain" and safe_cell(30) == "30" and safe_cell(None) == ""


def test_output_file_is_private_and_replaced_atomically(cli, make_store, tmp_path: Path) -> None:
    make_store(sample_world())
    out = tmp_path / "out" / "contacts.csv"
    out.parent.mkdir()
    out.write_text("old")
    os.chmod(out, 0o644)
    r = cli("export", "csv", "-o", str(out))
    assert r.exit_code == 0 and "exported 4 contacts as csv" in r.stdout
    assert out.read_text().startswith("uid,name,")
    assert out.stat().st_mode & 0o777 == 0o600
    assert os.listdir(out.parent) == ["contacts.csv"]  # no temp file left


def test_output_errors(cli, make_store, db: Path, tmp_path: Path) -> None:
    make_store(sample_world())
    before = db.read_bytes()
    for target, needle in [
        (tmp_path, "is a folder"),
        (tmp_path / "missing" / "x.json", "does not exist"),
        (db, "is the store itself"),
    ]:
        r = cli("export", "json", "-o", str(target))
        assert r.exit_code == 1 and needle in r.stderr and str(target) in r.stderr
        assert len(r.stderr.strip().splitlines()) == 1
    assert db.read_bytes() == before


def test_export_of_an_empty_store(cli) -> None:
    assert json.loads(cli("export", "json").stdout)["contacts"] == []
    assert cli("export", "vcard").stdout == ""
    assert Calendar.from_ical(cli("export", "ics").stdout_bytes).walk("VTODO") == []
