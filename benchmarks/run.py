"""Time networkhabit's main paths as whole processes, as ratios to floors measured in the same run
on the same store file, and print a Markdown table.

    python benchmarks/run.py [--runs N] [--sizes heavy,dense,light] [--json FILE] [--out DIR]
                             [--strict] [--no-app-latency]

The stores (``generate.py``) are made in ``--out`` (default ``benchmarks/out/``) when missing or
made by other code. Before timing, networkhabit (and the packages its paths import) is
byte-compiled, so no run pays for compiling (PYTHONDONTWRITEBYTECODE=1 would otherwise make
every process compile our modules again). Each command runs once as a warm-up, then N times;
the rounds go round-robin over floors and paths, so a busy machine slows them alike. Reported:
median, min and max wall time, and the peak RSS of each process (``os.wait4`` in a tiny
launcher process, see :data:`LAUNCHER`; the largest of the runs). A path that writes gets a fresh copy of the store before each run (outside the
timed region); the warm-up run takes the day's backup, so the timed runs are the later writes
of a day.

Floors (same file, same run):

- ``floor_python``: ``python -c pass``;
- ``floor_load``: a bare ``python -c`` that imports click and parses the store file with the
  fastest JSON parser installed (orjson, else json);
- ``floor_tui``: a bare Textual app showing one Static, headless, until its first frame
  (``tui_open.py floor``: the same mechanism as the app's TUI paths).

Sizes: ``heavy`` and ``dense`` are the two heavy shapes (5,000 contacts each; ``dense``: half
of them need and offer some of 50 topics), ``light`` the small store (``generate.py``). Every
path runs on every size.

Budgets (issue 15): the median of a path over the median of its floor expression. Heavy and
dense: reads (``today``, ``neglected``, ``streaks``, ``week``, ``status``, ``contacts --json``,
``intro path``, ``intro suggest``) and the writes ``log`` and ``done`` ≤ 1.0 × floor_load, the
LinkedIn import ≤ 2.0 × floor_load; light (and tiny): every CLI path ≤ 1.3 × floor_load; TUI
Today ≤ 1.3 × (floor_tui + floor_load − floor_python), TUI Contacts ≤ 1.5 × that; every path's
peak RSS ≤ 2 × its floor expression's, in RSS (a CLI path: floor_load's; the app: floor_tui's
+ floor_load's − floor_python's, as a bare Textual app alone takes more than floor_load).

The LinkedIn import reads 5,000 rows on the heavy shapes and 200 on the light store (see
``generate.Size.csv_rows``).

Then, in-process (``tui_latency.py``, unless ``--no-app-latency``): the app's key-to-paint
latency, the longest event-loop stall during the write and during a reload of what another
process wrote, per size; and on the demo store every screen's first open and every dialog
(the median of three fresh apps, fewer if ``--runs`` is smaller).

Exit status: 0 when it ran (misses are reported, not fatal; ``--strict`` makes a miss exit 1);
1 if a path failed.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import marshal
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import generate as gen  # benchmarks/ is not a package: imported from its folder

TUI_SCRIPT = HERE / "tui_open.py"
LATENCY_SCRIPT = HERE / "tui_latency.py"
#: The app's budgets (issue 15), in seconds: key-to-paint median (heavy shapes, light) and the
#: longest event-loop stall during a write or a reload (the UI thread never blocks longer);
#: every screen's first open and every dialog on the demo store.
KEY_TO_PAINT_BUDGET = {"heavy": 0.100, "light": 0.050}
STALL_BUDGET = 0.050
OPEN_BUDGET = 0.150
#: How many fresh apps open each screen and dialog on the demo store (at most ``--runs``):
#: a first open happens once per app, so one run is one sample, and a machine's hiccup
#: (another tenant, a page-cache miss) made a single sample miss now and then.
DEMO_RUNS = 3
#: Timed runs per size when --runs is not given (the whole run stays well under 5 minutes).
DEFAULT_RUNS = {"heavy": 5, "dense": 5, "light": 5, "tiny": 3}
#: A process running longer than this is killed (and the path reported as failed).
KILL_AFTER_S = 180.0
#: The factor of its floor expression's peak RSS every path must stay under.
RSS_BUDGET = 2.0
TUI_EXPR = "floor_tui + floor_load − floor_python"


@dataclass
class Bench:
    """One command to time: a floor or a path."""

    name: str
    argv: list[str]
    #: "floor", "cli" or "tui".
    kind: str
    #: Runs on a fresh copy of the store each time, in its own folder.
    writes: bool = False
    #: The floor expression and the factor its median may be multiplied by.
    floor_expr: str = ""
    budget: float = 0.0
    #: The store file this command works on (filled in per size).
    store: Path | None = None
    times: list[float] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)
    error: str = ""

    @property
    def slug(self) -> str:
        """A folder name for the bench's work copy."""
        keep = "".join(ch if ch.isalnum() else "-" for ch in self.name.lower())
        return "-".join(part for part in keep.split("-") if part)[:40]


