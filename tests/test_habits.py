"""Habit rules: day and week states, streaks, strength, the networking streak, habit agenda items.

TODAY is Friday 2026-11-20 (ISO week 2026-W47); days_ago(n) counts back from it.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from networkhabit.domain.agenda import habit_items, in_agenda_order
from networkhabit.domain.errors import InputError
from networkhabit.domain.habits import (
    COUNTS_HELP,
    STATES,
    STRIP_ASCII,
    STRIP_SYMBOLS,
    HabitStatus,
    check_counts,
    explain_streak,
    explain_strength,
    habit_history,
    habit_progress,
    habit_statuses,
    networking_streak,
    networking_streaks,
    resolve_habit,
)
from networkhabit.domain.model import (
    ALL_DAYS,
    COUNTS,
    Break,
    CheckIn,
    Habit,
    Interaction,
    Snapshot,
    new_uid,
)
from networkhabit.domain.network import introduction_records
from networkhabit.domain.review import week_review
from networkhabit.domain.touches import close_follow_up, log_touch
from networkhabit.store import Store, codec
from networkhabit.store.store import HABIT_TABLES
from tests.conftest import TODAY, days_ago, person, world

WEEKDAYS = (0, 1, 2, 3, 4)


def habit(
    name: str = "Reach out",
    target: int = 1,
    per: str = "day",
    days: tuple[int, ...] = ALL_DAYS,
    created: date | None = None,
    **kw: object,
) -> Habit:
    """A habit created 60 days ago unless told otherwise."""
    return Habit(new_uid(), name, created or days_ago(60), target, per, days, **kw)  # type: ignore[arg-type]


def done(h: Habit, *ago: int, count: int = 1) -> list[CheckIn]:
    """One check-in of ``count`` on each of the given days ago."""
    return [CheckIn(new_uid(), h.uid, days_ago(n), count) for n in ago]


def skipped(h: Habit, *ago: int) -> list[CheckIn]:
    """A rest day on each of the given days ago."""
    return [CheckIn(new_uid(), h.uid, days_ago(n), 1, skip=True) for n in ago]


def vacation(first_ago: int, last_ago: int) -> Break:
    """A break from ``first_ago`` days ago to ``last_ago`` days ago (inclusive)."""
    return Break(new_uid(), days_ago(first_ago), days_ago(last_ago), "vacation")


def snap_of(
    habits: Iterable[Habit], checkins: Iterable[CheckIn] = (), breaks: Iterable[Break] = ()
) -> Snapshot:
    return world(habits=habits, checkins=checkins, breaks=breaks)


def status(snap: Snapshot, h: Habit, today: date = TODAY) -> HabitStatus:
    [s] = [s for s in habit_statuses(snap, today) if s.habit.uid == h.uid]
    return s


def test_today_is_open_until_met() -> None:
    h = habit(created=days_ago(10))
    snap = snap_of([h], done(h, 1, 2, 3))
    s = status(snap, h)
    assert (s.current, s.best, s.done, s.target, s.met, s.due_today) == (3, 3, 0, 1, False, True)
    assert s.strip[-1] == "open" and s.strip[-2:-5:-1] == ("met", "met", "met")
    assert s.strip[-5] == "missed"
    assert "today still open (0/1)" in explain_streak(snap, h, TODAY)
    after = snap_of([h], done(h, 0, 1, 2, 3))
    s2 = status(after, h)
    assert (s2.current, s2.best, s2.met, s2.strip[-1]) == (4, 4, True, "met")
    # Strength is not lowered for an open today, and rises once today is met.
    hist = habit_history(snap, h, TODAY)
    assert hist.strengths[-1] == hist.strengths[-2]
    assert s2.strength > s.strength


def test_partial_today_stays_open_and_shows_progress() -> None:
    h = habit(target=3, created=days_ago(5))
    snap = snap_of([h], done(h, 1, count=3) + done(h, 0, count=1))
    s = status(snap, h)
    assert (s.current, s.done, s.target, s.met, s.strip[-1]) == (1, 1, 3, False, "open")


def test_a_weekday_only_habit_over_a_weekend() -> None:
    h = habit(days=WEEKDAYS, created=days_ago(20))
    # Wed 11 missed; Thu 12, Fri 13 met; the weekend not due; Mon 16 .. Thu 19 met; today open.
    snap = snap_of([h], done(h, 8, 7, 4, 3, 2, 1))
    s = status(snap, h)
    assert s.current == 6 and s.best == 6
    assert s.strip[-8:] == ("met", "off", "off", "met", "met", "met", "met", "open")
    assert s.strip[-10] == "missed"  # Wed 11
    why = explain_streak(snap, h, TODAY)
    assert why.startswith("6 days: met every due day since Nov 12")
    assert "Nov 11 was missed" in why and "weekends are not due" in why
    hist = habit_history(snap, h, TODAY)
    sat = (days_ago(6) - h.created).days
    assert hist.strengths[sat] == hist.strengths[sat - 1] == hist.strengths[sat + 1]
    # A weekday habit is not due on a Saturday: not in the agenda, and no streak change.
    saturday = TODAY + timedelta(days=1)
    friday_met = snap_of([h], done(h, 8, 7, 4, 3, 2, 1, 0))
    s_sat = status(friday_met, h, saturday)
    assert (s_sat.due_today, s_sat.current, s_sat.strip[-1]) == (False, 7, "off")
    assert habit_items(friday_met, saturday) == []
    # ... while an unmet Friday, once over, is a miss.
    assert status(snap, h, saturday).current == 0


def test_a_skip_inside_a_run_neither_breaks_nor_extends() -> None:
    h = habit(created=days_ago(10))
    snap = snap_of([h], done(h, 1, 2, 4, 5) + skipped(h, 3))
    s = status(snap, h)
    assert s.current == 4 and s.strip[-4] == "skip"
    assert "Nov 17 skipped" in explain_streak(snap, h, TODAY)
    hist = habit_history(snap, h, TODAY)
    k = (days_ago(3) - h.created).days
    assert hist.strengths[k] == hist.strengths[k - 1]
    # Without the skip the same day is a miss and the streak is 2.
    assert status(snap_of([h], done(h, 1, 2, 4, 5)), h).current == 2
    # A skipped today is not due today (not in the agenda) and keeps the streak.
    rest = snap_of([h], done(h, 1, 2) + skipped(h, 0))
    assert (status(rest, h).current, status(rest, h).due_today) == (2, False)
    assert habit_items(rest, TODAY) == []


def test_a_break_spanning_a_week_pauses_a_daily_streak() -> None:
    h = habit(created=days_ago(30))
    trip = vacation(13, 4)  # Sat Nov 7 .. Mon Nov 16: all of ISO week 2026-W46
    snap = snap_of([h], done(h, 1, 2, 3, *range(14, 21)), [trip])
    s = status(snap, h)
    assert (s.current, s.best) == (10, 10)
    assert s.strip[-5:-1] == ("break", "met", "met", "met")
    assert "paused for a break Nov 7 – Nov 16 (vacation)" in explain_streak(snap, h, TODAY)
    hist = habit_history(snap, h, TODAY)
    first, last = (days_ago(13) - h.created).days, (days_ago(4) - h.created).days
    assert len(set(hist.strengths[first - 1 : last + 1])) == 1  # carried over the whole break
    # Something done on a break day does not extend the streak either.
    busy = snap_of([h], done(h, 1, 2, 3, 5, 6, *range(14, 21)), [trip])
    assert status(busy, h).current == 10


def test_a_break_spanning_a_week_pauses_a_weekly_streak() -> None:
    monday = TODAY - timedelta(days=TODAY.weekday())  # Mon Nov 16
    h = habit(per="week", created=monday - timedelta(weeks=4))
    ago = [(TODAY - (monday - timedelta(weeks=w) + timedelta(days=2))).days for w in (4, 3, 2)]
    trip = Break(new_uid(), monday - timedelta(weeks=1), monday - timedelta(days=1))  # all of W46
    snap = snap_of([h], done(h, *ago, 2), [trip])
    s = status(snap, h)
    assert (s.unit, s.current, s.best, s.met) == ("week", 4, 4, True)
    hist = habit_history(snap, h, TODAY)
    assert [p.state for p in hist.periods] == ["met", "met", "met", "break", "met"]
    # Without the break the empty week is a miss.
    assert status(snap_of([h], done(h, *ago, 2)), h).current == 1


def test_a_short_break_prorates_a_weekly_target() -> None:
    monday = TODAY - timedelta(days=TODAY.weekday())
    h = habit(per="week", target=3, created=monday - timedelta(weeks=2))
    last_week = monday - timedelta(weeks=1)
    # W46: four days on a break, so 3 × 3/7 → 1 check-in is enough.
    trip = Break(new_uid(), last_week, last_week + timedelta(days=3))
    snap = snap_of([h], done(h, (TODAY - last_week).days - 5), [trip])
    hist = habit_history(snap, h, TODAY)
    assert [(p.state, p.done, p.needed) for p in hist.periods][1] == ("met", 1, 1)


def test_a_weekly_habit_whose_current_week_is_not_yet_met() -> None:
    monday = TODAY - timedelta(days=TODAY.weekday())
    h = habit("Coffee chats", target=2, per="week", created=monday - timedelta(weeks=4))
    past = [(TODAY - (monday - timedelta(weeks=w))).days + d for w in (1, 2, 3, 4) for d in (0, -2)]
    snap = snap_of([h], done(h, *past) + done(h, 1))
    s = status(snap, h)
    assert (s.current, s.best, s.done, s.target, s.met, s.due_today) == (4, 4, 1, 2, False, True)
    assert s.strip[-1] == "open"
    why = explain_streak(snap, h, TODAY)
    assert why.startswith("4 weeks: met 2/week every week since the week of Oct 19 (2026-W43)")
    assert "this week still open (1/2)" in why
    [item] = habit_items(snap, TODAY)
    assert (item.kind, item.title, item.detail, item.ref, item.progress) == (
        "habit",
        "Coffee chats",
        "1/2 this week",
        h.uid,
        (1, 2),
    )
    met = snap_of([h], done(h, *past) + done(h, 1, 0))
    assert (status(met, h).current, status(met, h).met) == (5, True)
    [ticked] = habit_items(met, TODAY)  # met this week: still listed, ticked
    assert (ticked.title, ticked.progress, ticked.done) == ("Coffee chats", (2, 2), True)
    # A missed last week ends the streak; this week is still open, so it is 0, not broken twice.
    gap = snap_of([h], done(h, *past[2:]) + done(h, 1))
    assert status(gap, h).current == 0 and status(gap, h).best == 3
    assert "2026-W46 was missed (0/2)" in explain_streak(gap, h, TODAY)


def test_a_skip_makes_a_rest_week_for_a_weekly_habit() -> None:
    monday = TODAY - timedelta(days=TODAY.weekday())
    h = habit(per="week", created=monday - timedelta(weeks=3))
    met_weeks = [(TODAY - (monday - timedelta(weeks=w))).days for w in (2, 3)]
    snap = snap_of([h], done(h, *met_weeks) + skipped(h, (TODAY - monday).days + 3))
    hist = habit_history(snap, h, TODAY)
    assert [p.state for p in hist.periods] == ["met", "met", "skip", "open"]
    assert hist.current == 2


def test_check_ins_are_summed_across_entries_in_one_day() -> None:
    h = habit("Reach out to 3 people", target=3, created=days_ago(5))
    three = snap_of([h], done(h, 1) + done(h, 1) + done(h, 1))
    assert status(three, h).current == 1
    assert habit_history(three, h, TODAY).day_state(days_ago(1)) == "met"
    two = snap_of([h], done(h, 1) + done(h, 1))
    assert habit_history(two, h, TODAY).day_state(days_ago(1)) == "partial"
    assert status(two, h).current == 0
    today = snap_of([h], done(h, 0, count=2) + done(h, 0))
    s = status(today, h)
    assert (s.done, s.met, s.current) == (3, True, 1)
    partial = snap_of([h], done(h, 0))
    [item] = habit_items(partial, TODAY)
    assert (item.title, item.detail, item.progress) == ("Reach out to 3 people", "1/3", (1, 3))


def test_a_habit_created_mid_week() -> None:
    thursday = date(2026, 11, 12)
    h = habit(per="week", target=2, created=thursday)
    snap = snap_of([h], done(h, 7))  # Fri Nov 13: 2 × 4/7 rounds to 1, so its first week is met
    s = status(snap, h)
    hist = habit_history(snap, h, TODAY)
    assert [(p.state, p.done, p.needed) for p in hist.periods] == [("met", 1, 1), ("open", 0, 2)]
    assert (s.current, s.best) == (1, 1)
    assert s.strip[:5] == ("before",) * 5 and s.strip[5:7] == ("off", "met")
    # Created on a Saturday: the first week owes nothing and does not break the streak.
    late = habit(per="week", created=date(2026, 11, 7))
    later = snap_of([late], done(late, 9))
    assert [p.state for p in habit_history(later, late, TODAY).periods] == ["off", "met", "open"]
    assert status(later, late).current == 1
    # A daily habit created on Wednesday: the days before it are "before", not missed.
    daily = habit(created=date(2026, 11, 18))
    d = status(snap_of([daily], done(daily, 2, 1)), daily)
    assert d.strip[:11] == ("before",) * 11 and (d.current, d.best) == (2, 2)


def test_best_streak_remembers_the_longest_run() -> None:
    h = habit(created=days_ago(30))
    snap = snap_of([h], done(h, *range(10, 20), 1, 2))
    s = status(snap, h)
    assert (s.current, s.best) == (2, 10)
    assert "best 10 days, until Nov 10" in explain_streak(snap, h, TODAY)


def test_archived_habits_are_left_out() -> None:
    a, b = habit("B habit"), habit("a habit", archived=True)
    assert [s.habit.name for s in habit_statuses(snap_of([a, b]), TODAY)] == ["B habit"]
    c = habit("A first")
    assert [s.habit.name for s in habit_statuses(snap_of([a, c]), TODAY)] == ["A first", "B habit"]


def test_strength_after_30_perfect_days_is_80_percent() -> None:
    h = habit(created=days_ago(29))
    snap = snap_of([h], done(h, *range(30)))
    s = status(snap, h)
    assert abs(s.strength * 100 - 80) <= 1
    assert explain_strength(snap, h, TODAY).startswith("80 %: 30 of the last 30 due days met")


def test_strength_of_a_3_per_week_habit_matches_the_formula() -> None:
    start = days_ago(32)  # Monday Oct 19
    h = habit(target=3, per="week", created=start)
    days = [start + timedelta(days=k) for k in range(33)]
    # Mon/Wed/Fri, but only Monday and Wednesday in the week of Nov 2.
    did = {d for d in days if d.weekday() in (0, 2, 4)} - {date(2026, 11, 6)}
    snap = snap_of([h], [CheckIn(new_uid(), h.uid, d, 1) for d in did])
    # Independently: Loop's smoothing, daily; a met ISO week counts 1 on each of its days,
    # the others the doubled window (last 14 days ÷ 2 × target).
    m = 0.5 ** (math.sqrt(3 / 7) / 13)
    score = 0.0
    for d in days:
        monday = d - timedelta(days=d.weekday())
        met = sum(1 for x in did if monday <= x <= monday + timedelta(days=6)) >= 3
        window = sum(1 for x in did if d - timedelta(days=13) <= x <= d)
        score = m * score + (1 - m) * (1.0 if met else min(1.0, window / 6))
    assert status(snap, h).strength == pytest.approx(score)
    assert TODAY in did  # so the formula above needs no open-week special case
    assert status(snap, h).strength < 1 - m**33  # the short week cost something


def test_strength_counts_partial_days_in_proportion() -> None:
    h = habit(target=4, created=days_ago(0))
    snap = snap_of([h], done(h, 0))  # 1 of 4: still open, strength held
    assert status(snap, h).strength == 0
    y = habit(target=4, created=days_ago(1))
    m = 0.5 ** (math.sqrt(4) / 13)
    assert status(snap_of([y], done(y, 1)), y).strength == pytest.approx((1 - m) * 0.25)


def test_networking_streak_counts_touches_and_check_ins() -> None:
    h = habit(created=days_ago(30))
    ana = person("Ana")
    snap = world(
        [ana],
        touches=[("Ana", 1), ("Ana", 3), ("Ana", 5)],
        habits=[h],
        checkins=done(h, 2, 4) + skipped(h, 6),
    )
    assert networking_streak(snap, TODAY) == 5  # today open; the skip on day 6 does not count
    both = world([ana], touches=[("Ana", 0), ("Ana", 1)], habits=[h], checkins=done(h, 2))
    assert networking_streak(both, TODAY) == 3
    assert networking_streaks(both, TODAY) == (3, 3)
    assert networking_streak(Snapshot(), TODAY) == 0


def test_networking_streak_pauses_on_breaks() -> None:
    snap = world(
        [person("Ana")], touches=[("Ana", n) for n in (1, 2, 8, 9, 10)], breaks=[vacation(7, 3)]
    )
    assert networking_streak(snap, TODAY) == 5
    current, best = networking_streaks(snap, TODAY)
    assert (current, best) == (5, 5)
    assert (
        networking_streak(world([person("Ana")], touches=[("Ana", n) for n in (1, 2, 8)]), TODAY)
        == 2
    )


def test_explanations_are_one_line() -> None:
    h = habit(days=WEEKDAYS, target=3, created=days_ago(40))
    snap = snap_of([h], done(h, *range(1, 30), count=3) + done(h, 30) + skipped(h, 4))
    for text in (explain_streak(snap, h, TODAY), explain_strength(snap, h, TODAY)):
        assert "\n" not in text and text
    assert explain_strength(snap, h, TODAY).split(" %")[0] == str(
        round(status(snap, h).strength * 100)
    )
    new = habit(created=TODAY + timedelta(days=1))
    assert explain_streak(snap_of([new]), new, TODAY) == "0 days: the habit starts Nov 21"


def test_resolve_habit_like_contacts() -> None:
    habits = [habit("Reach out to 1 person"), habit("Reach out to 3 people"), habit("Make 1 intro")]
    assert resolve_habit("make", habits).name == "Make 1 intro"
    assert resolve_habit("REACH OUT TO 1 PERSON", habits).name == "Reach out to 1 person"
    with pytest.raises(InputError, match="ambiguous"):
        resolve_habit("reach", habits)
    with pytest.raises(InputError, match=r"no habit 'Unknown habit' — did you mean: .*\?"):
        resolve_habit("Unknown habit", habits)
    with pytest.raises(InputError, match="did you mean: Make 1 intro"):
        resolve_habit("intro", habits)


def test_symbols_cover_every_state() -> None:
    assert set(STRIP_SYMBOLS) == set(STATES) == set(STRIP_ASCII)
    assert all(len(v) == 1 for v in (*STRIP_SYMBOLS.values(), *STRIP_ASCII.values()))
    assert all(ord(v) < 128 for v in STRIP_ASCII.values())


# -- properties -------------------------------------------------------------------------

day_ago = st.integers(min_value=0, max_value=34)


@st.composite
def histories(draw: st.DrawFn) -> tuple[Habit, list[CheckIn], list[Break]]:
    per = draw(st.sampled_from(["day", "week"]))
    days = tuple(sorted(draw(st.sets(st.integers(0, 6), min_size=1)))) if per == "day" else ALL_DAYS
    h = Habit("h", "Habit", days_ago(draw(st.integers(0, 34))), draw(st.integers(1, 3)), per, days)
    checkins = [
        CheckIn(f"c{k}", "h", days_ago(a), draw(st.integers(1, 3)), draw(st.booleans()))
        for k, a in enumerate(draw(st.lists(day_ago, max_size=30)))
    ]
    breaks = [
        Break(f"b{k}", days_ago(a + n), days_ago(a))
        for k, (a, n) in enumerate(
            draw(st.lists(st.tuples(day_ago, st.integers(0, 9)), max_size=2))
        )
    ]
    return h, checkins, breaks


def _walk(h: Habit, checkins: list[CheckIn], breaks: list[Break]) -> tuple[int, int, list[float]]:
    hist = habit_history(snap_of([h], checkins, breaks), h, TODAY)
    return hist.current, hist.best, list(hist.strengths)


@settings(max_examples=60, deadline=None)
@given(histories(), day_ago, st.integers(1, 3))
def test_adding_a_check_in_never_lowers_a_best_streak(
    case: tuple[Habit, list[CheckIn], list[Break]], ago: int, count: int
) -> None:
    h, checkins, breaks = case
    _, best, _ = _walk(h, checkins, breaks)
    extra = CheckIn("new", "h", days_ago(ago), count)
    _, best_after, _ = _walk(h, [*checkins, extra], breaks)
    assert best_after >= best
    snap = world(
        [person("Ana")], touches=[("Ana", 3)], habits=[h], checkins=checkins, breaks=breaks
    )
    net_best = networking_streaks(snap, TODAY)[1]
    more = world(
        [person("Ana")],
        touches=[("Ana", 3)],
        habits=[h],
        checkins=[*checkins, extra],
        breaks=breaks,
    )
    assert networking_streaks(more, TODAY)[1] >= net_best


@settings(max_examples=60, deadline=None)
@given(histories(), day_ago)
def test_a_skip_never_breaks_a_streak(
    case: tuple[Habit, list[CheckIn], list[Break]], ago: int
) -> None:
    h, checkins, breaks = case
    current, best, _ = _walk(h, checkins, breaks)
    current_after, best_after, _ = _walk(
        h, [*checkins, CheckIn("s", "h", days_ago(ago), 1, True)], breaks
    )
    assert current_after >= current and best_after >= best


@settings(max_examples=60, deadline=None)
@given(histories())
def test_current_never_exceeds_best_and_strength_stays_in_range(
    case: tuple[Habit, list[CheckIn], list[Break]],
) -> None:
    h, checkins, breaks = case
    hist = habit_history(snap_of([h], checkins, breaks), h, TODAY)
    assert 0 <= hist.current <= hist.best
    assert all(0.0 <= s <= 1.0 for s in hist.strengths)
    s = status(snap_of([h], checkins, breaks), h)
    assert 0 <= round(s.strength * 100) <= 100 and s.current <= s.best


@settings(max_examples=60, deadline=None)
@given(histories())
def test_strength_rises_on_a_met_day(case: tuple[Habit, list[CheckIn], list[Break]]) -> None:
    h, checkins, breaks = case
    hist = habit_history(snap_of([h], checkins, breaks), h, TODAY)
    previous = 0.0
    for k, strength in enumerate(hist.strengths):
        met = hist.completion[k] == 1.0
        if met:
            assert strength > previous or previous > 0.999
        previous = strength


def test_work_done_in_a_first_week_that_owes_nothing_still_counts() -> None:
    # "1 a week" added on Sunday Nov 15 and done that very day: 1 × 1/7 rounds to nothing
    # owed, but the week was done — it must read 1/1 met and start a 1-week streak, not
    # "1/0" and "partly done".
    sunday = date(2026, 11, 15)
    h = habit(per="week", created=sunday)
    snap = snap_of([h], done(h, 5))
    hist = habit_history(snap, h, TODAY)
    assert [(p.state, p.done, p.needed) for p in hist.periods] == [("met", 1, 1), ("open", 0, 1)]
    assert hist.day_state(sunday) == "met"
    assert (hist.current, hist.best) == (1, 1)
    # Not done: still owes nothing and breaks nothing.
    idle = snap_of([h])
    assert [p.state for p in habit_history(idle, h, TODAY).periods] == ["off", "open"]
    # A week all but a day on a break stays a break week even with work in it.
    away = snap_of(
        [habit_ := habit(per="week", created=days_ago(30))], done(habit_, 5), [vacation(11, 6)]
    )  # Mon Nov 9 .. Sat Nov 14
    assert habit_history(away, habit_, TODAY).periods[-2].state == "break"


# -- habits that count what you do --------------------------------------------------------


def _both(make_store: Callable[[Snapshot], Store], snap: Snapshot) -> tuple[Snapshot, Snapshot]:
    """``snap`` whole, and as the daily paths read it from a store: partial, with its index."""
    store = make_store(snap)
    partial = store.indexed()
    assert partial.partial and partial.index is not None
    return store.snapshot(), partial


def test_a_logged_call_counts_for_a_touches_habit_in_partial_and_whole_snapshots(
    make_store: Callable[[Snapshot], Store],
) -> None:
    h = habit("Reach out to 1 person", counts="touches", created=days_ago(10))
    ana = person("Ana Ruiz")
    idle = world([ana], habits=[h])
    assert (status(idle, h).done, status(idle, h).met) == (0, False)
    assert [i.title for i in habit_items(idle, TODAY)] == ["Reach out to 1 person"]
    touch, _ = log_touch(idle, [ana.uid], TODAY, TODAY, "call")
    logged = replace(idle, interactions=(touch,))
    for snap in _both(make_store, logged):
        s = status(snap, h)
        assert (s.done, s.target, s.met, s.current, s.strip[-1]) == (1, 1, True, 1, "met")
        # the agenda shows it done (1/1, ticked), no longer open
        assert [(i.title, i.done, i.progress) for i in habit_items(snap, TODAY)] == [
            ("Reach out to 1 person", True, (1, 1))
        ]
        assert "today met (1/1)" in explain_streak(snap, h, TODAY)
        hist = habit_history(snap, h, TODAY)
        assert (hist.counted_on(TODAY), hist.count_on(TODAY)) == (1, 1)
        [row] = week_review(snap, TODAY, TODAY).rows
        assert row.cells[TODAY.weekday()] == "met"
    # unlog: the touch gone, the habit is open again.
    assert status(idle, h).done == 0


def test_a_touches_habit_counts_distinct_people_of_the_kinds_it_names() -> None:
    h = habit("Talk to 2 people", target=2, counts="touches", kinds=("call", "coffee"))
    ana, bo, cy = person("Ana"), person("Bo"), person("Cy")
    snap = world(
        [ana, bo, cy],
        touches=[
            ("Ana", 1, {"kind": "call"}),
            ("Ana", 1, {"kind": "coffee"}),  # Ana again the same day: still one person
            ("Bo", 1, {"kind": "email"}),  # not a kind it counts
            (["Bo", "Cy"], 2, {"kind": "coffee"}),
        ],
        habits=[h],
    )
    hist = habit_history(snap, h, TODAY)
    assert hist.count_on(days_ago(1)) == 1 and hist.day_state(days_ago(1)) == "partial"
    assert hist.count_on(days_ago(2)) == 2 and hist.day_state(days_ago(2)) == "met"
    every_kind = replace(h, kinds=())
    assert habit_history(snap, every_kind, TODAY).count_on(days_ago(1)) == 2


def test_a_weekly_touches_habit_counts_each_person_once_a_week() -> None:
    monday = TODAY - timedelta(days=TODAY.weekday())
    h = habit("Reach 3 people a week", target=3, per="week", counts="touches")
    ana, bo = person("Ana"), person("Bo")
    ago = (TODAY - monday).days
    snap = world([ana, bo], touches=[("Ana", ago), ("Ana", ago - 1), ("Bo", 0)], habits=[h])
    s = status(snap, h)
    assert (s.done, s.target, s.met) == (2, 3, False)
    hist = habit_history(snap, h, TODAY)
    assert [hist.count_on(monday + timedelta(days=k)) for k in range(5)] == [1, 0, 0, 0, 1]


def test_an_introduction_ticks_a_weekly_intros_habit() -> None:
    h = habit("Make 1 introduction", per="week", counts="intros", created=days_ago(20))
    ana, bo = person("Ana"), person("Bo")
    before = world([ana, bo], habits=[h])
    assert [i.title for i in habit_items(before, TODAY)] == ["Make 1 introduction"]
    touch, _closed, link = introduction_records(before, ana.uid, bo.uid, TODAY)
    assert link is not None
    after = replace(before, interactions=(touch,), links=(link,))
    s = status(after, h)
    assert (s.unit, s.done, s.target, s.met) == ("week", 1, 1, True)
    assert [(i.title, i.done) for i in habit_items(after, TODAY)] == [("Make 1 introduction", True)]
    # Any other touch is not an introduction.
    chat = world([ana, bo], touches=[(["Ana", "Bo"], 0)], habits=[h])
    assert status(chat, h).done == 0


def test_closing_a_follow_up_by_its_date_counts_and_a_late_close_does_not(
    make_store: Callable[[Snapshot], Store],
) -> None:
    h = habit("Follow up within 2 days", counts="follow-ups", created=days_ago(30))
    ana = person("Ana")
    due_today = world(
        [ana], touches=[("Ana", 2, {"follow_up": TODAY, "note": "send the deck"})], habits=[h]
    )
    touch, closed = log_touch(due_today, [ana.uid], TODAY, TODAY, "call")
    in_time = replace(due_today, interactions=(*closed, touch))
    for snap in _both(make_store, in_time):
        assert (status(snap, h).done, status(snap, h).met) == (1, True)
    late = world(
        [ana], touches=[("Ana", 5, {"follow_up": days_ago(2), "note": "call back"})], habits=[h]
    )
    touch, closed = log_touch(late, [ana.uid], TODAY, TODAY, "call")
    assert len(closed) == 1
    closed_late = replace(late, interactions=(*closed, touch))
    for snap in _both(make_store, closed_late):
        assert (status(snap, h).done, status(snap, h).met) == (0, False)


def test_a_new_contacts_habit_counts_the_people_added(
    make_store: Callable[[Snapshot], Store],
) -> None:
    h = habit("Meet someone new", per="week", target=2, counts="new-contacts")
    snap = world(
        [person("Ana", created=days_ago(0)), person("Bo", created=days_ago(1)), person("Cy")],
        habits=[h],
    )
    for got in _both(make_store, snap):
        assert (status(got, h).done, status(got, h).met) == (2, True)


def test_manual_check_ins_add_on_top_of_what_a_habit_counts() -> None:
    h = habit("Reach out to 2 people", target=2, counts="touches", created=days_ago(5))
    snap = world([person("Ana")], touches=[("Ana", 0)], habits=[h], checkins=done(h, 0))
    s = status(snap, h)
    assert (s.done, s.met) == (2, True)
    hist = habit_history(snap, h, TODAY)
    assert (hist.counted_on(TODAY), hist.count_on(TODAY)) == (1, 2)


def test_what_a_habit_counts_is_kept_in_the_file_and_old_files_read_unchanged() -> None:
    h = habit("Coffee", counts="touches", kinds=("coffee",))
    doc = codec.habit_to_doc(h)
    assert (doc["counts"], doc["kinds"]) == ("touches", ["coffee"])
    assert codec.habit_from_doc(doc) == h
    plain = codec.habit_to_doc(habit("Plain"))
    assert "counts" not in plain and "kinds" not in plain
    assert codec.habit_from_doc(plain).counts == "" and codec.habit_from_doc(plain).kinds == ()
    assert COUNTS[0] == "" and {"touches", "intros", "follow-ups", "new-contacts"} <= set(COUNTS)
    c = CheckIn(new_uid(), h.uid, TODAY, 1, note="met Ana at the meetup")
    assert codec.checkin_from_doc(codec.checkin_to_doc(c)) == c
    assert "note" not in codec.checkin_to_doc(replace(c, note=""))


def test_check_in_notes_are_there_for_the_explanations_and_the_week_review() -> None:
    h = habit(created=days_ago(10))
    checkins = [
        CheckIn(new_uid(), h.uid, days_ago(1), 1, note="coffee with Ana"),
        CheckIn(new_uid(), h.uid, days_ago(1), 1, note="called Bo"),
        CheckIn(new_uid(), h.uid, days_ago(2), 1, skip=True, note="sick"),
        CheckIn(new_uid(), h.uid, days_ago(9), 1, note="last week"),
    ]
    snap = snap_of([h], checkins)
    hist = habit_history(snap, h, TODAY)
    assert hist.notes_on(days_ago(1)) == ("coffee with Ana", "called Bo")
    assert hist.notes_on(days_ago(3)) == ()
    monday = TODAY - timedelta(days=TODAY.weekday())
    week = ((days_ago(2), "sick"), (days_ago(1), "coffee with Ana"), (days_ago(1), "called Bo"))
    assert hist.notes_between(monday, TODAY) == week
    [row] = week_review(snap, TODAY, TODAY).rows
    assert row.notes == week


# -- weekly strength ----------------------------------------------------------------------


def _weekly_strength(weekdays: list[int], count: bool = False) -> float:
    """A 1-a-week habit created on a Monday, met once in each of ``len(weekdays)`` weeks on
    the given weekday (by a check-in, or with ``count`` by a touch), looked at on the last
    week's Sunday."""
    start = date(2026, 1, 5)  # a Monday
    h = habit("Once a week", per="week", created=start, counts="touches" if count else "")
    days = [start + timedelta(weeks=w, days=d) for w, d in enumerate(weekdays)]
    today = start + timedelta(weeks=len(weekdays), days=-1)
    ana = person("Ana")
    touches = tuple(Interaction(new_uid(), (ana.uid,), d, "call") for d in days)
    checkins = () if count else tuple(CheckIn(new_uid(), h.uid, d, 1) for d in days)
    snap = Snapshot(contacts=(ana,), interactions=touches, habits=(h,), checkins=checkins)
    hist = habit_history(snap, h, today)
    assert hist.current == len(weekdays)
    return hist.strength


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 6), min_size=30, max_size=30))
def test_a_weekly_habit_met_every_week_on_any_weekday_reaches_99_percent(
    weekdays: list[int],
) -> None:
    strength = _weekly_strength(weekdays)
    assert round(strength * 100) >= 99
    # Varying weekdays cost nothing: the same as a habit met on the same weekday each week.
    assert strength == pytest.approx(_weekly_strength([3] * 30))


