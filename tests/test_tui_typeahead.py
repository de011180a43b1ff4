"""Keys typed ahead of the app go where they were meant to (networkhabit.tui.typeahead).

Each scenario sends its keys the way a fast typist or a paste reaches the app: all of them
on the app's queue at once, before the first is handled (``App.post_message`` of each
key, as Textual's driver posts what it reads from the terminal), then waits for the app
to settle — conditions, not time.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from networkhabit.store import Store
from networkhabit.tui.app import NetworkhabitApp
from networkhabit.tui.dialogs.contact_form import ContactDialog
from networkhabit.tui.screens.contacts import ContactsScreen
from networkhabit.tui.screens.network import NetworkScreen
from networkhabit.tui.screens.today import TodayScreen
from networkhabit.tui.screenshots import press, settle
from networkhabit.tui.typeahead import WAIT_AT_MOST_S, TypeAhead, on_top
from tests.conftest import TODAY
from tests.pilot import drive, until

#: Keys spelled out (everything else: one character each).
NAMED = {"tab": "\t", "enter": "\r", "escape": "\x1b"}
#: Textual's names of the characters typed that are not letters or digits.
KEY_NAMES = {"/": "slash", " ": "space", "-": "minus", "@": "at", ".": "full_stop"}


def burst(app: NetworkhabitApp, *parts: str) -> None:
    """Every key of ``parts`` on the app's queue at once: a named key (``tab``) or text."""
    for part in parts:
        if part in NAMED:
            keys = [(part, NAMED[part])]
        else:
            keys = [(ch if ch.isalnum() else KEY_NAMES.get(ch, ch), ch) for ch in part]
        for key, char in keys:
            event = events.Key(key, char)
            event.set_sender(app)
            app.post_message(event)


async def typed(pilot: Pilot[None], *parts: str) -> None:
    """Type ``parts`` at once, then let the app take them all."""
    app = pilot.app
    assert isinstance(app, NetworkhabitApp)
    burst(app, *parts)
    await settle(pilot)
    await until(pilot, lambda: app.held_keys == 0, "every typed key taken")
    await settle(pilot)


def focused_value(app: NetworkhabitApp) -> str:
    focused = app.focused
    assert isinstance(focused, Input), focused
    return focused.value


def test_a_name_typed_right_after_a_reaches_the_new_contact_dialog(demo_db: Path) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await press(pilot, "c")
        await typed(pilot, "a", "Nia Okafor", "tab", "Example Labs")
        assert isinstance(app.screen, ContactDialog)
        assert app.screen.query_one("#f-name", Input).value == "Nia Okafor"
        assert focused_value(app) == "Example Labs"  # the tab moved on, then the company
        await typed(pilot, "enter")
        assert isinstance(app.screen, ContactsScreen)
        added = [c for c in Store(demo_db).snapshot().contacts if c.name == "Nia Okafor"]
        assert [c.company for c in added] == ["Example Labs"]

    drive(demo_db, scenario)


def test_a_paste_right_after_a_reaches_the_new_contact_dialog(demo_db: Path) -> None:
    """A paste (the terminal's bracketed paste) takes its turn among the keys."""

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await press(pilot, "c")
        burst(app, "a")
        paste = events.Paste("Nia Okafor")
        paste.set_sender(app)
        app.post_message(paste)
        await typed(pilot, "tab", "Example Labs")
        assert isinstance(app.screen, ContactDialog)
        assert app.screen.query_one("#f-name", Input).value == "Nia Okafor"
        assert focused_value(app) == "Example Labs"

    drive(demo_db, scenario)


def test_a_filter_typed_right_after_slash_filters_and_opens_nothing(demo_db: Path) -> None:
    """The ``a`` of "ana" reached the table before the filter had the keyboard: it opened
    the Add dialog."""

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await press(pilot, "c")
        await typed(pilot, "/ana")
        assert isinstance(app.screen, ContactsScreen)
        assert focused_value(app) == "ana"

    drive(demo_db, scenario)


def test_keys_typed_while_a_screen_first_opens_wait_for_it(demo_db: Path) -> None:
    """From Today, ``c`` opens Contacts for the first time; ``/`` and the name wait for it
    (and ``n`` then ``/Stripe`` for the Network screen)."""

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await typed(pilot, "c/ana")
        assert isinstance(app.screen, ContactsScreen)
        assert focused_value(app) == "ana"
        await typed(pilot, "escape", "escape", "n/Stripe")
        assert isinstance(app.screen, NetworkScreen)
        assert focused_value(app) == "Stripe"
        assert "Ask Ingrid Larsen" in app.screen.paths.text

    drive(demo_db, scenario)


def test_a_note_typed_right_after_l_is_logged_and_switches_no_screen(demo_db: Path) -> None:
    """The ``c`` of "call" typed after ``l`` on Today switched to Contacts."""
    before = len(Store(demo_db).snapshot().interactions)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await typed(pilot, "l", "called about the offsite", "enter")
        assert isinstance(app.screen, TodayScreen)

    drive(demo_db, scenario)
    after = Store(demo_db).snapshot().interactions
    assert len(after) == before + 1
    assert [i.note for i in after if i.date == TODAY and i.note == "called about the offsite"]


def test_escape_typed_ahead_closes_the_dialog_and_the_keys_after_go_beneath(
    demo_db: Path,
) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await press(pilot, "c")
        await typed(pilot, "a", "Nia", "escape", "t")
        assert isinstance(app.screen, TodayScreen)

    drive(demo_db, scenario)
    assert not [c for c in Store(demo_db).snapshot().contacts if c.name == "Nia"]


def test_a_screen_that_never_takes_keys_holds_them_only_for_a_while(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Waiting keys go on after WAIT_AT_MOST_S even if the screen never says it takes keys
    (here: Contacts, made never to say so) — the keyboard is never lost for good."""
    monkeypatch.setattr(ContactsScreen, "takes_keys", property(lambda self: False))

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        burst(app, "c", "/ana")
        await until(pilot, lambda: isinstance(app.screen, ContactsScreen), "Contacts")
        # "c" done with, "/ana" waiting for Contacts to say it takes keys:
        await until(pilot, lambda: app.held_keys == 4, "the c done with")
        assert not isinstance(app.focused, Input)
        await until(pilot, lambda: app.held_keys == 0, f"keys gone on ({WAIT_AT_MOST_S} s)")
        await settle(pilot)
        assert focused_value(app) == "ana"

    drive(demo_db, scenario)


def test_every_key_comes_back_without_waiting_out_the_time(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each key's marker comes back up to the app (the next key goes on then, not after
    WAIT_AT_MOST_S): single presses, a burst, a dialog opened and closed by typed keys."""
    overdue: list[str] = []
    waited = TypeAhead._waited_too_long

    async def spy(self: TypeAhead) -> None:
        overdue.append(type(on_top(self)).__name__)
        await waited(self)

    monkeypatch.setattr(TypeAhead, "_waited_too_long", spy)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        for key in ("c", "slash", "b", "e", "n"):
            await pilot.press(key)
        await settle(pilot)
        assert focused_value(app) == "ben"
        await typed(pilot, "escape", "escape", "a", "Nia", "escape", "e", "tab", "escape")
        await typed(pilot, "t", "l", "a note", "escape", "w")
        assert type(app.screen).__name__ == "ReviewScreen"

    drive(demo_db, scenario)
    assert overdue == []
