"""`import linkedin`: both layouts, re-import, job changes, dry runs, inferred colleague links."""

from __future__ import annotations

import io
import json
import sys
from datetime import date
from pathlib import Path

from networkhabit.domain.merge import MAX_COLLEAGUE_LINKS
from networkhabit.domain.model import Contact, Settings
from networkhabit.importers import linkedin
from networkhabit.store import Store
from tests.conftest import TODAY, person, tables_parsed, world

DATA = Path(__file__).parent / "data"
CURRENT = DATA / "linkedin_Connections.csv"
OLDER = DATA / "linkedin_Connections_2020.csv"
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def by_name(db: Path) -> dict[str, Contact]:
    return {c.name: c for c in Store(db).snapshot().contacts}


def test_current_layout_every_field(cli, db: Path) -> None:
    r = cli("import", "linkedin", str(CURRENT))
    assert r.exit_code == 0, r.output
    assert "5 new, 0 updated, 1 skipped (hidden profile)" in r.stdout
    people = by_name(db)
    assert sorted(people) == [
        "Ana Ruiz",
        "Mei Chen",
        "Olu Adeyemi",
        "Tomasz Kowalski",
        "Zoë Müller-Lüdenscheidt",
    ]
    ana = people["Ana Ruiz"]
    assert (ana.url, ana.company, ana.title, ana.email) == (
        "https://www.linkedin.com/in/ana-ruiz-4b1a2",
        "Northwind Traders",
        "Head of Partnerships",
        "",
    )
    assert ana.created == date(2024, 3, 12) and ana.source == "linkedin"
    assert ana.cadence_days is None and ana.known and ana.tags == ()
    tomasz = people["Tomasz Kowalski"]
    assert (tomasz.company, tomasz.title, tomasz.email, tomasz.created) == (
        "Kowalski & Sons, Ltd.",
        "Founder",
        "tomasz@example.org",
        date(2023, 1, 3),
    )
    assert people["Olu Adeyemi"].title == "VP, Sales"
    zoe = people["Zoë Müller-Lüdenscheidt"]
    assert (zoe.company, zoe.title, zoe.created) == ("Initech", "Designer", date(2024, 11, 30))
    # Ana and Mei both work at Northwind Traders: one inferred link.
    [link] = Store(db).snapshot().links
    assert link.source == "same-company" and {link.a, link.b} == {ana.uid, people["Mei Chen"].uid}


def test_older_layout_without_url(cli, db: Path) -> None:
    r = cli("import", "linkedin", str(OLDER))
    assert r.exit_code == 0, r.output
    assert "2 new" in r.stdout
    people = by_name(db)
    priya, sam = people["Priya Natarajan"], people["Sam O'Neil"]
    assert (priya.email, priya.company, priya.title, priya.url, priya.created) == (
        "priya@example.net",
        "Hooli",
        "Product Manager",
        "",
        date(2019, 9, 9),
    )
    assert (sam.company, sam.title, sam.created) == (
        "Vandelay Industries",
        "Importer/Exporter",
        date(2020, 2, 14),
    )


def test_reimport_writes_nothing(cli, db: Path) -> None:
    assert cli("import", "linkedin", str(CURRENT)).exit_code == 0
    before, mtime = db.read_bytes(), db.stat().st_mtime_ns
    r = cli("import", "linkedin", str(CURRENT))
    assert r.exit_code == 0
    assert "0 new, 0 updated, 5 unchanged, 1 skipped (hidden profile)" in r.stdout
    assert db.read_bytes() == before and db.stat().st_mtime_ns == mtime


