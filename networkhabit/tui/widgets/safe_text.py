"""Nothing hostile reaches the screen: a line filter over everything the app draws.

Text from the store (a name, a note, a company — typed long ago, imported from someone
else's file, edited by hand) may hold control characters: ESC ``]0;…`` retitles the
terminal, ESC ``[2J`` clears it, U+009B is a one-byte CSI. Widgets show such text with the
characters made visible (:func:`networkhabit.domain.safe.terminal_safe`); this filter is the
net under all of them, for every widget the app draws (Textual's own included): a control
character still in a segment's text is shown visibly instead of sent to the terminal.
Segments that *are* terminal controls (Textual's own cursor moves) are left alone.
"""

from __future__ import annotations

import re

from rich.segment import Segment
from textual.color import Color
from textual.content import Content, Span
from textual.filter import LineFilter

from networkhabit.domain.safe import terminal_safe

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
#: What a widget's text may not hold (newline and tab are layout).
_CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe_content(content: Content) -> Content:
    """``content`` with its control characters shown visibly, each in the style it had (the
    content itself when it holds none). Done before the content is measured and wrapped, so
    the visible forms get their room."""
    text = content.plain
    if _CONTROL_IN_TEXT.search(text) is None:
        return content
    cuts: list[int] = []
    for match in _CONTROL_IN_TEXT.finditer(text):
        cuts += [match.start(), match.end()]
    pieces = []
    for piece in content.divide(cuts):
        plain = piece.plain
        if len(plain) == 1 and _CONTROL_IN_TEXT.match(plain):
            shown = terminal_safe(plain)
            piece = Content(shown, [Span(0, len(shown), span.style) for span in piece.spans])
        pieces.append(piece)
    return Content("").join(pieces)


class SafeText(LineFilter):
    """Shows control characters in drawn text visibly (``␛``, ``\\x9b``)."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        """The segments, with their text made safe (the list itself when nothing is to do)."""
        if _CONTROL.search("".join([s.text for s in segments])) is None:  # the usual case
            return segments
        return [
            s
            if s.control or not _CONTROL.search(s.text)
            else Segment(terminal_safe(s.text, keep_layout=False), s.style)
            for s in segments
        ]


#: The one filter instance (Textual caches filtered lines by filter).
SAFE_TEXT = SafeText()
