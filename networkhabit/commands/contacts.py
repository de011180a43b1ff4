"""Contacts: add, edit, list, show, archive, log a touch, snooze."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import click

from networkhabit.commands.base import (
    Context,
    complete_contact,
    contact_options,
    emit_json,
    fail,
    pass_ctx,
    user_cadence,
    user_date,
)
from networkhabit.domain import contacts as rules
from networkhabit.domain.dates import (
    parse_birthday,
    parse_duration,
)
from networkhabit.domain.errors import InputError
from networkhabit.domain.model import KINDS, Contact, Link, new_uid
from networkhabit.domain.names import (
    clean_name,
    display_names,
    fold,
    resolve_contact,
    split_values,
)
from networkhabit.domain.wording import ago, every


@click.command()
@click.argument("name")
@contact_options
@click.option("--prospect", is_flag=True, help="Someone you want to reach but do not know yet.")
@click.option("--met-through", metavar="NAME", help="The contact who introduced you (adds a link).")
@pass_ctx
def add(
    obj: Context,
    name: str,
    company: str | None,
    title: str | None,
    email: str | None,
    phone: str | None,
    url: str | None,
    tags: tuple[str, ...],
    every_: str | None,
    max_: str | None,
    needs: tuple[str, ...],
    offers: tuple[str, ...],
    birthday: str | None,
    note: str | None,
    prospect: bool,
    met_through: str | None,
) -> None:
    """Add a contact (or, with --prospect, someone to reach)."""
    today = obj.today
    name = clean_name(name)
    snap = obj.store.people()
    cadence = user_cadence(every_)
    tag_list = split_values(tags)
    if cadence is None:
        cadence = rules.default_cadence(tag_list, snap.settings)
    for c in snap.contacts:
        if fold(c.name) == fold(name) and fold(c.company) == fold(company or "") and not c.archived:
            fail(
                f"contact {c.name!r}{' at ' + c.company if c.company else ''} already exists "
                "— use 'edit', or give a different --company to tell them apart"
            )
    through = resolve_contact(met_through, snap.contacts) if met_through else None
    contact = Contact(
        uid=new_uid(),
        name=name,
        created=today,
        company=(company or "").strip(),
        title=(title or "").strip(),
        email=(email or "").strip(),
        phone=(phone or "").strip(),
        url=(url or "").strip(),
        tags=tag_list,
        cadence_days=cadence or None,
        max_days=parse_duration(max_) if max_ else None,
        needs=split_values(needs),
        offers=split_values(offers),
        notes=note or "",
        birthday=parse_birthday(birthday, today) if birthday else None,
        known=not prospect,
    )
    with obj.store.transaction() as store:
        store.add(contact)
        if through is not None:
            store.add(
                Link(
                    new_uid(),
                    through.uid,
                    contact.uid,
                    today,
                    "met-through",
                    f"met {contact.name} through {through.name}",
                )
            )
    label = display_names(snap.contacts + (contact,))[contact.uid]
    kind = "prospect" if prospect else "contact"
    rhythm = f" · {every(cadence)}" if cadence else ""
    click.echo(f"added {kind} {label}{rhythm}")


@click.command()
@click.argument("name", shell_complete=complete_contact)
@contact_options
@click.option("--rename", metavar="NEW", help="A new name.")
@click.option(
    "--prospect/--known", default=None, help="Mark as a prospect, or as someone you know."
)
@pass_ctx
def edit(
    obj: Context,
    name: str,
    company: str | None,
    title: str | None,
    email: str | None,
    phone: str | None,
    url: str | None,
    tags: tuple[str, ...],
    every_: str | None,
    max_: str | None,
    needs: tuple[str, ...],
    offers: tuple[str, ...],
    birthday: str | None,
    note: str | None,
    rename: str | None,
    prospect: bool | None,
) -> None:
    """Change a contact's details (given options replace the old values)."""
    snap = obj.store.people()
    c = resolve_contact(name, snap.contacts, include_archived=True)
    changes: dict[str, Any] = {}
    if rename is not None:
        changes["name"] = clean_name(rename)
    for field_name, value in (
        ("company", company),
        ("title", title),
        ("email", email),
        ("phone", phone),
        ("url", url),
    ):
        if value is not None:
            changes[field_name] = value.strip()
    if tags:
        changes["tags"] = split_values(tags)
    if needs:
        changes["needs"] = split_values(needs)
    if offers:
        changes["offers"] = split_values(offers)
    if every_ is not None:
        changes["cadence_days"] = user_cadence(every_) or None
    if max_ is not None:
        changes["max_days"] = user_cadence(max_) or None
    if birthday is not None:
        changes["birthday"] = parse_birthday(birthday, obj.today) if birthday.strip() else None
    if note is not None:
        changes["notes"] = note
    if prospect is not None:
        changes["known"] = not prospect
    if not changes:
        fail("nothing to change: give at least one option (see 'networkhabit edit --help')")
    updated = replace(c, **changes)
    obj.store.update(updated)
    click.echo(f"updated {updated.name}: {', '.join(sorted(changes))}")


def contact_json(
    c: Contact, stats: dict[str, rules.TouchStats], today: date, label: str
) -> dict[str, Any]:
    """The documented JSON shape of a contact (see README, "JSON output")."""
    due = rules.due_date(c, stats)
    s = stats.get(c.uid)
    return {
        "uid": c.uid,
        "name": c.name,
        "label": label,
        "company": c.company,
        "title": c.title,
        "email": c.email,
        "phone": c.phone,
        "url": c.url,
        "tags": list(c.tags),
        "cadence_days": c.cadence_days,
        "max_days": c.max_days,
        "needs": list(c.needs),
        "offers": list(c.offers),
        "notes": c.notes,
        "birthday": c.birthday,
        "known": c.known,
        "snoozed_until": c.snoozed_until.isoformat() if c.snoozed_until else None,
        "archived": c.archived,
        "created": c.created.isoformat(),
        "source": c.source,
        "last_contact": rules.last_contact(c, stats).isoformat(),
        "touches": s.count if s else 0,
        "due": due.isoformat() if due else None,
        "overdue_days": rules.overdue_days(c, stats, today),
        "status": rules.status(c, stats, today),
    }


