"""What every data screen shares: refill when the store changes, the top bar, app access."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

from networkhabit.tui.data import Loaded
from networkhabit.tui.widgets.topbar import TopBar

if TYPE_CHECKING:
    from networkhabit.tui.app import NetworkhabitApp


class DataScreen(Screen[None]):
    """A screen showing the store; :meth:`show` is called with each new load."""

    #: Which tab of the top bar this screen is.
    TAB = ""

    def __init__(self) -> None:
        super().__init__()
        self._shown_version = -1

    @property
    def nh(self) -> NetworkhabitApp:
        """The app, typed."""
        return cast("NetworkhabitApp", self.app)

    @property
    def data(self) -> Loaded | None:
        """The store as last read (None while the first read runs)."""
        return self.nh.data

    def compose_top(self) -> ComposeResult:
        """The top bar and footer every main screen has."""
        yield TopBar(self.TAB)
        yield Footer()

    def on_screen_resume(self) -> None:
        """Catch up with loads that happened while another screen was shown."""
        self.refresh_data()

    def refresh_data(self, force: bool = False) -> None:
        """Show the latest load if this screen has not shown it yet."""
        data = self.data
        if data is None or (data.version == self._shown_version and not force):
            return
        self._shown_version = data.version
        self.query_one(TopBar).show(data)
        self.show(data)

    def show(self, data: Loaded) -> None:
        """Fill the screen from a load (override)."""
