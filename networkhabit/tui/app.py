"""The networkhabit Textual app: screens as modes, data loading, live reload, writes and undo.

Data flow: the store is read into a :class:`~networkhabit.tui.data.Loaded` (a small store
before the first frame, a large one in a worker thread, in two steps) together with what the
screen on show needs (:meth:`NetworkhabitApp.prepare`); the screens showing it refill
themselves (other heavy parts in workers too). While a large store is first read the app
shows a one-line start screen; the Today screen is drawn with its data. A timer
polls the file's signature every second and reloads when another process wrote it.
Every write is an action's :class:`~networkhabit.actions.changes.Change`, made inside one
store transaction, and pushed on the undo stack; screens ask for writes with a
:class:`~networkhabit.tui.host.Write` message.
"""

from __future__ import annotations

import gc
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.css.types import CSSLocation
from textual.dom import DOMNode
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.theme import Theme
from textual.widgets import Static
from textual.worker import Worker, WorkerState, get_current_worker

from networkhabit.actions.session import Session, StoreError
from networkhabit.clock import ClockError
from networkhabit.clock import today as clock_today
from networkhabit.domain import contacts as contact_rules
from networkhabit.domain.errors import InputError
from networkhabit.domain.model import Interaction, Link
from networkhabit.tui.data import Loaded, after_change, load, read_links
from networkhabit.tui.gc_pause import collector_on, gc_paused
from networkhabit.tui.host import OpenContact, Write
from networkhabit.tui.screens.base import DataScreen
from networkhabit.tui.screens.today import TodayScreen, today_view
from networkhabit.tui.typeahead import TypeAhead
from networkhabit.tui.widgets.topbar import TopBar

if TYPE_CHECKING:
    from textual.widget import AwaitMount

    from networkhabit.actions import changes

T = TypeVar("T")

#: How often the store file is checked for writes by other processes.
POLL_SECONDS = 1.0
#: Errors that are the user's or the file's, shown as they are (no type name).
EXPECTED = (InputError, StoreError, ClockError)
#: A store file smaller than this is read before the first frame (in a few tens of
#: milliseconds): the first frame is the full Today screen, with no start screen before it.
#: A larger one is read in a worker, in two steps (see :mod:`networkhabit.tui.data`).
READ_AT_ONCE_BELOW = 3_000_000
#: Seconds after a first step is shown that the second one (the links) is read.
LINKS_AFTER = 0.15
#: Seconds after the first frame with the data that the import-ahead thread starts (see
#: :meth:`NetworkhabitApp._started`): after the frames that follow the first one (the screen
#: laid out again as its widgets settle, a key pressed at once), which it would otherwise
#: slow down (it holds the GIL while it imports, and the dialogs' CSS then follows on the UI
#: thread). A key pressed before it imports what it needs itself.
IMPORT_AHEAD_AFTER = 0.5
#: The garbage collector is on again this long after the app started, at the latest.
STARTED_AFTER = 5.0
#: The collector's full (oldest-generation) collections walk every object the app holds:
#: 50 ms and more on a large store, which, left to the collector, fall in the middle of a
#: key's write now and then. They are made by the app instead, once nothing was pressed or
#: written for this long (checked every :data:`COLLECT_CHECK` seconds).
COLLECT_WHEN_IDLE_FOR = 2.0
COLLECT_CHECK = 1.0
#: The collector's own threshold for full collections while the app runs: never reached.
NO_FULL_COLLECTIONS = 1_000_000
#: A write's new objects are frozen (out of every collection's sight, see
#: :meth:`NetworkhabitApp._write_in_worker`); an idle full collection looks at all again
#: once this many more objects are frozen since the last one (some writes: the old loads
#: they replaced, held in reference cycles, are freed then), or after
#: :data:`FULL_AT_LEAST_EVERY` seconds. It takes 0.2-0.3 s on the heavy benchmark store.
FULL_AFTER_FROZEN = 150_000
FULL_AT_LEAST_EVERY = 300.0


