"""Google Contacts CSV ("Google CSV"), current and older exports.

Columns are found by name. Numbered groups (``E-mail 1 - Value``, ``Phone 2 - Value``,
``Website 1 - Value``; older exports say ``- Type`` where new ones say ``- Label``)
are read in order; one cell may hold several values joined with `` ::: ``, and a
label starting with ``* `` marks the primary value. ``Labels`` (older: ``Group
Membership``) become tags: Google's own ``* myContacts`` is dropped, and system groups
keep their name without the ``* `` (``* Starred`` → ``Starred``). The name is the
``Name`` column where there is one (the name as the person writes it: "二狗王", not
"王 二狗"), else First/Middle/Last (older: Given/Additional/Family), else File As or
Nickname, else the organization, the e-mail or the phone (and the report says so); the
parts are kept to write vCard's N. Of several organizations (``A ::: B``) the first is the
company, the others go to the notes. A row that cannot be read is skipped and reported.
"""

from __future__ import annotations

import os
import re

from networkhabit.domain.errors import InputError
from networkhabit.domain.merge import Incoming, ParsedFile, role
from networkhabit.domain.names import fold
from networkhabit.importers.files import (
    clean,
    clean_name,
    clean_note,
    collect_people,
    csv_rows,
    fallback_name,
    header_key,
    import_birthday,
    read_text,
    refuse_other_kind,
    split_multi,
)

_GROUP = re.compile(
    r"^(e-mail|email|phone|website|organization) (\d+) - (label|type|value|name|title)$"
)
#: Google's own groups that are not the user's labels (folded, without spaces).
SYSTEM_GROUPS = {"mycontacts", "systemgroup:mycontacts"}
NO_NAME = "no name"
BAD_ROW = "row that cannot be read"


class _Columns:
    """Column positions by folded header name, plus the numbered groups."""

    def __init__(self, cells: list[str]) -> None:
        self.pos: dict[str, int] = {}
        self.groups: dict[str, dict[int, dict[str, int]]] = {}
        for i, cell in enumerate(cells):
            key = header_key(cell)
            self.pos.setdefault(key, i)
            m = _GROUP.match(key)
            if m:
                kind = "email" if m.group(1) in ("e-mail", "email") else m.group(1)
                part = "label" if m.group(3) == "type" else m.group(3)
                self.groups.setdefault(kind, {}).setdefault(int(m.group(2)), {})[part] = i

    def is_google(self) -> bool:
        named = any(
            k in self.pos
            for k in ("first name", "given name", "name", "last name", "family name", "file as")
        )
        google = any(
            k in self.pos
            for k in (
                "labels",
                "group membership",
                "organization name",
                "file as",
                "given name",
                "additional name",
            )
        )
        return named and (google or bool(self.groups))


def is_header(cells: list[str]) -> bool:
    """Whether a row is a Google Contacts CSV's header row."""
    return _Columns(cells).is_google()


def _get(cells: list[str], pos: int | None) -> str:
    return cells[pos] if pos is not None and pos < len(cells) else ""


def parse_text(text: str, path: str | os.PathLike[str]) -> ParsedFile:
    """The people in a Google Contacts CSV's text."""
    parsed = ParsedFile("google")
    rows = csv_rows(text, path)
    cols: _Columns | None = None
    for _line, cells in rows:
        if any(c.strip() for c in cells):
            cols = _Columns(cells)
            width = len(cells)
            break
    if cols is None or not cols.is_google():
        refuse_other_kind(text, path, "a Google Contacts CSV")
        raise InputError(
            f"{path}: not a Google Contacts CSV — the first row has none of its columns "
            "(First Name, Last Name, E-mail 1 - Value, Labels …)"
        )
    return collect_people(parsed, rows, width, lambda cells, line: _person(cols, cells, line))


def _values(cols: _Columns, cells: list[str], kind: str) -> list[str]:
    """Every value of a numbered group, the primary (``* `` label) first."""
    primary: list[str] = []
    rest: list[str] = []
    for _n, parts in sorted(cols.groups.get(kind, {}).items()):
        values = split_multi(_get(cells, parts.get("value")))
        label = clean(_get(cells, parts.get("label")))
        (primary if label.startswith("*") else rest).extend(values)
    out: list[str] = []
    for v in primary + rest:
        if v not in out:
            out.append(v)
    return out


def _person(cols: _Columns, cells: list[str], line: int) -> Incoming | None:
    def col(*names: str) -> str:
        for n in names:
            value = _get(cells, cols.pos.get(n))
            if value.strip():
                return value
        return ""

    companies = split_multi(col("organization name", "company"))
    titles = split_multi(col("organization title", "job title"))
    for _n, p in sorted(cols.groups.get("organization", {}).items()):
        names, roles = (
            split_multi(_get(cells, p.get("name"))),
            split_multi(_get(cells, p.get("title"))),
        )
        if names or roles:
            companies += names or [""] * len(roles)
            titles += roles or [""] * len(names)
    company = companies[0] if companies else ""
    title = next((t for t in titles if t), "") if len(companies) <= 1 else (titles or [""])[0]
    others = [
        role(titles[i] if i < len(titles) else "", c)
        for i, c in enumerate(companies)
        if i > 0 and c and fold(c) != fold(company)
    ]
    first = clean(col("first name", "given name"))
    middle = clean(col("middle name", "additional name"))
    last = clean(col("last name", "family name"))
    emails, phones = _values(cols, cells, "email"), _values(cols, cells, "phone")
    name = (
        clean_name(col("name"))
        or clean_name(" ".join(x for x in (first, middle, last) if x))
        or clean_name(col("file as"))
        or clean_name(col("nickname"))
    )
    named_from = ""
    if not name:
        name, named_from = fallback_name(company, emails, phones)
    if not name:
        return None
    parts = (last, first, middle, clean(col("name prefix")), clean(col("name suffix")))
    websites = _values(cols, cells, "website")
    url = next(
        (w for w in websites if "linkedin.com" in w.casefold()), websites[0] if websites else ""
    )
    tags: list[str] = []
    for label in split_multi(col("labels", "group membership")):
        bare = label.lstrip("*").strip()
        if "".join(bare.casefold().split()) in SYSTEM_GROUPS or not bare:
            continue
        if bare.casefold() not in (t.casefold() for t in tags):
            tags.append(bare)
    return Incoming(
        name=name,
        row=line,
        company=company,
        title=title,
        emails=tuple(emails),
        phones=tuple(phones),
        url=url,
        tags=tuple(tags),
        notes="\n\n".join(x for x in (clean_note(col("notes")), _also(others)) if x),
        birthday=import_birthday(col("birthday")),
        name_parts=parts if (first or last) else (),
        named_from=named_from,
    )


def _also(others: list[str]) -> str:
    """The note for the organizations after the first: ``Also: CTO at B; C``."""
    return f"Also: {'; '.join(others)}" if others else ""


def parse(path: str | os.PathLike[str]) -> ParsedFile:
    """Read a Google Contacts CSV."""
    return parse_text(read_text(path), path)
