"""``networkhabit doctor``: check, list backups, repair, restore — also on a corrupt store."""

from __future__ import annotations

import json
from pathlib import Path

import orjson
import pytest

from networkhabit.store import Store
from networkhabit.store.backup import daily_path, list_backups
from networkhabit.store.doctor import check_data, examine, fix_data
from tests.conftest import TODAY, person, world

A, B, H = "a" * 32, "b" * 32, "h" * 32


def good_data() -> dict:
    return {
        "meta": {"1": {"schema": 1, "settings": {}}},
        "contacts": {
            "1": {"uid": A, "name": "Ana", "created": "2026-01-01"},
            "2": {"uid": B, "name": "Bo", "created": "2026-01-01"},
        },
        "interactions": {
            "1": {"uid": "t1", "contacts": [A, B], "date": "2026-11-01", "kind": "call"}
        },
        "links": {"1": {"uid": "l1", "a": A, "b": B, "created": "2026-01-02"}},
        "habits": {
            "1": {
                "uid": H,
                "name": "Reach out",
                "created": "2026-01-01",
                "target": 1,
                "period": "day",
                "days": [0, 1, 2, 3, 4, 5, 6],
            }
        },
        "checkins": {"1": {"uid": "c1", "habit": H, "date": "2026-11-19", "count": 1}},
        "breaks": {"1": {"uid": "k1", "from": "2026-08-01", "to": "2026-08-03"}},
    }


def write(db: Path, data: dict | bytes) -> bytes:
    raw = data if isinstance(data, bytes) else orjson.dumps(data)
    db.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    db.write_bytes(raw)
    db.chmod(0o600)
    return raw


def test_a_healthy_store(cli, make_store, db: Path) -> None:
    store = make_store(world([person("Ana")], touches=[("Ana", 3)]))
    store.add(person("Bo"))  # makes today's backup
    r = cli("doctor")
    assert r.exit_code == 0, r.output
    assert "✓ no problems found" in r.stdout and "2 contacts · 1 touch" in r.stdout
    assert f"networkhabit-{TODAY.isoformat()}.json" in r.stdout
    assert r.stderr == ""


def test_no_store_yet_is_healthy(cli, db: Path) -> None:
    r = cli("doctor")
    assert r.exit_code == 0 and "no store at" in r.stdout
    assert not db.exists()


def test_a_missing_store_with_backups_is_a_problem(cli, make_store, db: Path) -> None:
    make_store(world([person("Ana")])).add(person("Bo"))
    db.unlink()
    r = cli("doctor")
    assert (
        r.exit_code == 1 and "may have been deleted" in r.stdout and "doctor --restore" in r.stdout
    )


def test_doctor_works_on_a_corrupt_store(cli, make_store, db: Path) -> None:
    make_store(world([person("Ana")])).add(person("Bo"))
    raw = write(db, b'{"contacts": {"1": {"name": "Ana"')
    r = cli("doctor")
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert "not valid JSON" in r.stdout
    assert f"networkhabit-{TODAY.isoformat()}.json" in r.stdout
    assert f"doctor --restore networkhabit-{TODAY.isoformat()}.json" in r.stdout
    assert db.read_bytes() == raw
    fix = cli("doctor", "--fix")
    assert fix.exit_code == 1 and "cannot repair" in fix.stderr and "doctor --restore" in fix.stderr
    assert db.read_bytes() == raw


def test_doctor_reports_a_newer_schema(cli, db: Path) -> None:
    write(db, {"meta": {"1": {"schema": 7}}})
    r = cli("doctor", "--json")
    assert r.exit_code == 1
    doc = json.loads(r.stdout)
    assert doc["ok"] is False and "newer networkhabit" in doc["problems"][0]["message"]


def test_restore_puts_a_backup_back_after_saving_the_current_file(
    cli, make_store, db: Path
) -> None:
    make_store(world([person("Ana")])).add(person("Bo"))
    backup = daily_path(db, TODAY)
    corrupt = write(db, b"\x00\x00 garbage")
    r = cli("doctor", "--restore", backup.name)
    assert r.exit_code == 0, r.output
    assert db.read_bytes() == backup.read_bytes()
    [aside] = [b for b in list_backups(db) if "before-restore" in b.name]
    assert aside.path.read_bytes() == corrupt and str(aside.path) in r.stdout
    assert [c.name for c in Store(db).snapshot().contacts] == ["Ana"]
    assert cli("doctor").exit_code == 0