def test_a_weekly_habit_on_seeded_random_weekdays_reaches_99_percent() -> None:
    rng = random.Random(12)
    weekdays = [rng.randrange(7) for _ in range(30)]
    assert len(set(weekdays)) > 3
    assert round(_weekly_strength(weekdays) * 100) >= 99
    assert round(_weekly_strength(weekdays, count=True) * 100) >= 99
    # Fewer weeks, less strength: it is earned, not given.
    assert round(_weekly_strength(weekdays[:10]) * 100) < 80


def test_a_missed_week_lowers_a_weekly_strength_and_an_open_week_holds_it() -> None:
    monday = TODAY - timedelta(days=TODAY.weekday())
    h = habit(per="week", created=monday - timedelta(weeks=6))
    met = [(TODAY - (monday - timedelta(weeks=w))).days - 2 for w in (6, 5, 4, 3, 1)]  # W45 missed
    hist = habit_history(snap_of([h], done(h, *met)), h, TODAY)
    assert [p.state for p in hist.periods][-3:] == ["missed", "met", "open"]
    missed_week = hist.periods[-3].start
    k = (missed_week - h.created).days
    week = hist.completion[k : k + 7]
    assert all(c is not None for c in week) and min(c or 0 for c in week) == 0.5
    kept = habit_history(snap_of([h], done(h, *met, (TODAY - missed_week).days)), h, TODAY)
    assert hist.strengths[k + 6] < kept.strengths[k + 6]
    # This week, open and not yet met, holds the strength from Monday on.
    first = (monday - h.created).days
    assert set(hist.strengths[first:]) == {hist.strengths[first - 1]}
    assert all(c is None for c in hist.completion[first:])


