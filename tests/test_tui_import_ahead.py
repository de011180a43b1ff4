"""The import-ahead thread waits until the start has settled (networkhabit/tui/app.py,
IMPORT_AHEAD_AFTER): the frames right after the first one, and a key pressed at once, are
not slowed by it. Pilot tests wait on conditions; no timing assertions."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import pytest
from textual.pilot import Pilot

from networkhabit.tui import app as app_module
from networkhabit.tui.app import NetworkhabitApp
from networkhabit.tui.screens.contacts import ContactsScreen
from networkhabit.tui.screens.today import TodayScreen
from tests.pilot import drive, until


def record_import_ahead(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The import-ahead runs from now on (by thread name), without importing anything."""
    started: list[str] = []

    def import_ahead(self: NetworkhabitApp) -> None:
        started.append(threading.current_thread().name)

    monkeypatch.setattr(NetworkhabitApp, "_import_ahead_then_warm_up", import_ahead)
    return started


def test_the_import_ahead_waits_until_the_start_has_settled(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = record_import_ahead(monkeypatch)
    monkeypatch.setattr(app_module, "IMPORT_AHEAD_AFTER", 600.0)  # (never, in this test)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        assert isinstance(app.screen, TodayScreen)
        await until(pilot, gc.isenabled, "the start over (the collector on)")
        await pilot.press("c")  # a key pressed at once: the thread does not run meanwhile
        await until(pilot, lambda: isinstance(app.screen, ContactsScreen), "Contacts shown")
        await pilot.pause()
        assert started == []

    drive(demo_db, scenario)


def test_the_import_ahead_runs_in_its_own_thread_once_the_start_has_settled(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = record_import_ahead(monkeypatch)
    monkeypatch.setattr(app_module, "IMPORT_AHEAD_AFTER", 0.01)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await until(pilot, lambda: bool(started), "the import-ahead started")
        assert started == ["import ahead"]

    drive(demo_db, scenario)


def test_the_import_ahead_waits_while_the_user_is_busy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each module is imported only once ``busy()`` says nobody waits on the app (a write
    running, a key just pressed): it checks before every one."""
    imported: list[str] = []
    monkeypatch.setattr(app_module, "IMPORT_AHEAD", ("mod.a", "mod.b"))
    monkeypatch.setattr("importlib.import_module", imported.append)
    monkeypatch.setattr(app_module, "QUIET_POLL", 0.0)
    answers = iter([True, True, False, True, False])
    asked: list[int] = []

    def busy() -> bool:
        asked.append(len(imported))
        return next(answers)

    app_module._import_ahead(busy)
    assert imported == ["mod.a", "mod.b"]
    assert asked == [0, 0, 0, 1, 1]  # twice busy before the first, once before the second


def test_the_app_is_busy_while_a_write_runs_and_just_after_a_key(demo_db: Path) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await until(pilot, gc.isenabled, "the start over")
        app._active_at -= app_module.QUIET_FOR + 1  # (long ago)
        assert not app.busy()
        await pilot.press("down")
        assert app.busy()  # a key just pressed
        app._active_at -= app_module.QUIET_FOR + 1
        app._writes += 1
        assert app.busy()  # a write running
        app._writes -= 1
        assert not app.busy()

    drive(demo_db, scenario)
