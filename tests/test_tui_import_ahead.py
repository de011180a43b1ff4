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
