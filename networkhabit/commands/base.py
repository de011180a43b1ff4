"""What every command shares: the context (store path, session, today), failing with one
line, JSON output, and parsing of typed dates, durations and contact names.

Command modules import from here, never from ``networkhabit.cli``, and reach the store only
through :mod:`networkhabit.actions` and :mod:`networkhabit.views`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, NoReturn

import click
import orjson

from networkhabit.actions.session import DAILY_TABLES, Session, StoreError
from networkhabit.clock import ClockError
from networkhabit.clock import today as clock_today
from networkhabit.domain.errors import InputError
from networkhabit.paths import db_path

if TYPE_CHECKING:  # (imported where used: a command that needs none of them loads none)
    from networkhabit.actions.contacts import ContactInput
    from networkhabit.domain.model import Snapshot

USER_ERRORS = (InputError, StoreError, ClockError)


class Context:
    """What every command shares: the store path, the session on it, and today's date."""

    def __init__(self, db: str | None) -> None:
        self.path = db_path(db)
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        """The store, opened (and checked) on first use."""
        if self._session is None:
            self._session = Session(self.path)
        return self._session

    @property
    def today(self) -> date:
        return clock_today()

    def snapshot(self) -> Snapshot:
        """Everything in the store, every touch decoded (for paths that list touches)."""
        return self.session.snapshot()

    def daily(self, *tables: str) -> Snapshot:
        """A partial snapshot of ``tables`` (default: all but the touches) with the touch
        index and the open follow-ups: what the daily paths need, read fast."""
        return self.session.daily(tables or DAILY_TABLES)


pass_ctx = click.make_pass_decorator(Context)

#: What ``-h`` / ``--help`` says of itself (click's words).
HELP_TEXT = "Show this message and exit."


def _show_help(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(ctx.get_help(), color=ctx.color)
        ctx.exit()


class _OwnHelp(click.Command):
    """click's help option, made here with its text as it is: click's own runs the text
    through ``gettext``, whose first call imports ``locale`` and looks for translation files
    (4M instructions, nearly 2 % of a short command). The option is made once per command
    (click's ordering of eager options compares them as objects), and a usage error still
    ends with "Try '… --help' for help"."""

    _own_help: click.Option | None = None

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        names = self.get_help_option_names(ctx)
        if not names or not self.add_help_option:
            return None
        if self._own_help is None:
            self._own_help = click.Option(
                [*names, "help_"],
                is_flag=True,
                expose_value=False,
                is_eager=True,
                help=HELP_TEXT,
                callback=_show_help,
            )
        return self._own_help


class Command(_OwnHelp):
    """Every networkhabit command (a test walks them all): see :class:`_OwnHelp`."""


class Group(_OwnHelp, click.Group):
    """Every networkhabit group; the commands and groups its decorators make are ours too."""

    command_class = Command


Group.group_class = Group  # (click's ``type`` would make a subgroup of the root's class)


def command(name: str | None = None, **attrs: Any) -> Callable[[Callable[..., Any]], Command]:
    """``click.command`` making a :class:`Command`."""
    return click.command(name, cls=Command, **attrs)


def command_group(name: str | None = None, **attrs: Any) -> Callable[[Callable[..., Any]], Group]:
    """``click.group`` making a :class:`Group` (or ``cls``, a subclass of it)."""
    attrs.setdefault("cls", Group)
    return click.group(name, **attrs)


def fail(message: str) -> NoReturn:
    """End the command with one line on stderr and exit status 1."""
    raise click.ClickException(message)


def can_show(text: str) -> bool:
    """Whether stdout's encoding can show ``text`` (the flame), else plain words are used."""
    import sys

    try:
        text.encode(getattr(sys.stdout, "encoding", None) or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


#: DEL and the C1 controls: JSON allows them raw, a terminal acts on them (orjson escapes C0).
#: (A pattern, compiled by ``re`` on first use: most commands never print JSON.)
_RAW_CONTROLS = "[\x7f-\x9f]"


def emit_json(value: Any) -> None:
    """Print stable, valid JSON (sorted keys, ISO dates); every control character escaped
    (``\\u009b``), so the text is safe for a terminal and decodes to exactly the value."""
    text = orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS).decode()
    click.echo(re.sub(_RAW_CONTROLS, lambda m: f"\\u{ord(m.group()):04x}", text))


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
    from networkhabit.domain.dates import parse_date_relative

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
    from networkhabit.domain.dates import parse_duration

    return parse_duration(text)


def complete_contact(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Shell completion for contact names (quietly nothing if the store cannot be read)."""
    from networkhabit.domain.names import display_names, fold

    try:
        root = ctx.find_root()
        session = Session(db_path(root.params.get("db")), check=False)
        contacts = [c for c in session.people(("contacts",)).contacts if not c.archived]
        labels = display_names(contacts)
    except Exception:  # noqa: BLE001 — completion must never break the shell
        return []
    key = fold(incomplete)
    return sorted(label for label in labels.values() if fold(label).startswith(key))


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
            "--rhythm",
            "--every",
            "every_",
            metavar="DURATION",
            help="The keep-in-touch rhythm: every 30d / 2w / 3m ('none' clears; --every is the "
            "same).",
        ),
        click.option(
            "--max",
            "max_",
            metavar="DURATION",
            help="Hard limit: past it the contact is red (default twice the rhythm).",
        ),
        click.option("--needs", multiple=True, help="A topic they look for (repeat)."),
        click.option("--offers", multiple=True, help="A topic they can give (repeat)."),
        click.option("--birthday", metavar="YYYY-MM-DD|--MM-DD"),
        click.option("--note", help="Notes about them."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def contact_input(options: dict[str, Any], **given: Any) -> ContactInput:
    """What :func:`contact_options` parsed, as the contact actions take it (an option not
    given stays None: an edit leaves that field as it is)."""
    from networkhabit.actions.contacts import ContactInput

    return ContactInput(
        company=options["company"],
        title=options["title"],
        email=options["email"],
        phone=options["phone"],
        url=options["url"],
        tags=options["tags"] or None,
        every=options["every_"],
        max_every=options["max_"],
        needs=options["needs"] or None,
        offers=options["offers"] or None,
        birthday=options["birthday"],
        notes=options["note"],
        **given,
    )