@click.command("contacts")
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


@click.command()
@click.argument("name", shell_complete=complete_contact)
@click.option("--json", "as_json", is_flag=True, help="JSON output.")
@pass_ctx
def show(obj: Context, name: str, as_json: bool) -> None:
    """Show one contact: details, timeline, who they know."""
    from networkhabit.domain import network

    today = obj.today
    obj.store.raw()  # the whole file once: the timeline needs the touches themselves
    snap = obj.daily("contacts", "links")  # (then from that parse, with its index)
    c = resolve_contact(name, snap.contacts, include_archived=True)
    stats = rules.stats_of(snap, today)
    labels = display_names(snap.contacts)
    by_uid = snap.contact_by_uid()
    touches = rules.timeline(c.uid, obj.store.touches_of(c.uid))
    knows = []
    for link in snap.links:
        other = link.b if link.a == c.uid else link.a if link.b == c.uid else None
        if other and other in by_uid:
            knows.append((labels[other], link))
    knows.sort(key=lambda t: t[0].casefold())
    colleagues = network.colleagues(
        snap, c.uid, today
    )  # same company, no stored link, warmest first
    book = network.ledger(snap, c.uid)
    if as_json:
        doc = contact_json(c, stats, today, labels[c.uid])
        doc["timeline"] = [
            {
                "uid": i.uid,
                "date": i.date.isoformat(),
                "kind": i.kind,
                "note": i.note,
                "with": [labels.get(u, "?") for u in i.contacts if u != c.uid],
                "follow_up": i.follow_up.isoformat() if i.follow_up else None,
                "follow_up_done": i.follow_up_done,
            }
            for i in touches
        ]
        doc["knows"] = [
            {
                "uid": lk.b if lk.a == c.uid else lk.a,
                "name": n,
                "source": lk.source,
                "note": lk.note,
                "inferred": lk.source == network.SAME_COMPANY,
            }
            for n, lk in knows
        ]
        doc["knows"] += [
            {
                "uid": u,
                "name": labels[u],
                "source": network.SAME_COMPANY,
                "note": "",
                "inferred": True,
            }
            for u in colleagues
        ]
        doc["ledger"] = {"made_for": book.made_for, "received_through": book.received_through}
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
            f"  {'last:':<10}talked {ago(last, today)} ({last.isoformat()}) · {len(touches)} touches"
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
        click.echo(f"  {'cadence:':<10}{every(c.cadence_days)} · due {ago(due, today)} ({state})")
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


@click.command()
@click.argument("name", shell_complete=complete_contact)
@click.option("--undo", is_flag=True, help="Bring an archived contact back.")
@pass_ctx
def archive(obj: Context, name: str, undo: bool) -> None:
    """Archive a contact (kept, but out of every list)."""
    snap = obj.store.people()
    c = resolve_contact(name, snap.contacts, include_archived=True)
    if c.archived != undo:
        fail(f"{c.name} is {'already' if not undo else 'not'} archived")
    obj.store.update(replace(c, archived=not undo))
    click.echo(f"{'restored' if undo else 'archived'} {c.name}")


@click.command()
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
    today = obj.today
    snap = obj.daily("contacts")  # and the open follow-ups a touch may close
    people: list[Contact] = []
    for n in names:
        c = resolve_contact(n, snap.contacts)
        if c not in people:
            people.append(c)
    day = user_date(when, today, allow_future=False, what="touch date") or today
    fu = user_date(follow_up, today, future=True)
    from networkhabit.domain.touches import log_touch

    touch, closed = log_touch(snap, [c.uid for c in people], day, today, kind.lower(), note, fu)
    with obj.store.transaction() as store:
        store.add(touch)
        if closed:
            store.update_many(closed)
    labels = display_names(snap.contacts)
    when_txt = "" if day == today else f" on {day.isoformat()}"
    msg = f"logged {kind.lower()} with {', '.join(labels[c.uid] for c in people)}{when_txt}"
    if fu:
        msg += f" · follow up {ago(fu, today)}"
    if closed:
        msg += f" · closed {len(closed)} follow-up{'s' if len(closed) != 1 else ''}"
    click.echo(msg)


@click.command()
@click.argument("name", shell_complete=complete_contact)
@click.option(
    "--until", "until", metavar="DATE", required=True, help="Out of the neglected list until then."
)
@pass_ctx
def snooze(obj: Context, name: str, until: str) -> None:
    """Hide a contact from the neglected list until a date."""
    today = obj.today
    snap = obj.store.people()
    c = resolve_contact(name, snap.contacts)
    day = user_date(until, today, future=True)
    assert day is not None
    if day <= today:
        raise InputError(f"snooze date {until!r} ({day.isoformat()}) must be after today")
    obj.store.update(replace(c, snoozed_until=day))
    click.echo(f"snoozed {c.name} until {day.isoformat()} ({ago(day, today)})")


def register(group: click.Group) -> None:
    group.add_command(add)
    group.add_command(edit)
    group.add_command(contacts_cmd)
    group.add_command(show)
    group.add_command(archive)
    group.add_command(log)
    group.add_command(snooze)
