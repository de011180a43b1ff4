"""Habits and streaks: ``habit add|list|archive``, ``done``, ``skip``, ``break``, ``streaks``
and ``week`` (the weekly review).

JSON shapes (stable):

- ``habit list --json``: ``[{"uid", "name", "target", "period", "days": ["mon", ...],
  "rhythm", "created", "archived", "current", "best", "unit", "strength", "strength_pct",
  "counts", "kinds"}]``: ``counts`` is what the habit counts besides its check-ins
  (``touches``, ``intros``, ``follow-ups``, ``new-contacts``, or null), ``kinds`` the kinds
  of touch it counts (``[]``: every kind).
- ``streaks --json``: ``{"date", "networking_streak", "networking_best", "legend": {state:
  symbol}, "habits": [habit]}`` where a habit is the ``habit list`` object plus ``"strip"``
  (14 day states, oldest first, today last), ``"done"``, ``"due_today"``, ``"met"``,
  ``"target_now"`` (what today / this week asks for), ``"explain_streak"``,
  ``"explain_strength"``, ``"counted"`` (today's automatic part of ``done``) and ``"notes"``
  (``[{"date", "note"}]`` of its check-ins). With ``--explain HABIT``: that one habit object.
- ``week --json``: ``{"week": "2026-W47", "week_start", "days": [...], "habits": [{"uid",
  "name", "period", "cells": [7 states], "total", "target", "notes": [{"date", "note"}]}],
  "touches_this_week",
  "touches_last_week", "new_contacts": [{"uid", "name", "label"}], "reached": [...],
  "neglected_count", "legend"}``; a habit's ``total`` is its progress toward ``target``
  (a daily habit: its due days' counts, each up to the daily target).
- ``break --list --json``: ``[{"uid", "from", "to", "days", "note"}]``, latest first.

Day states: met, partial, missed, skip, off (not due), break, open (today, not yet met),
before (before the habit existed), future.
"""

from __future__ import annotations

import sys
from datetime import date, timedelta
from typing import Any

import click

from networkhabit.actions.session import HABIT_TABLES, Session
from networkhabit.commands.base import (
    Context,
    command,
    command_group,
    emit_json,
    pass_ctx,
    user_date,
)
from networkhabit.domain import habits as rules
from networkhabit.domain.dates import (
    format_weekdays,
    parse_date,
    parse_date_relative,
    parse_iso_week,
)
from networkhabit.domain.errors import InputError
from networkhabit.domain.model import (
    ALL_DAYS,
    COUNTS,
    PERIODS,
    WEEKDAY_NAMES,
    Break,
    Habit,
    Snapshot,
)
from networkhabit.domain.names import display_names, fold
from networkhabit.domain.review import WeekReview, monday_of, week_review
from networkhabit.domain.wording import count as count_of
from networkhabit.paths import db_path

# -- helpers --------------------------------------------------------------------

#: What ``--counts`` takes: what a habit can count besides check-ins (as
#: ``actions.habits.COUNTS``; taken from the model so that ``streaks`` and ``week`` need not
#: load the habit actions).
COUNTED: tuple[str, ...] = tuple(c for c in COUNTS if c)


def symbols() -> dict[str, str]:
    """The strip symbols, or plain ASCII when the terminal's encoding cannot show them."""
    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        "".join(rules.STRIP_SYMBOLS.values()).encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return rules.STRIP_ASCII
    return rules.STRIP_SYMBOLS


def legend(marks: dict[str, str], states: tuple[str, ...]) -> str:
    """``■ met  □ missed  …`` for the states shown."""
    return "  ".join(f"{marks[s]} {rules.STRIP_LABELS[s]}" for s in states)


def rhythm(habit: Habit) -> str:
    """``1 a day``, ``3 a day on weekdays``, ``1 a week``."""
    text = f"{habit.target} a {habit.period}"
    if habit.period == "day" and tuple(habit.days) != ALL_DAYS:
        text += f" on {format_weekdays(habit.days)}"
    return text


def streak_text(n: int, unit: str) -> str:
    """``12 days``, ``1 week``."""
    return f"{n} {unit}{'' if n == 1 else 's'}"


def active_habit(snap: Snapshot, query: str) -> Habit:
    """The non-archived habit a typed name means (did-you-mean error otherwise)."""
    from networkhabit.actions import habits as actions

    return actions.find(snap, query)


