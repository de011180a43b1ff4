"""What every data screen shares: refill when the store changes, the top bar, app access."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from textual._context import NoActiveAppError
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget

from networkhabit.tui.data import Loaded
from networkhabit.tui.sheets import add_screen_sheets
from networkhabit.tui.widgets.ahead import sized_ahead
from networkhabit.tui.widgets.footer import KeysFooter
from networkhabit.tui.widgets.topbar import TopBar

if TYPE_CHECKING:
    from networkhabit.actions.changes import Builder
    from networkhabit.tui.host import Host

#: How often a write shown ahead of time is looked at (made and shown, or failed).
WATCH_WRITE = 0.05
#: Up to this many contacts a screen works its view out on the UI thread as it is shown
#: (a millisecond or two on a few hundred): a worker would cost more than the work — a
#: thread, the way back, and a second layout and paint of the screen after the first.
INLINE_VIEWS = 1000


def retitle(widget: Widget, title: str) -> None:
    """Set ``widget``'s border title, unless it says that already: Textual draws the whole
    widget again on every set (after each write, the Neglected panel's lines were drawn
    again for a title that had not changed: a third of the frame on a light store)."""
    if widget.border_title != title:
        widget.border_title = title


def small(data: Loaded) -> bool:
    """Whether the store is small enough for views worked out at once (see INLINE_VIEWS)."""
    return len(data.snap.contacts) <= INLINE_VIEWS


class DataScreen(Screen[None]):
    """A screen showing the store; :meth:`show` is called with each new load."""

    #: Which tab of the top bar this screen is.
    TAB = ""
    #: Whether the screen shows who knows whom: then it waits for a load to be complete
    #: (see :attr:`~networkhabit.tui.data.Loaded.complete`).
    NEEDS_LINKS = False

    def __init__(self) -> None:
        super().__init__()
        self._shown_version = -1
        #: Keys of writes shown ahead whose write is about to start (after the paint).
        self._starting: set[str] = set()
        self._top_bar = TopBar(self.TAB)
        add_screen_sheets(self)
        sized_ahead(self)
        with contextlib.suppress(NoActiveAppError):
            self.nh.styled_now(self)

    @property
    def nh(self) -> Host:
        """The app, as screens may use it."""
        return cast("Host", self.app)

    @property
    def data(self) -> Loaded | None:
        """The store as last read (None while the first read runs)."""
        return self.nh.data

    def compose_top(self) -> ComposeResult:
        """The top bar and footer every main screen has."""
        yield self._top_bar
        yield KeysFooter()

    def fill_first(self) -> None:
        """Fill the widgets while composing, before they are mounted, if a load is there:
        the screen's first frame shows the data (filling it after the first frame would
        paint twice, and its nested widgets mount only after the screen does)."""
        data = self.data
        if data is not None and (data.complete or not self.NEEDS_LINKS):
            self._shown_version = data.version
            self._top_bar.show(data)
            self.show(data)

    def on_screen_resume(self) -> None:
        """Catch up with loads that happened while another screen was shown."""
        self.refresh_data()

    def refresh_data(self, force: bool = False) -> None:
        """Show the latest load if this screen has not shown it yet."""
        data = self.data
        if data is None or (data.version == self._shown_version and not force):
            return
        if not self.is_mounted:
            return  # not composed yet: it catches up when it is shown (on_screen_resume)
        if self.NEEDS_LINKS and not data.complete:
            return  # the app refreshes the screens again once the links are read
        self._shown_version = data.version
        self._top_bar.show(data)
        self.show(data)

    def show(self, data: Loaded) -> None:
        """Fill the screen from a load (override)."""

    def busy(self, key: str, filled: Callable[[], int] | None = None) -> bool:
        """Whether a write with ``key`` is about to start, still running, or made but not
        yet shown (``filled``: the load version the screen shows, by default the last one
        it was given)."""
        shown = filled() if filled is not None else self._shown_version
        return key in self._starting or self.nh.writing(key, shown)

    def write_ahead(
        self,
        build: Builder,
        key: str,
        show: Callable[[], object],
        put_back: Callable[[], object],
        filled: Callable[[], int] | None = None,
    ) -> bool:
        """Show a write's effect at once — ``show()`` changes the screen in place — then make
        the write, once that change is painted. The reload after the write shows what was
        written (the screen reconciles); a failed write calls ``put_back()`` (the app says
        why). False, and nothing done, while a write with ``key`` is in flight (see
        :meth:`busy`): a quick second press must not do it twice."""
        version = filled if filled is not None else (lambda: self._shown_version)
        if self.busy(key, version):
            return False
        show()
        self._starting.add(key)

        def start() -> None:  # once the change is painted: the write's thread holds the GIL
            self._starting.discard(key)
            shown = version()
            self.nh.write(build, key=key)  # in flight now: the watch sees it

            def watch() -> None:
                if version() != shown:
                    timer.stop()  # the reload shows what was written
                elif not self.nh.writing(key, shown):
                    timer.stop()  # the write failed: as it was
                    put_back()

            timer = self.set_interval(WATCH_WRITE, watch, name="watch the write")

        self.call_after_refresh(start)
        return True
