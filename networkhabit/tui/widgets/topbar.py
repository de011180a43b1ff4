"""The bar at the top of every main screen: the four screens and their keys, the date."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from networkhabit.tui.data import Loaded

TABS: tuple[tuple[str, str, str], ...] = (
    ("today", "t", "Today"),
    ("contacts", "c", "Contacts"),
    ("review", "w", "Review"),
    ("network", "n", "Network"),
)


class TopBar(Static):
    """``networkhabit  t Today  c Contacts  w Review  n Network`` with the active one lit."""

    DEFAULT_CSS = """
    TopBar {
        dock: top;
        height: 1;
        background: $panel;
        color: $foreground;
        padding: 0 1;
    }
    """

    def __init__(self, active: str) -> None:
        super().__init__(self._render_tabs(active, ""))
        self.active = active
        #: What the right-hand side says now (an equal one is not drawn again).
        self._right = ""

    @staticmethod
    def _render_tabs(active: str, right: str) -> Content:
        parts = [Content.from_markup("[b $text-accent]networkhabit[/]  ")]
        for mode, key, label in TABS:
            if mode == active:
                parts.append(Content.from_markup(f"[reverse $primary] {key} [b]{label}[/b] [/]"))
            else:
                parts.append(Content.from_markup(f" [$text-muted]{key}[/] {label} "))
            parts.append(Content(" "))
        if right:
            parts.append(Content.from_markup("  [$text-muted]$right[/]", right=right))
        return Content("").join(parts)

    def show(self, data: Loaded) -> None:
        """Show the date the data is for."""
        right = data.today.strftime("%a %-d %b %Y")
        synced = _synced(self)
        if synced:
            right += f" · {synced}"
        if right == self._right:
            return  # (after each write: the same day, the same sync; nothing to draw again)
        self._right = right
        # One line, docked: what it says never changes its size (so no layout of the screen)
        self.update(self._render_tabs(self.active, right), layout=False)


def _synced(widget: Static) -> str:
    """``synced 3 minutes ago`` when the store syncs through git (else "")."""
    from networkhabit.tui.sync import synced_label

    path = getattr(widget.app, "db_path", None)
    return synced_label(path) if path is not None else ""
