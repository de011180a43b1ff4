"""What screens, dialogs and the palette may ask of the app — a protocol, so none of them
imports the concrete app class — and the messages screens post for the app to handle."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from textual.message import Message

if TYPE_CHECKING:
    from textual.screen import Screen

    from networkhabit.actions.changes import Builder, Change  # (the writes import it)
    from networkhabit.actions.session import Session
    from networkhabit.domain.model import Interaction
    from networkhabit.tui.data import Loaded

T = TypeVar("T")


class Write(Message):
    """Make a change (in a worker); ``key`` guards against a quick second press."""

    def __init__(
        self,
        build: Builder,
        *,
        key: str | None = None,
        undoable: bool = True,
        then: Callable[[Change], Any] | None = None,
    ) -> None:
        super().__init__()
        self.build = build
        self.key = key
        self.undoable = undoable
        self.then = then


class OpenContact(Message):
    """Show one contact's page."""

    def __init__(self, uid: str) -> None:
        super().__init__()
        self.uid = uid


class Host(Protocol):
    """The app as the rest of the TUI sees it."""

    data: Loaded | None
    session: Session

    def write(
        self,
        build: Builder,
        *,
        undoable: bool = True,
        then: Callable[[Change], Any] | None = None,
        key: str | None = None,
    ) -> None: ...

    def writing(self, key: str, shown: int) -> bool: ...

    def background(
        self,
        work: Callable[[], T],
        done: Callable[[T], None],
        *,
        group: str,
        exclusive: bool = True,
    ) -> Any: ...

    def touches_of(self, data: Loaded, uid: str) -> list[Interaction]: ...

    def styled_now(self, screen: Screen[Any]) -> None: ...

    def open_contact(self, uid: str) -> None: ...

    def push_screen(self, screen: Any, callback: Any = None) -> Any: ...

    def notify(self, message: str, **kwargs: Any) -> None: ...

    def action_go(self, mode: str) -> None: ...

    def action_undo(self) -> None: ...

    def action_help(self) -> None: ...

    def add_starter_routine(self) -> None: ...

    def write_demo(self) -> None: ...

    def reload(self, at_once: bool = False) -> None: ...
