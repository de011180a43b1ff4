"""A contact's page, Review, Network, Contacts and Today open in fewer passes and work the same (issue 15).

As the dialogs (tests/test_tui_dialogs_open.py): a screen just mounted is not styled again as
Textual resumes it (a mode is resumed twice as it is first shown), and the size it is told
right after does not lay out again the screens below it when they have that size already.
A later resume (a mode shown again) restyles as before; a theme change and a real resize
reach the screens.

Pilot tests wait on conditions; no timing assertions.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Static

from networkhabit.tui.app import NetworkhabitApp
from networkhabit.tui.screens.contact_detail import ContactDetailScreen
from networkhabit.tui.screens.contacts import ContactsScreen
from networkhabit.tui.screens.network import NetworkScreen
from networkhabit.tui.screens.review import ReviewScreen
from networkhabit.tui.screens.today import TodayScreen
from tests.pilot import ScreenSpy, drive, resize_under, until


def text_of(app: NetworkhabitApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def open_page(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
    await pilot.press("c")
    await until(pilot, lambda: isinstance(app.screen, ContactsScreen), "Contacts")
    await pilot.pause()
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, ContactDetailScreen), "the page")
    await pilot.pause()
    await pilot.pause()


def test_a_contacts_page_opens_without_a_restyle_or_a_layout_of_the_table_behind(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, ContactsScreen), "Contacts")
        await pilot.pause()
        spy = ScreenSpy(monkeypatch)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ContactDetailScreen), "the page")
        await pilot.pause()
        await pilot.pause()
        assert "ContactDetailScreen" in spy.laid_out  # it is laid out (the spy works) …
        assert "ContactsScreen" not in spy.laid_out  # … the table behind is not
        assert "ContactDetailScreen" not in spy.restyled
        page = app.screen
        assert page.size == app.size and page.has_class("-wide")
        assert "reading…" not in text_of(app, "#detail-info")  # filled in
        assert "reading…" not in text_of(app, "#detail-touches")

    drive(demo_db, scenario)


@pytest.mark.parametrize(
    ("key", "kind"), [("w", ReviewScreen), ("n", NetworkScreen), ("c", ContactsScreen)]
)
def test_review_and_network_open_without_a_restyle(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch, key: str, kind: type[Screen]
) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        spy = ScreenSpy(monkeypatch)
        await pilot.press(key)
        await until(pilot, lambda: isinstance(app.screen, kind), kind.__name__)
        await pilot.pause()
        await pilot.pause()
        name = kind.__name__
        assert name in spy.laid_out
        assert name not in spy.restyled
        assert app.screen.size == app.size and app.screen.has_class("-wide")
        # Shown again (a mode kept since): resumed as Textual resumes it, restyled.
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, TodayScreen), "Today")
        spy.clear()
        await pilot.press(key)
        await until(pilot, lambda: isinstance(app.screen, kind), f"{name} again")
        await pilot.pause()
        assert name in spy.restyled

    drive(demo_db, scenario)


def test_a_theme_changed_under_a_dialog_shows_on_the_page(demo_db: Path) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await open_page(app, pilot)
        page = app.screen
        before = page.styles.background
        await pilot.press("e")
        await until(pilot, lambda: app.screen is not page, "the edit dialog")
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await pilot.pause()
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is page, "back on the page")
        await pilot.pause()
        assert page.styles.background != before

    drive(demo_db, scenario)


def test_a_real_resize_reaches_the_page_and_the_table_behind(demo_db: Path) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await open_page(app, pilot)
        await resize_under(pilot, "page")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ContactsScreen), "back")
        assert app.screen.size == (90, 30) and app.screen.has_class("-narrow")

    drive(demo_db, scenario)


def test_today_is_not_styled_again_as_it_is_first_shown_and_a_resize_reaches_it(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spy = ScreenSpy(monkeypatch)  # from the start

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await until(pilot, lambda: isinstance(app.screen, TodayScreen), "Today")
        await pilot.pause()
        await pilot.pause()
        assert "TodayScreen" in spy.laid_out  # laid out (the spy works) …
        assert "TodayScreen" not in spy.restyled  # … styled as it was mounted, not again
        today = app.screen
        assert today.size == app.size and today.has_class("-wide")
        await pilot.resize_terminal(90, 30)
        await until(pilot, lambda: today.size == (90, 30), "Today at the new size")
        await until(pilot, lambda: today.has_class("-narrow"), "Today narrow")
        agenda = today.query_one("#agenda")
        await until(pilot, lambda: 0 < agenda.size.width < 90, "the agenda laid out anew")
        spy.clear()
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, ContactsScreen), "Contacts")
        await pilot.press("t")
        await until(pilot, lambda: app.screen is today, "Today again")
        await pilot.pause()
        assert "TodayScreen" in spy.restyled  # shown again: restyled as Textual does

    drive(demo_db, scenario)