@dataclass(frozen=True)
class Sample:
    """One timed process."""

    seconds: float
    rss_kb: int
    code: int
    stderr: str


def cli_command() -> list[str]:
    """How a user starts networkhabit: the console script beside this Python (if it is the one
    pyproject.toml declares now; a stale one would run old code), else ``python -m``."""
    script = Path(sys.executable).with_name("networkhabit")
    try:
        import tomllib

        declared = tomllib.loads((HERE.parent / "pyproject.toml").read_text(encoding="utf-8"))
        module, func = declared["project"]["scripts"]["networkhabit"].split(":")
        current = f"from {module} import {func}" in script.read_text(encoding="utf-8")
    except (OSError, KeyError, ValueError):
        current = False
    if current and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "networkhabit"]


def json_parser() -> str:
    """The fastest JSON parser installed (what floor_load uses)."""
    return "orjson" if importlib.util.find_spec("orjson") is not None else "json"


def floor_load_code(parser: str) -> str:
    """The naive bare script: import click, read the file, parse it (no tuning)."""
    if parser == "orjson":
        return "import click, orjson, sys; orjson.loads(open(sys.argv[1], 'rb').read())"
    return "import click, json, sys; json.loads(open(sys.argv[1], 'rb').read())"


def benches(size: gen.Size, out: Path, parser: str) -> list[Bench]:
    """The floors and paths for one size, with their budgets."""
    py, cli = sys.executable, cli_command()
    heavy = size.contacts >= 5_000
    read, write, bulk = (1.0, 1.0, 2.0) if heavy else (1.3, 1.3, 1.3)
    csv_file = str((out / size.csv_name).resolve())
    items = [
        Bench("floor_python", [py, "-c", "pass"], "floor"),
        Bench("floor_load", [py, "-c", floor_load_code(parser), "{store}"], "floor"),
        Bench("floor_tui", [py, str(TUI_SCRIPT), "floor"], "floor"),
    ]
    reads = [
        ("today", ["today"]),
        ("neglected", ["neglected"]),
        ("streaks", ["streaks"]),
        ("week", ["week"]),
        ("status", ["status"]),
        ("contacts --json", ["contacts", "--json"]),
        (f'intro path "{gen.HUGO}"', ["intro", "path", gen.HUGO]),
        ("intro suggest", ["intro", "suggest"]),
    ]
    items += [Bench(name, cli + args, "cli", False, "floor_load", read) for name, args in reads]
    items += [
        Bench(
            f'log "{gen.ANA}" --note bench',
            [*cli, "log", gen.ANA, "--note", "bench"],
            "cli",
            True,
            "floor_load",
            write,
        ),
        Bench(
            f'done "{gen.HABIT}"',
            [*cli, "done", gen.HABIT],
            "cli",
            True,
            "floor_load",
            write,
        ),
        Bench(
            f"import linkedin {size.csv_name} ({size.csv_rows:,} rows)",
            [*cli, "import", "linkedin", csv_file],
            "cli",
            True,
            "floor_load",
            bulk,
        ),
        Bench(
            "TUI Today first frame",
            [py, str(TUI_SCRIPT), "today", "{store}"],
            "tui",
            False,
            TUI_EXPR,
            1.3,
        ),
        Bench(
            "TUI Contacts first rows",
            [py, str(TUI_SCRIPT), "contacts", "{store}"],
            "tui",
            False,
            TUI_EXPR,
            1.5,
        ),
    ]
    return items


