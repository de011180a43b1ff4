"""``import csv FILE``: which export a CSV is, told by its header row.

Google Contacts, Outlook and LinkedIn's Connections.csv are recognised by their columns
(LinkedIn's header may come after a preamble; its Contacts.csv is refused with the name of
the file to import instead). The file is then read by that importer, from the text already
decoded.
"""

from __future__ import annotations

import os

from networkhabit.domain.errors import InputError
from networkhabit.domain.merge import ParsedFile
from networkhabit.importers import google, linkedin, outlook
from networkhabit.importers.files import csv_rows, header_key, read_bytes, refuse_other_kind

#: What each layout is called in messages.
LAYOUTS = {"google": "Google Contacts CSV", "outlook": "Outlook CSV", "linkedin": "LinkedIn"}
#: How many rows the header may come after (LinkedIn's "Notes:" preamble).
HEADER_ROWS = 10


def layout(text: str, path: str | os.PathLike[str]) -> str:
    """``google``, ``outlook`` or ``linkedin``; :class:`InputError` for any other CSV."""
    first = True
    for n, (_line, cells) in enumerate(csv_rows(text, path)):
        if n >= HEADER_ROWS:
            break
        if not any(c.strip() for c in cells):
            continue
        keys = [header_key(c) for c in cells]
        if outlook.is_outlook(keys):
            return "outlook"
        if linkedin.is_contacts_csv(keys):
            raise linkedin.contacts_csv_error(path)
        if first and google.is_header(cells):
            return "google"
        first = False
        if linkedin.find_columns(cells) is not None:
            return "linkedin"
    for delimiter in (";", "\t"):
        for n, (_line, cells) in enumerate(csv_rows(text, path, delimiter)):
            if n >= HEADER_ROWS:
                break
            if linkedin.find_columns(cells) is not None:
                return "linkedin"
    refuse_other_kind(text, path, "a CSV")
    raise InputError(
        f"{path}: not a contacts CSV this knows — no header row of a Google Contacts, Outlook "
        "or LinkedIn Connections.csv export (First Name, Last Name, E-mail …)"
    )


def parse(path: str | os.PathLike[str]) -> ParsedFile:
    """Read a Google, Outlook or LinkedIn CSV, whichever it is."""
    raw = read_bytes(path)
    text = outlook.decode(raw, path)  # UTF-8; the Windows code page only for Outlook's CSV
    parsers = {
        "google": google.parse_text,
        "outlook": outlook.parse_text,
        "linkedin": linkedin.parse_text,
    }
    return parsers[layout(text, path)](text, path)
