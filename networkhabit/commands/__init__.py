"""CLI commands beyond the core contact ones: a module per area.

Every module here with a ``register(group)`` function is found and registered
on ``networkhabit.cli.main`` at start-up. Keep module-level imports light (the
CLI must start fast): import heavy libraries inside the command that needs them.
"""

from __future__ import annotations

import importlib
import pkgutil

import click


def register_all(group: click.Group) -> None:
    """Register every command module's commands on ``group``."""
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(group)
