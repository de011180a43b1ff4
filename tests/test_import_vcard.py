"""`import vcard`: 3.0 and 4.0 cards, birthdays without a year, UID, RELATED as links."""

from __future__ import annotations

import json
from pathlib import Path

from networkhabit.domain.model import Contact
from networkhabit.importers import vcard
from networkhabit.store import Store

DATA = Path(__file__).parent / "data"
V3 = DATA / "contacts_v3.vcf"
V4 = DATA / "contacts_v4.vcf"
ADA_UID = "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1"


def by_name(db: Path) -> dict[str, Contact]:
    return {c.name: c for c in Store(db).snapshot().contacts}


def test_v3_cards_every_field(cli, db: Path) -> None:
    r = cli("import", "vcard", str(V3))
    assert r.exit_code == 0, r.output
    assert "2 new, 0 updated" in r.stdout
    people = by_name(db)
    ada = people["Ada Lovelace"]
    assert (ada.company, ada.title, ada.email, ada.phone) == (
        "Analytical Engines",
        "Programmer",
        "ada@example.org",
        "+44 20 7946 0018",
    )
    assert ada.url == "https://www.linkedin.com/in/adalovelace"
    assert ada.birthday == "1815-12-10" and ada.tags == ("Mentors", "Math")
    assert ada.notes == "Introduced by Charles. Interested in looms, music and\nnumbers."
    assert ada.external_id == ADA_UID and ada.source == "vcard"
    kenji = people["Kenji Ito"]
    assert kenji.birthday == "--07-21"  # X-APPLE-OMIT-YEAR=1604
    assert (
        kenji.notes
        == "A long note that is folded over two lines because vCard lines are limited to 75 octets."
    )
    assert (kenji.company, kenji.email, kenji.external_id) == ("Globex", "kenji@example.jp", "")


def test_v4_related_links_to_a_card_already_in_the_store(cli, db: Path) -> None:
    assert cli("import", "vcard", str(V3)).exit_code == 0
    r = cli("import", "vcard", str(V4))
    assert r.exit_code == 0, r.output
    assert "1 new, 0 updated, 1 link (from the file)" in r.stdout
    people = by_name(db)
    fatima = people["Fatima Zahra"]
    assert (fatima.company, fatima.title, fatima.email) == ("Hooli", "CTO", "fatima@hooli.example")
    assert fatima.birthday == "--03-02" and fatima.tags == ("Investors",)
    [link] = Store(db).snapshot().links
    assert {link.a, link.b} == {fatima.uid, people["Ada Lovelace"].uid}
    assert "colleague" in link.note
    before = db.read_bytes()
    assert "0 new, 0 updated, 1 unchanged" in cli("import", "vcard", str(V4)).stdout
    assert db.read_bytes() == before


def test_related_without_its_card_is_counted(cli, db: Path) -> None:
    r = cli("import", "vcard", str(V4))
    assert "1 new" in r.stdout and "1 skipped (relation to a card not found)" in r.stdout
    assert Store(db).snapshot().links == ()


def test_related_inside_one_file_and_uid_matching(cli, db: Path, tmp_path: Path) -> None:
    f = tmp_path / "both.vcf"
    f.write_text(V4.read_text() + V3.read_text())
    assert "3 new" in cli("import", "vcard", str(f)).stdout
    assert len(Store(db).snapshot().links) == 1
    # Same UID, changed details: updated, not duplicated.
    g = tmp_path / "ada.vcf"
    g.write_text(
        V3.read_text()
        .replace("ORG:Analytical Engines;Research", "ORG:Babbage & Co")
        .replace("FN:Ada Lovelace", "FN:Ada King")
    )
    r = cli("import", "vcard", str(g))
    assert "0 new, 1 updated (job change: Ada King now Programmer at Babbage & Co)" in r.stdout
    people = by_name(db)
    assert "Ada King" in people and "Ada Lovelace" not in people


def test_vcard_21_and_odd_values(tmp_path: Path) -> None:
    f = tmp_path / "old.vcf"
    f.write_text(
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;Zo=C3=AB;;;\r\n"
        "TEL;CELL:+49 1\r\nEMAIL;HOME:z@home.example\r\n"
        "EMAIL;TYPE=INTERNET;TYPE=pref:z@pref.example\r\n"
        "BDAY:19850412\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Kim Lee\r\nBDAY:--03-02\r\nURL:https://kim.example\r\n"
        "URL:https://www.linkedin.com/in/kimlee\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nEMAIL:ghost@example.org\r\nEND:VCARD\r\n"
    )
    parsed = vcard.parse(f)
    zoe, kim, ghost = parsed.people
    assert zoe.name == "Zoë Müller" and zoe.emails == ("z@pref.example", "z@home.example")
    assert zoe.birthday == "1985-04-12" and zoe.phones == ("+49 1",)
    assert zoe.name_parts == ("Müller", "Zoë", "", "", "")
    assert kim.birthday == "--03-02" and kim.url == "https://www.linkedin.com/in/kimlee"
    # A card with no name but an e-mail is named after it.
    assert (ghost.name, ghost.named_from) == ("ghost@example.org", "e-mail")
    assert parsed.skipped == {} and parsed.rows == 3


