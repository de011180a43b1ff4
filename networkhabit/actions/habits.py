"""Habits: add, edit, archive; check in, skip, take a check-in back; breaks.

The rules for a check-in — not in the future, at most a year before the habit's start
(which it moves back), a check-in on a rest day makes it a working day again — and for a
skip are here once, for the CLI's ``done``/``skip`` and the app's space alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from networkhabit.actions.changes import Builder, Change, ReadMore, applied, is_uid, reading
from networkhabit.actions.session import HABIT_TABLES
from networkhabit.domain import habits as rules
from networkhabit.domain.dates import parse_weekdays
from networkhabit.domain.errors import InputError
from networkhabit.domain.model import (
    ALL_DAYS,
    PERIODS,
    WEEKDAY_NAMES,
    Break,
    CheckIn,
    Habit,
    Snapshot,
    new_uid,
)
from networkhabit.domain.model import COUNTS as MODEL_COUNTS
from networkhabit.domain.names import clean_name, fold
from networkhabit.domain.review import monday_of

MAX_TARGET = 1000
MAX_COUNT = 10_000
MAX_NOTE = 1_000
#: How far before a habit's start a check-in may move that start (a typo guard: 1926).
MAX_BACKDATE_DAYS = 366
#: What a habit can count besides manual check-ins (typed names).
COUNTS: tuple[str, ...] = tuple(c for c in MODEL_COUNTS if c)

#: The starter routine: (name, target, period, what it counts).
STARTER_ROUTINE: tuple[tuple[str, int, str, str], ...] = (
    ("Reach out to 1 person", 1, "day", "touches"),
    ("Make 1 introduction", 1, "week", "intros"),
    ("Follow up within 2 days", 1, "day", "follow-ups"),
)


def clean_habit_name(name: str) -> str:
    """A habit name as stored: trimmed, inner spaces folded; never empty."""
    return clean_name(name, "habit", 120)


def find(snap: Snapshot, ref: str) -> Habit:
    """The non-archived habit ``ref`` means: its uid, else a typed name."""
    for h in snap.habits:
        if h.uid == ref:
            if h.archived:
                raise InputError(f"habit {h.name!r} is archived")
            return h
    if is_uid(ref):
        raise InputError("that habit is no longer in the store")
    active = [h for h in snap.habits if not h.archived]
    try:
        return rules.resolve_habit(ref, active)
    except InputError:
        archived = [h for h in snap.habits if h.archived and fold(h.name) == fold(ref)]
        if archived:
            raise InputError(
                f"habit {archived[0].name!r} is archived — "
                f"'networkhabit habit archive {archived[0].name!r} --undo' brings it back"
            ) from None
        if not active:
            raise InputError(
                f"no habit {ref.strip()!r} — you have no habits yet; "
                "add one with 'networkhabit habit add NAME'"
            ) from None
        raise


#: What a check-in, a skip or taking one back reads first: a habit that counts nothing but
#: its check-ins needs neither the touches' index nor the contacts (one that does: every
#: table of :data:`HABIT_TABLES`, read then).
OWN_TABLES = ("habits", "checkins", "breaks")


def _found(snap: Snapshot, ref: str) -> Habit:
    """:func:`find`, asking for the full tables (:class:`ReadMore`) when ``snap`` is the narrow
    read of :data:`OWN_TABLES` and the habit counts what you do besides its check-ins."""
    habit = find(snap, ref)
    if habit.counts and snap.partial and snap.index is None:
        raise ReadMore
    return habit


def _target(target: int) -> int:
    if target < 1:
        raise InputError(f"the target must be at least 1 (got {target})")
    if target > MAX_TARGET:
        raise InputError(f"the target can be at most {MAX_TARGET} (got {target})")
    return target


def _counts(counts: str | None, kinds: Sequence[str] | None) -> tuple[str, tuple[str, ...]]:
    parts = [p for k in kinds or () for p in k.split(",")]
    return rules.check_counts(counts or "", parts)


def _days(on: str | None, period: str) -> tuple[int, ...]:
    if on is None:
        return ALL_DAYS
    if period == "week":
        raise InputError("--on is for daily habits: a weekly habit counts the whole ISO week")
    return parse_weekdays(on)


def _unique(snap: Snapshot, name: str, mine: str | None = None) -> None:
    for h in snap.habits:
        if h.uid != mine and fold(h.name) == fold(name):
            hint = (
                f" (archived — 'networkhabit habit archive {h.name!r} --undo' brings it back)"
                if h.archived
                else ""
            )
            raise InputError(f"habit {h.name!r} already exists{hint}")


def add(
    name: str,
    today: date,
    target: int = 1,
    per: str = "day",
    on: str | None = None,
    counts: str | None = None,
    kinds: Sequence[str] | None = None,
) -> Builder:
    """A new habit: ``target`` times per ``per`` (day or week), due ``on`` some weekdays,
    filled by manual check-ins plus what it ``counts``."""

    def build(snap: Snapshot) -> Change:
        clean = clean_habit_name(name)
        period = per.lower()
        if period not in PERIODS:
            raise InputError(f"a habit counts per day or per week (not {per!r})")
        what, which = _counts(counts, kinds)
        _unique(snap, clean)
        habit = Habit(
            new_uid(),
            clean,
            today,
            _target(target),
            period,
            _days(on, period),
            counts=what,
            kinds=which,
        )
        return Change(f"Added habit {clean}", added=(habit,), subject=habit)

    return reading(*HABIT_TABLES)(build)


def edit(
    ref: str,
    rename: str | None = None,
    target: int | None = None,
    per: str | None = None,
    on: str | None = None,
    counts: str | None = None,
    kinds: Sequence[str] | None = None,
) -> Builder:
    """Change a habit's name, target, period, days or what it counts; its check-ins stay."""

    def build(snap: Snapshot) -> Change:
        h = find(snap, ref)
        values: dict[str, object] = {}
        if rename is not None:
            values["name"] = clean_habit_name(rename)
            _unique(snap, str(values["name"]), h.uid)
        if target is not None:
            values["target"] = _target(target)
        period = h.period
        if per is not None:
            period = per.lower()
            if period not in PERIODS:
                raise InputError(f"a habit counts per day or per week (not {per!r})")
            values["period"] = period
            if period == "week":
                values["days"] = ALL_DAYS
        if on is not None:
            values["days"] = _days(on, period)
        if counts is not None or kinds is not None:
            what, which = _counts(counts if counts is not None else h.counts, kinds)
            values["counts"], values["kinds"] = what, which
        if not values:
            raise InputError("nothing to change: give --rename, --target, --per, --on or --counts")
        new = replace(h, **values)  # type: ignore[arg-type]
        if new == h:
            raise InputError("nothing changed")
        changed = tuple(sorted(k for k in values if getattr(h, k) != getattr(new, k)))
        return Change(
            f"Saved habit {new.name}",
            before=(h,),
            after=(new,),
            subject=new,
            info={"fields": changed},
        )

    return reading(*HABIT_TABLES)(build)


