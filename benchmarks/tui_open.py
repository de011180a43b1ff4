"""Open the app headless on a store and wait until its data is on screen (for run.py).

    python benchmarks/tui_open.py STORE
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from networkhabit.store import Store
from networkhabit.tui.app import make_app
from networkhabit.tui.screenshots import settle


async def main(path: Path) -> None:
    store = Store(path)
    store.check()  # as `networkhabit` does before the first frame
    app = make_app(path, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, rounds=6000)
        assert app.data is not None and app.data.snap.contacts


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1])))
