"""The benchmark harness runs end to end on the tiny store (correctness only: no timing
assertions): every floor and path is measured, the JSON holds the numbers, the write
paths really wrote, and the app's latencies (key to paint, stalls, each screen and dialog
on the demo store) were measured."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from networkhabit.store import Store

ROOT = Path(__file__).resolve().parents[1]
RUN = ROOT / "benchmarks" / "run.py"

FLOORS = ("floor_python", "floor_load", "floor_tui")
LOG = 'log "Ana Ruiz 0" --note bench'
DONE = 'done "Habit 00"'
IMPORT = "import linkedin Connections-tiny.csv (100 rows)"
PATHS = (
    "today",
    "neglected",
    "streaks",
    "week",
    "status",
    "contacts --json",
    'intro path "Hugo Haddad 7"',
    "intro suggest",
    LOG,
    DONE,
    IMPORT,
    "TUI Today first frame",
    "TUI Contacts first rows",
)

SCREENS = ("Contacts", "a contact's page (enter)", "Review", "Network", "Help (?)")
DIALOGS = (
    "log a touch (l)",
    "snooze a contact (s)",
    "move a follow-up (s)",
    "add a contact (a)",
    "edit a contact (e)",
)


def positive(value: Any) -> bool:
    """A finite number above zero."""
    return isinstance(value, int | float) and math.isfinite(value) and value > 0


def test_harness_runs_on_the_tiny_store_and_the_writes_land(tmp_path: Path) -> None:
    out, report_file = tmp_path / "out", tmp_path / "r.json"
    env = {k: v for k, v in os.environ.items() if k != "NETWORKHABIT_DB"}
    proc = subprocess.run(
        [sys.executable, str(RUN), "--sizes", "tiny", "--runs", "1"]
        + ["--out", str(out), "--json", str(report_file)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr

    table = proc.stdout
    for name in FLOORS + PATHS:
        assert f"| {name} |" in table, name
    assert "error" not in table

    report = json.loads(report_file.read_text(encoding="utf-8"))
    tiny = report["sizes"]["tiny"]
    assert set(tiny["floors"]) == set(FLOORS)
    assert set(tiny["paths"]) == set(PATHS)
    for name, entry in [*tiny["floors"].items(), *tiny["paths"].items()]:
        assert entry["error"] is None, name
        assert entry["runs"] == 1, name
        assert positive(entry["median_s"]), name
        assert entry["min_s"] <= entry["median_s"] <= entry["max_s"], name
        assert positive(entry["peak_rss_kb"]), name
    for name, entry in tiny["paths"].items():
        assert positive(entry["budget"]), name
        assert positive(entry["floor_s"]), name
        assert positive(entry["ratio"]), name
        assert positive(entry["rss_ratio"]), name
        assert entry["ok"] in (True, False), name

    # The app's latencies (in-process, tui_latency.py): measured, with no error.
    assert "| app: space on a habit, key to paint" in table
    app = tiny["app"]
    assert "error" not in app and app["presses"] >= 1
    assert len(app["key_to_paint_s"]) == len(app["stall_s"]) == app["presses"]
    assert all(positive(t) for t in app["key_to_paint_s"] + app["stall_s"])
    assert len(app["reload_stall_s"]) >= 1 and all(positive(t) for t in app["reload_stall_s"])
    assert "| app: longest stall reading again what another process wrote" in table
    logged_elsewhere = [t for t in Store(out / "tiny.json").snapshot().interactions if t.note]
    assert not any(t.note.startswith("from elsewhere") for t in logged_elsewhere)  # a copy
    demo = report["demo"]
    assert set(demo["screens"]) == set(SCREENS) and set(demo["dialogs"]) == set(DIALOGS)
    assert all(positive(t) for t in [*demo["screens"].values(), *demo["dialogs"].values()])
    for name in [*SCREENS, *DIALOGS]:
        assert f" {name} |" in table, name

    pristine = Store(out / "tiny.json").snapshot()
    ana = next(c for c in pristine.contacts if c.name == "Ana Ruiz 0")
    assert not any(t.note == "bench" for t in pristine.interactions)  # work copies were used

    logged = Store(tiny["paths"][LOG]["store"]).snapshot()
    assert len(logged.interactions) == len(pristine.interactions) + 1
    assert any(t.note == "bench" and ana.uid in t.contacts for t in logged.interactions)

    checked = Store(tiny["paths"][DONE]["store"]).snapshot()
    assert len(checked.checkins) == len(pristine.checkins) + 1

    imported = Store(tiny["paths"][IMPORT]["store"]).snapshot()
    new = [c for c in imported.contacts if "/in/bench-" in c.url]
    assert len(new) == 100
    assert len(imported.contacts) == len(pristine.contacts) + 100


def test_the_demo_latencies_are_the_median_of_fresh_apps() -> None:
    """Each screen's first open is one sample per app: the report takes the median of
    several apps, with their range, and one failed run fails the whole."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import run  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    runs = [
        {"screens": {"Review": 0.060}, "dialogs": {"log a touch (l)": 0.050}},
        {"screens": {"Review": 0.190}, "dialogs": {"log a touch (l)": 0.070}},
        {"screens": {"Review": 0.080}, "dialogs": {"log a touch (l)": 0.060}},
    ]
    found = run.demo_runs(runs)
    assert found["screens"] == {"Review": 0.080} and found["dialogs"] == {"log a touch (l)": 0.060}
    rows = run.demo_rows(found)
    assert rows[0] == ("first open: Review", 0.080, "60–190 ms", run.OPEN_BUDGET)
    assert rows[1][:3] == ("dialog: log a touch (l)", 0.060, "50–70 ms")
    failed = run.demo_runs([runs[0], {"error": "timed out"}])
    assert failed["error"] == "timed out" and "screens" not in failed
    assert run.demo_rows(run.demo_runs(runs[:1]))[0][2] == "—"  # one run: no range
