"""The layers stay apart (DESIGN.md, "Layers"): the front ends reach the store only through
actions/ and views/; command modules never import the CLI module; the shared layers import
no front end."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import networkhabit

ROOT = Path(networkhabit.__file__).parent


def imports_of(path: Path) -> set[str]:
    """Every module a file imports (``import x.y``, ``from x.y import z`` → ``x.y``, ``x.y.z``),
    wherever in the file (imports inside functions count too)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
    return out


def offenders(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for path in sorted((ROOT / folder).rglob("*.py")):
        for name in sorted(imports_of(path)):
            if any(name == f or name.startswith(f + ".") for f in forbidden):
                found.append(f"{path.relative_to(ROOT)} imports {name}")
    return found


def test_the_front_ends_do_not_import_the_store() -> None:
    assert offenders("tui", ("networkhabit.store",)) == []
    assert offenders("commands", ("networkhabit.store",)) == []
    assert "networkhabit.store" not in {
        n.split(".store")[0] + ".store" for n in imports_of(ROOT / "cli.py") if ".store" in n
    }


def test_command_modules_do_not_import_the_cli_module() -> None:
    assert offenders("commands", ("networkhabit.cli",)) == []


def test_actions_and_views_import_no_front_end() -> None:
    front = ("click", "textual", "networkhabit.cli", "networkhabit.commands", "networkhabit.tui")
    assert offenders("actions", front) == []
    assert offenders("views", front) == []


def test_the_domain_stays_pure() -> None:
    impure = ("click", "textual", "tinydb", "networkhabit.store", "networkhabit.actions")
    assert offenders("domain", (*impure, "networkhabit.views", "networkhabit.tui")) == []


def test_the_checker_sees_imports_inside_functions(tmp_path: Path) -> None:
    f = tmp_path / "m.py"
    f.write_text("def f():\n    from networkhabit.store import Store\n")
    assert "networkhabit.store.Store" in imports_of(f)


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
    for path in ROOT.rglob("*.py"):
        if "store" in path.relative_to(ROOT).parts[:1]:
            continue
        text = path.read_text(encoding="utf-8")
        if "import tinydb" in text or "from tinydb" in text:
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_screens_dialogs_and_widgets_do_not_import_the_app_class() -> None:
    """They post messages the app handles and see it through the Host protocol."""
    for folder in ("tui/screens", "tui/dialogs", "tui/widgets"):
        assert offenders(folder, ("networkhabit.tui.app",)) == []
    assert "networkhabit.tui.app" not in imports_of(ROOT / "tui" / "flows.py")
    assert "networkhabit.tui.app" not in imports_of(ROOT / "tui" / "commands.py")
