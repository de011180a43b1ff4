"""Text that wraps with a hanging indent, made for the width it is drawn at."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence

from rich.cells import cell_len
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import Static

from networkhabit.domain.safe import terminal_safe
from networkhabit.tui.widgets.safe_text import safe_content

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


class ForWidth(Visual):
    """Content made for the width it is drawn at, by ``build(width)``: made once per width
    (again after a resize), and made only when drawn or measured, so it can be set before
    the widget knows its width and the first frame shows it (a widget that made its content
    on its first resize would show a placeholder in that frame, and paint again after).
    ``wrap_width`` turns the width the visual is given into the width to build for (a list
    keeps room for a scrollbar that may appear)."""

    __slots__ = ("_build", "_made", "_wrap_width")

    def __init__(self, build: Builder, wrap_width: Callable[[int], int] | None = None) -> None:
        self._build = build
        self._wrap_width = wrap_width
        #: (build width, the content made for it, its number of lines, its widest in cells)
        self._made: tuple[int, Content, int, int] | None = None

    def content_for(self, width: int) -> Content:
        """The content for ``width``."""
        return self._at(width)[1]

    def _at(self, width: int) -> tuple[int, Content, int, int]:
        wrap = self._wrap_width(width) if self._wrap_width is not None else width
        got = self._made
        if got is None or got[0] != wrap:
            content = safe_content(self._build(wrap))
            rows = content.plain.split("\n")
            got = self._made = (wrap, content, len(rows), max(cell_len(r) for r in rows))
        return got

    def __str__(self) -> str:
        """The plain text (as last made; else for 80 cells)."""
        return (self._made[1] if self._made is not None else self._build(80)).plain

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        """Drawn as the content made for the width draws itself."""
        return self._at(width)[1].render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        """As the content's made for the container's width."""
        return self._at(container_width)[1].get_optimal_width(rules, container_width)

    def get_minimal_width(self, rules: RulesMap) -> int:
        """As the content's (as last made; else for 80 cells)."""
        content = self._made[1] if self._made is not None else self._build(80)
        return content.get_minimal_width(rules)

    def get_height(self, rules: RulesMap, width: int) -> int:
        """The number of lines made for ``width`` (counted, as they fit: no second wrap; if
        one is wider, as the content wraps it)."""
        _, content, lines, cells = self._at(width)
        if width - 2 * rules.get("line_pad", 0) >= cells:
            return lines
        return content.get_height(rules, width)


#: How a line is drawn: (the line, its place, the width, the style under it, the rules it is
#: drawn by).
LineKey = tuple[Content, int, int, Style, tuple[object, ...]]
#: The most lines a :class:`LineByLine` keeps drawn.
MAX_DRAWN = 2_000


class LineByLine(ForWidth):
    """:class:`ForWidth` drawn a line at a time, each line's strips kept in ``drawn`` (a
    dict the widget keeps across its updates): a panel shown again with one line changed
    draws that line only. Drawn as the whole content draws itself (its lines one by one);
    while text is selected in it, drawn whole. The widget clears ``drawn`` when its styles
    change (the theme's colours are in the strips)."""

    __slots__ = ("_drawn",)

    def __init__(self, build: Builder, drawn: dict[LineKey, list[Strip]]) -> None:
        super().__init__(build)
        self._drawn = drawn

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        """Each line's strips, drawn if not drawn before for this width, style and rules."""
        content = self._at(width)[1]
        if options.selection is not None or not width:
            return content.render_strips(width, height, style, options)
        get = options.rules.get
        rules = (
            get("text_align", "left"),
            get("text_overflow", "fold"),
            get("text_wrap", "wrap"),
            get("line_pad", 0),
            options.post_style,
        )
        drawn, strips = self._drawn, []
        for y, line in enumerate(content.split("\n", allow_blank=True)):
            key = (line, y, width, style, rules)
            got = drawn.get(key)
            if got is None:
                # Drawn as line ``y``: its segments carry their place in the content (text
                # selection reads it); the blank lines before it cost next to nothing.
                placed = Content("\n" * y) + line if y else line
                got = drawn[key] = placed.render_strips(width, None, style, options)[y:]
            strips.extend(got)
            if height is not None and len(strips) >= height:
                return strips[:height]
        if len(drawn) > MAX_DRAWN:
            drawn.clear()  # (lines of old updates: drawn again when they come back)
        return strips


class WrappedLines(ForWidth):
    """Lines (see :func:`render_lines`) wrapped for the width they are drawn at."""

    __slots__ = ()

    def __init__(
        self, lines: Sequence[Line], wrap_width: Callable[[int], int] | None = None
    ) -> None:
        kept = list(lines)
        super().__init__(lambda width: render_lines(kept, width), wrap_width)


#: What :func:`render_lines` takes: ready Content (shown as is) or a :class:`Hang`.
Line = Content | Hang


def render_lines(lines: list[Line], width: int) -> Content:
    """All lines, the :class:`Hang` ones wrapped to ``width``."""
    return Content("\n").join(
        line.render(width) if isinstance(line, Hang) else safe_content(line) for line in lines
    )


def hanging(
    prefix: Content | str, body: str, style: str, width: int, indent: int | None = None
) -> Content:
    """``prefix`` then ``body`` wrapped to ``width``; continuation lines indented to line up
    under the body (or by ``indent`` cells)."""
    head = safe_content(prefix if isinstance(prefix, Content) else Content(prefix))
    body = terminal_safe(body)  # text from the store: its control characters shown visibly
    first_pad = head.cell_length
    pad = first_pad if indent is None else indent
    width = max(width, first_pad + 10, pad + 10)
    if first_pad + len(body) <= width and _fits_as_is(body):
        return Content.assemble(head, (body, style))  # what textwrap makes of it, 10x faster
    return wrapped(head, body, style, width, pad)


def wrapped(head: Content, body: str, style: str, width: int, pad: int) -> Content:
    """:func:`hanging` without its one-line shortcut: textwrap every time (``width`` already
    widened as :func:`hanging` widens it)."""
    first_pad = head.cell_length
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


def _fits_as_is(body: str) -> bool:
    """Whether textwrap would give back a one-line ``body`` unchanged: not empty, printable
    (no tabs, newlines or control codes), no whitespace at either end."""
    return bool(body) and body.isprintable() and body.strip() == body


class Wrapped(Static):
    """A Static whose lines wrap to its width with a hanging indent (see :class:`ForWidth`)."""

    def __init__(self, text: Content | str = "", *, id: str | None = None) -> None:
        super().__init__(text, id=id)
        #: What is shown, to tell a refill with the same lines (no layout, no paint).
        self._shown: object = None

    def _same(self, key: object) -> bool:
        if key == self._shown:
            return True
        self._shown = key
        return False

    def set_content(self, content: Content) -> None:
        """Show fixed content (wrapped the usual way, no hanging indent)."""
        if not self._same(("content", content)):
            self.update(content)

    def set_lines(self, lines: list[Line]) -> None:
        """Show these lines, wrapped to the width (nothing is done if they are the ones
        shown: a refill after a write that did not change them costs no layout)."""
        key = tuple(
            (ln.prefix, ln.body, ln.style, ln.indent) if isinstance(ln, Hang) else ln
            for ln in lines
        )
        if not self._same(("lines", key)):
            self.update(WrappedLines(lines))

    def set_builder(self, builder: Builder) -> None:
        """Show what ``builder`` makes for the width (made again when the width changes)."""
        self._shown = None
        self.update(ForWidth(builder))