# -- running --------------------------------------------------------------------------------------
#: A tiny process that starts each timed command and reports its wall time and peak RSS.
#: Why not subprocess from here: on Linux a child's ru_maxrss starts at the high-water mark of
#: the process it was spawned from (exec records the old memory map's peak), so children of
#: this 25+ MB harness could never show less. The launcher runs with -S -I (about the RSS of
#: ``python -c pass``), so what it reports is the child's own peak.
LAUNCHER = r"""
import marshal, os, signal, sys, time
def read(n):
    buf = b""
    while len(buf) < n:
        chunk = os.read(0, n - len(buf))
        if not chunk:
            sys.exit(0)
        buf += chunk
    return buf
child = 0
def on_alarm(signum, frame):
    try:
        if child:
            os.kill(child, signal.SIGKILL)
    except OSError:
        pass
signal.signal(signal.SIGALRM, on_alarm)
while True:
    argv, env, cwd, err, timeout = marshal.loads(read(int.from_bytes(read(4), "little")))
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
        (os.POSIX_SPAWN_OPEN, 2, err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600),
    ]
    try:
        os.chdir(cwd)
        started = time.perf_counter()
        child = os.posix_spawn(argv[0], argv, env, file_actions=actions)
        signal.alarm(timeout)
        _, status, usage = os.wait4(child, 0)
        seconds = time.perf_counter() - started
        signal.alarm(0)
        child = 0
        reply = (seconds, usage.ru_maxrss, os.waitstatus_to_exitcode(status), "")
    except OSError as exc:
        reply = (0.0, 0, 127, f"cannot start {argv[0]}: {exc}")
    out = marshal.dumps(reply)
    os.write(1, len(out).to_bytes(4, "little") + out)
"""


class Launcher:
    """Runs commands one at a time through :data:`LAUNCHER`."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-S", "-I", "-c", LAUNCHER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )

    def run(self, argv: list[str], env: dict[str, str], cwd: Path) -> Sample:
        """Start ``argv``, wait for it; its wall time (spawn to reaped) and its own peak RSS."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        with tempfile.TemporaryDirectory() as tmp:
            err = Path(tmp) / "stderr"
            job = marshal.dumps((argv, env, str(cwd), str(err), int(KILL_AFTER_S)))
            self.proc.stdin.write(len(job).to_bytes(4, "little") + job)
            self.proc.stdin.flush()
            size = self.proc.stdout.read(4)
            if len(size) < 4:
                raise RuntimeError("the benchmark launcher died")
            seconds, rss, code, problem = marshal.loads(
                self.proc.stdout.read(int.from_bytes(size, "little"))
            )
            stderr = problem or (err.read_text("utf-8", "replace") if err.exists() else "")
        rss //= 1024 if sys.platform == "darwin" else 1  # KB
        return Sample(seconds, rss, code, stderr)

    def close(self) -> None:
        """Stop the launcher."""
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(timeout=10)