def test_job_change_is_reported_updated_and_on_the_agenda(cli, db: Path, tmp_path: Path) -> None:
    assert cli("import", "linkedin", str(CURRENT)).exit_code == 0
    changed = tmp_path / "Connections.csv"
    changed.write_text(
        CURRENT.read_text(encoding="utf-8-sig").replace(
            "Northwind Traders,Head of Partnerships", "Hooli,CTO"
        ),
        encoding="utf-8-sig",
    )
    r = cli("import", "linkedin", str(changed))
    assert r.exit_code == 0, r.output
    assert "0 new, 1 updated (job change: Ana Ruiz now CTO at Hooli), 4 unchanged" in r.stdout
    ana = by_name(db)["Ana Ruiz"]
    assert (ana.company, ana.title, ana.job_changed_on) == ("Hooli", "CTO", TODAY)
    assert ana.previous_job == "Head of Partnerships at Northwind Traders"
    items = json.loads(cli("today", "--json").stdout)["items"]
    congrats = [i for i in items if i["kind"] == "congratulate"]
    assert [i["title"] for i in congrats] == ["Congratulate Ana Ruiz"]
    assert "CTO at Hooli" in congrats[0]["detail"]
    # Importing the changed file again changes nothing more.
    before = db.read_bytes()
    assert "0 new, 0 updated, 5 unchanged" in cli("import", "linkedin", str(changed)).stdout
    assert db.read_bytes() == before


def test_json_report(cli, tmp_path: Path) -> None:
    r = cli("import", "linkedin", str(CURRENT), "--json")
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    assert (doc["new"], doc["updated"], doc["skipped"], doc["links"]) == (5, 0, 1, 1)
    assert doc["skipped_reasons"] == {"hidden profile": 1}
    assert doc["written"] is True and doc["dry_run"] is False and doc["source"] == "linkedin"
    assert {c["name"] for c in doc["new_contacts"]} >= {"Ana Ruiz", "Mei Chen"}


def test_dry_run_writes_nothing(cli, db: Path) -> None:
    r = cli("import", "linkedin", str(CURRENT), "--dry-run")
    assert r.exit_code == 0
    assert r.stdout.startswith("dry run, nothing written") and "5 new" in r.stdout
    assert not db.exists()
    assert cli("import", "linkedin", str(OLDER)).exit_code == 0
    before = db.read_bytes()
    doc = json.loads(cli("import", "linkedin", str(CURRENT), "--dry-run", "--json").stdout)
    assert doc["new"] == 5 and doc["written"] is False and doc["dry_run"] is True
    assert db.read_bytes() == before


def test_two_people_with_one_name_stay_two(cli, db: Path, tmp_path: Path) -> None:
    f = tmp_path / "c.csv"
    f.write_text(
        HEADER + "John,Smith,https://www.linkedin.com/in/jsmith-acme,,Acme,CFO,01 Jan 2020\n"
        "John,Smith,https://www.linkedin.com/in/jsmith-globex,,Globex,Sales,02 Jan 2020\n"
    )
    assert "2 new" in cli("import", "linkedin", str(f)).stdout
    assert "0 new, 0 updated, 2 unchanged" in cli("import", "linkedin", str(f)).stdout
    labels = sorted(c["label"] for c in json.loads(cli("contacts", "--json").stdout))
    assert labels == ["John Smith (Acme)", "John Smith (Globex)"]


def test_matches_existing_contacts_by_url_then_name(cli, make_store, db: Path) -> None:
    make_store(
        world(
            [
                person(
                    "Ana R.",
                    url="HTTP://www.LinkedIn.com/in/ana-ruiz-4b1a2/?trk=abc",
                    tags=["partner"],
                    cadence_days=28,
                    created=date(2025, 1, 1),
                ),
                person(
                    "Mei Chen",
                    company="Northwind Traders",
                    notes="likes tea",
                    created=date(2026, 1, 1),
                ),
            ]
        )
    )
    r = cli("import", "linkedin", str(CURRENT))
    assert r.exit_code == 0, r.output
    assert "3 new, 2 updated" in r.stdout
    people = by_name(db)
    assert "Ana R." not in people and len(people) == 5
    ana = people["Ana Ruiz"]  # matched by URL: the name follows the profile
    assert ana.tags == ("partner",) and ana.cadence_days == 28 and ana.created == date(2024, 3, 12)
    assert ana.job_changed_on is None  # a first company is not a job change
    mei = people["Mei Chen"]  # matched by name: URL, title and the earlier date come in
    assert (mei.url, mei.title, mei.notes, mei.created) == (
        "https://www.linkedin.com/in/meichen",
        "Data Engineer",
        "likes tea",
        date(2025, 2, 28),
    )


