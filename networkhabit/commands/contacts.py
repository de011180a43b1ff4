"""Contacts: add, edit, list, show, archive, log a touch, snooze."""

from __future__ import annotations

from typing import Any

import click

from networkhabit.commands.base import (
    Context,
    command,
    complete_contact,
    contact_input,
    contact_options,
    emit_json,
    fail,
    pass_ctx,
    user_date,
)
from networkhabit.domain import contacts as rules
from networkhabit.domain.errors import InputError
from networkhabit.domain.model import KINDS, Contact
from networkhabit.domain.names import (
    display_names,
    fold,
)
from networkhabit.domain.touches import closed_follow_up_text
from networkhabit.domain.wording import ago, count, every


@command()
@click.argument("name")
@contact_options
@click.option("--prospect", is_flag=True, help="Someone you want to reach but do not know yet.")
@click.option("--met-through", metavar="NAME", help="The contact who introduced you (adds a link).")
@pass_ctx
def add(obj: Context, name: str, prospect: bool, met_through: str | None, **fields: Any) -> None:
    """Add a contact (or, with --prospect, someone to reach)."""
    from networkhabit.actions import changes, contacts

    given = contact_input(fields, name=name, known=not prospect)
    change = changes.run(obj.session, contacts.add(given, obj.today, met_through))
    contact = change.subject
    assert isinstance(contact, Contact)
    kind = "prospect" if prospect else "contact"
    rhythm = f" · {every(contact.cadence_days)}" if contact.cadence_days else ""
    click.echo(f"added {kind} {contact.name}{rhythm}")


@command()
@click.argument("name", shell_complete=complete_contact)
@contact_options
@click.option("--rename", metavar="NEW", help="A new name.")
@click.option(
    "--prospect/--known", default=None, help="Mark as a prospect, or as someone you know."
)
@pass_ctx
def edit(obj: Context, name: str, rename: str | None, prospect: bool | None, **fields: Any) -> None:
    """Change a contact's details (given options replace the old values)."""
    from networkhabit.actions import changes, contacts

    known = None if prospect is None else not prospect
    given = contact_input(fields, name=rename, known=known)
    if not given.given():
        fail("nothing to change: give at least one option (see 'networkhabit edit --help')")
    change = changes.run(obj.session, contacts.edit(name, given, obj.today))
    assert isinstance(change.subject, Contact)
    click.echo(f"updated {change.subject.name}: {', '.join(change.info['fields'])}")


@command("contacts")
@click.option("--tag", help="Only contacts with this tag.")
@click.option(
    "--search", "query", metavar="Q", help="Match name, company, title, email, notes, tags."
)
@click.option("--archived", is_flag=True, help="Include archived contacts.")
@click.option("--prospects", is_flag=True, help="Only prospects.")
@click.option("--json", "as_json", is_flag=True, help="JSON output.")
@pass_ctx
def contacts_cmd(
    obj: Context, tag: str | None, query: str | None, archived: bool, prospects: bool, as_json: bool
) -> None:
    """List contacts."""
    today = obj.today
    snap = obj.daily("contacts")
    stats = rules.stats_of(snap, today)
    labels = display_names(snap.contacts)
    rows = [c for c in snap.contacts if archived or not c.archived]
    if prospects:
        rows = [c for c in rows if not c.known]
    if tag:
        rows = [c for c in rows if fold(tag) in (fold(t) for t in c.tags)]
    if query:
        q = fold(query)
        rows = [
            c
            for c in rows
            if q in fold(" ".join((c.name, c.company, c.title, c.email, c.notes, *c.tags)))
        ]
    rows.sort(key=lambda c: (c.name.casefold(), c.company.casefold(), c.uid))
    if as_json:
        from networkhabit.views.contact_page import contact_json

        emit_json([contact_json(c, stats, today, labels[c.uid]) for c in rows])
        return
    if not rows:
        click.echo(
            "no contacts"
            + (" match" if (tag or query) else " yet — add one with 'networkhabit add NAME'")
        )
        return
    marks = {
        "red": "!!",
        "yellow": "! ",
        "due": "• ",
        "prospect": "? ",
        "snoozed": "z ",
        "archived": "a ",
    }
    width = min(34, max(len(labels[c.uid]) for c in rows))
    for c in rows:
        st = rules.status(c, stats, today)
        last = rules.last_contact(c, stats)
        where = c.company or "—"
        last_txt = "never" if stats.get(c.uid) is None else ago(last, today)
        click.echo(
            f"{marks.get(st, '  ')}{labels[c.uid][:width]:<{width}}  {where[:24]:<24}  {last_txt}"
        )
    click.echo(
        f"\n{len(rows)} contact{'s' if len(rows) != 1 else ''} · !! past the limit · ! overdue · • due today · ? prospect · z snoozed"
    )


