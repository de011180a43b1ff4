"""The ``networkhabit`` process's entry point: a Ctrl-C while it starts up (before the
command line is ready to handle it) ends with one line and exit status 130, never a
traceback."""

from __future__ import annotations

import _signal  # what signal wraps: importing signal makes enums of every signal (3M instructions)
import gc
import os
import sys
from types import FrameType

#: What a shell's completion script sets to have click complete a word (click's
#: ``_{PROG_NAME}_COMPLETE``): then there are no arguments, but the command line answers.
COMPLETE_VAR = "_NETWORKHABIT_COMPLETE"


def _interrupted_early(signum: int, frame: FrameType | None) -> None:
    # Nothing has been opened or written yet: leaving at once is safe.
    os.write(2, b"networkhabit: interrupted\n")
    os._exit(130)


def run() -> None:
    """Guard start-up against Ctrl-C, then run the command line (which handles it itself);
    with no arguments, the app without the command line (:mod:`networkhabit.start`).

    The cyclic garbage collector is off from the first line: importing the command line and
    its libraries makes tens of thousands of objects, and each collection on the way walks
    them all again (a tenth of a short command's time); see :func:`networkhabit.cli.run`."""
    gc.disable()
    if _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler:
        _signal.signal(_signal.SIGINT, _interrupted_early)
    if len(sys.argv) <= 1 and COMPLETE_VAR not in os.environ:
        # Nothing to parse (and no shell asking click to complete a word): the app, without
        # the command line.
        from networkhabit.start import run_bare

        run_bare()
    from networkhabit.cli import run as run_cli

    run_cli()