# What the first frame does not need is imported when first used: each module costs start-up
# time (Textual widgets, CSS, dataclasses), and the app opens on the Today screen.


def _contacts_screen() -> Screen:
    from networkhabit.tui.screens.contacts import ContactsScreen

    return ContactsScreen()


def _review_screen() -> Screen:
    from networkhabit.tui.screens.review import ReviewScreen

    return ReviewScreen()


def _network_screen() -> Screen:
    from networkhabit.tui.screens.network import NetworkScreen

    return NetworkScreen()


def _commands() -> type[Provider]:
    from networkhabit.tui.commands import NetworkhabitCommands

    return NetworkhabitCommands


def _first_frame_widgets() -> list[type[DOMNode]]:
    """The widget classes of the start screen and the Today screen, in the order they mount."""
    from textual.containers import Horizontal, Vertical, VerticalScroll

    from networkhabit.tui.widgets.agenda import AgendaList
    from networkhabit.tui.widgets.footer import KeysFooter
    from networkhabit.tui.widgets.neglected import NeglectedPanel
    from networkhabit.tui.widgets.streaks import StreaksPanel

    return [
        Screen,
        TopBar,
        Static,
        KeysFooter,
        Horizontal,
        Vertical,
        VerticalScroll,
        AgendaList,
        StreaksPanel,
        NeglectedPanel,
    ]


#: What a key, a screen or a dialog imports when first used: imported in a thread once the
#: first frame with the data is shown, so the first key does not pay for it on the UI thread.
IMPORT_AHEAD = (
    "networkhabit.actions.changes",
    "networkhabit.actions.habits",
    "networkhabit.actions.touches",
    "networkhabit.actions.intros",
    "networkhabit.actions.contacts",
    "networkhabit.actions.settings",
    "networkhabit.tui.flows",
    "networkhabit.tui.dialogs.log_touch",
    "networkhabit.tui.dialogs.snooze",
    "networkhabit.tui.dialogs.contact_form",
    "networkhabit.tui.dialogs.habit_form",
    "networkhabit.tui.dialogs.people",
    "networkhabit.tui.screens.contacts",
    "networkhabit.tui.screens.contact_detail",
    "networkhabit.tui.screens.review",
    "networkhabit.tui.screens.network",
    "networkhabit.tui.screens.help",
)


#: The import-ahead and the warm-up after it wait while a write runs or a key was pressed
#: less than this many seconds ago (they would share the interpreter with the key's work:
#: the first keys of a session stalled the app the most); checked every ``QUIET_POLL`` s.
QUIET_FOR = 0.3
QUIET_POLL = 0.05


def _import_ahead(busy: Callable[[], bool] = lambda: False) -> None:
    """Import :data:`IMPORT_AHEAD` (a module that fails is imported, and reports, when used),
    each once ``busy()`` says the user is not waiting on the app."""
    import importlib

    for name in IMPORT_AHEAD:
        while busy():
            time.sleep(QUIET_POLL)
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001, S112 (imported again where used: the error shows there)
            continue


def _is_welcome(screen: Screen) -> bool:
    """Whether ``screen`` is the welcome screen (whose module, until it was shown, is not
    even imported: the footer asks this for every key, from the first frame on)."""
    welcome = sys.modules.get("networkhabit.tui.screens.welcome")
    return welcome is not None and isinstance(screen, welcome.WelcomeScreen)


class WarmUp(Message):
    """The import-ahead thread is done (posted from it: a message is thread-safe)."""


