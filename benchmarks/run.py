"""Time networkhabit's main paths on the heavy store, as ratios against floors measured
in the same run on the same machine.

    python benchmarks/run.py [--repeat 3] [--out benchmarks/out]

Floors: ``python`` starting and doing nothing; reading and parsing the heavy store
file with orjson (what any command must at least do); and that plus writing it back
atomically (what any write must at least do). Each path's best-of-N wall time is
divided by its floor and compared with its budget; the run exits 1 if a path is over
budget. Timings never appear in the test-suite.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
TODAY = "2026-11-20"


@dataclass
class Path_:
    name: str
    args: list[str]
    floor: str
    budget: float
    writes: bool = False
    store: str = "heavy"  # "heavy": a fresh copy of the heavy store; "empty": a new store


FLOOR_READ = "import orjson,sys; orjson.loads(open(sys.argv[1],'rb').read())"
FLOOR_WRITE = (
    "import orjson,sys,os; d=orjson.loads(open(sys.argv[1],'rb').read());"
    "b=orjson.dumps(d, option=orjson.OPT_INDENT_2|orjson.OPT_SORT_KEYS);"
    "f=open(sys.argv[1]+'.tmp','wb'); f.write(b); f.flush(); os.fsync(f.fileno()); f.close();"
    "os.replace(sys.argv[1]+'.tmp', sys.argv[1])"
)

PATHS = [
    Path_("today", ["today"], "read", 4.0),
    Path_("today --json", ["today", "--json"], "read", 4.0),
    Path_("neglected", ["neglected"], "read", 4.0),
    Path_("contacts --json", ["contacts", "--json"], "read", 4.0),
    Path_("show", ["show", "Ana Ruiz 0"], "read", 4.0),
    Path_("status", ["status"], "read", 4.0),
    Path_("streaks", ["streaks"], "read", 4.0),
    Path_("week", ["week"], "read", 4.0),
    Path_("intro path (person)", ["intro", "path", "Hugo Haddad 7"], "read", 4.0),
    Path_("intro path (company)", ["intro", "path", "Company 007"], "read", 4.0),
    Path_("intro suggest", ["intro", "suggest"], "read", 4.0),
    # Python + Textual start, parse, decode, and the Today screen worked out and drawn.
    Path_("TUI open until the data shows", ["@tui"], "read", 7.0),
    Path_("log", ["log", "Ana Ruiz 0", "--note", "bench"], "write", 3.0, writes=True),
    Path_("done", ["done", "Habit 01"], "write", 3.0, writes=True),
    Path_(
        "import linkedin 5k (empty store)",
        ["import", "linkedin", "{csv}"],
        "python",
        40.0,
        True,
        "empty",
    ),
    Path_(
        "import linkedin 5k (heavy store)",
        ["import", "linkedin", "{csv}"],
        "write",
        4.0,
        writes=True,
    ),
]


def best_of(cmd: list[str], repeat: int, env: dict[str, str], setup=None) -> tuple[float, int]:
    """Best wall time of ``repeat`` runs, and the last exit code."""
    best, code = float("inf"), 0
    for _ in range(repeat):
        if setup:
            setup()
        t = time.perf_counter()
        proc = subprocess.run(
            cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
        )
        best = min(best, time.perf_counter() - t)
        code = proc.returncode
        if code:
            sys.stderr.write(
                f"  ! {' '.join(cmd[3:])}: exit {code}: {proc.stderr.decode().strip()[:200]}\n"
            )
            break
    return best, code


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    args = parser.parse_args()
    out = args.out
    heavy, csv_file = out / "heavy.json", out / "Connections.csv"
    if not heavy.exists() or not csv_file.exists():
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), str(out), "--today", TODAY], check=True
        )
    work = out / "work.json"
    env = {**os.environ, "NETWORKHABIT_TODAY": TODAY, "NETWORKHABIT_DB": str(work)}
    fresh = lambda: shutil.copyfile(heavy, work)

    def empty() -> None:
        for p in out.glob("work.json*"):
            p.unlink()

    fresh()
    py = [sys.executable]
    floors = {
        "python": best_of(py + ["-c", "pass"], args.repeat, env)[0],
        "read": best_of(py + ["-c", FLOOR_READ, str(work)], args.repeat, env)[0],
        "write": best_of(py + ["-c", FLOOR_WRITE, str(work)], args.repeat, env, fresh)[0],
    }
    print(
        f"heavy store: {heavy.stat().st_size / 1e6:.1f} MB · floors: "
        + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in floors.items())
    )
    print(f"{'path':<36}{'time':>9}{'floor':>8}{'ratio':>8}{'budget':>8}  result")
    failed = 0
    for p in PATHS:
        if p.args == ["@tui"]:
            cmd = py + [str(HERE / "tui_open.py"), str(work)]
        else:
            cmd = py + ["-m", "networkhabit"] + [a.replace("{csv}", str(csv_file)) for a in p.args]
        setup = empty if p.store == "empty" else fresh
        setup()
        seconds, code = best_of(cmd, args.repeat, env, setup if p.writes else None)
        ratio = seconds / floors[p.floor]
        ok = code == 0 and ratio <= p.budget
        failed += not ok
        verdict = "ok" if ok else ("ERROR" if code else "OVER BUDGET")
        print(
            f"{p.name:<36}{seconds * 1000:>7.0f}ms{p.floor:>8}{ratio:>8.2f}{p.budget:>8.1f}  {verdict}"
        )
    empty()
    print(f"\n{len(PATHS) - failed}/{len(PATHS)} paths within budget")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
