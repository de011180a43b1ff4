"""A dialog opens without redoing the screen behind it: the covered screen's footer is not
made again while a dialog is over it (its keys come back as they were when it closes).
Pilot tests assert on what is shown and what was made; no timing assertions."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets._footer import FooterKey

from networkhabit.demo import build_demo
from networkhabit.store import Store
from networkhabit.tui.app import NetworkhabitApp, make_app
from networkhabit.tui.dialogs.base import FormDialog
from networkhabit.tui.screens.today import TodayScreen
from networkhabit.tui.screenshots import press, settle
from networkhabit.tui.widgets.footer import KeysFooter
from tests.conftest import TODAY

Scenario = Callable[[NetworkhabitApp, Pilot[None]], Awaitable[None]]


@pytest.fixture(autouse=True)
def _collector_unfrozen() -> Iterator[None]:
    """The app freezes what its start made (see tests/test_tui_loading.py)."""
    yield
    gc.unfreeze()


@pytest.fixture
def demo_db(db: Path) -> Path:
    Store(db).replace_all(build_demo(TODAY))
    return db


def run(db: Path, scenario: Scenario) -> None:
    async def main() -> None:
        app = make_app(db)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await scenario(app, pilot)

    asyncio.run(main())


def keys_of(screen: object) -> list[str]:
    footer = screen.query_one(KeysFooter)  # type: ignore[attr-defined]
    return [key.description for key in footer.query(FooterKey) if key.description]


def test_the_screen_behind_a_dialog_keeps_its_footer(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[str] = []
    compose = KeysFooter.compose

    def counting(self: KeysFooter):  # type: ignore[no-untyped-def]
        made.append(type(self.screen).__name__)
        return compose(self)

    monkeypatch.setattr(KeysFooter, "compose", counting)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        today = app.screen
        assert isinstance(today, TodayScreen)
        shown = keys_of(today)
        assert {"Undo", "Help", "Log touch"} <= set(shown)
        before = len(made)
        await press(pilot, "l")
        assert isinstance(app.screen, FormDialog)
        assert len(made) == before  # the covered footer was not made again
        assert keys_of(today) == shown
        await press(pilot, "escape")
        assert app.screen is today
        assert len(made) == before  # nor when it is uncovered: its keys are those shown
        assert keys_of(today) == shown
        await press(pilot, "c")  # a screen's own footer still follows its keys
        assert "Filter" in keys_of(app.screen)
        await press(pilot, "slash")
        assert "Add" not in keys_of(app.screen)
        await press(pilot, "escape")
        assert "Add" in keys_of(app.screen)

    run(demo_db, scenario)