def test_variations_semicolons_dates_and_utf16(cli, db: Path, tmp_path: Path) -> None:
    f = tmp_path / "semi.csv"
    f.write_text(
        "First Name;Last Name;Company;Position;Connected On\r\n"
        "Ines;Silva;Acme;CEO;Mar 12, 2024\r\n\r\nBo;Berg;Acme;CTO;2023-01-05\r\n",
        encoding="utf-8",
    )
    assert "2 new" in cli("import", "linkedin", str(f)).stdout
    people = by_name(db)
    assert people["Ines Silva"].created == date(2024, 3, 12)
    assert people["Bo Berg"].created == date(2023, 1, 5)
    g = tmp_path / "utf16.csv"
    g.write_text(
        HEADER + "Ida,Ørsted,https://linkedin.com/in/ida,,Acme,CFO,05 May 2022\n", encoding="utf-16"
    )
    assert "1 new" in cli("import", "linkedin", str(g)).stdout
    assert by_name(db)["Ida Ørsted"].url == "https://linkedin.com/in/ida"


def test_default_cadence_by_tag_only_with_tags(cli, make_store, db: Path) -> None:
    make_store(
        world([person("Someone")], settings=Settings(default_cadence_by_tag={"mentors": 30}))
    )
    assert cli("import", "linkedin", str(CURRENT)).exit_code == 0
    assert all(c.cadence_days is None for c in Store(db).snapshot().contacts)
    assert cli("import", "google", str(DATA / "google_contacts.csv")).exit_code == 0
    people = by_name(db)
    assert people["Grace Hopper"].cadence_days == 30  # tag "Mentors"
    assert people["Linus Berg"].cadence_days is None


def test_colleague_links_are_capped(cli, db: Path, tmp_path: Path) -> None:
    f = tmp_path / "big.csv"
    rows = [
        f"P{n},Big,https://www.linkedin.com/in/big-{n},,Megacorp,Engineer,01 Jan 2024\n"
        for n in range(40)
    ]
    f.write_text(HEADER + "".join(rows))
    r = cli("import", "linkedin", str(f))
    assert r.exit_code == 0
    snap = Store(db).snapshot()
    assert all(lk.source == "same-company" for lk in snap.links)
    assert len(snap.links) <= MAX_COLLEAGUE_LINKS * 40
    assert len({frozenset((lk.a, lk.b)) for lk in snap.links}) == len(snap.links)
    linked = {u for lk in snap.links for u in (lk.a, lk.b)}
    assert linked == {c.uid for c in snap.contacts}  # nobody at Megacorp is left out
    # A new colleague later links to the earliest ones, never to all 40.
    g = tmp_path / "one.csv"
    g.write_text(
        HEADER + "New,Hire,https://www.linkedin.com/in/new-hire,,Megacorp,Intern,01 Jan 2025\n"
    )
    before = len(snap.links)
    assert (
        f"1 new, 0 updated, {MAX_COLLEAGUE_LINKS} links (same company)"
        in cli("import", "linkedin", str(g)).stdout
    )
    assert len(Store(db).snapshot().links) == before + MAX_COLLEAGUE_LINKS


def test_large_file_with_json_output_has_no_progress_noise(cli, tmp_path: Path) -> None:
    f = tmp_path / "many.csv"
    f.write_text(
        HEADER
        + "".join(
            f"A{n},B,https://www.linkedin.com/in/ab-{n},,Co {n % 50},X,01 Jan 2024\n"
            for n in range(400)
        )
    )
    r = cli("import", "linkedin", str(f), "--json")
    assert r.exit_code == 0
    assert json.loads(r.stdout)["new"] == 400
    assert r.stderr == ""


