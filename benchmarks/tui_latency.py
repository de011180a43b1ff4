"""The app's latencies, measured inside one process (Textual's pilot, headless), as JSON on stdout.

    python benchmarks/tui_latency.py keys STORE [--presses N]
    python benchmarks/tui_latency.py screens [--today 2026-11-20]

``keys``: the app opens on a *copy* of STORE and settles (loaded, no worker running, no list
filling). Then N times: the cursor goes to a habit on the agenda, space is pressed, and the
clock runs until the agenda's items differ from before the key and the screen has next
refreshed (``call_after_refresh``): the **key-to-paint** latency (the first press includes
importing the code that writes). Meanwhile a 10 ms interval timer ticks on
the app's event loop; the **stall** is the longest gap between its ticks (or from the key to
the first tick) from the key until the app is idle again (the write, the reload and the
refill are all inside that window): how long the UI thread could not answer a key. Then
:data:`RELOADS` times another process writes the store (``networkhabit log``, as from another
shell) and the app reads it again: the **reload stall** is the longest gap between ticks from
the end of that process until the app shows the new version, idle and painted (the app looks
for a change once a second: the wait for that look is in the window, doing nothing).

``screens``: the demo store (``networkhabit demo``'s data for ``--today``) in a temporary
folder; from Today, each screen's **first open** (the key to the frame that shows the screen
current, idle and filled in): Contacts, Review, Network, a contact's page, Help; and each
**dialog** (the key to the frame that shows the dialog; escape closes it): log a touch (l on
Today), snooze a contact (s on Today), move a follow-up (s on a follow-up), add a contact (a
on Contacts), edit a contact (e on Contacts). The clock does not wait for ``pilot.press`` to
return: it returns once the process is idle, a harness cost of some 40 ms no user waits for.

``run.py`` runs this after the whole-process paths; the numbers are wall times on whatever
else the machine is doing (never asserted in tests: ``tests/test_benchmarks.py`` checks the
harness runs on the tiny store).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import itertools

import generate as gen

#: The terminal size (columns, rows) of every run, as tui_open.py.
SIZE = (120, 40)
#: The stall probe's interval.
TICK_S = 0.01
#: Give up waiting for anything after this long.
TIMEOUT_S = 60.0
#: How many writes by another process the app reads again (``keys``).
RELOADS = 3


class Probe:
    """A 10 ms timer on the app's loop, recording when it ticked."""

    def __init__(self, app: Any) -> None:
        self.ticks: list[float] = []
        app.set_interval(TICK_S, lambda: self.ticks.append(time.perf_counter()), name="probe")

    def longest_gap(self, start: float, end: float) -> float:
        """The longest time in [start, end] the loop went without a tick."""
        inside = [t for t in self.ticks if start <= t <= end]
        points = [start, *inside, end]
        return max(b - a for a, b in itertools.pairwise(points))


def busy(app: Any) -> bool:
    """A worker running, a list still filling in, intros still to come, or an update batch
    open (Textual sends no frame to the terminal meanwhile: ``App._batch_count``)."""
    from textual.worker import WorkerState

    from networkhabit.tui.widgets.wrapping_list import WrappingList

    if getattr(app, "_batch_count", 0):
        return True
    if any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers):
        return True
    if any(w.filling for w in app.screen.query(WrappingList)):
        return True
    return bool(getattr(app.screen, "pending", False)) or getattr(app, "data", None) is None


async def until(condition: Callable[[], bool], what: str) -> None:
    """Let the loop run (1 ms steps) until ``condition`` holds."""
    deadline = time.perf_counter() + TIMEOUT_S
    while not condition():
        if time.perf_counter() > deadline:
            raise SystemExit(f"tui_latency: never happened: {what}")
        await asyncio.sleep(0.001)


async def idle(app: Any) -> None:
    """Until the app is idle three checks in a row (a worker may start right after another)."""
    calm = 0

    def check() -> bool:
        nonlocal calm
        calm = 0 if busy(app) else calm + 1
        return calm >= 3

    await until(check, "the app idle")


async def after_refresh(app: Any) -> float:
    """When the screen has next been refreshed (painted)."""
    done: asyncio.Future[float] = asyncio.get_running_loop().create_future()

    def painted() -> None:
        if not done.done():
            done.set_result(time.perf_counter())

    app.screen.call_after_refresh(painted)
    return await done


def open_app(store: Path) -> Any:
    """networkhabit on ``store`` as the bare ``networkhabit`` command opens it."""
    from networkhabit.start import make

    return make(str(store))


async def keys(store: Path, presses: int) -> dict[str, Any]:
    """Key-to-paint and the longest stall for ``presses`` spaces on habits."""
    from networkhabit.tui.widgets.agenda import AgendaList

    app = open_app(store)
    latencies: list[float] = []
    stalls: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await idle(app)
        probe = Probe(app)
        for _ in range(presses):
            agenda = app.screen.query_one(AgendaList)
            habits = [n for n, it in enumerate(agenda.items) if it.kind == "habit"]
            if not habits:
                break
            agenda.highlighted = agenda.get_option_index(agenda._keys[habits[0]])
            await pilot.pause(0)
            before = list(agenda.items)
            start = time.perf_counter()
            # Not awaited: pilot.press returns only once every queue is empty (the write's
            # reload included), later than the frame the user sees.
            pressing = asyncio.ensure_future(pilot.press("space"))
            await until(lambda: agenda.items != before, "the agenda changed")  # noqa: B023
            painted = await after_refresh(app)  # the frame that shows it
            await pressing
            await idle(app)
            stalls.append(probe.longest_gap(start, time.perf_counter()))
            latencies.append(painted - start)
        reloads = [await reload(app, store, probe, n) for n in range(RELOADS)]
    return {
        "presses": len(latencies),
        "key_to_paint_s": [round(t, 4) for t in latencies],
        "stall_s": [round(t, 4) for t in stalls],
        "key_to_paint_median_s": statistics.median(latencies) if latencies else None,
        "stall_max_s": max(stalls) if stalls else None,
        "reload_stall_s": [round(t, 4) for t in reloads],
    }


