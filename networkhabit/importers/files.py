"""Reading an import file: bytes, text, CSV rows, with one clear error line naming the file."""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path

from networkhabit.domain.dates import parse_birthday
from networkhabit.domain.errors import InputError
from networkhabit.domain.merge import Incoming, ParsedFile
from networkhabit.domain.safe import clean_line, clean_text

#: Import files larger than this are refused (a contacts export is a few MB at most).
MAX_BYTES = 200 * 1024 * 1024


def shown(path: str | os.PathLike[str]) -> str:
    """A path as error messages show it: absurdly long ones shortened."""
    text = str(path)
    return text if len(text) <= 120 else f"{text[:60]}…{text[-40:]}"


#: How a file plainly of another kind starts (its first line), and the command for it.
_OTHER_KINDS: tuple[tuple[str, str, str], ...] = (
    ("BEGIN:VCARD", "a vCard file", "import vcard"),
    ("BEGIN:VCALENDAR", "a calendar (.ics)", "import calendar"),
)


def other_kind(text: str | bytes, but: str = "") -> str:
    """`` — this is a vCard file: import it with 'networkhabit import vcard'`` when ``text``
    plainly is a file another import reads (a vCard, a calendar; not the kind ``but``
    names), to end the error that refuses it with; else ""."""
    start = text[:200].decode("utf-8", "replace") if isinstance(text, bytes) else text[:200]
    first = start.lstrip("\ufeff \t\r\n").upper()
    for begin, what, command in _OTHER_KINDS:
        if first.startswith(begin) and command != but:
            return f" — this is {what}: import it with 'networkhabit {command}'"
    return ""


