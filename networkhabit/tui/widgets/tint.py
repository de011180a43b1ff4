"""The dimmed screen behind a dialog, tinted once per style instead of once per cell.

A modal screen with a translucent background shows the screen behind it tinted: Textual's
:class:`~textual.renderables.background_screen.BackgroundScreen` works out the tinted style
of every segment of that screen, every time the dialog is painted — and a dialog is painted
whole some three times as it opens. A screen holds a few dozen distinct styles among its
thousands of segments, so :class:`TintedScreen` asks Textual for the tinted style of each
distinct style once (one segment through Textual's own ``process_segments``) and reuses it:
the same segments, at a fraction of the cost.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from rich.segment import Segment
from rich.style import Style
from textual.renderables.background_screen import BackgroundScreen

if TYPE_CHECKING:
    from textual.color import Color

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
    (done,) = BackgroundScreen.process_segments([Segment(" ", style)], color)
    memo[style] = done.style
    return done.style


class TintedScreen(BackgroundScreen):
    """:class:`BackgroundScreen` with each distinct style tinted once."""

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


def tint_behind(rendered: Any) -> Any:
    """A screen's render with Textual's background tint swapped for :class:`TintedScreen`."""
    if type(rendered) is BackgroundScreen:
        return TintedScreen(rendered.screen, rendered.color)
    return rendered
