"""Text that wraps with a hanging indent, and a Static that re-wraps itself when resized."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from textual.content import Content
from textual.events import Resize
from textual.widgets import Static

#: Builds a widget's content for a given width.
Builder = Callable[[int], Content]


class Hang:
    """A line to wrap with a hanging indent: a styled prefix, then plain text in one style."""

    __slots__ = ("body", "indent", "prefix", "style")

    def __init__(
        self, prefix: Content | str, body: str, style: str = "", indent: int | None = None
    ) -> None:
        self.prefix = prefix
        self.body = body
        self.style = style
        self.indent = indent

    def render(self, width: int) -> Content:
        """The line wrapped to ``width``."""
        return hanging(self.prefix, self.body, self.style, width, self.indent)


#: What :func:`render_lines` takes: ready Content (shown as is) or a :class:`Hang`.
Line = Content | Hang


def render_lines(lines: list[Line], width: int) -> Content:
    """All lines, the :class:`Hang` ones wrapped to ``width``."""
    return Content("\n").join(
        line.render(width) if isinstance(line, Hang) else line for line in lines
    )


def hanging(
    prefix: Content | str, body: str, style: str, width: int, indent: int | None = None
) -> Content:
    """``prefix`` then ``body`` wrapped to ``width``; continuation lines indented to line up
    under the body (or by ``indent`` cells)."""
    head = prefix if isinstance(prefix, Content) else Content(prefix)
    first_pad = head.cell_length
    pad = first_pad if indent is None else indent
    width = max(width, first_pad + 10, pad + 10)
    lines = textwrap.wrap(
        body,
        width,
        initial_indent=" " * first_pad,
        subsequent_indent=" " * pad,
        break_long_words=True,
        break_on_hyphens=False,
    ) or [" " * first_pad]
    first = Content.assemble(head, (lines[0][first_pad:], style))
    rest = [Content.assemble(" " * pad, (line[pad:], style)) for line in lines[1:]]
    return Content("\n").join([first, *rest])


class Wrapped(Static):
    """A Static whose content is rebuilt for its width (so long lines wrap with an indent)."""

    def __init__(self, text: Content | str = "", *, id: str | None = None) -> None:
        super().__init__(text, id=id)
        self._builder: Builder | None = None
        self._built_for = -1

    def set_content(self, content: Content) -> None:
        """Show fixed content (wrapped the usual way, no hanging indent)."""
        self._builder = None
        self.update(content)

    def set_lines(self, lines: list[Line]) -> None:
        """Show these lines, wrapped to the width."""
        self.set_builder(lambda width: render_lines(lines, width))

    def set_builder(self, builder: Builder) -> None:
        """Show what ``builder`` makes for the current width (and again on every resize)."""
        self._builder = builder
        self._built_for = -1
        self._rebuild()

    def on_resize(self, event: Resize) -> None:
        """Re-wrap for the new width."""
        self._rebuild()

    def _rebuild(self) -> None:
        width = self.content_size.width or self.size.width
        if self._builder is None or width <= 0 or width == self._built_for:
            return
        self._built_for = width
        self.update(self._builder(width))
