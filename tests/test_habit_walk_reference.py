"""The weekly walk (domain/habits ``_weekly``) against its plain reference: the walk as first
written, one generator per question per week and a dictionary lookup per day. The fast one
must give the same days, weeks, strengths and completions, float for float."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from networkhabit.domain.habits import _BREAKING, WINDOW_DAYS, CheckInLog, Period, _weekly, decay
from networkhabit.domain.model import Habit, new_uid


def reference_walk(
    habit: Habit, log: CheckInLog, breaks: frozenset[int], today: date
) -> tuple[object, ...]:
    s, t = habit.created.toordinal(), today.toordinal()
    target = max(1, habit.target)
    counts, skips, owed = log.counts, log.skips, log.owed
    periods: list[Period] = []
    week_state: dict[int, str] = {}  # Monday ordinal -> state
    if s <= t:
        monday = s - (s - 1) % 7
        while monday <= t:
            week = range(monday, monday + 7)
            available = sum(1 for o in week if o >= s and o not in breaks)
            needed = (2 * target * available + 7) // 14  # target × available / 7, rounded half up
            seen = range(max(monday, s), min(monday + 6, t) + 1)
            total = sum(counts.get(o, 0) for o in seen)
            if needed == 0 and total > 0 and not any(o in breaks for o in week):
                needed = 1  # a late first week owes nothing, but work done in it still counts
            if owed is not None and not total and not any(o in owed for o in week if o >= s):
                needed = 0  # counts follow-ups: none owed this week, none closed
            if needed == 0:  # (nearly) all on a break, or created too late in the week to owe any
                state = "break" if any(o in breaks for o in week) else "off"
            elif total >= needed:
                state = "met"
            elif any(o in skips for o in seen):
                state = "skip"
            elif monday + 6 >= t:
                state = "open"
            elif total > 0:
                state = "partial"
            else:
                state = "missed"
            week_state[monday] = state
            periods.append(Period(date.fromordinal(monday), state, total, needed))
            monday += 7
    m = decay(habit)
    score = 0.0
    window = 0  # the last WINDOW_DAYS days' total
    days: list[str] = []
    strengths: list[float] = []
    completion: list[float | None] = []
    for o in range(s, t + 1):
        n = counts.get(o, 0)
        window += n - (counts.get(o - WINDOW_DAYS, 0) if o - WINDOW_DAYS >= s else 0)
        monday = o - (o - 1) % 7
        wstate = week_state[monday]
        if o in breaks:
            state = "break"
        elif o in skips:
            state = "skip"
        elif o == t and wstate == "open":
            state = "open"
        elif n > 0:
            state = "met" if wstate == "met" else "partial"
        elif o == monday + 6 and wstate in _BREAKING:
            state = "missed"  # a missed week shows on its Sunday
        else:
            state = "off"
        # A met week counts in full on each of its days, whichever weekday it was met on;
        # the days of a week that was not get Loop's doubled window (a week's worth is half
        # the credit); this week's, while still open, hold the strength.
        credit = 1.0 if wstate == "met" else min(1.0, window / (2 * target))
        c: float | None = None
        held = wstate in ("skip", "off") or (wstate == "open" and credit < 1.0)
        if not (o in breaks or held):
            c = credit
            score = m * score + (1 - m) * credit
        completion.append(c)
        days.append(state)
        strengths.append(score)
    return (
        tuple(days),
        tuple((p.start, p.state, p.done, p.needed) for p in periods),
        tuple(strengths),
        tuple(completion),
    )


@settings(max_examples=300, deadline=None)
@given(
    back=st.integers(-3, 120),
    target=st.integers(1, 5),
    weekday=st.integers(0, 6),
    counted=st.sets(st.integers(-20, 125), max_size=60),
    skipped=st.sets(st.integers(-5, 125), max_size=8),
    owed=st.one_of(st.none(), st.sets(st.integers(0, 130), max_size=30)),
    on_break=st.sets(st.integers(-10, 130), max_size=20),
)
def test_the_weekly_walk_is_its_reference(
    back: int,
    target: int,
    weekday: int,
    counted: set[int],
    skipped: set[int],
    owed: set[int] | None,
    on_break: set[int],
) -> None:
    today = date(2026, 11, 16) + timedelta(days=weekday)
    created = today - timedelta(days=back)
    s = created.toordinal()
    habit = Habit(new_uid(), "Coffee", created, target, "week")
    counts = {s + k: 1 + k % 3 for k in counted}
    log = CheckInLog(
        counts,
        frozenset(s + k for k in skipped),
        owed=None if owed is None else frozenset(s + k for k in owed),
    )
    breaks = frozenset(s + k for k in on_break)
    walked = _weekly(habit, log, breaks, today)
    assert reference_walk(habit, log, breaks, today) == (
        walked.days,
        tuple((p.start, p.state, p.done, p.needed) for p in walked.weeks),
        walked.strengths,
        walked.completion,
    )
