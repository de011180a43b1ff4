"""Habits from the app: add or edit one, enter a count, plan a break, list and end breaks.

Each dialog returns a builder (an action from :mod:`networkhabit.actions.habits`) made from
what was typed; it is tried on the store as last read before the dialog closes, so a
mistake (a name taken, a target of 0, a break ending before it starts) shows in the dialog,
which stays open. The write itself checks again, under the store's lock.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from networkhabit.actions import habits as actions
from networkhabit.actions.changes import Builder
from networkhabit.domain.dates import format_weekdays, parse_date_relative
from networkhabit.domain.errors import InputError
from networkhabit.domain.model import Break, Habit, Snapshot
from networkhabit.domain.wording import ago
from networkhabit.tui.dialogs.base import FormDialog
from networkhabit.tui.widgets.form import FormInput, FormSelect
from networkhabit.tui.widgets.modal import QuickModal

#: What a habit can count, as the dialog offers it: (label, value for the action).
COUNT_CHOICES: tuple[tuple[str, str], ...] = (
    ("check-ins only (space / +)", "manual"),
    ("touches you log", "touches"),
    ("introductions you make", "intros"),
    ("follow-ups you close", "follow-ups"),
    ("contacts you add", "new-contacts"),
)


def _whole(text: str, what: str) -> int:
    raw = text.strip()
    if not raw.isdigit():
        raise InputError(f"the {what} is a whole number (got {raw!r})" if raw else f"give a {what}")
    return int(raw)


def try_build(build: Builder, snap: Snapshot) -> Builder:
    """``build`` if it makes a change on ``snap`` (else its InputError, for the dialog)."""
    change = build(snap)
    if change.empty:
        raise InputError(change.message)
    return build


class HabitDialog(FormDialog[Builder]):
    """Modal: a habit's name, target, period, days and what it counts. Returns the builder
    adding it (or, for an edit, saving what changed)."""

    OK_LABEL = "Save"

    def __init__(self, snap: Snapshot, today: date, habit: Habit | None = None) -> None:
        super().__init__()
        self.TITLE_TEXT = f"Edit habit {habit.name}" if habit else "Add a habit"
        self.snap = snap
        self.today = today
        self.habit = habit

    def _start(self) -> dict[str, str]:
        h = self.habit
        if h is None:
            return {"name": "", "target": "1", "per": "day", "on": "every day", "counts": ""}
        return {
            "name": h.name,
            "target": str(h.target),
            "per": h.period,
            "on": format_weekdays(h.days),
            "counts": h.counts or "manual",
            "kinds": ", ".join(h.kinds),
        }

    def fields(self) -> Iterable[tuple[str, Widget]]:
        """Name, target, per, days, counts, kinds."""
        v = self._start()
        yield (
            "Name",
            FormInput(
                v["name"], placeholder="e.g. Reach out to 3 people", id="h-name", compact=True
            ),
        )
        yield (
            "Target",
            FormInput(v["target"], placeholder="times per day / week", id="h-target", compact=True),
        )
        yield (
            "Per",
            FormSelect(
                [("day", "day"), ("week", "week")],
                value=v["per"],
                allow_blank=False,
                id="h-per",
                compact=True,
            ),
        )
        yield (
            "Days",
            FormInput(
                v["on"], placeholder="every day, weekdays, mon,wed,fri", id="h-on", compact=True
            ),
        )
        yield (
            "Counts",
            FormSelect(
                list(COUNT_CHOICES),
                value=v.get("counts") or "manual",
                allow_blank=False,
                id="h-counts",
                compact=True,
            ),
        )
        yield (
            "Kinds",
            FormInput(
                v.get("kinds", ""),
                placeholder="touches only: coffee, call",
                id="h-kinds",
                compact=True,
            ),
        )

    def _typed(self) -> dict[str, str]:
        return {
            "name": self.query_one("#h-name", Input).value,
            "target": self.query_one("#h-target", Input).value,
            "per": str(self.query_one("#h-per", Select).value),
            "on": self.query_one("#h-on", Input).value,
            "counts": str(self.query_one("#h-counts", Select).value),
            "kinds": self.query_one("#h-kinds", Input).value,
        }

    def result(self) -> Builder:
        """The action for what was typed, tried on the store as last read."""
        raw = self._typed()
        target = _whole(raw["target"], "target")
        days = raw["on"].strip() or "every day"
        on = None if raw["per"] == "week" else days
        kinds = [raw["kinds"]] if raw["kinds"].strip() else []
        if self.habit is None:
            build = actions.add(
                raw["name"], self.today, target, raw["per"], on, raw["counts"], kinds
            )
            return try_build(build, self.snap)
        start = self._start()
        changed = {k for k in raw if raw[k].strip() != start.get(k, "").strip()}
        if not changed:
            raise InputError("nothing changed — escape closes")
        counts_changed = bool(changed & {"counts", "kinds"})
        build = actions.edit(
            self.habit.uid,
            rename=raw["name"] if "name" in changed else None,
            target=target if "target" in changed else None,
            per=raw["per"] if "per" in changed else None,
            on=on if changed & {"on", "per"} and on is not None else None,
            counts=raw["counts"] if counts_changed else None,
            kinds=kinds if counts_changed else None,
        )
        return try_build(build, self.snap)


class CountDialog(FormDialog[Builder]):
    """Modal: how many to add to a habit's count today."""

    OK_LABEL = "Add"

    def __init__(self, snap: Snapshot, today: date, habit: Habit, done: int = 0) -> None:
        super().__init__()
        self.TITLE_TEXT = f"How many for {habit.name}?"
        self.snap = snap
        self.today = today
        self.habit = habit
        self.done = done

    def intro(self) -> Iterable[Widget]:
        """Where the count stands."""
        unit = "this week" if self.habit.period == "week" else "today"
        yield Static(
            f"{self.done} of {self.habit.target} {unit} so far; this adds to it.",
            classes="dialog-hint",
        )

    def fields(self) -> Iterable[tuple[str, Widget]]:
        """The count and a note."""
        left = max(1, self.habit.target - self.done)
        yield "Count", FormInput(str(left), id="count", compact=True, restrict=r"[0-9]*")
        yield "Note", FormInput(placeholder="optional", id="count-note", compact=True)

    def result(self) -> Builder:
        """A check-in of that many today."""
        count = _whole(self.query_one("#count", Input).value, "count")
        note = self.query_one("#count-note", Input).value
        return try_build(actions.check_in(self.habit.uid, self.today, count, note=note), self.snap)


