"""``networkhabit doctor``: check the store, list its backups, repair or restore.

Works on a store every other command refuses (not JSON, a newer schema…): that is
when it is needed. Exit 0 when the store is healthy, 1 when problems were found.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from networkhabit.commands.base import Context, command, emit_json, fail, pass_ctx
from networkhabit.paths import default_db_path

TABLE_WORDS = (
    ("contacts", "contact"),
    ("interactions", "touch"),
    ("links", "link"),
    ("habits", "habit"),
    ("checkins", "check-in"),
    ("breaks", "break"),
)


def register(group: click.Group) -> None:
    """Add ``doctor`` to the CLI."""
    group.add_command(doctor)


def _db_flag(path: Path) -> str:
    """``--db 'PATH' `` when the store is not the default one (so printed commands work as-is)."""
    return "" if path == default_db_path() else f"--db '{path}' "


def _counts_line(counts: dict[str, int]) -> str:
    from networkhabit.domain.wording import count

    return " · ".join(count(counts.get(table, 0), noun) for table, noun in TABLE_WORDS)


@command()
@click.option(
    "--restore",
    "restore_name",
    metavar="FILE",
    help="Put a backup (a path, or a name from the list) in place of the store; "
    "the current file is saved aside first.",
)
@click.option(
    "--fix",
    "fix_",
    is_flag=True,
    help="Repair what is safe: references to missing records, duplicate uids.",
)
@click.option(
    "--merge",
    "merge_name",
    metavar="FILE",
    help="Fold a conflict copy a sync tool left beside the store into it (nothing is lost), "
    "then move the copy to backups/.",
)
@click.option("--json", "as_json", is_flag=True, help="JSON output.")
@pass_ctx
def doctor(
    obj: Context, restore_name: str | None, fix_: bool, as_json: bool, merge_name: str | None
) -> None:
    """Check the store and list its backups; restore a backup or repair the store."""
    from networkhabit.actions import doctor as checkup

    path = obj.path
    if merge_name is not None:
        _merge_copy(obj, merge_name, restore_name is not None or fix_)
        return
    if restore_name is not None and fix_:
        raise click.UsageError("use --restore or --fix, not both")
    if restore_name is not None:
        source = checkup.find_backup(path, restore_name)
        report, aside = checkup.restore(path, source)
        saved = f"; the previous file was saved as {aside}" if aside else ""
        click.echo(f"restored {source} to {path} ({_counts_line(report.counts)}){saved}")
        if report.problems:
            n = len(report.problems)
            click.echo(f"it has {n} problem(s): run 'networkhabit {_db_flag(path)}doctor'")
        return
    if fix_:
        before = checkup.examine(path)
        if before.fatal:
            fail(
                f"{path}: {before.problems[0].message}; --fix cannot repair that — "
                f"restore a backup with: networkhabit {_db_flag(path)}doctor --restore FILE"
            )
        done, aside = checkup.fix(path)
        if not done:
            click.echo("nothing to repair")
        for line in done:
            click.echo(f"  fixed: {line}")
        if aside:
            click.echo(f"the file as it was is saved as {aside}")
    _report(obj, checkup.examine(path), as_json)


def _duplicates(obj: Context) -> list[tuple[str, str, str, str]]:
    """Likely duplicates (same e-mail, profile URL, or name at the same company): both
    labels, why, and the ``merge`` command that folds the second into the first."""
    import shlex

    from networkhabit.actions.merge import duplicates
    from networkhabit.domain.names import display_names

    snap = obj.daily("contacts")
    labels = display_names(snap.contacts)
    db = _db_flag(obj.path)
    out = []
    for d in duplicates(snap):
        a, b = labels[d.a.uid], labels[d.b.uid]
        out.append((a, b, d.reason, f"networkhabit {db}merge {shlex.quote(a)} {shlex.quote(b)}"))
    return out


def _report(obj: Context, report: Any, as_json: bool) -> None:
    from humanize import naturalsize

    from networkhabit.actions.doctor import backup_dir, list_backups

    path = obj.path
    backups = list_backups(path)
    missing_with_backups = not report.exists and bool(backups)
    ok = report.healthy and not missing_with_backups
    duplicates = _duplicates(obj) if report.exists and report.healthy else []
    if as_json:
        emit_json(
            {
                "path": str(path),
                "exists": report.exists,
                "size": report.size,
                "schema": report.schema,
                "counts": report.counts,
                "ok": ok,
                "problems": [{"message": p.message, "fixable": p.fixable} for p in report.problems],
                "notes": report.notes,
                "duplicates": [
                    {"a": a, "b": b, "reason": reason, "merge": command}
                    for a, b, reason, command in duplicates
                ],
                "backups": [
                    {
                        "name": b.name,
                        "path": str(b.path),
                        "size": b.size,
                        "modified": b.modified.isoformat(timespec="seconds"),
                        "day": b.day.isoformat() if b.day else None,
                    }
                    for b in backups
                ],
            }
        )
        raise SystemExit(0 if ok else 1)
    if not report.exists:
        click.echo(f"no store at {path} yet — it is created on the first write")
        if missing_with_backups:
            click.echo("✗ but backups of it exist: the store file may have been deleted")
    else:
        schema = f", schema {report.schema}" if report.schema is not None else ""
        size = f" ({naturalsize(report.size)}{schema})" if report.size or not report.fatal else ""
        click.echo(f"store {path}{size}")
        if report.counts:
            click.echo(f"  {_counts_line(report.counts)}")
        if report.healthy:
            click.echo("✓ no problems found")
        else:
            n = len(report.problems)
            click.echo(f"✗ {n} problem{'s' if n != 1 else ''}:")
            for p in report.problems[:50]:
                click.echo(f"  • {p.message}")
            if n > 50:
                click.echo(f"  … and {n - 50} more (see --json)")
            fixable = sum(p.fixable for p in report.problems)
            if fixable and not report.fatal:
                click.echo(
                    f"  {fixable} of them can be repaired: "
                    f"networkhabit {_db_flag(path)}doctor --fix (a copy of the file is saved first)"
                )
        for note in report.notes:
            click.echo(f"  note: {note}")
        if duplicates:
            n = len(duplicates)
            click.echo(f"\n{n} likely duplicate{'s' if n != 1 else ''} (merge keeps the first):")
            for _a, _b, reason, command in duplicates[:50]:
                click.echo(f"  {reason}: {command}")
            if n > 50:
                click.echo(f"  … and {n - 50} more (see --json)")
        _say_conflict_copies(obj)
    if backups:
        click.echo(f"\nbackups in {backup_dir(path)} (newest first)")
        width = max(len(b.name) for b in backups)
        for b in backups:
            click.echo(
                f"  {b.name:<{width}}  {naturalsize(b.size):>9}  as of {b.modified:%Y-%m-%d %H:%M}"
            )
        if not ok:
            click.echo(
                f"restore one with: networkhabit {_db_flag(path)}doctor --restore {backups[0].name}"
            )
    elif report.exists and not report.fatal:
        click.echo("\nno backups yet (one is saved before the first change of each day)")
    if not ok:
        raise SystemExit(1)


def _conflict_copies(obj: Context) -> list[Path]:
    from networkhabit.actions.sync import conflict_copies

    return conflict_copies(obj.path)


def _say_conflict_copies(obj: Context) -> None:
    """The conflict copies a sync tool (Syncthing, Dropbox, ...) left beside the store."""
    copies = _conflict_copies(obj)
    if not copies:
        return
    n = len(copies)
    click.echo(f"  ! {n} conflict cop{'ies' if n != 1 else 'y'} beside the store (a sync tool's):")
    for copy in copies:
        click.echo(f"    {copy.name}")
    click.echo(
        f"  fold one in (nothing is lost): networkhabit {_db_flag(obj.path)}doctor --merge "
        f"'{copies[0].name}'"
    )


def _merge_copy(obj: Context, name: str, other: bool) -> None:
    """``doctor --merge FILE``."""
    from networkhabit.actions.sync import merge_conflict_copy

    if other:
        raise click.UsageError("use --merge alone, not with --restore or --fix")
    done = merge_conflict_copy(obj.session, name)
    click.echo(f"merged {done.copy.name}: {done.plan.summary()}")
    for note in done.notes:
        click.echo(f"  merged: {note}")
    click.echo(f"moved it to {done.moved_to}")