def complete_habit(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Shell completion for habit names (quietly nothing if the store cannot be read)."""
    try:
        session = Session(db_path(ctx.find_root().params.get("db")), check=False)
        names = [h.name for h in session.daily(("habits",)).habits if not h.archived]
    except Exception:  # noqa: BLE001 — completion must never break the shell
        return []
    key = fold(incomplete)
    return sorted(n for n in names if fold(n).startswith(key))


def habit_json(h: rules.HabitHistory, snap: Snapshot | None = None) -> dict[str, Any]:
    """The documented JSON shape of a habit (with ``snap``: today's status and explanations)."""
    habit = h.habit
    doc: dict[str, Any] = {
        "uid": habit.uid,
        "name": habit.name,
        "target": habit.target,
        "period": habit.period,
        "days": [WEEKDAY_NAMES[d] for d in habit.days],
        "rhythm": rhythm(habit),
        "created": habit.created.isoformat(),
        "archived": habit.archived,
        "current": h.current,
        "best": h.best,
        "unit": h.unit,
        "strength": round(h.strength, 4),
        "strength_pct": round(h.strength * 100),
        "counts": habit.counts or None,
        "kinds": list(habit.kinds),
    }
    if snap is not None:
        doc.update(
            {
                "strip": list(h.strip()),
                "done": h.done,
                "due_today": h.due_today,
                "met": h.met,
                "target_now": h.target,
                "explain_streak": rules.explain_history_streak(snap, h),
                "explain_strength": rules.explain_history_strength(h),
                "counted": h.counted_on(h.today),
                "notes": [
                    {"date": d.isoformat(), "note": n}
                    for d, n in h.notes_between(h.habit.created, h.today)
                ],
            }
        )
    return doc


def _with_history(snap: Snapshot, habit: Habit, today: date) -> rules.HabitHistory:
    return rules.habit_history(snap, habit, today)


# -- habit add | list | archive -------------------------------------------------------


@command_group("habit")
def habit_group() -> None:
    """Your networking routines: add, list, archive."""


@habit_group.command("add")
@click.argument("name")
@click.option(
    "--target",
    "-t",
    type=int,
    default=1,
    show_default=True,
    help="How many times per period (1 = a yes/no habit).",
)
@click.option(
    "--per",
    type=click.Choice(PERIODS, case_sensitive=False),
    default="day",
    show_default=True,
    help="Count per day or per ISO week.",
)
@click.option(
    "--on",
    "on",
    metavar="DAYS",
    help="Daily habits: the weekdays it is due (mon,wed,fri / weekdays / weekends).",
)
@click.option(
    "--counts",
    type=click.Choice(COUNTED, case_sensitive=False),
    help="Also count what you do: touches (people reached), intros, follow-ups (closed by "
    "their date), new-contacts.",
)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    metavar="KINDS",
    help="With --counts touches: only these kinds (e.g. call,coffee).",
)
@pass_ctx
def habit_add(
    obj: Context,
    name: str,
    target: int,
    per: str,
    on: str | None,
    counts: str | None,
    kinds: tuple[str, ...],
) -> None:
    """Add a habit, e.g. habit add "Reach out to 3 people" --target 3 --counts touches."""
    from networkhabit.actions import changes
    from networkhabit.actions import habits as actions

    change = changes.run(
        obj.session, actions.add(name, obj.today, target, per, on, counts, kinds or None)
    )
    habit = change.subject
    assert isinstance(habit, Habit)
    click.echo(f"added habit {habit.name} · {rhythm(habit)}")


@habit_group.command("edit")
@click.argument("name", shell_complete=complete_habit)
@click.option("--rename", metavar="NEW", help="A new name.")
@click.option("--target", "-t", type=int, help="How many times per period.")
@click.option("--per", type=click.Choice(PERIODS, case_sensitive=False), help="day or week.")
@click.option("--on", "on", metavar="DAYS", help="Daily habits: the weekdays it is due.")
@click.option(
    "--counts",
    type=click.Choice((*COUNTED, "none"), case_sensitive=False),
    help="What it counts besides check-ins ('none': check-ins only).",
)
@click.option("--kind", "kinds", multiple=True, metavar="KINDS", help="With --counts touches.")
@pass_ctx
def habit_edit(
    obj: Context,
    name: str,
    rename: str | None,
    target: int | None,
    per: str | None,
    on: str | None,
    counts: str | None,
    kinds: tuple[str, ...],
) -> None:
    """Change a habit (its check-ins and history stay)."""
    from networkhabit.actions import changes
    from networkhabit.actions import habits as actions

    change = changes.run(
        obj.session, actions.edit(name, rename, target, per, on, counts, kinds or None)
    )
    habit = change.subject
    assert isinstance(habit, Habit)
    click.echo(f"updated habit {habit.name}: {', '.join(change.info['fields'])} · {rhythm(habit)}")


@habit_group.command("list")
@click.option("--archived", is_flag=True, help="Include archived habits.")
@click.option("--json", "as_json", is_flag=True, help="JSON output.")
@pass_ctx
def habit_list(obj: Context, archived: bool, as_json: bool) -> None:
    """List habits with their rhythm, streak and strength."""
    today = obj.today
    snap = obj.daily(*HABIT_TABLES)
    hist = rules.histories(snap, today, include_archived=archived)
    if as_json:
        emit_json([habit_json(h) for h in hist])
        return
    if not hist:
        click.echo(
            "no habits yet — add one with 'networkhabit habit add \"Reach out to 1 person\"'"
        )
        return
    width = min(40, max(len(h.habit.name) for h in hist))
    for h in hist:
        mark = "  [archived]" if h.habit.archived else ""
        click.echo(
            f"{h.habit.name[:width]:<{width}}  {rhythm(h.habit):<24}  "
            f"streak {streak_text(h.current, h.unit):<9} {round(h.strength * 100):>3} %  "
            f"{rules.counts_text(h.habit, short=True)}{mark}"
        )


@habit_group.command("archive")
@click.argument("name", shell_complete=complete_habit)
@click.option("--undo", is_flag=True, help="Bring an archived habit back.")
@pass_ctx
def habit_archive(obj: Context, name: str, undo: bool) -> None:
    """Archive a habit (its history is kept; it leaves streaks and the agenda)."""
    from networkhabit.actions import changes
    from networkhabit.actions import habits as actions

    change = changes.run(obj.session, actions.archive(name, undo))
    assert isinstance(change.subject, Habit)
    click.echo(f"{'restored' if undo else 'archived'} habit {change.subject.name}")


# -- done | skip -------------------------------------------------------------------


def _progress_line(h: rules.HabitHistory, day: date, today: date) -> str:
    """``2/3 today · streak 4 days`` after a check-in."""
    if h.habit.period == "week":
        period = h.period_of(day)
        done, needed = (period.done, period.needed) if period else (0, h.habit.target)
        where = "this week" if monday_of(day) == monday_of(today) else f"week {rules.iso_week(day)}"
    else:
        done = h.count_on(day)
        needed = h.habit.target
        where = "today" if day == today else day.isoformat()
        state = h.day_state(day)
        if state in ("off", "break"):  # logged, but neither met nor missed: say so, no tick
            why = f"not due on {WEEKDAY_NAMES[day.weekday()]}" if state == "off" else "a break day"
            return f"{done} {where} ({why}) · streak {streak_text(h.current, h.unit)}" + (
                f" (best {h.best})" if h.best > h.current else ""
            )
    mark = " ✓" if done >= needed > 0 else ""
    if mark and symbols() is rules.STRIP_ASCII:
        mark = " (met)"
    return f"{done}/{needed} {where}{mark} · streak {streak_text(h.current, h.unit)}" + (
        f" (best {h.best})" if h.best > h.current else ""
    )


@command("done")
@click.argument("habit", shell_complete=complete_habit)
@click.option(
    "--count",
    "-c",
    "count",
    type=int,
    default=1,
    show_default=True,
    help="How many (e.g. 2 people reached).",
)
@click.option(
    "--date", "-d", "when", metavar="DATE", help="When (default today; not in the future)."
)
@click.option("--note", "-n", default="", help="What you did (shows in streaks --explain).")
@pass_ctx
def done(obj: Context, habit: str, count: int, when: str | None, note: str) -> None:
    """Check in progress on a habit (adds to that day's count)."""
    from networkhabit.actions import changes
    from networkhabit.actions import habits as actions

    today = obj.today
    day = user_date(when, today, allow_future=False, what="check-in date") or today
    change = changes.run(obj.session, actions.check_in(habit, today, count, day, note))
    hist = change.info["history"]
    extra = "".join(f" · {n}" for n in change.notes)
    click.echo(f"{hist.habit.name}: +{count} · {_progress_line(hist, day, today)}{extra}")


@command("skip")
@click.argument("habit", shell_complete=complete_habit)
@click.option(
    "--date", "-d", "when", metavar="DATE", help="Which day (default today; not in the future)."
)
@pass_ctx
def skip(obj: Context, habit: str, when: str | None) -> None:
    """Mark a rest day for one habit (a weekly habit: a rest week): the streak pauses."""
    from networkhabit.actions import changes
    from networkhabit.actions import habits as actions

    today = obj.today
    day = user_date(when, today, allow_future=False, what="skip date") or today
    change = changes.run(obj.session, actions.skip(habit, today, day))
    hist = change.info["history"]
    h = hist.habit
    if change.empty:
        click.echo(change.message)
        return
    what = "week" if h.period == "week" else "day"
    when_txt = "today" if day == today else day.isoformat()
    if h.period == "week":
        when_txt = (
            "this week" if monday_of(day) == monday_of(today) else f"week {rules.iso_week(day)}"
        )
    click.echo(
        f"{h.name}: rest {what} {when_txt} · streak {streak_text(hist.current, hist.unit)} (paused)"
    )


# -- break -------------------------------------------------------------------------


def _break_days(b: Break) -> int:
    return (b.end - b.start).days + 1


@command("break")
@click.option(
    "--from", "start", metavar="DATE", help="First day of the break (weekday names look ahead)."
)
@click.option("--to", "end", metavar="DATE", help="Last day of the break (inclusive).")
@click.option("--note", "-n", default="", help="e.g. summer vacation.")
@click.option("--list", "as_list", is_flag=True, help="List the breaks.")
@click.option("--delete", metavar="DATE", help="Delete the break(s) covering this day.")
@click.option("--json", "as_json", is_flag=True, help="JSON output (with --list).")
@pass_ctx
def break_cmd(
    obj: Context,
    start: str | None,
    end: str | None,
    note: str,
    as_list: bool,
    delete: str | None,
    as_json: bool,
) -> None:
    """Record a vacation: every streak pauses from --from to --to (inclusive)."""
    from networkhabit.actions import changes
    from networkhabit.actions import habits as actions

    today = obj.today
    if delete is not None:
        if start or end or as_list:
            raise InputError("--delete goes alone (without --from, --to or --list)")
        day = parse_date(delete, today)
        hits = changes.run(obj.session, actions.delete_breaks(day)).removed
        for b in hits:
            assert isinstance(b, Break)
            click.echo(
                f"deleted break {b.start.isoformat()} – {b.end.isoformat()}"
                + (f" ({b.note})" if b.note else "")
            )
        return
    if as_list or (start is None and end is None):
        if start or end:
            raise InputError("--list goes alone (without --from or --to)")
        snap = obj.daily(*HABIT_TABLES)
        rows = sorted(snap.breaks, key=lambda b: (b.start, b.end), reverse=True)
        if as_json:
            emit_json(
                [
                    {
                        "uid": b.uid,
                        "from": b.start.isoformat(),
                        "to": b.end.isoformat(),
                        "days": _break_days(b),
                        "note": b.note,
                    }
                    for b in rows
                ]
            )
            return
        if not rows:
            click.echo("no breaks yet — record one with 'networkhabit break --from D --to D'")
            return
        for b in rows:
            where = "now" if b.start <= today <= b.end else "planned" if b.start > today else ""
            tail = f"  {b.note}" if b.note else ""
            tag = f"  [{where}]" if where else ""
            click.echo(
                f"{b.start.isoformat()} – {b.end.isoformat()}  {count_of(_break_days(b), 'day'):>8}"
                f"{tail}{tag}"
            )
        return
    if as_json:
        raise InputError("--json goes with --list")
    if start is None or end is None:
        raise InputError(
            "a break needs both --from and --to (e.g. --from 2026-12-24 --to 2027-01-02)"
        )
    first = parse_date_relative(start, today, future=True)
    last = parse_date_relative(end, today, future=True)
    if first > last:
        raise InputError(f"--from {first.isoformat()} is after --to {last.isoformat()}")
    b = changes.run(obj.session, actions.add_break(first, last, note)).subject
    assert isinstance(b, Break)
    click.echo(
        f"break {first.isoformat()} – {last.isoformat()} ({count_of(_break_days(b), 'day')})"
        + (f" · {b.note}" if b.note else "")
        + " · every streak pauses"
    )


# -- streaks -----------------------------------------------------------------------


@command("streaks")
@click.option(
    "--explain",
    "explain",
    metavar="HABIT",
    shell_complete=complete_habit,
    help="Say why one habit's streak and strength are what they are.",
)
@click.option("--json", "as_json", is_flag=True, help="JSON output.")
@pass_ctx
def streaks(obj: Context, explain: str | None, as_json: bool) -> None:
    """Streaks per habit (current, best, strength, the last 14 days) and the networking streak."""
    today = obj.today
    snap = obj.daily(*HABIT_TABLES)
    marks = symbols()
    if explain is not None:
        habit = active_habit(snap, explain)
        h = _with_history(snap, habit, today)
        if as_json:
            emit_json(habit_json(h, snap))
            return
        strip = "".join(marks[s] for s in h.strip())
        click.echo(click.style(habit.name, bold=True) + f" · {rhythm(habit)}")
        click.echo(f"  counts    {rules.counts_text(habit)}")
        click.echo(f"  streak    {rules.explain_history_streak(snap, h)}")
        click.echo(f"  strength  {rules.explain_history_strength(h)}")
        click.echo(f"  14 days   {strip}")
        shown = tuple(s for s in rules.STATES if s in set(h.strip()))
        click.echo(f"            {legend(marks, shown)}")
        notes = h.notes_between(today - timedelta(days=rules.STRIP_DAYS - 1), today)
        for n, (day, note) in enumerate(notes):
            click.echo(f"  {'notes' if n == 0 else '':<9} {rules.short_date(day, today)}: {note}")
        return
    current, best = rules.networking_streaks(snap, today)
    hist = rules.histories(snap, today)
    if as_json:
        emit_json(
            {
                "date": today.isoformat(),
                "networking_streak": current,
                "networking_best": best,
                "legend": dict(marks),
                "habits": [habit_json(h, snap) for h in hist],
            }
        )
        return
    active_today = today.toordinal() in rules.active_days(snap, today)
    open_txt = "" if active_today else " · today still open: log a touch or a check-in"
    best_txt = f" (best {best})" if best > current else ""
    click.echo(
        click.style(f"Networking streak: {streak_text(current, 'day')}{best_txt}", bold=True)
        + open_txt
    )
    if not hist:
        click.echo(
            "\nno habits yet — add one with 'networkhabit habit add \"Reach out to 1 person\"'"
        )
        return
    width = max(5, min(36, max(len(h.habit.name) for h in hist)))
    click.echo(f"\n{'Habit':<{width}}  {'streak':<9}  {'best':<9}  {'strength':>8}  last 14 days")
    seen: set[str] = set()
    for h in hist:
        states = h.strip()
        seen.update(states)
        click.echo(
            f"{h.habit.name[:width]:<{width}}  {streak_text(h.current, h.unit):<9}  "
            f"{streak_text(h.best, h.unit):<9}  {round(h.strength * 100):>6} %  "
            f"{''.join(marks[s] for s in states)}"
        )
    shown = tuple(s for s in rules.STATES if s in seen and s not in ("before", "future"))
    click.echo(f"\n{legend(marks, shown)}")
    click.echo("why: networkhabit streaks --explain HABIT")


# -- week --------------------------------------------------------------------------


def parse_week(text: str | None, today: date) -> date:
    """The Monday of ``2026-W48``, of any date (``-1w``, ``2026-11-18``), or of this week."""
    if text is None:
        return monday_of(today)
    key = text.strip().lower()
    if key in ("this", "now"):
        return monday_of(today)
    if key in ("last", "previous"):
        return monday_of(today) - timedelta(days=7)
    if "w" in key and any(ch.isdigit() for ch in key) and not key.startswith(("+", "-")):
        return parse_iso_week(text)
    try:
        return monday_of(parse_date(text, today))
    except InputError:
        raise InputError(
            f"invalid week {text!r}: use e.g. 2026-W48, last, or a date in the week"
        ) from None


def week_json(r: WeekReview, labels: dict[str, str], marks: dict[str, str]) -> dict[str, Any]:
    """The documented JSON shape of the weekly review."""

    def people(cs: tuple[Any, ...]) -> list[dict[str, str]]:
        return [{"uid": c.uid, "name": c.name, "label": labels.get(c.uid, c.name)} for c in cs]

    return {
        "week": rules.iso_week(r.week_start),
        "week_start": r.week_start.isoformat(),
        "days": [d.isoformat() for d in r.days],
        "habits": [
            {
                "uid": row.habit.uid,
                "name": row.habit.name,
                "period": row.habit.period,
                "cells": list(row.cells),
                "total": row.total,
                "target": row.target,
                "notes": [{"date": d.isoformat(), "note": n} for d, n in row.notes],
            }
            for row in r.rows
        ],
        "touches_this_week": r.touches_this_week,
        "touches_last_week": r.touches_last_week,
        "new_contacts": people(r.new_contacts),
        "reached": people(r.reached),
        "neglected_count": r.neglected_count,
        "legend": dict(marks),
    }


def _names(cs: tuple[Any, ...], labels: dict[str, str], limit: int = 8) -> str:
    shown = [labels.get(c.uid, c.name) for c in cs[:limit]]
    more = f" and {len(cs) - limit} more" if len(cs) > limit else ""
    return ", ".join(shown) + more


@command("week")
@click.option("--week", "which", metavar="WEEK", help="e.g. 2026-W48, last, or any date in it.")
@click.option("--json", "as_json", is_flag=True, help="JSON output.")
@pass_ctx
def week(obj: Context, which: str | None, as_json: bool) -> None:
    """The weekly review: habits × days, totals vs targets, touches, new and reached contacts."""
    today = obj.today
    mon = parse_week(which, today)
    if mon > today:
        raise InputError(
            f"week {rules.iso_week(mon)} has not started yet (this week is {rules.iso_week(today)})"
        )
    snap = obj.daily(*HABIT_TABLES)
    r = week_review(snap, mon, today)
    labels = display_names(snap.contacts)
    marks = symbols()
    if as_json:
        emit_json(week_json(r, labels, marks))
        return
    sun = r.days[-1]
    span = (
        f"{mon:%a} {mon.day} {mon:%b} – {sun:%a} {sun.day} {sun:%b} {sun.year}"
        if mon.month != sun.month
        else f"{mon:%a} {mon.day} – {sun:%a} {sun.day} {sun:%B} {sun.year}"
    )
    now = " (this week)" if mon == monday_of(today) else ""
    click.echo(click.style(f"Week {rules.iso_week(mon)}{now} · {span}", bold=True))
    if r.rows:
        width = max(5, min(36, max(len(row.habit.name) for row in r.rows)))
        heads = " ".join(f"{d:%a}"[:2] for d in r.days)
        click.echo(f"\n{'Habit':<{width}}  {heads}  total")
        seen: set[str] = set()
        for row in r.rows:
            seen.update(row.cells)
            cells = " ".join(f"{marks[c]} " for c in row.cells)
            per = " (week)" if row.habit.period == "week" else ""
            ok = " ✓" if row.target and row.total >= row.target else ""
            if ok and marks is rules.STRIP_ASCII:
                ok = " ok"
            score = f"{row.total}/{row.target}" if row.target else f"{row.total} (nothing due)"
            click.echo(f"{row.habit.name[:width]:<{width}}  {cells} {score}{per}{ok}")
            for day, note in row.notes:
                click.echo(f"{'':<{width}}  {day:%a}: {note}")
        shown = tuple(s for s in rules.STATES if s in seen and s not in ("before", "future"))
        click.echo(legend(marks, shown))
    else:
        click.echo("\nno habits this week — add one with 'networkhabit habit add NAME'")
    diff = r.touches_this_week - r.touches_last_week
    trend = f" ({diff:+d})" if diff else " (same)"
    click.echo(
        f"\n{'Touches':<13} {r.touches_this_week} this week · "
        f"{r.touches_last_week} last week{trend}"
    )
    click.echo(
        f"{'New contacts':<13} "
        + (f"{len(r.new_contacts)}: {_names(r.new_contacts, labels)}" if r.new_contacts else "none")
    )
    click.echo(
        f"{'Reached':<13} "
        + (f"{len(r.reached)}: {_names(r.reached, labels)}" if r.reached else "nobody yet")
    )
    click.echo(
        f"{'Neglected':<13} {count_of(r.neglected_count, 'contact')} past their keep-in-touch date"
        + (" (at the end of that week)" if not now else "")
    )


def register(group: click.Group) -> None:
    """Add the habit commands to the ``networkhabit`` group."""
    for cmd in (habit_group, done, skip, break_cmd, streaks, week):
        group.add_command(cmd)
