"""The command line: ``networkhabit`` opens the TUI; every TUI action is also a command.

Thin by design: parse, call the store and the domain, print. Bad input ends in
one line on stderr and exit status 1 (click's usage errors: 2), never a traceback,
and nothing is written. The TUI is imported only when it is opened.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any, NoReturn

import click
import orjson

from networkhabit import __version__
from networkhabit.clock import ClockError
from networkhabit.clock import today as clock_today
from networkhabit.domain import contacts as rules
from networkhabit.domain.dates import (
    parse_birthday,
    parse_date_relative,
    parse_duration,
)
from networkhabit.domain.errors import InputError
from networkhabit.domain.model import KINDS, Contact, Link, Snapshot, new_uid
from networkhabit.domain.names import (
    clean_name,
    display_names,
    fold,
    resolve_contact,
    split_values,
)
from networkhabit.domain.wording import ago, count, every
from networkhabit.paths import db_path
from networkhabit.store import Store, StoreError
from networkhabit.store.store import DAILY_TABLES

USER_ERRORS = (InputError, StoreError, ClockError)


class Context:
    """What every command shares: the store path, the store, and today's date."""

    def __init__(self, db: str | None) -> None:
        self.path = db_path(db)
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store(self.path)
            self._store.check()
        return self._store

    @property
    def today(self) -> date:
        return clock_today()

    def snapshot(self) -> Snapshot:
        """Everything in the store, every touch decoded (for paths that list touches)."""
        return self.store.snapshot()

    def daily(self, *tables: str) -> Snapshot:
        """A partial snapshot of ``tables`` (default: all but the touches) with the touch
        index and the open follow-ups: what the daily paths need, read fast."""
        return self.store.indexed(tables or DAILY_TABLES)


pass_ctx = click.make_pass_decorator(Context)


def fail(message: str) -> NoReturn:
    """End the command with one line on stderr and exit status 1."""
    raise click.ClickException(message)


class NetworkhabitGroup(click.Group):
    """Turns expected errors into one clear line; unexpected ones too (no traceback).
    Commands from ``networkhabit.commands`` are imported when used, not at start-up."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        from networkhabit.commands import COMMANDS

        return sorted({*self.commands, *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        from networkhabit.commands import COMMANDS, register_module

        if cmd_name not in self.commands and cmd_name in COMMANDS:
            register_module(self, COMMANDS[cmd_name])
        return self.commands.get(cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except USER_ERRORS as exc:
            raise click.ClickException(str(exc)) from None
        except (
            click.exceptions.Exit,
            click.exceptions.Abort,
            click.ClickException,
            KeyboardInterrupt,
        ):
            raise
        except BrokenPipeError:
            sys.stderr.close()  # `networkhabit contacts | head`: not an error
            raise SystemExit(0) from None
        except Exception as exc:
            if os.environ.get("NETWORKHABIT_DEBUG"):
                raise
            raise click.ClickException(
                f"internal error: {type(exc).__name__}: {exc} (set NETWORKHABIT_DEBUG=1 for details)"
            ) from None


def emit_json(value: Any) -> None:
    """Print stable, valid JSON (sorted keys, ISO dates)."""
    click.echo(orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS).decode())


def user_date(
    text: str | None,
    today: date,
    *,
    future: bool = False,
    allow_future: bool = True,
    what: str = "date",
) -> date | None:
    """Parse a typed date; refuse one after today when ``allow_future`` is false."""
    if text is None:
        return None
    value = parse_date_relative(text, today, future=future)
    if not allow_future and value > today:
        raise InputError(
            f"{what} {text!r} is in the future ({value.isoformat()}); use today or earlier"
        )
    return value


def user_cadence(text: str | None) -> int | None:
    """``--every``: a duration, or ``none`` to clear."""
    if text is None:
        return None
    if text.strip().lower() in ("none", "off", "never", "-"):
        return 0
    return parse_duration(text)


def complete_contact(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Shell completion for contact names (quietly nothing if the store cannot be read)."""
    try:
        root = ctx.find_root()
        store = Store(db_path(root.params.get("db")))
        contacts = [c for c in store.snapshot().contacts if not c.archived]
        labels = display_names(contacts)
    except Exception:  # noqa: BLE001 — completion must never break the shell
        return []
    key = fold(incomplete)
    return sorted(label for label in labels.values() if fold(label).startswith(key))


