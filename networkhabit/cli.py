"""The command line: ``networkhabit`` opens the TUI; every TUI action is also a command.

Thin by design: parse, call the store and the domain, print. Bad input ends in
one line on stderr and exit status 1 (click's usage errors: 2), never a traceback,
and nothing is written. The TUI is imported only when it is opened.
"""

from __future__ import annotations

import _signal  # (not signal: see networkhabit.entry)
import gc
import os
import sys
from typing import Any

import click

from networkhabit import __version__
from networkhabit.commands.base import Context, Group
from networkhabit.domain.errors import InputError
from networkhabit.start import (
    USER_ERRORS,
    OutputGuard,
    error_line,
    exit_status,
    fill_closed_descriptors,
    finish,
    interrupted,
)


class NetworkhabitGroup(Group):
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
            raise click.ClickException(error_line(exc)) from None
        except (
            click.exceptions.Exit,
            click.exceptions.Abort,
            click.ClickException,
        ):
            raise
        except KeyboardInterrupt:
            raise SystemExit(interrupted()) from None
        except BrokenPipeError:
            sys.stderr.close()  # `networkhabit contacts | head`: not an error
            raise SystemExit(0) from None
        except Exception as exc:
            if os.environ.get("NETWORKHABIT_DEBUG"):
                raise
            raise click.ClickException(error_line(exc)) from None

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run a command with the standard streams made safe (see :mod:`networkhabit.terminal`):
        control characters never reach the terminal raw, and output that cannot be printed
        ends in one line (exit 0 if the command saved its change)."""
        guard = OutputGuard()
        code: Any = 0
        try:
            refused = _refused_argument(kwargs.get("args"))
            if refused is not None:
                click.ClickException(refused).show()
                raise SystemExit(1)
            return super().main(*args, **kwargs)
        except SystemExit as exc:
            code = exc.code
            raise
        except KeyboardInterrupt:
            code = interrupted()
            raise SystemExit(code) from None
        finally:
            guard.restore()
            if isinstance(code, int) or code is None:
                new_code = guard.verdict(code or 0)
                if new_code != (code or 0):
                    raise SystemExit(new_code)


def _refused_argument(args: Any) -> str | None:
    """Why an argument is refused before any work (a control character, too long, not valid
    text — see :func:`~networkhabit.domain.safe.check_argument`); None if none is."""
    from networkhabit.domain.safe import check_argument

    argv = sys.argv[1:] if args is None else list(args)
    after_note = False
    for arg in argv:
        if not isinstance(arg, str):
            continue
        note = after_note or arg.startswith(("--note=", "--notes="))
        after_note = arg in ("--note", "--notes")
        try:
            check_argument(arg, note=note)
        except InputError as exc:
            return str(exc)
    return None


# -- the group ------------------------------------------------------------------


def _show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """``--version``, as click's ``version_option`` says it (which makes its texts through
    ``gettext`` as the module is imported: see :class:`~networkhabit.commands.base.Command`)."""
    if value and not ctx.resilient_parsing:
        click.echo(f"networkhabit, version {__version__}", color=ctx.color)
        ctx.exit()


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
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_show_version,
    help="Show the version and exit.",
)
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
    """The ``networkhabit`` command with arguments (:mod:`networkhabit.entry`; with none it
    opens the app without this module: :func:`networkhabit.start.run_bare`). A command is a
    short-lived process, so the cyclic garbage collector is off (on a large store it would
    walk the parsed file again and again: a third of a command's time; the app turns it
    back on) and the process ends without the interpreter's teardown."""
    gc.disable()
    _signal.signal(_signal.SIGINT, _signal.default_int_handler)  # (entry.py guarded start-up)
    fill_closed_descriptors()
    try:
        main(prog_name="networkhabit")
        code: int = 0
    except KeyboardInterrupt:
        code = interrupted()
    except SystemExit as exc:
        code = exit_status(exc)
    finish(code)


def open_tui(obj: Context) -> None:
    """Start the Textual app on the store (imported only here: the CLI stays fast). The app
    turns the garbage collector back on once its first frame is up."""
    from networkhabit.start import make, show

    show(make(str(obj.path)))