def test_parser_counts_rows_and_reasons(tmp_path: Path) -> None:
    f = tmp_path / "c.csv"
    f.write_text(
        HEADER + ",,https://www.linkedin.com/in/x,,Acme,CEO,01 Jan 2020\n,,,,,,02 Jan 2020\n"
        "Solo,,,,,,03 Jan 2020\n"
    )
    parsed = linkedin.parse(f)
    assert parsed.rows == 3 and [p.name for p in parsed.people] == ["Solo"]
    assert parsed.skipped == {"no name": 1, "hidden profile": 1}


def test_progress_bar_only_on_a_terminal_for_big_files(monkeypatch) -> None:
    from networkhabit.commands import io as io_cmd

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    term = Terminal()
    monkeypatch.setattr(sys, "stderr", term)
    with io_cmd._progress(10, "importing") as progress:
        assert progress is None  # a small file: no bar
    with io_cmd._progress(io_cmd.PROGRESS_ROWS + 1, "importing") as progress:
        assert progress is not None
        progress(io_cmd.PROGRESS_ROWS + 1)
    assert "importing" in term.getvalue()
    monkeypatch.setattr(sys, "stderr", io.StringIO())  # not a terminal: never a bar
    with io_cmd._progress(5000, "importing") as progress:
        assert progress is None


def test_future_connection_dates_become_today(cli, db: Path, tmp_path: Path) -> None:
    f = tmp_path / "c.csv"
    f.write_text(HEADER + "Ana,Ruiz,https://www.linkedin.com/in/a,,Acme,CEO,01 Jan 2099\n")
    assert cli("import", "linkedin", str(f)).exit_code == 0
    assert by_name(db)["Ana Ruiz"].created == TODAY


def test_file_saved_again_by_a_spreadsheet(cli, db: Path) -> None:
    # CRLF line ends, a trailing empty line, an extra column, a position over two lines,
    # emoji and right-to-left names, and the dates Excel writes back (12-Mar-24, 3/12/2024 0:00,
    # 25/01/2023 in a day-first locale).
    r = cli("import", "linkedin", str(DATA / "linkedin_excel_resaved.csv"))
    assert r.exit_code == 0, r.output
    assert "4 new, 0 updated" in r.stdout
    people = by_name(db)
    assert people["Ana Ruiz"].created == date(2024, 3, 12)
    assert people["Mei Chen"].created == date(2024, 3, 12)
    assert people["Mei Chen"].title == "Senior Engineer Platform team"
    assert people["Дмитрий 🚀 Иванов"].created == date(2023, 1, 25)
    assert people["محمد العلي"].company == "شركة النور"
    assert cli("import", "linkedin", str(DATA / "linkedin_excel_resaved.csv")).stdout.endswith(
        "0 new, 0 updated, 4 unchanged\n"
    )


def test_an_import_of_new_people_leaves_the_stored_links_unread(
    cli, db: Path, tmp_path: Path, monkeypatch
) -> None:
    """Their links (same company) join new contacts only: the links table is neither
    decoded nor parsed — the new links are added to its bytes — and none is lost."""
    others = [person(f"Friend {n}") for n in range(40)]  # (a table of some size: ~8 KB)
    Store(db).replace_all(
        world(
            [person("Ana Ruiz", company="Hooli"), person("Bo Berg"), *others],
            links=[("Ana Ruiz", "Bo Berg"), *(("Bo Berg", c.name) for c in others)],
        )
    )
    parsed = tables_parsed(monkeypatch)
    csv = tmp_path / "Connections.csv"
    csv.write_text(HEADER + "Dee,Eng,,,Hooli,Engineer,01 Mar 2024\n", encoding="utf-8")
    r = cli("import", "linkedin", str(csv))
    assert r.exit_code == 0, r.output
    assert "1 new" in r.stdout and "1 link" in r.stdout
    assert "contacts" in parsed and "links" not in parsed
    names = {c.uid: c.name for c in Store(db).snapshot().contacts}
    pairs = {tuple(sorted((names[lk.a], names[lk.b]))) for lk in Store(db).snapshot().links}
    assert len(pairs) == 42 and {("Ana Ruiz", "Bo Berg"), ("Ana Ruiz", "Dee Eng")} <= pairs
