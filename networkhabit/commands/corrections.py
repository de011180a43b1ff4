"""Taking back a mistake from the command line: ``unlog`` a touch, ``undone`` a check-in.

networkhabit unlog NAME [--date D]     remove the touch with NAME logged last (on D)
networkhabit undone HABIT [--date D]   remove the check-in of HABIT logged last on D (today)
"""

from __future__ import annotations

import click

from networkhabit.actions import changes, touches
from networkhabit.actions import habits as habit_actions
from networkhabit.commands.base import Context, command, complete_contact, pass_ctx, user_date
from networkhabit.commands.habits import complete_habit
from networkhabit.domain.model import CheckIn, Interaction
from networkhabit.domain.touches import closed_follow_up_text


@command("unlog")
@click.argument("name", shell_complete=complete_contact)
@click.option("--date", "-d", "when", metavar="DATE", help="Only a touch on this day.")
@pass_ctx
def unlog(obj: Context, name: str, when: str | None) -> None:
    """Remove the touch with NAME that was logged last (a mistyped 'log'); the follow-ups
    it closed are open again."""
    today = obj.today
    day = user_date(when, today)
    change = changes.run(obj.session, touches.unlog(name, today, day))
    touch = change.subject
    assert isinstance(touch, Interaction)
    note = f" ({touch.note})" if touch.note else ""
    click.echo(
        f"removed the {touch.kind} with {change.info['who']} on {touch.date.isoformat()}{note}"
    )
    for f in change.after:
        assert isinstance(f, Interaction)
        click.echo(f"  {closed_follow_up_text(f, today, verb='opened again')}")


@command("undone")
@click.argument("habit", shell_complete=complete_habit)
@click.option("--date", "-d", "when", metavar="DATE", help="Which day (default today).")
@pass_ctx
def undone(obj: Context, habit: str, when: str | None) -> None:
    """Remove the check-in (or skip) of HABIT logged last on a day (a mistyped 'done')."""
    today = obj.today
    day = user_date(when, today) or today
    change = changes.run(obj.session, habit_actions.undone(habit, today, day))
    last = change.subject
    assert isinstance(last, CheckIn)
    h = change.info["history"]
    what = "skip" if last.skip else f"check-in of {last.count}"
    click.echo(
        f"removed the {what} of {h.habit.name!r} on {day.isoformat()} · "
        f"{h.count_on(day)}/{h.habit.target} left that day"
    )


def register(group: click.Group) -> None:
    """Add ``unlog`` and ``undone`` to the CLI."""
    group.add_command(unlog)
    group.add_command(undone)
