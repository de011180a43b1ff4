"""``networkhabit`` with no arguments opens the app without the command line (issue 15).

Nothing to parse, so click is not imported; the store is NETWORKHABIT_DB's (or the
default), and it ends as a command ends: a bad store is one line ``Error: …`` and exit
status 1 — the same line as ``networkhabit --db PATH`` gives — and nothing is written.
Real processes (``python -m networkhabit``); the app itself is not run (no terminal): the
scripts below put a stand-in where the app would run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import TODAY

#: The bare command, with a stand-in for running the app: it says what it was given and
#: whether click was imported, then ends as the app would (exit status 0).
BARE = (
    "import sys\n"
    "import networkhabit.start as start\n"
    "def shown(app):\n"
    "    print(type(app).__name__, app.session.path, 'click' in sys.modules)\n"
    "start.show = shown\n"
    "sys.argv = ['networkhabit', *sys.argv[1:]]\n"
    "from networkhabit.entry import run\n"
    "run()\n"
)


def _run(db: Path | None, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NETWORKHABIT_TODAY": TODAY.isoformat()}
    env.pop("NETWORKHABIT_DB", None)
    if db is not None:
        env["NETWORKHABIT_DB"] = str(db)
    return subprocess.run(
        [sys.executable, "-c", BARE, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_bare_command_opens_the_app_on_the_store_without_click(demo_db: Path) -> None:
    r = _run(demo_db)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["NetworkhabitApp", str(demo_db), "False"]
    assert r.stderr == ""


def test_with_db_it_goes_through_the_command_line_to_the_same_app(demo_db: Path) -> None:
    r = _run(None, "--db", str(demo_db))
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["NetworkhabitApp", str(demo_db), "True"]


def test_an_empty_networkhabit_db_means_the_default_store(tmp_path: Path) -> None:
    env_home = {"XDG_DATA_HOME": str(tmp_path / "data")}
    r = subprocess.run(
        [sys.executable, "-c", BARE],
        env={**os.environ, **env_home, "NETWORKHABIT_DB": "", "NETWORKHABIT_TODAY": "2026-11-20"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert r.returncode == 0, r.stderr
    _name, path, _click = r.stdout.split()
    assert Path(path).is_relative_to(tmp_path / "data")


def test_a_bad_store_is_the_same_one_line_as_through_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "s.json"
    db.write_bytes(b"this is not json\n")
    db.chmod(0o600)
    bare, via_click = _run(db), _run(None, "--db", str(db))
    for r in (bare, via_click):
        assert r.returncode == 1 and r.stdout == ""
        assert len(r.stderr.splitlines()) == 1 and r.stderr.startswith("Error: ")
        assert "Traceback" not in r.stderr and "doctor --restore" in r.stderr
    assert bare.stderr == via_click.stderr
    assert db.read_bytes() == b"this is not json\n"


def test_an_unexpected_error_is_one_internal_error_line(demo_db: Path) -> None:
    script = BARE.replace(
        "def shown(app):\n",
        "def shown(app):\n    raise RuntimeError('the screen broke')\n",
    )
    r = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "NETWORKHABIT_DB": str(demo_db)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert r.returncode == 1
    assert r.stderr == (
        "Error: internal error: RuntimeError: the screen broke "
        "(set NETWORKHABIT_DEBUG=1 for details)\n"
    )
