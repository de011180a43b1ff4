"""Habit rules: day and week states, streaks, strength, the networking streak.

Everything here is pure: a :class:`~networkhabit.domain.model.Snapshot` and ``today`` in,
plain values out. Check-ins are indexed by habit once per call (:func:`index_checkins`),
and every habit is walked once from the day it was created to today, so a store with
20 habits and 30,000 check-ins costs a few tens of thousands of cheap steps.

The rules, in the user's words:

* What a day **counts**: the check-ins of that day plus what the habit counts by itself
  (``Habit.counts``, see :func:`counted_days`): the distinct people touched (of some
  kinds), the introductions made, the follow-ups closed by their date or the contacts
  added. Every rule below reads those sums, worked out in one place (:func:`histories`,
  :func:`habit_history`), the same from a partial snapshot (its touch index) as from a
  whole one. A habit counting follow-ups asks for something only on the days a follow-up
  is owed (due that day, not closed before it; :func:`owed_days`): the other days and
  weeks, with nothing closed on them, are *off* — neither met nor missed.
* A **daily** habit is due on its weekdays (``Habit.days``). A due day is *met* when the
  counts of that day add up to the target, *partial* when some but not enough,
  *missed* when nothing. Days off, *skipped* days (a skip check-in) and *break* days (a
  vacation, :class:`~networkhabit.domain.model.Break`) neither break nor extend a streak.
  A break day stays a break day even if something was checked in on it.
* A **weekly** habit counts per ISO week (Monday to Sunday). A week is met when its total
  reaches the target; the target shrinks in proportion to the days of the week that are
  on a break or before the habit was created (``target × days available / 7``, rounded
  half up), so a week (nearly) all on a break pauses the streak, and a habit created on
  Thursday owes a share of its first week only. A week that owes nothing is neutral, except
  a first week (no break in it) with a check-in: that one counts as met (1 owed). A
  skip check-in anywhere in a week that is not met makes it a rest week (neither breaks
  nor extends).
* A habit starts on ``Habit.created``; check-ins dated before it are left out (the CLI
  moves ``created`` back when a check-in is backdated before it).
* **Today is open**: today's day (or this week) counts once it is met; until then it
  neither breaks nor extends the streak, and the strength is not lowered for it.
* **Strength** (0–1, shown as 0–100 %) is Loop Habit Tracker's exponential smoothing:
  ``m = 0.5 ** (sqrt(f) / 13)`` with ``f = target / period-days`` (1 for a day, 7 for a week),
  ``S_t = m·S_(t−1) + (1−m)·c_t`` once per day from the day the habit was created. For a
  daily habit ``c_t = min(1, count that day / target)`` on due days; days off, skipped days,
  break days and an unmet today carry S over. A **weekly** habit is smoothed over a
  doubled window, as Loop does for non-daily habits, so that a week met on any weekday
  counts in full: every day of a met ISO week has ``c_t = 1``; the days of a week that
  was not met have ``c_t = min(1, total of the last 14 days / (2 × target))`` (a week's
  worth of work earns half); break days, the days of a rest (skipped) week and the days of
  this week while it is still open and not met carry S over. A 1-a-week habit met every
  week, on whatever weekdays, scores as one done every day would: 99 % (shown rounded)
  after 30 weeks.
* The **networking streak** counts consecutive days with any touch or check-in (skips do
  not count); today is open; break days pause it.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import field, replace
from datetime import date, timedelta

from networkhabit.domain.errors import InputError
from networkhabit.domain.model import (
    ALL_DAYS,
    COUNTS,
    KINDS,
    WEEKDAY_NAMES,
    Break,
    CheckIn,
    Contact,
    Habit,
    Interaction,
    Snapshot,
    TouchIndex,
)
from networkhabit.domain.names import fold, not_found_message, resolve
from networkhabit.domain.records import record
from networkhabit.domain.touches import indexed_days, touch_index
from networkhabit.domain.wording import short_date

#: How many days the strip shows (oldest first, today last).
STRIP_DAYS = 14
#: The trailing window a weekly habit's strength reads on the days of a week not (yet)
#: met: two weeks, as Loop Habit Tracker doubles it for non-daily habits.
WINDOW_DAYS = 14

#: The state of one day in a strip or a week grid.
STATES: tuple[str, ...] = (
    "met",
    "partial",
    "missed",
    "skip",
    "off",
    "break",
    "open",
    "before",
    "future",
)

#: One character per state, for strips and grids.
STRIP_SYMBOLS: dict[str, str] = {
    "met": "■",
    "partial": "◧",
    "missed": "□",
    "skip": "○",
    "off": "·",
    "break": "‖",
    "open": "▸",
    "before": " ",
    "future": " ",
}
#: The same in plain ASCII, for terminals that cannot show the symbols above.
STRIP_ASCII: dict[str, str] = {
    "met": "#",
    "partial": "+",
    "missed": "x",
    "skip": "o",
    "off": ".",
    "break": "|",
    "open": ">",
    "before": " ",
    "future": " ",
}
#: What each state means, for legends.
STRIP_LABELS: dict[str, str] = {
    "met": "met",
    "partial": "partly done",
    "missed": "missed",
    "skip": "skipped",
    "off": "not due",
    "break": "break",
    "open": "today, still open",
    "before": "before the habit",
    "future": "still to come",
}

#: Period states that end a run (the others are met, or neutral: they pause it).
_BREAKING = frozenset({"missed", "partial"})


# -- records ------------------------------------------------------------------------


@record
class CheckInLog:
    """One habit's check-ins by day (date ordinals): summed counts, the skipped days and the
    check-ins' notes; once merged with what the habit counts (:func:`with_counted`),
    ``counts`` holds both and ``counted`` the counted part alone."""

    counts: Mapping[int, int]
    skips: frozenset[int]
    notes: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    counted: Mapping[int, int] = field(default_factory=dict)
    #: For a habit counting follow-ups: the days a follow-up is owed (None: every due day).
    owed: frozenset[int] | None = None


@record
class Period:
    """One day (daily habit) or one ISO week (weekly habit) of a habit's history."""

    start: date  # the day, or the week's Monday
    state: str  # met, partial, missed, skip, off, break, open
    done: int  # summed counts in the period (up to today)
    needed: int  # the target for the period (prorated for weeks with break days)


