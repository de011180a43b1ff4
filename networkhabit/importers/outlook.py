"""Outlook's CSV export (classic Outlook: File, Open & Export, Comma Separated Values; and
Outlook.com: People, Manage, Export contacts).

Columns are found by name; both layouts share them: ``First Name``, ``Middle Name``,
``Last Name``, ``Title`` (the form of address, "Dr."), ``Suffix``, ``Company``, ``Job
Title``, ``E-mail Address`` / ``E-mail 2 Address`` / ``E-mail 3 Address`` (an Exchange
address, which has no ``@``, is left out), the phones (mobile, business, home first),
``Web Page``, ``Birthday`` (``4/15/1985``; ``0/0/00`` is none), ``Categories`` (tags,
``;``-separated) and ``Notes``. Classic Outlook writes the Windows code page without
saying so: a file that is not UTF-8 is read as ``cp1252``. A person without a name is
named after the company, else the e-mail, else the phone.
"""

from __future__ import annotations

import os

from networkhabit.domain.errors import InputError
from networkhabit.domain.merge import Incoming, ParsedFile
from networkhabit.importers.files import (
    clean,
    clean_name,
    clean_note,
    collect_people,
    csv_rows,
    decode_csv,
    decode_text,
    fallback_name,
    header_key,
    parse_file_date,
    read_bytes,
    refuse_other_kind,
)

NO_NAME = "no name"
BAD_ROW = "row that cannot be read"
EMAILS = ("e-mail address", "e-mail 2 address", "e-mail 3 address")
PHONES = (
    "mobile phone",
    "business phone",
    "home phone",
    "primary phone",
    "company main phone",
    "business phone 2",
    "home phone 2",
    "other phone",
    "car phone",
)
WEB_PAGES = ("web page", "personal web page")
#: Outlook's placeholder for a date it does not have.
NO_DATE = ("0/0/00", "00/00/00", "0/0/0000", "1/1/1601")


def is_outlook(keys: list[str]) -> bool:
    """Whether a header row (folded with :func:`header_key`) is an Outlook CSV export."""
    return (
        "first name" in keys
        and "e-mail address" in keys
        and any(k in keys for k in ("job title", "business phone", "mobile phone", "e-mail type"))
    )


def parse_text(text: str, path: str | os.PathLike[str]) -> ParsedFile:
    """The people in an Outlook CSV's text."""
    parsed = ParsedFile("outlook")
    rows = csv_rows(text, path)
    pos: dict[str, int] | None = None
    width = 0
    for _line, cells in rows:
        if any(c.strip() for c in cells):
            keys = [header_key(c) for c in cells]
            if is_outlook(keys):
                pos = {}
                for i, k in enumerate(keys):
                    pos.setdefault(k, i)
                width = len(cells)
            break
    if pos is None:
        refuse_other_kind(text, path, "an Outlook CSV")
        raise InputError(
            f"{path}: not an Outlook CSV — the first row has none of its columns "
            "(First Name, Last Name, E-mail Address, Job Title …)"
        )
    return collect_people(parsed, rows, width, lambda cells, line: _person(pos, cells, line))


def _person(pos: dict[str, int], cells: list[str], line: int) -> Incoming | None:
    def col(name: str) -> str:
        i = pos.get(name)
        return cells[i] if i is not None and i < len(cells) else ""

    first, middle, last = (
        clean(col("first name")),
        clean(col("middle name")),
        clean(col("last name")),
    )
    prefix, suffix = clean(col("title")), clean(col("suffix"))
    company = clean(col("company"))
    emails = list(dict.fromkeys(e for e in (clean(col(k)) for k in EMAILS) if "@" in e))
    phones = list(dict.fromkeys(p for p in (clean(col(k)) for k in PHONES) if p))
    name = (
        clean_name(" ".join(x for x in (first, middle, last, suffix) if x))
        if (first or middle or last)
        else ""
    )
    named_from = ""
    if not name:
        name, named_from = fallback_name(company, emails, phones)
    if not name:
        return None
    webs = [w for w in (clean(col(k)) for k in WEB_PAGES) if w]
    url = next((w for w in webs if "linkedin.com" in w.casefold()), webs[0] if webs else "")
    tags: list[str] = []
    for t in (clean(x) for x in col("categories").replace(",", ";").split(";")):
        if t and t.casefold() not in (x.casefold() for x in tags):
            tags.append(t)
    birthday = None
    raw_birthday = clean(col("birthday"))
    if raw_birthday and raw_birthday not in NO_DATE:
        day = parse_file_date(raw_birthday)
        birthday = day.isoformat() if day is not None and day.year > 1604 else None
    return Incoming(
        name=name,
        row=line,
        company=company,
        title=clean(col("job title")),
        emails=tuple(emails),
        phones=tuple(phones),
        url=url,
        tags=tuple(tags),
        notes=clean_note(col("notes")),
        birthday=birthday,
        name_parts=(last, first, middle, prefix, suffix) if (first or last) else (),
        named_from=named_from,
    )


def decode(raw: bytes, path: str | os.PathLike[str]) -> str:
    """The file's text: UTF-8 (or UTF-16 with a BOM); else, when its header is Outlook's,
    the Windows code page (classic Outlook writes it without a BOM); else the error."""
    try:
        return decode_text(raw, path)
    except InputError:
        text = decode_csv(raw, path, legacy="cp1252")
        header = next((cells for _line, cells in csv_rows(text, path) if any(cells)), [])
        if not is_outlook([header_key(c) for c in header]):
            raise
        return text


def parse(path: str | os.PathLike[str]) -> ParsedFile:
    """Read an Outlook CSV."""
    return parse_text(decode(read_bytes(path), path), path)
