"""The weekly review: habits × days, totals vs targets, touches this week vs last, new
contacts, contacts reached, the neglected count; and the activity heatmap.

Weeks are ISO weeks (Monday to Sunday). A daily habit's weekly target is its target times
the days of the week it is due (days off, break days, skipped days and days before the
habit existed do not count), and its total sums those due days' counts, each capped at the
daily target (so the week is ticked off only when every due day is met); a weekly habit's
target is its target, prorated for break days as the streak rules do (see
:mod:`networkhabit.domain.habits`), and its total is everything checked in that week.
"""

from __future__ import annotations

from datetime import date, timedelta

from networkhabit.domain.contacts import neglected, stats_of
from networkhabit.domain.habits import break_days, histories
from networkhabit.domain.model import ALL_DAYS, Contact, Habit, Snapshot
from networkhabit.domain.records import record
from networkhabit.domain.touches import indexed_days, indexed_touched


@record
class WeekRow:
    """One habit in the week grid."""

    habit: Habit
    cells: tuple[str, ...]  # 7 day states, Monday..Sunday ("future" after today)
    total: int  # progress toward ``target`` (a daily habit: due days, each up to its target)
    target: int  # what the week asks for
    notes: tuple[tuple[date, str], ...] = ()  # the week's check-in notes, oldest first


@record
class WeekReview:
    """Everything the weekly review shows."""

    week_start: date
    days: tuple[date, ...]
    rows: tuple[WeekRow, ...]
    touches_this_week: int
    touches_last_week: int
    new_contacts: tuple[Contact, ...]
    reached: tuple[Contact, ...]
    neglected_count: int


def monday_of(day: date) -> date:
    """The Monday of ``day``'s ISO week."""
    return day - timedelta(days=day.weekday())


def week_review(snap: Snapshot, week_start: date, today: date) -> WeekReview:
    """The review of the ISO week starting ``week_start`` (any day of it is taken as its week)."""
    mon = monday_of(week_start)
    sun = mon + timedelta(days=6)
    days = tuple(mon + timedelta(days=k) for k in range(7))
    breaks = break_days(snap.breaks, mon, sun)
    rows: list[WeekRow] = []
    for h in histories(snap, today):
        habit = h.habit
        if habit.created > sun:
            continue
        cells = tuple(h.day_state(d) for d in days)
        if habit.period == "week":
            period = h.period_of(mon)
            total = period.done if period else 0
            target = period.needed if period else habit.target
        else:
            # Only due days count, each up to the day's target: a burst on one day or a
            # check-in on a day off must not tick off a week whose due days are not all met.
            per_day = max(1, habit.target)
            total = due = 0
            for d, cell in zip(days, cells, strict=True):
                if cell == "future":
                    due += (
                        d.weekday() in set(habit.days or ALL_DAYS)
                        and d.toordinal() not in breaks
                        and h.owes(d)
                    )
                elif cell in ("met", "partial", "missed", "open"):
                    due += 1
                    total += min(per_day, h.count_on(d))
            target = per_day * due
        rows.append(WeekRow(habit, cells, total, target, h.notes_between(mon, sun)))

    prev = mon - timedelta(days=7)
    if snap.index is not None:
        by_day = indexed_days(snap.index, prev, sun)
        m = mon.toordinal()
        this_week = sum(n for o, n in by_day.items() if o >= m)
        last_week = sum(n for o, n in by_day.items() if o < m)
        reached_uids = indexed_touched(snap.index, mon, sun)
    else:
        this_week = last_week = 0
        reached_uids = set()
        for it in snap.all_touches():
            if mon <= it.date <= sun:
                this_week += 1
                reached_uids.update(it.contacts)
            elif prev <= it.date < mon:
                last_week += 1
    reached = tuple(sorted((c for c in snap.contacts if c.uid in reached_uids), key=_by_name))
    new = tuple(
        sorted(
            (c for c in snap.contacts if mon <= c.created <= sun and not c.archived), key=_by_name
        )
    )
    as_of = min(today, sun)
    count = len(neglected(snap.contacts, stats_of(snap, as_of), as_of))
    return WeekReview(mon, days, tuple(rows), this_week, last_week, new, reached, count)


def _by_name(c: Contact) -> tuple[str, str, str]:
    return (c.name.casefold(), c.company.casefold(), c.uid)


def activity_heatmap(snap: Snapshot, today: date, weeks: int = 26) -> list[tuple[date, int]]:
    """Per day from the Monday ``weeks - 1`` weeks before this week's Monday through today:
    touches plus check-ins (skips left out) logged that day."""
    start = monday_of(today) - timedelta(days=7 * (max(1, weeks) - 1))
    lo, hi = start.toordinal(), today.toordinal()
    counts = [0] * (hi - lo + 1)
    if snap.index is not None:
        for o, n in indexed_days(snap.index, start, today).items():
            counts[o - lo] += n
    else:
        for it in snap.all_touches():
            o = it.date.toordinal()
            if lo <= o <= hi:
                counts[o - lo] += 1
    for c in snap.checkins:
        o = c.date.toordinal()
        if lo <= o <= hi and not c.skip:
            counts[o - lo] += 1
    return [(date.fromordinal(lo + k), n) for k, n in enumerate(counts)]
