"""Shared fixtures: a temp store (empty, or the demo's), a pinned date, a CLI runner, a
literal-world builder, and the collector given back what an app froze."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from networkhabit.cli import main
from networkhabit.domain.model import (
    Break,
    CheckIn,
    Contact,
    Habit,
    Interaction,
    Link,
    Settings,
    Snapshot,
    new_uid,
)
from networkhabit.store import Store

#: The pinned "today" of the test-suite: a Friday.
TODAY = date(2026, 11, 20)


@pytest.fixture(autouse=True, scope="session")
def _cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterable[Path]:
    """The derived-data cache (the touch index) in a temp folder, never the user's."""
    folder = tmp_path_factory.mktemp("nh-cache")
    before = os.environ.get("NETWORKHABIT_CACHE")
    os.environ["NETWORKHABIT_CACHE"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("NETWORKHABIT_CACHE", None)
    else:
        os.environ["NETWORKHABIT_CACHE"] = before


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store path in a temp folder, set as NETWORKHABIT_DB, with today pinned."""
    path = tmp_path / "store" / "networkhabit.json"
    monkeypatch.setenv("NETWORKHABIT_DB", str(path))
    monkeypatch.setenv("NETWORKHABIT_TODAY", TODAY.isoformat())
    return path


@pytest.fixture(autouse=True)
def _collector_unfrozen() -> Iterator[None]:
    """The app freezes what its start and its writes made out of the garbage collector's
    sight (it lives as long as the app); a test session starts many apps: give it all back
    after each test."""
    yield
    gc.unfreeze()


@pytest.fixture
def demo_db(db: Path) -> Path:
    """The demo store for the pinned day, at ``db``."""
    from networkhabit.demo import build_demo

    Store(db).replace_all(build_demo(TODAY))
    return db


@pytest.fixture
def cli(db: Path) -> Callable[..., Result]:
    """Run a CLI command in-process: ``cli("log", "Ana")``; stderr kept apart."""
    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> Result:
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)

    return run


def run_cli(
    db: Path, *args: str, today: date = TODAY, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run the installed CLI as a real subprocess (``python -m networkhabit``)."""
    env = {**os.environ, "NETWORKHABIT_DB": str(db), "NETWORKHABIT_TODAY": today.isoformat()}
    return subprocess.run(
        [sys.executable, "-m", "networkhabit", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
    )


def days_ago(n: int) -> date:
    """TODAY minus ``n`` days."""
    return TODAY - timedelta(days=n)


def person(name: str, **fields: Any) -> Contact:
    """A contact with sensible defaults (created a year ago)."""
    fields.setdefault("created", days_ago(365))
    for key in ("tags", "needs", "offers"):
        if key in fields:
            fields[key] = tuple(fields[key])
    return Contact(uid=fields.pop("uid", None) or new_uid(), name=name, **fields)


def world(
    contacts: Iterable[Contact] = (),
    touches: Iterable[
        tuple[Iterable[str] | str, int] | tuple[Iterable[str] | str, int, Mapping[str, Any]]
    ] = (),
    links: Iterable[tuple[str, str] | tuple[str, str, str]] = (),
    habits: Iterable[Habit] = (),
    checkins: Iterable[CheckIn] = (),
    breaks: Iterable[Break] = (),
    settings: Settings | None = None,
) -> Snapshot:
    """A snapshot from a literal description; touches and links name contacts by name:

    ``world([person("Ana", cadence_days=14)], touches=[("Ana", 20)])`` — Ana, last touched 20 days ago.
    """
    people = list(contacts)
    by_name = {c.name: c for c in people}
    its = []
    for t in touches:
        names, ago_days = t[0], t[1]
        extra = dict(t[2]) if len(t) > 2 else {}  # type: ignore[misc]
        if isinstance(names, str):
            names = [names]
        its.append(
            Interaction(
                new_uid(),
                tuple(by_name[n].uid for n in names),
                days_ago(ago_days),
                extra.pop("kind", "message"),
                **extra,
            )
        )
    lks = []
    for lk in links:
        source = lk[2] if len(lk) > 2 else "manual"  # type: ignore[misc]
        lks.append(Link(new_uid(), by_name[lk[0]].uid, by_name[lk[1]].uid, days_ago(100), source))
    return Snapshot(
        tuple(people),
        tuple(its),
        tuple(lks),
        tuple(habits),
        tuple(checkins),
        tuple(breaks),
        settings or Settings(),
    )


@pytest.fixture
def make_store(db: Path) -> Callable[[Snapshot], Store]:
    """Write a snapshot (e.g. from :func:`world`) to the temp store and return the store."""

    def make(snap: Snapshot) -> Store:
        store = Store(db)
        store.replace_all(snap)
        return store

    return make


def parse_sizes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The size of every piece orjson parses from now on (in order): a parse in parts shows
    as many small ones."""
    import orjson

    sizes: list[int] = []
    real = orjson.loads
    monkeypatch.setattr(orjson, "loads", lambda piece: sizes.append(len(piece)) or real(piece))
    return sizes


def tables_parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The tables a file's :class:`Tables` parses one by one from now on (in order); a file
    read whole parses none this way."""
    from networkhabit.store.storage import Tables

    parsed: list[str] = []
    real = Tables._parse

    def spy(self: Tables, name: str) -> None:
        parsed.append(name)
        real(self, name)

    monkeypatch.setattr(Tables, "_parse", spy)
    return parsed
