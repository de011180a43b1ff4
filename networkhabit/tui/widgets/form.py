"""The fields of the app's forms: Textual's own, styled once, when they are mounted.

Textual's ``Input``, ``Button``, ``Checkbox`` and ``Select`` set CSS classes as they are made
(``-textual-compact``, ``-valid`` for a prefilled input, ``-primary`` …), and each class change
styles the widget at once — through the whole stylesheet, once more for each of its component
classes (an input has five) — though it is not in the DOM yet: that result is thrown away
when the widget is mounted and styled for where it is. A form of twelve prefilled inputs
spent a good part of its opening there. These widgets skip the styling while they are
detached; mounting styles them as it styles every widget, so they look and behave the same.
"""

from __future__ import annotations

from textual.widgets import Button, Checkbox, Input, Select


class StyledWhenMounted:
    """Mixin: no styling while not in the DOM (mounting styles the widget anyway)."""

    def update_node_styles(self, animate: bool = True) -> None:
        """Restyle the widget for a class change — once it is in the DOM."""
        if self.is_attached:  # type: ignore[attr-defined]
            super().update_node_styles(animate)  # type: ignore[misc]


class FormInput(StyledWhenMounted, Input):
    """A text field of a form."""


class FormButton(StyledWhenMounted, Button):
    """A button of a form."""


class FormCheckbox(StyledWhenMounted, Checkbox):
    """A checkbox of a form."""


class FormSelect(StyledWhenMounted, Select):  # type: ignore[type-arg]
    """A drop-down of a form."""
