"""Textual's footer, made with its screen and made again only when the keys it shows change.

Textual's Footer composes empty, then recomposes (removing and mounting a widget per key)
after the first frame and on every binding refresh: several times while a screen opens and
on every focus change, each time restyling and repainting the screen. This one shows the
keys in the same frame as the rest of its screen, and recomposes only when what it would
show differs from what it shows.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    """The footer of every main screen (looks and works as Textual's)."""

    def __init__(self) -> None:
        super().__init__()
        #: What the last compose showed (see :meth:`_keys`).
        self._shown: Hashable = None
        self._queued = False

    def _keys(self, screen: Screen) -> Hashable:
        """What the footer shows for the screen's bindings now."""
        return (
            tuple(
                (binding, enabled, tooltip)
                for (_, binding, enabled, tooltip) in screen.active_bindings.values()
                if binding.show
            ),
            self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE,
        )

    def compose(self) -> ComposeResult:
        """The keys (already on the first compose: the screen's bindings are known)."""
        self._queued = False
        self._bindings_ready = True
        self._shown = self._keys(self.screen)
        yield from super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        """Recompose (once, after the next refresh) if the keys to show changed."""
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if screen is not screen.app.screen:
            return  # under another screen: it catches up when its screen is on top again
        if self._queued or self._keys(screen) == self._shown:
            return
        self._queued = True
        self.call_after_refresh(self._recompose)

    async def _recompose(self) -> None:
        self._queued = False
        screen = self.screen
        if screen is not self.app.screen or self._keys(screen) == self._shown:
            return  # covered meanwhile (or the keys are back as shown)
        await self.recompose()
