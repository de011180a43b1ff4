"""`import google`: columns by name, numbered groups, labels as tags, birthdays, old layout."""

from __future__ import annotations

from pathlib import Path

from networkhabit.domain.model import Contact
from networkhabit.importers import google
from networkhabit.store import Store

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "google_contacts.csv"

OLD_HEADER = (
    "Name,Given Name,Additional Name,Family Name,Nickname,Birthday,Notes,Group Membership,"
    "E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,"
    "Organization 1 - Type,Organization 1 - Name,Organization 1 - Title,"
    "Website 1 - Type,Website 1 - Value\n"
)


def by_name(db: Path) -> dict[str, Contact]:
    return {c.name: c for c in Store(db).snapshot().contacts}


def test_sample_every_field(cli, db: Path) -> None:
    r = cli("import", "google", str(SAMPLE))
    assert r.exit_code == 0, r.output
    assert "2 new, 0 updated" in r.stdout
    people = by_name(db)
    grace = people["Grace Hopper"]
    assert (grace.company, grace.title, grace.email, grace.phone) == (
        "Navy Labs",
        "Rear Admiral",
        "grace@example.mil",
        "+1 555 0100",
    )
    assert grace.birthday == "1906-12-09"
    assert grace.notes == "Met at the compilers meetup.\nLoves nanoseconds."
    assert grace.tags == ("Mentors",)  # "* myContacts" is Google's own
    assert grace.source == "google" and grace.url == "" and grace.cadence_days is None
    linus = people["Linus Berg"]
    assert linus.birthday == "--04-15"
    assert linus.tags == ("Friends", "Designers")
    assert (linus.email, linus.company, linus.url) == (
        "linus@example.se",
        "Initech",
        "https://www.linkedin.com/in/linusberg",
    )
    before = db.read_bytes()
    assert "0 new, 0 updated, 2 unchanged" in cli("import", "google", str(SAMPLE)).stdout
    assert db.read_bytes() == before


def test_second_email_matches_an_existing_contact(cli, db: Path) -> None:
    assert (
        cli("add", "L. Berg", "--email", "LBERG@initech.example", "--tag", "friend").exit_code == 0
    )
    r = cli("import", "google", str(SAMPLE))
    assert "1 new, 1 updated" in r.stdout
    linus = by_name(db)["Linus Berg"]
    assert linus.email == "LBERG@initech.example"  # still one of theirs: kept
    assert linus.tags == ("friend", "Friends", "Designers")


def test_old_layout_group_membership_and_multi_values(cli, db: Path, tmp_path: Path) -> None:
    f = tmp_path / "old.csv"
    f.write_text(
        OLD_HEADER + "Kai Tanaka,Kai,,Tanaka,,1990-01-31,,* My Contacts ::: * Starred ::: Clients,"
        "* Home,kai@home.example ::: kai@alt.example,Mobile,+81 3 0000,,Soylent,Founder,"
        "Blog,https://kai.example\n"
        + ",,,,Nick,,,* My Contacts,,,,,,,,,\n"
        + ",,,,,,,,,,,,,Orgonly Inc,,,\n",
        encoding="utf-16",
    )
    r = cli("import", "google", str(f))
    assert r.exit_code == 0, r.output
    people = by_name(db)
    kai = people["Kai Tanaka"]
    assert kai.tags == ("Starred", "Clients")
    assert (kai.email, kai.phone, kai.company, kai.title, kai.url, kai.birthday) == (
        "kai@home.example",
        "+81 3 0000",
        "Soylent",
        "Founder",
        "https://kai.example",
        "1990-01-31",
    )
    assert "Nick" in people and people["Nick"].tags == ()
    assert people["Orgonly Inc"].company == "Orgonly Inc"


def test_name_fallbacks_and_skips(tmp_path: Path) -> None:
    f = tmp_path / "g.csv"
    f.write_text(
        "First Name,Middle Name,Last Name,Nickname,File As,Organization Name,Labels,"
        "E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value\n"
        "Ana,Maria,Ruiz,,,,,,,,\n"
        ',,,,"Ruiz, Ana",,,,,,\n'
        ",,,,,,,Work,nobody@example.org,,\n"
        ",,,,,,,,,,\n"
        "Bo,,,,,,* myContacts,Home,bo@home.example,* Work,bo@work.example\n"
    )
    parsed = google.parse(f)
    names = [p.name for p in parsed.people]
    assert names == ["Ana Maria Ruiz", "Ruiz, Ana", "nobody@example.org", "Bo"]
    assert parsed.people[2].named_from == "e-mail"  # no name at all: named after the e-mail
    assert parsed.skipped == {} and parsed.rows == 4  # (a row of empty cells is no row)
    assert parsed.people[3].emails == ("bo@work.example", "bo@home.example")  # "* " = primary


def test_reimport_keeps_what_the_user_added(cli, db: Path) -> None:
    assert cli("import", "google", str(SAMPLE)).exit_code == 0
    grace = by_name(db)["Grace Hopper"]
    r = cli(
        "edit",
        "Grace Hopper",
        "--tag",
        ",".join([*grace.tags, "vip"]),
        "--every",
        "30d",
        "--needs",
        "hiring",
        "--note",
        grace.notes + "\n\nAsked about the COBOL book.",
    )
    assert r.exit_code == 0, r.output
    edited = by_name(db)["Grace Hopper"]
    r = cli("import", "google", str(SAMPLE))
    assert r.exit_code == 0 and "0 new, 0 updated, 2 unchanged" in r.stdout, r.output
    assert by_name(db)["Grace Hopper"] == edited
    assert edited.cadence_days == 30 and "vip" in edited.tags
    assert edited.notes.endswith("Asked about the COBOL book.")
