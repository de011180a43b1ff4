"""Sample data."""

from __future__ import annotations

import click

from networkhabit.commands.base import (
    Context,
    command,
    pass_ctx,
)


@command()
@click.option("--force", is_flag=True, help="Replace whatever the store holds.")
@pass_ctx
def demo(obj: Context, force: bool) -> None:
    """Fill the store with realistic sample data (an empty store, or any with --force)."""
    from networkhabit.actions.demo import fill

    store = obj.session
    snap = fill(store, obj.today, force)
    click.echo(
        f"demo data written to {store.path}: {len(snap.contacts)} contacts, "
        f"{len(snap.interactions)} touches, {len(snap.habits)} habits, {len(snap.links)} links"
    )


# Commands that live in their own modules register themselves on `main` when first used
# (see NetworkhabitGroup.get_command).


def register(group: click.Group) -> None:
    group.add_command(demo)
