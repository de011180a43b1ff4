"""Schema migrations: a schema-0 file (the prototype's shape) is moved forward on open."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import orjson
import pytest

from networkhabit.store import SCHEMA_VERSION, Store, StoreError
from networkhabit.store.backup import list_backups
from networkhabit.store.doctor import examine
from networkhabit.store.migrations import MIGRATIONS, migrate

#: A store as the prototype wrote it (schema 0): no meta table, settings in TinyDB's
#: _default table, no uids, doc-id references, old key names.
SCHEMA_0 = {
    "_default": {
        "1": {"neglected_limit": 7, "drifting_days": 120, "default_cadence_by_tag": {"client": 30}}
    },
    "contacts": {
        "1": {
            "name": "Ana Ruiz",
            "created": "2025-01-10",
            "company": "Northwind",
            "cadence": 14,
            "tags": "partner, sales",
        },
        "2": {"name": "Bo Berg", "created": "2025-02-01", "tags": ""},
        "3": {"name": "Cy Chen", "created": "2025-03-01", "uid": "c" * 32},
    },
    "interactions": {
        "1": {"contact": 1, "date": "2026-11-01", "kind": "call", "note": "roadmap"},
        "2": {"contacts": [1, 2], "date": "2026-11-10", "kind": "coffee"},
        "3": {"contacts": ["3"], "date": "2026-11-12", "kind": "message"},
    },
    "links": {"1": {"a": 1, "b": 2, "created": "2025-05-05"}},
    "habits": {"1": {"name": "Reach out", "created": "2026-01-01", "target": 1, "per": "week"}},
    "checkins": {"1": {"habit": 1, "date": "2026-11-16", "done": 2}},
    "breaks": {"1": {"start": "2026-08-01", "end": "2026-08-10", "note": "vacation"}},
}


@pytest.fixture
def old_store(db: Path) -> Path:
    db.parent.mkdir(mode=0o700)
    db.write_bytes(orjson.dumps(SCHEMA_0))
    db.chmod(0o600)
    return db


def test_every_schema_version_has_its_migration_step() -> None:
    assert len(MIGRATIONS) == SCHEMA_VERSION


def test_a_schema_0_store_migrates_on_open(old_store: Path) -> None:
    original = old_store.read_bytes()
    store = Store(old_store)
    store.check()
    snap = store.snapshot()
    by_name = {c.name: c for c in snap.contacts}
    ana, bo, cy = by_name["Ana Ruiz"], by_name["Bo Berg"], by_name["Cy Chen"]
    assert all(len(c.uid) == 32 for c in snap.contacts) and cy.uid == "c" * 32
    assert (ana.cadence_days, ana.tags, bo.tags) == (14, ("partner", "sales"), ())
    touches = sorted(snap.interactions, key=lambda i: i.date)
    assert [t.contacts for t in touches] == [(ana.uid,), (ana.uid, bo.uid), (cy.uid,)]
    assert (touches[0].kind, touches[0].note) == ("call", "roadmap")
    assert [(lk.a, lk.b) for lk in snap.links] == [(ana.uid, bo.uid)]
    [habit] = snap.habits
    assert habit.period == "week"
    [checkin] = snap.checkins
    assert (checkin.habit, checkin.count) == (habit.uid, 2)
    [brk] = snap.breaks
    assert (brk.start, brk.end) == (date(2026, 8, 1), date(2026, 8, 10))
    assert (snap.settings.neglected_limit, snap.settings.drifting_days) == (7, 120)
    assert snap.settings.default_cadence_by_tag == {"client": 30}
    on_disk = json.loads(old_store.read_text())
    assert on_disk["meta"]["1"]["schema"] == SCHEMA_VERSION and "_default" not in on_disk
    # The old file was saved before the upgrade, byte for byte.
    [saved] = [b for b in list_backups(old_store) if "before-schema" in b.name]
    assert saved.path.read_bytes() == original
    assert examine(old_store).healthy


def test_the_migration_runs_once(old_store: Path) -> None:
    Store(old_store).check()
    migrated = old_store.read_bytes()
    Store(old_store).check()
    Store(old_store).snapshot()
    assert old_store.read_bytes() == migrated
    assert len([b for b in list_backups(old_store) if "before-schema" in b.name]) == 1


def test_a_command_on_a_schema_0_store_just_works(cli, old_store: Path) -> None:
    r = cli("show", "ana", "--json")
    assert r.exit_code == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["name"] == "Ana Ruiz" and len(doc["timeline"]) == 2
    assert cli("log", "bo", "--note", "after the upgrade").exit_code == 0
    assert len(Store(old_store).snapshot().interactions) == 4


def test_a_write_migrates_first(old_store: Path) -> None:
    from tests.conftest import person

    Store(old_store).add(person("Di"))  # no check() first: the transaction itself upgrades
    snap = Store(old_store).snapshot()
    assert {c.name for c in snap.contacts} == {"Ana Ruiz", "Bo Berg", "Cy Chen", "Di"}
    assert len(snap.interactions) == 3


def test_unknown_tables_survive_the_migration(old_store: Path) -> None:
    data = dict(SCHEMA_0, notes={"1": {"text": "keep me"}})
    old_store.write_bytes(orjson.dumps(data))
    Store(old_store).check()
    assert json.loads(old_store.read_text())["notes"] == {"1": {"text": "keep me"}}


def test_a_later_step_is_one_function() -> None:
    def v1_to_v2(data: dict) -> dict:
        for doc in data["contacts"].values():
            doc["nickname"] = ""
        return data

    data = migrate(orjson.loads(orjson.dumps(SCHEMA_0)), 0, steps=[*MIGRATIONS, v1_to_v2])
    assert data["meta"]["1"]["schema"] == 2
    assert all(doc["nickname"] == "" for doc in data["contacts"].values())


@pytest.mark.parametrize("version", [SCHEMA_VERSION + 1, 99])
def test_a_newer_schema_is_refused_and_left_untouched(cli, db: Path, version: int) -> None:
    db.parent.mkdir(mode=0o700)
    db.write_text(json.dumps({"meta": {"1": {"schema": version}}, "contacts": {}}))
    db.chmod(0o600)
    before = db.read_bytes()
    with pytest.raises(StoreError, match=f"newer networkhabit \\(schema {version}"):
        Store(db).check()
    for args in (["today"], ["add", "Ana"], ["demo", "--force"], [], ["doctor", "--fix"]):
        r = cli(*args)
        assert r.exit_code == 1, args
        assert "newer networkhabit" in r.stderr and "Traceback" not in r.output + r.stderr
        assert r.stderr.strip().count("\n") == 0
    assert db.read_bytes() == before