async def reload(app: Any, store: Path, probe: Probe, n: int) -> float:
    """Another process logs a touch in ``store``; the longest stall from its end until the app
    shows the store as it left it (idle and painted)."""
    version = app.data.version
    env = {**os.environ, "NETWORKHABIT_DB": str(store)}
    other = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "networkhabit", "log", gen.ANA, "--note", f"from elsewhere {n}",
        env=env, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    _, err = await other.communicate()
    if other.returncode:
        raise SystemExit(f"tui_latency: the other process failed: {err.decode()[:200]}")
    start = time.perf_counter()
    await until(lambda: app.data is not None and app.data.version > version, "read again")
    await idle(app)
    end = await after_refresh(app)
    return probe.longest_gap(start, end)


async def screens(store: Path) -> dict[str, Any]:
    """Each screen's first open and each dialog, from the demo store's Today."""
    from networkhabit.tui.dialogs.base import FormDialog
    from networkhabit.tui.screens.contact_detail import ContactDetailScreen
    from networkhabit.tui.screens.contacts import ContactsScreen
    from networkhabit.tui.screens.help import HelpScreen
    from networkhabit.tui.screens.network import NetworkScreen
    from networkhabit.tui.screens.review import ReviewScreen
    from networkhabit.tui.widgets.agenda import AgendaList

    app = open_app(store)
    opened: dict[str, float] = {}
    dialogs: dict[str, float] = {}
    async with app.run_test(size=SIZE) as pilot:
        await idle(app)

        async def screen(name: str, key: str, kind: type) -> None:
            start = time.perf_counter()
            # Not awaited before the clock stops (as in keys): pilot.press returns only once
            # the process is idle, a harness cost of some 40 ms that no user waits for.
            pressing = asyncio.ensure_future(pilot.press(key))
            await until(lambda: isinstance(app.screen, kind), f"{name} open")
            await idle(app)
            opened[name] = await after_refresh(app) - start
            await pressing

        async def dialog(name: str, key: str) -> None:
            start = time.perf_counter()
            pressing = asyncio.ensure_future(pilot.press(key))
            await until(lambda: isinstance(app.screen, FormDialog), f"the {name} dialog")
            dialogs[name] = await after_refresh(app) - start
            await pressing
            await pilot.press("escape")
            await until(lambda: not isinstance(app.screen, FormDialog), f"{name} closed")
            await idle(app)

        async def agenda_to(kind: str) -> None:
            agenda = app.screen.query_one(AgendaList)
            found = [n for n, it in enumerate(agenda.items) if it.kind == kind]
            if not found:
                raise SystemExit(f"tui_latency: no {kind} item on the demo agenda")
            agenda.highlighted = agenda.get_option_index(agenda._keys[found[0]])
            await pilot.pause(0)

        await dialog("log a touch (l)", "l")
        await agenda_to("neglected")
        await dialog("snooze a contact (s)", "s")
        await agenda_to("follow_up")
        await dialog("move a follow-up (s)", "s")
        await screen("Contacts", "c", ContactsScreen)
        await dialog("add a contact (a)", "a")
        await dialog("edit a contact (e)", "e")
        await screen("a contact's page (enter)", "enter", ContactDetailScreen)
        await pilot.press("escape")
        await idle(app)
        await screen("Review", "w", ReviewScreen)
        await screen("Network", "n", NetworkScreen)
        await screen("Help (?)", "question_mark", HelpScreen)
        await pilot.press("escape")
        await until(lambda: not isinstance(app.screen, HelpScreen), "help closed")
    return {"screens": opened, "dialogs": dialogs}


def main(argv: list[str]) -> None:
    """The command line: JSON on stdout."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("what", choices=["keys", "screens"])
    parser.add_argument("store", nargs="?", type=Path)
    parser.add_argument("--presses", type=int, default=5)
    parser.add_argument("--today", default=gen.TODAY)
    args = parser.parse_args(argv)
    os.environ.setdefault("NETWORKHABIT_TODAY", args.today)
    os.environ.pop("NETWORKHABIT_DEBUG", None)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "store.json"
        if args.what == "keys":
            if args.store is None:
                parser.error("keys needs a STORE")
            shutil.copyfile(args.store, work)
            os.chmod(work, 0o600)
            os.environ["NETWORKHABIT_DB"] = str(work)
            result = asyncio.run(keys(work, args.presses))
        else:
            from datetime import date

            from networkhabit.demo import build_demo
            from networkhabit.store import Store

            Store(work).replace_all(build_demo(date.fromisoformat(args.today)))
            os.environ["NETWORKHABIT_DB"] = str(work)
            result = asyncio.run(screens(work))
    sys.stdout.write(json.dumps(result, indent=2) + "\n")
    sys.stdout.flush()
    os._exit(0)  # no app shutdown or interpreter teardown to wait for


if __name__ == "__main__":
    main(sys.argv[1:])
