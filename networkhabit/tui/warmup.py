"""Ahead of the first dialog: the built-in CSS of the widgets the dialogs are made of.

The first time a widget class is mounted, Textual adds its ``DEFAULT_CSS`` (and its bases')
to the app's stylesheet, which is parsed again before the next widget is styled: the first
dialog of a session paid for the input's, the drop-down's, the button's and the checkbox's
(some 18 ms). :func:`warm_up` adds the same sources, the same way, while the app is idle —
one widget class per step, each parsing only its own CSS (Textual keeps every source parsed
before) — so that the first dialog finds them there. Nothing shown changes: those rules
select only the widgets they are written for, which no screen shows before a dialog.
(:func:`default_css_of` is also how the app gives the first frame's widgets their CSS at
start.)
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode


def dialog_widgets() -> list[type[DOMNode]]:
    """The classes a dialog mounts that the start screen does not (in mount order)."""
    from textual.containers import Grid
    from textual.screen import ModalScreen
    from textual.widgets import Label
    from textual.widgets._select import SelectCurrent, SelectOverlay

    from networkhabit.tui.dialogs.base import FormScroll
    from networkhabit.tui.widgets.form import FormButton, FormCheckbox, FormInput, FormSelect

    return [
        ModalScreen,
        Label,
        FormScroll,
        Grid,
        FormInput,
        FormSelect,
        SelectCurrent,
        SelectOverlay,
        FormCheckbox,
        FormButton,
    ]


def default_css_of(widget: type[DOMNode]) -> list[tuple[Any, str, int, str]]:
    """The built-in CSS sources of the widget class ``widget`` (its own and its bases'), as
    Textual lists them when a widget of the class is first mounted: the list depends on the
    class alone, so it is asked of the class's bases, without making a widget."""
    from textual.dom import DOMNode

    bases = SimpleNamespace(_node_bases=DOMNode._css_bases(widget))
    return DOMNode._get_default_css(bases)  # type: ignore[arg-type]


def add_default_css(app: App[object], widget: type[DOMNode]) -> None:
    """Add ``widget``'s built-in CSS to the app's stylesheet as Textual does when it is first
    mounted, and parse it now."""
    for read_from, css, tie_breaker, scope in default_css_of(widget):
        app.stylesheet.add_source(
            css, read_from=read_from, is_default_css=True, tie_breaker=tie_breaker, scope=scope
        )
    app.stylesheet.rules  # noqa: B018  (parsed now: only the new source, the rest is kept)


def warm_up(app: App[object]) -> None:
    """Add the dialogs' widget CSS ahead, one class per step on the app's message loop.

    Call it on the UI thread (from a handler, a timer or ``call_later``) once the app is
    idle; it returns at once and each step is a few milliseconds. Calling it again is
    harmless (a source already there is left as it is).
    """
    pending = dialog_widgets()

    def step() -> None:
        if not pending or not app.is_running:
            return
        add_default_css(app, pending.pop(0))
        if pending:
            app.call_later(step)

    app.call_later(step)