def refuse_other_kind(text: str, path: str | os.PathLike[str], what: str) -> None:
    """:class:`InputError` "PATH: not WHAT — this is a vCard file: import it with …" if
    ``text`` plainly is a file another import reads (see :func:`other_kind`)."""
    hint = other_kind(text)
    if hint:
        raise InputError(f"{path}: not {what}{hint}")


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The file's bytes; :class:`InputError` for a missing file, a folder or an unreadable one."""
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(f"{p}: is a folder, not a file")
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{p}: too large ({size // (1024 * 1024)} MB) for a contacts file")
        return p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{p}: no such file") from None
    except OSError as exc:
        raise InputError(f"{shown(p)}: cannot read ({exc.strerror or exc})") from None


def decode_text(raw: bytes, path: str | os.PathLike[str], what: str = "a CSV file") -> str:
    """Text from bytes: UTF-8 (with or without BOM) or UTF-16 with a BOM; clear errors otherwise."""
    if not raw.strip():
        raise InputError(f"{path}: the file is empty")
    if raw.startswith(b"PK\x03\x04"):
        raise InputError(
            f"{path}: is a ZIP archive, not {what}; unzip it and import the file inside"
        )
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{path}: not valid UTF-16 text though it starts like it") from None
    else:
        if b"\x00" in raw:
            raise InputError(f"{path}: is a binary file, not {what}")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise InputError(
                f"{path}, line {line}: not UTF-8 text (byte 0x{raw[exc.start]:02x}); "
                "save the file as UTF-8 and import it again"
            ) from None
    if not text.strip():
        raise InputError(f"{path}: the file is empty")
    return text


def read_text(path: str | os.PathLike[str], what: str = "a CSV file") -> str:
    """The file as text (see :func:`decode_text`)."""
    return decode_text(read_bytes(path), path, what)


def csv_rows(
    text: str, path: str | os.PathLike[str], delimiter: str = ","
) -> Iterator[tuple[int, list[str]]]:
    """(line number where the row starts, cells) for every row; quoted newlines stay in a cell."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(f"{path}, line {reader.line_num}: not valid CSV ({exc})") from None
        yield line, row
        line = reader.line_num + 1


def header_key(cell: str) -> str:
    """A column name as a key: trimmed, lowercase, single spaces, no BOM or quotes."""
    return " ".join(cell.replace("\ufeff", "").strip().strip('"').casefold().split())


#: A one-line value: control characters dropped, whitespace folded (domain/safe.py: C0, DEL
#: and C1 stripped, size capped). The function itself, not a call of it: every cell of an
#: import passes through it.
clean: Callable[[str | None], str] = clean_line


def clean_name(value: str | None) -> str:
    """A contact name as the store keeps it (at most 200 characters)."""
    return clean(value)[:200].strip()


def clean_note(value: str | None) -> str:
    """A multi-line note: newlines kept (``\\r\\n`` → ``\\n``), other control characters dropped."""
    return clean_text(value)  # (domain/safe.py: the CLI's size limit, C1 stripped too)


def split_multi(value: str | None, sep: str = ":::") -> list[str]:
    """Google's ``a ::: b`` cells as a list of clean, non-empty values."""
    return [v for v in (clean(x) for x in (value or "").split(sep)) if v]


def import_birthday(value: str | None, omit_year: str | None = None) -> str | None:
    """A birthday from a file as ``YYYY-MM-DD`` or ``--MM-DD``; None if it is not one.

    Handles ``1906-12-09``, ``19061209``, ``--04-15``, ``--0415``, a time after the date,
    and Apple's year placeholder (``X-APPLE-OMIT-YEAR=1604``: ``1604-07-21`` → ``--07-21``).
    """
    raw = clean(value)
    if not raw:
        return None
    raw = re.split(r"[T ]", raw, maxsplit=1)[0] if not raw.startswith("--") else raw
    try:
        bday = parse_birthday(raw)
    except InputError:
        return None
    year = bday[:4]
    if not bday.startswith("--") and (
        year == (omit_year or "").strip() or year in ("1604", "0000")
    ):
        return "-" + bday[4:]
    return bday


#: Tried in order. Besides LinkedIn's own ``12 Mar 2024``, what a spreadsheet writes when the
#: file was opened and saved again: ``12-Mar-24`` (Excel), ``3/12/24`` (US; a day/month order
#: is only taken when the US one is impossible), ``12.03.24``, ``2024/03/12``.
_DATE_FORMATS = (
    "%d %b %Y",
    "%d %B %Y",
    "%d %b %y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d-%b-%Y",
    "%d-%b-%y",
    "%d-%B-%Y",
    "%m/%d/%Y",
    "%m/%d/%y",
    "%d/%m/%Y",
    "%d/%m/%y",
    "%d.%m.%Y",
    "%d.%m.%y",
)
#: A time after the date (``3/12/2024 0:00``, ``2024-03-12T10:00:00Z``, LinkedIn 2016–2018's
#: ``1/8/18, 6:14 PM``), dropped. A pattern, compiled (by ``re``, which keeps it) only when a
#: date is not LinkedIn's own: compiling it costs an import of such a file a tenth of parsing it.
_TIME = r"(?:,? ?[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?: ?[AaPp][Mm])?(?:Z|[+-]\d{2}:?\d{2})?)$"


_MONTHS = {
    m: n
    for n, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
#: LinkedIn's ``12 Mar 2024``: thousands of rows, so read without strptime.
_DAY_MON_YEAR = re.compile(r"(\d{1,2}) ([A-Za-z]{3}) (\d{4})")


def parse_file_date(value: str) -> date | None:
    """A date as exports write it: ``12 Mar 2024``, ``Mar 12, 2024``, ``2024-03-12``…"""
    raw = clean(value)
    quick = _DAY_MON_YEAR.fullmatch(raw)
    if quick is not None and quick.group(2).lower() in _MONTHS:
        try:
            return date(int(quick.group(3)), _MONTHS[quick.group(2).lower()], int(quick.group(1)))
        except ValueError:
            return None
    for text in dict.fromkeys((raw, re.sub(_TIME, "", raw).strip())):
        for fmt in _DATE_FORMATS:
            try:
                return datetime.strptime(text, fmt).date()
            except ValueError:
                continue
    return None


def write_output(path: str | os.PathLike[str], data: bytes, *, protect: Path | None = None) -> None:
    """Write an export atomically (temp file in the same folder, fsync, rename), mode 0600.

    ``protect`` is a path that must never be overwritten (the store itself).
    """
    p = Path(path).expanduser()
    folder = p.parent if str(p.parent) else Path(".")
    try:
        if p.is_dir():
            raise InputError(f"{p}: is a folder; give a file name with -o")
        if not folder.is_dir():
            raise InputError(f"{p}: the folder {folder} does not exist")
    except OSError as exc:
        raise InputError(
            f"{shown(p)}: cannot write ({exc.strerror or exc}); nothing was written"
        ) from None
    if protect is not None:
        with contextlib.suppress(OSError):
            if p.resolve() == protect.resolve():
                raise InputError(f"{p}: is the store itself; choose another file for the export")
    from networkhabit.store.tempfiles import make_temp

    try:
        fd, tmp = make_temp(folder, f".{p.name}.", ".tmp")  # mode 0600
    except OSError as exc:
        raise InputError(f"{shown(p)}: cannot write in {shown(folder)} ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, p)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise InputError(
            f"{shown(p)}: cannot write ({exc.strerror}); nothing was written"
        ) from None


def fallback_name(company: str, emails: Sequence[str], phones: Sequence[str]) -> tuple[str, str]:
    """(name, what it was taken from) for a person the file gives no name: the company, else
    the first e-mail, else the first phone; ("", "") when there is none of them."""
    for value, what in (
        (company, "company"),
        (emails[0] if emails else "", "e-mail"),
        (phones[0] if phones else "", "phone"),
    ):
        name = clean_name(value)
        if name:
            return name, what
    return "", ""


def decode_csv(raw: bytes, path: str | os.PathLike[str], legacy: str = "") -> str:
    """A CSV file's text (see :func:`decode_text`); with ``legacy``, a file that is not UTF-8
    is read in that code page (Outlook on Windows writes ``cp1252`` without saying so)."""
    try:
        return decode_text(raw, path)
    except InputError:
        if not legacy or not raw.strip() or b"\x00" in raw or raw.startswith(b"PK\x03\x04"):
            raise
        return raw.decode(legacy, "replace")


def collect_people(
    parsed: ParsedFile,
    rows: Iterable[tuple[int, list[str]]],
    width: int,
    person_of: Callable[[list[str], int], Incoming | None],
) -> ParsedFile:
    """A CSV's rows (line, cells) into ``parsed``: blank rows passed over, a row with more
    cells than the header skipped as unreadable, one that names nobody as "no name"."""
    for line, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        parsed.rows += 1
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            parsed.skip(
                "row that cannot be read", line, f"{len(cells)} cells where the header has {width}"
            )
            continue
        person = person_of(cells, line)
        if person is None:
            parsed.skip("no name", line)
        else:
            parsed.people.append(person)
    return parsed
