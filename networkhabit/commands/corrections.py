"""Taking back a mistake from the command line: ``unlog`` a touch, ``undone`` a check-in.

networkhabit unlog NAME [--date D]     remove the touch with NAME logged last (on D)
networkhabit undone HABIT [--date D]   remove the check-in of HABIT logged last on D (today)
"""

from __future__ import annotations

import click

from networkhabit.commands.base import Context, complete_contact, pass_ctx, user_date
from networkhabit.commands.habits import active_habit, complete_habit
from networkhabit.domain.errors import InputError
from networkhabit.domain.model import CheckIn, Interaction
from networkhabit.domain.names import display_names, resolve_contact


@click.command("unlog")
@click.argument("name", shell_complete=complete_contact)
@click.option("--date", "-d", "when", metavar="DATE", help="Only a touch on this day.")
@pass_ctx
def unlog(obj: Context, name: str, when: str | None) -> None:
    """Remove the touch with NAME that was logged last (a mistyped 'log')."""
    today = obj.today
    snap = obj.snapshot()
    c = resolve_contact(name, snap.contacts, include_archived=True)
    day = user_date(when, today)
    mine = [i for i in snap.interactions if c.uid in i.contacts and (day is None or i.date == day)]
    if not mine:
        on = f" on {day.isoformat()}" if day else ""
        raise InputError(f"no touch with {c.name}{on} to remove")
    # The newest day; within a day, the one stored last (touches are appended).
    latest = max(i.date for i in mine)
    touch = [i for i in mine if i.date == latest][-1]
    obj.store.remove(Interaction, [touch.uid])
    labels = display_names(snap.contacts)
    who = ", ".join(labels.get(u, "?") for u in touch.contacts)
    note = f" ({touch.note})" if touch.note else ""
    click.echo(f"removed the {touch.kind} with {who} on {touch.date.isoformat()}{note}")


@click.command("undone")
@click.argument("habit", shell_complete=complete_habit)
@click.option("--date", "-d", "when", metavar="DATE", help="Which day (default today).")
@pass_ctx
def undone(obj: Context, habit: str, when: str | None) -> None:
    """Remove the check-in (or skip) of HABIT logged last on a day (a mistyped 'done')."""
    today = obj.today
    snap = obj.snapshot()
    h = active_habit(snap, habit)
    day = user_date(when, today) or today
    entries = [c for c in snap.checkins if c.habit == h.uid and c.date == day]
    if not entries:
        raise InputError(f"no check-in of {h.name!r} on {day.isoformat()} to remove")
    last = entries[-1]
    obj.store.remove(CheckIn, [last.uid])
    what = "skip" if last.skip else f"check-in of {last.count}"
    left = sum(c.count for c in entries[:-1] if not c.skip)
    click.echo(
        f"removed the {what} of {h.name!r} on {day.isoformat()} · {left}/{h.target} left that day"
    )


def register(group: click.Group) -> None:
    """Add ``unlog`` and ``undone`` to the CLI."""
    group.add_command(unlog)
    group.add_command(undone)
