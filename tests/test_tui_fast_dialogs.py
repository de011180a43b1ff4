"""A dialog opens without redoing the screen behind it: the covered screen's footer is not
made again while a dialog is over it (its keys come back as they were when it closes).
Pilot tests assert on what is shown and what was made; no timing assertions."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from networkhabit.tui.app import NetworkhabitApp
from networkhabit.tui.dialogs.base import FormDialog
from networkhabit.tui.screens.today import TodayScreen
from networkhabit.tui.screenshots import press, settle
from tests.conftest import TODAY
from tests.pilot import count_footer_builds, footer_keys
from tests.pilot import drive as run

Scenario = Callable[[NetworkhabitApp, Pilot[None]], Awaitable[None]]


def test_the_screen_behind_a_dialog_keeps_its_footer(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = count_footer_builds(monkeypatch)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        today = app.screen
        assert isinstance(today, TodayScreen)
        shown = footer_keys(today)
        assert {"Undo", "Help", "Log touch"} <= set(shown)
        before = len(made)
        await press(pilot, "l")
        assert isinstance(app.screen, FormDialog)
        assert len(made) == before  # the covered footer was not made again
        assert footer_keys(today) == shown
        await press(pilot, "escape")
        assert app.screen is today
        assert len(made) == before  # nor when it is uncovered: its keys are those shown
        assert footer_keys(today) == shown
        await press(pilot, "c")  # a screen's own footer still follows its keys
        assert "Filter" in footer_keys(app.screen)
        await press(pilot, "slash")
        assert "Add" not in footer_keys(app.screen)
        await press(pilot, "escape")
        assert "Add" in footer_keys(app.screen)

    run(demo_db, scenario)


def test_screens_and_dialogs_are_made_with_the_classes_textual_gives_them(
    demo_db: Path,
) -> None:
    """Made with the breakpoint class for the app's width (no restyle once sized); resized,
    Textual still moves them to the other one."""

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        from networkhabit.tui.dialogs.snooze import DateDialog
        from networkhabit.tui.screens.review import ReviewScreen

        made = ReviewScreen()
        dialog = DateDialog("Snooze", "until", TODAY)
        assert "-wide" in made.classes and "-wide" in dialog.classes
        await press(pilot, "w")
        assert "-wide" in app.screen.classes and "-narrow" not in app.screen.classes
        await pilot.resize_terminal(80, 30)
        await settle(pilot)
        assert "-narrow" in app.screen.classes and "-wide" not in app.screen.classes
        assert "-narrow" in DateDialog("Snooze", "until", TODAY).classes

    run(demo_db, scenario)
