"""A small form dialog: a title, labelled fields, a line for errors, OK and Cancel.

Subclasses give the fields (:meth:`fields`) and turn them into a result (:meth:`result`),
raising :class:`~networkhabit.domain.errors.InputError` for bad input: the message is shown
in the dialog, which stays open. Enter in a field or the OK button submits; escape cancels.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar, Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Static


class FormScroll(VerticalScroll, can_focus=False):
    """Scrolls a long form on a small terminal; the fields take the focus, not the scroller."""


from networkhabit.domain.errors import InputError
from networkhabit.domain.safe import refuse_controls
from networkhabit.tui.widgets.collector import CollectorHeld
from networkhabit.tui.widgets.form import FormButton
from networkhabit.tui.widgets.modal import QuickModal

R = TypeVar("R")


def form_labels(labels: list[str]) -> Label:
    """The form's labels in one widget: the grid's first column, a label per row (it spans
    them all, each field taking the second column of its row in turn) — as a label per row
    shows them, at a widget for the lot instead of one each (every widget costs its share
    of the dialog's opening). A label is not wrapped: a grid row is one line high."""
    lines = Content("\n").join(Content.from_markup(label) for label in labels)
    text = Label(lines, classes="form-label")  # (a class added later would restyle it)
    text.styles.row_span = len(labels)
    text.styles.text_wrap = "nowrap"
    text.styles.text_overflow = "clip"
    return text


class FormDialog(CollectorHeld, QuickModal[R | None], Generic[R]):
    """A modal form returning ``R`` (or None when cancelled); it opens as :class:`QuickModal`,
    the collector held off until it has shown (:class:`CollectorHeld`)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        # Priority bindings run as the key is read, before the next key is handed to the
        # focused field: keys typed quickly after Tab land in the field Tab moved to.
        Binding("tab", "app.focus_next", "Next field", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", "Previous field", show=False, priority=True),
        # Enter on a checkbox saves, as in a text field (space ticks it).
        Binding("enter", "submit_checkbox", "Save", show=False, priority=True),
    ]
    TITLE_TEXT = ""
    OK_LABEL = "OK"
    #: No automatic focus: Textual's would focus the first field as the dialog is composed,
    #: and :meth:`on_mount` would then move it to :meth:`initial_focus` — each move restyles
    #: the field it leaves and the one it enters (three restyles where one does).
    AUTO_FOCUS = ""

    def compose(self) -> ComposeResult:
        self._hold_collector()
        with Vertical(classes="dialog"):
            yield Label(self.TITLE_TEXT, classes="dialog-title")
            yield from self.intro()
            with FormScroll(classes="form-scroll"), Grid(classes="form"):
                rows = list(self.fields())
                if rows:
                    yield form_labels([label for label, _ in rows])
                    for _, widget in rows:
                        yield widget
            yield Static("", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield FormButton(self.OK_LABEL, variant="primary", id="ok", compact=True)
                yield FormButton("Cancel", id="cancel", compact=True)

    def on_mount(self) -> None:
        """Start where typing is needed — focused now, so the first frame shows it there
        (``widget.focus()`` would focus it only after that frame, and paint it again)."""
        widget = self.initial_focus()
        if widget is None:  # as Textual's automatic focus would: the first that takes it
            widget = next((w for w in self.query("*") if w.focusable), None)
        if widget is not None:
            self.set_focus(widget)

    def initial_focus(self) -> Widget | None:
        """The field to start in (the first text field unless overridden)."""
        inputs = self.query(Input)
        return inputs.first() if inputs else None

    def intro(self) -> Iterable[Widget]:
        """Widgets above the fields (a hint, say)."""
        return ()

    def fields(self) -> Iterable[tuple[str, Widget]]:
        """(label, widget) pairs, in order."""
        return ()

    def result(self) -> R:
        """The result from the fields; raise InputError for bad input."""
        raise NotImplementedError

    def show_error(self, message: str) -> None:
        """Show a problem with the input (the dialog stays open); the same text again changes
        nothing (an update lays the dialog out again: the line may wrap)."""
        line = self.query_one(".dialog-error", Static)
        if line.content != message:
            line.update(message)

    def submit(self) -> None:
        """Validate; close with the result, or show what is wrong."""
        try:
            for field in self.query(Input):  # typed or pasted: no control characters, no floods
                what = (field.id or "the field").removeprefix("f-")
                refuse_controls(field.value, what, multiline=what in ("note", "notes"))
            value = self.result()
        except InputError as exc:
            self.show_error(str(exc))
            return
        self.dismiss(value)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter submits from a checkbox only (elsewhere it does what the field does)."""
        if action == "submit_checkbox":
            return isinstance(self.focused, Checkbox)
        return True

    def action_submit_checkbox(self) -> None:
        """Enter on a checkbox: save the form."""
        self.submit()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in any field submits the form."""
        event.stop()
        self.submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """OK submits, Cancel closes."""
        event.stop()
        if event.button.id == "ok":
            self.submit()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        """Close without a result."""
        self.dismiss(None)
