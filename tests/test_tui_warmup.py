"""The warm-up adds the dialogs' widget CSS ahead, exactly as their first mounting would
(networkhabit/tui/warmup.py). Pilot tests wait on conditions; no timing assertions."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from textual.pilot import Pilot

from networkhabit.tui.app import NetworkhabitApp
from networkhabit.tui.dialogs.base import FormDialog
from networkhabit.tui.screens.contacts import ContactsScreen
from networkhabit.tui.screens.today import TodayScreen
from networkhabit.tui.warmup import dialog_widgets, sheet_owners, warm_up
from tests.pilot import drive, until


def sources(app: NetworkhabitApp) -> list[object]:
    return list(app.stylesheet.source)


def names(app: NetworkhabitApp) -> set[str]:
    """The classes whose built-in CSS the stylesheet holds."""
    return {str(where[1]).removesuffix(".DEFAULT_CSS") for where in sources(app)}  # type: ignore[index]


def sheet_names() -> set[str]:
    """The parts of the app's CSS the warm-up adds (see networkhabit/tui/sheets.py)."""
    return {
        f"{cls.__name__}.SHEET"
        for owner in sheet_owners()
        for cls in owner.__mro__
        if "SHEET" in cls.__dict__
    }


async def warmed(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
    """Until the warm-up has added every class's CSS, and every screen's part of the app's."""
    warm_up(app)
    wanted = {cls.__name__ for cls in dialog_widgets() if "DEFAULT_CSS" in cls.__dict__}
    wanted |= sheet_names()
    await until(pilot, lambda: wanted <= names(app), "every class's CSS added")


def styles_of(dialog: FormDialog[object]) -> list[tuple[object, ...]]:
    """Every widget of the dialog with the styles it was given (its parts' too)."""
    return [
        (
            type(w).__name__,
            w.id,
            tuple(sorted(w.classes)),
            w.styles.css,
            tuple(sorted((k, v.css) for k, v in w._component_styles.items())),
        )
        for w in dialog.walk_children()
    ]


async def open_dialogs(app: NetworkhabitApp, pilot: Pilot[None]) -> list[list[tuple[object, ...]]]:
    """Log a touch on Today, then add and edit a contact: each dialog's styles."""
    seen = []
    for before, key in (("today", "l"), ("contacts", "a"), ("contacts", "e")):
        if before == "contacts" and not isinstance(app.screen, ContactsScreen):
            await pilot.press("c")
            await until(pilot, lambda: isinstance(app.screen, ContactsScreen), "contacts")
        await pilot.press(key)
        await until(pilot, lambda: isinstance(app.screen, FormDialog), f"{key} open")
        await pilot.pause()
        seen.append(styles_of(app.screen))  # type: ignore[arg-type]
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, FormDialog), "closed")
    return seen


def test_after_the_warm_up_a_dialog_adds_no_css(demo_db: Path) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await warmed(app, pilot)
        ahead = sources(app)
        await open_dialogs(app, pilot)
        # Every source the dialogs need was there (the list of classes is complete, and
        # Textual's way of asking a class for its CSS still works).
        new = [where for where in sources(app) if where not in ahead]
        assert [where for where in new if "ContactTable" not in str(where)] == []

    drive(demo_db, scenario)


def test_the_warm_up_changes_no_style(demo_db: Path) -> None:
    cold: list[list[tuple[object, ...]]] = []
    warm: list[list[tuple[object, ...]]] = []
    today: list[str] = []

    async def without(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        cold.extend(await open_dialogs(app, pilot))

    async def with_warm_up(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        assert isinstance(app.screen, TodayScreen)
        today.append(app.export_screenshot())
        await warmed(app, pilot)
        today.append(app.export_screenshot())
        warm.extend(await open_dialogs(app, pilot))

    drive(demo_db, without)
    drive(demo_db, with_warm_up)
    assert today[0] == today[1]  # what is on show does not change
    assert len(warm) == 3 and all(warm)
    assert warm == cold


def test_the_app_warms_up_by_itself_once_started(demo_db: Path) -> None:
    wanted = {cls.__name__ for cls in dialog_widgets() if "DEFAULT_CSS" in cls.__dict__}

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await until(pilot, lambda: wanted <= names(app), "the app's own warm-up")

    drive(demo_db, scenario)


def test_the_warm_up_adds_the_css_a_step_at_a_time(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # (the app's own warm-up, after its start, would be done before the test looks)
    monkeypatch.setattr(NetworkhabitApp, "_import_ahead_then_warm_up", lambda self: None)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        before = len(sources(app))
        warm_up(app)
        assert len(sources(app)) == before  # nothing on the caller's time
        await until(pilot, lambda: len(sources(app)) > before, "a first step")
        await warmed(app, pilot)  # again: harmless
        assert len(sources(app)) > before

    drive(demo_db, scenario)


def test_the_warm_up_waits_while_the_app_is_busy(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(NetworkhabitApp, "_import_ahead_then_warm_up", lambda self: None)
    monkeypatch.setattr("networkhabit.tui.warmup.WAIT_S", 0.01)
    state = {"busy": True, "asked": 0}

    def busy() -> bool:
        state["asked"] += 1
        return state["busy"]

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        before = len(sources(app))
        warm_up(app, busy)
        await until(pilot, lambda: state["asked"] >= 3, "asked again while busy")
        assert len(sources(app)) == before  # no step while busy
        state["busy"] = False
        await until(pilot, lambda: len(sources(app)) > before, "a step once idle")

    drive(demo_db, scenario)


def test_the_event_loop_runs_between_two_steps(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each step is a timer's callback: a key or a timer due meanwhile is handled between
    two steps (by ``call_later`` the steps ran back to back, no key handled among them)."""
    import networkhabit.tui.warmup as warmup_module

    monkeypatch.setattr(NetworkhabitApp, "_import_ahead_then_warm_up", lambda self: None)
    events: list[str] = []
    real = warmup_module.add_default_css

    def step(app: NetworkhabitApp, widget: type) -> None:
        events.append("step")
        real(app, widget)

    monkeypatch.setattr(warmup_module, "add_default_css", step)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        app.set_interval(0.001, lambda: events.append("tick"), name="probe")
        warm_up(app)
        wanted = len(dialog_widgets())
        await until(pilot, lambda: events.count("step") >= wanted, "every widget step")
        steps = [n for n, e in enumerate(events) if e == "step"]
        assert all("tick" in events[a:b] for a, b in itertools.pairwise(steps))

    drive(demo_db, scenario)
