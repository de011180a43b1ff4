"""Write screenshots/{welcome,today,contacts,review,network}.svg from demo data.

    python scripts/screenshots.py [OUT_DIR]      (or: python -m networkhabit.tui.screenshots)

The date is pinned (2026-11-20) and the size fixed (120×40), so the pictures only change
when the UI does. :func:`settle` (wait until every load and worker is done) is shared with
the tests.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.worker import WorkerState

from networkhabit.paths import ENV_TODAY

PINNED_DAY = date(2026, 11, 20)
SIZE = (120, 40)
#: Screenshot name → keys pressed after the app has loaded.
SHOTS: dict[str, tuple[str, ...]] = {
    "today": (),
    "contacts": ("c",),
    "review": ("w",),
    "network": ("n",),
}
ROOT = Path(__file__).resolve().parents[2]


async def settle(pilot: Pilot[Any], rounds: int = 600) -> None:
    """Wait until the store is loaded, no worker is running and no list is still filling in
    (at most ``rounds`` short pauses)."""
    from networkhabit.tui.widgets.wrapping_list import WrappingList

    app = pilot.app
    idle = 0
    for _ in range(rounds):
        await pilot.pause(0.01)
        busy = any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers)
        busy = busy or any(w.filling for w in app.screen.query(WrappingList))
        busy = busy or bool(getattr(app.screen, "pending", False))
        busy = busy or bool(getattr(app, "held_keys", 0))  # typed ahead of a screen opening
        loaded = getattr(app, "data", None) is not None
        idle = idle + 1 if (loaded and not busy) else 0
        if idle >= 3:
            return
    raise TimeoutError("the app did not settle")


async def press(pilot: Pilot[Any], *keys: str) -> None:
    """Press keys one by one, letting the app settle after each."""
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def shoot(db: Path, keys: tuple[str, ...], out: Path) -> None:
    """Open the app on ``db``, press ``keys``, save an SVG to ``out``."""
    from networkhabit.tui.app import make_app

    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, *keys)
        out.write_text(app.export_screenshot(), encoding="utf-8")


async def write_all(out_dir: Path) -> list[Path]:
    """Every screenshot, each from a fresh store."""
    from networkhabit.actions.session import Session
    from networkhabit.demo import build_demo

    os.environ[ENV_TODAY] = PINNED_DAY.isoformat()
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty.json"
        await shoot(empty, (), out_dir / "welcome.svg")
        written.append(out_dir / "welcome.svg")
        demo = Path(tmp) / "demo.json"
        Session(demo, check=False).replace_all(build_demo(PINNED_DAY))
        for name, keys in SHOTS.items():
            await shoot(demo, keys, out_dir / f"{name}.svg")
            written.append(out_dir / f"{name}.svg")
    return written


def main(argv: list[str] | None = None) -> None:
    """Write the screenshots (to ``screenshots/`` by default)."""
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else ROOT / "screenshots"
    for path in asyncio.run(write_all(out)):
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
