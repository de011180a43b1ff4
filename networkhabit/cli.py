"""The command line: ``networkhabit`` opens the TUI; every TUI action is also a command.

Thin by design: parse, call the store and the domain, print. Bad input ends in
one line on stderr and exit status 1 (click's usage errors: 2), never a traceback,
and nothing is written. The TUI is imported only when it is opened.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import Any

import click

from networkhabit import __version__
from networkhabit.commands.base import USER_ERRORS, Context


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
    session = obj.session  # fails cleanly on a corrupt or newer file before the screen opens
    from networkhabit.tui.app import make_app

    app = make_app(session.path, session)
    app.run()
    if app.return_code:
        sys.exit(app.return_code)