def test_restore_by_path(cli, make_store, db: Path, tmp_path: Path) -> None:
    make_store(world([person("Ana")]))
    elsewhere = tmp_path / "copy.json"
    write(elsewhere, orjson.dumps(good_data()))
    assert cli("doctor", "--restore", str(elsewhere)).exit_code == 0
    assert {c.name for c in Store(db).snapshot().contacts} == {"Ana", "Bo"}


@pytest.mark.parametrize(
    "content, needle",
    [
        (b"{broken", "not valid JSON"),
        (b"[]", "not a networkhabit store"),
        (b'{"meta": {"1": {"schema": 42}}, "contacts": {}}', "newer networkhabit"),
        (b"", "holds no records"),
        (b'{"meta": {"1": {"schema": 1}}}', "holds no records"),
    ],
)
def test_restore_validates_the_backup_first(
    cli, make_store, db: Path, tmp_path: Path, content: bytes, needle: str
) -> None:
    make_store(world([person("Ana")]))
    before = db.read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    r = cli("doctor", "--restore", str(bad))
    assert r.exit_code == 1 and needle in r.stderr and "nothing was changed" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert db.read_bytes() == before
    assert not [b for b in list_backups(db) if "before-restore" in b.name]


def test_restore_of_an_unknown_backup(cli, make_store, db: Path) -> None:
    make_store(world([person("Ana")]))
    r = cli("doctor", "--restore", "networkhabit-1999-01-01.json")
    assert r.exit_code == 1 and "no backup 'networkhabit-1999-01-01.json'" in r.stderr
    r = cli("doctor", "--restore", str(db))
    assert r.exit_code == 1 and "is the store itself" in r.stderr


def test_fix_and_restore_together_is_a_usage_error(cli, db: Path) -> None:
    assert cli("doctor", "--fix", "--restore", "x").exit_code == 2


def broken_references() -> dict:
    data = good_data()
    data["interactions"]["2"] = {
        "uid": "t2",
        "contacts": [A, "gone"],
        "date": "2026-11-02",
        "kind": "call",
    }
    data["interactions"]["3"] = {
        "uid": "t3",
        "contacts": ["gone"],
        "date": "2026-11-03",
        "kind": "call",
    }
    data["links"]["2"] = {"uid": "l2", "a": A, "b": "gone", "created": "2026-01-02"}
    data["links"]["3"] = {"uid": "l3", "a": A, "b": A, "created": "2026-01-02"}
    data["checkins"]["2"] = {"uid": "c2", "habit": "gone", "date": "2026-11-19", "count": 1}
    data["contacts"]["3"] = dict(data["contacts"]["1"])  # an exact duplicate
    data["contacts"]["4"] = {"uid": B, "name": "Another Bo", "created": "2026-01-01"}  # a clash
    return data


def test_check_finds_every_broken_reference_and_duplicate() -> None:
    problems = check_data(broken_references())
    text = "\n".join(p.message for p in problems)
    assert "the touch of 2026-11-02 names 1 contact(s) that do not exist" in text
    assert "the touch of 2026-11-03 names no existing contact" in text
    assert "a link (2026-01-02) points at a contact that does not exist" in text
    assert "a link joins a contact to themself" in text
    assert "the check-in of 2026-11-19 is for a habit that does not exist" in text
    assert "2 contacts share the uid" in text
    assert all(p.fixable for p in problems) and len(problems) == 7


def test_fix_repairs_what_is_safe_and_says_what_it_did(cli, db: Path) -> None:
    raw = write(db, broken_references())
    r = cli("doctor")
    assert r.exit_code == 1 and "7 problems" in r.stdout and "doctor --fix" in r.stdout
    r = cli("doctor", "--fix")
    assert r.exit_code == 0, r.output
    for said in (
        "dropped 1 missing contact(s) from the touch of 2026-11-02",
        "removed the touch of 2026-11-03: none of its contacts exist",
        "removed a link (2026-01-02) that pointed nowhere",
        "removed the check-in of 2026-11-19: its habit does not exist",
        "removed a duplicate copy of contact 'Ana'",
        "gave contact 'Another Bo' a new uid",
    ):
        assert f"fixed: {said}" in r.stdout, said
    assert "✓ no problems found" in r.stdout
    [aside] = [b for b in list_backups(db) if "before-fix" in b.name]
    assert aside.path.read_bytes() == raw
    snap = Store(db).snapshot()
    assert sorted(c.name for c in snap.contacts) == ["Ana", "Another Bo", "Bo"]
    assert len({c.uid for c in snap.contacts}) == 3
    assert sorted(i.contacts for i in snap.interactions) == [(A,), (A, B)]
    assert [(lk.a, lk.b) for lk in snap.links] == [(A, B)]
    assert [c.uid for c in snap.checkins] == ["c1"]
    assert cli("doctor", "--fix").stdout.startswith("nothing to repair")


