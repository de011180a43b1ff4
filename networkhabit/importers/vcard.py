"""vCard files (2.1, 3.0 and 4.0) through vobject.

FN (or N), ORG, TITLE, EMAIL, TEL, URL, NOTE, CATEGORIES (tags), BDAY with or
without a year (``--0302``, ``--03-02``, Apple's ``X-APPLE-OMIT-YEAR=1604``), UID
(kept as the contact's ``external_id``) and RELATED (``urn:uuid:X`` → a link to the
card whose UID is X, in the same file or already in the store).
"""

from __future__ import annotations

import os
from typing import Any

from networkhabit.domain.errors import InputError
from networkhabit.domain.merge import Incoming, ParsedFile
from networkhabit.importers.files import (
    clean,
    clean_name,
    clean_note,
    import_birthday,
    read_text,
)

NO_NAME = "no name"


def parse_text(text: str, path: str | os.PathLike[str]) -> ParsedFile:
    """The people in a vCard file's text."""
    import vobject

    if "BEGIN:VCARD" not in text.upper():
        raise InputError(f"{path}: not a vCard file (no BEGIN:VCARD)")
    parsed = ParsedFile("vcard")
    try:
        cards = list(vobject.readComponents(text))
    except vobject.base.VObjectError as exc:
        line = _line_of(text, str(exc.msg))
        where = f", line {line}" if line else ""
        raise InputError(f"{path}{where}: not a valid vCard file ({_one_line(exc.msg)})") from None
    except Exception as exc:  # noqa: BLE001 — any parser failure is a malformed file to the user
        raise InputError(f"{path}: not a valid vCard file ({_one_line(exc)})") from None
    for number, card in enumerate(cards, start=1):
        if card.name.upper() != "VCARD":
            raise InputError(f"{path}, item {number}: a {card.name} where a VCARD was expected")
        parsed.rows += 1
        try:
            person = _person(card, number)
        except Exception as exc:  # noqa: BLE001 — a value vobject could not decode
            raise InputError(f"{path}, card {number}: cannot be read ({_one_line(exc)})") from None
        if person is None:
            parsed.skip(NO_NAME)
        else:
            parsed.people.append(person)
    return parsed


def _line_of(text: str, message: str) -> int | None:
    """The line a "Failed to parse line: X" message means (vobject's own count is off)."""
    prefix = "Failed to parse line: "
    if not message.startswith(prefix):
        return None
    bad = message[len(prefix) :][:60]
    at = text.find(bad)
    return text[:at].count("\n") + 1 if bad and at >= 0 else None


def _one_line(exc: object) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return " ".join(str(v) for v in value if v)
    return str(value or "")


def _lines(card: Any, name: str) -> list[Any]:
    return list(card.contents.get(name, ()))


def _is_pref(line: Any) -> bool:
    types = [str(t).casefold() for t in line.params.get("TYPE", ())]
    return "pref" in types or bool(line.params.get("PREF"))


def _values(card: Any, name: str) -> list[str]:
    """Every value of a property, preferred ones first, de-duplicated."""
    lines = sorted(_lines(card, name), key=lambda ln: not _is_pref(ln))
    out: list[str] = []
    for ln in lines:
        v = clean(_text(ln.value))
        if v.casefold().startswith(("mailto:", "tel:")):
            v = v.split(":", 1)[1]
        if v and v not in out:
            out.append(v)
    return out


def _first(card: Any, name: str) -> str:
    values = _values(card, name)
    return values[0] if values else ""


def _name(card: Any) -> str:
    fn = clean_name(_first(card, "fn"))
    if fn:
        return fn
    for ln in _lines(card, "n"):
        n = ln.value
        if hasattr(n, "given"):
            parts = [
                _text(n.prefix),
                _text(n.given),
                _text(n.additional),
                _text(n.family),
                _text(n.suffix),
            ]
            name = clean_name(" ".join(parts))
        else:
            name = clean_name(_text(n).replace(";", " "))
        if name:
            return name
    return ""


def _person(card: Any, number: int) -> Incoming | None:
    org = ""
    for ln in _lines(card, "org"):
        value = ln.value
        org = clean(value[0] if isinstance(value, (list, tuple)) and value else _text(value))
        if org:
            break
    name = _name(card) or org
    if not name:
        return None
    urls = _values(card, "url")
    url = next((u for u in urls if "linkedin.com" in u.casefold()), urls[0] if urls else "")
    tags: list[str] = []
    for ln in _lines(card, "categories"):
        values = ln.value if isinstance(ln.value, (list, tuple)) else str(ln.value).split(",")
        for t in (clean(str(v)) for v in values):
            if t and t.casefold() not in (x.casefold() for x in tags):
                tags.append(t)
    birthday = None
    for ln in _lines(card, "bday"):
        omit = ln.params.get("X-APPLE-OMIT-YEAR")
        birthday = import_birthday(_text(ln.value), str(omit[0]) if omit else None)
        if birthday:
            break
    notes = "\n\n".join(
        n for n in (clean_note(_text(ln.value)) for ln in _lines(card, "note")) if n
    )
    related = []
    for ln in _lines(card, "related"):
        target = clean(_text(ln.value))
        if target:
            kind = ",".join(str(t).lower() for t in ln.params.get("TYPE", ()))
            related.append((target, kind))
    return Incoming(
        name=name,
        row=number,
        company=org,
        title=_first(card, "title"),
        emails=tuple(_values(card, "email")),
        phones=tuple(_values(card, "tel")),
        url=url,
        tags=tuple(tags),
        notes=notes,
        birthday=birthday,
        external_id=_first(card, "uid"),
        related=tuple(related),
    )


def parse(path: str | os.PathLike[str]) -> ParsedFile:
    """Read a vCard file."""
    return parse_text(read_text(path, what="a vCard file"), path)
