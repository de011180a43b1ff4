"""``networkhabit delete NAME [--yes]``: remove a contact for good."""

from __future__ import annotations

import sys

import click
import humanize

from networkhabit.actions.delete import delete_contact, plan_delete
from networkhabit.commands.base import Context, command, complete_contact, fail, pass_ctx


def _what(links: int, removed: int, kept: int) -> str:
    parts = []
    if removed:
        parts.append(f"{humanize.intcomma(removed)} touch{'es' if removed != 1 else ''}")
    if links:
        parts.append(f"{links} link{'s' if links != 1 else ''}")
    text = " and ".join(parts) if parts else "nothing else"
    if kept:
        text += f"; taken out of {kept} shared touch{'es' if kept != 1 else ''}"
    return text


@command("delete")
@click.argument("name", shell_complete=complete_contact)
@click.option("--yes", "-y", is_flag=True, help="Do not ask; delete at once.")
@pass_ctx
def delete(obj: Context, name: str, yes: bool) -> None:
    """Delete a contact for good, with their links and the touches only they were in
    (to keep them out of lists instead, use 'archive')."""
    plan = plan_delete(obj.session, name)
    what = _what(plan.links, plan.touches_removed, plan.touches_kept)
    if not yes:
        if not sys.stdin.isatty():
            fail(f"deleting {plan.contact.name} also removes {what}; add --yes to confirm")
        if not click.confirm(f"Delete {plan.contact.name} ({what})?", default=False):
            fail("nothing deleted")
    done = delete_contact(obj.session, name, uid=plan.contact.uid)
    p = done.plan
    click.echo(f"deleted {p.contact.name} ({_what(p.links, p.touches_removed, p.touches_kept)})")


def register(group: click.Group) -> None:
    """Add ``delete`` to the CLI."""
    group.add_command(delete)