@record
class HabitHistory:
    """A habit walked from the day it was created to today: what the other rules read.

    ``days`` holds one state per day from ``habit.created`` to ``today`` (see :data:`STATES`);
    ``weeks`` the ISO weeks of a weekly habit (empty for a daily one; see :attr:`periods`);
    ``counts`` the summed counts by day ordinal (manual check-ins plus what the habit counts,
    :attr:`Habit.counts`); ``counted`` the counted part alone; ``notes`` the check-ins'
    notes by day ordinal; ``strengths`` the strength after each day and ``completion`` the
    day's ``c_t`` (None where the strength was carried over), both aligned with ``days``.
    """

    habit: Habit
    today: date
    days: tuple[str, ...]
    weeks: tuple[Period, ...]
    counts: Mapping[int, int]
    strengths: tuple[float, ...]
    completion: tuple[float | None, ...]  # c_t of each day; None where S was carried over
    current: int
    best: int
    best_end: date | None  # the last met period of the best run
    done: int
    due_today: bool
    met: bool
    counted: Mapping[int, int] = field(default_factory=dict)
    notes: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    owed: frozenset[int] | None = None  # see CheckInLog.owed

    @property
    def unit(self) -> str:
        """``day`` or ``week``: what the streak counts."""
        return "week" if self.habit.period == "week" else "day"

    @property
    def strength(self) -> float:
        """Strength today, 0.0 .. 1.0."""
        return self.strengths[-1] if self.strengths else 0.0

    @property
    def periods(self) -> tuple[Period, ...]:
        """What streaks count, oldest first: the days (daily habit) or ISO weeks (weekly)."""
        if self.habit.period == "week":
            return self.weeks
        s, target = self.habit.created.toordinal(), max(1, self.habit.target)
        get = self.counts.get
        return tuple(
            Period(date.fromordinal(s + k), state, get(s + k, 0), target)
            for k, state in enumerate(self.days)
        )

    def period_of(self, day: date) -> Period | None:
        """The day (daily habit) or ISO week (weekly habit) holding ``day``, if walked."""
        if self.habit.period == "week":
            if not self.weeks:
                return None
            k = (day - self.weeks[0].start).days // 7  # weeks[0] starts on a Monday
            return self.weeks[k] if 0 <= k < len(self.weeks) else None
        if not self.habit.created <= day <= self.today:
            return None
        target = max(1, self.habit.target)
        return Period(day, self.day_state(day), self.counts.get(day.toordinal(), 0), target)

    def count_on(self, day: date) -> int:
        """What counts on ``day``: check-ins plus what the habit counts (0 before the habit
        or after today)."""
        if not self.habit.created <= day <= self.today:
            return 0
        return self.counts.get(day.toordinal(), 0)

    def counted_on(self, day: date) -> int:
        """Of :meth:`count_on`, what the habit counted by itself (people touched,
        introductions, follow-ups closed, contacts added); the rest are check-ins."""
        if not self.habit.created <= day <= self.today:
            return 0
        return self.counted.get(day.toordinal(), 0)

    def owes(self, day: date) -> bool:
        """Whether ``day`` asks for anything beyond its weekday: always, except for a habit
        counting follow-ups on a day no follow-up is owed and nothing was done."""
        o = day.toordinal()
        return self.owed is None or o in self.owed or self.counts.get(o, 0) > 0

    def notes_on(self, day: date) -> tuple[str, ...]:
        """The notes of ``day``'s check-ins (skips included), in the order checked in."""
        return self.notes.get(day.toordinal(), ())

    def notes_between(self, first: date, last: date) -> tuple[tuple[date, str], ...]:
        """Every check-in note from ``first`` through ``last``, oldest first."""
        lo, hi = first.toordinal(), last.toordinal()
        return tuple(
            (date.fromordinal(o), text)
            for o in sorted(self.notes)
            if lo <= o <= hi
            for text in self.notes[o]
        )

    @property
    def target(self) -> int:
        """What today (daily habit) or this week (weekly habit, prorated for breaks) asks for."""
        return _target(self.habit, self.weeks[-1] if self.weeks else None)

    def day_state(self, day: date) -> str:
        """The state of any day: ``before`` the habit, ``future`` after today."""
        if day > self.today:
            return "future"
        if day < self.habit.created:
            return "before"
        return self.days[(day - self.habit.created).days]

    def strip(self, length: int = STRIP_DAYS) -> tuple[str, ...]:
        """The last ``length`` days, oldest first, today last."""
        return tuple(
            self.day_state(self.today - timedelta(days=k)) for k in range(length - 1, -1, -1)
        )