def test_apple_card_escaped_url_colon_and_photos_broken_or_not(cli, db: Path) -> None:
    # iOS writes `item1.URL:https\://…` (a escaped colon vobject keeps) and inline base64
    # photos; the second card's photo is truncated, which must not stop the import.
    parsed = vcard.parse(DATA / "apple_ios.vcf")
    johnny, kim = parsed.people
    assert johnny.url == "https://www.linkedin.com/in/johnny-appleseed"
    assert (johnny.company, johnny.title, johnny.birthday) == ("Apple Inc.", "Engineer", "--07-21")
    assert johnny.notes == "Met at WWDC, 2019\nLikes apples"
    assert johnny.tags == ("Friends", "Work") and johnny.phones == ("+1 (408) 555-0101",)
    assert kim.name == "Kim Baker" and kim.emails == ("kim@example.org",)
    # The profile URL matches the same person imported from LinkedIn: no duplicate.
    linkedin = DATA / "linkedin_johnny.csv"
    assert cli("import", "linkedin", str(linkedin)).exit_code == 0
    r = cli("import", "vcard", str(DATA / "apple_ios.vcf"))
    assert r.exit_code == 0, r.output
    assert "1 new, 1 updated" in r.stdout
    assert sorted(by_name(db)) == ["Johnny Appleseed", "Kim Baker"]


def test_android_21_quoted_printable_soft_breaks_and_bare_commas(cli, db: Path) -> None:
    # Android's vCard 2.1: QUOTED-PRINTABLE values broken with `=` at the line end, commas
    # left bare (2.1 does not escape them), TEL;WORK;PREF, unindented base64 photo lines.
    r = cli("import", "vcard", str(DATA / "android_21_qp.vcf"))
    assert r.exit_code == 0, r.output
    assert "2 new, 0 updated" in r.stdout
    people = by_name(db)
    jorg = people["Jörg Müller"]
    assert jorg.company == "Firma Ü"
    assert jorg.notes == (
        "Kennengelernt auf der Konferenz in München, spricht gern über Segelboote\nZweite Zeile"
    )
    assert jorg.phone == "+49 30 1234"  # the PREF one
    assert people["Nur Vorname"].phone == "0170 999"


def test_card_without_fn_takes_its_name_from_n(cli, db: Path) -> None:
    r = cli("import", "vcard", str(DATA / "vcard_no_fn.vcf"))
    assert r.exit_code == 0, r.output
    assert by_name(db)["Ada Lovelace"].email == "ada@example.org"


def test_a_broken_card_is_skipped_by_its_line_and_the_rest_imported(cli, db: Path) -> None:
    r = cli("import", "vcard", str(DATA / "vcard_second_card_unclosed.vcf"))
    assert r.exit_code == 0, r.output
    assert (
        "2 new, 0 updated, 1 skipped (broken card — line 5: card 2 ('Bo Lind') has no "
        "END:VCARD before the next BEGIN:VCARD (line 9))"
    ) in r.stdout
    assert sorted(by_name(db)) == ["Ana Ruiz", "Cy Young"]
    r = cli("import", "vcard", str(DATA / "vcard_third_card_bad_line.vcf"), "--json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert (doc["new"], doc["updated"], doc["unchanged"]) == (1, 0, 2)  # Bo is new
    assert doc["skipped_rows"] == [
        {
            "line": 12,
            "reason": "line left out",
            "detail": "'this line has no colon' in card 3 ('Cy Young') is not a vCard property",
        }
    ]


def test_cards_after_a_skipped_one_keep_their_number() -> None:
    text = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ana Ruiz\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Bo Lind\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Cy Young\noops\nEND:VCARD\n"
    )
    parsed = vcard.parse_text(text, "f.vcf")
    assert [p.name for p in parsed.people] == ["Ana Ruiz", "Cy Young"]
    assert [(line, detail.split(" is ")[0]) for line, _r, detail in parsed.skipped_rows] == [
        (5, "card 2 ('Bo Lind') has no END:VCARD before the next BEGIN:VCARD (line 8)"),
        (11, "'oops' in card 3 ('Cy Young')"),
    ]
