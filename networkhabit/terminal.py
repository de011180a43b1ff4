"""The command line's standard streams: nothing hostile reaches the terminal, and an output
that cannot be written never turns a saved change into an error.

:class:`SafeStream` stands in for ``sys.stdout`` / ``sys.stderr`` while a command runs (the
one place every ``click.echo`` goes through): control characters in what is printed are
shown visibly (:func:`networkhabit.domain.safe.terminal_safe`), except newline, tab and the
bold on / off sequences ``click.style`` emits. A stream that fails (closed, disk full,
a closed pipe) is remembered instead of raising into the command, so the command finishes
its work; the caller then says what happened (:func:`output_verdict`).
"""

from __future__ import annotations

import errno
import io
import re
import sys
from typing import Any, TextIO

from networkhabit.domain.safe import terminal_safe

#: Bold on and off as click.style writes them (the only escape sequences let through), and
#: a line end CR LF (harmless: exports to stdout end their lines so), or a control character.
_STYLE_OR_CONTROL = re.compile(r"\x1b\[[01]m|\r\n|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _keep_style(match: re.Match[str]) -> str:
    text = match.group()
    return text if len(text) > 1 else terminal_safe(text)


def printable(text: str) -> str:
    """``text`` as it may reach a terminal: control characters visible, except newline, tab,
    CR LF and click's bold on / off."""
    if _STYLE_OR_CONTROL.search(text) is None:
        return text
    return _STYLE_OR_CONTROL.sub(_keep_style, text)


class SafeStream(io.TextIOBase):
    """A text stream over ``target`` (None: a closed descriptor) that makes what is written
    :func:`printable` and swallows write errors, keeping the first in :attr:`failed`."""

    def __init__(self, target: TextIO | None, name: str) -> None:
        super().__init__()
        self.target = target
        self.name = name
        self.failed: BaseException | None = None
        if target is None:
            self.failed = OSError(errno.EBADF, f"{name} is closed")

    # click looks at these to decide whether the stream is a usable text stream
    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.target, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self.target, "errors", None)

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        try:
            return bool(self.target is not None and self.target.isatty())
        except (OSError, ValueError):
            return False

    def fileno(self) -> int:
        if self.target is None:
            raise OSError(errno.EBADF, f"{self.name} is closed")
        return self.target.fileno()

    def write(self, text: Any) -> int:
        if isinstance(text, (bytes, bytearray)) and text:  # click.echo(bytes): an export
            if not self.isatty() and hasattr(self.target, "buffer"):
                return self._write_bytes(bytes(text))  # to a file or pipe: exactly as made
            text = bytes(text).decode(self.encoding, "replace")  # to a person: made safe
        if not isinstance(text, str):
            # click probes a stream with write(b""): refusing it makes click treat this one
            # as the text stream it is (and not wrap it, bypassing the filter)
            raise TypeError("write() argument must be str")
        if self.failed is not None or self.target is None:
            return len(text)
        try:
            self.target.write(printable(text))
        except (OSError, ValueError) as exc:
            self.failed = exc
        return len(text)

    def _write_bytes(self, data: bytes) -> int:
        if self.failed is not None or self.target is None:
            return len(data)
        try:
            self.target.flush()
            self.target.buffer.write(data)
        except (OSError, ValueError) as exc:
            self.failed = exc
        return len(data)

    def flush(self) -> None:
        if self.failed is not None or self.target is None:
            return
        try:
            self.target.flush()
        except (OSError, ValueError) as exc:
            self.failed = exc


class Streams:
    """``sys.stdout`` and ``sys.stderr`` replaced by :class:`SafeStream` until :meth:`restore`."""

    def __init__(self) -> None:
        self.saved = (sys.stdout, sys.stderr)
        self.out = SafeStream(sys.stdout, "stdout")
        self.err = SafeStream(sys.stderr, "stderr")
        sys.stdout, sys.stderr = self.out, self.err  # type: ignore[assignment]

    def restore(self) -> None:
        """Flush and put the original streams back."""
        self.out.flush()
        self.err.flush()
        sys.stdout, sys.stderr = self.saved


def output_verdict(failed: BaseException | None, code: int, saved: bool) -> tuple[int, str]:
    """The exit status and the one line to say on stderr ("" for none) when the command
    ended with ``code`` and its output stream ``failed`` (None: it did not fail); ``saved``:
    the command saved a change to the store."""
    if failed is None:
        return code, ""
    if isinstance(failed, BrokenPipeError):  # `networkhabit contacts | head`: not an error
        return code, ""
    reason = getattr(failed, "strerror", None) or str(failed)
    if isinstance(failed, ValueError):
        reason = "stdout is closed"
    if saved:
        return 0, (
            f"networkhabit: your change was saved, but its output could not be printed "
            f"({reason}); do not run the command again"
        )
    return (code or 1), f"networkhabit: could not print the output ({reason})"
