"""Screens that open in fewer passes: :class:`QuickScreen`, the base of every main screen
(Today, Contacts, a contact's page, Review, Network), and :class:`QuickModal`, the base of
the app's dialogs and of Help.

Textual opens a screen in several passes, each painting it whole (a dialog: the screen
behind tinted, every segment of it). These bases cut what they can without changing what
is shown:

- a dialog is made with its breakpoint classes (:func:`~.ahead.sized_ahead`), and the
  screen behind it is tinted once per style (:mod:`.tint`);
- the first time a screen comes to the top it is not styled again: it was styled as it was
  mounted, a moment before (Textual restyles a screen whenever it resumes);
- a size the screen on top and every screen below it are laid out at already lays nothing
  out again. Textual tells a screen its size right after its first layout; and the app,
  told the terminal's size twice as it starts, keeps the second (the same) to tell the
  screen on top once the app is idle — right after the first frame, which it then laid
  out and painted anew. A real resize goes through as before;
- it settles with its first frame: as Textual lays a screen out it sets every widget's new
  size, and each size set asks for a layout and a repaint — of what that layout has just
  placed and the frame right after it has just painted. Textual honours those requests with
  a second pass (layout, then the screen painted again) before the screen counts as shown.
  The requests made up to the end of that first resume (and the layout and repaint
  messages already on their way) are dropped, as the frame answers them, and so is the
  layout the app asks for once the screen itself is mounted (its mounting is awaited beside
  the screen's own start, and often ends after the first frame, which has it mounted). A
  request made later (a resize handler, a typed key, a real resize) goes through as before.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TypeVar

from rich.console import RenderableType
from textual import events, messages
from textual.screen import ModalScreen
from textual.widget import AwaitMount

from networkhabit.tui.sheets import add_screen_sheets
from networkhabit.tui.widgets.ahead import sized_ahead

if TYPE_CHECKING:
    from typing import Self

    from textual.geometry import Region

R = TypeVar("R")


def _mounted_self(screen: object) -> bool:
    """Whether the caller's caller is Textual awaiting ``screen``'s own mounting (an
    :class:`~textual.widget.AwaitMount` of it, which then asks it for a layout)."""
    caller = sys._getframe(2)
    awaiting = caller.f_locals.get("self")
    return isinstance(awaiting, AwaitMount) and screen in getattr(awaiting, "_widgets", ())


class QuickScreen:
    """Mixin for a screen (before its Textual base): the cuts of the module that hold for any
    screen — the resumes already on their way as it is first shown (one for a pushed
    screen, two for a mode) do not style it again; a size it and every screen below have
    already lays out nothing; and it settles with its first frame. A later resume restyles
    it as before."""

    #: Whether it settles with its first frame (a screen whose content Textual completes in
    #: its second pass — Help's wrapped text in a scroller — says no).
    SETTLE = True

    _shown = False
    _settle_after_resume = True
    _layouts = 0  # how many times it has been laid out
    _settling = False  # dropping the layout and repaint requests its frame answered

    def on_mount(self) -> None:
        """Count its layouts (Textual signals each, once done and painted)."""
        self.screen_layout_refresh_signal.subscribe(  # type: ignore[attr-defined]
            self, self._laid_out, immediate=True
        )

    def _laid_out(self, _screen: object) -> None:
        self._layouts += 1

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """As it is first shown: styled as it was mounted — not once more; and settled once
        Textual's resume has laid it out and painted it."""
        if not self._shown:
            event.refresh_styles = False
            self.call_later(self._first_shown)  # type: ignore[attr-defined]
        if self._settle_after_resume:
            self._settle_after_resume = False
            self.call_next(self._settle, self._layouts)  # type: ignore[attr-defined]

    @property
    def takes_keys(self) -> bool:
        """Whether it takes keys yet: once first shown — mounted, with the keyboard where it
        starts (the app holds the keys typed before, see :mod:`networkhabit.tui.typeahead`)."""
        return self._shown

    def _first_shown(self) -> None:
        self._shown = True
        tell = getattr(self.app, "screen_takes_keys", None)  # type: ignore[attr-defined]
        if tell is not None:
            tell()

    def on_resize(self, event: events.Resize) -> None:
        """On top, a size it and every screen below are laid out at already: nothing to do.
        (Textual tells a screen its size right after its first layout; and the app keeps
        the terminal's first size, which it had applied already, to tell the screen on top
        again once the app is idle — after the first frame, which it then lays out and
        paints anew.) A screen below goes through: the one on top lays it out as it is
        resized, and its own resize then gives it its breakpoint class."""
        app = self.app  # type: ignore[attr-defined]
        if app.screen is self and all(s.outer_size == event.size for s in app.screen_stack):
            event.prevent_default()
            event.stop()

    def _settle(self, layouts_before: int) -> None:
        """Right after the first resume: if it laid the screen out (and painted it), drop
        the layout and repaint requests made until now — that frame answers them."""
        current: bool = self.is_current  # type: ignore[attr-defined]
        if not self.SETTLE or self._layouts == layouts_before or not current:
            return  # no frame yet: the requests stand
        for node in self.walk_children(with_self=True):  # type: ignore[attr-defined]
            # A widget's scrollbars are no children of it, but the frame sized and painted
            # them too.
            bars = (
                getattr(node, "_vertical_scrollbar", None),
                getattr(node, "_horizontal_scrollbar", None),
            )
            for each in (node, *(bar for bar in bars if bar is not None)):
                each._layout_required = False  # see tests/test_tui_dialogs_open2.py
                each._repaint_required = False
        self._settling = True
        self.call_later(self._settled)  # type: ignore[attr-defined]  # after those queued

    def _settled(self) -> None:
        self._settling = False

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        """As Textual's, but for the layout asked as the screen's own mounting is over when
        it has been laid out since: that layout had it mounted."""
        if (
            self.SETTLE
            and layout
            and not (regions or recompose)
            and self._layouts
            and _mounted_self(self)
        ):
            return self
        return super().refresh(  # type: ignore[misc,no-any-return]
            *regions, repaint=repaint, layout=layout, recompose=recompose
        )

    def on_layout(self, message: messages.Layout) -> None:
        """A widget's layout request posted before the first frame: answered by it."""
        if self._settling:
            message.prevent_default()
            message.stop()

    def on_update(self, message: messages.Update) -> None:
        """A widget's repaint request posted before the first frame: answered by it."""
        if self._settling:
            message.prevent_default()
            message.stop()


class QuickModal(QuickScreen, ModalScreen[R]):
    """A modal screen that opens in fewer passes (see the module)."""

    #: The look every dialog of the app shares, its part of the app's CSS (see
    #: :mod:`networkhabit.tui.sheets`).
    SHEET = """
    .dialog {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 1 2;
    }
    .dialog-title { text-style: bold; color: $text-accent; margin-bottom: 1; }
    .dialog-hint { color: $text-muted; margin-bottom: 1; }
    .form-scroll { height: auto; max-height: 70vh; }
    .form {
        grid-size: 2;
        grid-columns: 14 1fr;
        grid-rows: 1;
        grid-gutter: 0 1;
        height: auto;
    }
    .form-label { color: $text-muted; }
    .dialog-error { color: $warning; height: auto; margin-top: 1; }
    .dialog-buttons { height: auto; align-horizontal: right; }
    .dialog-buttons Button { margin-left: 2; }
    """

    def __init__(self, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        add_screen_sheets(self)
        sized_ahead(self)

    def render(self) -> RenderableType:
        """The screen behind, dimmed (each of its styles tinted once)."""
        from networkhabit.tui.widgets.tint import tint_behind  # (a dialog's: not at start)

        return tint_behind(super().render())
