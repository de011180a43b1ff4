"""``networkhabit sync``: the store on two machines, through git.

networkhabit sync init REMOTE          set up (a git URL or the path of a bare repository)
networkhabit sync                      commit, merge what came in, push
networkhabit sync status               what is not synced yet, when the last sync was
networkhabit sync merge-driver O A B   what git runs to merge the store (not for people)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from networkhabit.actions import sync as actions
from networkhabit.commands.base import Context, command_group, emit_json, fail, pass_ctx


@contextmanager
def _git_errors() -> Iterator[None]:
    try:
        yield
    except actions.GitError as exc:
        fail(str(exc))


def _say_result(result: actions.SyncResult) -> None:
    if result.committed:
        click.echo(f"sent: {result.committed}")
    came = result.incoming.summary()
    click.echo(f"came in: {came}" if came else "nothing new came in")
    for note in result.notes:
        click.echo(f"  merged: {note}")


def _result_json(result: actions.SyncResult) -> dict[str, Any]:
    return {
        "remote": result.remote,
        "committed": result.committed,
        "incoming": result.incoming.summary(),
        "notes": list(result.notes),
        "pushed": result.pushed,
    }


@command_group("sync", invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="The report as JSON.")
@click.pass_context
def sync(ctx: click.Context, as_json: bool) -> None:
    """Sync the store with your other machines through git: commit what changed here,
    merge what came in (by record, field by field: nothing is lost), push.

    Set up once per machine with 'networkhabit sync init REMOTE'."""
    if ctx.invoked_subcommand is not None:
        return
    obj: Context = ctx.find_object(Context)  # type: ignore[assignment]
    with _git_errors():
        result = actions.sync(obj.session)
    if as_json:
        emit_json(_result_json(result))
        return
    _say_result(result)
    click.echo(f"synced with {result.remote}")


@sync.command("init")
@click.argument("remote")
@pass_ctx
def init(obj: Context, remote: str) -> None:
    """Set up sync with REMOTE: any git URL or the path of a bare repository (create one
    with 'git init --bare PATH', on a drive or a server)."""
    try:  # a local path is stored absolute, so it works from any folder
        local = "://" not in remote and ":" not in remote and Path(remote).expanduser().exists()
        if local:
            remote = str(Path(remote).expanduser().resolve())
    except (OSError, ValueError):
        pass  # not a usable path: the action says so
    with _git_errors():
        done = actions.sync_init(obj.session, remote)
    made = "made" if done.created_repo else "using"
    click.echo(f"{made} the git repository {done.repo}")
    if done.mode == "took":
        came = done.sync.incoming.summary()
        click.echo(f"took the store from {remote}" + (f": {came}" if came else ""))
    elif done.mode == "merged":
        _say_result(done.sync)
        click.echo(f"merged with the store in {remote}")
    else:
        click.echo(f"sent the store to {remote}")
    click.echo("from now on: 'networkhabit sync' on each machine")


@sync.command("status")
@click.option("--json", "as_json", is_flag=True, help="As JSON.")
@pass_ctx
def status(obj: Context, as_json: bool) -> None:
    """What is not synced yet and when the last sync was (no network needed)."""
    with _git_errors():
        st = actions.sync_status(obj.session)
    if as_json:
        emit_json(
            {
                "set_up": st.set_up,
                "remote": st.remote,
                "unsynced": st.unsynced,
                "commits_ahead": st.commits_ahead,
                "last_sync": st.last_sync,
            }
        )
        return
    if not st.set_up:
        click.echo("sync is not set up; run 'networkhabit sync init REMOTE'")
        return
    click.echo(f"remote: {st.remote}")
    click.echo(f"not synced yet: {st.unsynced}" if st.unsynced else "no unsynced changes")
    if st.commits_ahead:
        n = st.commits_ahead
        click.echo(f"{n} commit{'s' if n != 1 else ''} not pushed yet")
    click.echo(f"last sync: {actions.since(st.last_sync)}")


@sync.command("merge-driver", hidden=True)
@click.argument("base", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("ours", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("theirs", type=click.Path(dir_okay=False, path_type=Path))
def merge_driver(base: Path, ours: Path, theirs: Path) -> None:
    """Git's merge driver for the store: merges BASE, OURS and THEIRS into OURS."""
    result = actions.merge_driver(base, ours, theirs)
    for note in result.notes():
        click.echo(f"networkhabit: {note}", err=True)


def register(group: click.Group) -> None:
    """Add ``sync`` to the CLI."""
    group.add_command(sync)
