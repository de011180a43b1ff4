"""A light command loads only what it uses: each read below runs in a fresh process on a
demo store, and the modules it must not have loaded are checked in ``sys.modules``.
(Import checks, not timings: the benchmarks time it.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from networkhabit.demo import build_demo
from networkhabit.store import Store
from tests.conftest import TODAY

#: Never on a read's path: the app, TinyDB, the importers and their parsers, the write actions.
NEVER = (
    "textual",
    "tinydb",
    "platformdirs",  # the store is given (--db): no user folder to look up
    "networkhabit.tui",
    "networkhabit.importers",
    "vobject",
    "icalendar",
    "csv",
    "difflib",  # only to suggest a name that was not found
    "networkhabit.actions.changes",
    "networkhabit.actions.contacts",
    "networkhabit.actions.habits",
    "networkhabit.actions.intros",
    "networkhabit.actions.touches",
    "networkhabit.domain.merge",
    "networkhabit.domain.sync_merge",
    "networkhabit.store.backup",  # the day's backup: the first write's
    "networkhabit.store.migrations",  # an older file's
)

#: Command → what it must not load besides :data:`NEVER`.
ALSO_NOT = {
    ("today",): (
        "networkhabit.commands.contacts",
        "networkhabit.commands.habits",
        "networkhabit.views.json_shapes",  # --json's
    ),
    ("neglected",): (
        "networkhabit.domain.habits",
        "networkhabit.domain.network",
        "networkhabit.views.today",
    ),
    ("contacts", "--json"): ("networkhabit.domain.network", "networkhabit.domain.habits"),
    ("streaks",): ("networkhabit.domain.network", "networkhabit.commands.contacts"),
    ("week",): ("networkhabit.domain.network",),
    ("status",): ("networkhabit.domain.network",),
    ("intro", "suggest"): ("networkhabit.domain.habits",),
}

PROBE = """
import json, sys
from networkhabit.cli import main
try:
    main(args=sys.argv[1:], prog_name="networkhabit")
except SystemExit as exc:
    code = exc.code
sys.stderr.write(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("startup") / "networkhabit.json"
    Store(path).replace_all(build_demo(TODAY))
    return path


def _loaded_by(store: Path, *args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, "--db", str(store), *args],
        capture_output=True,
        text=True,
        check=False,
        env={
            "NETWORKHABIT_TODAY": TODAY.isoformat(),
            "NETWORKHABIT_CACHE": os.environ["NETWORKHABIT_CACHE"],  # (conftest: a temp folder)
            "PATH": os.environ.get("PATH", ""),
        },
    )
    report = json.loads(done.stderr.strip().splitlines()[-1])
    assert report["code"] == 0, done.stderr
    assert done.stdout.strip()  # the command did its work
    return set(report["modules"])


def _present(loaded: set[str], name: str) -> bool:
    return name in loaded or any(m.startswith(name + ".") for m in loaded)


@pytest.mark.parametrize("args", list(ALSO_NOT), ids=" ".join)
def test_a_light_command_loads_nothing_it_does_not_use(
    demo_store: Path, args: tuple[str, ...]
) -> None:
    loaded = _loaded_by(demo_store, *args)
    assert "networkhabit.store.store" in loaded  # (it did read the store)
    unwanted = [name for name in (*NEVER, *ALSO_NOT[args]) if _present(loaded, name)]
    assert unwanted == []


def test_the_checks_above_can_see_a_module_loaded(demo_store: Path) -> None:
    # `show` builds a contact's page: the network rules are on its path, and the probe sees them.
    loaded = _loaded_by(demo_store, "show", build_demo(TODAY).contacts[0].name)
    assert _present(loaded, "networkhabit.domain.network")
    assert _present(loaded, "networkhabit.actions.contacts")


#: The app's first frame: what it must not load before it (git and sync, the welcome screen
#: of an empty store, the settings' writes: all for later, if ever).
APP_NOT_BEFORE_FIRST_FRAME = (
    "networkhabit.actions.sync",
    "networkhabit.store.gitrepo",
    "networkhabit.domain.sync_merge",
    "networkhabit.tui.screens.welcome",
    "networkhabit.importers",
    "tinydb",
    "networkhabit.actions.changes",  # the writes'
    "networkhabit.store.backup",
    "networkhabit.store.migrations",
    "networkhabit.tui.widgets.tint",  # the dialogs'
)

APP_PROBE = """
import asyncio, json, sys
from pathlib import Path
import networkhabit.cli
from networkhabit.actions.session import Session
from networkhabit.tui.app import make_app

async def main():
    path = Path(sys.argv[1])
    app = make_app(path, Session(path))
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(3000):  # bounded: at most 30 s
            agenda = app.screen.query("#agenda")
            if agenda and getattr(agenda.first(), "items", None):
                break
            await asyncio.sleep(0.01)
        else:
            raise SystemExit("the agenda never filled")
        modules = sorted(sys.modules)
    sys.stderr.write(json.dumps({"modules": modules}))

asyncio.run(main())
"""


def test_the_app_first_frame_loads_nothing_it_does_not_show(demo_store: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", APP_PROBE, str(demo_store)],
        capture_output=True,
        text=True,
        check=False,
        env={
            "NETWORKHABIT_TODAY": TODAY.isoformat(),
            "NETWORKHABIT_CACHE": os.environ["NETWORKHABIT_CACHE"],
            "PATH": os.environ.get("PATH", ""),
        },
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    loaded = set(json.loads(done.stderr.strip().splitlines()[-1])["modules"])
    assert "networkhabit.tui.screens.today" in loaded  # (the probe saw the app's modules)
    unwanted = [name for name in APP_NOT_BEFORE_FIRST_FRAME if _present(loaded, name)]
    assert unwanted == []