@record
class HabitStatus:
    """A habit today: streaks, strength, the 14-day strip and today's progress."""

    habit: Habit
    current: int  # streak in days (day habits) or ISO weeks (week habits)
    best: int
    strength: float  # 0.0 .. 1.0
    strip: tuple[str, ...]  # last 14 days, oldest first, today last (see STATES)
    done: int  # count today (day habit) or this ISO week (week habit)
    target: int  # what today / this week asks for (a week with break days: prorated)
    due_today: bool
    met: bool  # today's / this week's target met
    unit: str  # "day" or "week"


# -- indexing -----------------------------------------------------------------------


def index_checkins(checkins: Iterable[CheckIn], today: date | None = None) -> dict[str, CheckInLog]:
    """Check-ins by habit uid, counts summed per day (those after ``today`` left out), with
    their notes."""
    limit = today.toordinal() if today is not None else None
    counts: dict[str, dict[int, int]] = {}
    skips: dict[str, set[int]] = {}
    notes: dict[str, dict[int, tuple[str, ...]]] = {}
    for c in checkins:  # (every check-in of the store, on every refresh: kept tight)
        o = c.date.toordinal()
        if limit is not None and o > limit:
            continue
        if c.skip:
            skips.setdefault(c.habit, set()).add(o)
        else:
            per = counts.get(c.habit)
            if per is None:
                per = counts[c.habit] = {}
            n = c.count
            per[o] = per.get(o, 0) + (n if n > 0 else 0)  # noqa: FURB136 (no call per check-in)
        if c.note:
            mine = notes.setdefault(c.habit, {})
            mine[o] = (*mine.get(o, ()), c.note)
    return {
        uid: CheckInLog(counts.get(uid, {}), frozenset(skips.get(uid, ())), notes.get(uid, {}))
        for uid in counts.keys() | skips.keys()
    }


# -- what a habit counts by itself ----------------------------------------------------

#: The habits' ``counts`` values that read the touches (the others: contacts, or nothing).
_FROM_TOUCHES = frozenset({"touches", "intros", "follow-ups"})


@record
class CountSources:
    """What the habits that count what the user does read, worked out once per call: the
    :class:`TouchIndex` (a partial snapshot's own, or one made from a whole snapshot's
    touches), its days with touches in order, the contacts added per day ordinal, and the
    distinct people touched per day by kinds filter (filled as habits ask for them)."""

    index: TouchIndex
    touch_days: tuple[str, ...]
    new_contacts: Mapping[int, int]
    first: str = ""  # the first day any of the habits asked for counts
    per_filter: dict[frozenset[str], dict[str, int]] = field(default_factory=dict)

    def people_on(self, day: str, kinds: frozenset[str]) -> set[str]:
        """The distinct people touched on ``day`` (ISO) by touches of ``kinds`` (all if
        empty)."""
        who: set[str] = set()
        for kind, text in self.index.people.get(day, {}).items():
            if text and (not kinds or kind in kinds):
                who.update(text.split(" "))
        return who

    def distinct_per_day(self, kinds: frozenset[str]) -> dict[str, int]:
        """Per ISO day from :attr:`first` on: how many distinct people ``kinds`` touched."""
        got = self.per_filter.get(kinds)
        if got is None:
            days = self.touch_days[bisect_left(self.touch_days, self.first) :]
            got = self.per_filter[kinds] = {
                d: n for d in days if (n := len(self.people_on(d, kinds)))
            }
        return got


def count_sources(snap: Snapshot, habits: Iterable[Habit]) -> CountSources | None:
    """What :func:`counted_days` needs for ``habits`` from ``snap`` (None if none of them
    counts anything). A partial snapshot gives its index; a whole one its touches (then
    only those that can count for the habits are summed up)."""
    wanted = [h for h in habits if h.counts]
    if not wanted:
        return None
    first = min(h.created for h in wanted)
    index = TouchIndex()
    if any(h.counts in _FROM_TOUCHES for h in wanted):
        if snap.index is not None:
            index = snap.index
        else:
            mine = (t for t in snap.all_touches() if _may_count(t, first))
            index = touch_index(mine, per_contact=False)
    new: dict[int, int] = {}
    if any(h.counts == "new-contacts" for h in wanted):
        new = _added_per_day(snap.contacts)
    return CountSources(index, tuple(sorted(index.people)), new, first.isoformat())


def _may_count(touch: Interaction, first: date) -> bool:
    """Whether ``touch`` can count for a habit created on ``first``: by its date, by the
    day it closed a follow-up, or by the day its follow-up is owed."""
    later = (touch.closed_on, touch.follow_up)
    return touch.date >= first or any(d is not None and d >= first for d in later)


def _added_per_day(contacts: Iterable[Contact]) -> dict[int, int]:
    out: dict[int, int] = {}
    for c in contacts:
        o = c.created.toordinal()
        out[o] = out.get(o, 0) + 1
    return out


