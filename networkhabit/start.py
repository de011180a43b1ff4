"""Opening the app, and how a ``networkhabit`` process ends — without the command line.

``networkhabit`` with no arguments has nothing to parse: :func:`networkhabit.entry.run`
calls :func:`run_bare` and click is never imported (its import is about a tenth of the
app's start). The store is the one ``--db`` defaults to: ``NETWORKHABIT_DB`` if set (and
not empty), else the user data folder. It ends as every command ends (``cli.py`` uses the
same pieces): an expected error is one line ``Error: …`` on stderr and exit status 1,
anything else one ``internal error`` line, Ctrl-C exit status 130; never a traceback, and
nothing is written. ``networkhabit --db PATH`` (the command line) opens the app with the
same :func:`make`.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, NoReturn

from networkhabit.actions.session import StoreError
from networkhabit.clock import ClockError
from networkhabit.domain.errors import InputError

if TYPE_CHECKING:
    from networkhabit.tui.app import NetworkhabitApp

#: What a user can cause (bad input, a store that cannot be used, a bad clock): one line.
USER_ERRORS = (InputError, StoreError, ClockError)


def make(db: str | None) -> NetworkhabitApp:
    """The app on the store at ``db`` (None: the default). The store is opened and checked
    first: a corrupt or newer file fails here, before the screen opens."""
    from networkhabit.actions.session import Session
    from networkhabit.paths import db_path

    session = Session(db_path(db))
    from networkhabit.tui.app import make_app

    return make_app(session.path, session)


def show(app: NetworkhabitApp) -> None:
    """Run the app until it is closed (its exit status, if it has one, ends the process)."""
    app.run()
    if app.return_code:
        sys.exit(app.return_code)


def error_line(exc: Exception) -> str:
    """The one line (after ``Error: ``) an error ends a command with: a user's error in its
    own words (a long quoted value cut), anything else as an internal error."""
    if isinstance(exc, USER_ERRORS):
        from networkhabit.domain.safe import shorten_quoted

        return shorten_quoted(str(exc))
    return f"internal error: {type(exc).__name__}: {exc} (set NETWORKHABIT_DEBUG=1 for details)"


class OutputGuard:
    """The standard streams made safe while a command runs (see :mod:`networkhabit.terminal`:
    no control character reaches the terminal raw), and what its output failing means for
    its exit status."""

    def __init__(self) -> None:
        from networkhabit.actions.session import changes_saved
        from networkhabit.terminal import Streams

        self._saved_before = changes_saved()
        self.streams = Streams()

    def restore(self) -> None:
        """The original streams back (flushed)."""
        self.streams.restore()

    def verdict(self, code: int) -> int:
        """The exit status of a command that ended with ``code``, once the streams are back:
        if its output could not be printed, said in one line (0 if it saved its change)."""
        from networkhabit.actions.session import changes_saved
        from networkhabit.terminal import output_verdict

        saved = changes_saved() > self._saved_before
        code, line = output_verdict(self.streams.out.failed, code, saved)
        if line:
            say(line)
        return code


def run_bare() -> NoReturn:
    """``networkhabit`` with no arguments: the app on the default store, ended as a command
    ends (see the module)."""
    import signal

    signal.signal(signal.SIGINT, signal.default_int_handler)  # (entry.py guarded start-up)
    fill_closed_descriptors()
    guard = OutputGuard()
    code = 0
    try:
        show(make(None))  # (NETWORKHABIT_DB, else the default: networkhabit.paths)
    except SystemExit as exc:
        code = exit_status(exc)
    except KeyboardInterrupt:
        code = interrupted()
    except BrokenPipeError:
        sys.stderr.close()
    except Exception as exc:
        if not isinstance(exc, USER_ERRORS) and os.environ.get("NETWORKHABIT_DEBUG"):
            raise
        say(f"Error: {error_line(exc)}")
        code = 1
    finally:
        guard.restore()
    finish(guard.verdict(code))


def exit_status(exc: SystemExit) -> int:
    """A SystemExit's exit status (a message instead of a number: said, status 1)."""
    if exc.code is None or isinstance(exc.code, int):
        return exc.code or 0
    say(str(exc.code))
    return 1


def interrupted() -> int:
    """Ctrl-C: one line, exit status 130 (what a shell reports for SIGINT)."""
    say("networkhabit: interrupted")
    return 130


def say(line: str) -> None:
    """One line on stderr (nothing, if there is no stderr to write to)."""
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):  # no stderr either: nothing more to do
        pass


def fill_closed_descriptors() -> None:
    """Open /dev/null on a closed stdin / stdout / stderr (``>&-``), so that no file the store
    opens gets descriptor 0, 1 or 2 (and a stray write there cannot land in it)."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            try:
                got = os.open(os.devnull, os.O_RDWR)
            except OSError:
                return
            if got != fd:
                os.dup2(got, fd)
                os.close(got)


def finish(code: int) -> NoReturn:
    """Leave without tearing the interpreter down (freeing a large parsed store one object at
    a time costs a tenth of a second). Everything written has been flushed and fsynced;
    only the standard streams are still buffered."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):  # a closed pipe (`| head`), no stream
            pass
    os._exit(code)