@command()
@click.argument("name", shell_complete=complete_contact)
@click.option("--json", "as_json", is_flag=True, help="JSON output.")
@pass_ctx
def show(obj: Context, name: str, as_json: bool) -> None:
    """Show one contact: details, timeline, who they know."""
    from networkhabit.views import contact_page

    today = obj.today
    page = contact_page.read(obj.session, name, today)
    c, stats, labels, touches = page.contact, page.stats, page.labels, page.touches
    knows, colleagues, book = page.knows, page.colleagues, page.ledger
    if as_json:
        doc = contact_page.page_json(page, today)
        emit_json(doc)
        return
    st = rules.status(c, stats, today)
    head = (
        labels[c.uid]
        + ("  (prospect)" if not c.known else "")
        + ("  [archived]" if c.archived else "")
    )
    click.echo(click.style(head, bold=True))
    if rules.role(c):
        click.echo(f"  {rules.role(c)}")
    for label, value in rules.detail_fields(c):
        click.echo(f"  {label + ':':<10}{value}")
    last = rules.last_contact(c, stats)
    if stats.get(c.uid):
        click.echo(
            f"  {'last:':<10}talked {ago(last, today)} ({last.isoformat()}) · {count(len(touches), 'touch')}"
        )
    else:
        click.echo(f"  {'last:':<10}no touches yet (added {ago(c.created, today)})")
    if c.cadence_days:
        due = rules.due_date(c, stats)
        assert due is not None
        state = {
            "red": "past the limit",
            "yellow": "overdue",
            "due": "due today",
            "ok": "on track",
            "snoozed": f"snoozed until {c.snoozed_until}",
        }.get(st, st)
        click.echo(f"  {'rhythm:':<10}{every(c.cadence_days)} · due {ago(due, today)} ({state})")
    if c.notes:
        click.echo(f"  {'notes:':<10}{c.notes}")
    if knows or colleagues:
        click.echo("\nKnows")
        for n, lk in knows:
            tag = "" if lk.source == "manual" else f" ({lk.source})"
            click.echo(f"  • {n}{tag}" + (f" — {lk.note}" if lk.note else ""))
        for u in colleagues[:10]:
            click.echo(f"  • {labels[u]} (same company, inferred)")
        if len(colleagues) > 10:
            click.echo(f"  … and {len(colleagues) - 10} more at {c.company} (inferred)")
    if book.made_for or book.received_through:
        made = f"{book.made_for} introduction{'s' if book.made_for != 1 else ''}"
        met = f"{book.received_through} {'person' if book.received_through == 1 else 'people'}"
        click.echo(f"\nGive and take\n  you made {made} for them · you met {met} through them")
    if touches:
        click.echo("\nTimeline")
        for i in touches[:15]:
            others = [labels.get(u, "?") for u in i.contacts if u != c.uid]
            with_txt = f" with {', '.join(others)}" if others else ""
            fu = ""
            if i.follow_up and not i.follow_up_done:
                fu = f" → follow up {ago(i.follow_up, today)}"
            click.echo(f"  {i.date.isoformat()}  {i.kind:<8}{i.note}{with_txt}{fu}")
        if len(touches) > 15:
            click.echo(f"  … and {len(touches) - 15} earlier")


@command()
@click.argument("name", shell_complete=complete_contact)
@click.option("--undo", is_flag=True, help="Bring an archived contact back.")
@pass_ctx
def archive(obj: Context, name: str, undo: bool) -> None:
    """Archive a contact (kept, but out of every list)."""
    from networkhabit.actions import changes, contacts

    change = changes.run(obj.session, contacts.archive(name, undo))
    assert isinstance(change.subject, Contact)
    click.echo(f"{'restored' if undo else 'archived'} {change.subject.name}")


@command()
@click.argument("names", nargs=-1, required=True, shell_complete=complete_contact)
@click.option(
    "--kind",
    "-k",
    type=click.Choice(KINDS, case_sensitive=False),
    default="message",
    show_default=True,
    help="What kind of touch.",
)
@click.option("--note", "-n", default="", help="What it was about.")
@click.option("--date", "-d", "when", metavar="DATE", help="When (default today).")
@click.option(
    "--follow-up", "-f", metavar="DATE", help="Remind me to follow up then (e.g. +3d, friday)."
)
@pass_ctx
def log(
    obj: Context,
    names: tuple[str, ...],
    kind: str,
    note: str,
    when: str | None,
    follow_up: str | None,
) -> None:
    """Log a touch with one or more contacts (resets their keep-in-touch timer)."""
    from networkhabit.actions import changes, touches

    today = obj.today
    day = user_date(when, today, allow_future=False, what="touch date") or today
    fu = user_date(follow_up, today, future=True)
    change = changes.run(obj.session, touches.log(names, today, kind, note, fu, day))
    when_txt = "" if day == today else f" on {day.isoformat()}"
    msg = f"logged {kind.lower()} with {change.info['who']}{when_txt}"
    if fu:
        msg += f" · follow up {ago(fu, today)}"
    click.echo(msg)
    for closed in change.closed:
        click.echo(f"  {closed_follow_up_text(closed, today)}")


@command()
@click.argument("name", shell_complete=complete_contact)
@click.argument("when", required=False, metavar="[WHEN]")
@click.option("--until", "until", metavar="DATE", help="Out of the neglected list until then.")
@pass_ctx
def snooze(obj: Context, name: str, when: str | None, until: str | None) -> None:
    """Hide a contact from the neglected list until a date (WHEN or --until: 2w, +1m,
    friday, 2026-12-24)."""
    from networkhabit.actions import changes, contacts

    if when is not None and until is not None:
        raise click.UsageError("give the date once: WHEN or --until, not both")
    text = when if until is None else until
    if text is None:
        raise click.UsageError("until when? e.g. 'networkhabit snooze NAME 2w' (or --until DATE)")
    today = obj.today
    day = user_date(text, today, future=True)
    assert day is not None
    if day <= today:
        raise InputError(f"snooze date {text!r} ({day.isoformat()}) must be after today")
    change = changes.run(obj.session, contacts.snooze(name, day, today))
    assert isinstance(change.subject, Contact)
    click.echo(f"snoozed {change.subject.name} until {day.isoformat()} ({ago(day, today)})")


def register(group: click.Group) -> None:
    group.add_command(add)
    group.add_command(edit)
    group.add_command(contacts_cmd)
    group.add_command(show)
    group.add_command(archive)
    group.add_command(log)
    group.add_command(snooze)