def counted_days(
    snap: Snapshot, habit: Habit, today: date, sources: CountSources | None = None
) -> dict[int, int]:
    """What ``habit`` counts by itself (:attr:`Habit.counts`), per day ordinal from the day
    it was created through ``today`` (days with nothing left out):

    * ``touches``: the distinct people touched that day (only touches of ``habit.kinds``, if
      any); for a weekly habit each person once a week, on the first day touched that week,
      so a week sums to the distinct people touched in it;
    * ``intros``: the introductions made (touches of kind ``intro``);
    * ``follow-ups``: the follow-ups closed that day on or before their date;
    * ``new-contacts``: the contacts added (``created``) that day.

    ``snap`` may be partial (its index is read); ``new-contacts`` needs its contacts.
    ``sources`` is :func:`count_sources` worked out beforehand (for many habits at once)."""
    if not habit.counts:
        return {}
    src = sources if sources is not None else count_sources(snap, (habit,))
    if src is None:
        return {}
    s, t = habit.created.toordinal(), today.toordinal()
    if s > t:
        return {}
    if habit.counts == "new-contacts":
        return {o: n for o, n in src.new_contacts.items() if s <= o <= t}
    a, b = habit.created.isoformat(), today.isoformat()
    ix = src.index
    if habit.counts in ("intros", "follow-ups"):
        per_day = ix.intro_days if habit.counts == "intros" else ix.closed_days
        return {date.fromisoformat(d).toordinal(): n for d, n in per_day.items() if a <= d <= b}
    if habit.counts != "touches":
        return {}
    kinds = frozenset(habit.kinds)
    days = src.touch_days
    span = days[bisect_left(days, a) : bisect_right(days, b)]
    if habit.period != "week":
        if a >= src.first:  # shared by the habits with the same kinds
            per_day = src.distinct_per_day(kinds)
        else:  # sources made for other habits: this one alone
            per_day = {d: len(src.people_on(d, kinds)) for d in span}
        return {date.fromisoformat(d).toordinal(): per_day[d] for d in span if per_day.get(d)}
    out: dict[int, int] = {}
    seen: set[str] = set()  # the people already counted this ISO week
    week = -1
    for d in span:
        o = date.fromisoformat(d).toordinal()
        monday = o - (o - 1) % 7  # ordinal 1 (0001-01-01) is a Monday
        if monday != week:
            week, seen = monday, set()
        who = src.people_on(d, kinds) - seen
        seen |= who
        if who:
            out[o] = len(who)
    return out


#: What each ``Habit.counts`` value counts, in the user's words (for help and messages).
COUNTS_HELP: dict[str, str] = {
    "": "check-ins only",
    "touches": "the people you are in touch with",
    "intros": "the introductions you make",
    "follow-ups": "the follow-ups you close by their date",
    "new-contacts": "the people you add",
}


#: The same, as a list of habits says it in a word or two.
COUNTS_SHORT: dict[str, str] = {
    "": "by hand",
    "touches": "counts touches",
    "intros": "counts intros",
    "follow-ups": "counts follow-ups",
    "new-contacts": "counts new contacts",
}


def counts_text(habit: Habit, *, short: bool = False) -> str:
    """What moves ``habit`` on besides its check-ins: "the people you are in touch with by
    call or coffee, and your check-ins", "check-ins only"; ``short``: "counts touches (call,
    coffee)", "by hand"."""
    kinds = habit.kinds if habit.counts == "touches" else ()
    if short:
        return COUNTS_SHORT[habit.counts] + (f" ({', '.join(kinds)})" if kinds else "")
    if not habit.counts:
        return COUNTS_HELP[""]
    by = f" by {' or '.join(kinds)}" if kinds else ""
    return f"{COUNTS_HELP[habit.counts]}{by}, and your check-ins"


def check_counts(counts: str, kinds: Iterable[str] = ()) -> tuple[str, tuple[str, ...]]:
    """``counts`` and ``kinds`` as a habit keeps them (lower case; ``none`` for nothing;
    kinds deduplicated, in :data:`~networkhabit.domain.model.KINDS` order), or an
    :class:`InputError` naming what is allowed: kinds go only with ``touches``."""
    what = counts.strip().lower()
    what = "" if what in ("none", "-", "nothing", "manual", "check-ins") else what
    if what not in COUNTS:
        raise InputError(
            f"unknown count {counts!r}: use one of {', '.join(c for c in COUNTS if c)}"
        )
    wanted = {k.strip().lower() for k in kinds if k.strip()}
    unknown = sorted(wanted - set(KINDS))
    if unknown:
        raise InputError(f"unknown kind {unknown[0]!r}: use one of {', '.join(KINDS)}")
    if wanted and what != "touches":
        raise InputError("kinds go with counting touches (--counts touches --kind call,coffee)")
    return what, tuple(k for k in KINDS if k in wanted)


def with_counted(log: CheckInLog | None, counted: Mapping[int, int]) -> CheckInLog:
    """``log`` with what the habit counted by itself added to its counts."""
    log = log or _EMPTY_LOG
    if not counted:
        return log
    counts = dict(log.counts)
    for o, n in counted.items():
        counts[o] = counts.get(o, 0) + n
    return replace(log, counts=counts, counted=dict(counted))


def _logs(
    snap: Snapshot, habits: Sequence[Habit], checkins: Iterable[CheckIn], today: date
) -> dict[str, CheckInLog]:
    """The check-in logs of ``habits`` with what each counts by itself added: the one
    place every rule over habit histories gets its amounts from."""
    logs = index_checkins(checkins, today)
    sources = count_sources(snap, habits)
    if sources is None:
        return logs
    for h in habits:
        if h.counts:
            log = with_counted(logs.get(h.uid), counted_days(snap, h, today, sources))
            if h.counts == "follow-ups":
                log = replace(log, owed=owed_days(snap, h, today, sources))
            logs[h.uid] = log
    return logs


def owed_days(
    snap: Snapshot, habit: Habit, today: date, sources: CountSources | None = None
) -> frozenset[int]:
    """For a habit counting follow-ups: the days (ordinals, from its creation to the end of
    this ISO week) on which a follow-up is owed — due that day and not closed before it.
    On the other days such a habit asks for nothing: they neither break nor extend it."""
    src = sources if sources is not None else count_sources(snap, (habit,))
    if src is None:
        return frozenset()
    a = habit.created.isoformat()
    b = (today + timedelta(days=6 - today.weekday())).isoformat()
    return frozenset(date.fromisoformat(d).toordinal() for d in src.index.owed_days if a <= d <= b)


