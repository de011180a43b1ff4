"""A dialog opens without redoing the screen behind it: the covered screen's footer is not
made again while a dialog is over it (its keys come back as they were when it closes).
Pilot tests assert on what is shown and what was made; no timing assertions."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual._context import active_message_pump
from textual.pilot import Pilot
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from networkhabit.tui.app import NetworkhabitApp
from networkhabit.tui.dialogs.base import FormDialog
from networkhabit.tui.screens.today import TodayScreen
from networkhabit.tui.screenshots import press, settle
from networkhabit.tui.widgets.footer import KeysFooter
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


def key_fields(key: FooterKey) -> tuple[object, ...]:
    return (
        key.key,
        key.key_display,
        key.description,
        key.action,
        key._disabled,
        str(key.tooltip or ""),
        sorted(key.classes - {"-compact"}),
    )


def test_the_footer_shows_the_keys_textuals_footer_would(demo_db: Path) -> None:
    """KeysFooter makes the keys itself (unbound from ``compact``): the same keys, in the
    same order, as Textual's own Footer makes for each screen (this fails if Textual's
    footer changes what it shows)."""

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        for key in ("t", "c", "w", "n"):
            await press(pilot, key)
            footer = app.screen.query_one(KeysFooter)
            token = active_message_pump.set(footer)  # as Textual composes it
            try:
                textuals = [w for w in Footer.compose(footer) if isinstance(w, FooterKey)]
            finally:
                active_message_pump.reset(token)
            ours = list(footer.query(FooterKey))
            assert ours, key
            assert [key_fields(k) for k in ours] == [key_fields(k) for k in textuals]
            # Each as Textual's is once mounted: the keys bound to the (not compact) footer
            # not compact, the palette key compact (its default); the class already set.
            assert all(("-compact" in k.classes) == k.compact for k in ours)
            assert [k.compact for k in ours] == [
                footer.compact if "-command-palette" not in k.classes else True for k in ours
            ]

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


def test_a_screens_footer_keys_mount_without_being_restyled(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.dom import DOMNode

    restyled: list[str] = []
    update = DOMNode.update_node_styles

    def counting(self: DOMNode, animate: bool = True) -> None:
        if isinstance(self, FooterKey):
            restyled.append(self.key)
        update(self, animate)

    monkeypatch.setattr(DOMNode, "update_node_styles", counting)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        restyled.clear()
        await press(pilot, "c")  # the Contacts screen, made now
        assert footer_keys(app.screen)
        assert restyled == []

    run(demo_db, scenario)