# -- the group ------------------------------------------------------------------


@click.group(
    cls=NetworkhabitGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--db",
    "db",
    metavar="PATH",
    envvar="NETWORKHABIT_DB",
    show_envvar=True,
    help="The store file (default: your user data folder).",
)
@click.version_option(__version__, "--version", prog_name="networkhabit")
@click.pass_context
def main(ctx: click.Context, db: str | None) -> None:
    """Make professional networking a daily habit.

    With no command, opens the full-screen app. Dates: YYYY-MM-DD, today,
    yesterday, -3d, +1w, or a weekday name. Durations: 30d, 2w, 3m, 1y.
    """
    ctx.obj = Context(db)
    if ctx.invoked_subcommand is None:
        open_tui(ctx.obj)


def run() -> None:
    """The ``networkhabit`` command. A command is a short-lived process, so the cyclic garbage
    collector is off (on a large store it would walk the parsed file again and again: a
    third of a command's time; the app turns it back on) and the process ends without
    the interpreter's teardown."""
    gc.disable()
    try:
        main(prog_name="networkhabit")
        code: int = 0
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            code = exc.code or 0
        else:
            sys.stderr.write(f"{exc.code}\n")
            code = 1
    # Done: leave without tearing the interpreter down (freeing a large parsed store one
    # object at a time costs a tenth of a second). Everything written has been flushed
    # and fsynced; only the standard streams are still buffered.
    try:
        sys.stdout.flush()
    except (OSError, ValueError):  # a closed pipe (`| head`): nothing more to say
        pass
    try:
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(code)


def open_tui(obj: Context) -> None:
    """Start the Textual app on the store (imported only here: the CLI stays fast). The app
    turns the garbage collector back on once its first frame is up."""
    store = obj.store  # fails cleanly on a corrupt or newer file before the screen opens
    from networkhabit.tui.app import make_app

    app = make_app(store.path, store)
    app.run()
    if app.return_code:
        sys.exit(app.return_code)


# -- contacts -------------------------------------------------------------------


