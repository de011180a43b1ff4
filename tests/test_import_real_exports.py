"""What phones, mail programs and LinkedIn really write (issue 14): one synthetic fixture per
quirk in tests/fixtures/imports/, each imported twice — exit 0, the second time 0 new and
0 updated, nothing written — with its fields checked."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from networkhabit.domain.model import Contact
from networkhabit.store import Store

FIX = Path(__file__).parent / "fixtures" / "imports"
DATA = Path(__file__).parent / "data"
CLI = Callable[..., Result]


def import_twice(cli: CLI, db: Path, source: str, name: str) -> dict[str, Any]:
    """Import a fixture twice; the first report. The second adds and changes nothing."""
    first = cli("import", source, str(FIX / name), "--json")
    assert first.exit_code == 0, first.output
    assert first.stderr == ""
    before = db.read_bytes()
    second = cli("import", source, str(FIX / name), "--json")
    assert second.exit_code == 0, second.output
    again = json.loads(second.stdout)
    assert (again["new"], again["updated"], again["written"]) == (0, 0, False), again
    assert db.read_bytes() == before
    return json.loads(first.stdout)


def people(db: Path) -> dict[str, Contact]:
    return {c.name: c for c in Store(db).snapshot().contacts}


# -- vCard ------------------------------------------------------------------------------------


def test_iphone_cr_cr_lf_line_ends(cli: CLI, db: Path) -> None:
    doc = import_twice(cli, db, "vcard", "vcard_iphone_cr_cr_lf.vcf")
    assert doc["new"] == 2 and doc["skipped_rows"] == []
    nia, per = people(db)["Nia Okafor"], people(db)["Per Lind"]
    assert (nia.company, nia.email, nia.name_parts) == (
        "Example Bakery",
        "nia@example.com",
        ("Okafor", "Nia", "", "", ""),
    )
    assert per.phone == "+46 70 555 0101"


def test_a_stray_line_is_left_out_and_reported_by_its_line(cli: CLI, db: Path) -> None:
    doc = import_twice(cli, db, "vcard", "vcard_stray_comment_line.vcf")
    assert doc["new"] == 2
    assert [(r["line"], r["reason"]) for r in doc["skipped_rows"]] == [
        (6, "line left out"),
        (10, "line left out"),
    ]
    assert "'# TODO: phone' in card 2 ('Ben Example')" in doc["skipped_rows"][1]["detail"]
    assert people(db)["Ben Example"].email == "ben@example.com"
    r = cli("import", "vcard", str(FIX / "vcard_stray_comment_line.vcf"))
    assert "2 skipped (line left out — line 6: '# exported by Example Contacts 2.3'" in r.stdout


def test_a_bad_card_is_skipped_and_the_rest_imported(cli: CLI, db: Path) -> None:
    doc = import_twice(cli, db, "vcard", "vcard_one_bad_card.vcf")
    assert doc["new"] == 2 and sorted(people(db)) == ["Cleo Example", "Dan Example"]
    [row] = doc["skipped_rows"]
    assert (row["line"], row["reason"]) == (6, "broken card")
    assert row["detail"].startswith("card 2 ('Broken Example') is not a valid vCard")
    r = cli("import", "vcard", str(FIX / "vcard_one_bad_card.vcf"))
    assert "1 skipped (broken card — line 6: card 2 ('Broken Example')" in r.stdout


def test_lotus_notes_profile_line(cli: CLI, db: Path) -> None:
    import_twice(cli, db, "vcard", "vcard_lotus_notes_profile.vcf")
    elise = people(db)["Elise Moreau"]
    assert (elise.company, elise.email) == ("Example Notes Ltd", "elise@example.com")


def test_quoted_printable_soft_break_keeps_the_space_after_it(cli: CLI, db: Path) -> None:
    import_twice(cli, db, "vcard", "vcard21_qp_soft_break_space.vcf")
    assert people(db)["Finn Quist"].notes == "Asked me to come to the launch party next spring."


def test_declared_charset_shift_jis(cli: CLI, db: Path) -> None:
    assert b"\x8d\xb2" in (FIX / "vcard21_shift_jis.vcf").read_bytes()  # not UTF-8
    import_twice(cli, db, "vcard", "vcard21_shift_jis.vcf")
    hanako = people(db)["佐藤 花子"]
    assert (hanako.company, hanako.notes, hanako.email) == (
        "例示商事",
        "展示会で会った",
        "hanako@example.com",
    )
    assert hanako.name_parts[:2] == ("佐藤", "花子")


def test_cards_without_a_name_are_named_after_company_email_or_phone(cli: CLI, db: Path) -> None:
    doc = import_twice(cli, db, "vcard", "vcard_android_no_name.vcf")
    assert doc["named_after"] == [
        {"line": 1, "name": "Example Plumbing", "from": "company"},
        {"line": 6, "name": "front.desk@example.com", "from": "e-mail"},
        {"line": 10, "name": "+1 555 0199", "from": "phone"},
    ]
    assert doc["skipped_rows"] == [{"line": 14, "reason": "no name", "detail": ""}]
    assert "3 cards without a name, named after their company, e-mail or phone" in doc["summary"]
    found = people(db)
    assert found["Example Plumbing"].company == "Example Plumbing"
    assert found["Example Plumbing"].phone == "+1 555 0100"
    assert found["front.desk@example.com"].email == "front.desk@example.com"
    assert found["+1 555 0199"].phone == "+1 555 0199"


def test_structured_names_are_kept(cli: CLI, db: Path) -> None:
    import_twice(cli, db, "vcard", "vcard_structured_names.vcf")
    found = people(db)
    assert found["Dr. Jon Q. Example, III"].name_parts == ("Example", "Jon", "Q.", "Dr.", "III")
    assert found["Elena Sandvik, CFP®, AAMS™"].name_parts == (
        "Sandvik",
        "Elena",
        "",
        "",
        "CFP®, AAMS™",
    )


# -- Google CSV -------------------------------------------------------------------------------


def test_google_rows_sharing_one_email_stay_two_people(cli: CLI, db: Path, tmp_path: Path) -> None:
    doc = import_twice(cli, db, "google", "google_shared_email.csv")
    assert doc["new"] == 3
    found = people(db)
    assert sorted(found) == ["Maya Example", "Office Front Desk", "Theo Example"]
    assert found["Maya Example"].email == found["Theo Example"].email == "family@example.com"
    assert found["Office Front Desk"].email == "office@example.com"
    # The rows the other way round too: whichever of the two the store holds first, the
    # shared address must not take a row to the other person.
    header, *rows = (FIX / "google_shared_email.csv").read_text().splitlines()
    flipped = tmp_path / "flipped.csv"
    flipped.write_text("\n".join([header, *reversed(rows)]) + "\n")
    for _ in range(2):
        r = cli("import", "google", str(flipped))
        assert "0 new, 0 updated, 3 unchanged" in r.stdout, r.output
    assert people(db) == found


def test_an_email_two_contacts_share_matches_neither(cli: CLI, db: Path, tmp_path: Path) -> None:
    assert cli("import", "google", str(FIX / "google_shared_email.csv")).exit_code == 0
    f = tmp_path / "one.csv"
    f.write_text(
        "First Name,Last Name,Labels,E-mail 1 - Label,E-mail 1 - Value\n"
        "Ivy,Example,* myContacts,Home,family@example.com\n"
    )
    r = cli("import", "google", str(f))
    assert r.exit_code == 0 and "1 new, 0 updated" in r.stdout, r.output
    assert sorted(people(db))[:3] == ["Ivy Example", "Maya Example", "Office Front Desk"]
    # An address one person has still matches: a renamed contact is found by it.
    g = tmp_path / "renamed.csv"
    g.write_text(
        "First Name,Last Name,Labels,E-mail 1 - Label,E-mail 1 - Value\n"
        "Office,Reception,* myContacts,Work,office@example.com\n"
    )
    r = cli("import", "google", str(g))
    assert "0 new, 1 updated" in r.stdout, r.output
    assert "Office Reception" in people(db) and "Office Front Desk" not in people(db)


def test_google_cjk_name_as_written(cli: CLI, db: Path) -> None:
    import_twice(cli, db, "google", "google_cjk_name.csv")
    wang = people(db)["二狗王"]
    assert (wang.email, wang.name_parts) == ("ergou@example.com", ("王", "二狗", "", "", ""))
    out = cli("export", "vcard").stdout
    assert "FN:二狗王" in out and "N:王;二狗;;;" in out


def test_google_several_organisations(cli: CLI, db: Path) -> None:
    import_twice(cli, db, "google", "google_several_orgs.csv")
    rosa = people(db)["Rosa Example"]
    assert (rosa.company, rosa.title) == ("Example Labs", "CTO")
    assert rosa.notes == (
        "Also: Lecturer at Example University; Board member at Example Foundation"
    )


# -- LinkedIn ---------------------------------------------------------------------------------


@pytest.mark.parametrize("source", ["linkedin", "csv"])
def test_linkedin_2016_2018_archive(cli: CLI, db: Path, source: str) -> None:
    doc = import_twice(cli, db, source, "linkedin_2017_connections.csv")
    assert doc["source"] == "linkedin" and doc["new"] == 2
    sam, tara = people(db)["Sam Example"], people(db)["Tara Example"]
    assert sam.created.isoformat() == "2018-01-08" and tara.created.isoformat() == "2017-12-31"
    assert (sam.email, sam.company, sam.title) == ("sam@example.com", "Example Corp", "Engineer")
    assert sam.url == "https://sam.example.com"
    assert sam.notes == "Address: 12 Example Street, Springfield"


@pytest.mark.parametrize("source", ["linkedin", "csv"])
def test_linkedin_contacts_csv_is_refused_naming_the_right_file(
    cli: CLI, db: Path, source: str
) -> None:
    assert cli("add", "Someone Example").exit_code == 0
    before = db.read_bytes()
    r = cli("import", source, str(FIX / "linkedin_Contacts.csv"))
    assert r.exit_code == 1
    [line] = r.stderr.strip().splitlines()
    assert "this is LinkedIn's Contacts.csv" in line and "import Connections.csv" in line
    assert db.read_bytes() == before


# -- Outlook and other CSV --------------------------------------------------------------------


@pytest.mark.parametrize("source", ["outlook", "csv"])
def test_outlook_csv(cli: CLI, db: Path, source: str) -> None:
    raw = (FIX / "outlook_contacts.csv").read_bytes()
    assert "José".encode("cp1252") in raw  # classic Outlook: the Windows code page
    doc = import_twice(cli, db, source, "outlook_contacts.csv")
    assert doc["source"] == "outlook" and doc["new"] == 3
    found = people(db)
    jose = found["José A. Example Jr."]
    assert (jose.company, jose.title, jose.email, jose.phone) == (
        "Example Clinic",
        "Physician",
        "jose@example.com",
        "+1 555 0111",  # the mobile first
    )
    assert (jose.birthday, jose.tags, jose.url) == (
        "1985-04-15",
        ("Clients", "VIP"),
        "https://www.linkedin.com/in/jose-example",
    )
    assert jose.notes == "Prefers e-mail.\nCafé on Fridays." and jose.source == "outlook"
    assert jose.name_parts == ("Example", "José", "A.", "Dr.", "Jr.")
    kim = found["Kim Example"]
    assert kim.email == "kim@example.com" and kim.birthday is None  # Exchange address left out
    assert found["Example Supplies"].phone == "+1 555 0120"
    assert doc["named_after"] == [{"line": 5, "name": "Example Supplies", "from": "company"}]


def test_import_csv_names_the_layout_it_found(cli: CLI, db: Path) -> None:
    for name, layout in [
        ("outlook_contacts.csv", "Outlook"),
        ("google_cjk_name.csv", "Google Contacts"),
        ("linkedin_2017_connections.csv", "LinkedIn"),
    ]:
        r = cli("import", "csv", str(FIX / name))
        assert r.exit_code == 0 and f"{name} ({layout} layout): " in r.stdout, r.output
    r = cli("import", "csv", str(DATA / "linkedin_Connections.csv"))  # after its preamble
    assert r.exit_code == 0 and "(LinkedIn layout): 5 new" in r.stdout, r.output


def test_the_specific_commands_refuse_an_outlook_file(cli: CLI, db: Path, tmp_path: Path) -> None:
    f = tmp_path / "outlook.csv"  # (in UTF-8, as Outlook.com writes it)
    f.write_text((FIX / "outlook_contacts.csv").read_text(encoding="cp1252"), encoding="utf-8")
    r = cli("import", "linkedin", str(f))
    assert (
        r.exit_code == 1 and "this is an Outlook CSV; import it with 'import outlook'" in r.stderr
    )
    r = cli("import", "google", str(f))
    assert r.exit_code == 1 and "not a Google Contacts CSV" in r.stderr
    assert not db.exists()
    assert "3 new" in cli("import", "outlook", str(f)).stdout


def test_import_csv_refuses_a_csv_of_another_kind(cli: CLI, db: Path, tmp_path: Path) -> None:
    f = tmp_path / "sales.csv"
    f.write_text("Region,Quarter,Revenue\nNorth,Q1,100\n")
    r = cli("import", "csv", str(f))
    assert r.exit_code == 1
    [line] = r.stderr.strip().splitlines()
    assert "sales.csv: not a contacts CSV this knows" in line
    assert not db.exists()


@pytest.mark.parametrize("source", ["google", "csv"])
def test_cr_only_line_ends(cli: CLI, db: Path, source: str) -> None:
    raw = (FIX / "google_mac_cr_only.csv").read_bytes()
    assert b"\n" not in raw and raw.count(b"\r") == 4
    import_twice(cli, db, source, "google_mac_cr_only.csv")
    vera = people(db)["Vera Example"]
    assert vera.notes == "Met at the fair.\nSends a card every year."
    assert (vera.tags, vera.company) == (("Press",), "Example Press")
    assert people(db)["Walt Example"].email == "walt@example.com"


# -- every import -----------------------------------------------------------------------------


def test_every_import_lists_each_skipped_row_with_its_line(
    cli: CLI, db: Path, tmp_path: Path
) -> None:
    r = cli("import", "linkedin", str(DATA / "linkedin_Connections.csv"), "--json")
    rows = json.loads(r.stdout)["skipped_rows"]
    assert [(x["reason"], x["line"] > 1) for x in rows] == [("hidden profile", True)]
    outlook = tmp_path / "outlook.csv"
    outlook.write_text(
        '"First Name","Last Name","E-mail Address","Job Title"\n'
        '"Ana","Example","ana@example.com","CEO"\n'
        '"","","",""\n'
        '"Bo","Example","bo@example.com","CTO","stray","cells"\n'
        '"","","","Intern"\n'
    )
    doc = json.loads(cli("import", "outlook", str(outlook), "--json").stdout)
    assert doc["new"] == 1
    assert doc["skipped_rows"] == [
        {
            "line": 4,
            "reason": "row that cannot be read",
            "detail": "6 cells where the header has 4",
        },
        {"line": 5, "reason": "no name", "detail": ""},
    ]
    assert doc["skipped_reasons"] == {"no name": 1, "row that cannot be read": 1}


def test_export_vcard_then_import_vcard_gives_the_same_names_split_the_same_way(
    cli: CLI, db: Path, tmp_path: Path
) -> None:
    for source, name in [
        ("vcard", "vcard_structured_names.vcf"),
        ("google", "google_cjk_name.csv"),
        ("outlook", "outlook_contacts.csv"),
        ("vcard", "vcard21_shift_jis.vcf"),
    ]:
        assert cli("import", source, str(FIX / name)).exit_code == 0
    for typed in ("Dr. Mara Example, PhD", "Ludwig van Example", "Martin Example Jr.", "Cher"):
        assert cli("add", typed).exit_code == 0
    first = tmp_path / "first.vcf"
    assert cli("export", "vcard", "-o", str(first)).exit_code == 0
    text = first.read_text(encoding="utf-8")
    for n in (
        "N:Example;Jon;Q.;Dr.;III",  # as imported
        "N:Sandvik;Elena;;;CFP®\\, AAMS™",
        "N:Example;José;A.;Dr.;Jr.",
        "N:Example;Mara;;Dr.;PhD",  # typed: prefix and post-nominal split off
        "N:van Example;Ludwig;;;",
        "N:Example;Martin;;;Jr.",
        "N:;Cher;;;",
    ):
        assert n in text.splitlines(), n

    other = tmp_path / "other" / "networkhabit.json"
    r = cli("--db", str(other), "import", "vcard", str(first))
    assert r.exit_code == 0, r.output
    before = {c.name: export_parts(c) for c in Store(db).snapshot().contacts}
    after = {c.name: export_parts(c) for c in Store(other).snapshot().contacts}
    assert after == before
    second = tmp_path / "second.vcf"
    assert cli("--db", str(other), "export", "vcard", "-o", str(second)).exit_code == 0
    assert second.read_bytes() == first.read_bytes()


def export_parts(c: Contact) -> tuple[str, ...]:
    from networkhabit.importers.export import name_parts

    return name_parts(c)


def test_unreadable_files_leave_the_store_byte_identical(
    cli: CLI, db: Path, tmp_path: Path
) -> None:
    assert cli("add", "Someone Example").exit_code == 0
    before = db.read_bytes()
    files = {
        "empty.csv": b"",
        "binary.vcf": bytes(range(256)) * 4,
        "latin1.csv": "First Name,Last Name,E-mail Address\nJosé,Ruiz,j@example.com\n".encode(
            "latin-1"
        ),
        "zip.csv": b"PK\x03\x04rest",
    }
    for name, raw in files.items():
        (tmp_path / name).write_bytes(raw)
    (tmp_path / "folder.csv").mkdir()
    for name in [*files, "folder.csv", "missing.csv"]:
        for source in ("csv", "outlook", "google", "linkedin", "vcard"):
            r = cli("import", source, str(tmp_path / name))
            assert r.exit_code == 1, (name, source, r.output)
            lines = r.stderr.strip().splitlines()
            assert len(lines) == 1 and name in lines[0], (name, source, r.stderr)
    assert db.read_bytes() == before


def test_the_import_commands_reach_the_store_only_through_actions() -> None:
    import ast

    source = (
        Path(__file__).resolve().parents[1] / "networkhabit" / "commands" / "io.py"
    ).read_text(encoding="utf-8")
    imported = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
    assert "networkhabit.actions.imports" in imported
    assert not [m for m in imported if m.startswith("networkhabit.store")]


# -- no file ends in a traceback --------------------------------------------------------------

FIXTURES = sorted(p.name for p in FIX.iterdir() if p.suffix in (".csv", ".vcf"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(FIXTURES),
    cut=st.integers(min_value=0, max_value=2_000),
    junk=st.binary(max_size=12),
    at=st.integers(min_value=0, max_value=2_000),
)
def test_a_damaged_export_is_read_or_refused_never_a_crash(
    name: str, cut: int, junk: bytes, at: int
) -> None:
    """Every importer, on a fixture cut short and with junk bytes spliced in: a ParsedFile or
    one InputError, nothing else."""
    from networkhabit.domain.errors import InputError
    from networkhabit.importers import detect, google, linkedin, outlook, vcard

    raw = (FIX / name).read_bytes()
    raw = raw[:cut] if cut < len(raw) else raw
    at = min(at, len(raw))
    damaged = raw[:at] + junk + raw[at:]
    with tempfile.TemporaryDirectory() as folder:
        f = Path(folder) / name
        f.write_bytes(damaged)
        for parse in (detect.parse, google.parse, linkedin.parse, outlook.parse, vcard.parse):
            try:
                parse(f)
            except InputError as exc:
                assert "\n" not in str(exc), str(exc)


@pytest.mark.parametrize(
    "name", ["outlook_contacts.csv", "linkedin_2017_connections.csv", "google_several_orgs.csv"]
)
def test_line_ends_do_not_matter(cli: CLI, db: Path, tmp_path: Path, name: str) -> None:
    raw = (FIX / name).read_bytes().replace(b"\r\n", b"\n")
    seen = []
    for i, end in enumerate((b"\n", b"\r\n", b"\r")):
        f = tmp_path / f"{i}-{name}"
        f.write_bytes(raw.replace(b"\n", end))
        other = tmp_path / f"store{i}" / "networkhabit.json"
        r = cli("--db", str(other), "import", "csv", str(f))
        assert r.exit_code == 0, r.output
        seen.append(
            sorted((c.name, c.email, c.company, c.notes) for c in Store(other).snapshot().contacts)
        )
    assert seen[0] == seen[1] == seen[2] and seen[0]


def test_a_renamed_contact_is_split_from_its_new_name(cli: CLI, db: Path, tmp_path: Path) -> None:
    card = tmp_path / "lotte.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:lotte-1\r\nN:van Dijk;Lotte;;;\r\n"
        "FN:Lotte van Dijk\r\nEND:VCARD\r\n"
    )
    assert cli("import", "vcard", str(card)).exit_code == 0
    r = cli("edit", "Lotte van Dijk", "--rename", "Lotte Example-Smit")
    assert r.exit_code == 0, r.output
    r = cli("import", "vcard", str(card))
    assert "0 new, 0 updated, 1 unchanged" in r.stdout, r.output  # the user's name stays
    [lotte] = Store(db).snapshot().contacts
    assert lotte.name == "Lotte Example-Smit"
    out = cli("export", "vcard").stdout.splitlines()
    assert "FN:Lotte Example-Smit" in out and "N:Example-Smit;Lotte;;;" in out


def test_name_parts_survive_export_json_and_import_json(cli: CLI, db: Path, tmp_path: Path) -> None:
    import_twice(cli, db, "vcard", "vcard_structured_names.vcf")
    backup = tmp_path / "backup.json"
    assert cli("export", "json", "-o", str(backup)).exit_code == 0
    other = tmp_path / "other" / "networkhabit.json"
    assert cli("--db", str(other), "import", "json", str(backup)).exit_code == 0
    restored = {c.name: c.name_parts for c in Store(other).snapshot().contacts}
    assert restored == {c.name: c.name_parts for c in Store(db).snapshot().contacts}
    assert restored["Dr. Jon Q. Example, III"] == ("Example", "Jon", "Q.", "Dr.", "III")


@pytest.mark.parametrize(
    ("typed", "parts"),
    [
        ("Dr. John Q. Public, III", ("Public", "John", "Q.", "Dr.", "III")),
        ("Elliot Sandvig, CFP®, AAMS™", ("Sandvig", "Elliot", "", "", "CFP®, AAMS™")),
        ("Martin Luther King Jr.", ("King", "Martin", "Luther", "", "Jr.")),
        ("Prof. Dr. Eva Weiss", ("Weiss", "Eva", "", "Prof. Dr.", "")),
        ("Jane Doe, PhD, MBA", ("Doe", "Jane", "", "", "PhD, MBA")),
        ("Ruiz, Ana", ("Ruiz", "Ana", "", "", "")),
        ("Ludwig van Beethoven", ("van Beethoven", "Ludwig", "", "", "")),
        ("Ana Ruiz", ("Ruiz", "Ana", "", "", "")),
        ("Madonna", ("", "Madonna", "", "", "")),
        ("Dr. Who", ("", "Who", "", "Dr.", "")),
    ],
)
def test_a_typed_name_is_split_into_vcard_parts(typed: str, parts: tuple[str, ...]) -> None:
    from networkhabit.importers.export import split_name

    assert split_name(typed) == parts
