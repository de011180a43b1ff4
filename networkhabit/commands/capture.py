"""``import calendar FILE.ics`` and ``import mail PATH``: touches captured from your calendar
and mail (see :mod:`networkhabit.actions.capture`).

The ``import`` group lives in :mod:`networkhabit.commands.io`; it calls
:func:`register_import` to add these two. ``--json`` prints ``{"file", "kind",
"dry_run", "touches", "contacts", "names", "already", "declined", "absent", "cancelled",
"closed", "plans", "unknown": [{"email", "name"}], "added", "ambiguous"}``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import click

from networkhabit.commands.base import Context, command, emit_json, pass_ctx, user_date

CALENDAR_HELP = """Log touches from a calendar export (.ics): Google Calendar, Outlook, Apple
Calendar, Thunderbird, or a CalDAV download (a folder of .ics files).

Every past event you were at with a contact among its attendees becomes a 'meeting' touch
(the event's title as note, on its local date); recurring events count once per
occurrence. Invitations you declined and events you were not at are left out (set your own
addresses with 'settings set me you@example.com' so they can be told). Future meetings
with contacts appear on today's agenda. People are matched by e-mail, then by name where
only one contact has it. Importing the same file again adds nothing new.
"""

MAIL_HELP = """Log touches from your mail: an mbox file (e.g. from Google Takeout) or a Maildir
folder.

Every message you sent (From: one of your addresses — 'settings set me a@x,b@y') becomes an
'email' touch with the contacts among its recipients; with --received, replies contacts
sent you count for them too. Only headers are read (the subject becomes the note); bodies
are never stored. Importing the same mailbox again adds nothing new (by Message-ID).
"""


def _options(func: Any) -> Any:
    for option in reversed(
        [
            click.option(
                "--dry-run", is_flag=True, help="Show what would be logged; write nothing."
            ),
            click.option(
                "--since", metavar="DATE", help="Only from DATE on (YYYY-MM-DD, -3m, ...)."
            ),
            click.option(
                "--add-unknown",
                is_flag=True,
                help="Add the people who are not contacts yet, as prospects.",
            ),
            click.option("--json", "as_json", is_flag=True, help="The report as JSON."),
        ]
    ):
        func = option(func)
    return func


@command("calendar", short_help="Touches from a calendar export (.ics).", help=CALENDAR_HELP)
@click.argument("file", metavar="FILE.ics", type=click.Path())
@_options
@pass_ctx
def calendar_cmd(
    obj: Context, file: str, dry_run: bool, since: str | None, add_unknown: bool, as_json: bool
) -> None:
    from networkhabit.actions import capture

    today = obj.today
    result = capture.import_calendar(
        obj.session,
        file,
        today,
        since=user_date(since, today, what="--since"),
        now=_now(today),
        local=capture.zone_from_env(),
        dry_run=dry_run,
        add_unknown=add_unknown,
    )
    _report(result, as_json)


@command("mail", short_help="Touches from a mailbox (mbox or Maildir).", help=MAIL_HELP)
@click.argument("path", metavar="PATH", type=click.Path())
@click.option("--received", is_flag=True, help="Replies contacts sent you count for them too.")
@_options
@pass_ctx
def mail_cmd(
    obj: Context,
    path: str,
    received: bool,
    dry_run: bool,
    since: str | None,
    add_unknown: bool,
    as_json: bool,
) -> None:
    from networkhabit.actions import capture

    today = obj.today
    result = capture.import_mail(
        obj.session,
        path,
        today,
        since=user_date(since, today, what="--since"),
        received=received,
        local=capture.zone_from_env(),
        dry_run=dry_run,
        add_unknown=add_unknown,
    )
    _report(result, as_json)


def _now(today: Any) -> datetime | None:
    """Now, to tell which of today's events are over (None when today is pinned to
    another day: then all of that day's events count as over)."""
    now = datetime.now().astimezone()
    return now if now.date() == today else None


def report_json(r: Any) -> dict[str, Any]:
    """The documented JSON shape of an import's report."""
    return {
        "file": r.path,
        "kind": r.kind,
        "dry_run": r.dry_run,
        "touches": len(r.touches),
        "contacts": r.contacts,
        "names": list(r.names),
        "already": r.already,
        "declined": r.declined,
        "absent": r.absent,
        "cancelled": r.cancelled,
        "closed": r.closed,
        "plans": len(r.plans),
        "unknown": [{"email": s.email, "name": s.name} for s in r.unknown],
        "added": len(r.added),
        "ambiguous": list(r.ambiguous),
    }


def _report(result: Any, as_json: bool) -> None:
    from networkhabit.actions.capture import summary_lines

    if as_json:
        emit_json(report_json(result))
        return
    prefix = "dry run, nothing written — " if result.dry_run else ""
    lines = summary_lines(result)
    click.echo(f"{prefix}{result.path}: {lines[0]}")
    for line in lines[1:]:
        click.echo(f"  {line}")


def register_import(group: click.Group) -> None:
    """Add ``calendar`` and ``mail`` to the ``import`` group."""
    group.add_command(calendar_cmd)
    group.add_command(mail_cmd)