def archive(ref: str, undo: bool = False) -> Builder:
    """Archive a habit (its history is kept; it leaves streaks and the agenda), or restore it."""

    def build(snap: Snapshot) -> Change:
        pool = [h for h in snap.habits if h.archived == undo]
        if not pool:
            raise InputError("no archived habits" if undo else "no habits to archive")
        habit = next((h for h in pool if h.uid == ref), None) or rules.resolve_habit(ref, pool)
        new = replace(habit, archived=not undo)
        verb = "Restored" if undo else "Archived"
        return Change(f"{verb} habit {habit.name}", before=(habit,), after=(new,), subject=new)

    return reading(*HABIT_TABLES)(build)


def _with_history(snap: Snapshot, change: Change, habit: Habit, today: date) -> Change:
    after = applied(snap, change)  # as it is once the change is written
    moved = next((h for h in after.habits if h.uid == habit.uid), habit)
    info = {**change.info, "history": rules.habit_history(after, moved, today)}
    return replace(change, info=info)


def check_in(
    ref: str, today: date, count: int = 1, day: date | None = None, note: str = ""
) -> Builder:
    """Count ``count`` for a habit on ``day`` (today). A check-in on a rest day turns it back
    into a working day (a weekly habit: anywhere in a rest week, the whole week); one before
    the habit's start moves the start back (at most a year)."""

    def build(snap: Snapshot) -> Change:
        if count < 1:
            raise InputError(f"the count must be at least 1 (got {count})")
        if count > MAX_COUNT:
            raise InputError(f"the count can be at most {MAX_COUNT} (got {count})")
        text = " ".join(note.split())
        if len(text) > MAX_NOTE:
            raise InputError(f"note is too long ({len(text):,} characters; at most {MAX_NOTE:,})")
        h = _found(snap, ref)
        when = day or today
        if when > today:
            raise InputError(
                f"check-in date {when.isoformat()} is in the future; use today or earlier"
            )
        if (h.created - when).days > MAX_BACKDATE_DAYS:
            raise InputError(
                f"{when.isoformat()} is over a year before {h.name!r} started "
                f"({h.created.isoformat()}); check the date (a check-in before the start "
                "moves the start back)"
            )
        if h.period == "week":
            mon = monday_of(when)
            rest = [
                c for c in snap.checkins if c.habit == h.uid and c.skip and monday_of(c.date) == mon
            ]
        else:
            rest = [c for c in snap.checkins if c.habit == h.uid and c.date == when and c.skip]
        record = CheckIn(new_uid(), h.uid, when, count, note=text)
        notes: list[str] = []
        before: tuple[Habit, ...] = ()
        after: tuple[Habit, ...] = ()
        if when < h.created:
            before, after = (h,), (replace(h, created=when),)
            notes.append(f"starts {when.isoformat()} now")
        if rest:
            notes.append(f"no longer a rest {'week' if h.period == 'week' else 'day'}")
        change = Change(
            f"{h.name}: +{count}" if count != 1 else f"{h.name}: done",
            added=(record,),
            before=before,
            after=after,
            removed=tuple(rest),
            subject=record,
            notes=tuple(notes),
        )
        return _with_history(snap, change, h, today)

    return reading(*HABIT_TABLES, first=OWN_TABLES)(build)


