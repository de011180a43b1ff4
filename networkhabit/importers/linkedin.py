"""LinkedIn's Connections.csv ("Get a copy of your data"), current and older layouts.

The current file starts with a UTF-8 BOM and a "Notes:" preamble, then the header
``First Name,Last Name,URL,Email Address,Company,Position,Connected On``; older ones
have no preamble and no URL column; 2016–2018 archives write ``Connected On`` as
``1/8/18, 6:14 PM`` and add ``Address`` and ``Websites`` (a website is the profile URL
when there is none, the address goes to the notes). The header row is found by its
content, columns by name. A row with nothing but a date is a connection who hides their
profile from exports: it is skipped and counted. ``Connected On`` (``12 Mar 2024``)
becomes the contact's created date. A row that cannot be read (an unquoted comma, a date
that is none) is skipped and reported with its line.

LinkedIn's other file, ``Contacts.csv`` (the address book once uploaded), is not a list
of connections: it is refused with a message naming the right file.
"""

from __future__ import annotations

import os
import re

from networkhabit.domain.errors import InputError
from networkhabit.domain.merge import Incoming, ParsedFile
from networkhabit.importers.files import (
    clean,
    clean_name,
    clean_note,
    csv_rows,
    header_key,
    parse_file_date,
    read_text,
    refuse_other_kind,
)
from networkhabit.importers.outlook import is_outlook

#: Column keys and the header names (folded) they go by across layouts.
COLUMNS: dict[str, tuple[str, ...]] = {
    "first": ("first name", "firstname"),
    "last": ("last name", "lastname"),
    "url": ("url", "profile url", "linkedin url", "public profile url"),
    "email": ("email address", "e-mail address", "email"),
    "company": ("company", "company name"),
    "title": ("position", "title", "job title"),
    "connected": ("connected on", "connected", "connected at"),
    "websites": ("websites", "website"),
    "address": ("address",),
}
HIDDEN = "hidden profile"
NO_NAME = "no name"
BAD_ROW = "row that cannot be read"
#: Columns of LinkedIn's Contacts.csv (the uploaded address book), folded.
CONTACTS_CSV = ("emails", "phonenumbers", "companies", "bookmarkedat", "instantmessagehandles")
#: A web address in the 2016-2018 archives' ``Websites`` (compiled by ``re`` when first needed).
_WEB = r"(?i)(?:https?://|www\.)\S+"


def is_contacts_csv(keys: list[str]) -> bool:
    """Whether a header row (folded) is LinkedIn's Contacts.csv rather than Connections.csv."""
    return "firstname" in keys and any(k in keys for k in CONTACTS_CSV)


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
        if is_outlook(keys) or is_contacts_csv(keys):
            return None
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
        _refuse_other_layouts(text, path)
        refuse_other_kind(text, path, "a LinkedIn Connections.csv")
        raise InputError(
            f"{path}: not a LinkedIn Connections.csv — no header row with First Name, Last Name, "
            "Company, Position, Connected On"
        )
    # Thousands of rows: the columns' positions once (a missing one points at the padding).
    first, last, url_at, email_at, company_at, title_at, connected_at, web_at, address_at = (
        columns.get(k, width)
        for k in ("first", "last", "url", "email", "company", "title", "connected")
        + ("websites", "address")
    )
    for line, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        parsed.rows += 1
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            parsed.skip(
                BAD_ROW,
                line,
                f"{len(cells)} cells where the header has {width} (an unquoted comma?)",
            )
            continue
        if len(cells) <= width:
            cells.extend([""] * (width + 1 - len(cells)))
        name = clean_name(f"{cells[first]} {cells[last]}")
        url, email = clean(cells[url_at]), clean(cells[email_at])
        if not url and cells[web_at]:
            web = re.search(_WEB, cells[web_at])
            url = web.group(0).rstrip(",;") if web else ""
        company, title = clean(cells[company_at]), clean(cells[title_at])
        connected = clean(cells[connected_at])
        if not name:
            parsed.skip(HIDDEN if not (url or email or company or title) else NO_NAME, line)
            continue
        created = None
        if connected:
            created = parse_file_date(connected)
            if created is None:
                parsed.skip(BAD_ROW, line, f"'Connected On' is not a date: {connected[:40]!r}")
                continue
        address = clean_note(cells[address_at]) if cells[address_at] else ""
        parsed.people.append(
            Incoming(
                name=name,
                row=line,
                company=company,
                title=title,
                emails=(email,) if email else (),
                url=url,
                created=created,
                notes=f"Address: {address}" if address else "",
            )
        )
    return parsed


def contacts_csv_error(path: str | os.PathLike[str]) -> InputError:
    """The refusal of LinkedIn's Contacts.csv."""
    return InputError(
        f"{path}: this is LinkedIn's Contacts.csv (the address book you once uploaded), "
        "not your connections; import Connections.csv from the same archive"
    )


def _refuse_other_layouts(text: str, path: str | os.PathLike[str]) -> None:
    """A clear message for LinkedIn's Contacts.csv and Outlook's CSV, which are no
    Connections.csv (looked for in the first rows: a preamble may come first)."""
    for n, (_line, cells) in enumerate(csv_rows(text, path)):
        if n >= 10:
            return
        keys = [header_key(c) for c in cells]
        if is_contacts_csv(keys):
            raise contacts_csv_error(path)
        if is_outlook(keys):
            raise InputError(f"{path}: this is an Outlook CSV; import it with 'import outlook'")


def parse(path: str | os.PathLike[str]) -> ParsedFile:
    """Read a Connections.csv."""
    return parse_text(read_text(path), path)
