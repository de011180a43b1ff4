"""A contacts table that renders only the rows on screen, so 5,000 contacts cost nothing.

Textual's DataTable measures every cell of every row it is given (over a second for
5,000 rows); this one keeps plain row tuples and draws the visible lines on demand with
the Line API. Colours come from component classes styled with theme variables.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from networkhabit.domain.safe import terminal_safe


@dataclass(frozen=True, slots=True)
class ContactRow:
    """One contact as the table shows it."""

    uid: str
    name: str
    company: str
    tags: str
    last: str
    status: str  # contacts.status(): red, yellow, due, ok, none, prospect, snoozed, archived
    status_text: str


#: Column titles, and the share of the free width the first three get (the last two are fixed).
COLUMNS = ("Name", "Company", "Tags", "Last contact", "Status")
FIXED = (14, 18)
SHARES = (0.38, 0.32, 0.30)


def column_widths(width: int) -> list[int]:
    """Widths of the five columns for a table ``width`` cells wide (one space between)."""
    free = max(30, width - sum(FIXED) - len(COLUMNS))
    widths = [max(8, int(free * share)) for share in SHARES]
    widths[0] += free - sum(widths)
    return widths + list(FIXED)


def fit(text: str, width: int) -> str:
    """``text`` cut (with an ellipsis) or padded to exactly ``width`` cells (its control
    characters shown visibly)."""
    text = terminal_safe(text, keep_layout=False)
    if len(text) > width:
        return text[: max(0, width - 1)] + "…"
    return text.ljust(width)


class ContactTable(ScrollView, can_focus=True):
    """The contacts, one line each; up/down/page keys move the cursor, enter opens."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "contact-table--header",
        "contact-table--cursor",
        "contact-table--muted",
        "contact-table--red",
        "contact-table--yellow",
        "contact-table--due",
        "contact-table--ok",
        "contact-table--prospect",
    }
    DEFAULT_CSS = """
    ContactTable { height: 1fr; overflow-x: hidden; }
    ContactTable > .contact-table--header { text-style: bold; color: $text-primary;
                                            background: $boost; }
    ContactTable > .contact-table--cursor { background: $block-cursor-blurred-background; }
    ContactTable:focus > .contact-table--cursor { background: $block-cursor-background;
                                                  color: $block-cursor-foreground;
                                                  text-style: bold; }
    ContactTable > .contact-table--muted { color: $text-muted; }
    ContactTable > .contact-table--red { color: $text-error; text-style: bold; }
    ContactTable > .contact-table--yellow { color: $text-warning; }
    ContactTable > .contact-table--due { color: $text-accent; }
    ContactTable > .contact-table--ok { color: $text-success; }
    ContactTable > .contact-table--prospect { color: $text-secondary; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
        Binding("enter", "select", "Open", show=False),
    ]

    class Selected(Message):
        """Enter (or a double click) on a row."""

        def __init__(self, uid: str) -> None:
            super().__init__()
            self.uid = uid

    #: Index of the row under the cursor.
    cursor: reactive[int] = reactive(0, always_update=True)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[ContactRow] = []
        self.empty_text = "reading…"

    # -- data ------------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[ContactRow], keep_uid: str | None = None) -> None:
        """Show these rows, keeping the cursor on ``keep_uid`` if it is still there."""
        self.rows = list(rows)
        # No width: the columns share whatever width there is (nothing scrolls sideways), so
        # a resize is only a repaint, not a second layout after the first frame.
        self.virtual_size = Size(0, len(self.rows) + 1)
        index = 0
        if keep_uid is not None:
            index = next((n for n, r in enumerate(self.rows) if r.uid == keep_uid), 0)
        self.cursor = index
        self.refresh()

    def change_row(self, row: ContactRow) -> bool:
        """Show ``row`` in place of the row with its uid (False: not shown)."""
        for n, shown in enumerate(self.rows):
            if shown.uid == row.uid:
                self.rows[n] = row
                self.refresh()
                return True
        return False

    @property
    def current(self) -> ContactRow | None:
        """The row under the cursor."""
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    # -- cursor ----------------------------------------------------------------------------------
    def validate_cursor(self, value: int) -> int:
        """Keep the cursor on a row."""
        return max(0, min(value, len(self.rows) - 1))

    def watch_cursor(self, value: int) -> None:
        """Scroll so the cursor row is visible."""
        visible = max(1, self.size.height - 1)
        top = int(self.scroll_offset.y)
        if value < top:
            self.scroll_to(y=value, animate=False, immediate=True)
        elif value >= top + visible:
            self.scroll_to(y=value - visible + 1, animate=False, immediate=True)
        self.refresh()

    def action_move(self, delta: int) -> None:
        """Up or down one row."""
        self.cursor += delta

    def action_page(self, direction: int) -> None:
        """Up or down one screenful."""
        self.cursor += direction * max(1, self.size.height - 2)

    def action_jump(self, index: int) -> None:
        """To the first (0) or last (-1) row."""
        self.cursor = len(self.rows) - 1 if index < 0 else index

    def action_select(self) -> None:
        """Open the contact under the cursor."""
        row = self.current
        if row is not None:
            self.post_message(self.Selected(row.uid))

    def on_click(self, event: events.Click) -> None:
        """Click: cursor to the row; double click: open it."""
        if event.y == 0:
            return
        index = int(self.scroll_offset.y) + event.y - 1
        if 0 <= index < len(self.rows):
            self.cursor = index
            if event.chain >= 2:
                self.action_select()

    # -- drawing ---------------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        """The header on the first line, then the rows scrolled into view."""
        width = self.scrollable_content_region.width or self.size.width
        widths = column_widths(width)
        if y == 0:
            style = self.get_component_rich_style("contact-table--header")
            text = " ".join(fit(title, w) for title, w in zip(COLUMNS, widths, strict=True))
            return Strip([Segment(fit(text, width), style)], width)
        index = int(self.scroll_offset.y) + y - 1
        if index >= len(self.rows):
            if index == 0:
                muted = self.get_component_rich_style("contact-table--muted")
                return Strip([Segment(fit(f" {self.empty_text}", width), muted)], width)
            return Strip.blank(width, self.rich_style)
        return self._row_strip(self.rows[index], widths, width, index == self.cursor)

    def _row_strip(self, row: ContactRow, widths: list[int], width: int, is_cursor: bool) -> Strip:
        base = self.rich_style
        muted = self.get_component_rich_style("contact-table--muted", partial=True)
        status = self.get_component_rich_style(
            f"contact-table--{_status_class(row.status)}", partial=True, default=Style()
        )
        cells: list[tuple[str, Style]] = [
            (row.name, Style()),
            (row.company, muted),
            (row.tags, muted),
            (row.last, Style()),
            (row.status_text, status),
        ]
        cursor = (
            self.get_component_rich_style("contact-table--cursor", partial=True)
            if is_cursor
            else None
        )
        segments: list[Segment] = []
        used = 0
        for n, ((text, style), w) in enumerate(zip(cells, widths, strict=True)):
            if n:
                segments.append(Segment(" ", base + cursor if cursor else base))
                used += 1
            cell_style = base + style
            if cursor is not None:
                cell_style = cell_style + cursor
            segments.append(Segment(fit(text, w), cell_style))
            used += w
        if used < width:
            segments.append(Segment(" " * (width - used), base + cursor if cursor else base))
        return Strip(segments, width).crop(0, width)


def _status_class(status: str) -> str:
    if status in ("red", "yellow", "due", "ok", "prospect"):
        return status
    return "muted"