def break_days(breaks: Iterable[Break], first: date, last: date) -> frozenset[int]:
    """Ordinals of the days between ``first`` and ``last`` (inclusive) that are on a break."""
    lo, hi = first.toordinal(), last.toordinal()
    out: set[int] = set()
    for b in breaks:
        a, z = max(lo, b.start.toordinal()), min(hi, b.end.toordinal())
        out.update(range(a, z + 1))
    return frozenset(out)


_EMPTY_LOG = CheckInLog({}, frozenset())


# -- the walk -----------------------------------------------------------------------


def decay(habit: Habit) -> float:
    """Loop's multiplier ``m = 0.5 ** (sqrt(f) / 13)``, ``f = target / period-days``."""
    f = habit.target / (7 if habit.period == "week" else 1)
    return float(0.5 ** (math.sqrt(f) / 13))


def history(
    habit: Habit, log: CheckInLog | None, breaks: frozenset[int], today: date
) -> HabitHistory:
    """Walk one habit from its creation to ``today``.

    ``log`` comes from :func:`index_checkins`; ``breaks`` from :func:`break_days` and must
    cover at least ``habit.created`` to the end of this ISO week.
    """
    log = log or _EMPTY_LOG
    if habit.period == "week":
        return _weekly(habit, log, breaks, today)
    return _daily(habit, log, breaks, today)


def _runs(periods: Sequence[Period]) -> tuple[int, int, date | None]:
    """(current, best, last period of the best run) — neutral periods pause a run."""
    run = best = 0
    best_end: date | None = None
    for p in periods:
        if p.state == "met":
            run += 1
            if run >= best:
                best, best_end = run, p.start
        elif p.state in _BREAKING:
            run = 0
    return run, best, best_end


def _daily(habit: Habit, log: CheckInLog, breaks: frozenset[int], today: date) -> HabitHistory:
    s, t = habit.created.toordinal(), today.toordinal()
    target = max(1, habit.target)
    due = _due_weekdays(habit)
    counts, skips, owed = log.counts, log.skips, log.owed
    get = counts.get
    m = decay(habit)
    gain = 1 - m
    score = 0.0
    run = best = 0
    best_end = -1
    days: list[str] = []
    strengths: list[float] = []
    completion: list[float | None] = []
    # One tight pass: this runs for every day of every habit on each refresh.
    for o in range(s, t + 1):
        c: float | None = None
        if o in breaks:
            state = "break"
        elif not due[(o - 1) % 7]:  # ordinal 1 (0001-01-01) is a Monday
            state = "off"
        elif owed is not None and o not in owed and not get(o, 0):
            state = "off"  # counts follow-ups: none owed today, none closed
        else:
            n = get(o, 0)
            if n >= target:
                state = "met"
                c = 1.0
                run += 1
                if run >= best:
                    best, best_end = run, o
            elif o in skips:
                state = "skip"
            elif o == t:
                state = "open"
            else:
                state = "partial" if n > 0 else "missed"
                c = n / target
                run = 0
            if c is not None:
                score = m * score + gain * c
        completion.append(c)
        days.append(state)
        strengths.append(score)
    done, due_today, met = _this_day(s, t, target, due, get, breaks, skips, owed)
    return HabitHistory(
        habit,
        today,
        tuple(days),
        (),
        counts,
        tuple(strengths),
        tuple(completion),
        run,
        best,
        date.fromordinal(best_end) if best_end > 0 else None,
        done,
        due_today,
        met,
        log.counted,
        log.notes,
        log.owed,
    )


def _due_weekdays(habit: Habit) -> tuple[bool, ...]:
    """Whether a daily habit is due on each weekday, Monday first."""
    days = set(habit.days or ALL_DAYS)
    return tuple(d in days for d in range(7))


def _week(
    monday: int,
    s: int,
    t: int,
    target: int,
    get: Callable[[int, int], int],
    breaks: frozenset[int],
    skips: frozenset[int],
    owed: frozenset[int] | None,
) -> Period:
    """The ISO week starting on ``monday`` of a weekly habit created on ``s`` (ordinals),
    walked to ``t``: what it owes, what was done, its state. Each week stands on its own."""
    end = monday + 7
    on_break = [o for o in range(monday, end) if o in breaks] if breaks else []
    first, last = max(monday, s), min(monday + 6, t)
    available = end - first - sum(1 for o in on_break if o >= s)
    needed = (2 * target * available + 7) // 14  # target × available / 7, rounded half up
    total = 0
    for o in range(first, last + 1):
        total += get(o, 0)
    if needed == 0 and total > 0 and not on_break:
        needed = 1  # a late first week owes nothing, but work done in it still counts
    if owed is not None and not total and not any(o in owed for o in range(first, end)):
        needed = 0  # counts follow-ups: none owed this week, none closed
    if needed == 0:  # (nearly) all on a break, or created too late in the week to owe any
        state = "break" if on_break else "off"
    elif total >= needed:
        state = "met"
    elif skips and any(o in skips for o in range(first, last + 1)):
        state = "skip"
    elif monday + 6 >= t:
        state = "open"
    elif total > 0:
        state = "partial"
    else:
        state = "missed"
    return Period(date.fromordinal(monday), state, total, needed)


def _target(habit: Habit, this_week: Period | None) -> int:
    """What today (a daily habit) or this week (a weekly one, ``this_week``: prorated for
    breaks) asks for."""
    if habit.period == "week" and this_week is not None and this_week.needed > 0:
        return this_week.needed
    return max(1, habit.target)


