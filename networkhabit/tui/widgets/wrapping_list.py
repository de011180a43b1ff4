"""An OptionList whose prompts are built for its width, so long lines wrap with an indent."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual import events
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from networkhabit.tui.widgets.text import Line, render_lines


@dataclass(frozen=True)
class Entry:
    """One option: its id, its lines, and whether the cursor can land on it."""

    id: str
    lines: tuple[Line, ...]
    disabled: bool = False


class WrappingList(OptionList):
    """Options rebuilt on every resize; the cursor stays on the same option id.
    A click moves the cursor; a double click (or enter) selects."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._entries: list[Entry | None] = []
        self._width = -1

    @property
    def highlighted_id(self) -> str | None:
        """The id of the option under the cursor."""
        if self.highlighted is None or self.highlighted >= self.option_count:
            return None
        return self.get_option_at_index(self.highlighted).id

    def set_entries(self, entries: Sequence[Entry | None], keep: str | None = None) -> None:
        """Show these entries (None = a separator), the cursor on ``keep`` if given."""
        old_id, old_index = keep or self.highlighted_id, self.highlighted
        self._entries = list(entries)
        self._rebuild(old_id, old_index)

    def on_resize(self, event: events.Resize) -> None:
        """Wrap again for the new width."""
        if self._content_width() != self._width:
            self._rebuild(self.highlighted_id, self.highlighted)

    def _content_width(self) -> int:
        # Room for a vertical scrollbar is always kept: it may appear after the wrap.
        bar = 0 if self.show_vertical_scrollbar else self.styles.scrollbar_size_vertical
        return max(20, self.scrollable_content_region.width - bar - 1)

    def _rebuild(self, keep_id: str | None, keep_index: int | None) -> None:
        width = self._width = self._content_width()
        options: list[Option | None] = []
        target = None
        for entry in self._entries:
            if entry is None:
                options.append(None)
                continue
            if keep_id is not None and entry.id == keep_id:
                target = len(options)
            options.append(
                Option(render_lines(list(entry.lines), width), id=entry.id, disabled=entry.disabled)
            )
        self.set_options(options)
        if target is None and keep_index is not None:
            target = min(keep_index, self.option_count - 1)
        self._highlight_enabled(max(0, target or 0))

    def _highlight_enabled(self, index: int) -> None:
        """The cursor on the first selectable option at or after ``index`` (else before it)."""
        order = list(range(index, self.option_count)) + list(range(index - 1, -1, -1))
        for i in order:
            if not self.get_option_at_index(i).disabled:
                self.highlighted = i
                return
        self.highlighted = None

    async def _on_click(self, event: events.Click) -> None:
        """A click puts the cursor on an option; a double click selects it."""
        clicked = event.style.meta.get("option")
        if clicked is not None and not self.get_option_at_index(clicked).disabled:
            self.highlighted = clicked
            if event.chain >= 2:
                self.action_select()
