"""Log a touch: who, what kind, a note, and an optional follow-up date."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from textual.suggester import Suggester
from textual.widget import Widget
from textual.widgets import Input, Select

from networkhabit.domain.dates import parse_date_relative
from networkhabit.domain.errors import InputError
from networkhabit.domain.model import KINDS, Contact
from networkhabit.domain.names import display_names, fold, resolve_contact
from networkhabit.domain.wording import ago
from networkhabit.tui.dialogs.base import FormDialog
from networkhabit.tui.widgets.form import FormInput, FormSelect


@dataclass(frozen=True)
class LogRequest:
    """What the dialog asks to log."""

    uids: tuple[str, ...]
    kind: str
    note: str
    follow_up: date | None
    day: date
    label: str  # the people, as shown


class NamesSuggester(Suggester):
    """Completes the last of comma-separated contact names."""

    def __init__(self, labels: Iterable[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.labels = sorted(set(labels), key=str.casefold)
        self.folded = [fold(n) for n in self.labels]

    async def get_suggestion(self, value: str) -> str | None:
        """The value with its last name completed, if some contact's name starts like it."""
        head, _, last = value.rpartition(",")
        key = fold(last)
        if not key:
            return None
        for label, folded in zip(self.labels, self.folded, strict=True):
            if folded.startswith(key):
                prefix = f"{head}, " if head else ""
                return prefix + label
        return None


def parse_names(text: str, contacts: Sequence[Contact]) -> list[Contact]:
    """The contacts named in comma-separated text (each resolved like the CLI does)."""
    people: list[Contact] = []
    for part in text.split(","):
        if part.strip():
            c = resolve_contact(part, contacts)
            if c not in people:
                people.append(c)
    if not people:
        raise InputError("who? type at least one contact's name")
    return people


class LogTouchDialog(FormDialog[LogRequest]):
    """Modal: log a touch with one or more contacts."""

    TITLE_TEXT = "Log a touch"
    OK_LABEL = "Log"

    def __init__(
        self,
        contacts: Sequence[Contact],
        today: date,
        who: Sequence[str] = (),
        kind: str = "message",
        note: str = "",
    ) -> None:
        super().__init__()
        self.contacts = [c for c in contacts if not c.archived]
        self.today = today
        self.labels = display_names(self.contacts)
        self.who = ", ".join(self.labels.get(u, "") for u in who if u in self.labels)
        self.kind = kind if kind in KINDS else "message"
        self.note = note

    def fields(self) -> Iterable[tuple[str, Widget]]:
        """Who, kind, note, follow-up, when."""
        yield (
            "Who",
            FormInput(
                self.who,
                placeholder="names, comma-separated",
                id="who",
                compact=True,
                suggester=NamesSuggester(self.labels.values()),
            ),
        )
        yield (
            "Kind",
            FormSelect(
                [(k, k) for k in KINDS], value=self.kind, allow_blank=False, id="kind", compact=True
            ),
        )
        yield "Note", FormInput(self.note, placeholder="what it was about", id="note", compact=True)
        yield (
            "Follow up",
            FormInput(
                placeholder="optional: +3d, friday, 2026-12-01", id="follow-up", compact=True
            ),
        )
        yield (
            "When",
            FormInput(
                "today", placeholder="today, yesterday, -3d, 2026-11-18", id="day", compact=True
            ),
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        """Say which day a typed follow-up (or touch) date means, as the snooze dialog does."""
        if event.input.id not in ("follow-up", "day"):
            return
        text = event.value.strip()
        if not text or (event.input.id == "day" and text == "today"):
            self.show_error("")
            return
        future = event.input.id == "follow-up"
        try:
            day = parse_date_relative(text, self.today, future=future)
        except InputError:
            self.show_error("")
            return
        what = "follow up" if future else "touch on"
        self.show_error(f"{what} {day:%A %-d %B %Y} ({ago(day, self.today)})")

    def initial_focus(self) -> Widget | None:
        """The names if empty, else the note."""
        return self.query_one("#note" if self.who else "#who", Input)

    def result(self) -> LogRequest:
        """Check the names and dates."""
        people = parse_names(self.query_one("#who", Input).value, self.contacts)
        kind = str(self.query_one("#kind", Select).value)
        note = self.query_one("#note", Input).value.strip()
        day_text = self.query_one("#day", Input).value.strip() or "today"
        day = parse_date_relative(day_text, self.today, future=False)
        if day > self.today:
            raise InputError(f"touch date {day.isoformat()} is in the future; use today or earlier")
        fu_text = self.query_one("#follow-up", Input).value.strip()
        follow_up = parse_date_relative(fu_text, self.today, future=True) if fu_text else None
        if follow_up is not None and follow_up < day:
            raise InputError(f"follow-up {follow_up.isoformat()} is before the touch itself")
        label = ", ".join(self.labels[c.uid] for c in people)
        return LogRequest(tuple(c.uid for c in people), kind, note, follow_up, day, label)
