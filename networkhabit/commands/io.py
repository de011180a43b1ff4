"""``import csv|linkedin|google|outlook|vcard|json FILE`` and ``export json|csv|vcard|ics``.

Parsing lives in :mod:`networkhabit.importers`, the matching rules in
:mod:`networkhabit.domain.merge`, the planning and writing in
:mod:`networkhabit.actions.imports`; this module reads the file, shows progress and
words the report.

Other modules add import commands to :data:`import_group` (``import calendar``,
``import mail``).
"""

from __future__ import annotations

import contextlib
import importlib
import sys
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

import click

from networkhabit.actions.imports import ImportResult, import_json, import_people
from networkhabit.commands.base import Context, Group, command, command_group, emit_json, pass_ctx
from networkhabit.domain.merge import MAX_COLLEAGUE_LINKS
from networkhabit.domain.model import Snapshot

#: Show a progress bar (on a terminal) for files with more rows than this.
PROGRESS_ROWS = 300
#: ``import SOURCE``: the module whose ``parse(path)`` reads that kind of file.
PARSERS = {
    "linkedin": "networkhabit.importers.linkedin",
    "google": "networkhabit.importers.google",
    "outlook": "networkhabit.importers.outlook",
    "vcard": "networkhabit.importers.vcard",
}
#: What ``import csv`` says it found.
LAYOUT_NAMES = {"google": "Google Contacts", "outlook": "Outlook", "linkedin": "LinkedIn"}


@contextlib.contextmanager
def _progress(rows: int, label: str) -> Iterator[Callable[[int], None] | None]:
    """A progress callback drawing a bar on stderr: only on a terminal and for a big file, so it
    never mixes into ``--json``, pipes or tests."""
    if rows <= PROGRESS_ROWS or not sys.stderr.isatty():
        yield None
        return
    with click.progressbar(length=rows, label=label, file=sys.stderr) as bar:
        yield bar.update


def _label(rows: int) -> str:
    return f"importing {rows} {'contacts' if rows != 1 else 'contact'}"


def _import(source: str, path: str, obj: Context, dry_run: bool) -> ImportResult:
    """Read the file, then plan (and unless ``dry_run``, write) the import."""
    today = obj.today
    if source == "json":
        from networkhabit.actions.sync import merge_json_copy
        from networkhabit.importers import jsonio

        merged = merge_json_copy(obj.session, path, dry_run, today)  # this network's: by uid
        if merged is not None:
            return ImportResult(merged.plan, merged.written)

        incoming = jsonio.parse(path)
        rows = len(incoming.contacts)
        with _progress(rows, _label(rows)) as progress:
            return import_json(obj.session, incoming, today, dry_run=dry_run, progress=progress)
    if source == "csv":
        from networkhabit.importers import detect

        parsed = detect.parse(path)
    else:
        # Only the importer for this file (a vCard parser is no use to a LinkedIn CSV).
        parsed = importlib.import_module(PARSERS[source]).parse(path)
    rows = len(parsed.people)
    with _progress(rows, _label(rows)) as progress:
        return import_people(obj.session, parsed, today, dry_run=dry_run, progress=progress)


def _run_import(obj: Context, source: str, path: str, dry_run: bool, as_json: bool) -> None:
    result = _import(source, path, obj, dry_run)
    plan = result.plan
    if as_json:
        emit_json(
            {"file": str(path), "dry_run": dry_run, "written": result.written, **plan.report()}
        )
        return
    prefix = "dry run, nothing written — " if dry_run else ""
    found = f" ({LAYOUT_NAMES[plan.source]} layout)" if source == "csv" else ""
    click.echo(f"{prefix}{path}{found}: {plan.summary()}")


def _import_command(source: str, short: str, help_text: str) -> click.Command:
    @command(source, short_help=short, help=help_text)
    @click.argument("file", metavar="FILE")
    @click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
    @click.option("--json", "as_json", is_flag=True, help="The report as JSON.")
    @pass_ctx
    def import_cmd(obj: Context, file: str, dry_run: bool, as_json: bool) -> None:
        _run_import(obj, source, file, dry_run, as_json)

    return import_cmd