def skip(ref: str, today: date, day: date | None = None) -> Builder:
    """Mark a rest day (a weekly habit: a rest week): the streak pauses. A day that needs no
    rest (met, not due, on a break, already resting) is said so and nothing is written."""

    def build(snap: Snapshot) -> Change:
        h = _found(snap, ref)
        when = day or today
        if when > today:
            raise InputError(f"skip date {when.isoformat()} is in the future; use today or earlier")
        if when < h.created:
            raise InputError(
                f"{h.name!r} starts on {h.created.isoformat()}; nothing to skip on "
                f"{when.isoformat()}"
            )
        hist = rules.habit_history(snap, h, today)
        state = hist.day_state(when)
        what = "week" if h.period == "week" else "day"
        week = f"week {rules.iso_week(when)}"

        def nothing(reason: str) -> Change:
            return Change(f"{h.name}: {reason}", subject=h, info={"history": hist})

        if any(c.habit == h.uid and c.date == when and c.skip for c in snap.checkins):
            return nothing(f"{when.isoformat()} is already a rest {what}")
        if h.period == "week" and any(
            c.habit == h.uid and c.skip and monday_of(c.date) == monday_of(when)
            for c in snap.checkins
        ):
            return nothing(f"{week} is already a rest week")
        if h.period == "day" and state == "met":
            return nothing(f"{when.isoformat()} is already met — nothing to skip")
        period = hist.period_of(when) if h.period == "week" else None
        if period is not None and period.state == "met":
            return nothing(f"{week} is already met — nothing to skip")
        if state == "off" and h.period == "day":
            return nothing(f"not due on {WEEKDAY_NAMES[when.weekday()]} — nothing to skip")
        if state == "break":
            return nothing(f"{when.isoformat()} is on a break already — nothing to skip")
        record = CheckIn(new_uid(), h.uid, when, 1, skip=True)
        change = Change(f"{h.name}: rest {what}", added=(record,), subject=record)
        return _with_history(snap, change, h, today)

    return reading(*HABIT_TABLES, first=OWN_TABLES)(build)


def undone(ref: str, today: date, day: date | None = None) -> Builder:
    """Take back the check-in (or skip) of a habit logged last on ``day`` (today)."""

    def build(snap: Snapshot) -> Change:
        h = _found(snap, ref)
        when = day or today
        entries = [c for c in snap.checkins if c.habit == h.uid and c.date == when]
        if not entries:
            raise InputError(f"no check-in of {h.name!r} on {when.isoformat()} to remove")
        last = entries[-1]
        change = Change(
            f"{h.name}: took back the {'skip' if last.skip else 'check-in'}",
            removed=(last,),
            subject=last,
        )
        return _with_history(snap, change, h, today)

    return reading(*HABIT_TABLES, first=OWN_TABLES)(build)