def _this_week(this_week: Period | None, t: int, breaks: frozenset[int]) -> tuple[int, bool, bool]:
    """(done, due today, met) of a weekly habit whose current week is ``this_week``."""
    done = this_week.done if this_week else 0
    met = this_week is not None and this_week.state == "met"
    due_today = (
        this_week is not None
        and t not in breaks
        and this_week.state not in ("skip", "break", "off")
    )
    return done, due_today, met


def _this_day(
    s: int,
    t: int,
    target: int,
    due: Sequence[bool],
    get: Callable[[int, int], int],
    breaks: frozenset[int],
    skips: frozenset[int],
    owed: frozenset[int] | None,
) -> tuple[int, bool, bool]:
    """(done, due today, met) of a daily habit created on ``s``, today ``t`` (ordinals)."""
    done = get(t, 0) if s <= t else 0
    due_today = s <= t and t not in breaks and due[(t - 1) % 7] and t not in skips
    due_today = due_today and (owed is None or t in owed or get(t, 0) > 0)
    return done, due_today, done >= target


def _weekly(habit: Habit, log: CheckInLog, breaks: frozenset[int], today: date) -> HabitHistory:
    s, t = habit.created.toordinal(), today.toordinal()
    target = max(1, habit.target)
    counts, skips, owed = log.counts, log.skips, log.owed
    get = counts.get
    periods: list[Period] = []
    states: list[str] = []  # each week's state, in order from the week of ``s``
    first_monday = s - (s - 1) % 7
    if s <= t:
        monday = first_monday
        while monday <= t:
            period = _week(monday, s, t, target, get, breaks, skips, owed)
            states.append(period.state)
            periods.append(period)
            monday += 7
    m = decay(habit)
    gain = 1 - m
    half = 2 * target  # a week's worth over the doubled window: half the credit
    score = 0.0
    window = 0  # the last WINDOW_DAYS days' total
    days: list[str] = []
    strengths: list[float] = []
    completion: list[float | None] = []
    o, monday = s, first_monday
    for wstate in states:  # week by week, then its days (from ``s`` in the first, to ``t``)
        sunday = monday + 6
        met_week = wstate == "met"
        held_week = wstate in ("skip", "off")
        open_week = wstate == "open"
        missed_week = wstate in _BREAKING
        while o <= sunday and o <= t:
            n = get(o, 0)
            window += n - (get(o - WINDOW_DAYS, 0) if o - WINDOW_DAYS >= s else 0)
            resting = o in breaks
            if resting:
                state = "break"
            elif o in skips:
                state = "skip"
            elif o == t and open_week:
                state = "open"
            elif n > 0:
                state = "met" if met_week else "partial"
            elif o == sunday and missed_week:
                state = "missed"  # a missed week shows on its Sunday
            else:
                state = "off"
            # A met week counts in full on each of its days, whichever weekday it was met on;
            # the days of a week that was not get Loop's doubled window (a week's worth is
            # half the credit); this week's, while still open, hold the strength.
            credit = 1.0 if met_week else min(1.0, window / half)
            if resting or held_week or (open_week and credit < 1.0):
                completion.append(None)
            else:
                completion.append(credit)
                score = m * score + gain * credit
            days.append(state)
            strengths.append(score)
            o += 1
        monday += 7
    current, best, best_end = _runs(periods)
    done, due_today, met = _this_week(periods[-1] if periods else None, t, breaks)
    return HabitHistory(
        habit,
        today,
        tuple(days),
        tuple(periods),
        counts,
        tuple(strengths),
        tuple(completion),
        current,
        best,
        best_end,
        done,
        due_today,
        met,
        log.counted,
        log.notes,
        log.owed,
    )


def _break_range(habits: Iterable[Habit], today: date) -> tuple[date, date]:
    first = min((h.created for h in habits), default=today)
    return min(first, today) - timedelta(days=7), today + timedelta(days=7)


def _listed(snap: Snapshot, include_archived: bool = False) -> list[Habit]:
    """The (non-archived) habits, by name: the order every list of habits shows."""
    return sorted(
        (h for h in snap.habits if include_archived or not h.archived),
        key=lambda h: (h.name.casefold(), h.uid),
    )


def _read_for(
    snap: Snapshot, habits: Sequence[Habit], today: date
) -> tuple[dict[str, CheckInLog], frozenset[int]]:
    """What the walk and the progress of ``habits`` read: their logs and the break days."""
    lo, hi = _break_range(habits, today)
    return _logs(snap, habits, snap.checkins, today), break_days(snap.breaks, lo, hi)


def histories(snap: Snapshot, today: date, include_archived: bool = False) -> list[HabitHistory]:
    """Every (non-archived) habit walked to ``today``, by name."""
    habits = _listed(snap, include_archived)
    logs, breaks = _read_for(snap, habits, today)
    return [history(h, logs.get(h.uid), breaks, today) for h in habits]


def habit_history(snap: Snapshot, habit: Habit, today: date) -> HabitHistory:
    """One habit walked to ``today`` (scans only that habit's check-ins)."""
    mine = (c for c in snap.checkins if c.habit == habit.uid)
    log = _logs(snap, (habit,), mine, today).get(habit.uid)
    lo, hi = _break_range((habit,), today)
    return history(habit, log, break_days(snap.breaks, lo, hi), today)


def status_of(h: HabitHistory) -> HabitStatus:
    """The :class:`HabitStatus` view of a walked habit."""
    return HabitStatus(
        h.habit,
        h.current,
        h.best,
        h.strength,
        h.strip(),
        h.done,
        h.target,
        h.due_today,
        h.met,
        h.unit,
    )


