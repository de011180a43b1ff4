"""Each screen's part of the app's CSS comes with the screen (networkhabit/tui/sheets.py): the
start parses only what Today shows, a screen opened before the warm-up still gets its rules,
and no part is left out of the warm-up. Pilot tests wait on conditions; no timing
assertions."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.screen import Screen

import networkhabit.tui
from networkhabit.tui.app import NetworkhabitApp
from networkhabit.tui.screens.contacts import ContactsScreen
from networkhabit.tui.screens.welcome import WelcomeScreen
from networkhabit.tui.sheets import add_sheets, sheets_of
from networkhabit.tui.warmup import sheet_owners
from networkhabit.tui.widgets.modal import QuickModal
from tests.pilot import drive, until


def sheet_sources(app: NetworkhabitApp) -> set[str]:
    return {str(where[1]) for where in app.stylesheet.source if str(where[1]).endswith(".SHEET")}


def every_class_with_a_sheet() -> set[type[object]]:
    """Every class of the app's UI modules that holds a part of the app's CSS."""
    for info in pkgutil.walk_packages(networkhabit.tui.__path__, "networkhabit.tui."):
        importlib.import_module(info.name)
    found: set[type[object]] = set()
    pending: list[type[object]] = [Screen]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("networkhabit.") and "SHEET" in cls.__dict__:
            found.add(cls)
    return found


@pytest.fixture
def no_warm_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app's own warm-up, after its start, would add every part before a test looks."""
    monkeypatch.setattr(NetworkhabitApp, "_import_ahead_then_warm_up", lambda self: None)


def test_the_start_parses_only_what_today_shows(demo_db: Path, no_warm_up: None) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        assert sheet_sources(app) == set()
        css = "\n".join(source.content for source in app.stylesheet.source.values())
        assert "#today-side" in css and "#contacts-hint" not in css and ".dialog " not in css

    drive(demo_db, scenario)


def test_a_screen_opened_before_the_warm_up_has_its_rules(demo_db: Path, no_warm_up: None) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, ContactsScreen), "contacts")
        assert "ContactsScreen.SHEET" in sheet_sources(app)
        hint = app.screen.query_one("#contacts-hint")
        assert hint.styles.margin.left == 3  # from its sheet: `margin-left: 3`
        assert app.screen.query_one("#filter").styles.margin.top == 1
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, QuickModal), "the add dialog")
        assert "QuickModal.SHEET" in sheet_sources(app)
        box = app.screen.query_one(".dialog")
        assert box.styles.width is not None and box.styles.width.value == 76

    drive(demo_db, scenario)


def test_every_part_is_warmed_up_or_shown_at_start() -> None:
    warmed = {cls for owner in sheet_owners() for cls in owner.__mro__ if "SHEET" in cls.__dict__}
    # The welcome screen is a start screen: it is shown before any warm-up would run.
    assert every_class_with_a_sheet() - warmed == {WelcomeScreen}


def test_a_sheet_is_added_once_bases_first(demo_db: Path, no_warm_up: None) -> None:
    from networkhabit.tui.screens.help import HelpScreen

    names = [where[1] for where, _css in sheets_of(HelpScreen)]
    assert names == ["QuickModal.SHEET", "HelpScreen.SHEET"]

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        assert add_sheets(app, HelpScreen) is True
        before = dict(app.stylesheet.source)
        assert add_sheets(app, HelpScreen) is False
        assert app.stylesheet.source == before

    drive(demo_db, scenario)
