"""LinkedIn's Connections.csv ("Get a copy of your data"), current and older layouts.

The current file starts with a UTF-8 BOM and a "Notes:" preamble, then the header
``First Name,Last Name,URL,Email Address,Company,Position,Connected On``; older ones
have no preamble and no URL column. The header row is found by its content, columns
by name. A row with nothing but a date is a connection who hides their profile from
exports: it is skipped and counted. ``Connected On`` (``12 Mar 2024``) becomes the
contact's created date.
"""

from __future__ import annotations

import os

from networkhabit.domain.errors import InputError
from networkhabit.domain.merge import Incoming, ParsedFile
from networkhabit.importers.files import (
    clean,
    clean_name,
    csv_rows,
    header_key,
    parse_file_date,
    read_text,
)

#: Column keys and the header names (folded) they go by across layouts.
COLUMNS: dict[str, tuple[str, ...]] = {
    "first": ("first name", "firstname"),
    "last": ("last name", "lastname"),
    "url": ("url", "profile url", "linkedin url", "public profile url"),
    "email": ("email address", "e-mail address", "email"),
    "company": ("company", "company name"),
    "title": ("position", "title", "job title"),
    "connected": ("connected on", "connected", "connected at"),
}
HIDDEN = "hidden profile"
NO_NAME = "no name"


def find_columns(cells: list[str]) -> dict[str, int] | None:
    """Column positions if ``cells`` is a Connections.csv header row, else None."""
    keys = [header_key(c) for c in cells]
    found: dict[str, int] = {}
    for name, aliases in COLUMNS.items():
        for i, k in enumerate(keys):
            if k in aliases:
                found[name] = i
                break
    if "first" in found and "last" in found and ({"company", "title", "connected"} & found.keys()):
        return found
    return None


def parse_text(text: str, path: str | os.PathLike[str]) -> ParsedFile:
    """The people in a Connections.csv's text."""
    parsed = ParsedFile("linkedin")
    columns: dict[str, int] | None = None
    width = 0
    for delimiter in (",", ";", "\t"):
        rows = csv_rows(text, path, delimiter)
        for _line, cells in rows:
            columns = find_columns(cells)
            if columns is not None:
                width = len(cells)
                break
        if columns is not None:
            break
    if columns is None:
        raise InputError(
            f"{path}: not a LinkedIn Connections.csv — no header row with First Name, Last Name, "
            "Company, Position, Connected On"
        )
    for line, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            raise InputError(
                f"{path}, line {line}: {len(cells)} cells where the header has {width} "
                "(an unquoted comma?)"
            )
        parsed.rows += 1

        def cell(key: str, cells: list[str] = cells) -> str:
            i = columns.get(key) if columns else None
            return cells[i] if i is not None and i < len(cells) else ""

        name = clean_name(f"{cell('first')} {cell('last')}")
        url, email = clean(cell("url")), clean(cell("email"))
        company, title = clean(cell("company")), clean(cell("title"))
        connected = clean(cell("connected"))
        if not name:
            parsed.skip(HIDDEN if not (url or email or company or title) else NO_NAME)
            continue
        created = None
        if connected:
            created = parse_file_date(connected)
            if created is None:
                raise InputError(
                    f"{path}, line {line}: 'Connected On' is not a date: {connected!r}"
                )
        parsed.people.append(
            Incoming(
                name=name,
                row=line,
                company=company,
                title=title,
                emails=(email,) if email else (),
                url=url,
                created=created,
            )
        )
    return parsed


def parse(path: str | os.PathLike[str]) -> ParsedFile:
    """Read a Connections.csv."""
    return parse_text(read_text(path), path)
