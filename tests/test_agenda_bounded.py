"""A bounded agenda: the few most overdue follow-ups, then "+N more follow-ups" — counted in
the header, ``status`` and the JSON all the same; ``today --all`` lists them all and the
app's enter or space on "+N more" shows them all in place."""

from __future__ import annotations

import json
from pathlib import Path

from textual.pilot import Pilot

from networkhabit.domain.agenda import FOLLOW_UPS, build_agenda
from networkhabit.domain.model import Snapshot
from networkhabit.store import Store
from networkhabit.tui.app import NetworkhabitApp
from networkhabit.tui.screens.today import TodayScreen
from networkhabit.tui.screenshots import press
from networkhabit.tui.widgets.agenda import AgendaList
from networkhabit.views.today import status_line, today_view
from tests.conftest import TODAY, days_ago, person, world
from tests.pilot import drive


def overdue(n: int, archived: bool = False) -> Snapshot:
    """``n`` people, each with a follow-up due ``k + 1`` days ago (P0 the least overdue),
    and Zed, archived, with one due long ago (it never counts)."""
    people = [person(f"P{k}") for k in range(n)] + [person("Zed", archived=True)]
    touches = [(f"P{k}", 30 + k, {"follow_up": days_ago(k + 1), "note": f"n{k}"}) for k in range(n)]
    touches.append(("Zed", 300, {"follow_up": days_ago(200)}))
    return world(people, touches=touches)


def follow_ups(items: list) -> list[str]:
    return [it.title for it in items if it.kind == "follow_up"]


def test_the_agenda_lists_the_most_overdue_few_then_how_many_more() -> None:
    snap = overdue(12)
    items = build_agenda(snap, TODAY)
    assert follow_ups(items) == [f"Follow up with P{k}" for k in (11, 10, 9, 8, 7)]
    more = items[FOLLOW_UPS]
    assert (more.kind, more.title, more.ref, more.more) == (
        "more",
        "+7 more follow-ups",
        "follow_up",
        7,
    )
    assert all(it.kind != "follow_up" for it in items[FOLLOW_UPS + 1 :])
    everything = build_agenda(snap, TODAY, follow_ups=None)
    assert follow_ups(everything) == [f"Follow up with P{k}" for k in range(11, -1, -1)]
    assert "more" not in [it.kind for it in everything]
    # One left over is listed, not cut to "+1 more".
    assert len(follow_ups(build_agenda(overdue(FOLLOW_UPS + 1), TODAY))) == FOLLOW_UPS + 1
    assert "more" not in [it.kind for it in build_agenda(overdue(FOLLOW_UPS + 1), TODAY)]


def test_the_counts_count_every_follow_up_not_just_the_listed_ones() -> None:
    view = today_view(overdue(12), TODAY, introductions=False)
    counts = view.counts
    assert (counts.follow_ups, counts.follow_ups_listed, counts.more_follow_ups) == (12, 5, 7)
    assert "12 follow-ups due" in status_line(view)
    whole = today_view(overdue(12), TODAY, introductions=False, follow_ups=None).counts
    assert (whole.follow_ups, whole.follow_ups_listed, whole.more_follow_ups) == (12, 12, 0)


def test_today_says_how_many_more_and_all_lists_them(cli, make_store) -> None:
    make_store(overdue(12))
    out = cli("today").output
    assert out.count("Follow up with P") == 5
    assert "  … +7 more follow-ups — networkhabit today --all" in out
    everything = cli("today", "--all").output
    assert everything.count("Follow up with P") == 12 and "more follow-ups" not in everything
    doc = json.loads(cli("today", "--json").output)
    kinds = [it["kind"] for it in doc["items"]]
    assert kinds[:6] == ["follow_up"] * 5 + ["more"]
    more = doc["items"][5]
    assert (more["ref"], more["title"], more["contacts"]) == ("follow_up", "+7 more follow-ups", [])
    assert (doc["counts"]["follow_ups"], doc["counts"]["follow_ups_listed"]) == (12, 5)
    whole = json.loads(cli("today", "--all", "--json").output)
    assert [it["kind"] for it in whole["items"]].count("follow_up") == 12
    assert "12 follow-ups due" in cli("status").output


def test_enter_on_more_shows_every_follow_up_in_place(db: Path) -> None:
    Store(db).replace_all(overdue(12))

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        assert isinstance(app.screen, TodayScreen)
        agenda = app.screen.query_one(AgendaList)
        assert follow_ups(agenda.items) == [f"Follow up with P{k}" for k in (11, 10, 9, 8, 7)]
        assert "12 follow-ups due" in str(app.screen.query_one("#today-header").render())
        while agenda.selected_item is None or agenda.selected_item.kind != "more":
            await press(pilot, "down")
        await press(pilot, "enter")
        assert follow_ups(agenda.items) == [f"Follow up with P{k}" for k in range(11, -1, -1)]
        assert "more" not in [it.kind for it in agenda.items]
        assert isinstance(app.screen, TodayScreen)  # it opened nothing else
        assert agenda.selected_item is not None
        assert agenda.selected_item.title == "Follow up with P6"  # the cursor stays in place

    drive(db, scenario)


def test_space_on_more_shows_them_all_and_they_stay_after_a_write(db: Path) -> None:
    Store(db).replace_all(overdue(12))

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        agenda = app.screen.query_one(AgendaList)
        while agenda.selected_item is None or agenda.selected_item.kind != "more":
            await press(pilot, "down")
        await press(pilot, "space")
        assert len(follow_ups(agenda.items)) == 12
        while agenda.selected_item is None or agenda.selected_item.title != "Follow up with P0":
            await press(pilot, "down")
        await press(pilot, "space")  # the log dialog: how did you follow up?
        await press(pilot, "enter")
        for _ in range(3000):  # the write, then the reload: a condition, not a time
            if "Follow up with P0" not in follow_ups(agenda.items):
                break
            await pilot.pause(0.01)
        assert follow_ups(agenda.items) == [f"Follow up with P{k}" for k in range(11, 0, -1)]

    drive(db, scenario)