def take_back(ref: str, today: date) -> Builder:
    """Take back the last check-in that counts toward today (a weekly habit: this week) —
    space on a habit the agenda shows ticked. A target met by what the habit counts (touches,
    introductions …) with no check-in to take back is said so; nothing is written."""

    def build(snap: Snapshot) -> Change:
        h = _found(snap, ref)
        if h.period == "week":
            mon = monday_of(today)
            entries = [
                c
                for c in snap.checkins
                if c.habit == h.uid and not c.skip and mon <= c.date <= today
            ]
        else:
            entries = [c for c in snap.checkins if c.habit == h.uid and c.date == today]
            entries = [c for c in entries if not c.skip] or entries
        if not entries:
            what = f"what it counts ({h.counts})" if h.counts else "nothing you checked in"
            raise InputError(
                f"{h.name!r} is met by {what} — no check-in to take back; u undoes your last change"
            )
        last = max(entries, key=lambda c: c.date)  # the latest day; the last logged on it
        last = [c for c in entries if c.date == last.date][-1]
        change = Change(
            f"{h.name}: took back the {'skip' if last.skip else 'check-in'}",
            removed=(last,),
            subject=last,
        )
        return _with_history(snap, change, h, today)

    return reading(*HABIT_TABLES, first=OWN_TABLES)(build)


def starter_routine(today: date) -> Builder:
    """The starter habits not there yet (each counting what you do)."""

    def build(snap: Snapshot) -> Change:
        have = {fold(h.name) for h in snap.habits}
        habits = tuple(
            Habit(new_uid(), name, today, target, period, ALL_DAYS, counts=counts)
            for name, target, period, counts in STARTER_ROUTINE
            if fold(name) not in have
        )
        return Change(f"Added the starter routine ({len(habits)} habits)", added=habits)

    return reading(*HABIT_TABLES)(build)


def missing_starters(snap: Snapshot) -> int:
    """How many starter habits the store does not have yet."""
    have = {fold(h.name) for h in snap.habits}
    return sum(1 for name, *_ in STARTER_ROUTINE if fold(name) not in have)


# -- breaks ------------------------------------------------------------------------------


def add_break(first: date, last: date, note: str = "") -> Builder:
    """A vacation from ``first`` to ``last`` inclusive: every streak pauses."""

    def build(snap: Snapshot) -> Change:
        if first > last:
            raise InputError(
                f"the break starts ({first.isoformat()}) after it ends ({last.isoformat()})"
            )
        if (last - first).days > 366:
            raise InputError("a break can be at most a year long")
        text = " ".join(note.split())
        if len(text) > MAX_NOTE:
            raise InputError(f"note is too long ({len(text):,} characters; at most {MAX_NOTE:,})")
        b = Break(new_uid(), first, last, text)
        return Change(f"Break {first.isoformat()} – {last.isoformat()}", added=(b,), subject=b)

    return reading(*HABIT_TABLES)(build)


def delete_breaks(day: date) -> Builder:
    """Delete the break(s) covering ``day``."""

    def build(snap: Snapshot) -> Change:
        hits = tuple(b for b in snap.breaks if b.start <= day <= b.end)
        if not hits:
            raise InputError(f"no break covers {day.isoformat()}; see 'networkhabit break --list'")
        return Change(f"Deleted {len(hits)} break(s)", removed=hits)

    return reading(*HABIT_TABLES)(build)


def end_break(uid: str, today: date) -> Builder:
    """End a break early: it ends yesterday (or is deleted if it has not started)."""

    def build(snap: Snapshot) -> Change:
        for b in snap.breaks:
            if b.uid == uid:
                if b.start >= today:
                    return Change("Deleted the break", removed=(b,))
                new = replace(b, end=min(b.end, date.fromordinal(today.toordinal() - 1)))
                return Change(f"The break ends {new.end.isoformat()}", before=(b,), after=(new,))
        raise InputError("that break is no longer in the store")

    return reading(*HABIT_TABLES)(build)