def test_what_a_habit_counts_is_checked_in_the_users_words() -> None:
    assert check_counts("Touches", ["coffee", "call", "call"]) == ("touches", ("call", "coffee"))
    assert check_counts("none") == ("", ())
    assert check_counts("new-contacts") == ("new-contacts", ())
    with pytest.raises(InputError, match="unknown count 'calls': use one of touches, intros"):
        check_counts("calls")
    with pytest.raises(InputError, match="unknown kind 'lunch'"):
        check_counts("touches", ["lunch"])
    with pytest.raises(InputError, match="kinds go with counting touches"):
        check_counts("intros", ["call"])
    assert set(COUNTS_HELP) == set(COUNTS)


def test_the_habit_tables_are_enough_for_every_habit_rule(
    make_store: Callable[[Snapshot], Store],
) -> None:
    counting = [habit(f"Counts {what}", counts=what, created=days_ago(3)) for what in COUNTS]
    ana = person("Ana", created=days_ago(1))
    snap = world(
        [ana],
        touches=[("Ana", 1, {"kind": "intro"}), ("Ana", 3, {"follow_up": days_ago(1)})],
        habits=counting,
        checkins=done(counting[0], 2),
    )
    store = make_store(snap)
    whole, partial = store.snapshot(), store.indexed(HABIT_TABLES)
    assert habit_statuses(partial, TODAY) == habit_statuses(whole, TODAY)
    assert [habit_history(partial, h, TODAY).counts for h in counting] == [
        habit_history(whole, h, TODAY).counts for h in counting
    ]
    assert any(habit_history(whole, h, TODAY).counted for h in counting)