class NetworkhabitApp(TypeAhead, App[None]):
    """Full-screen networkhabit."""

    CSS_PATH = "app.tcss"
    TITLE = "networkhabit"
    MODES: ClassVar[dict[str, str | Callable[[], Screen]]] = {
        "today": TodayScreen,
        "contacts": _contacts_screen,
        "review": _review_screen,
        "network": _network_screen,
    }
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = App.COMMANDS | {
        _commands
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

    def __init__(self, db_path: Path, session: Session | None = None) -> None:
        super().__init__()
        self.db_path = Path(db_path)
        self.session = session if session is not None else Session(self.db_path, check=False)
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
        #: Writes of this app still running (the file changing meanwhile is their doing).
        self._writes = 0
        # The cyclic garbage collector is off while the app starts (it would walk the many
        # objects the start makes again and again); on from the first frame with the data.
        self._starting = True
        #: Whether a mode switch is under way (see :meth:`switch_mode`).
        self._switching_mode = False
        gc.disable()
        #: The collector's thresholds as the app found them (restored when it ends).
        self._gc_threshold = gc.get_threshold()
        #: When a key or a write last happened; whether a full collection came after it.
        self._active_at = time.monotonic()
        self._collected = False
        #: How many objects were frozen after the last full collection of them all, and when.
        self._frozen_at_full = 0
        self._full_at = time.monotonic()

    # -- start-up --------------------------------------------------------------------------------
    #: The CSS update count (Textual's: bumped by a theme change) the stylesheet was last
    #: refreshed for; at start it is made for the theme the app starts with.
    _css_refreshed_for = 0

    def refresh_css(self, animate: bool = True) -> None:
        """Refresh the stylesheet (after a theme change), remembering for which."""
        super().refresh_css(animate)
        self._css_refreshed_for = self._css_update_count

    def switch_mode(self, mode: str) -> AwaitMount:
        """As Textual's, without the 50 ms it holds every frame back for: it masks a screen
        that opens in several passes, and ours open whole in their first frame (see
        :mod:`networkhabit.tui.widgets.modal`). Held back, that frame was drawn for nothing
        and the screen drawn whole again at the end of the 50 ms — at the start too, where
        there is nothing to mask."""
        self._switching_mode = True
        try:
            return super().switch_mode(mode)
        finally:
            self._switching_mode = False

    def delay_update(self, delay: float = 0.05) -> None:
        """As Textual's, except for a mode switch (see :meth:`switch_mode`)."""
        if not self._switching_mode:
            super().delay_update(delay)

    def update_styles(self, node: DOMNode, animate: bool = True) -> None:
        """As Textual's, but a node not in the app's tree yet is left be: it is styled as it
        is mounted, with its ancestors' rules, which styling it now cannot see. (A widget
        given a class while it is made — the compact inputs, buttons and selects of every
        dialog, each panel of Today — was styled once for nothing: the three panels alone were
        a tenth of the start's work beyond Textual's own.)"""
        if node is not self and not node.is_attached:
            return
        super().update_styles(node, animate)

    def styled_now(self, screen: Screen[Any]) -> None:
        """Mark a new screen as styled with the stylesheet as it is, if no theme change waits
        to be applied. Textual otherwise re-parses the whole stylesheet and restyles the app,
        twice, when it first shows a screen: tens of milliseconds for nothing, as a screen
        mounted now is styled from the current stylesheet anyway."""
        if self._css_update_count == self._css_refreshed_for:
            screen._css_update_count = self._css_update_count

    def _get_default_css(self) -> list[tuple[CSSLocation, str, int, str]]:
        """The app's default CSS, and that of every widget the first frames show.

        Textual parses the whole stylesheet again each time a widget class it has not seen
        is mounted (ten times while the Today screen opens); given all of them at start, it
        parses once. The result is the same: the same sources, in the order they would come.
        """
        from networkhabit.tui.warmup import default_css_of

        sources = super()._get_default_css()
        for widget in _first_frame_widgets():
            sources += default_css_of(widget)
        return sources

    def get_line_filters(self) -> list[Any]:
        """Textual's line filters plus :data:`~networkhabit.tui.widgets.safe_text.SAFE_TEXT`:
        no control character from the store reaches the terminal raw, whatever widget draws
        it (issue 18)."""
        from networkhabit.tui.widgets.safe_text import SAFE_TEXT

        return [*super().get_line_filters(), SAFE_TEXT]

    def compose(self) -> ComposeResult:
        """The start screen, shown while a large store is first read (drawing the Today
        screen empty meanwhile would only slow the reading down); none for a small one."""
        if not self._small_store():
            yield TopBar("today")
            yield Static("reading the store…", id="starting")

    def on_mount(self) -> None:
        """Read the store (a small one at once, a large one in a worker while the start screen
        shows); the Today screen follows with its data (see :meth:`_loaded`)."""
        self.reload(at_once=self._small_store())
        self.set_timer(STARTED_AFTER, self._started, name="started")  # at the latest
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

        # The worker object outlives the job (in a reference cycle with its task, freed by
        # the collector): it must not hold what the job closes over (a load and its views,
        # tens of thousands of objects), so the job takes them out of this box as it starts.
        box: list[Any] = [work, done]

        def job() -> None:
            run, then = box
            box.clear()
            result = run()
            if not get_current_worker().is_cancelled:
                self.call_from_thread(then, result)

        return self.run_worker(
            job, thread=True, group=group, exclusive=exclusive, exit_on_error=False, name=group
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place worker errors become messages (the app never crashes on them)."""
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        if event.worker.group == "load" and self.current_mode == self.DEFAULT_MODE:
            self.switch_mode("today")  # the screens work without data (they say so)
            self._started()
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
    def _started(self) -> None:
        """The start is over: the collector is on (a long-running app needs it), and what the
        first key, screen or dialog will need is imported in a thread, once the start has
        settled (:data:`IMPORT_AHEAD_AFTER`)."""
        if self._starting:
            self._starting = False
            young, middle, _full = self._gc_threshold
            gc.set_threshold(young, middle, NO_FULL_COLLECTIONS)  # see collect_when_idle
            collector_on()  # (a dialog opening meanwhile turns it on once it has shown)
            self.set_interval(COLLECT_CHECK, self.collect_when_idle, name="collect when idle")
            self.set_timer(IMPORT_AHEAD_AFTER, self._start_import_ahead, name="import ahead")

    def _start_import_ahead(self) -> None:
        """Start the import-ahead thread (see :meth:`_import_ahead_then_warm_up`)."""
        threading.Thread(
            target=self._import_ahead_then_warm_up, name="import ahead", daemon=True
        ).start()

    def _import_ahead_then_warm_up(self) -> None:
        """In the import-ahead thread: the imports, then the dialogs' CSS on the UI thread
        (in small steps between keys: see :mod:`networkhabit.tui.warmup`). A message, not
        ``call_from_thread``: that would wait, for ever if the app had closed meanwhile."""
        _import_ahead(self.busy)
        self.post_message(WarmUp())

    def on_warm_up(self, _message: WarmUp) -> None:
        """The import-ahead thread is done: the dialogs' CSS next, a step at a time."""
        from networkhabit.tui.warmup import warm_up

        warm_up(self, self.busy)

    def busy(self) -> bool:
        """A write is running, or a key was pressed in the last :data:`QUIET_FOR` seconds:
        work that can wait (the import-ahead, the warm-up) waits."""
        return bool(self._writes) or time.monotonic() - self._active_at < QUIET_FOR

    def active(self) -> None:
        """Something was pressed or written: garbage to collect, but not now."""
        self._active_at = time.monotonic()
        self._collected = False

    def collect_when_idle(self) -> bool:
        """A full collection, once nothing has happened for :data:`COLLECT_WHEN_IDLE_FOR`
        seconds since the last one (True when it made one); it looks at the frozen objects
        too when enough were frozen since it last did (see :data:`FULL_AFTER_FROZEN`)."""
        now = time.monotonic()
        if self._collected or self._writes or now - self._active_at < COLLECT_WHEN_IDLE_FOR:
            return False
        frozen = gc.get_freeze_count()
        if (
            frozen - self._frozen_at_full >= FULL_AFTER_FROZEN
            or now - self._full_at >= FULL_AT_LEAST_EVERY
        ):
            gc.unfreeze()  # what the start and the writes froze is looked at too
            gc.collect()
            self._freeze_all()  # what is left lives on: out of the young collections' sight
            self._full_at = now
        else:
            gc.collect()  # what is not frozen: a few milliseconds
        self._collected = True
        return True

    @staticmethod
    def _freeze_made() -> None:
        """What a worker just made (a load, its views: made with the collector paused) out of
        the young collections' sight: left there, it was walked right after, 10-30 ms at a
        time on a large store, on the UI's time. The next full collection when idle sees it
        (see :meth:`collect_when_idle`)."""
        gc.freeze()

    def _freeze_all(self) -> None:
        """Everything alive now out of the collector's sight, counted as looked at (the next
        full collection waits for :data:`FULL_AFTER_FROZEN` more)."""
        gc.freeze()
        self._frozen_at_full = gc.get_freeze_count()

    async def on_event(self, event: events.Event) -> None:
        """Every key counts as activity (see :meth:`collect_when_idle`)."""
        if isinstance(event, events.Key):
            self.active()
        await super().on_event(event)

    def on_unmount(self) -> None:
        """Leave the collector on, with its own thresholds, however the app ends."""
        self._started()
        gc.set_threshold(*self._gc_threshold)

    def _small_store(self) -> bool:
        try:
            return self.session.path.stat().st_size < READ_AT_ONCE_BELOW
        except OSError:
            return True  # no file yet: nothing to read

    def reload(self, at_once: bool = False) -> None:
        """Read the store again (in a worker, or ``at_once`` on this thread) and refresh what
        is on screen."""
        self._version += 1
        version = self._version
        try:
            self._tried_sig = self.session.signature()
        except StoreError:
            self._tried_sig = None
        complete = at_once or self._small_store()

        def work() -> Loaded:
            with gc_paused():
                with self._store_lock:
                    data = load(self.session, version, complete)
                if version == 1:
                    # What the start made lives long (the modules, the app, the first load):
                    # out of the collector's sight from now on, so that each full collection
                    # does not walk it all again (the first paint took up to twice as long).
                    self._freeze_all()
                self.prepare(data)
                if version != 1:
                    self._freeze_made()  # (as after a write)
            return data

        if at_once:
            try:
                data = work()
            except Exception:  # noqa: BLE001 (read again in a worker: its error is reported)
                self.background(work, self._loaded, group="load")
                return
            self._loaded(data)
            return
        self.background(work, self._loaded, group="load")

    def touches_of(self, data: Loaded, uid: str) -> list[Interaction]:
        """Every touch with a contact, newest first (call it in a worker). The load holds
        only an index of the touches: the contact's are read from the store."""
        if not data.snap.partial:
            return contact_rules.timeline(uid, data.snap.interactions)
        with self._store_lock, gc_paused():
            touches = self.session.touches_of(uid)
        return contact_rules.timeline(uid, touches)

    def poll_store(self) -> None:
        """Reload when another process changed the file, or the day changed."""
        try:
            sig = self.session.signature()
            day = clock_today()
        except EXPECTED:
            return
        if self._writes:
            return  # the file changes under our own write: it shows what it wrote when done
        if sig != self._tried_sig or (self.data is not None and day != self.data.today):
            self.reload()

    def prepare(self, data: Loaded, intros: bool = False) -> None:
        """Work out, in the loading worker, the view of the screen on show (the start screen
        counts as Today), so it fills itself as soon as the data is there; again if the
        user switched screens meanwhile. ``intros``: Today's with its introduction
        suggestions, however large the network (see :func:`today_view`)."""
        while True:
            mode = self.current_mode  # read from the worker: at worst a view goes unused
            name = "today" if mode == self.DEFAULT_MODE else mode
            if name in data.views or name not in ("today", "contacts"):
                return
            if name == "today":
                data.views[name] = today_view(data, intros)
            else:
                from networkhabit.tui.screens.contacts import contact_rows

                data.views[name] = contact_rows(data)

    def _loaded(self, data: Loaded) -> None:
        first = self.data is None
        self.data = data
        wanted = data.snap.settings.theme
        if first and wanted and wanted != self.theme and wanted in self.available_themes:
            self.theme = wanted  # the theme chosen last time
        if self.current_mode == self.DEFAULT_MODE:
            self.switch_mode("today")
        if data.empty and not self._welcomed:
            from networkhabit.tui.screens.welcome import WelcomeScreen

            self._welcomed = True
            self.switch_mode("today")
            self.push_screen(WelcomeScreen())
        self.refresh_screens()
        if self._starting:
            self.call_after_refresh(self._started)
        if not data.complete:
            self.set_timer(LINKS_AFTER, lambda: self._read_links(data), name="read links")

    def _read_links(self, data: Loaded) -> None:
        """The second step of a two-step read, once the first is shown."""
        if self.data is not data:
            return  # a newer read came meanwhile (it reads its own links)

        def work() -> tuple[Link, ...] | None:
            with self._store_lock, gc_paused():
                links = read_links(self.session, data.sig)
                if data.version == 1:
                    # The second half of the first read lives as long as the first: out of
                    # the collector's sight too (a full collection walked the 25,000 links
                    # of a large network again and again, 40-70 ms with the GIL held).
                    self._freeze_all()
                else:
                    self._freeze_made()
                return links

        def done(links: tuple[Link, ...] | None) -> None:
            if self.data is not data:
                return
            if links is None:  # the file changed since the first step: read it all again
                self.reload()
                return
            self.data = data.with_links(links)
            self.refresh_screens()

        self.background(work, done, group="links")

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

        from networkhabit.actions import changes

        def make() -> changes.Change:
            snap, sig = data.snap, data.sig
            if not data.complete:  # the links are not read yet: read them now
                links = read_links(self.session, data.sig)
                if links is None:
                    sig = None  # the file changed: the write reads it all again
                else:
                    snap = data.with_links(links).snap
            return changes.write(self.session, build, snap, sig)

        def done(change: changes.Change) -> None:
            if undoable and not change.empty:  # removals too (a link, a check-in taken back)
                self.undo_stack.append(change)
                self.notify(f"{change.message} — u to undo")
            else:
                self.notify(change.message)
            if then is not None:
                then(change)

        self._write_in_worker(data, make, done, key)

    def _write_in_worker(
        self,
        data: Loaded | None,
        make: Callable[[], changes.Change],
        done: Callable[[changes.Change], Any],
        key: str | None = None,
    ) -> None:
        """Make a change (``make``, under the store lock) in a worker, then ``done`` with it on
        the UI thread and show what it wrote (see :meth:`show_written`). The collector is
        paused meanwhile; the poll does not read the file this write is changing."""
        self._writes += 1
        self.active()

        def work() -> tuple[changes.Change, Loaded | None]:
            try:
                with gc_paused():
                    with self._store_lock:
                        change = make()
                        fresh = None
                        if data is not None:
                            fresh = after_change(self.session, data, change, data.version)
                    if fresh is not None:
                        # With the suggestions: the agenda, already showing the change, is
                        # filled once more (not again 0.2 s later when they would follow).
                        self.prepare(fresh, intros=True)
                    self._freeze_made()  # (the new load, its views)
            except BaseException:
                self.call_from_thread(self._write_failed, key)
                raise
            return change, fresh

        def finish(result: tuple[changes.Change, Loaded | None]) -> None:
            change, fresh = result
            self._writes -= 1
            done(change)
            if data is None:
                self.reload()
            else:
                self.show_written(data, fresh)
            if key is not None:
                self._in_flight[key] = self._version

        self.background(work, finish, group="write", exclusive=False)

    def show_written(self, data: Loaded, fresh: Loaded | None) -> None:
        """Show the store as this app's write left it: ``fresh`` (the change made to the load
        it was written over, nothing read again) if that load is still the one shown, else
        read the store again."""
        if fresh is None or self.data is not data:
            self.reload()
            return
        self._version += 1
        self._tried_sig = fresh.sig
        self._loaded(replace(fresh, version=self._version))

    def _release(self, key: str) -> None:
        self._in_flight.pop(key, None)

    def _write_failed(self, key: str | None) -> None:
        self._writes -= 1
        if key is not None:
            self._release(key)

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

    def write_demo(self) -> None:
        """Fill the (still empty) store with the demo data in a worker, then reload."""
        from networkhabit.actions.demo import fill_empty

        def job() -> None:
            with self._store_lock:
                fill_empty(self.session, clock_today())

        def done(_: None) -> None:
            self.notify("Demo data added — about 40 contacts and a year of touches")
            self.reload()

        self.background(job, done, group="write", exclusive=False)

    def on_write(self, message: Write) -> None:
        """A screen asks for a change."""
        self.write(message.build, key=message.key, undoable=message.undoable, then=message.then)

    def on_open_contact(self, message: OpenContact) -> None:
        """A screen asks to show a contact's page."""
        self.open_contact(message.uid)

    def _remember_theme(self, theme: Theme) -> None:
        """Keep the chosen theme in the store's settings, so the next start uses it."""
        if self.data is None or self.data.snap.settings.theme == theme.name:
            return

        def work() -> None:
            from networkhabit.actions import settings as settings_actions

            with self._store_lock:
                settings_actions.set_value(self.session, "theme", theme.name)

        self.background(work, lambda _: None, group="theme")

    def add_starter_routine(self) -> None:
        """Add the starter habits (those not there yet)."""
        from networkhabit.actions import habits

        if self.data is not None:
            self.write(habits.starter_routine(self.data.today))

    def action_undo(self) -> None:
        """Take back the last change made in this session."""
        if not self.undo_stack:
            self.notify("Nothing to undo", severity="warning")
            return
        from networkhabit.actions import changes

        change = self.undo_stack.pop()
        self._write_in_worker(
            self.data,
            lambda: changes.undo(self.session, change),
            lambda _undone: self.notify(f"Undone: {change.message}"),
        )

    # -- navigation --------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Screen keys and undo wait while a dialog is open."""
        if action in ("go", "undo", "help") and isinstance(self.screen, ModalScreen):
            return False
        return not (action in ("go", "undo") and _is_welcome(self.screen))

    def action_go(self, mode: str) -> None:
        """Switch to one of the four main screens (its own key again leaves a contact's page)."""
        if self.current_mode != mode:
            self.switch_mode(mode)
            return
        while len(self.screen_stack) > 1 and not isinstance(self.screen, ModalScreen):
            self.pop_screen()

    def action_help(self) -> None:
        """Show the keys."""
        from networkhabit.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen())

    def open_contact(self, uid: str) -> None:
        """Show one contact's page (on the Contacts screen)."""
        from networkhabit.tui.screens.contact_detail import ContactDetailScreen

        self.switch_mode("contacts")
        while isinstance(self.screen, ContactDetailScreen | ModalScreen):
            self.pop_screen()
        self.push_screen(ContactDetailScreen(uid))


def make_app(db_path: Path, session: Session | None = None) -> NetworkhabitApp:
    """The app on a store file (tests reuse this factory); ``session``, if given, is an
    already opened one, whose parse of the file the first load reuses."""
    return NetworkhabitApp(db_path, session)
