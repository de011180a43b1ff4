"""The fields of the app's forms: Textual's own, styled once, when they are mounted.

Textual's ``Input``, ``Button``, ``Checkbox`` and ``Select`` set CSS classes as they are made
(``-textual-compact``, ``-valid`` for a prefilled input, ``-primary`` …), and each class change
asks the app to style the widget at once — through the whole stylesheet, once more for each
of its component classes (an input has five) — though it is not in the DOM yet. The app
leaves such a widget alone until it is mounted (see
:meth:`networkhabit.tui.app.NetworkhabitApp.update_styles`), for every widget; these classes
name the fields the dialogs are made of (the warm-up adds their CSS ahead, see
:mod:`networkhabit.tui.warmup`).
"""

from __future__ import annotations

from textual.widgets import Button, Checkbox, Input, Select


class FormInput(Input):
    """A text field of a form."""


class FormButton(Button):
    """A button of a form."""


class FormCheckbox(Checkbox):
    """A checkbox of a form."""


class FormSelect(Select):  # type: ignore[type-arg]
    """A drop-down of a form."""