class ImportGroup(Group):
    """The ``import`` group, whose commands (one per kind of file) are made when one is asked
    for — the one a run uses, or every one for ``--help`` and completion — not all of them at
    start-up: ``import linkedin`` need not build the options of seven others."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: Command name → what makes that command (until it is made).
        self.makers: dict[str, Callable[[], click.Command]] = {}

    def add_lazy(self, name: str, make: Callable[[], click.Command]) -> None:
        """Add the command ``name``, made by ``make`` when first asked for."""
        self.makers[name] = make

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.makers})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        make = self.makers.pop(cmd_name, None)
        if make is not None and cmd_name not in self.commands:
            self.add_command(make(), cmd_name)
        return self.commands.get(cmd_name)


@command_group("import", cls=ImportGroup)
def import_group() -> None:
    """Bring contacts in: a CSV from Google Contacts, Outlook or LinkedIn, a vCard file, or a
    networkhabit JSON export.

    Importing the same file again adds no duplicates: people are matched by profile
    URL, vCard UID, e-mail (one that names a single person), then name, and changed
    details are updated (a new company or title shows up as "congratulate" in 'today').
    Without a tag that has a default cadence, imported contacts get no keep-in-touch
    rhythm. Each import reports what it did: "12 new, 3 updated (job change: …),
    1 skipped (hidden profile)"; a row or card that cannot be read is skipped and named
    by its line, and --json lists every skipped one.
    """


IMPORTS = [
    (
        "csv",
        "A contacts CSV: Google, Outlook or LinkedIn, told by its header.",
        (
            "Import a contacts CSV, whichever of Google Contacts ('Google CSV'), Outlook "
            "or LinkedIn's Connections.csv it is: the header row tells. The same as "
            "'import google', 'import outlook' or 'import linkedin' on that file."
        ),
    ),
    (
        "linkedin",
        "LinkedIn's Connections.csv.",
        (
            "Import LinkedIn's Connections.csv (LinkedIn: Settings, Data privacy, Get a copy "
            "of your data). Current and older layouts (2016-2018 archives too); hidden "
            "profiles are skipped and counted; 'Connected On' becomes the created date. Each "
            f"new contact gets a weak 'same-company' link to up to {MAX_COLLEAGUE_LINKS} "
            "colleagues already known at that company. LinkedIn's other file, Contacts.csv, "
            "is refused."
        ),
    ),
    (
        "google",
        "A Google Contacts CSV export.",
        (
            "Import a Google Contacts CSV export (current or older layout). Labels become tags "
            "(Google's own 'myContacts' is left out); birthdays may lack the year; of several "
            "organizations the first is the company, the others go to the notes."
        ),
    ),
    (
        "outlook",
        "An Outlook CSV export.",
        (
            "Import Outlook's CSV export (classic Outlook: File, Open & Export, Comma "
            "Separated Values; or Outlook.com's Export contacts). Categories become tags; a "
            "file that is not UTF-8 is read in the Windows code page (cp1252)."
        ),
    ),
    (
        "vcard",
        "A .vcf file (vCard 2.1, 3.0 or 4.0).",
        (
            "Import a .vcf file (vCard 2.1, 3.0 or 4.0). CATEGORIES become tags, UID is kept "
            "to match the card next time, RELATED becomes a link to the card it names, N is "
            "kept so 'export vcard' writes the name back split the same way. A card with no "
            "name is named after its company, e-mail or phone; a broken card or stray line "
            "is skipped and reported, the rest imported."
        ),
    ),
    (
        "json",
        "A file written by 'export json'.",
        (
            "Import a file written by 'export json' (or a store file or backup): into an "
            "empty store it restores everything, settings too; into one with data it merges "
            "by uid and the usual matching, without duplicates."
        ),
    ),
]
for _source, _short, _help in IMPORTS:
    import_group.add_lazy(_source, partial(_import_command, _source, _short, _help))


@command("export")
@click.argument("what", type=click.Choice(["json", "csv", "vcard", "ics"], case_sensitive=False))
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    help="Write to FILE (atomically, mode 0600) instead of printing.",
)
@click.option(
    "--what",
    "table",
    type=click.Choice(["contacts", "touches"]),
    default="contacts",
    show_default=True,
    help="csv: which table.",
)
@click.option("--archived", is_flag=True, help="vcard: include archived contacts.")
@click.option(
    "--vcard-version",
    type=click.Choice(["3.0", "4.0"]),
    default="3.0",
    show_default=True,
    help="vcard: the vCard version to write.",
)
@click.option(
    "--events",
    is_flag=True,
    help="ics: follow-ups and reach-outs as all-day events instead of to-dos.",
)
@pass_ctx
def export_cmd(
    obj: Context,
    what: str,
    output: str | None,
    table: str,
    archived: bool,
    vcard_version: str,
    events: bool,
) -> None:
    """Take your network out: json (everything, re-importable), csv, vcard or ics.

    csv writes contacts (default) or, with --what touches, the touches; a cell starting
    with = + - @ gets a leading ' so spreadsheets do not run it. ics holds open follow-ups
    and contacts due to be reached as to-dos, and birthdays as yearly events.
    """
    today = obj.today
    refused = obj.session.refuses_output(output) if output else None
    if refused:  # the store, its lock or its backups (issue 18)
        raise click.ClickException(refused)
    snap = obj.snapshot()
    what = what.lower()
    if what == "json":
        from networkhabit.actions.sync import export_store

        data = export_store(obj.session, today)  # as stored: modified times and tombstones
    else:
        from networkhabit.importers import export

        if what == "csv":
            data = (
                export.contacts_csv(snap, today)
                if table == "contacts"
                else export.touches_csv(snap)
            )
        elif what == "vcard":
            data = export.vcards(snap, include_archived=archived, version=vcard_version)
        else:
            data = export.calendar(snap, today, events=events)
    if output:
        from networkhabit.importers.files import write_output

        write_output(output, data, protect=obj.path)
        click.echo(f"exported {_count(what, table, snap, archived)} to {output}")
        return
    click.echo(data, nl=False)


def _count(what: str, table: str, snap: Snapshot, archived: bool) -> str:
    """``12 contacts as csv``, ``the whole store``: what an export holds, for the message."""
    if what == "json":
        return f"the whole store ({len(snap.contacts)} contacts, {len(snap.interactions)} touches)"
    if what == "ics":
        return "follow-ups, reach-outs and birthdays as ics"
    if what == "csv" and table == "touches":
        n = len(snap.interactions)
        return f"{n} touch{'es' if n != 1 else ''} as csv"
    n = sum(1 for c in snap.contacts if what == "csv" or archived or not c.archived)
    return f"{n} contact{'s' if n != 1 else ''} as {what}"


def register(group: click.Group) -> None:
    """Add ``import`` and ``export`` to the CLI."""
    group.add_command(import_group)
    group.add_command(export_cmd)


def _capture_command(name: str) -> click.Command:
    """``import calendar`` or ``import mail`` (issue 17), from their own module."""
    from networkhabit.commands import capture

    group = Group()
    capture.register_import(group)
    return group.commands[name]


import_group.add_lazy("calendar", partial(_capture_command, "calendar"))
import_group.add_lazy("mail", partial(_capture_command, "mail"))
