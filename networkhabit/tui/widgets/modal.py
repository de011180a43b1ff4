"""A modal screen that opens in fewer passes: the base of the app's dialogs and of Help.

Textual opens a modal screen in several passes, each painting it whole — the screen behind
tinted, every segment of it. This base cuts what it can without changing what is shown:

- it is made with its breakpoint classes (:func:`~.ahead.sized_ahead`);
- the screen behind is tinted once per style (:mod:`.tint`);
- the first time it comes to the top it is not styled again: it was styled as it was
  mounted, a moment before (Textual restyles a screen whenever it resumes);
- the size Textual tells it right after its first layout does not lay it out again, nor the
  screen behind (which then repaints the dialog whole) when it and every screen below it
  already have that size. A real resize goes through as before.
"""

from __future__ import annotations

from typing import TypeVar

from rich.console import RenderableType
from textual import events
from textual.screen import ModalScreen

from networkhabit.tui.widgets.ahead import sized_ahead
from networkhabit.tui.widgets.tint import tint_behind

R = TypeVar("R")


class QuickModal(ModalScreen[R]):
    """A modal screen that opens in fewer passes (see the module)."""

    def __init__(self, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        sized_ahead(self)
        self._resumed = False
        self._sized = False

    def render(self) -> RenderableType:
        """The screen behind, dimmed (each of its styles tinted once)."""
        return tint_behind(super().render())

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """The first time: styled as it was mounted — not once more."""
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    def on_resize(self, event: events.Resize) -> None:
        """The first size, when it and every screen below have it already: nothing to do."""
        if self._sized:
            return
        self._sized = True
        if all(screen.size == event.size for screen in self.app.screen_stack):
            event.prevent_default()
            event.stop()
