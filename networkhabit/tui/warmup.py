"""Ahead of the first dialog: the built-in CSS of the widgets the dialogs are made of.

The first time a widget class is mounted, Textual adds its ``DEFAULT_CSS`` (and its bases')
to the app's stylesheet, which is parsed again before the next widget is styled: the first
dialog of a session paid for the input's, the drop-down's, the button's and the checkbox's
(some 18 ms). :func:`warm_up` adds the same sources, the same way, while the app is idle —
one widget class per step, each parsing only its own CSS (Textual keeps every source parsed
before) — so that the first dialog finds them there. Nothing shown changes: those rules
select only the widgets they are written for, which no screen shows before a dialog.
(:func:`default_css_of` is also how the app gives the first frame's widgets their CSS at
start.) Then, the same way, the app's own CSS for the screens and dialogs the start did not
show (:func:`sheet_owners`, see :mod:`networkhabit.tui.sheets`): a screen's first open
finds its rules parsed.
"""

from __future__ import annotations

from collections.abc import Callable
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


def sheet_owners() -> list[type[Any]]:
    """The screen and dialog classes with a part of the app's CSS that the start screen does
    not need (their bases' parts come with them)."""
    from networkhabit.tui.dialogs.habit_form import BreaksDialog
    from networkhabit.tui.dialogs.people import AskDialog
    from networkhabit.tui.screens.contact_detail import ContactDetailScreen
    from networkhabit.tui.screens.contacts import ContactsScreen
    from networkhabit.tui.screens.help import HelpScreen
    from networkhabit.tui.screens.network import NetworkScreen
    from networkhabit.tui.screens.review import ReviewScreen

    return [
        ContactsScreen,
        HelpScreen,  # and every dialog's shared part
        ContactDetailScreen,
        ReviewScreen,
        NetworkScreen,
        AskDialog,
        BreaksDialog,
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


def add_sheets_now(app: App[object], owner: type[Any]) -> None:
    """Add ``owner``'s part of the app's CSS (and its bases'), and parse it now."""
    from networkhabit.tui.sheets import add_sheets

    if add_sheets(app, owner):
        app.stylesheet.rules  # noqa: B018  (parsed now: only the new sources)


#: How long a warm-up step waits while the app is busy (see :func:`warm_up`).
WAIT_S = 0.1
#: The pause between two steps: a timer, so the event loop runs in between (the next step
#: by ``call_later`` would be the next message of the app's queue, handled before the loop
#: could take a key or fire a timer: the steps ran back to back, 30-70 ms in all).
STEP_GAP_S = 0.005


def warm_up(app: App[object], busy: Callable[[], bool] = lambda: False) -> None:
    """Add the dialogs' widget CSS ahead, then the other screens' and the dialogs' parts of
    the app's CSS, one class per step on the app's message loop.

    Call it on the UI thread (from a handler, a timer or ``call_later``) once the app is
    idle; it returns at once and each step is a few milliseconds, made only while
    ``busy()`` is false (a write running, a key just pressed: the step waits for them).
    Calling it again is harmless (a source already there is left as it is).
    """
    pending: list[tuple[Callable[[App[object], type[Any]], None], type[Any]]] = [
        (add_default_css, widget) for widget in dialog_widgets()
    ]
    pending += [(add_sheets_now, owner) for owner in sheet_owners()]

    def step() -> None:
        if not pending or not app.is_running:
            return
        if busy():
            app.set_timer(WAIT_S, step, name="warm-up")
            return
        add, owner = pending.pop(0)
        add(app, owner)
        if pending:
            app.set_timer(STEP_GAP_S, step, name="warm-up")

    app.call_later(step)
