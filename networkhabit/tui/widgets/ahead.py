"""What a screen or dialog can be given ahead, so that it opens in fewer passes.

Textual gives a screen its breakpoint classes (``-wide`` / ``-narrow``) when it first gets
its size, after it has been made and styled: changing them then restyles every widget of the
screen once more. A screen given the classes for the app's size when it is made starts with
the classes it keeps, and Textual finds nothing to change.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from textual._context import NoActiveAppError

if TYPE_CHECKING:
    from textual.screen import Screen


def _breakpoint(size: int, breakpoints: list[tuple[int, str]]) -> str | None:
    """The class of the widest breakpoint ``size`` reaches, as Textual picks it."""
    for at, name in sorted(breakpoints, reverse=True):
        if size >= at:
            return name
    return None


def breakpoint_classes(screen: Screen[Any]) -> list[str]:
    """The breakpoint classes Textual gives ``screen`` at the app's current size."""
    app = screen.app
    width, height = app.size
    horizontal = (
        app.HORIZONTAL_BREAKPOINTS
        if screen.HORIZONTAL_BREAKPOINTS is None
        else screen.HORIZONTAL_BREAKPOINTS
    ) or []
    vertical = (
        app.VERTICAL_BREAKPOINTS
        if screen.VERTICAL_BREAKPOINTS is None
        else screen.VERTICAL_BREAKPOINTS
    ) or []
    found = (_breakpoint(width, list(horizontal)), _breakpoint(height, list(vertical)))
    return [name for name in found if name is not None]


def sized_ahead(screen: Screen[Any]) -> None:
    """Give a screen being made its breakpoint classes now (nothing outside a running app)."""
    with contextlib.suppress(NoActiveAppError):
        screen.add_class(*breakpoint_classes(screen), update=False)