def test_a_follow_ups_habit_asks_for_nothing_on_days_nothing_is_owed() -> None:
    h = habit("Follow up within 2 days", counts="follow-ups", created=days_ago(10))
    idle = world([person("Ana")], habits=[h])
    s = status(idle, h)
    assert set(s.strip[-11:]) == {"off"} and (s.due_today, s.current, s.strength) == (False, 0, 0)
    assert habit_items(idle, TODAY) == []
    assert habit_history(idle, h, TODAY).owes(TODAY) is False


def test_a_follow_ups_habit_is_due_on_the_days_follow_ups_are(
    make_store: Callable[[Snapshot], Store],
) -> None:
    h = habit("Follow up within 2 days", counts="follow-ups", created=days_ago(10))
    ana = person("Ana")
    snap = world(
        [ana],
        touches=[
            ("Ana", 9, {"follow_up": days_ago(7)}),  # closed on its date: day 7 met
            ("Ana", 8, {"follow_up": days_ago(5)}),  # never closed: day 5 missed
            ("Ana", 6, {"follow_up": days_ago(2)}),  # closed early, on day 4: met then
            ("Ana", 1, {"follow_up": TODAY}),  # due today: today open, on the agenda
        ],
        habits=[h],
    )
    first, _, early, _ = snap.interactions
    closed = (
        close_follow_up(first, days_ago(7), "t1"),
        snap.interactions[1],
        close_follow_up(early, days_ago(4), "t2"),
        snap.interactions[3],
    )
    snap = replace(snap, interactions=closed)
    for got in _both(make_store, snap):
        hist = habit_history(got, h, TODAY)
        states = {n: hist.day_state(days_ago(n)) for n in (7, 6, 5, 4, 3, 2, 0)}
        assert states == {
            7: "met",
            6: "off",
            5: "missed",
            4: "met",
            3: "off",
            2: "off",  # owed nothing: closed before its day
            0: "open",
        }
        assert (hist.current, hist.best, hist.due_today) == (1, 1, True)
        assert [i.title for i in habit_items(got, TODAY)] == ["Follow up within 2 days"]