class BreakDialog(FormDialog[Builder]):
    """Modal: a break (vacation) from a day to a day; every streak pauses."""

    TITLE_TEXT = "Plan a break"
    OK_LABEL = "Plan"

    def __init__(self, snap: Snapshot, today: date) -> None:
        super().__init__()
        self.snap = snap
        self.today = today

    def intro(self) -> Iterable[Widget]:
        """What a break does."""
        yield Static(
            "Every streak pauses on the days of a break: they neither break nor extend it.",
            classes="dialog-hint",
        )

    def fields(self) -> Iterable[tuple[str, Widget]]:
        """From, to, a note."""
        yield (
            "From",
            FormInput("today", placeholder="today, monday, 2026-12-24", id="b-from", compact=True),
        )
        yield "To", FormInput("+1w", placeholder="+1w, 2027-01-02", id="b-to", compact=True)
        yield "Note", FormInput(placeholder="optional: holidays", id="b-note", compact=True)

    def _days(self) -> tuple[date, date]:
        first = parse_date_relative(
            self.query_one("#b-from", Input).value.strip() or "today", self.today, future=True
        )
        last = parse_date_relative(self.query_one("#b-to", Input).value, self.today, future=True)
        return first, last

    def on_input_changed(self, event: Input.Changed) -> None:
        """Say which days the typed dates mean."""
        try:
            first, last = self._days()
        except InputError:
            self.show_error("")
            return
        days = (last - first).days + 1
        self.show_error(f"{first:%a %-d %b %Y} – {last:%a %-d %b %Y} ({days} days)")

    def result(self) -> Builder:
        """The break as typed."""
        first, last = self._days()
        note = self.query_one("#b-note", Input).value
        return try_build(actions.add_break(first, last, note), self.snap)


def break_label(b: Break, today: date) -> Content:
    """``2026-12-24 – 2027-01-02 · holidays · in 34 days``."""
    if b.start > today:
        when = f"starts {ago(b.start, today)}"
    elif b.end >= today:
        when = "now"
    else:
        when = f"ended {ago(b.end, today)}"
    return Content.assemble(
        f"{b.start.isoformat()} – {b.end.isoformat()}",
        (f" · {b.note}" if b.note else "", "$text-muted"),
        (f" · {when}", "$text-accent" if when == "now" else "$text-muted"),
    )


class BreaksDialog(QuickModal[str | None]):
    """Modal: the breaks, latest first; enter ends the selected one early (it ends yesterday,
    or goes if it has not started). Returns the uid of the break to end."""

    #: Its part of the app's CSS (see :mod:`networkhabit.tui.sheets`).
    SHEET = """
    #breaks-list { height: auto; max-height: 16; border: none; padding: 0; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Close")]

    def __init__(self, snap: Snapshot, today: date) -> None:
        super().__init__()
        self.breaks = sorted(snap.breaks, key=lambda b: b.start, reverse=True)
        self.today = today

    def compose(self) -> ComposeResult:
        """The list, and what enter does."""
        with Vertical(classes="dialog", id="breaks"):
            yield Static("Breaks", classes="dialog-title")
            if self.breaks:
                yield Static(
                    "enter ends the selected break early (today is no longer part of it) · "
                    "escape closes",
                    classes="dialog-hint",
                )
                yield OptionList(
                    *[
                        Option(break_label(b, self.today), id=b.uid, disabled=b.end < self.today)
                        for b in self.breaks
                    ],
                    id="breaks-list",
                )
            else:
                yield Static(
                    "No breaks yet — b on Today plans one (or 'networkhabit break').",
                    classes="dialog-hint",
                )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter: end that break."""
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Close."""
        self.dismiss(None)
