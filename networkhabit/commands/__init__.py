"""The CLI commands: a module per area.

Every module here has a ``register(group)`` function adding its commands to
``networkhabit.cli.main``. A module is imported only when one of its commands runs
(or ``--help`` lists them all): :data:`COMMANDS` says which module holds which
command, and a test checks it against what the modules register.
"""

from __future__ import annotations

import importlib

import click

#: Command name → the module (in this package) that registers it.
COMMANDS: dict[str, str] = {
    "add": "contacts",
    "archive": "contacts",
    "contacts": "contacts",
    "delete": "delete",
    "demo": "demo",
    "edit": "contacts",
    "log": "contacts",
    "merge": "merge",
    "neglected": "today",
    "show": "contacts",
    "snooze": "contacts",
    "status": "today",
    "today": "today",
    "break": "habits",
    "doctor": "doctor",
    "done": "habits",
    "export": "io",
    "habit": "habits",
    "import": "io",
    "intro": "intro",
    "knows": "intro",
    "remind": "remind",
    "settings": "settings",
    "skip": "habits",
    "streaks": "habits",
    "sync": "sync",
    "undone": "corrections",
    "unlog": "corrections",
    "week": "habits",
}


def register_module(group: click.Group, name: str) -> None:
    """Import one command module and let it register its commands on ``group``."""
    importlib.import_module(f"{__name__}.{name}").register(group)


def register_all(group: click.Group) -> None:
    """Register every command module's commands on ``group``."""
    import pkgutil  # (here: a single command is imported through COMMANDS alone)

    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(group)