@pytest.mark.parametrize(
    "table, doc, needle",
    [
        (
            "interactions",
            {"uid": "t9", "contacts": [A], "date": "2026-02-30", "kind": "call"},
            "invalid date '2026-02-30'",
        ),
        (
            "interactions",
            {"uid": "t9", "contacts": [A], "date": "2026-02-03", "kind": "telepathy"},
            "unknown kind 'telepathy'",
        ),
        ("contacts", {"uid": "x9", "name": "", "created": "2026-01-01"}, "has no name"),
        (
            "contacts",
            {"uid": "x9", "name": "Cy", "created": "2026-01-01", "cadence_days": 0},
            "invalid keep-in-touch cadence 0",
        ),
        (
            "contacts",
            {"uid": "x9", "name": "Cy", "created": "2026-01-01", "birthday": "1990-02-30"},
            "invalid birthday",
        ),
        ("contacts", {"name": "Cy", "created": "2026-01-01"}, "has no uid"),
        (
            "habits",
            {"uid": "h9", "name": "X", "created": "2026-01-01", "target": 0},
            "invalid target 0",
        ),
        (
            "habits",
            {"uid": "h9", "name": "X", "created": "2026-01-01", "period": "month"},
            "unknown period 'month'",
        ),
        (
            "checkins",
            {"uid": "c9", "habit": H, "date": "2026-11-19", "count": -1},
            "invalid count -1",
        ),
        (
            "habits",
            {"uid": "h9", "name": "X", "created": "2026-01-01", "counts": "calls"},
            "unknown count 'calls'",
        ),
        (
            "habits",
            {"uid": "h9", "name": "X", "created": "2026-01-01", "kinds": ["lunch"]},
            "invalid touch kinds ['lunch']",
        ),
        (
            "breaks",
            {"uid": "k9", "from": "2026-08-05", "to": "2026-08-01"},
            "ends (2026-08-01) before it starts",
        ),
        ("contacts", "not a record", "is not a record"),
    ],
)
def test_check_reports_bad_records_in_plain_words(
    cli, db: Path, table: str, doc: object, needle: str
) -> None:
    data = good_data()
    data[table]["9"] = doc
    raw = write(db, data)
    r = cli("doctor")
    assert r.exit_code == 1 and needle in r.stdout, r.stdout
    r = cli("doctor", "--fix")  # not safe to guess: left as it is, still reported
    assert r.exit_code == 1 and "nothing to repair" in r.stdout and needle in r.stdout
    assert db.read_bytes() == raw


def test_unknown_tables_are_reported_and_kept(cli, db: Path) -> None:
    data = good_data()
    data["plugins"] = {"1": {"x": 1}}
    write(db, data)
    r = cli("doctor")
    assert r.exit_code == 1 and "unknown table 'plugins'" in r.stdout
    assert fix_data(data) == [] and "plugins" in data


def test_an_older_schema_is_a_note_not_a_problem(db: Path) -> None:
    from tests.test_store_migrations import SCHEMA_0

    write(db, SCHEMA_0)
    report = examine(db)
    assert report.healthy and report.schema == 0
    assert "older schema 0" in report.notes[0]
    assert report.counts["contacts"] == 3


def test_json_report(cli, make_store, db: Path) -> None:
    make_store(world([person("Ana")])).add(person("Bo"))
    doc = json.loads(cli("doctor", "--json").stdout)
    assert doc["ok"] is True and doc["schema"] == 1 and doc["counts"]["contacts"] == 2
    assert doc["problems"] == [] and doc["backups"][0]["day"] == TODAY.isoformat()
    assert set(doc) == {
        "path",
        "exists",
        "size",
        "schema",
        "counts",
        "ok",
        "problems",
        "notes",
        "backups",
        "duplicates",
    }
    assert doc["duplicates"] == []  # Ana and Bo are two people


def test_fix_makes_a_wide_open_store_private(cli, make_store, db: Path) -> None:
    make_store(world([person("Ana")]))
    db.chmod(0o644)
    assert "other users can read it" in cli("doctor").stdout
    r = cli("doctor", "--fix")
    assert "made the file private (0600)" in r.stdout and (db.stat().st_mode & 0o777) == 0o600
