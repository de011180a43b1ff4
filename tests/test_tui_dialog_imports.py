"""A dialog's key imports the dialog, not the action it will ask for: that is imported once
the dialog returns (and ahead, in the import-ahead thread, once the start has settled).
Run in a fresh interpreter, where nothing else has imported the actions yet."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

SCRIPT = textwrap.dedent(
    """
    import asyncio, json, sys
    from networkhabit.tui import app as app_module
    app_module.IMPORT_AHEAD_AFTER = 600.0  # never, in this run
    from networkhabit.tui.dialogs.base import FormDialog
    from tests.pilot import drive, until

    seen = {}

    def actions():
        return sorted(m for m in sys.modules if m.startswith("networkhabit.actions."))

    async def scenario(app, pilot):
        seen["before"] = actions()
        for key in ("l", "s"):
            await pilot.press(key)
            await until(pilot, lambda: isinstance(app.screen, FormDialog), key)
            seen[key] = actions()
            await pilot.press("escape")
            await until(pilot, lambda: not isinstance(app.screen, FormDialog), "closed")
        await pilot.press("l")
        await until(pilot, lambda: isinstance(app.screen, FormDialog), "l again")
        await pilot.press("enter")  # the highlighted contact's touch, logged
        await until(pilot, lambda: not isinstance(app.screen, FormDialog), "logged")
        seen["logged"] = actions()

    drive(__import__("pathlib").Path(sys.argv[1]), scenario)
    print(json.dumps(seen))
    """
)


def test_opening_a_dialog_does_not_import_its_action(demo_db: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root), "NETWORKHABIT_DB": str(demo_db)}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(demo_db)],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert "networkhabit.actions.touches" not in seen["l"]
    assert "networkhabit.actions.contacts" not in seen["s"]
    assert "networkhabit.actions.touches" in seen["logged"]
