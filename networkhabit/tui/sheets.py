"""Each screen's part of the app's CSS, added to the stylesheet when the screen is first made.

Textual parses the app's CSS file whole as the app starts, and the start shows one screen:
the rules of every other screen were parsed for nothing (some 6 ms of the file's 8 on the
reference machine). So the file (``app.tcss``) holds what every screen shares and what the
start screen shows, and a screen class (or a dialog's base) holds its own rules as
:attr:`SHEET`. :func:`add_sheets` adds a screen's sheets (its class's and its bases') the way
Textual adds the file: user CSS, not scoped — the same rules over the same widgets, ranked
above the widgets' built-in CSS as before — before the screen is first styled. Textual then
parses only the new source (it keeps every source it parsed before). The warm-up
(:mod:`networkhabit.tui.warmup`) adds the remaining sheets while the app is idle, so a
screen's first open does not parse its own either.

A sheet only selects the widgets of its screen (by their ids and classes): which sheets are
in the stylesheet, and in which order, changes nothing on the screens already shown.
"""

from __future__ import annotations

import contextlib
import inspect
from typing import TYPE_CHECKING, Any

from textual._context import NoActiveAppError

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen


def sheets_of(owner: type[Any]) -> list[tuple[tuple[str, str], str]]:
    """The ``SHEET`` sources of ``owner`` and its bases (bases first), each with the location
    Textual names it by: (file, "Class.SHEET")."""
    found: list[tuple[tuple[str, str], str]] = []
    for cls in reversed(owner.__mro__):
        css = cls.__dict__.get("SHEET", "")
        if css:
            try:
                path = inspect.getfile(cls)
            except (TypeError, OSError):  # pragma: no cover (a class made at run time)
                path = ""
            found.append(((path, f"{cls.__name__}.SHEET"), css))
    return found


def add_sheets(app: App[Any], owner: type[Any]) -> bool:
    """Add ``owner``'s sheets to ``app``'s stylesheet (those not there yet); return whether
    any was new. The next widget styled parses them (only them)."""
    stylesheet = app.stylesheet
    added = False
    for read_from, css in sheets_of(owner):
        if not stylesheet.has_source(*read_from):
            stylesheet.add_source(css, read_from=read_from, is_default_css=False)
            added = True
    return added


def add_screen_sheets(screen: Screen[Any]) -> None:
    """Add the sheets of a screen being made (call it from its ``__init__``, before it is
    styled: nothing outside a running app)."""
    with contextlib.suppress(NoActiveAppError):
        add_sheets(screen.app, type(screen))
