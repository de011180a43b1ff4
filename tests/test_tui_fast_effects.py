"""l and s answer at once, like space: once the dialog is submitted the item shows the effect
("✓ logged", "snoozed until Dec 4", "moved to Nov 22") before the write is made; the reload
after the write reconciles; a failed write puts the item back and the app says why. On the
agenda, the contacts table and a contact's page.

The write is held on a threading.Event the test controls (its builder waits on it in the
write's worker), so what shows before the write is made is seen for sure; every wait is a
bounded poll on a condition."""

from __future__ import annotations

import functools
import threading
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from networkhabit.actions import contacts as contact_actions
from networkhabit.actions import touches as touch_actions
from networkhabit.domain.errors import InputError
from networkhabit.store import Store
from networkhabit.tui.app import NetworkhabitApp
from networkhabit.tui.dialogs.base import FormDialog
from networkhabit.tui.screenshots import settle
from networkhabit.tui.widgets.agenda import AgendaList
from networkhabit.tui.widgets.contact_table import ContactTable
from networkhabit.tui.widgets.text import Wrapped
from tests.conftest import TODAY, days_ago, person, world
from tests.pilot import cursor_on, drive, until

Scenario = Callable[[NetworkhabitApp, Pilot[None]], Awaitable[None]]

ANA, BOB, CLEO = "Ana Ruiz", "Bob Stone", "Cleo Park"


def the_world():  # type: ignore[no-untyped-def]
    """Ana and Bob to reach (neglected); Cleo's follow-up due yesterday."""
    return world(
        [
            person(ANA, cadence_days=14, email="ana@example.com"),
            person(BOB, cadence_days=7),
            person(CLEO),
        ],
        touches=[
            (ANA, 30),
            (BOB, 60),
            (CLEO, 3, {"follow_up": days_ago(1), "note": "send the deck"}),
        ],
    )