def test_a_weekly_follow_ups_habit_rests_in_a_week_nothing_is_owed() -> None:
    monday = TODAY - timedelta(days=TODAY.weekday())
    h = habit("Follow up", per="week", counts="follow-ups", created=monday - timedelta(weeks=3))
    ana = person("Ana")
    due = monday - timedelta(weeks=2) + timedelta(days=2)  # Wed of week 2026-W45
    snap = world([ana], touches=[("Ana", (TODAY - due).days + 1, {"follow_up": due})], habits=[h])
    [fu] = snap.interactions
    snap = replace(snap, interactions=(close_follow_up(fu, due, "t"),))
    hist = habit_history(snap, h, TODAY)
    assert [p.state for p in hist.periods] == ["off", "met", "off", "off"]
    assert (hist.current, hist.due_today) == (1, False)


def test_the_streak_of_a_follow_ups_habit_explains_its_days_off() -> None:
    h = habit("Follow up", counts="follow-ups", created=days_ago(5))
    ana = person("Ana")
    snap = world([ana], touches=[("Ana", 4, {"follow_up": days_ago(2)})], habits=[h])
    [fu] = snap.interactions
    snap = replace(snap, interactions=(close_follow_up(fu, days_ago(2), "t"),))
    why = explain_streak(snap, h, TODAY)
    assert why.startswith("1 day: met every due day since Nov 18")
    assert "days with no follow-up due are not due" in why and " ; " not in why
    weekdays = replace(h, days=WEEKDAYS)
    assert "weekends are not due; days with no follow-up due" in explain_streak(
        replace(snap, habits=(weekdays,)), weekdays, TODAY
    )


