"""The footer of every main screen: the keys its screen's bindings show, drawn by one widget.

Textual's Footer is a container of one widget per key (nine on Today), each composed,
mounted, styled, laid out and painted on its own — about a fifteenth of the app's start —
and it recomposes them all whenever the keys change. This one shows the same keys, in the
same order and the same colours (Textual's footer theme variables), with the command
palette's key on the right; it works out the keys when its screen's bindings change and
paints again only when they differ from those shown. A click on a key presses it (a
disabled key rings the bell); the key under the mouse is highlighted and its tooltip shown,
as on Textual's. ``tests/test_tui_footer.py`` checks that it shows what Textual's own
footer would, screen by screen.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.style import Style
from textual.widget import Widget

from networkhabit.domain.records import record


@record
class FooterEntry:
    """One key as the footer shows it."""

    key: str
    display: str
    description: str
    action: str
    enabled: bool = True
    tooltip: str = ""
    #: The command palette's key (shown on the right, after a thin bar).
    palette: bool = False


#: The bar before the command palette's key (Textual's ``border-left: vkey``).
BAR = "▏"


class KeysFooter(Widget, can_focus=False):
    """The keys of the screen it is on, one line at the bottom."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "keys-footer--key",
        "keys-footer--description",
        "keys-footer--hover",
        "keys-footer--bar",
    }
    DEFAULT_CSS = """
    KeysFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    KeysFooter > .keys-footer--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeysFooter > .keys-footer--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    KeysFooter > .keys-footer--hover {
        color: $footer-key-foreground;
        background: $block-hover-background;
    }
    KeysFooter > .keys-footer--bar { color: $foreground 20%; }
    """

    #: Whether the command palette's key is shown (on the right).
    show_command_palette = True

    def __init__(self) -> None:
        super().__init__()
        #: The keys shown (set by :meth:`show_keys`).
        self.keys: tuple[FooterEntry, ...] = ()
        #: Where each key is drawn: (first cell, cell after the last, the key), last drawn.
        self._spans: list[tuple[int, int, FooterEntry]] = []
        self._hover: FooterEntry | None = None

    @property
    def descriptions(self) -> list[str]:
        """What the keys say, in order (the palette's too)."""
        return [entry.description for entry in self.keys if entry.description]

    def on_mount(self) -> None:
        """Follow the screen's bindings (known already: the keys are in the first frame)."""
        self.show_keys(self.screen)
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def bindings_changed(self, screen: Screen) -> None:
        """The screen's bindings changed: show its keys if they are others now."""
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if screen is not screen.app.screen:
            return  # under another screen: it catches up when its screen is on top again
        self.show_keys(screen)

    def show_keys(self, screen: Screen) -> bool:
        """Work out the keys ``screen`` shows now; paint them if they differ from those
        shown (True then)."""
        keys = self.keys_of(screen)
        if keys == self.keys:
            return False
        self.keys = keys
        if self._hover not in keys:
            self._hover = None
            self.tooltip = None
        self.refresh()
        return True

    def keys_of(self, screen: Screen) -> tuple[FooterEntry, ...]:
        """The keys Textual's footer would show for ``screen``: the bindings it shows, one
        key per action (the first), then the command palette's."""
        app = self.app

        def entry(
            binding: Binding, enabled: bool, tooltip: str, palette: bool = False
        ) -> FooterEntry:
            return FooterEntry(
                binding.key,
                app.get_key_display(binding),
                binding.description,
                binding.action,
                enabled,
                tooltip,
                palette,
            )

        first: dict[str, Binding] = {}
        shown: list[FooterEntry] = []
        for _node, binding, enabled, tooltip in screen.active_bindings.values():
            if binding.show and first.setdefault(binding.action, binding) is binding:
                shown.append(entry(binding, enabled, tooltip))
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
            found = screen.active_bindings.get(app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _node, binding, enabled, _tooltip = found
                shown.append(entry(binding, enabled, binding.tooltip or binding.description, True))
        return tuple(shown)

    # -- drawing ---------------------------------------------------------------------------------
    def _parts(self, entry: FooterEntry) -> list[tuple[str, Style]]:
        """One key's text, as Textual's footer pads it: `` key `` then ``description `` (the
        palette's, compact: ``key`` then `` description``, and a cell after it)."""
        key_style = self.get_visual_style("keys-footer--key")
        text_style = self.get_visual_style("keys-footer--description")
        if entry is self._hover:  # the key's colours on the highlight
            lit = Style(background=self.get_visual_style("keys-footer--hover").background)
            key_style, text_style = key_style + lit, text_style + lit
        if not entry.enabled:
            key_style += Style(dim=True)
            text_style += Style(dim=True)
        if entry.palette:
            return [(entry.display, key_style), (f" {entry.description} ", text_style)]
        if not entry.description:
            return [(entry.display, key_style)]
        return [(f" {entry.display} ", key_style), (f"{entry.description} ", text_style)]

    def render(self) -> Content:
        """The keys from the left, the palette's on the right (the others give way to it)."""
        width = self.size.width
        left: list[tuple[str, Style]] = []
        spans: list[tuple[int, int, FooterEntry]] = []
        x = 0
        palette = next((entry for entry in self.keys if entry.palette), None)
        for entry in self.keys:
            if entry.palette:
                continue
            parts = self._parts(entry)
            cells = sum(len(text) for text, _ in parts)
            spans.append((x, x + cells, entry))
            left.extend(parts)
            x += cells
        line = Content.assemble(*left)
        if palette is not None:
            parts = [(BAR, self.get_visual_style("keys-footer--bar")), *self._parts(palette)]
            right = Content.assemble(*parts)
            room = max(0, width - right.cell_length)
            line = line.truncate(room, pad=True)
            spans = [(a, min(b, room), e) for a, b, e in spans if a < room]
            spans.append((room + len(BAR), room + right.cell_length, palette))
            line += right
        self._spans = spans
        return line

    # -- the mouse -------------------------------------------------------------------------------
    def _at(self, x: int) -> FooterEntry | None:
        return next((entry for a, b, entry in self._spans if a <= x < b), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Highlight the key under the mouse, and show its tooltip."""
        entry = self._at(event.x)
        if entry is not self._hover:
            self._hover = entry
            self.tooltip = entry.tooltip or None if entry is not None else None
            self.refresh()

    def on_leave(self, _event: events.Leave) -> None:
        """No key under the mouse any more."""
        if self._hover is not None:
            self._hover = None
            self.tooltip = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """A key clicked is pressed (a disabled one rings the bell)."""
        entry = self._at(event.x)
        if entry is None:
            return
        if entry.enabled:
            self.app.simulate_key(entry.key)
        else:
            self.app.bell()