def first_line(stderr: str, code: int) -> str:
    """What went wrong, in one line: the first stderr line (a traceback's last line, warnings
    skipped), else the exit status."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    lines = [line for line in lines if not line.startswith("networkhabit: warning:")]
    text = lines[0] if lines else f"exit status {code}"
    if text.startswith("Traceback"):
        text = lines[-1]
    if code < 0:
        text = f"killed by signal {-code}: {text}"
    return text if len(text) <= 160 else text[:159] + "…"


def restore(pristine: Path, work: Path) -> None:
    """Make ``work`` a fresh copy of ``pristine`` (private, as the store makes its files)."""
    work.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(pristine, work)
    os.chmod(work, 0o600)


def byte_compile() -> None:
    """Compile networkhabit and the packages its paths import, so no timed run compiles."""
    for name in ("networkhabit", "click", "textual", "rich", "tinydb", "humanize", "platformdirs"):
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            continue
        for folder in spec.submodule_search_locations:
            try:
                compileall.compile_dir(folder, quiet=2, workers=1)
            except OSError:  # a read-only install: it has its .pyc files already
                pass


def measure(size: gen.Size, out: Path, runs: int, today: str, parser: str) -> list[Bench]:
    """Warm up, then ``runs`` round-robin rounds of every floor and path of ``size``."""
    pristine = out / f"{size.name}.json"
    work_root = out / "work" / size.name
    shutil.rmtree(work_root, ignore_errors=True)
    read_store = work_root / "read" / pristine.name
    restore(pristine, read_store)
    items = benches(size, out, parser)
    for b in items:
        b.store = work_root / b.slug / pristine.name if b.writes else read_store
    base_env = {**os.environ, "NETWORKHABIT_TODAY": today}
    base_env.pop("NETWORKHABIT_DEBUG", None)
    byte_compile()
    launcher = Launcher()
    try:
        rounds(items, runs, size.name, pristine, base_env, launcher)
    finally:
        launcher.close()
    return items


def rounds(
    items: list[Bench],
    runs: int,
    label: str,
    pristine: Path,
    base_env: dict[str, str],
    launcher: Launcher,
) -> None:
    """The warm-up round, then ``runs`` timed rounds over every bench in turn."""
    for round_ in range(runs + 1):  # round 0 is the warm-up
        for b in items:
            if b.error:
                continue
            assert b.store is not None
            if b.writes:
                restore(pristine, b.store)
            argv = [a.replace("{store}", str(b.store)) for a in b.argv]
            env = {**base_env, "NETWORKHABIT_DB": str(b.store)}
            sample = launcher.run(argv, env, b.store.parent)
            if sample.code != 0:
                b.error = first_line(sample.stderr, sample.code)
                print(f"  {label}: {b.name}: error: {b.error}", file=sys.stderr)
                continue
            if round_:
                b.times.append(sample.seconds)
                b.rss_kb.append(sample.rss_kb)
        if round_:
            print(f"  {label}: round {round_}/{runs} done", file=sys.stderr)


# -- results --------------------------------------------------------------------------------------
def summarise(size: gen.Size, items: list[Bench], pristine: Path) -> dict[str, Any]:
    """The numbers of one size (what --json writes and the tables show)."""

    def stats(b: Bench) -> dict[str, Any]:
        ok = bool(b.times) and not b.error
        return {
            "command": [a.replace("{store}", str(b.store)) for a in b.argv],
            "store": str(b.store),
            "runs": len(b.times),
            "times_s": [round(t, 4) for t in b.times],
            "median_s": statistics.median(b.times) if ok else None,
            "min_s": min(b.times) if ok else None,
            "max_s": max(b.times) if ok else None,
            "peak_rss_kb": max(b.rss_kb) if ok else None,
            "error": b.error or None,
        }

    floors = {b.name: stats(b) for b in items if b.kind == "floor"}

    def floor_value(expr: str, key: str = "median_s") -> float | None:
        """The floor expression's value: of the medians, or (``peak_rss_kb``) of the RSS."""
        med = {name: f[key] for name, f in floors.items()}
        if any(v is None for v in med.values()):
            return None
        if expr == "floor_load":
            return med["floor_load"]
        if expr == TUI_EXPR:
            return med["floor_tui"] + med["floor_load"] - med["floor_python"]
        raise ValueError(expr)

    paths = {}
    for b in items:
        if b.kind == "floor":
            continue
        entry = stats(b)
        floor = floor_value(b.floor_expr)
        ratio = entry["median_s"] / floor if entry["median_s"] and floor else None
        floor_rss = floor_value(b.floor_expr, "peak_rss_kb")
        rss_ratio = entry["peak_rss_kb"] / floor_rss if entry["peak_rss_kb"] and floor_rss else None
        time_ok = ratio is not None and ratio <= b.budget
        rss_ok = rss_ratio is not None and rss_ratio <= RSS_BUDGET
        entry |= {
            "kind": b.kind,
            "writes": b.writes,
            "floor_expr": b.floor_expr,
            "floor_s": floor,
            "ratio": ratio,
            "budget": b.budget,
            "rss_ratio": rss_ratio,
            "rss_budget": RSS_BUDGET,
            "time_ok": time_ok,
            "rss_ok": rss_ok,
            "ok": (time_ok and rss_ok) if not b.error and floor else None,
        }
        paths[b.name] = entry
    return {
        "store": {
            "file": str(pristine),
            "bytes": pristine.stat().st_size,
            "contacts": size.contacts,
            "touches": size.touches,
            "links": size.links,
            "habits": size.habits,
            "checkins": size.checkins,
            "linkedin_rows": size.csv_rows,
        },
        "floors": floors,
        "paths": paths,
    }


