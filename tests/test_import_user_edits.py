"""A re-import keeps the user's own edits: each contact remembers what its last import said."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

from networkhabit.domain.merge import Incoming, ParsedFile, merge_contact, plan_import
from networkhabit.domain.model import Contact
from networkhabit.store import Store
from networkhabit.store.codec import contact_from_doc, contact_to_doc
from tests.conftest import TODAY, person, world

DATA = Path(__file__).parent / "data"
CURRENT = DATA / "linkedin_Connections.csv"
GOOGLE = DATA / "google_contacts.csv"
VCARD = DATA / "contacts_v3.vcf"
OLU_ROW = "Olu,Adeyemi,https://www.linkedin.com/in/olu-adeyemi,olu@example.com,Globex,"


def by_name(db: Path) -> dict[str, Contact]:
    return {c.name: c for c in Store(db).snapshot().contacts}


def congratulations(cli) -> list[str]:
    items = json.loads(cli("today", "--json").stdout)["items"]
    return [i["title"] for i in items if i["kind"] == "congratulate"]


def test_an_unchanged_linkedin_file_keeps_the_users_edits(cli, db: Path, tmp_path: Path) -> None:
    assert cli("import", "linkedin", str(CURRENT)).exit_code == 0
    olu = by_name(db)["Olu Adeyemi"]
    assert dict(olu.imported)["company"] == "Globex"
    r = cli(
        "edit",
        "Olu Adeyemi",
        "--company",
        "Hooli",
        "--title",
        "Head of Sales",
        "--email",
        "olu@hooli.example",
    )
    assert r.exit_code == 0, r.output
    before = db.read_bytes()

    r = cli("import", "linkedin", str(CURRENT))
    assert r.exit_code == 0, r.output
    assert "0 new, 0 updated, 5 unchanged, 1 skipped (hidden profile)" in r.stdout
    assert "job change" not in r.stdout
    assert db.read_bytes() == before
    olu = by_name(db)["Olu Adeyemi"]
    assert (olu.company, olu.title, olu.email) == ("Hooli", "Head of Sales", "olu@hooli.example")
    assert olu.job_changed_on is None and congratulations(cli) == []
    report = json.loads(cli("import", "linkedin", str(CURRENT), "--json").stdout)
    assert (report["updated"], report["job_changes"], report["written"]) == (0, [], False)

    # The source changes the company: that is news, it wins over the edit and is reported.
    changed = tmp_path / "Connections.csv"
    text = CURRENT.read_text(encoding="utf-8-sig")
    assert OLU_ROW in text
    changed.write_text(
        text.replace(OLU_ROW, OLU_ROW.replace("Globex", "Initrode")), encoding="utf-8-sig"
    )
    r = cli("import", "linkedin", str(changed))
    assert r.exit_code == 0, r.output
    assert "0 new, 1 updated (job change: Olu Adeyemi now VP, Sales at Initrode)" in r.stdout
    olu = by_name(db)["Olu Adeyemi"]
    assert (olu.company, olu.title, olu.job_changed_on) == ("Initrode", "VP, Sales", TODAY)
    assert olu.previous_job == "Head of Sales at Hooli"
    # The e-mail the file still says as before stays the user's.
    assert olu.email == "olu@hooli.example"
    assert dict(olu.imported)["company"] == "Initrode"
    assert congratulations(cli) == ["Congratulate Olu Adeyemi"]
    # And that file again is no news.
    before = db.read_bytes()
    assert "0 new, 0 updated, 5 unchanged" in cli("import", "linkedin", str(changed)).stdout
    assert db.read_bytes() == before


def test_google_and_vcard_keep_edited_phone_birthday_and_name(cli, db: Path) -> None:
    assert cli("import", "google", str(GOOGLE)).exit_code == 0
    assert cli("import", "vcard", str(VCARD)).exit_code == 0
    edits = [
        ("Grace Hopper", "--phone", "+1 555 0199", "--birthday", "1906-12-10"),
        ("Grace Hopper", "--email", "grace@navy.example", "--title", "Admiral"),
        ("Ada Lovelace", "--phone", "+44 1", "--birthday", "1815-12-11", "--rename", "Ada L."),
    ]
    for args in edits:
        r = cli("edit", *args)
        assert r.exit_code == 0, r.output
    before = db.read_bytes()
    for source, path in (("google", GOOGLE), ("vcard", VCARD)):
        r = cli("import", source, str(path))
        assert r.exit_code == 0, r.output
        assert " 0 updated" in r.stdout and "job change" not in r.stdout, r.stdout
    assert db.read_bytes() == before
    people = by_name(db)
    grace, ada = people["Grace Hopper"], people["Ada L."]
    assert (grace.phone, grace.birthday, grace.email, grace.title) == (
        "+1 555 0199",
        "1906-12-10",
        "grace@navy.example",
        "Admiral",
    )
    assert (ada.phone, ada.birthday) == ("+44 1", "1815-12-11")
    assert congratulations(cli) == []


def test_a_contact_imported_before_remembers_nothing_and_merges_as_before(
    cli, make_store, db: Path
) -> None:
    # Imported by an older networkhabit, then edited: nothing tells the edit from the file.
    olu = person(
        "Olu Adeyemi",
        url="https://www.linkedin.com/in/olu-adeyemi",
        email="olu@hooli.example",
        company="Hooli",
        title="Head of Sales",
        source="linkedin",
    )
    assert olu.imported == ()
    make_store(world([olu]))
    r = cli("import", "linkedin", str(CURRENT))
    assert r.exit_code == 0, r.output
    assert "4 new, 1 updated (job change: Olu Adeyemi now VP, Sales at Globex)" in r.stdout
    after = by_name(db)["Olu Adeyemi"]
    assert (after.company, after.title, after.email) == ("Globex", "VP, Sales", "olu@example.com")
    assert after.previous_job == "Head of Sales at Hooli"
    assert congratulations(cli) == ["Congratulate Olu Adeyemi"]
    # From now on it remembers, and the next edit survives a re-import.
    assert dict(after.imported)["company"] == "Globex"
    assert cli("edit", "Olu Adeyemi", "--company", "Hooli").exit_code == 0
    before = db.read_bytes()
    assert " 0 updated" in cli("import", "linkedin", str(CURRENT)).stdout
    assert db.read_bytes() == before


def test_an_unchanged_old_contact_stays_untouched(cli, make_store, db: Path) -> None:
    olu = person(
        "Olu Adeyemi",
        url="https://www.linkedin.com/in/olu-adeyemi",
        email="olu@example.com",
        company="Globex",
        title="VP, Sales",
        created=date(2021, 8, 17),  # as the file's "Connected On"
    )
    make_store(world([olu]))
    r = cli("import", "linkedin", str(CURRENT), "--json")
    report = json.loads(r.stdout)
    assert (report["new"], report["updated"], report["unchanged"]) == (4, 0, 1)
    assert by_name(db)["Olu Adeyemi"] == olu  # not even what the file said is written


# -- the rule, field by field ----------------------------------------------------------------


def imported_from(inc: Incoming) -> Contact:
    """A contact as a first import of ``inc`` left it."""
    plan = plan_import(world([]), ParsedFile("vcard", [inc], rows=1), TODAY)
    [c] = plan.new
    return c


ANA = Incoming(
    "Ana Ruiz",
    company="Acme",
    title="CTO",
    emails=("ana@acme.example", "ana@home.example"),
    phones=("+1 555 0100",),
    url="https://example.org/ana",
    birthday="1990-04-15",
    notes="met at PyCon",
    tags=("vip", "python"),
)


def test_first_import_remembers_what_the_file_said() -> None:
    c = imported_from(ANA)
    assert dict(c.imported) == {
        "birthday": "1990-04-15",
        "company": "Acme",
        "email": "ana@acme.example, ana@home.example",
        "name": "Ana Ruiz",
        "notes": "met at PyCon",
        "phone": "+1 555 0100",
        "tags": "vip, python",
        "title": "CTO",
        "url": "https://example.org/ana",
    }
    # The store keeps it as an object, and a file of an older version has none.
    doc = contact_to_doc(c)
    assert doc["imported"] == dict(c.imported)
    assert contact_from_doc(json.loads(json.dumps(doc))) == c
    del doc["imported"]
    assert contact_from_doc(doc).imported == ()
    assert "imported" not in contact_to_doc(person("Bo"))


def test_edits_survive_the_same_file_and_lose_to_a_new_one() -> None:
    c = imported_from(ANA)
    edited = replace(
        c,
        name="Ana R.",
        company="Hooli",
        email="ana@hooli.example",
        phone="+1 555 0199",
        url="https://example.org/ana-r",
        birthday="1990-04-16",
        tags=("vip",),  # the user removed a tag the file brought
        notes="likes tea",  # and rewrote the notes
    )
    same, fields, job = merge_contact(edited, ANA, TODAY, "email")
    assert same is edited and fields == () and job == ""
    # Case and spacing are no news either.
    same, fields, _ = merge_contact(edited, replace(ANA, company=" ACME "), TODAY, "email")
    assert same is edited and fields == ()

    news = replace(ANA, company="Initech", emails=("ana@initech.example",), tags=("vip", "go"))
    new, fields, job = merge_contact(edited, news, TODAY, "email")
    assert fields == ("company", "email", "tags")
    assert (new.company, new.title, new.email) == ("Initech", "CTO", "ana@initech.example")
    assert new.tags == ("vip", "go") and new.notes == "likes tea"
    assert job == "now CTO at Initech" and new.previous_job == "CTO at Hooli"
    assert (new.name, new.phone, new.birthday) == ("Ana R.", "+1 555 0199", "1990-04-16")
    remembered = dict(new.imported)
    assert remembered["company"] == "Initech" and remembered["email"] == "ana@initech.example"
    assert remembered["phone"] == "+1 555 0100"


def test_a_new_company_brings_its_title_even_over_an_edited_one() -> None:
    c = replace(imported_from(ANA), title="Chief Technologist")
    new, fields, job = merge_contact(c, replace(ANA, company="Initech"), TODAY, "email")
    assert (new.company, new.title) == ("Initech", "CTO") and "title" in fields
    assert job == "now CTO at Initech" and new.previous_job == "Chief Technologist at Acme"
    # Without a new company an edited title stays.
    same, fields, job = merge_contact(c, ANA, TODAY, "email")
    assert same is c and job == ""


def test_an_empty_file_field_keeps_what_was_remembered() -> None:
    c = replace(imported_from(ANA), company="Hooli")
    quiet = Incoming("Ana Ruiz", emails=ANA.emails)
    same, fields, _ = merge_contact(c, quiet, TODAY, "email")
    assert same is c and fields == ()
    same, fields, job = merge_contact(c, ANA, TODAY, "email")
    assert same is c and job == ""


def test_json_import_neither_applies_nor_changes_what_was_remembered() -> None:
    c = replace(imported_from(ANA), company="Hooli")
    new, fields, _ = merge_contact(c, replace(ANA, uid=c.uid), TODAY, "uid", track=False)
    assert new.company == "Acme" and new.imported == c.imported and "company" in fields


def test_a_remembered_value_the_user_caught_up_with_is_remembered_quietly() -> None:
    c = replace(imported_from(ANA), company="Hooli")  # the user knew first
    hooli = replace(ANA, company="Hooli")
    plan = plan_import(world([c]), ParsedFile("vcard", [hooli], rows=1), TODAY)
    assert plan.updates == [] and plan.unchanged == 1 and plan.has_changes()
    [after] = plan.changed()
    assert after.company == "Hooli" and dict(after.imported)["company"] == "Hooli"
    # So a later edit survives that file.
    edited = replace(after, company="Initech")
    same, fields, job = merge_contact(edited, hooli, TODAY, "email")
    assert same is edited and fields == () and job == ""