def habit_statuses(snap: Snapshot, today: date) -> list[HabitStatus]:
    """Every non-archived habit today, by name: streaks, strength, strip, progress."""
    return [status_of(h) for h in histories(snap, today)]


@record
class HabitProgress:
    """A habit's progress today alone (what the agenda shows): the fields of its
    :class:`HabitStatus` that need no walk through its history."""

    habit: Habit
    done: int  # count today (day habit) or this ISO week (week habit)
    target: int  # what today / this week asks for (a week with break days: prorated)
    due_today: bool
    met: bool  # today's / this week's target met
    unit: str  # "day" or "week"


def habit_progress(snap: Snapshot, today: date) -> list[HabitProgress]:
    """Every non-archived habit's progress today, by name — as :func:`habit_statuses` has
    it (the same rules: :func:`_this_day`, :func:`_week`, :func:`_this_week`,
    :func:`_target`), without walking years of days: for the agenda, which shows no
    streak."""
    habits = _listed(snap)
    logs, breaks = _read_for(snap, habits, today)
    t = today.toordinal()
    out: list[HabitProgress] = []
    for h in habits:
        log = logs.get(h.uid) or _EMPTY_LOG
        s, get, target = h.created.toordinal(), log.counts.get, max(1, h.target)
        if h.period == "week":
            week = None
            if s <= t:
                week = _week(t - (t - 1) % 7, s, t, target, get, breaks, log.skips, log.owed)
            done, due_today, met = _this_week(week, t, breaks)
            out.append(HabitProgress(h, done, _target(h, week), due_today, met, "week"))
        else:
            due = _due_weekdays(h)
            done, due_today, met = _this_day(s, t, target, due, get, breaks, log.skips, log.owed)
            out.append(HabitProgress(h, done, target, due_today, met, "day"))
    return out


# -- the networking streak ------------------------------------------------------------


def active_days(snap: Snapshot, today: date) -> set[int]:
    """Ordinals of the days up to ``today`` with any touch or check-in (skips do not count)."""
    t = today.toordinal()
    if snap.index is not None:
        days = set(indexed_days(snap.index, date.min, today))
    else:
        days = {i.date.toordinal() for i in snap.all_touches() if i.date <= today}
    for c in snap.checkins:  # (every check-in, on every refresh: kept tight)
        if c.count > 0 and not c.skip:
            o = c.date.toordinal()
            if o <= t:
                days.add(o)
    return days


def networking_streaks(snap: Snapshot, today: date) -> tuple[int, int]:
    """(current, best) networking streak in days: consecutive days with any touch or
    check-in; today open until something is logged; break days pause it."""
    active = active_days(snap, today)
    if not active:
        return 0, 0
    t = today.toordinal()
    first = min(active)
    breaks = break_days(snap.breaks, date.fromordinal(first), today)
    run = best = 0
    for o in range(first, t + 1):
        if breaks and o in breaks:
            continue
        if o in active:
            run += 1
            best = max(best, run)
        elif o != t:
            run = 0
    return run, best


def networking_streak(snap: Snapshot, today: date) -> int:
    """Consecutive days with any touch or check-in, up to today (today open; breaks pause)."""
    t = today.toordinal()
    active = active_days(snap, today)
    if not active:
        return 0
    first = min(active)
    breaks = break_days(snap.breaks, date.fromordinal(first), today)
    streak = 0
    o = t
    while o >= first:
        if o in active and o not in breaks:
            streak += 1
        elif o not in breaks and o != t:
            break
        o -= 1
    return streak


# -- explanations -------------------------------------------------------------------


