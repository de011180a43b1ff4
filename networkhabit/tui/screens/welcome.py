"""First run on an empty store: offer the starter routine, the demo data, or an empty start."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Static

from networkhabit.actions.habits import STARTER_ROUTINE, starter_routine
from networkhabit.tui.host import Write
from networkhabit.tui.sheets import add_screen_sheets
from networkhabit.tui.widgets.footer import KeysFooter

if TYPE_CHECKING:
    from networkhabit.tui.host import Host

WELCOME = (
    "[b $text-accent]Welcome to networkhabit[/]\n\n"
    "Relationships pay off when they are worked at every single day — and the most valuable "
    "people are often the ones you do not know yet, but someone you know does.\n\n"
    "Each morning the [b]Today[/] screen shows what is due: follow-ups, your habits, the people "
    "slipping away, and an introduction you could make. Tick things off as they happen.\n\n"
    "How would you like to start?"
)

ROUTINE = "\n".join(
    f"  • {name} ({'daily' if period == 'day' else 'weekly'})"
    for name, _, period, _counts in STARTER_ROUTINE
)


class WelcomeScreen(Screen[None]):
    """Three ways to begin."""

    #: Its part of the app's CSS (see :mod:`networkhabit.tui.sheets`).
    SHEET = """
    WelcomeScreen { align: center middle; }
    #welcome-center { height: 1fr; align: center middle; }
    #welcome {
        width: 96;
        max-width: 100%;
        height: auto;
        border: round $accent;
        padding: 1 2;
        background: $surface;
    }
    #welcome-routine { margin: 1 0; }
    .-narrow #welcome { padding: 0 1; }
    .-narrow #welcome-routine { margin: 0 0 1 0; }
    #welcome-buttons { height: auto; align-horizontal: center; }
    #welcome-buttons Button { margin: 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "routine", "Starter routine"),
        Binding("d", "demo", "Demo data"),
        Binding("e", "empty", "Start empty"),
    ]

    def __init__(self) -> None:
        super().__init__()
        add_screen_sheets(self)

    @property
    def nh(self) -> Host:
        """The app, as screens may use it."""
        return cast("Host", self.app)

    def compose(self) -> ComposeResult:
        """The pitch and three buttons."""
        with Center(id="welcome-center"), Vertical(id="welcome"):
            yield Static(Content.from_markup(WELCOME), id="welcome-text")
            yield Static(
                Content.from_markup("[$text-muted]The starter routine:[/]\n" + ROUTINE),
                id="welcome-routine",
            )
            with Horizontal(id="welcome-buttons"):
                yield Button("Starter routine (r)", variant="primary", id="routine")
                yield Button("Demo data (d)", variant="success", id="demo")
                yield Button("Start empty (e)", id="empty")
        yield KeysFooter()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Run the chosen start."""
        event.stop()
        {"routine": self.action_routine, "demo": self.action_demo, "empty": self.action_empty}[
            str(event.button.id)
        ]()

    def action_routine(self) -> None:
        """Add the three starter habits."""
        data = self.nh.data
        if data is None:
            return
        self.post_message(Write(starter_routine(data.today), undoable=False))
        self.dismiss()

    def action_demo(self) -> None:
        """Fill the store with the demo data (about 40 contacts, a year of touches)."""
        data = self.nh.data
        if data is None:
            return
        self.nh.write_demo()
        self.dismiss()

    def action_empty(self) -> None:
        """Start with nothing."""
        self.dismiss()
        self.notify("Add your first contact: c then a — or 'networkhabit add NAME' in a shell")
