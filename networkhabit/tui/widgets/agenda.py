"""Today's agenda as a list: a heading per kind, each item's title and detail, a cursor."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from networkhabit.domain.agenda import SECTION_TITLES, AgendaItem
from networkhabit.tui.widgets.text import Hang, Line
from networkhabit.tui.widgets.wrapping_list import Entry, WrappingList


def progress_bar(done: int, target: int) -> str:
    """``▰▰▱`` for 2 of 3 (at most 10 cells)."""
    cells = min(10, max(1, target))
    full = min(cells, round(cells * done / max(1, target)))
    return "▰" * full + "▱" * (cells - full)


def item_lines(item: AgendaItem) -> tuple[Line, ...]:
    """The title, then the detail indented under it in muted colour."""
    if item.kind == "habit" and item.progress is not None:
        done, target = item.progress
        return (
            Content.assemble(
                "  ",
                item.title,
                "  ",
                (progress_bar(done, target), "$text-accent"),
                " ",
                (item.detail, "$text-muted"),
            ),
        )
    if item.kind == "more":  # the rest of the section above
        return (
            Content.assemble("  ", (item.title, "b"), ("  enter shows them all", "$text-muted")),
        )
    title = Hang("  ", item.title, indent=4)
    if not item.detail:
        return (title,)
    return (title, Hang("    ", item.detail, "$text-muted"))


class AgendaList(WrappingList):
    """The agenda; ``selected_item`` is the item under the cursor."""

    DEFAULT_CSS = """
    AgendaList { height: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[AgendaItem] = []
        self._keys: list[str] = []

    @property
    def selected_item(self) -> AgendaItem | None:
        """The agenda item under the cursor, if any."""
        key = self.highlighted_id
        if key is None or key not in self._keys:
            return None
        return self.items[self._keys.index(key)]

    def show(self, items: Sequence[AgendaItem], empty_text: str) -> None:
        """Replace the items, keeping the cursor on the same item (or the same place)."""
        self.items = list(items)
        self._keys = []
        entries: list[Entry | None] = []
        heading = None
        for n, item in enumerate(self.items):
            if item.kind != heading and item.kind != "more":
                heading = item.kind
                if entries:
                    entries.append(None)
                entries.append(
                    Entry(
                        f"head-{n}",
                        (
                            Content.from_markup(
                                "[b $text-secondary]$h[/]",
                                h=SECTION_TITLES.get(item.kind, item.kind),
                            ),
                        ),
                        disabled=True,
                    )
                )
            key = f"{item.kind}:{item.ref}:{','.join(item.contacts)}:{item.title}"
            if key in self._keys:
                key += f"#{n}"
            self._keys.append(key)
            entries.append(Entry(key, item_lines(item)))
        if not entries:
            entries.append(
                Entry(
                    "empty",
                    (Content.from_markup("[$text-muted]$t[/]", t=empty_text),),
                    disabled=True,
                )
            )
        self.set_entries(entries)
