"""Start a Textual app headless and exit as soon as what it should show is in a painted frame.

    python benchmarks/tui_open.py floor              a bare App showing one Static (floor_tui)
    python benchmarks/tui_open.py today STORE        networkhabit until the agenda shows items
    python benchmarks/tui_open.py contacts STORE     networkhabit, Contacts screen (the ``c`` key
                                                     at once) until the table shows rows

``run.py`` times this whole process. The floor and the app go through the same mechanism:
``App.run_test(size=SIZE)`` (headless driver), a 10 ms interval timer on the app that checks
:func:`on_screen`, then ``pilot.pause(0)`` (every widget handles what is queued, then the
screen paints what is dirty: the frame that shows it), then ``os._exit(0)``: no shutdown,
as a user sees it — the time to the first useful frame. The app is opened as the bare
``networkhabit`` command opens it (:func:`networkhabit.start.make`: the store checked, then
the app made on it).
Exit 1 with one line on stderr if the app fails or the condition does not hold within 60 s.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App
    from textual.widget import Widget

#: The terminal size (columns, rows) of every run.
SIZE = (120, 40)
#: How often the condition is checked (a timer on the app's own loop: cheap).
POLL_S = 0.01
#: Give up after this long.
TIMEOUT_S = 60.0
TARGETS = ("floor", "today", "contacts")


def on_screen(app: App[Any], target: str) -> Widget | None:
    """THE conditions (keep them in step with the app): the widget that must be painted for
    ``target`` to count as on screen, or None while it does not hold its data yet.

    - ``floor``: the bare app's one Static is mounted.
    - ``today``: the Today screen is the current screen and its agenda (``#agenda``, an
      AgendaList) holds at least one item from the store, not just a placeholder
      (``items`` is filled by ``AgendaList.show`` from the worker's view; the heavy store
      always has due items: follow-ups, habits, people to reach).
    - ``contacts``: the Contacts screen is the current screen and its table (``#contacts``:
      ContactTable's ``rows``, or a DataTable's ``row_count``) has at least one row.

    And for every target: no update batch is open (``App._batch_count``; Textual's
    ``switch_mode`` opens one for 50 ms, ``delay_update``): while one is, Textual draws
    frames but sends none to the terminal, so nothing counts as shown.
    """
    from textual.css.query import NoMatches

    if getattr(app, "_batch_count", 0):
        return None  # Textual sends no frame to the terminal while an update batch is open
    try:
        screen = app.screen
        if target == "floor":
            from textual.widgets import Static

            static = screen.query_one(Static)
            return static if static.is_mounted else None
        if target == "today":
            from networkhabit.tui.screens.today import TodayScreen

            if not isinstance(screen, TodayScreen):
                return None
            agenda = screen.query_one("#agenda")
            items = getattr(agenda, "items", ())
            return agenda if items and agenda.option_count else None  # type: ignore[attr-defined]
        if target == "contacts":
            from networkhabit.tui.screens.contacts import ContactsScreen

            if not isinstance(screen, ContactsScreen):
                return None
            table = screen.query_one("#contacts")
            rows = getattr(table, "row_count", None)
            if rows is None:
                rows = len(getattr(table, "rows", ()))
            return table if rows >= 1 and table.size.height >= 2 else None
    except NoMatches:
        return None
    raise ValueError(f"unknown target {target!r}")


def make(target: str, store_path: Path | None) -> App[Any]:
    """The app to start: the bare floor app, or networkhabit as ``networkhabit`` opens it."""
    if target == "floor":
        from textual.app import App, ComposeResult
        from textual.widgets import Static

        class Bare(App[None]):
            def compose(self) -> ComposeResult:
                yield Static("networkhabit")

        return Bare()
    # As the bare `networkhabit` command opens it (entry.run -> start.run_bare, with
    # NETWORKHABIT_DB set to the store): the store is opened and checked, then the app is made
    # on it. No command line module: with nothing to parse, the command imports none.
    from networkhabit.start import make as make_app

    assert store_path is not None
    return make_app(str(store_path))


async def first_frame(app: App[Any], target: str) -> None:
    """Run ``app`` headless until :func:`on_screen` holds and the screen has repainted, then
    end the process (exit 1 with one line on stderr if the app failed or time ran out)."""
    async with app.run_test(size=SIZE) as pilot:
        if target == "contacts":
            await app.run_action("go('contacts')")  # what the `c` key does
        reached = asyncio.Event()

        def check() -> None:
            if not reached.is_set() and on_screen(app, target) is not None:
                reached.set()

        check()
        app.set_interval(POLL_S, check, name="benchmark: on screen?")
        waiting = [asyncio.ensure_future(reached.wait())]
        running = getattr(app, "_task", None)  # run_test's task: done if the app died
        if running is not None:
            waiting.append(running)
        await asyncio.wait(waiting, timeout=TIMEOUT_S, return_when=asyncio.FIRST_COMPLETED)
        if not reached.is_set():
            error = getattr(app, "_exception", None)
            why = (
                f"the app stopped: {type(error).__name__}: {error}"
                if error is not None
                else f"not on screen after {TIMEOUT_S:.0f} s"
            )
            finish(1, f"tui_open {target}: {why}")
        # Let every widget handle what is queued (the widget's repaint request reaches the
        # screen), then paint what is dirty now: the frame that shows it.
        await pilot.pause(0)
        finish(0)


def finish(code: int, message: str = "") -> None:
    """End the process now: no app shutdown, no interpreter teardown (the frame is what
    counts, as for a user looking at it)."""
    if message:
        sys.stderr.write(message.splitlines()[0] + "\n")
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: list[str]) -> None:
    """Parse the arguments and run (exit 0: shown; 1: failed or timed out; 2: bad usage)."""
    if not argv or argv[0] not in TARGETS or (argv[0] != "floor") != (len(argv) == 2):
        finish(2, "usage: tui_open.py floor | today STORE | contacts STORE")
    target = argv[0]
    try:
        app = make(target, Path(argv[1]) if len(argv) > 1 else None)
        asyncio.run(first_frame(app, target))
    except Exception as exc:  # noqa: BLE001 (any failure: one line, like the CLI)
        finish(1, f"tui_open {target}: {type(exc).__name__}: {exc}")
    finish(1, f"tui_open {target}: the app ended before it showed anything")


if __name__ == "__main__":
    main(sys.argv[1:])