def ms(seconds: float | None) -> str:
    """``812 ms`` / ``1.42 s``."""
    if seconds is None:
        return "—"
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def span(lo: float | None, hi: float | None) -> str:
    """``790–850 ms``."""
    if lo is None or hi is None:
        return "—"
    if hi < 10:
        return f"{lo * 1000:.0f}–{hi * 1000:.0f} ms"
    return f"{lo:.1f}–{hi:.1f} s"


def mb(kb: int | None) -> str:
    """``182 MB``."""
    return "—" if kb is None else f"{kb / 1024:.0f} MB"


FLOOR_TEXT = {
    "floor_python": "`python -c pass`",
    "floor_load": "`python -c`: import click, parse the store with {parser}",
    "floor_tui": "bare Textual app, one Static, to its first frame",
}


def markdown(size: gen.Size, result: dict[str, Any], runs: int, parser: str) -> str:
    """The two tables of one size."""
    store = result["store"]
    lines = [
        f"### {size.name}: {size.describe()} ({store['bytes'] / 1e6:.1f} MB)",
        "",
        f"{runs} run{'s' if runs != 1 else ''} after 1 warm-up (round-robin).",
        "",
        "| floor | what | median | min–max | peak RSS |",
        "|---|---|--:|--:|--:|",
    ]
    for name, f in result["floors"].items():
        what = FLOOR_TEXT[name].format(parser=parser)
        if f["error"]:
            what += f" — error: {f['error']}"
        lines.append(
            f"| {name} | {what} | {ms(f['median_s'])} | {span(f['min_s'], f['max_s'])} "
            f"| {mb(f['peak_rss_kb'])} |"
        )
    lines += [
        "",
        "| path | median | min–max | floor expr | ratio | budget | RSS (× its floor) | result |",
        "|---|--:|--:|---|--:|--:|--:|---|",
    ]
    passed = 0
    for name, p in result["paths"].items():
        expr = f"{p['floor_expr']} = {ms(p['floor_s'])}" if p["floor_s"] else p["floor_expr"]
        ratio = "—" if p["ratio"] is None else f"{p['ratio']:.2f}"
        rss = "—" if p["rss_ratio"] is None else f"{mb(p['peak_rss_kb'])} ({p['rss_ratio']:.2f}×)"
        if p["error"]:
            verdict = f"error: {p['error'].replace('|', '/')}"
        elif p["ok"] is None:
            verdict = "— (a floor failed)"
        elif p["ok"]:
            verdict = "✓"
            passed += 1
        else:
            missed = [w for w, ok in (("time", p["time_ok"]), ("RSS", p["rss_ok"])) if not ok]
            verdict = f"✗ miss ({', '.join(missed)})"
        lines.append(
            f"| {name} | {ms(p['median_s'])} | {span(p['min_s'], p['max_s'])} | {expr} | {ratio} "
            f"| ≤ {p['budget']:g} | {rss} | {verdict} |"
        )
    lines += ["", f"{passed}/{len(result['paths'])} paths within budget.", ""]
    return "\n".join(lines)


