"""Contacts: every contact in a table, a filter as you type, and add / edit / log / open."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Static

from networkhabit.domain import contacts as rules
from networkhabit.domain.names import fold
from networkhabit.domain.wording import ago, count, span
from networkhabit.tui import flows
from networkhabit.tui.data import Loaded
from networkhabit.tui.screens.base import DataScreen
from networkhabit.tui.widgets.contact_table import ContactRow, ContactTable
from networkhabit.tui.widgets.modal import QuickScreen

if TYPE_CHECKING:
    from networkhabit.actions.changes import Builder

STATUS_TEXT = {
    "red": "past the limit",
    "yellow": "overdue",
    "due": "due today",
    "ok": "on track",
    "none": "no rhythm",
    "prospect": "prospect",
    "snoozed": "snoozed",
    "archived": "archived",
}


#: Up to this many contacts the rows are built on the UI thread, not in a worker.
BUILD_AT_ONCE = 1000


def status_text(status: str, overdue: int | None) -> str:
    """``overdue 3 weeks``, ``due today``, ``on track``, ``prospect`` …"""
    if status in ("red", "yellow") and overdue is not None:
        return f"overdue {span(overdue)}" + (" !" if status == "red" else "")
    return STATUS_TEXT.get(status, status)


def contact_rows(data: Loaded) -> list[tuple[ContactRow, str]]:
    """Every active contact as a table row, by name, with the text the filter searches."""
    today, stats, labels = data.today, data.stats, data.labels
    # Thousands of contacts share a few hundred distinct days and overdue spans: each is
    # put in words once.
    said_ago: dict[object, str] = {}
    said_status: dict[tuple[str, int | None], str] = {}
    out = []
    for c in sorted(
        data.snap.contacts, key=lambda c: (c.name.casefold(), c.company.casefold(), c.uid)
    ):
        if c.archived:
            continue
        status = rules.status(c, stats, today)
        s = stats.get(c.uid)
        last = "never"
        if s is not None and s.last is not None:
            last = said_ago.get(s.last) or said_ago.setdefault(s.last, ago(s.last, today))
        key = (status, rules.overdue_days(c, stats, today))
        text = said_status.get(key) or said_status.setdefault(key, status_text(*key))
        label = labels.get(c.uid, "?")
        row = ContactRow(c.uid, label, c.company, ", ".join(c.tags), last, status, text)
        hay = fold(
            " ".join(
                (label, c.company, c.title, c.email, c.notes, *c.tags, *c.needs, *c.offers, text)
            )
        )
        out.append((row, hay))
    return out


def matches(hay: str, words: list[str]) -> bool:
    """Every typed word occurs in the contact's text."""
    return all(w in hay for w in words)


