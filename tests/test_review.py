"""The weekly review and the activity heatmap (domain and the ``week`` command).

TODAY is Friday 2026-11-20: ISO week 2026-W47 runs Mon Nov 16 .. Sun Nov 22.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from networkhabit.domain.model import Break, CheckIn, Habit, Snapshot, new_uid
from networkhabit.domain.review import activity_heatmap, monday_of, week_review
from tests.conftest import TODAY, days_ago, person, world

MONDAY = date(2026, 11, 16)


def _world() -> Snapshot:
    reach = Habit("reach", "Reach out", days_ago(30), 1, "day", (0, 1, 2, 3, 4))
    intro = Habit("intro", "Make an intro", days_ago(30), 2, "week")
    new = Habit("new", "New habit", date(2026, 11, 18))
    later = Habit("later", "Not yet", date(2026, 11, 23))
    gone = Habit("gone", "Archived", days_ago(30), archived=True)
    checkins = [CheckIn(new_uid(), "reach", days_ago(n), 1) for n in (4, 3, 1)]
    checkins += [
        CheckIn(new_uid(), "intro", days_ago(3), 1),
        CheckIn(new_uid(), "new", days_ago(2), 1),
        CheckIn(new_uid(), "reach", days_ago(7), 1, skip=True),
    ]
    weekend = Break(new_uid(), date(2026, 11, 21), date(2026, 11, 22), "weekend away")
    people = [
        person("Ana", cadence_days=7),
        person("Bo"),
        person("Cy", cadence_days=7),
        person("Dee", created=days_ago(2)),
        person("Eve", created=days_ago(1), archived=True),
    ]
    touches = [("Ana", 1), (["Ana", "Bo"], 2), ("Bo", 4), ("Cy", 8), ("Ana", 9)]
    return world(
        people,
        touches=touches,
        habits=[reach, intro, new, later, gone],
        checkins=checkins,
        breaks=[weekend],
    )


def test_week_review_grid_and_totals() -> None:
    r = week_review(_world(), MONDAY, TODAY)
    assert r.week_start == MONDAY and r.days == tuple(MONDAY + timedelta(days=k) for k in range(7))
    rows = {row.habit.name: row for row in r.rows}
    assert list(rows) == [
        "Make an intro",
        "New habit",
        "Reach out",
    ]  # by name; no archived, no future
    assert rows["Reach out"].cells == ("met", "met", "missed", "met", "open", "future", "future")
    assert (rows["Reach out"].total, rows["Reach out"].target) == (3, 5)
    # 2 a week, but the weekend is a break: 2 × 5/7 rounds to 1, met on Tuesday.
    assert rows["Make an intro"].cells == ("off", "met", "off", "off", "off", "future", "future")
    assert (rows["Make an intro"].total, rows["Make an intro"].target) == (1, 1)
    # Created on Wednesday; the weekend is a planned break, so only Wed..Fri are due.
    assert rows["New habit"].cells == (
        "before",
        "before",
        "met",
        "missed",
        "open",
        "future",
        "future",
    )
    assert (rows["New habit"].total, rows["New habit"].target) == (1, 3)


def test_week_review_people() -> None:
    r = week_review(_world(), MONDAY, TODAY)
    assert (r.touches_this_week, r.touches_last_week) == (3, 2)
    assert [c.name for c in r.new_contacts] == ["Dee"]  # Eve is archived
    assert [c.name for c in r.reached] == ["Ana", "Bo"]
    assert r.neglected_count == 1  # Cy: every week, last talked 8 days ago


def test_a_past_week_is_seen_as_it_ended() -> None:
    r = week_review(_world(), date(2026, 11, 12), TODAY)  # any day of the week picks its Monday
    assert r.week_start == date(2026, 11, 9)
    assert (r.touches_this_week, r.touches_last_week) == (2, 0)
    assert [c.name for c in r.reached] == ["Ana", "Cy"]
    rows = {row.habit.name: row for row in r.rows}
    assert "New habit" not in rows and rows["Reach out"].cells[4] == "skip"
    assert "future" not in rows["Reach out"].cells
    assert r.neglected_count == 0  # on Sunday Nov 15 nobody was overdue yet


def test_activity_heatmap_counts_touches_and_check_ins() -> None:
    heat = activity_heatmap(_world(), TODAY, weeks=2)
    assert [d for d, _ in heat] == [date(2026, 11, 9) + timedelta(days=k) for k in range(12)]
    by_day = dict(heat)
    assert by_day[days_ago(2)] == 2  # a touch and a check-in
    assert by_day[days_ago(3)] == 2  # two check-ins
    assert by_day[days_ago(7)] == 0  # a skip is no activity
    assert by_day[days_ago(8)] == 1 and by_day[TODAY] == 0
    full = activity_heatmap(Snapshot(), TODAY)
    assert len(full) == 25 * 7 + 5 and full[0][0] == monday_of(TODAY) - timedelta(weeks=25)
    assert full[0][0].weekday() == 0 and full[-1][0] == TODAY


def test_week_command_text_and_json(cli, make_store, db: Path) -> None:
    make_store(_world())
    r = cli("week")
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert lines[0] == "Week 2026-W47 (this week) · Mon 16 – Sun 22 November 2026"
    reach = next(line for line in lines if line.startswith("Reach out"))
    assert "■  ■  □  ■  ▸" in reach and reach.endswith("3/5")
    assert "Touches       3 this week · 2 last week (+1)" in r.output
    assert "New contacts  1: Dee" in r.output and "Reached       2: Ana, Bo" in r.output
    assert "Neglected     1 contact past their keep-in-touch date" in r.output
    doc = json.loads(cli("week", "--json").output)
    assert doc["week"] == "2026-W47" and doc["week_start"] == "2026-11-16" and len(doc["days"]) == 7
    assert [h["name"] for h in doc["habits"]] == ["Make an intro", "New habit", "Reach out"]
    assert doc["habits"][2]["cells"][:5] == ["met", "met", "missed", "met", "open"]
    assert (doc["touches_this_week"], doc["touches_last_week"], doc["neglected_count"]) == (3, 2, 1)
    assert [c["name"] for c in doc["new_contacts"]] == ["Dee"]
    past = json.loads(cli("week", "--week", "2026-W46", "--json").output)
    assert past["week_start"] == "2026-11-09" and past["touches_this_week"] == 2
    assert json.loads(cli("week", "--week", "last", "--json").output) == past
    assert json.loads(cli("week", "--week", "2026-11-12", "--json").output) == past


def test_week_command_refuses_bad_weeks(cli, make_store, db: Path) -> None:
    make_store(_world())
    before = db.read_bytes()
    future = cli("week", "--week", "2026-W49")
    assert future.exit_code == 1 and "has not started yet" in future.stderr
    bad = cli("week", "--week", "soon")
    assert bad.exit_code == 1 and "invalid week" in bad.stderr
    nonsense = cli("week", "--week", "2026-W60")
    assert nonsense.exit_code == 1 and "no such ISO week" in nonsense.stderr
    assert db.read_bytes() == before


def test_week_total_counts_only_due_days_up_to_their_target() -> None:
    # Mon/Wed/Fri, 1 a day: Monday met, extra check-ins on Tuesday (not due) and a burst
    # of 4 on Wednesday must not tick the week off while Friday is still open.
    mwf = Habit("mwf", "Mon Wed Fri", days_ago(30), 1, "day", (0, 2, 4))
    checkins = [
        CheckIn(new_uid(), "mwf", date(2026, 11, 16), 1),
        CheckIn(new_uid(), "mwf", date(2026, 11, 17), 2),
        CheckIn(new_uid(), "mwf", date(2026, 11, 18), 4),
    ]
    r = week_review(world(habits=[mwf], checkins=checkins), MONDAY, TODAY)
    (row,) = r.rows
    assert row.cells[:5] == ("met", "off", "met", "off", "open")
    assert (row.total, row.target) == (2, 3)
