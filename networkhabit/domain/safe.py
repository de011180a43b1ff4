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

import dataclasses
import re
from typing import TypeVar

from networkhabit.domain.errors import InputError

_R = TypeVar("_R")

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
    """``text`` as an error message quotes it: ``repr``-quoted (which shows every control
    character as an escape), at most ``limit`` characters of it (then ``…`` and how long it
    was)."""
    if len(text) > limit:
        return f"{text[:limit]!r}… ({len(text):,} characters)"
    return repr(text)


def clean_line(value: str | None, limit: int = MAX_LINE) -> str:
    """A one-line value as imported: control characters dropped, whitespace folded, at most
    ``limit`` characters."""
    if not value:
        return ""
    if (  # already clean (most imported cells): printable text's only whitespace is " "
        len(value) <= limit
        and value.isprintable()
        and "  " not in value
        and value[0] != " "
        and value[-1] != " "
    ):
        return value
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


#: The longest command-line argument but a note (a path may be up to 4,096 characters).
MAX_ARGUMENT = 4_096
#: Fields that may hold several lines.
_MULTILINE = frozenset({"notes", "note"})
#: Per-field limits where they are tighter than :data:`MAX_LINE`.
_LIMITS = {"name": 200}


def clean_value(field: str, value: str) -> str:
    """One imported text field as the store keeps it (see :func:`clean_record`)."""
    if field in _MULTILINE:
        return clean_text(value)
    return clean_line(value, _LIMITS.get(field, MAX_LINE))


#: Tuple fields whose empty entries mean something (a position), kept when cleaning.
_POSITIONAL = frozenset({"name_parts"})


def clean_record(record: _R) -> _R:
    """``record`` (any record dataclass) with every text field and every word of a list
    cleaned as an importer must: control characters stripped, sizes capped (the same limits
    as typed input). The record itself when nothing changes."""
    changes: dict[str, object] = {}
    for f in dataclasses.fields(record):  # type: ignore[arg-type]
        value = getattr(record, f.name)
        if isinstance(value, str):
            new: object = clean_value(f.name, value) if value else value
        elif isinstance(value, tuple) and value and all(isinstance(v, str) for v in value):
            cleaned = (clean_line(v) for v in value)
            # name_parts keeps its places (family, given, middle, prefix, suffix): "" stays
            new = tuple(cleaned) if f.name in _POSITIONAL else tuple(w for w in cleaned if w)
        else:
            continue
        if new != value:
            changes[f.name] = new
    return dataclasses.replace(record, **changes) if changes else record  # type: ignore[type-var]


def check_fields(fields: dict[str, object]) -> dict[str, object]:
    """Typed fields (a form's, a command's), refused with :class:`InputError` if a text value
    or a word of a list holds a control character or is too long; ``fields`` itself if not."""
    for name, value in fields.items():
        multiline = name in _MULTILINE
        limit = _LIMITS.get(name, MAX_NOTE if multiline else MAX_LINE)
        if isinstance(value, str):
            refuse_controls(value, name, multiline=multiline, limit=limit)
        elif isinstance(value, (tuple, list)):
            for item in value:
                if isinstance(item, str):
                    refuse_controls(item, f"a word of {name}", limit=limit)
    return fields


def check_argument(arg: str, *, note: bool = False) -> None:
    """A command-line argument, refused (:class:`InputError`) if it holds a control character
    (newline and tab allowed), is not valid text (undecodable bytes), or is longer than
    :data:`MAX_ARGUMENT` — :data:`MAX_NOTE` for a ``note`` — before any work is done."""
    limit = MAX_NOTE + 16 if note else MAX_ARGUMENT
    if len(arg) > limit:
        raise InputError(
            f"argument {quote(arg)} is too long (at most {limit - 16 if note else limit:,} characters)"
        )
    if has_controls(arg, multiline=True):
        raise InputError(f"argument {quote(arg)} holds control characters; remove them")
    try:
        arg.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(
            f"argument {quote(arg.encode('utf-8', 'replace').decode())} is not valid UTF-8 text"
        ) from None


#: A quoted value in a message: '…' or "…" (as repr writes them), long enough to cut. Its
#: opening quote follows no letter and its closing one is followed by none: the quote that
#: ends 'true' in "expected 'true': …" (or an apostrophe) opens nothing.
_AT_LEAST = "{" + str(QUOTE_LEN + 1) + ",}"
#: (A pattern, compiled by ``re`` when an error message is first shortened.)
_LONG_QUOTED = (
    "(?<![\\w'])'([^'\n]" + _AT_LEAST + ')\'(?!\\w)|(?<![\\w"])"([^"\n]' + _AT_LEAST + ')"(?!\\w)'
)


def shorten_quoted(message: str) -> str:
    """``message`` with every quoted value longer than :data:`QUOTE_LEN` cut to its first
    :data:`QUOTE_LEN` characters (the one place every error line passes through, so no
    message echoes a huge argument); a quoted path is left whole."""

    def cut(match: re.Match[str]) -> str:
        value = match.group(1) if match.group(1) is not None else match.group(2)
        mark = "'" if match.group(1) is not None else '"'
        if "/" in value:  # a path (the store's, in a restore hint): shown whole
            return match.group()
        return f"{mark}{value[:QUOTE_LEN]}{mark}… ({len(value):,} characters)"

    return re.sub(_LONG_QUOTED, cut, message)
