"""The networkhabit Textual app: screens as modes, data loading, live reload, writes and undo.

Data flow: a worker thread reads the store into a :class:`~networkhabit.tui.data.Loaded`;
the screens showing it refill themselves (their heavy parts in workers too). A timer
polls the file's signature every second and reloads when another process wrote it.
Every write is a :class:`~networkhabit.tui.changes.Change` made through the store's
record methods inside one transaction, and pushed on the undo stack.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.screen import ModalScreen, Screen
from textual.theme import Theme
from textual.worker import Worker, WorkerState, get_current_worker

from networkhabit.clock import ClockError
from networkhabit.clock import today as clock_today
from networkhabit.domain.errors import InputError
from networkhabit.store import Store, StoreError
from networkhabit.tui import changes
from networkhabit.tui.commands import NetworkhabitCommands
from networkhabit.tui.data import Loaded, load
from networkhabit.tui.screens.base import DataScreen
from networkhabit.tui.screens.contacts import ContactsScreen
from networkhabit.tui.screens.help import HelpScreen
from networkhabit.tui.screens.network import NetworkScreen
from networkhabit.tui.screens.review import ReviewScreen
from networkhabit.tui.screens.today import TodayScreen
from networkhabit.tui.screens.welcome import WelcomeScreen

T = TypeVar("T")

#: How often the store file is checked for writes by other processes.
POLL_SECONDS = 1.0
#: Errors that are the user's or the file's, shown as they are (no type name).
EXPECTED = (InputError, StoreError, ClockError)


class NetworkhabitApp(App[None]):
    """Full-screen networkhabit."""

    CSS_PATH = "app.tcss"
    TITLE = "networkhabit"
    MODES: ClassVar[dict[str, str | Callable[[], Screen]]] = {
        "today": TodayScreen,
        "contacts": ContactsScreen,
        "review": ReviewScreen,
        "network": NetworkScreen,
    }
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = App.COMMANDS | {
        NetworkhabitCommands
    }
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012 (typed on App)
    BINDINGS: ClassVar[list[BindingType]] = [
        # The top bar shows these four; the footer keeps its room for the screen's own keys.
        Binding("t", "go('today')", "Today", show=False),
        Binding("c", "go('contacts')", "Contacts", show=False),
        Binding("w", "go('review')", "Review", show=False),
        Binding("n", "go('network')", "Network", show=False),
        Binding("u", "undo", "Undo", tooltip="Undo the last change"),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, db_path: Path, store: Store | None = None) -> None:
        super().__init__()
        self.db_path = Path(db_path)
        self.store = store if store is not None else Store(self.db_path)
        #: The store as last read; None until the first load finishes.
        self.data: Loaded | None = None
        #: Changes made in this session, newest last.
        self.undo_stack: list[changes.Change] = []
        # Store objects are not thread-safe: one worker at a time touches the store.
        self._store_lock = threading.Lock()
        self._version = 0
        self._tried_sig: object = ()
        self._welcomed = False
        #: Write keys in flight: 0 while the write runs, then the load version that shows it.
        self._in_flight: dict[str, int] = {}

    # -- start-up --------------------------------------------------------------------------------
    def on_mount(self) -> None:
        """Draw the Today screen at once, then fill it from a worker."""
        self.switch_mode("today")
        self.reload()
        self.set_interval(POLL_SECONDS, self.poll_store, name="poll store")
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    # -- background work ---------------------------------------------------------------------------
    def background(
        self, work: Callable[[], T], done: Callable[[T], Any], *, group: str, exclusive: bool = True
    ) -> Worker[None]:
        """Run ``work`` in a thread and ``done(result)`` back on the UI thread (unless a newer
        job of the same exclusive group replaced it).

        Errors reach :meth:`on_worker_state_changed`.
        """

        def job() -> None:
            result = work()
            if not get_current_worker().is_cancelled:
                self.call_from_thread(done, result)

        return self.run_worker(
            job, thread=True, group=group, exclusive=exclusive, exit_on_error=False, name=group
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place worker errors become messages (the app never crashes on them)."""
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        if isinstance(error, InputError):
            self.notify(str(error), severity="warning")
        elif isinstance(error, EXPECTED):
            self.notify(str(error), title="The store cannot be used", severity="error", timeout=15)
        else:
            self.notify(
                f"{type(error).__name__}: {error}",
                title="Something went wrong",
                severity="error",
                timeout=15,
            )

    # -- reading -----------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the store again (in a worker) and refresh what is on screen."""
        self._version += 1
        version = self._version
        try:
            self._tried_sig = self.store.signature()
        except StoreError:
            self._tried_sig = None

        def work() -> Loaded:
            with self._store_lock:
                return load(self.store, version)

        self.background(work, self._loaded, group="load")

    def poll_store(self) -> None:
        """Reload when another process changed the file, or the day changed."""
        try:
            sig = self.store.signature()
            day = clock_today()
        except EXPECTED:
            return
        if sig != self._tried_sig or (self.data is not None and day != self.data.today):
            self.reload()

    def _loaded(self, data: Loaded) -> None:
        first = self.data is None
        self.data = data
        wanted = data.snap.settings.theme
        if first and wanted and wanted != self.theme and wanted in self.available_themes:
            self.theme = wanted  # the theme chosen last time
        if data.empty and not self._welcomed:
            self._welcomed = True
            self.switch_mode("today")
            self.push_screen(WelcomeScreen())
        self.refresh_screens()

    def refresh_screens(self) -> None:
        """Refill the screens in the current stack (others refill when shown)."""
        for screen in self.screen_stack:
            if isinstance(screen, DataScreen):
                screen.refresh_data()

    # -- writing -----------------------------------------------------------------------------------
    def write(
        self,
        build: changes.Builder,
        *,
        undoable: bool = True,
        then: Callable[[changes.Change], Any] | None = None,
        key: str | None = None,
    ) -> None:
        """Make a change in a worker; notify, remember it for undo, and reload.

        With a ``key`` (what the write acts on, e.g. an agenda item), the write is made only
        if no other write with that key is still running or waiting to be shown: see
        :meth:`writing`. A second quick press thus never repeats the first one's write.
        """
        data = self.data
        if data is None:
            self.notify("Still reading the store — try again in a moment", severity="warning")
            return
        if key is not None:
            self._in_flight[key] = 0

        def work() -> changes.Change:
            try:
                with self._store_lock:
                    return changes.write(self.store, build, data.snap, data.sig)
            except BaseException:
                if key is not None:
                    self.call_from_thread(self._release, key)
                raise

        def done(change: changes.Change) -> None:
            if undoable and (change.added or change.after):
                self.undo_stack.append(change)
                self.notify(f"{change.message} — u to undo")
            else:
                self.notify(change.message)
            if then is not None:
                then(change)
            self.reload()
            if key is not None:
                self._in_flight[key] = self._version

        self.background(work, done, group="write", exclusive=False)

    def _release(self, key: str) -> None:
        self._in_flight.pop(key, None)

    def writing(self, key: str, shown: int) -> bool:
        """Whether a write with ``key`` is still running, or made but not yet in the load
        version ``shown`` (the version the asking screen last filled itself from)."""
        version = self._in_flight.get(key)
        if version is None:
            return False
        if version and shown >= version:
            del self._in_flight[key]
            return False
        return True

    def run_store_job(self, work: Callable[[Store], Any], message: str) -> None:
        """Run a whole-store job (demo data) in a worker, then reload."""

        def job() -> None:
            with self._store_lock:
                work(self.store)

        def done(_: None) -> None:
            self.notify(message)
            self.reload()

        self.background(job, done, group="write", exclusive=False)

    def _remember_theme(self, theme: Theme) -> None:
        """Keep the chosen theme in the store's settings, so the next start uses it."""
        if self.data is None or self.data.snap.settings.theme == theme.name:
            return

        def work() -> None:
            with self._store_lock, self.store.transaction() as store:
                settings = store.people().settings
                if settings.theme != theme.name:
                    store.save_settings(replace(settings, theme=theme.name))

        self.background(work, lambda _: None, group="theme")

    def add_starter_routine(self) -> None:
        """Add the starter habits (those not there yet)."""
        if self.data is not None:
            self.write(changes.starter_routine(self.data.today))

    def action_undo(self) -> None:
        """Take back the last change made in this session."""
        if not self.undo_stack:
            self.notify("Nothing to undo", severity="warning")
            return
        change = self.undo_stack.pop()

        def work() -> None:
            with self._store_lock:
                changes.undo(self.store, change)

        def done(_: None) -> None:
            self.notify(f"Undone: {change.message}")
            self.reload()

        self.background(work, done, group="write", exclusive=False)

    # -- navigation --------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Screen keys and undo wait while a dialog is open."""
        if action in ("go", "undo", "help") and isinstance(self.screen, ModalScreen):
            return False
        return not (action in ("go", "undo") and isinstance(self.screen, WelcomeScreen))

    def action_go(self, mode: str) -> None:
        """Switch to one of the four main screens (its own key again leaves a contact's page)."""
        if self.current_mode != mode:
            self.switch_mode(mode)
            return
        while len(self.screen_stack) > 1 and not isinstance(self.screen, ModalScreen):
            self.pop_screen()

    def action_help(self) -> None:
        """Show the keys."""
        self.push_screen(HelpScreen())

    def open_contact(self, uid: str) -> None:
        """Show one contact's page (on the Contacts screen)."""
        from networkhabit.tui.screens.contact_detail import ContactDetailScreen

        self.switch_mode("contacts")
        while isinstance(self.screen, ContactDetailScreen | ModalScreen):
            self.pop_screen()
        self.push_screen(ContactDetailScreen(uid))


def make_app(db_path: Path, store: Store | None = None) -> NetworkhabitApp:
    """The app on a store file (tests reuse this factory); ``store``, if given, is an
    already opened one, whose parse of the file the first load reuses."""
    return NetworkhabitApp(db_path, store)
