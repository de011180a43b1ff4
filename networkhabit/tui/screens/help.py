"""`?`: every key on one page."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from networkhabit.tui.widgets.modal import QuickModal
from networkhabit.tui.widgets.text import Hang, Line, Wrapped

SECTIONS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Anywhere",
        (
            ("t c w n", "Today · Contacts · Review (the week) · Network"),
            ("u", "undo the last change"),
            ("ctrl+p", "command palette: jump to a contact, add, log, switch screen, theme"),
            ("?", "this help"),
            ("q", "quit"),
            ("escape", "close a dialog / leave a text field"),
        ),
    ),
    (
        "Today",
        (
            (
                "space",
                "do the item: tick the habit, log the follow-up or the touch, make the intro",
            ),
            ("space", "on a ticked habit: take its last check-in back"),
            ("+", "how many to add to a habit's count (space adds one)"),
            ("l", "log a touch: kind, note, follow-up date"),
            ("s", "snooze the contact · move the follow-up · skip the habit today"),
            ("a e", "add a habit · edit the habit (name, target, days, what it counts)"),
            ("x", "archive the habit or the contact (u brings it back)"),
            ("b", "plan a break: every streak pauses (ctrl+p → Breaks ends one early)"),
            ("enter", "open the item's contact"),
        ),
    ),
    (
        "Contacts",
        (
            ("/", "filter as you type (name, company, tag, topic, status)"),
            ("enter", "open the contact: details, timeline, who they know, warm paths"),
            ("a e l", "add · edit · log a touch"),
            ("x", "archive (u brings them back)"),
            ("s", "snooze (on a contact's page)"),
            ("k r", "on a contact's page: link someone they know · remove a link"),
            ("M", "on a contact's page: merge a duplicate into them"),
            ("D", "on a contact's page: delete them for good (asks first; u undoes)"),
        ),
    ),
    ("Review", (("[ ]", "previous / next week"),)),
    (
        "Network",
        (
            ("/", "type a person or company: warm paths to them"),
            ("enter", "on a warm path: ask for the introduction (a draft message to copy)"),
            ("m", "make the selected give-first introduction"),
        ),
    ),
    ("Dates", (("", "today, yesterday, -3d, +1w, friday, 2026-12-24"),)),
)


def help_lines() -> list[Line]:
    """The key table: keys on the left, what they do wrapped beside them."""
    lines: list[Line] = []
    for title, rows in SECTIONS:
        if lines:
            lines.append(Content(""))
        lines.append(Content.from_markup("[b $text-accent]$t[/]", t=title))
        for keys, what in rows:
            lines.append(Hang(Content.styled(f"  {keys:<9}", "b"), what))
    return lines


class HelpScreen(QuickModal[None]):
    """The keys."""

    #: Its part of the app's CSS (see :mod:`networkhabit.tui.sheets`).
    SHEET = """
    #help { width: 84; height: 90%; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,question_mark", "close", "Close")]
    #: The key table is painted whole only by Textual's second pass (its scroller learns the
    #: table's height from the first): it does not settle with its first frame.
    SETTLE = False

    def compose(self) -> ComposeResult:
        """One scrollable box."""
        with Vertical(classes="dialog", id="help"):
            yield Static("Keys", classes="dialog-title")
            with VerticalScroll():
                yield Wrapped(id="help-text")

    def on_mount(self) -> None:
        """Fill in the keys (wrapped to the dialog's width)."""
        self.query_one("#help-text", Wrapped).set_lines(help_lines())

    def action_close(self) -> None:
        """Back to where you were."""
        self.dismiss()
