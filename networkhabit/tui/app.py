"""The networkhabit Textual app (placeholder until the TUI lands)."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class NetworkhabitApp(App[None]):
    """Full-screen networkhabit."""

    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self.db_path = db_path

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"networkhabit — store: {self.db_path}\n\nThe full app is coming; try 'networkhabit today'.")
        yield Footer()


def make_app(db_path: Path) -> NetworkhabitApp:
    """The app on a store file (tests reuse this factory)."""
    return NetworkhabitApp(db_path)
