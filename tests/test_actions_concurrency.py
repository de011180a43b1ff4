"""Checks run under the lock: real processes racing on one store lose nothing and make
nothing twice (each action reads, checks and writes inside one transaction)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from networkhabit.store import Store
from tests.conftest import TODAY, person, world

N = 10


def race(db: Path, commands: list[list[str]]) -> list[subprocess.CompletedProcess[str]]:
    """Start every command at once (real ``python -m networkhabit`` processes); wait for all."""
    env = {**os.environ, "NETWORKHABIT_DB": str(db), "NETWORKHABIT_TODAY": TODAY.isoformat()}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "networkhabit", *args],
            env=env,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for args in commands
    ]
    out = []
    for p, args in zip(procs, commands, strict=True):
        stdout, stderr = p.communicate(timeout=120)
        out.append(subprocess.CompletedProcess(args, p.returncode, stdout, stderr))
    return out


def test_parallel_edits_of_different_fields_all_land(db: Path) -> None:
    Store(db).replace_all(world([person("Ana Ruiz")]))
    fields = [
        ("--company", "Acme"),
        ("--title", "CTO"),
        ("--email", "ana@example.com"),
        ("--phone", "+1 555 0100"),
        ("--url", "https://example.com/ana"),
        ("--tag", "client"),
        ("--every", "30d"),
        ("--needs", "hiring"),
        ("--offers", "design"),
        ("--note", "met at the meetup"),
    ]
    results = race(db, [["edit", "Ana Ruiz", flag, value] for flag, value in fields])
    assert [r.returncode for r in results] == [0] * N, [r.stderr for r in results]
    (ana,) = Store(db).snapshot().contacts
    assert (ana.company, ana.title, ana.email, ana.phone, ana.url) == (
        "Acme",
        "CTO",
        "ana@example.com",
        "+1 555 0100",
        "https://example.com/ana",
    )
    assert ana.tags == ("client",) and ana.cadence_days == 30
    assert ana.needs == ("hiring",) and ana.offers == ("design",)
    assert ana.notes == "met at the meetup"


def test_parallel_adds_of_one_name_make_one_contact(db: Path) -> None:
    Store(db).replace_all(world([person("Bo Berg")]))
    results = race(db, [["add", "Same Name"]] * N)
    assert sorted(r.returncode for r in results) == [0] + [1] * (N - 1)
    assert all("already exists" in r.stderr for r in results if r.returncode)
    names = [c.name for c in Store(db).snapshot().contacts]
    assert names.count("Same Name") == 1


def test_parallel_habit_adds_of_one_name_make_one_habit(db: Path) -> None:
    Store(db).replace_all(world([person("Bo Berg")]))
    results = race(db, [["habit", "add", "Same"]] * N)
    assert sorted(r.returncode for r in results) == [0] + [1] * (N - 1)
    assert [h.name for h in Store(db).snapshot().habits] == ["Same"]


def test_parallel_knows_make_one_link(db: Path) -> None:
    Store(db).replace_all(world([person("Ana Ruiz"), person("Bo Berg")]))
    results = race(db, [["knows", "Ana Ruiz", "Bo Berg"]] * N)
    assert [r.returncode for r in results] == [0] * N, [r.stderr for r in results]
    assert len(Store(db).snapshot().links) == 1
    assert sum("linked Ana Ruiz and Bo Berg" in r.stdout for r in results) == 1
