"""Pick a later date: snooze a contact, or move a follow-up."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from textual.widget import Widget
from textual.widgets import Input, Static

from networkhabit.domain.dates import parse_date_relative
from networkhabit.domain.errors import InputError
from networkhabit.domain.wording import ago
from networkhabit.tui.dialogs.base import FormDialog
from networkhabit.tui.widgets.form import FormInput


class DateDialog(FormDialog[date]):
    """Modal: a date after today (typed as +2w, monday, 2026-12-24 …)."""

    OK_LABEL = "OK"

    def __init__(
        self, title: str, hint: str, today: date, default: str = "+2w", label: str = "Until"
    ) -> None:
        super().__init__()
        self.TITLE_TEXT = title
        self.hint = hint
        self.today = today
        self.default = default
        self.label = label

    def intro(self) -> Iterable[Widget]:
        """What the date is for."""
        yield Static(self.hint, classes="dialog-hint")

    def fields(self) -> Iterable[tuple[str, Widget]]:
        """The date."""
        yield (
            self.label,
            FormInput(
                self.default, placeholder="2w, +1m, monday, 2026-12-24", id="until", compact=True
            ),
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        """Say which day the typed text means."""
        try:
            day = parse_date_relative(event.value, self.today, future=True)
        except InputError:
            self.show_error("")
            return
        self.show_error(f"{day:%A %-d %B %Y} ({ago(day, self.today)})")

    def result(self) -> date:
        """A day after today."""
        day = parse_date_relative(self.query_one("#until", Input).value, self.today, future=True)
        if day <= self.today:
            raise InputError("pick a day after today")
        return day
