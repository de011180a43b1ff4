"""Today's agenda as a list: a heading per kind, each item's title and detail, a cursor."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from networkhabit.domain.agenda import SECTION_TITLES, AgendaItem
from networkhabit.tui.widgets.text import Hang, Line, WrappedLines, hanging
from networkhabit.tui.widgets.wrapping_list import Entry, WrappingList


def progress_bar(done: int, target: int) -> str:
    """``▰▰▱`` for 2 of 3 (at most 10 cells)."""
    cells = min(10, max(1, target))
    full = min(cells, round(cells * done / max(1, target)))
    return "▰" * full + "▱" * (cells - full)


class HabitLine(Hang):
    """A habit: the title, its progress bar and ``1/3`` (``1/1 this week``) — on one line
    where it fits, else the bar and count on the next one, never split (80 columns)."""

    __slots__ = ("bar", "detail", "done")

    def __init__(self, title: str, bar: str, detail: str, done: bool) -> None:
        super().__init__("", title)
        self.bar = bar
        self.detail = detail
        self.done = done

    def render(self, width: int) -> Content:
        """One line if it fits ``width``, else two."""
        mark = ("✓ ", "b $text-success") if self.done else ("  ", "")
        title = (self.body, "$text-muted") if self.done else (self.body, "")
        bar = (self.bar, "$text-success" if self.done else "$text-accent")
        tail = Content.assemble(bar, " ", (self.detail, "$text-muted"))
        head = hanging(Content.assemble(mark), self.body, title[1], width, 4)
        if head.cell_length + 2 + tail.cell_length <= width and "\n" not in head.plain:
            return Content.assemble(head, "  ", tail)
        return Content.assemble(head, "\n    ", tail)


def item_lines(item: AgendaItem) -> tuple[Line, ...]:
    """The title, then the detail indented under it in muted colour."""
    if item.kind == "habit" and item.progress is not None:
        done, target = item.progress
        return (HabitLine(item.title, progress_bar(done, target), item.detail, item.done),)
    if item.kind == "more":  # the rest of the section above
        return (
            Content.assemble(
                "  ",
                (item.title, "b"),
                (
                    "  all in Neglected →" if item.ref == "neglected" else "  enter shows them all",
                    "$text-muted",
                ),
            ),
        )
    title = Hang("  ", item.title, indent=4)
    if not item.detail:
        return (title,)
    return (title, Hang("    ", item.detail, "$text-muted"))


class AgendaList(WrappingList):
    """The agenda; ``selected_item`` is the item under the cursor."""

    DEFAULT_CSS = """
    AgendaList { height: 1fr; scrollbar-gutter: stable; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[AgendaItem] = []
        self._keys: list[str] = []

    @property
    def selected_item(self) -> AgendaItem | None:
        """The agenda item under the cursor, if any."""
        key = self.highlighted_id
        return None if key is None else self.item_of(key)

    def item_of(self, key: str) -> AgendaItem | None:
        """The item shown with option id ``key`` (None: not shown, or no longer)."""
        if key not in self._keys:
            return None
        return self.items[self._keys.index(key)]

    def change(self, key: str, item: AgendaItem | None) -> bool:
        """Show one item's change in place — None: it is gone — leaving the rest of the list
        as it is; False if that cannot be done (the caller shows the whole list)."""
        if key not in self._keys or self.filling:
            return False
        n = self._keys.index(key)
        if item is None:
            kind = self.items[n].kind
            if sum(1 for it in self.items if it.kind == kind) == 1:
                return False  # its section goes too: the whole list is shown again
            at = self.highlighted
            del self.items[n], self._keys[n]
            self._entries = [e for e in self._entries if e is None or e.id != key]
            self._built = len(self._entries)
            self.remove_option(key)
            if at is not None and self.option_count:
                self._highlight_enabled(min(at, self.option_count - 1))
            return True
        self.items[n] = item
        lines = item_lines(item)
        self._entries = [
            Entry(key, lines) if e is not None and e.id == key else e for e in self._entries
        ]
        self.replace_prompt(key, WrappedLines(lines, self._wrap_width))
        return True

    def _in_place(self, new: list[AgendaItem]) -> bool:
        """Whether ``new`` is what is shown, or it with one item changed or gone — then
        shown so, in place."""
        old = self.items
        if not old or self.filling or abs(len(old) - len(new)) > 1 or len(new) > len(old):
            return False
        if new == old:
            return True
        n = next(k for k, (a, b) in enumerate(zip(old, [*new, None])) if a != b)
        if len(new) < len(old):
            return old[:n] + old[n + 1 :] == new and self.change(self._keys[n], None)
        a, b = old[n], new[n]
        same = (a.kind, a.ref, a.contacts, a.title) == (b.kind, b.ref, b.contacts, b.title)
        return same and old[n + 1 :] == new[n + 1 :] and self.change(self._keys[n], b)

    def show(self, items: Sequence[AgendaItem], empty_text: str) -> None:
        """Replace the items, keeping the cursor on the same item (or the same place); the
        same items as shown (say, a change shown in place, now written) are left as they are."""
        if self._in_place(list(items)):
            return
        self.items = list(items)
        self._keys = []
        entries: list[Entry | None] = []
        heads: set[str] = set()
        heading = None
        for n, item in enumerate(self.items):
            if item.kind != heading and item.kind != "more":
                heading = item.kind
                if entries:
                    entries.append(None)
                title = SECTION_TITLES.get(item.kind, item.kind)
                # By kind (kept as the list is set again), by place if a kind comes back.
                head = f"head-{item.kind}" if f"head-{item.kind}" not in heads else f"head-{n}"
                heads.add(head)
                entries.append(
                    Entry(
                        head,
                        (Content.from_markup("[b $text-secondary]$h[/]", h=title),),
                        disabled=True,
                        shows=title,
                    )
                )
            key = f"{item.kind}:{item.ref}:{','.join(item.contacts)}:{item.title}"
            if item.done:  # a new id once ticked: the cursor stays in place, on the next item
                key += ":done"
            if key in self._keys:
                key += f"#{n}"
            self._keys.append(key)
            entries.append(Entry(key, item_lines(item), shows=item))
        if not entries:
            entries.append(
                Entry(
                    "empty",
                    (Content.from_markup("[$text-muted]$t[/]", t=empty_text),),
                    disabled=True,
                )
            )
        self.set_entries(entries)
