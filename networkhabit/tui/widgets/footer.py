"""Textual's footer, made with its screen and made again only when the keys it shows change.

Textual's Footer composes empty, then recomposes (removing and mounting a widget per key)
after the first frame and on every binding refresh: several times while a screen opens and
on every focus change, each time restyling and repainting the screen. This one shows the
keys in the same frame as the rest of its screen, and recomposes only when what it would
show differs from what it shows.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


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
        yield from self.keys()

    def keys(self) -> ComposeResult:
        """Textual's footer keys, each given the footer's ``compact`` once: Textual binds
        each key to it, and a bound key is restyled twice as it mounts (its default's class
        set, then the footer's taken off again), while this footer's ``compact`` never
        changes. Binding groups are left to Textual (none of the app's keys is in one)."""
        bindings = [
            (binding, enabled, tooltip)
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        ]
        if any(binding.group is not None for binding, _, _ in bindings):
            yield from super().compose()
            return
        first: dict[str, Binding] = {}  # one key per action, as Textual shows them
        for binding, _, _ in bindings:
            first.setdefault(binding.action, binding)
        self.styles.grid_size_columns = len(first)
        for binding, enabled, tooltip in bindings:
            if first[binding.action] is not binding:
                continue
            yield self._key(binding, self.compact, disabled=not enabled, tooltip=tooltip)
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            found = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _, binding, enabled, tooltip = found
                yield self._key(
                    binding,
                    True,  # as Textual's: not bound, it keeps its default
                    classes="-command-palette",
                    disabled=not enabled,
                    tooltip=binding.tooltip or binding.description,
                )

    def _key(self, binding: Binding, compact: bool, **options: Any) -> FooterKey:
        """The key for ``binding``, made ``compact`` (or not) ahead: the class its watcher
        would set once it is mounted is there already, so mounting it restyles nothing."""
        key = FooterKey(
            binding.key,
            self.app.get_key_display(binding),
            binding.description,
            binding.action,
            **options,
        )
        key.set_reactive(FooterKey.compact, compact)
        key.set_class(compact, "-compact", update=False)
        return key

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
