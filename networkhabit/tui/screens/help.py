"""`?`: every key on one page."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.widgets import Static

from networkhabit.tui.widgets.ahead import planned_room
from networkhabit.tui.widgets.collector import CollectorHeld
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


class HelpScreen(CollectorHeld, QuickModal[None]):
    """The keys (the collector held off until they have shown: :class:`CollectorHeld`)."""

    #: Its part of the app's CSS (see :mod:`networkhabit.tui.sheets`).
    SHEET = """
    #help { width: 84; height: 90%; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,question_mark", "close", "Close")]

    #: Whether the key table was found taller than its box before the first layout, so that
    #: its scroller starts with the scrollbar (see :meth:`on_mount`); None until then.
    _scrollbar_ahead: bool | None = None

    @property
    def SETTLE(self) -> bool:  # type: ignore[override]  # (QuickScreen's hook)
        """It settles with its first frame when that frame had the scrollbar it keeps.
        Textual's scroller learns from its first layout whether the table overflows it; if
        it did not start with the scrollbar it ends with, the text is wrapped again at the
        width that leaves, and that takes Textual's further passes."""
        scroller = self.query(VerticalScroll)
        return bool(scroller) and scroller.first().show_vertical_scrollbar == self._scrollbar_ahead

    def compose(self) -> ComposeResult:
        """One scrollable box."""
        self._hold_collector()
        with Vertical(classes="dialog", id="help"):
            yield Static("Keys", classes="dialog-title")
            with VerticalScroll():
                yield Wrapped(id="help-text")

    def on_mount(self) -> None:
        """Fill in the keys (wrapped to the dialog's width), the scroller starting with its
        scrollbar if the table will not fit: its first layout then wraps the text at the
        width it keeps (else the scrollbar appears after it, and the text is laid out and
        painted twice more)."""
        text = self.query_one("#help-text", Wrapped)
        text.set_lines(help_lines())
        scroller = self.query_one(VerticalScroll)
        self._scrollbar_ahead = self._overflows(scroller, text)
        scroller.show_vertical_scrollbar = self._scrollbar_ahead

    def _overflows(self, scroller: VerticalScroll, text: Wrapped) -> bool:
        """Whether the text, wrapped beside a scrollbar, is taller than the scroller will be
        at the app's size (:func:`~networkhabit.tui.widgets.ahead.planned_room`; a wrong
        guess costs only the passes it would have cost anyway)."""
        room = planned_room(scroller)
        if room is None:
            return False
        screen = Size(*self.app.size)
        return text.get_content_height(screen, screen, room.width) > room.height

    def action_close(self) -> None:
        """Back to where you were."""
        self.dismiss()