def run_latency(args: list[str], today: str) -> dict[str, Any]:
    """``tui_latency.py ARGS`` (its JSON), or ``{"error": …}``."""
    env = {**os.environ, "NETWORKHABIT_TODAY": today}
    env.pop("NETWORKHABIT_DEBUG", None)
    try:
        proc = subprocess.run(
            [sys.executable, str(LATENCY_SCRIPT), *args, "--today", today],
            capture_output=True,
            text=True,
            env=env,
            timeout=KILL_AFTER_S * 2,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {"error": "timed out"}
    if proc.returncode:
        return {"error": first_line(proc.stderr, proc.returncode)}
    try:
        value = json.loads(proc.stdout)
    except ValueError:
        return {"error": f"no JSON from tui_latency.py: {proc.stdout[:80]!r}"}
    return value if isinstance(value, dict) else {"error": "tui_latency.py: not an object"}


def key_budget(size: gen.Size) -> float:
    """The key-to-paint budget of a size (the heavy one for 5,000 contacts, else light)."""
    return KEY_TO_PAINT_BUDGET["heavy" if size.contacts >= 5_000 else "light"]


def app_rows(size: gen.Size, app: dict[str, Any]) -> list[tuple[str, float | None, str, float]]:
    """(what, median seconds, min–max text, budget) of one size's app latencies."""
    if app.get("error"):
        return []
    keys, stalls = app.get("key_to_paint_s") or [], app.get("stall_s") or []
    rows = [
        (
            f"app: space on a habit, key to paint ({len(keys)} presses)",
            statistics.median(keys) if keys else None,
            span(min(keys), max(keys)) if keys else "—",
            key_budget(size),
        ),
        (
            "app: longest event-loop stall during the write",
            max(stalls) if stalls else None,
            span(min(stalls), max(stalls)) if stalls else "—",
            STALL_BUDGET,
        ),
    ]
    reloads = app.get("reload_stall_s") or []
    if reloads:
        rows.append(
            (
                f"app: longest stall reading again what another process wrote ({len(reloads)})",
                max(reloads),
                span(min(reloads), max(reloads)),
                STALL_BUDGET,
            )
        )
    return rows


def app_markdown(title: str, rows: list[tuple[str, float | None, str, float]], error: str) -> str:
    """A table of app latencies against their budgets (absolute, in ms)."""
    lines = [title, "", "| app | median | min–max | budget | result |", "|---|--:|--:|--:|---|"]
    if error:
        lines.append(f"| (all) | — | — | — | error: {error.replace('|', '/')} |")
    for what, value, spread, budget in rows:
        verdict = "—" if value is None else ("✓" if value <= budget else "✗ miss (time)")
        lines.append(f"| {what} | {ms(value)} | {spread} | ≤ {ms(budget)} | {verdict} |")
    return "\n".join([*lines, ""])


def demo_runs(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The demo store's latencies over several fresh apps (``tui_latency.py screens`` each):
    each screen's and dialog's median in ``screens`` / ``dialogs``, every run's in ``runs``;
    the first error if one failed."""
    error = next((r["error"] for r in runs if r.get("error")), None)
    if error is not None:
        return {"error": error, "runs": runs}
    found: dict[str, Any] = {"runs": runs}
    for group in ("screens", "dialogs"):
        names = list(runs[0].get(group) or {})
        found[group] = {
            name: statistics.median(r[group][name] for r in runs)
            for name in names
            if all(isinstance((r.get(group) or {}).get(name), (int, float)) for r in runs)
        }
    return found


def demo_rows(found: dict[str, Any]) -> list[tuple[str, float | None, str, float]]:
    """Each screen's first open and each dialog on the demo store: the median of the runs
    (each a fresh app), with their range."""
    rows = []
    runs = found.get("runs") or []
    for group, label in (("screens", "first open"), ("dialogs", "dialog")):
        for name, value in (found.get(group) or {}).items():
            each = [r[group][name] for r in runs if name in (r.get(group) or {})]
            spread = span(min(each), max(each)) if len(each) > 1 else "—"
            rows.append((f"{label}: {name}", value, spread, OPEN_BUDGET))
    return rows


def finite_json(value: Any) -> Any:
    """NaN and infinities have no JSON spelling: None instead."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: finite_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [finite_json(v) for v in value]
    return value


def package_version(name: str) -> str:
    """An installed package's version ("?" if unknown)."""
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"


def main(argv: list[str] | None = None) -> int:
    """The command line."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--runs",
        type=int,
        help="timed runs per command after the warm-up "
        f"(default: {', '.join(f'{k} {v}' for k, v in DEFAULT_RUNS.items())})",
    )
    parser.add_argument(
        "--sizes", default="heavy,dense,light", help="comma-separated: heavy,dense,light,tiny"
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the numbers here")
    parser.add_argument(
        "--out", type=Path, default=HERE / "out", help="where the stores go (default: %(default)s)"
    )
    parser.add_argument("--today", default=gen.TODAY, help="the stores' today (%(default)s)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a budget is missed")
    parser.add_argument(
        "--no-app-latency",
        action="store_true",
        help="leave out the in-process app latencies (tui_latency.py)",
    )
    args = parser.parse_args(argv)
    if args.runs is not None and args.runs < 1:
        parser.error("--runs must be at least 1")
    sizes = gen.parse_sizes(args.sizes)
    started = time.perf_counter()
    out: Path = args.out.resolve()
    stale = [s.name for s in sizes if not gen.is_current(out, s, args.today)]
    if stale:
        print(f"generating the {', '.join(stale)} store(s) in {out} …", file=sys.stderr)
        made = subprocess.run(
            [sys.executable, str(HERE / "generate.py"), str(out), "--today", args.today]
            + ["--sizes", ",".join(stale)],
            check=False,
        )
        if made.returncode:
            print(f"run.py: generate.py failed (exit {made.returncode})", file=sys.stderr)
            return 1
    parser_name = json_parser()
    report: dict[str, Any] = {
        "meta": {
            "started": datetime.now().isoformat(timespec="seconds"),
            "python": platform.python_version(),
            "platform": f"{platform.system()} {platform.machine()}",
            "cpus": os.cpu_count(),
            "textual": package_version("textual"),
            "networkhabit": package_version("networkhabit"),
            "json_parser": parser_name,
            "cli": cli_command(),
            "today": args.today,
            "warmup_runs": 1,
        },
        "sizes": {},
    }
    sections = []
    failed = missed = 0
    for size in sizes:
        runs = args.runs or DEFAULT_RUNS[size.name]
        print(f"timing {size.name} ({runs} runs after a warm-up) …", file=sys.stderr)
        items = measure(size, out, runs, args.today, parser_name)
        result = summarise(size, items, out / f"{size.name}.json")
        result["runs"] = runs
        report["sizes"][size.name] = result
        sections.append(markdown(size, result, runs, parser_name))
        entries = [*result["floors"].values(), *result["paths"].values()]
        failed += sum(1 for e in entries if e["error"])
        missed += sum(1 for p in result["paths"].values() if p["ok"] is False)
        if not args.no_app_latency:
            print(f"  {size.name}: the app's key-to-paint and stalls …", file=sys.stderr)
            app = run_latency(
                ["keys", str(out / f"{size.name}.json"), "--presses", str(max(3, runs))],
                args.today,
            )
            rows = app_rows(size, app)
            result["app"] = app | {"rows": rows}
            failed += bool(app.get("error"))
            missed += sum(1 for _, v, _, b in rows if v is not None and v > b)
            sections.append(
                app_markdown(f"#### {size.name}: the app (in-process)", rows, app.get("error", ""))
            )
    if not args.no_app_latency:
        print("the app's screens and dialogs on the demo store …", file=sys.stderr)
        demo_count = min(DEMO_RUNS, args.runs or DEMO_RUNS)
        found = demo_runs([run_latency(["screens"], args.today) for _ in range(demo_count)])
        rows = demo_rows(found)
        report["demo"] = found | {"rows": rows}
        failed += bool(found.get("error"))
        missed += sum(1 for _, v, _, b in rows if v is not None and v > b)
        sections.append(
            app_markdown(
                "### demo store: each screen's first open and each dialog "
                f"(median of {demo_count} fresh apps)",
                rows,
                found.get("error", ""),
            )
        )
    total = time.perf_counter() - started
    report["meta"]["total_s"] = round(total, 1)
    meta = report["meta"]
    print(
        "\n".join(
            [
                "## networkhabit benchmarks",
                "",
                (
                    f"{meta['started'][:16].replace('T', ' ')} · Python {meta['python']} · "
                    f"{meta['platform']} · {meta['cpus']} CPUs · textual {meta['textual']} · "
                    f"floor_load parses with {parser_name} · today {args.today} · CLI paths run "
                    + (
                        "the `networkhabit` console script"
                        if len(meta["cli"]) == 1
                        else "`python -m networkhabit`"
                    )
                ),
                "",
                *sections,
                (
                    f"Whole run: {total:.0f} s (stores in {out}). "
                    f"{failed} failed, {missed} over budget."
                ),
            ]
        )
    )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(finite_json(report), indent=2, ensure_ascii=False) + "\n")
    if failed:
        return 1
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