class ContactsScreen(QuickScreen, DataScreen):
    """All contacts."""

    TAB = "contacts"
    #: Its part of the app's CSS (see :mod:`networkhabit.tui.sheets`).
    SHEET = """
    #filter { margin: 1 1 0 1; width: 1fr; }
    #contacts { margin: 1 1 0 1; }
    #contacts-bar { height: 1; padding: 0 1; }
    #contacts-summary { width: auto; }
    #contacts-hint { width: auto; margin-left: 3; color: $text-muted; }
    .-narrow #contacts-hint { display: none; }
    """

    #: The table has the keyboard from the start (not the filter above it first).
    AUTO_FOCUS = "#contacts"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", "Filter", key_display="/"),
        Binding("a", "add", "Add"),
        Binding("e", "edit", "Edit"),
        Binding("l", "log", "Log touch"),
        Binding(
            "x",
            "archive",
            "Archive",
            show=False,
            tooltip="Archive the contact (u brings them back)",
        ),
        Binding("escape", "leave_filter", "Table", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._all: list[tuple[ContactRow, str]] = []

    def compose(self) -> ComposeResult:
        """Filter, table, summary (filled already if the data is there)."""
        self._filter = Input(
            placeholder="/ filter: name, company, tag, topic, status…", id="filter", compact=True
        )
        self._table = ContactTable(id="contacts")
        self._summary = Static("", id="contacts-summary")
        self.fill_first()
        yield from self.compose_top()
        yield self._filter
        yield self._table
        with Horizontal(id="contacts-bar"):
            yield self._summary
            # The hint gives way below 100 columns (the footer has / Filter).
            yield Static("enter opens · / filters", id="contacts-hint")

    def on_mount(self) -> None:
        """The table has the keyboard."""
        self._table.focus()

    def show(self, data: Loaded) -> None:
        """Show the rows worked out with the load, else build them: at once for a few hundred
        contacts (a few milliseconds), in a worker for more."""
        rows = data.views.get("contacts")
        if rows is None and len(data.snap.contacts) <= BUILD_AT_ONCE:
            rows = contact_rows(data)
        if rows is not None:
            self._fill(rows)
            return
        self.nh.background(lambda: contact_rows(data), self._fill, group="contacts-view")

    def _fill(self, rows: list[tuple[ContactRow, str]]) -> None:
        self._all = rows
        self.apply_filter()

    def apply_filter(self) -> None:
        """Show the rows matching the filter text."""
        table = self._table
        current = table.current
        words = fold(self._filter.value).split()
        shown = (
            [row for row, hay in self._all if matches(hay, words)]
            if words
            else [r for r, _ in self._all]
        )
        table.empty_text = "no contacts match" if words else "no contacts yet — press a to add one"
        table.set_rows(shown, current.uid if current else None)
        counts = {k: sum(1 for r in shown if r.status == k) for k in ("red", "yellow", "due")}
        total = (
            f"{len(shown):,} of {count(len(self._all), 'contact')}"
            if words
            else count(len(shown), "contact")
        )
        self._summary.update(
            Content.assemble(
                (total, "b"),
                "  ",
                (f"{counts['red']} past the limit", "$text-error"),
                " · ",
                (f"{counts['yellow']} overdue", "$text-warning"),
                " · ",
                (f"{counts['due']} due today", "$text-accent"),
            )
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        """Filter as you type."""
        if event.input.id == "filter":
            self.apply_filter()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the filter goes to the table."""
        if event.input.id == "filter":
            self.set_focus(self.query_one(ContactTable))

    def on_contact_table_selected(self, event: ContactTable.Selected) -> None:
        """Open the contact."""
        self.nh.open_contact(event.uid)

    # -- actions ---------------------------------------------------------------------------------
    def action_filter(self) -> None:
        """Focus the filter (at once: the keys typed right behind the ``/`` go there)."""
        self.set_focus(self.query_one("#filter", Input))

    def action_leave_filter(self) -> None:
        """Escape: back to the table (clearing the filter if the table already has focus)."""
        table = self.query_one(ContactTable)
        if table.has_focus:
            self.query_one("#filter", Input).value = ""
        self.set_focus(table)

    def action_add(self) -> None:
        """Add a contact."""
        flows.add_contact(self.nh)

    def action_edit(self) -> None:
        """Edit the contact under the cursor."""
        row = self.query_one(ContactTable).current
        if row is not None:
            flows.edit_contact(self.nh, row.uid)

    def action_log(self) -> None:
        """Log a touch with the contact under the cursor: once the dialog is submitted, the
        row shows it at once (the reload reconciles; a failed write puts the row back)."""
        row = self.query_one(ContactTable).current
        if row is None:
            flows.log_touch(self.nh)
            return

        def submit(build: Builder, done: str, about: tuple[str, ...]) -> None:
            if row.uid not in about or not self._write_row(build, row, done):
                self.nh.write(build)

        flows.log_touch(self.nh, (row.uid,), submit=submit)

    def _write_row(self, build: Builder, row: ContactRow, done: str) -> bool:
        """Write, the row showing ``done`` as its status until the reload shows the store."""
        table = self._table
        return self.write_ahead(
            build,
            f"contacts:{row.uid}",
            lambda: table.change_row(replace(row, status="ok", status_text=done)),
            self.apply_filter,  # the rows as the load has them
        )

    def action_archive(self) -> None:
        """Archive the contact under the cursor (an archived one: bring it back)."""
        row = self.query_one(ContactTable).current
        if row is not None:
            flows.archive_contact(self.nh, row.uid)
