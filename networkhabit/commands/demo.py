"""Sample data."""

from __future__ import annotations

import click

from networkhabit.commands.base import (
    Context,
    fail,
    pass_ctx,
)


@click.command()
@click.option("--force", is_flag=True, help="Replace whatever the store holds.")
@pass_ctx
def demo(obj: Context, force: bool) -> None:
    """Fill the store with realistic sample data (an empty store, or any with --force)."""
    from networkhabit.demo import build_demo

    day = obj.today
    store = obj.store
    if not store.is_empty() and not force:
        fail(
            f"{store.path} already holds data; use 'demo --force' to replace it (or --db another file)"
        )
    snap = build_demo(day)
    store.replace_all(snap)
    click.echo(
        f"demo data written to {store.path}: {len(snap.contacts)} contacts, "
        f"{len(snap.interactions)} touches, {len(snap.habits)} habits, {len(snap.links)} links"
    )


# Commands that live in their own modules register themselves on `main` when first used
# (see NetworkhabitGroup.get_command).


def register(group: click.Group) -> None:
    group.add_command(demo)
