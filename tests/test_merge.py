"""``merge A B`` folds a duplicate into the contact to keep; ``doctor`` lists likely duplicates."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from networkhabit.actions import changes
from networkhabit.actions import merge as merging
from networkhabit.actions.session import Session
from networkhabit.domain.dedupe import likely_duplicates
from networkhabit.domain.model import Snapshot
from networkhabit.store import Store
from tests.conftest import days_ago, person

CLI = Callable[..., Result]

#: A LinkedIn export whose Ana has a new profile URL: the import makes a second Ana.
LINKEDIN = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Ana,Ruiz,https://www.linkedin.com/in/ana-ruiz-new,ana@example.com,Northwind Traders,"
    "Head of Partnerships,12 Mar 2024\n"
    "Tom,Berg,https://www.linkedin.com/in/tom-berg,,Initech,Engineer,12 Mar 2024\n"
)


def two_anas(cli: CLI, tmp_path: Path, db: Path) -> tuple[Path, str, str]:
    """Ana typed in by hand (old URL, a tag, a note, a touch with a follow-up, a link to Rita),
    and Ana #2 made by a LinkedIn import (new URL, e-mail, title), with a touch and a link to
    Tom. Returns the file and the uids (kept, duplicate)."""
    csv = tmp_path / "Connections.csv"
    csv.write_text(LINKEDIN, encoding="utf-8")
    assert cli("add", "Rita Gomez").exit_code == 0
    assert (
        cli(
            "add",
            "Ana Ruiz",
            "--company",
            "Northwind Traders",
            "--url",
            "https://www.linkedin.com/in/ana-ruiz-old",
            "--tag",
            "partner",
            "--note",
            "met at the summit",
            "--phone",
            "+1 555 0100",
        ).exit_code
        == 0
    )
    assert cli("log", "ana", "--note", "coffee", "--follow-up", "+3d").exit_code == 0
    assert cli("knows", "ana", "rita").exit_code == 0
    out = cli("import", "linkedin", str(csv), "--json")
    assert json.loads(out.output)["new"] == 2  # Ana's new URL: a second Ana
    snap = Store(db).snapshot()
    anas = sorted((c for c in snap.contacts if c.name == "Ana Ruiz"), key=lambda c: c.source)
    typed, imported = anas[1], anas[0]
    assert (typed.source, imported.source) == ("manual", "linkedin")
    assert cli("log", imported.uid, "--kind", "call", "--note", "intro call").exit_code == 0
    assert cli("knows", imported.uid, "Tom Berg").exit_code == 0
    return csv, typed.uid, imported.uid


def test_merge_folds_touches_follow_ups_links_and_identity_and_a_reimport_adds_nothing(
    cli: CLI, tmp_path: Path, db: Path
) -> None:
    csv, keep, dup = two_anas(cli, tmp_path, db)
    before = Store(db).snapshot()
    out = cli("merge", keep, dup, "--yes")
    assert out.exit_code == 0, out.output
    assert "url: 'https://www.linkedin.com/in/ana-ruiz-old' kept" in out.output
    assert "Merged Ana Ruiz" in out.output

    snap = Store(db).snapshot()
    assert [c.uid for c in snap.contacts if c.name == "Ana Ruiz"] == [keep]
    ana = next(c for c in snap.contacts if c.uid == keep)
    # A's own values stay; what only B had fills A's empty fields; lists joined.
    assert ana.url == "https://www.linkedin.com/in/ana-ruiz-old"
    assert (ana.email, ana.title, ana.phone) == (
        "ana@example.com",
        "Head of Partnerships",
        "+1 555 0100",
    )
    assert ana.tags == ("partner",) and ana.notes.startswith("met at the summit")
    assert ana.created == min(c.created for c in before.contacts if c.name == "Ana Ruiz")
    # Every touch (and its follow-up) is Ana's now; nobody holds the duplicate's uid.
    mine = [t for t in snap.interactions if keep in t.contacts]
    assert sorted(t.note for t in mine) == ["coffee", "intro call"]
    assert any(t.follow_up is not None for t in mine)
    assert not any(dup in t.contacts for t in snap.interactions)
    # Her links: Rita (hers), Tom (the duplicate's); the import's same-company link between
    # the two Anas is gone rather than linking Ana to herself.
    names = {c.uid: c.name for c in snap.contacts}
    linked = sorted(
        names[lk.b if lk.a == keep else lk.a] for lk in snap.links if keep in (lk.a, lk.b)
    )
    assert linked == ["Rita Gomez", "Tom Berg"]
    assert not any(dup in (lk.a, lk.b) or lk.a == lk.b for lk in snap.links)

    # Re-importing the file that made the duplicate finds Ana: nothing new, nothing changed.
    again = json.loads(cli("import", "linkedin", str(csv), "--json").output)
    assert (again["new"], again["updated"]) == (0, 0)
    assert Store(db).snapshot().contacts == snap.contacts

    # unlog after the merge takes back Ana's last touch (the duplicate's call).
    assert cli("unlog", "Ana Ruiz").exit_code == 0
    assert sorted(t.note for t in Store(db).snapshot().interactions if keep in t.contacts) == [
        "coffee"
    ]


def test_undo_after_merge_restores_both_contacts_exactly(
    cli: CLI, tmp_path: Path, db: Path
) -> None:
    _, keep, dup = two_anas(cli, tmp_path, db)
    before = Store(db).snapshot()
    session = Session(db)
    change = changes.run(session, merging.merge(keep, dup))
    assert len(Store(db).snapshot().contacts) == len(before.contacts) - 1
    changes.undo(session, change)
    after = Store(db).snapshot()
    key = lambda r: r.uid
    for kind in ("contacts", "interactions", "links"):
        assert sorted(getattr(after, kind), key=key) == sorted(getattr(before, kind), key=key)


def test_take_theirs_takes_the_duplicates_value_and_keeps_ours_as_an_alias(
    cli: CLI, tmp_path: Path, db: Path
) -> None:
    csv, keep, dup = two_anas(cli, tmp_path, db)
    out = cli("merge", keep, dup, "--take-theirs", "url", "--yes")
    assert out.exit_code == 0, out.output
    assert "url: 'https://www.linkedin.com/in/ana-ruiz-new' taken" in out.output
    ana = next(c for c in Store(db).snapshot().contacts if c.uid == keep)
    assert ana.url == "https://www.linkedin.com/in/ana-ruiz-new"
    assert dict(ana.imported)["aka:url"] == "https://www.linkedin.com/in/ana-ruiz-old"
    again = json.loads(cli("import", "linkedin", str(csv), "--json").output)
    assert (again["new"], again["updated"]) == (0, 0)


def test_merge_refuses_bad_input_with_one_line_and_changes_nothing(
    cli: CLI, tmp_path: Path, db: Path
) -> None:
    _, keep, dup = two_anas(cli, tmp_path, db)
    raw = db.read_bytes()
    for args, said in (
        (("merge", keep, keep, "--yes"), "same contact twice"),
        (("merge", keep, dup, "--take-theirs", "colour", "--yes"), "--take-theirs takes one of"),
        (("merge", keep, "Nobody Here", "--yes"), "Nobody Here"),
        (("merge", keep, dup), "not merged"),  # asked, and no answer is no
    ):
        out = cli(*args)
        assert out.exit_code == 1, args
        assert said in out.stderr and "Traceback" not in out.stderr
        assert db.read_bytes() == raw


def test_merge_dry_run_and_json(cli: CLI, tmp_path: Path, db: Path) -> None:
    _, keep, dup = two_anas(cli, tmp_path, db)
    raw = db.read_bytes()
    dry = cli("merge", keep, dup, "--dry-run")
    assert dry.exit_code == 0 and "dry run: nothing written" in dry.output
    assert db.read_bytes() == raw
    doc = json.loads(cli("merge", keep, dup, "--json").output)
    assert doc["kept"]["uid"] == keep and doc["merged"]["uid"] == dup and doc["written"]
    assert doc["touches"] == 1 and {d["field"] for d in doc["differences"]} == {"url"}


def test_likely_duplicates_same_email_url_or_name_at_company() -> None:
    a = person("Ana Ruiz", email="ana@example.com", created=days_ago(30))
    b = person("Ana R.", email=" ANA@example.com ", created=days_ago(10))
    c = person("Lee Park", url="https://www.linkedin.com/in/lee/", created=days_ago(30))
    d = person("Lee P", url="http://linkedin.com/in/lee", created=days_ago(20))
    e = person("Mei Chen", company="Globex", created=days_ago(30))
    f = person("mei  chen", company="globex", created=days_ago(5))
    g = person("Mei Chen", company="Initech")  # same name, another company: not a duplicate
    h = person("Ana Ruiz", email="ana@example.com", archived=True)  # archived: left out
    found = likely_duplicates(Snapshot(contacts=(a, b, c, d, e, f, g, h)).contacts)
    assert [(x.a.uid, x.b.uid, x.reason) for x in found] == [
        (a.uid, b.uid, "same e-mail"),
        (c.uid, d.uid, "same profile URL"),
        (e.uid, f.uid, "same name at the same company"),
    ]


def test_doctor_lists_likely_duplicates_with_the_merge_command(
    cli: CLI, tmp_path: Path, db: Path
) -> None:
    assert (
        cli("add", "Mei Chen", "--company", "Globex", "--email", "mei@example.com").exit_code == 0
    )
    assert cli("add", "Mei C", "--email", "MEI@example.com").exit_code == 0
    out = cli("doctor")
    assert out.exit_code == 0
    assert "1 likely duplicate" in out.output
    assert "same e-mail: networkhabit" in out.output and "merge 'Mei Chen' 'Mei C'" in out.output
    doc = json.loads(cli("doctor", "--json").output)
    assert doc["duplicates"][0]["reason"] == "same e-mail"
    # the command it prints merges them
    assert cli("merge", "Mei Chen", "Mei C", "--yes").exit_code == 0
    assert json.loads(cli("doctor", "--json").output)["duplicates"] == []
