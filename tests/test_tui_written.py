"""After its own write the app shows what it wrote without reading the store again: the change
made to the load on show, the touches' index as the store wrote it (issue 15: "one item's
change does not rebuild the whole agenda", no parse or decode on the UI's reload). When
another process wrote in between, it reads the store again."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from networkhabit.actions import changes, habits, touches
from networkhabit.actions.session import Session
from networkhabit.domain.model import CheckIn, Contact, Habit, Link, new_uid
from networkhabit.store import Store
from networkhabit.tui import app as app_module
from networkhabit.tui.app import NetworkhabitApp
from networkhabit.tui.data import load
from networkhabit.tui.screenshots import settle
from tests.conftest import TODAY, days_ago, person, run_cli, world
from tests.pilot import Scenario, cursor_on, until
from tests.pilot import drive as pilot_drive


def the_world() -> Any:
    daily = Habit(new_uid(), "Reach out to 1 person", days_ago(30))
    return world(
        [person("Ana Ruiz", cadence_days=14), person("Bob Stone", cadence_days=7)],
        touches=[("Ana Ruiz", 30), ("Bob Stone", 60, {"follow_up": days_ago(2)})],
        links=[("Ana Ruiz", "Bob Stone")],
        habits=[daily],
        checkins=[CheckIn(new_uid(), daily.uid, days_ago(d)) for d in (2, 3)],
    )


def drive(db: Path, scenario: Scenario, monkeypatch: pytest.MonkeyPatch, reads: list[int]) -> None:
    """Run the app (see :func:`tests.pilot.drive`), counting in ``reads`` the store reads it
    makes (``load``)."""
    real = app_module.load

    def counted(*args: Any, **kwargs: Any) -> Any:
        reads.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(app_module, "load", counted)
    pilot_drive(db, scenario)


def same_as_a_fresh_read(app: NetworkhabitApp, db: Path) -> None:
    """What the app holds is what reading the store now gives."""
    held, fresh = app.data, load(Session(db), 0)
    assert held is not None
    assert held.sig == fresh.sig
    for name in ("contacts", "links", "habits", "checkins", "breaks", "interactions"):
        assert set(getattr(held.snap, name)) == set(getattr(fresh.snap, name)), name
    assert held.snap.index == fresh.snap.index
    assert held.labels == fresh.labels and held.stats == fresh.stats


def test_a_check_in_and_its_undo_are_shown_without_reading_the_store(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store(db).replace_all(the_world())
    reads: list[int] = []

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        read_before = len(reads)
        await cursor_on(pilot, "Reach out to 1 person")
        await pilot.press("space")
        await until(pilot, lambda: len(Store(db).snapshot().checkins) == 3, "checked in")
        await until(
            pilot, lambda: app.undo_stack and app.data.sig == Store(db).signature(), "shown"
        )
        await settle(pilot)
        assert len(reads) == read_before  # shown from the change: no read
        same_as_a_fresh_read(app, db)
        await pilot.press("u")
        await until(pilot, lambda: len(Store(db).snapshot().checkins) == 2, "undone")
        await until(pilot, lambda: app.data.sig == Store(db).signature(), "undo shown")
        await settle(pilot)
        assert len(reads) == read_before
        same_as_a_fresh_read(app, db)

    drive(db, scenario, monkeypatch, reads)


def test_a_touch_that_closes_a_follow_up_is_shown_with_the_index_as_written(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store(db).replace_all(the_world())
    reads: list[int] = []

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        assert app.data is not None and len(app.data.snap.interactions) == 1  # the follow-up
        read_before = len(reads)
        await cursor_on(pilot, "Reach out to Bob Stone")
        await pilot.press("space")
        await until(pilot, lambda: len(Store(db).snapshot().interactions) == 3, "logged")
        await until(pilot, lambda: app.data.sig == Store(db).signature(), "shown")
        await settle(pilot)
        assert len(reads) == read_before
        same_as_a_fresh_read(app, db)
        assert app.data.snap.interactions == ()  # the follow-up closed by the touch

    drive(db, scenario, monkeypatch, reads)


def test_when_another_process_wrote_first_the_app_reads_the_store_again(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store(db).replace_all(the_world())
    reads: list[int] = []

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        with app._store_lock:  # the app's write waits; meanwhile another process writes
            await cursor_on(pilot, "Reach out to 1 person")
            await pilot.press("space")
            assert run_cli(db, "add", "Cleo Park").returncode == 0
        await until(pilot, lambda: len(Store(db).snapshot().checkins) == 3, "checked in")
        await until(pilot, lambda: "Cleo Park" in app.data.labels.values(), "the other write shown")
        await settle(pilot)
        assert reads  # read again, not shown from the change alone
        same_as_a_fresh_read(app, db)

    drive(db, scenario, monkeypatch, reads)


def test_applied_makes_the_change_to_a_snapshot_as_the_store_does(db: Path) -> None:
    snap = the_world()
    Store(db).replace_all(snap)
    session = Session(db)
    ana = next(c for c in snap.contacts if c.name == "Ana Ruiz")
    link = snap.links[0]
    before = session.daily()
    change = changes.Change(
        "test",
        added=(Contact(new_uid(), "Dee Lane", created=TODAY),),
        before=(ana,),
        after=(replace(ana, title="CTO"),),
        removed=(link,),
    )
    with session.transaction() as tx:
        tx.add_many(change.added)
        tx.update_many(change.after)
        tx.remove(Link, [link.uid])
    shown = changes.applied(before, change)
    fresh = Session(db).daily()
    assert set(shown.contacts) == set(fresh.contacts)
    assert shown.links == fresh.links == ()
    assert shown.habits == before.habits and shown.checkins == before.checkins  # untouched
    # a real action's change applies the same way
    change = changes.run(session, habits.check_in(snap.habits[0].uid, TODAY))
    assert set(changes.applied(fresh, change).checkins) == set(Session(db).daily().checkins)
    change = changes.run(session, touches.log(["Ana Ruiz"], TODAY))
    assert changes.applied(fresh, change).contacts == fresh.contacts


def test_what_the_first_key_needs_is_imported_ahead(db: Path) -> None:
    """In a fresh process: soon after the first frame, before any key, the write actions and
    the dialogs are imported — by the import-ahead thread (without it they are not)."""
    import subprocess
    import sys

    Store(db).replace_all(the_world())
    code = """
