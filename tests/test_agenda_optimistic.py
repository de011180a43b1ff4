"""The agenda answers a key at once: space (and s on a habit) shows its effect in the list
before the write is made, in place; the reload after the write reconciles without making
the list again; a failed write puts the item back and the app says why."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path

from textual.pilot import Pilot

from networkhabit.domain.model import Habit, new_uid
from networkhabit.store import Store
from networkhabit.tui.app import NetworkhabitApp
from networkhabit.tui.screenshots import settle
from networkhabit.tui.widgets.agenda import AgendaList
from tests.conftest import TODAY, days_ago, person, world
from tests.pilot import cursor_on, drive, until

Scenario = Callable[[NetworkhabitApp, Pilot[None]], Awaitable[None]]


def the_world():
    daily = Habit(new_uid(), "Reach out to 1 person", days_ago(30))
    triple = Habit(new_uid(), "Three messages", days_ago(30), 3)
    snap = world(
        [person("Ana Ruiz", cadence_days=14), person("Bob Stone", cadence_days=7)],
        touches=[("Ana Ruiz", 30), ("Bob Stone", 60)],
        habits=[daily, triple],
    )
    return snap, daily, triple


def options(agenda: AgendaList) -> dict[str | None, object]:
    return {o.id: o for o in (agenda.get_option_at_index(i) for i in range(agenda.option_count))}


def detail(agenda: AgendaList, title: str) -> str:
    return next(it.detail for it in agenda.items if it.title == title)


def titles(agenda: AgendaList, kind: str = "habit") -> list[str]:
    return [it.title for it in agenda.items if it.kind == kind]


def test_a_habit_met_moves_to_the_ticked_at_once_and_the_write_changes_nothing_shown(
    db: Path,
) -> None:
    snap, daily, triple = the_world()
    weekly = Habit(new_uid(), "Coffee with someone", days_ago(30), 1, period="week")
    snap = replace(snap, habits=(daily, weekly, triple))
    Store(db).replace_all(snap)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        agenda = await cursor_on(pilot, "Coffee with someone")
        assert titles(agenda) == ["Coffee with someone", "Reach out to 1 person", "Three messages"]
        with app._store_lock:  # the write cannot be made yet: what shows is ahead of it
            await pilot.press("space")
            shown = list(agenda.items)
            # Met: listed with the ticked habits at once, the cursor on the next item.
            assert titles(agenda) == [
                "Reach out to 1 person",
                "Three messages",
                "Coffee with someone",
            ]
            assert agenda.selected_item is not None
            assert agenda.selected_item.title == "Reach out to 1 person"
            assert not Store(db).snapshot().checkins
        await settle(pilot)
        before = options(agenda)
        await pilot.press("space")  # met too: before the weekly one (the habits' order)
        assert titles(agenda) == ["Three messages", "Coffee with someone", "Reach out to 1 person"]
        assert [it.done for it in agenda.items if it.kind == "habit"] == [False, True, True]
        await until(pilot, lambda: len(Store(db).snapshot().checkins) == 2, "both written")
        await settle(pilot)
        # What the reload shows is what was shown ahead: every option is the very one made
        # at the key (the list was not made again).
        assert agenda.items != shown  # (the second key changed it)
        after = options(agenda)
        made = [k for k in after if k not in before]  # the daily one, ticked at the key
        assert len(made) == 1 and made[0] and "Reach out" in made[0] and made[0].endswith(":done")
        assert all(after[k] is before[k] for k in after if k != made[0])
        assert {(c.habit, c.count) for c in Store(db).snapshot().checkins} == {
            (daily.uid, 1),
            (weekly.uid, 1),
        }

    drive(db, scenario)


def test_space_shows_the_touch_at_once_then_the_item_goes_in_place(db: Path) -> None:
    snap, *_ = the_world()
    Store(db).replace_all(snap)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        agenda = await cursor_on(pilot, "Reach out to Bob Stone")
        before = options(agenda)
        with app._store_lock:  # the write cannot be made yet: what shows is ahead of it
            await pilot.press("space")
            assert detail(agenda, "Reach out to Bob Stone") == "✓ logged"
            assert Store(db).snapshot().interactions == snap.interactions
            assert agenda.highlighted_id == next(k for k in before if k and "Bob" in k)
            await pilot.press("space")  # a quick second press: still the same item, no write
        await until(
            pilot, lambda: "Reach out to Bob Stone" not in [i.title for i in agenda.items], "gone"
        )
        await settle(pilot)
        new = [i for i in Store(db).snapshot().interactions if i.date == TODAY]
        assert len(new) == 1
        after = options(agenda)
        # Reconciled in place: every other option is the very one shown before the key.
        assert set(after) == set(before) - {next(k for k in before if k and "Bob" in k)}
        assert all(after[k] is before[k] for k in after)

    drive(db, scenario)


def test_a_habit_counts_up_at_once_and_s_skips_it_at_once(db: Path) -> None:
    snap, daily, triple = the_world()
    Store(db).replace_all(snap)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        agenda = await cursor_on(pilot, "Three messages")
        assert detail(agenda, "Three messages") == "0/3"
        with app._store_lock:
            await pilot.press("space")
            assert detail(agenda, "Three messages") == "1/3"
            assert next(i for i in agenda.items if i.title == "Three messages").progress == (1, 3)
        await until(pilot, lambda: len(Store(db).snapshot().checkins) == 1, "checked in")
        await settle(pilot)
        assert detail(agenda, "Three messages") == "1/3"  # as written
        agenda = await cursor_on(pilot, "Reach out to 1 person")
        with app._store_lock:
            await pilot.press("s")
            assert detail(agenda, "Reach out to 1 person") == "✓ skipped today"
        await until(
            pilot, lambda: "Reach out to 1 person" not in [i.title for i in agenda.items], "gone"
        )
        made = {(c.habit, c.skip) for c in Store(db).snapshot().checkins}
        assert made == {(triple.uid, False), (daily.uid, True)}

    drive(db, scenario)


def test_a_failed_write_puts_the_item_back_and_says_why(db: Path) -> None:
    snap, *_ = the_world()
    Store(db).replace_all(snap)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        agenda = await cursor_on(pilot, "Reach out to 1 person")
        Store(db).replace_all(replace(snap, habits=()))  # gone behind the app's back
        with app._store_lock:
            await pilot.press("space")
            assert detail(agenda, "Reach out to 1 person") == "1/1"
            assert titles(agenda)[-1:] == ["Reach out to 1 person"]  # met: moved, ticked
        await until(
            pilot,
            lambda: any("no longer in the store" in n.message for n in app._notifications),
            "the app says why",
        )
        await until(pilot, lambda: detail(agenda, "Reach out to 1 person") == "0/1", "put back")
        assert titles(agenda) == ["Reach out to 1 person", "Three messages"]  # where it was

    drive(db, scenario)