class Held:
    """Builders of one action held until :meth:`release` (they wait in the write's worker),
    or made to fail with ``error``."""

    def __init__(self, error: Exception | None = None) -> None:
        self.gate = threading.Event()
        self.error = error
        self.started = threading.Event()

    def wrap(self, action: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(action)
        def making(*args: Any, **kwargs: Any) -> Any:
            real = action(*args, **kwargs)

            @functools.wraps(real)  # the builder's marks (what it reads) carried over
            def build(snap: Any) -> Any:
                self.started.set()
                if not self.gate.wait(30):
                    raise TimeoutError("the test never released the write")
                if self.error is not None:
                    raise self.error
                return real(snap)

            return build

        return making

    def release(self) -> None:
        self.gate.set()


def item_detail(app: NetworkhabitApp, title: str) -> str | None:
    agenda = app.screen.query_one(AgendaList)
    return next((it.detail for it in agenda.items if it.title == title), None)


def titles(app: NetworkhabitApp) -> list[str]:
    return [it.title for it in app.screen.query_one(AgendaList).items]


async def submit_dialog(pilot: Pilot[None], key: str) -> None:
    """Open the dialog with ``key`` and submit it as it comes (enter)."""
    app = pilot.app
    await pilot.press(key)
    await until(pilot, lambda: isinstance(app.screen, FormDialog), f"the dialog ({key})")
    await pilot.press("enter")
    await until(pilot, lambda: not isinstance(app.screen, FormDialog), "the dialog closed")


def notified(app: NetworkhabitApp, text: str) -> bool:
    return any(text in n.message for n in app._notifications)


# -- the agenda ---------------------------------------------------------------------------


def test_l_on_the_agenda_shows_logged_before_the_write_then_the_item_goes(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    snap = the_world()
    Store(db).replace_all(snap)
    held = Held()
    monkeypatch.setattr(touch_actions, "log", held.wrap(touch_actions.log))

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        reach = f"Reach out to {BOB}"
        await cursor_on(pilot, reach)
        await submit_dialog(pilot, "l")
        await until(pilot, held.started.is_set, "the write started")
        assert item_detail(app, reach) == "✓ logged"  # shown while the write is held
        assert Store(db).snapshot().interactions == snap.interactions
        held.release()
        await until(pilot, lambda: reach not in titles(app), "reconciled: Bob reached")
        new = [i for i in Store(db).snapshot().interactions if i.date == TODAY]
        assert [len(i.contacts) for i in new] == [1]
        assert f"Reach out to {ANA}" in titles(app)  # the rest as it was

    drive(db, scenario)


def test_s_on_a_contact_shows_the_snooze_before_the_write(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store(db).replace_all(the_world())
    held = Held()
    monkeypatch.setattr(contact_actions, "snooze", held.wrap(contact_actions.snooze))

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        reach = f"Reach out to {ANA}"
        await cursor_on(pilot, reach)
        await submit_dialog(pilot, "s")  # the default: two weeks from today
        await until(pilot, held.started.is_set, "the write started")
        until_day = TODAY + timedelta(weeks=2)
        assert item_detail(app, reach) == f"snoozed until {until_day:%b} {until_day.day}"
        held.release()
        await until(pilot, lambda: reach not in titles(app), "reconciled: Ana snoozed")
        ana = next(c for c in Store(db).snapshot().contacts if c.name == ANA)
        assert ana.snoozed_until == until_day

    drive(db, scenario)


def test_s_on_a_follow_up_shows_the_move_before_the_write(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store(db).replace_all(the_world())
    held = Held()
    monkeypatch.setattr(touch_actions, "move_follow_up", held.wrap(touch_actions.move_follow_up))

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        follow = f"Follow up with {CLEO}"
        await cursor_on(pilot, follow)
        await submit_dialog(pilot, "s")  # the default: in two days
        await until(pilot, held.started.is_set, "the write started")
        day = TODAY + timedelta(days=2)
        assert item_detail(app, follow) == f"moved to {day:%b} {day.day}"
        held.release()
        await until(pilot, lambda: follow not in titles(app), "reconciled: not due now")
        moved = [i.follow_up for i in Store(db).snapshot().interactions if i.follow_up]
        assert moved == [day]

    drive(db, scenario)


@pytest.mark.parametrize("key", ["l", "s"])
def test_a_failed_dialog_write_puts_the_item_back_and_says_why(
    key: str, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    snap = the_world()
    Store(db).replace_all(snap)
    held = Held(InputError("the store said no"))
    if key == "l":
        monkeypatch.setattr(touch_actions, "log", held.wrap(touch_actions.log))
    else:
        monkeypatch.setattr(contact_actions, "snooze", held.wrap(contact_actions.snooze))

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        reach = f"Reach out to {BOB}"
        before = item_detail(app, reach)
        await cursor_on(pilot, reach)
        await submit_dialog(pilot, key)
        await until(pilot, held.started.is_set, "the write started")
        assert item_detail(app, reach) != before  # shown ahead
        held.release()
        await until(pilot, lambda: notified(app, "the store said no"), "the app says why")
        await until(pilot, lambda: item_detail(app, reach) == before, "put back")
        assert Store(db).snapshot() == snap

    drive(db, scenario)


def test_l_with_other_people_than_the_items_leaves_the_item_to_the_reload(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The touch typed is with someone else: nothing is shown ahead on Bob's item."""
    Store(db).replace_all(the_world())
    held = Held()
    monkeypatch.setattr(touch_actions, "log", held.wrap(touch_actions.log))

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        reach = f"Reach out to {BOB}"
        before = item_detail(app, reach)
        await cursor_on(pilot, reach)
        await pilot.press("l")
        await until(pilot, lambda: isinstance(app.screen, FormDialog), "the dialog")
        who = app.screen.query_one("#who")
        who.value = ANA  # type: ignore[attr-defined]
        await pilot.press("enter")
        await until(pilot, held.started.is_set, "the write started")
        assert item_detail(app, reach) == before
        held.release()
        await until(pilot, lambda: f"Reach out to {ANA}" not in titles(app), "Ana reached")
        assert item_detail(app, reach) == before

    drive(db, scenario)


# -- the contacts table and a contact's page -------------------------------------------------


def info(app: NetworkhabitApp) -> str:
    """The plain text of a contact page's details."""
    return " ".join(str(app.screen.query_one("#detail-info", Wrapped).render()).split())


async def open_page(app: NetworkhabitApp, pilot: Pilot[None], name: str) -> None:
    await cursor_on(pilot, f"Reach out to {name}")
    await pilot.press("enter")
    await until(
        pilot, lambda: name in info(app) if app.screen.query("#detail-info") else False, "page"
    )
    await settle(pilot)


def row(app: NetworkhabitApp, name: str) -> Any:
    return next(r for r in app.screen.query_one(ContactTable).rows if r.name == name)


def test_l_in_the_contacts_table_shows_logged_in_the_row_before_the_write(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store(db).replace_all(the_world())
    held = Held()
    monkeypatch.setattr(touch_actions, "log", held.wrap(touch_actions.log))

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await pilot.press("c")
        await settle(pilot)
        table = app.screen.query_one(ContactTable)
        table.cursor = next(n for n, r in enumerate(table.rows) if r.name == BOB)
        before = row(app, BOB)
        assert before.status_text.startswith("overdue")
        await submit_dialog(pilot, "l")
        await until(pilot, held.started.is_set, "the write started")
        assert row(app, BOB).status_text == "✓ logged"
        assert row(app, ANA) is table.rows[0]  # the others as they were
        held.release()
        await until(pilot, lambda: row(app, BOB).status_text == "on track", "reconciled")
        assert row(app, BOB).last == "today"

    drive(db, scenario)


def test_a_failed_write_from_the_contacts_table_puts_the_row_back(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store(db).replace_all(the_world())
    held = Held(InputError("the store said no"))
    monkeypatch.setattr(touch_actions, "log", held.wrap(touch_actions.log))

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await pilot.press("c")
        await settle(pilot)
        table = app.screen.query_one(ContactTable)
        table.cursor = next(n for n, r in enumerate(table.rows) if r.name == BOB)
        before = row(app, BOB)
        await submit_dialog(pilot, "l")
        await until(pilot, held.started.is_set, "the write started")
        assert row(app, BOB).status_text == "✓ logged"
        held.release()
        await until(pilot, lambda: notified(app, "the store said no"), "the app says why")
        await until(pilot, lambda: row(app, BOB) == before, "put back")

    drive(db, scenario)


@pytest.mark.parametrize("key", ["l", "s"])
def test_l_and_s_on_a_contacts_page_show_the_status_before_the_write(
    key: str, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store(db).replace_all(the_world())
    held = Held()
    if key == "l":
        monkeypatch.setattr(touch_actions, "log", held.wrap(touch_actions.log))
    else:
        monkeypatch.setattr(contact_actions, "snooze", held.wrap(contact_actions.snooze))
    day = TODAY + timedelta(weeks=2)
    shown = "✓ logged" if key == "l" else f"snoozed until {day:%b} {day.day}"
    written = "on track" if key == "l" else f"snoozed until {day.isoformat()}"

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await open_page(app, pilot, ANA)
        assert "status past the limit" in info(app)
        await submit_dialog(pilot, key)
        await until(pilot, held.started.is_set, "the write started")
        assert f"status {shown}" in info(app)
        held.release()
        await until(pilot, lambda: f"status {written}" in info(app), "reconciled")

    drive(db, scenario)


def test_a_failed_snooze_on_a_contacts_page_puts_the_status_back(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store(db).replace_all(the_world())
    held = Held(InputError("the store said no"))
    monkeypatch.setattr(contact_actions, "snooze", held.wrap(contact_actions.snooze))

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await open_page(app, pilot, ANA)
        before = info(app)
        await submit_dialog(pilot, "s")
        await until(pilot, held.started.is_set, "the write started")
        assert "status snoozed until" in info(app)
        held.release()
        await until(pilot, lambda: notified(app, "the store said no"), "the app says why")
        await until(pilot, lambda: info(app) == before, "put back")

    drive(db, scenario)