import asyncio, sys
import networkhabit.tui.app as app_module
from networkhabit.tui.screenshots import settle

WANTED = app_module.IMPORT_AHEAD
if sys.argv[2] == "off":
    app_module.IMPORT_AHEAD = ()

async def main():
    app = app_module.make_app(sys.argv[1])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for _ in range(3000):  # until the first frame's start is over (a generous bound)
            if not app._starting:
                break
            await pilot.pause(0.01)
        for _ in range(3000 if sys.argv[2] == "on" else 0):  # then until all are imported
            if all(n in sys.modules for n in WANTED):
                break
            await pilot.pause(0.01)
        print(all(n in sys.modules for n in WANTED))

asyncio.run(main())
"""

    def run(mode: str) -> str:
        out = subprocess.run(
            [sys.executable, "-c", code, str(db), mode],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        return out.stdout.strip().splitlines()[-1]

    assert run("on") == "True"
    assert run("off") == "False"  # what imported them is the thread, not the first frame


def test_a_write_repaints_only_the_panels_it_changed(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A check-in leaves the Neglected panel and the header's people count as they were: the
    refill after it updates neither (no layout, no paint); a touch with a neglected person
    updates the panel."""
    from networkhabit.tui.widgets.neglected import NeglectedPanel

    Store(db).replace_all(the_world())
    updates: list[str] = []
    real = NeglectedPanel.update

    def counted(self: NeglectedPanel, *args: Any, **kwargs: Any) -> None:
        updates.append("neglected")
        real(self, *args, **kwargs)

    monkeypatch.setattr(NeglectedPanel, "update", counted)
    reads: list[int] = []

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        shown = len(updates)
        await cursor_on(pilot, "Reach out to 1 person")
        await pilot.press("space")
        await until(pilot, lambda: len(Store(db).snapshot().checkins) == 3, "checked in")
        await until(pilot, lambda: app.data.sig == Store(db).signature(), "shown")
        await settle(pilot)
        assert len(updates) == shown  # the same people to reach: the panel left as it was
        await cursor_on(pilot, "Reach out to Bob Stone")
        await pilot.press("space")
        await until(pilot, lambda: len(Store(db).snapshot().interactions) == 3, "logged")
        await until(pilot, lambda: app.data.sig == Store(db).signature(), "shown again")
        await settle(pilot)
        assert len(updates) > shown  # Bob is no longer neglected: the panel changed

    drive(db, scenario, monkeypatch, reads)
