"""What the app's pilot tests share: run the app on a store and play a scenario, wait on a
condition (never on a time), put the agenda's cursor on an item."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot

from networkhabit.tui.app import NetworkhabitApp, make_app
from networkhabit.tui.screenshots import settle
from networkhabit.tui.widgets.agenda import AgendaList

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


async def cursor_on(pilot: Pilot[None], title: str) -> AgendaList:
    """The agenda, its cursor on the item titled ``title``."""
    agenda = pilot.app.screen.query_one(AgendaList)
    agenda.highlighted = next(
        agenda.get_option_index(k) for k, it in zip(agenda._keys, agenda.items) if it.title == title
    )
    await pilot.pause()
    return agenda