def contact_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The options shared by ``add`` and ``edit``."""
    options = [
        click.option("--company", help="Where they work."),
        click.option("--title", help="Their role."),
        click.option("--email"),
        click.option("--phone"),
        click.option("--url", help="e.g. their LinkedIn profile."),
        click.option("--tag", "tags", multiple=True, help="A tag (repeat, or comma-separated)."),
        click.option(
            "--every",
            "every_",
            metavar="DURATION",
            help="Keep in touch every 30d / 2w / 3m ('none' clears).",
        ),
        click.option(
            "--max",
            "max_",
            metavar="DURATION",
            help="Hard limit: past it the contact is red (default 2x cadence).",
        ),
        click.option("--needs", multiple=True, help="A topic they look for (repeat)."),
        click.option("--offers", multiple=True, help="A topic they can give (repeat)."),
        click.option("--birthday", metavar="YYYY-MM-DD|--MM-DD"),
        click.option("--note", help="Notes about them."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@main.command()
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


@main.command()
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


@main.command("contacts")
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


@main.command()
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


@main.command()
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


@main.command()
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


@main.command()
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


@main.command()
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most N contacts.")
@click.option("--json", "as_json", is_flag=True, help="JSON output.")
@pass_ctx
def neglected(obj: Context, limit: int | None, as_json: bool) -> None:
    """Contacts past their keep-in-touch date, most overdue first; then the drifting ones."""
    today = obj.today
    snap = obj.daily("contacts")
    stats = rules.stats_of(snap, today)
    labels = display_names(snap.contacts)
    rows = rules.neglected(snap.contacts, stats, today)
    drift = rules.drifting(snap.contacts, stats, today, snap.settings.drifting_days)
    if limit:
        rows, drift = rows[:limit], drift[:limit]
    if as_json:
        emit_json(
            {
                "neglected": [
                    {
                        "uid": n.contact.uid,
                        "name": n.contact.name,
                        "label": labels[n.contact.uid],
                        "company": n.contact.company,
                        "last_contact": n.last.isoformat(),
                        "days_since": n.days_since,
                        "cadence_days": n.contact.cadence_days,
                        "overdue_days": n.overdue,
                        "status": n.status,
                    }
                    for n in rows
                ],
                "drifting": [
                    {
                        "uid": c.uid,
                        "name": c.name,
                        "label": labels[c.uid],
                        "company": c.company,
                        "last_contact": last.isoformat(),
                        "days_since": days,
                    }
                    for c, last, days in drift
                ],
            }
        )
        return
    if not rows and not drift:
        click.echo("nobody is slipping away — everyone is within their keep-in-touch rhythm")
        return
    for n in rows:
        c = n.contact
        mark = "!!" if n.status == "red" else "! "
        over = "due today" if n.overdue == 0 else f"{n.overdue} days overdue"
        click.echo(
            f"{mark}{labels[c.uid]} · last talked {ago(n.last, today)} · "
            f"{every(c.cadence_days or 1)} · {over}"
        )
    if drift:
        click.echo(f"\nDrifting (no rhythm set, silent over {snap.settings.drifting_days} days)")
        for c, last, _days in drift:
            click.echo(f"  {labels[c.uid]} · last talked {ago(last, today)}")


def agenda_json(items: list[Any]) -> list[dict[str, Any]]:
    """The documented JSON shape of agenda items."""
    return [
        {
            "kind": it.kind,
            "title": it.title,
            "detail": it.detail,
            "contacts": list(it.contacts),
            "ref": it.ref,
            "progress": list(it.progress) if it.progress else None,
        }
        for it in items
    ]


@main.command()
@click.option("--json", "as_json", is_flag=True, help="JSON output.")
@pass_ctx
def today(obj: Context, as_json: bool) -> None:
    """Today's agenda: follow-ups, habits, people to reach, introductions."""
    from networkhabit.domain.agenda import SECTION_TITLES, build_agenda
    from networkhabit.domain.habits import networking_streak

    day = obj.today
    snap = obj.daily()
    items = build_agenda(snap, day)
    streak = networking_streak(snap, day)
    if as_json:
        emit_json(
            {"date": day.isoformat(), "items": agenda_json(items), "networking_streak": streak}
        )
        return
    streak_txt = (
        f"networking streak {streak} day{'s' if streak != 1 else ''}"
        if streak
        else "start a networking streak today"
    )
    click.echo(click.style(f"{day.strftime('%A %-d %B %Y')} · {streak_txt}", bold=True))
    if not items:
        if not snap.contacts:
            click.echo(
                "\nyour store is empty — add someone with 'networkhabit add NAME', or try 'networkhabit demo'"
            )
        else:
            click.echo("\nnothing due today — a good day to reach out to someone new")
        return
    heading = None
    for it in items:
        if it.kind != heading:
            heading = it.kind
            click.echo(f"\n{SECTION_TITLES.get(it.kind, it.kind)}")
        detail = f" · {it.detail}" if it.detail else ""
        click.echo(f"  • {it.title}{detail}")


@main.command()
@pass_ctx
def status(obj: Context) -> None:
    """One short line for a shell prompt or tmux status bar."""
    import humanize

    from networkhabit.domain.agenda import build_agenda
    from networkhabit.domain.habits import networking_streak

    day = obj.today
    snap = obj.daily("contacts", "habits", "checkins", "breaks")
    items = build_agenda(snap, day, neglected_limit=10**9, introductions=False)
    counts = {
        k: sum(1 for it in items if it.kind == k) for k in ("follow_up", "habit", "neglected")
    }
    parts = []
    if counts["follow_up"]:
        parts.append(count(counts["follow_up"], "follow-up"))
    if counts["habit"]:
        parts.append(f"{count(counts['habit'], 'habit')} open")
    if counts["neglected"]:
        parts.append(f"{humanize.intcomma(counts['neglected'])} to reach")
    streak = networking_streak(snap, day)
    if streak:
        try:  # the flame where the terminal can show it, else plain words
            "🔥".encode(getattr(sys.stdout, "encoding", None) or "ascii")
            parts.insert(0, f"🔥{streak}")
        except (UnicodeEncodeError, LookupError):
            parts.insert(0, f"streak {streak}")
    click.echo("nh: " + (" · ".join(parts) if parts else "all done"))


@main.command()
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
