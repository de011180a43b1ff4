"""Issue 12's daily loop, as a user runs it: what you do counts for the habits that count
it, everywhere at once, and follow-ups stay honest."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta
from pathlib import Path

from networkhabit.domain.model import Habit, new_uid
from networkhabit.store import Store
from networkhabit.tui.app import make_app
from networkhabit.tui.screenshots import settle
from networkhabit.tui.widgets.agenda import AgendaList
from tests.conftest import TODAY, person, run_cli, world


def habit_doc(doc: dict, name: str) -> dict:  # type: ignore[type-arg]
    return next(h for h in doc["habits"] if h["name"] == name)


def test_a_logged_call_ticks_the_touches_habit_everywhere_and_unlog_takes_it_back(
    db: Path,
) -> None:
    month_ago = TODAY - timedelta(days=30)
    habits = [
        Habit(new_uid(), "Reach out to 1 person", month_ago, counts="touches"),
        Habit(new_uid(), "Make 1 introduction", month_ago, period="week", counts="intros"),
    ]
    Store(db).replace_all(world([person("Ana Ruiz"), person("Bo Berg")], habits=habits))
    assert run_cli(db, "log", "Ana Ruiz", "--kind", "call").returncode == 0

    today = run_cli(db, "today", "--json")
    habits = {
        i["title"]: i["progress"] for i in json.loads(today.stdout)["items"] if i["kind"] == "habit"
    }
    assert habits["Reach out to 1 person"] == [1, 1]  # met: ticked, at the end of its section
    assert list(habits)[-1] == "Reach out to 1 person"
    streaks = json.loads(run_cli(db, "streaks", "--json").stdout)
    reach = habit_doc(streaks, "Reach out to 1 person")
    assert (reach["done"], reach["met"], reach["counted"]) == (1, True, 1)
    week = json.loads(run_cli(db, "week", "--json").stdout)
    row = habit_doc(week, "Reach out to 1 person")
    assert row["cells"][TODAY.weekday()] == "met"
    status = run_cli(db, "status").stdout
    assert "1 habit open" in status  # the weekly introduction is still open

    # the app shows it too: "Reach out to 1 person" ticked, the introduction still to do
    async def scenario() -> None:
        app = make_app(db)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            done = {i.title: i.done for i in app.screen.query_one(AgendaList).items}
            assert done["Reach out to 1 person"] is True
            assert done["Make 1 introduction"] is False

    asyncio.run(scenario())

    made = run_cli(db, "intro", "make", "Ana Ruiz", "Bo Berg")
    assert made.returncode == 0, made.stderr
    intro = habit_doc(json.loads(run_cli(db, "streaks", "--json").stdout), "Make 1 introduction")
    assert intro["met"] is True
    assert "all done" in run_cli(db, "status").stdout

    # unlog takes both back: the intro touch (with Bo and Ana), then the call with Ana
    assert run_cli(db, "unlog", "Bo Berg").returncode == 0
    intro = habit_doc(json.loads(run_cli(db, "streaks", "--json").stdout), "Make 1 introduction")
    assert intro["met"] is False
    assert run_cli(db, "unlog", "Ana Ruiz").returncode == 0
    reach = habit_doc(json.loads(run_cli(db, "streaks", "--json").stdout), "Reach out to 1 person")
    assert (reach["done"], reach["met"]) == (0, False)


def test_a_later_follow_up_stays_open_until_a_touch_after_its_date(db: Path) -> None:
    Store(db).replace_all(world([person("Ana Ruiz")]))
    r = run_cli(db, "log", "Ana Ruiz", "--note", "send the deck", "--follow-up", "+3d")
    assert r.returncode == 0, r.stderr
    other = run_cli(db, "log", "Ana Ruiz", "--note", "other")
    assert other.returncode == 0 and "closed" not in other.stdout

    later = TODAY + timedelta(days=3)
    agenda = json.loads(run_cli(db, "today", "--json", today=later).stdout)["items"]
    assert [i["kind"] for i in agenda].count("follow_up") == 1

    after = run_cli(db, "log", "Ana Ruiz", "--note", "sent it", today=later + timedelta(days=1))
    assert after.returncode == 0
    assert "closed the follow-up from Nov 20: send the deck" in after.stdout
    agenda = json.loads(run_cli(db, "today", "--json", today=later).stdout)["items"]
    assert [i["kind"] for i in agenda].count("follow_up") == 0

    back = run_cli(db, "unlog", "Ana Ruiz", today=later + timedelta(days=1))
    assert back.returncode == 0 and "opened again the follow-up from Nov 20" in back.stdout
    agenda = json.loads(run_cli(db, "today", "--json", today=later).stdout)["items"]
    assert [i["kind"] for i in agenda].count("follow_up") == 1


def test_done_with_a_note_shows_in_explain_and_the_week(db: Path) -> None:
    Store(db).replace_all(world([person("Ana Ruiz")]))
    assert run_cli(db, "habit", "add", "Write a post").returncode == 0
    done = run_cli(db, "done", "Write a post", "--note", "on warm intros")
    assert done.returncode == 0, done.stderr
    explain = run_cli(db, "streaks", "--explain", "Write a post").stdout
    assert "on warm intros" in explain
    week = json.loads(run_cli(db, "week", "--json").stdout)
    assert habit_doc(week, "Write a post")["notes"] == [
        {"date": TODAY.isoformat(), "note": "on warm intros"}
    ]
    assert "on warm intros" in run_cli(db, "week").stdout


def test_habit_edit_keeps_the_history(db: Path) -> None:
    Store(db).replace_all(world([person("Ana Ruiz")]))
    assert run_cli(db, "habit", "add", "Reach out").returncode == 0
    assert run_cli(db, "done", "Reach out").returncode == 0
    r = run_cli(
        db,
        "habit",
        "edit",
        "Reach out",
        "--rename",
        "Reach out to 2",
        "--target",
        "2",
        "--counts",
        "touches",
    )
    assert r.returncode == 0, r.stderr
    assert "name" in r.stdout and "target" in r.stdout and "counts" in r.stdout
    (h,) = Store(db).snapshot().habits
    assert (h.name, h.target, h.counts) == ("Reach out to 2", 2, "touches")
    assert [c.habit for c in Store(db).snapshot().checkins] == [h.uid]
    bad = run_cli(db, "habit", "edit", "Reach out to 2", "--counts", "intros", "--kind", "call")
    assert bad.returncode == 1 and len(bad.stderr.strip().splitlines()) == 1
    assert Store(db).snapshot().habits == (h,)


def test_a_check_in_note_shows_in_the_apps_review(db: Path) -> None:
    import html
    import re

    Store(db).replace_all(world([person("Ana Ruiz")]))
    assert run_cli(db, "habit", "add", "Write a post").returncode == 0
    assert run_cli(db, "done", "Write a post", "--note", "on warm intros").returncode == 0

    async def scenario() -> None:
        app = make_app(db)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("w")
            await settle(pilot)
            svg = "".join(re.findall(r">([^<]*)</text>", app.export_screenshot()))
            svg = html.unescape(svg).replace("\xa0", " ")
            assert "Write a post: on warm" in svg  # (it wraps before "intros" at 120×40)

    asyncio.run(scenario())


def test_counts_equal_the_lists_they_count_or_the_list_says_how_many_more(db: Path) -> None:
    people = [person(f"Person {n}", cadence_days=7) for n in range(7)]
    Store(db).replace_all(world(people, touches=[(p.name, 30 + n) for n, p in enumerate(people)]))
    doc = json.loads(run_cli(db, "today", "--json").stdout)
    kinds = [i["kind"] for i in doc["items"]]
    assert kinds.count("neglected") == 5  # the neglected limit
    (more,) = [i for i in doc["items"] if i["kind"] == "more"]
    assert (more["ref"], more["title"]) == ("neglected", "+2 more people to reach")
    assert (doc["counts"]["to_reach"], doc["counts"]["reach_listed"]) == (7, 5)
    assert "7 people to reach" in run_cli(db, "status").stdout
    assert "+2 more people to reach" in run_cli(db, "today").stdout
    listed = run_cli(db, "neglected", "--json")
    assert len(json.loads(listed.stdout)["neglected"]) == 7


def test_today_with_everything_done_says_so(db: Path) -> None:
    reach = Habit(new_uid(), "Reach out to 1 person", TODAY - timedelta(days=30), counts="touches")
    Store(db).replace_all(world([person("Ana Ruiz")], habits=[reach]))
    assert run_cli(db, "log", "Ana Ruiz").returncode == 0
    out = run_cli(db, "today").stdout
    assert "✓ Reach out to 1 person" in out
    assert "everything is done for today" in out and "store is empty" not in out
    assert "all done" in run_cli(db, "status").stdout