def test_a_check_in_reads_the_touches_and_contacts_only_for_a_habit_that_counts_them(
    make_store: Callable[[Snapshot], Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``done``, ``skip``, ``undone`` and taking a check-in back read a habit's own tables first:
    one that counts nothing but its check-ins never reads the touch index or the contacts;
    one that counts what you do is read again with them, under the same lock. Either way the
    history they give is the one a full read of the store after the change gives."""
    from networkhabit.actions import changes
    from networkhabit.actions import habits as actions
    from networkhabit.actions.session import Session

    plain = habit("Write 1 note", created=days_ago(30))
    weekly = habit("Write 3 notes", target=3, per="week", created=days_ago(30))
    touches = habit("Reach out to 1 person", counts="touches", created=days_ago(30))
    added = habit("Meet someone new", per="week", counts="new-contacts", created=days_ago(30))
    habits = (plain, weekly, touches, added)
    snap = world(
        [person("Ana", created=TODAY), person("Bo")],
        touches=[("Ana", 0), ("Bo", 3)],
        habits=habits,
        checkins=[c for h in habits for c in done(h, 1, 2, 9)],
    )
    store = make_store(snap)
    session = Session(store.path)
    full_reads: list[object] = []
    real = Store.indexed

    def indexed(self: Store, *args: object, **kwargs: object) -> Snapshot:
        full_reads.append(args)
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "indexed", indexed)
    for h in habits:
        for build in (
            actions.check_in(h.uid, TODAY, 2),
            actions.skip(h.uid, TODAY, days_ago(4)),
            actions.take_back(h.uid, TODAY),
            actions.check_in(h.uid, TODAY, 1, days_ago(3)),
            actions.undone(h.uid, TODAY, days_ago(3)),
        ):
            full_reads.clear()
            change = changes.run(session, build)
            assert bool(full_reads) == bool(h.counts), (h.name, change.message)
            after = Store(store.path).snapshot()
            [now] = [x for x in after.habits if x.uid == h.uid]
            assert change.info["history"] == habit_history(after, now, TODAY), change.message


@settings(max_examples=60, deadline=None)
@given(
    habits=st.lists(
        st.tuples(st.integers(1, 3), st.integers(0, 3), st.sampled_from(["day", "week"])),
        min_size=1,
        max_size=6,
    ),
    pick=st.integers(0, 5),
)
def test_a_tick_put_in_agenda_order_is_what_the_agenda_lists_once_written(
    habits: list[tuple[int, int, str]], pick: int
) -> None:
    """The app shows a tick before it is written: the item one up, moved with
    ``in_agenda_order``. That is the agenda the written tick gives (else the reload would
    move the item again)."""
    made = [
        Habit(new_uid(), f"Habit {n}", days_ago(40), target, period)
        for n, (target, _, period) in enumerate(habits)
    ]
    done = [
        CheckIn(new_uid(), h.uid, TODAY, count)
        for h, (_, count, _) in zip(made, habits, strict=True)
        if count
    ]
    snap = world(habits=made, checkins=done)
    items = habit_items(snap, TODAY)
    open_ones = [it for it in items if not it.done]
    if not open_ones:
        return
    item = open_ones[pick % len(open_ones)]
    assert item.progress is not None
    count, target = item.progress
    ticked = replace(item, progress=(count + 1, target), done=count + 1 >= target)
    shown = [ticked if it is item else it for it in items]
    order = [st.habit.uid for st in habit_statuses(snap, TODAY)]
    written = replace(snap, checkins=(*snap.checkins, CheckIn(new_uid(), item.ref, TODAY)))
    expected = habit_items(written, TODAY)
    assert [(it.ref, it.done) for it in in_agenda_order(shown, order)] == [
        (it.ref, it.done) for it in expected
    ]


@given(
    plan=st.lists(
        st.tuples(
            st.sampled_from(["day", "week"]),
            st.integers(1, 4),  # target
            st.integers(-3, 40),  # created, days ago
            st.sets(st.integers(0, 6), min_size=1),  # the weekdays due
            st.sampled_from(["", "touches", "follow-ups", "new-contacts"]),
        ),
        min_size=1,
        max_size=4,
    ),
    logged=st.lists(
        st.tuples(st.integers(0, 3), st.integers(-2, 45), st.integers(0, 3)), max_size=40
    ),
    skipped=st.lists(st.tuples(st.integers(0, 3), st.integers(0, 10)), max_size=4),
    touched=st.lists(
        st.tuples(st.integers(0, 20), st.one_of(st.none(), st.integers(-3, 10))), max_size=15
    ),
    rest=st.one_of(st.none(), st.tuples(st.integers(-5, 20), st.integers(0, 9))),
    weekday=st.integers(0, 6),
)
@settings(max_examples=250, deadline=None)
def test_the_progress_alone_is_the_progress_the_walk_gives(
    plan: list[tuple[str, int, int, set[int], str]],
    logged: list[tuple[int, int, int]],
    skipped: list[tuple[int, int]],
    touched: list[tuple[int, int | None]],
    rest: tuple[int, int] | None,
    weekday: int,
) -> None:
    """``habit_progress`` (what the agenda shows, no walk) says for every habit what
    ``habit_statuses`` (the walk through its history) says of today: done, target (a week
    prorated for breaks), due, met and unit."""
    today = TODAY + timedelta(days=weekday)
    ago = lambda n: today - timedelta(days=n)
    habits = [
        Habit(new_uid(), f"H{n}", ago(back), target, period, tuple(sorted(days)), counts=counts)
        for n, (period, target, back, days, counts) in enumerate(plan)
    ]
    checks = [CheckIn(new_uid(), habits[k % len(habits)].uid, ago(d), c) for k, d, c in logged]
    checks += [CheckIn(new_uid(), habits[k % len(habits)].uid, ago(d), 0, True) for k, d in skipped]
    ana = person("Ana")
    touches = [
        Interaction(new_uid(), (ana.uid,), ago(d), "call", follow_up=None if f is None else ago(f))
        for d, f in touched
    ]
    breaks = [Break(new_uid(), ago(rest[0] + rest[1]), ago(rest[0]))] if rest else []
    snap = Snapshot((ana,), tuple(touches), (), tuple(habits), tuple(checks), tuple(breaks))
    walked = [
        (s.habit, s.done, s.target, s.due_today, s.met, s.unit) for s in habit_statuses(snap, today)
    ]
    alone = [
        (p.habit, p.done, p.target, p.due_today, p.met, p.unit) for p in habit_progress(snap, today)
    ]
    assert alone == walked
    assert habit_items(snap, today) == habit_items(snap, today, habit_statuses(snap, today))
