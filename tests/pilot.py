"""What the app's pilot tests share: run the app on a store and play a scenario, wait on a
condition (never on a time), put the agenda's cursor on an item, read and count the footer,
and see which screens Textual lays out and restyles."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.screen import Screen

from networkhabit.tui.app import NetworkhabitApp, make_app
from networkhabit.tui.screenshots import settle
from networkhabit.tui.widgets.agenda import AgendaList
from networkhabit.tui.widgets.footer import KeysFooter

Scenario = Callable[[NetworkhabitApp, Pilot[None]], Awaitable[None]]


def drive(db: Path, scenario: Scenario, size: tuple[int, int] = (120, 40)) -> None:
    """Run the app on ``db`` at ``size``, let it load, then play ``scenario``."""

    async def main() -> None:
        app = make_app(db)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await scenario(app, pilot)

    asyncio.run(main())


async def until(pilot: Pilot[None], condition: Callable[[], bool], what: str) -> None:
    """Let the app run until ``condition`` holds (polled, at most about 30 s)."""
    for _ in range(3000):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError(f"never happened: {what}")


async def resize_under(pilot: Pilot[None], what: str) -> tuple[Screen, Screen]:
    """The top screen and the one behind it (both "-wide"), once a resize to 90 × 30 has
    reached both and made the top one "-narrow" (``what``: which screen is on top)."""
    app = pilot.app
    top, behind = app.screen, app.screen_stack[-2]
    assert top.has_class("-wide") and behind.has_class("-wide")
    await pilot.resize_terminal(90, 30)
    await until(
        pilot,
        lambda: top.size == (90, 30) and behind.size == (90, 30),
        "both screens at the new size",
    )
    await until(pilot, lambda: top.has_class("-narrow"), f"the {what} narrow")
    return top, behind


async def cursor_on(pilot: Pilot[None], title: str) -> AgendaList:
    """The agenda, its cursor on the item titled ``title``."""
    agenda = pilot.app.screen.query_one(AgendaList)
    agenda.highlighted = next(
        agenda.get_option_index(k) for k, it in zip(agenda._keys, agenda.items) if it.title == title
    )
    await pilot.pause()
    return agenda


def footer_keys(screen: object) -> list[str]:
    """The descriptions a screen's footer shows."""
    footer = screen.query_one(KeysFooter)  # type: ignore[attr-defined]
    return footer.descriptions


def count_footer_builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The screens whose footer was given new keys to show (and painted), in order, from
    now on."""
    made: list[str] = []
    show_keys = KeysFooter.show_keys

    def counting(self: KeysFooter, screen):  # type: ignore[no-untyped-def]
        changed = show_keys(self, screen)
        if changed:
            made.append(type(self.screen).__name__)
        return changed

    monkeypatch.setattr(KeysFooter, "show_keys", counting)
    return made


class ScreenSpy:
    """Which screens Textual lays out and restyles whole, by class name, from its making on."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.laid_out: list[str] = []
        self.restyled: list[str] = []
        layout, restyle = Screen._refresh_layout, Screen.update_node_styles

        def counting_layout(screen: Screen, *args, **kwargs):  # type: ignore[no-untyped-def]
            self.laid_out.append(type(screen).__name__)
            return layout(screen, *args, **kwargs)

        def counting_restyle(screen: Screen, animate: bool = True) -> None:
            self.restyled.append(type(screen).__name__)
            restyle(screen, animate)

        monkeypatch.setattr(Screen, "_refresh_layout", counting_layout)
        monkeypatch.setattr(Screen, "update_node_styles", counting_restyle)

    def clear(self) -> None:
        self.laid_out.clear()
        self.restyled.clear()
