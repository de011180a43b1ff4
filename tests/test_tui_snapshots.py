"""SVG snapshots of the five screens: demo data, the pinned day, 120×40.

Update with ``pytest -n0 tests/test_tui_snapshots.py --snapshot-update`` and look at the
SVGs in tests/__snapshots__/ before accepting them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from networkhabit.demo import build_demo
from networkhabit.store import Store
from networkhabit.tui.app import make_app
from networkhabit.tui.screenshots import SHOTS, SIZE, press, settle
from tests.conftest import TODAY


def keys_then_settle(keys: tuple[str, ...]) -> Callable[[Pilot[None]], object]:
    """Let the app load, press the keys, and wait for every worker."""

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await press(pilot, *keys)

    return run_before


@pytest.mark.parametrize("name", list(SHOTS))
def test_screen_snapshot(name: str, db: Path, snap_compare) -> None:  # type: ignore[no-untyped-def]
    Store(db).replace_all(build_demo(TODAY))
    assert snap_compare(make_app(db), terminal_size=SIZE, run_before=keys_then_settle(SHOTS[name]))


def test_welcome_snapshot(db: Path, snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(db), terminal_size=SIZE, run_before=keys_then_settle(()))
