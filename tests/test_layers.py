"""The layers stay apart: the domain loads no UI, store or CLI library."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_domain_imports_no_textual_tinydb_or_click() -> None:
    code = (
        "import sys, pkgutil, importlib, networkhabit.domain as d\n"
        "for m in pkgutil.iter_modules(d.__path__): importlib.import_module('networkhabit.domain.' + m.name)\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in ('textual', 'tinydb', 'click'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_cli_does_not_import_textual_for_plain_commands() -> None:
    code = (
        "import sys\nfrom networkhabit import cli\n"
        "print(any(n.split('.')[0] == 'textual' for n in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_only_the_store_touches_tinydb() -> None:
    offenders = []
    for path in (ROOT / "networkhabit").rglob("*.py"):
        if "store" in path.relative_to(ROOT / "networkhabit").parts[:1]:
            continue
        text = path.read_text(encoding="utf-8")
        if "import tinydb" in text or "from tinydb" in text:
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
