"""The dimmed screen behind a dialog, tinted once per style instead of once per cell.

A modal screen with a translucent background shows the screen behind it tinted: Textual's
:class:`~textual.renderables.background_screen.BackgroundScreen` works out the tinted style
of every segment of that screen, every time the dialog is painted — and a dialog is painted
whole some three times as it opens. A screen holds a few dozen distinct styles among its
thousands of segments, so :class:`TintedScreen` asks Textual for the tinted style of each
distinct style once (one segment through Textual's own ``process_segments``) and reuses it:
the same segments, at a fraction of the cost.

It is also a Textual :class:`~textual.visual.Visual`: the dialog's screen draws it as lines
(:meth:`TintedScreen.render_strips`), each line the screen behind's, segment for segment,
tinted and on the dialog screen's base style — the lines Textual makes of it through Rich
(the screen behind as segments, tinted, styled, split into lines again), made directly.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from rich.segment import Segment
from rich.style import Style
from textual.renderables.background_screen import BackgroundScreen
from textual.strip import Strip
from textual.visual import RenderOptions, Visual

if TYPE_CHECKING:
    from textual.color import Color
    from textual.css.styles import RulesMap
    from textual.style import Style as VisualStyle

#: Tinted styles kept per tint colour before the memo starts again (a screen uses dozens).
MEMO_LIMIT = 4096

_memos: dict[Color, dict[Style | None, Style | None]] = {}


def tinted_style(style: Style | None, color: Color) -> Style | None:
    """The style Textual gives a segment of ``style`` behind a ``color`` tint (memoised)."""
    memo = _memos.setdefault(color, {})
    try:
        return memo[style]
    except KeyError:
        pass
    if len(memo) >= MEMO_LIMIT:
        memo.clear()
    # Textual drops a style's meta and link before it tints it: styles that differ only in
    # those (a list's lines, each with its own offset for the mouse) tint alike.
    plain = None if style is None else style.clear_meta_and_links()
    try:
        tinted = memo[plain]
    except KeyError:
        (done,) = BackgroundScreen.process_segments([Segment(" ", style)], color)
        tinted = memo[plain] = done.style
    memo[style] = tinted
    return tinted


class TintedScreen(BackgroundScreen, Visual):
    """:class:`BackgroundScreen` with each distinct style tinted once, drawn as a Visual."""

    @classmethod
    def process_segments(cls, segments: Iterable[Segment], color: Color) -> Iterable[Segment]:
        """The segments with the tint applied, meta and links removed (as Textual does)."""
        memo = _memos.setdefault(color, {})
        if len(memo) >= MEMO_LIMIT:
            memo.clear()
        make = Segment
        for segment in segments:
            text, style, control = segment
            if control:
                yield segment
                continue
            try:
                done = memo[style]
            except KeyError:
                done = tinted_style(style, color)
            yield make(text, done, control)

    def render_strips(
        self, width: int, height: int | None, style: VisualStyle, options: RenderOptions
    ) -> list[Strip]:
        """The screen behind, a line per row, as Textual draws it through Rich: each segment
        tinted (a control segment as it is), then on ``style`` (the dialog screen's), lines
        cropped to ``width``."""
        base = style.rich_style
        color = self.color
        done: dict[tuple[Style | None, bool], Style] = {}
        make = Segment
        lines: list[Strip] = []
        for row in self.screen._compositor.render_strips()[:height]:
            segments = []
            for text, seg_style, control in row:
                key = (seg_style, bool(control))
                try:
                    final = done[key]
                except KeyError:
                    tinted = seg_style if control else tinted_style(seg_style, color)
                    final = done[key] = base + tinted if base else tinted  # type: ignore[assignment]
                segments.append(make(text, final))
            line = Strip(segments, row.cell_length)
            lines.append(line.crop(0, width) if row.cell_length > width else line)
        return lines

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        """The screen's width (a screen is not measured)."""
        return container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        """The screen behind's height."""
        return self.screen._compositor.size.height


def tint_behind(rendered: Any) -> Any:
    """A screen's render with Textual's background tint swapped for :class:`TintedScreen`."""
    if type(rendered) is BackgroundScreen:
        return TintedScreen(rendered.screen, rendered.color)
    return rendered
