"""Text that is safe for a terminal, and text that is safe to keep.

Two doors, one rule about control characters (C0 but newline and tab, DEL, C1):

- **On the way out** (:func:`terminal_safe`): whatever the store holds — typed long ago,
  imported from someone else's file, edited by hand — is shown with its control characters
  made visible (ESC as ``␛``, CR as ``␍``, U+009B as ``\\x9b``), so a name can never retitle
  the window, clear the screen or move the cursor.
- **On the way in** (:func:`clean_text`, :func:`clean_line`): what is typed or imported has
  them stripped (importers) or refused (:func:`refuse_controls`, the CLI), with the same
  size limits everywhere.

Pure functions: no I/O, no terminal library.
"""

from __future__ import annotations

import re

from networkhabit.domain.errors import InputError

#: The longest note (contact notes, touch notes, link notes) anywhere: typed or imported.
MAX_NOTE = 100_000
#: The longest one-line value (company, title, e-mail, a tag, a search, a target ...).
MAX_LINE = 1_000
#: How much of a user's value an error message quotes.
QUOTE_LEN = 80

#: Every control character a terminal acts on: C0 (newline and tab too), DEL, C1.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
#: The same without newline and tab (what a multi-line note may hold).
_CONTROLS_BUT_LAYOUT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

#: C0 controls as Unicode's visible "control pictures" (U+2400 ...): ESC → ␛, CR → ␍.
_PICTURES = {n: chr(0x2400 + n) for n in range(0x20)} | {0x7F: "\u2421"}  # DEL → ␡


def _visible(match: re.Match[str]) -> str:
    n = ord(match.group())
    if n in _PICTURES:
        return _PICTURES[n]
    return f"\\x{n:02x}"  # C1: no picture exists; the escape is unambiguous


def terminal_safe(text: str, *, keep_layout: bool = True) -> str:
    """``text`` with every control character shown visibly instead of acted on: C0 as its
    control picture (``\\x1b`` → ``␛``, ``\\r`` → ``␍``), DEL as ``␡``, C1 as ``\\x9b``.
    ``keep_layout``: newline and tab stay as they are (else they are shown too)."""
    pattern = _CONTROLS_BUT_LAYOUT if keep_layout else _CONTROLS
    if pattern.search(text) is None:  # the common case: no copy
        return text
    return pattern.sub(_visible, text)


def has_controls(text: str, *, multiline: bool = False) -> bool:
    """Whether ``text`` holds a control character (newline and tab allowed if ``multiline``)."""
    pattern = _CONTROLS_BUT_LAYOUT if multiline else _CONTROLS
    return pattern.search(text) is not None


def quote(text: str, limit: int = QUOTE_LEN) -> str:
    """``text`` as an error message quotes it: ``repr``-quoted, at most ``limit`` characters
    of it (then ``…`` and how long it was), control characters visible."""
    if len(text) > limit:
        return f"{terminal_safe(text[:limit])!r}… ({len(text):,} characters)"
    return repr(terminal_safe(text))


def clean_line(value: str | None, limit: int = MAX_LINE) -> str:
    """A one-line value as imported: control characters dropped, whitespace folded, at most
    ``limit`` characters."""
    if not value:
        return ""
    return " ".join(_CONTROLS.sub(" ", value).split())[:limit].strip()


def clean_text(value: str | None, limit: int = MAX_NOTE) -> str:
    """A multi-line value (a note) as imported: ``\\r\\n`` and ``\\r`` become newlines, other
    control characters are dropped, at most ``limit`` characters."""
    if not value:
        return ""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROLS_BUT_LAYOUT.sub("", text)[:limit].strip()


def refuse_controls(value: str, what: str, *, multiline: bool = False, limit: int = 0) -> str:
    """``value`` as typed, if it holds no control characters (newline and tab allowed when
    ``multiline``) and is at most ``limit`` characters (0: :data:`MAX_NOTE` for multi-line,
    :data:`MAX_LINE` otherwise); else :class:`InputError` saying which."""
    limit = limit or (MAX_NOTE if multiline else MAX_LINE)
    if len(value) > limit:
        raise InputError(f"{what} is too long ({len(value):,} characters; at most {limit:,})")
    if has_controls(value, multiline=multiline):
        raise InputError(f"{what} cannot contain control characters ({quote(value)})")
    return value