def iso_week(day: date) -> str:
    """``2026-W47``."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _plural(n: int, unit: str) -> str:
    return f"{n} {unit}{'' if n == 1 else 's'}"


def _dates(days: Sequence[date], today: date, what: str) -> str:
    if len(days) <= 3:
        return f"{', '.join(short_date(d, today) for d in days)} {what}"
    return f"{len(days)} days {what}"


def _off_text(habit: Habit) -> str:
    off = [d for d in ALL_DAYS if d not in set(habit.days or ALL_DAYS)]
    owed = "days with no follow-up due are not due" if habit.counts == "follow-ups" else ""
    if not off:
        return owed
    text = (
        "weekends are not due"
        if off == [5, 6]
        else f"{','.join(WEEKDAY_NAMES[d] for d in off)} not due"
    )
    return f"{text}; {owed}" if owed else text


def _break_text(snap: Snapshot, first: date, last: date, today: date) -> str | None:
    hits = [b for b in snap.breaks if b.start <= last and b.end >= first]
    if not hits:
        return None
    b = max(hits, key=lambda b: b.end)
    what = f" ({b.note})" if b.note else ""
    more = f" and {len(hits) - 1} more" if len(hits) > 1 else ""
    return (
        f"paused for a break {short_date(b.start, today)} – {short_date(b.end, today)}{what}{more}"
    )


def explain_streak(snap: Snapshot, habit: Habit, today: date) -> str:
    """Why the current streak is what it is, in one line."""
    h = habit_history(snap, habit, today)
    return explain_history_streak(snap, h)


def explain_history_streak(snap: Snapshot, h: HabitHistory) -> str:
    """:func:`explain_streak` for an already walked habit."""
    today, habit = h.today, h.habit
    periods = h.periods
    if not periods:
        return f"0 {h.unit}s: the habit starts {short_date(habit.created, today)}"
    # Walk back over the current run to the period that ended it.
    run: list[Period] = []
    stop: Period | None = None
    for p in reversed(periods):
        if p.state in _BREAKING:
            stop = p
            break
        run.append(p)
    run.reverse()
    met = [p for p in run if p.state == "met"]
    last = periods[-1]
    parts: list[str] = []
    if habit.period == "week":
        head = _plural(h.current, "week")
        if met:
            head += (
                f": met {habit.target}/week every week since the week of "
                f"{short_date(met[0].start, today)} ({iso_week(met[0].start)})"
            )
        parts.append(head)
        if stop is not None:
            parts.append(f"{iso_week(stop.start)} was missed ({stop.done}/{stop.needed})")
        skipped = [p for p in run if p.state == "skip" and p is not last]
        if skipped:
            parts.append(", ".join(iso_week(p.start) for p in skipped[-3:]) + " skipped")
        breaks = [p for p in run if p.state == "break" or p.needed < habit.target]
        if breaks and run:
            text = _break_text(snap, run[0].start, today, today)
            if text:
                parts.append(text)
        tail = {
            "open": f"this week still open ({last.done}/{last.needed})",
            "met": f"this week met ({last.done}/{last.needed})",
            "skip": "this week is a rest week (skipped)",
            "break": "this week is on a break",
        }
        parts.append(tail.get(last.state, ""))
    else:
        head = _plural(h.current, "day")
        if met:
            head += f": met every due day since {short_date(met[0].start, today)}"
        parts.append(head)
        if stop is not None:
            what = f"{short_date(stop.start, today)} was missed"
            if stop.state == "partial":
                what += f" ({stop.done}/{stop.needed})"
            parts.append(what)
        elif not met and h.best == 0:
            parts.append("nothing met yet")
        if any(p.state == "off" for p in run):
            parts.append(_off_text(habit))
        skipped_days = [p.start for p in run if p.state == "skip" and p is not last]
        if skipped_days:
            parts.append(_dates(skipped_days, today, "skipped"))
        if run and any(p.state == "break" for p in run):
            first_break = next(p.start for p in run if p.state == "break")
            text = _break_text(snap, first_break, today, today)
            if text:
                parts.append(text)
        tail = {
            "open": f"today still open ({last.done}/{last.needed})",
            "met": f"today met ({last.done}/{last.needed})",
            "skip": "today skipped",
            "off": "today is not due",
            "break": "today is on a break",
        }
        parts.append(tail.get(last.state, ""))
    if h.best > h.current and h.best_end is not None:
        when = h.best_end if habit.period == "day" else h.best_end + timedelta(days=6)
        parts.append(f"best {_plural(h.best, h.unit)}, until {short_date(when, today)}")
    return "; ".join(p for p in parts if p)


def explain_strength(snap: Snapshot, habit: Habit, today: date) -> str:
    """Why the strength is what it is, in one line."""
    return explain_history_strength(habit_history(snap, habit, today))


def explain_history_strength(h: HabitHistory) -> str:
    """:func:`explain_strength` for an already walked habit."""
    habit, today = h.habit, h.today
    pct = round(h.strength * 100)
    m = decay(habit)
    step = (1 - m) * 100
    half = math.log(0.5) / math.log(m)
    if not h.days:
        return f"{pct} %: the habit starts {short_date(habit.created, today)}"
    if habit.period == "week":
        weeks = [p for p in h.weeks if p.state in ("met", "partial", "missed")][-8:]
        met_weeks = sum(1 for p in weeks if p.state == "met")
        return (
            f"{pct} %: {met_weeks} of the last {len(weeks)} counted weeks met; each day moves "
            f"it {step:.1f} % of the way toward 1 in a met week, else toward "
            f"min(1, last 14 days ÷ {2 * habit.target}) (half-life {half:.0f} days); "
            "breaks, rest weeks and an open week hold it"
        )
    window_days = [p for p in h.periods if p.state in ("met", "partial", "missed")][-30:]
    met = sum(1 for p in window_days if p.state == "met")
    partial = sum(1 for p in window_days if p.state == "partial")
    extra = f", {partial} partly" if partial else ""
    holds = "skips, breaks, days off and an unmet today hold it"
    if set(habit.days or ALL_DAYS) == set(ALL_DAYS):
        holds = "skips, breaks and an unmet today hold it"
    return (
        f"{pct} %: {met} of the last {len(window_days)} due days met{extra}; each due day moves "
        f"it {step:.1f} % of the way toward that day's share of the target "
        f"(half-life {half:.0f} due days); {holds}"
    )


# -- names --------------------------------------------------------------------------


def resolve_habit(query: str, habits: Sequence[Habit]) -> Habit:
    """The habit a typed name means: exact (case-insensitive), then unique prefix; otherwise
    an :class:`~networkhabit.domain.errors.InputError` with "did you mean"."""
    key = fold(query)
    if key and habits and not any(fold(h.name).startswith(key) for h in habits):
        message = not_found_message(query, [h.name for h in habits], what="habit")
        if "did you mean" not in message:
            # Habits are few: when nothing looks alike, offer the closest ones anyway.
            import difflib  # (here: only a habit not found needs it)

            def likeness(h: Habit) -> tuple[float, str]:
                return -difflib.SequenceMatcher(None, key, fold(h.name)).ratio(), h.name.casefold()

            ranked = sorted(habits, key=likeness)
            message += f" — did you mean: {', '.join(h.name for h in ranked[:5])}?"
        raise InputError(message)
    return resolve(query, habits, lambda h: (h.name,), what="habit")
