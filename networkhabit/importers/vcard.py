"""vCard files (2.1, 3.0 and 4.0) through vobject.

FN (or N), ORG, TITLE, EMAIL, TEL, URL, NOTE, CATEGORIES (tags), BDAY with or
without a year (``--0302``, ``--03-02``, Apple's ``X-APPLE-OMIT-YEAR=1604``), UID
(kept as the contact's ``external_id``) and RELATED (``urn:uuid:X`` → a link to the
card whose UID is X, in the same file or already in the store). Apple's escaped URL
colons (``https\\://``), Android's vCard 2.1 quoted-printable values and bare commas, and
inline photos (dropped unread, even broken ones) are handled; an error names the card.
"""

from __future__ import annotations

import os
import quopri
import re
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
_FN = re.compile(r"^(?:[\w-]+\.)?FN(?:;[^:]*)?:(.*)$", re.IGNORECASE)
#: Properties holding binary data (inline base64), dropped unread.
_BINARY = re.compile(r"^(?:[\w-]+\.)?(?:PHOTO|LOGO|SOUND|KEY)[;:]", re.IGNORECASE)
_BASE64_LINE = re.compile(r"^[A-Za-z0-9+/=]+$")
_QP_PARAMS = {"ENCODING=QUOTED-PRINTABLE", "QUOTED-PRINTABLE"}


def parse_text(text: str, path: str | os.PathLike[str]) -> ParsedFile:
    """The people in a vCard file's text.

    Cards are read one at a time, so an error names the card (number, first line, FN).
    Photos, logos, sounds and keys are dropped before parsing (never used, and a broken
    one must not stop the import); vCard 2.1 quoted-printable soft line breaks (``=`` at
    a line end, as Android writes long values) are joined first.
    """
    import vobject

    if "BEGIN:VCARD" not in text.upper():
        raise InputError(f"{path}: not a vCard file (no BEGIN:VCARD)")
    parsed = ParsedFile("vcard")
    for number, (start, lines) in enumerate(_split_cards(text, path), start=1):
        where = f"{path}, line {start}: card {number}{_label(lines)}"
        try:
            card = vobject.readOne("\r\n".join(_prepared(lines)) + "\r\n")
        except vobject.base.VObjectError as exc:
            line = _line_of(lines, str(exc.msg))
            at = f"{path}, line {start + line - 1}: card {number}{_label(lines)}" if line else where
            raise InputError(f"{at} is not a valid vCard ({_one_line(exc.msg)})") from None
        except Exception as exc:  # noqa: BLE001 — any parser failure is a malformed card to the user
            raise InputError(f"{where} is not a valid vCard ({_one_line(exc)})") from None
        parsed.rows += 1
        try:
            person = _person(card, number)
        except Exception as exc:  # noqa: BLE001 — a value vobject could not decode
            raise InputError(f"{where} cannot be read ({_one_line(exc)})") from None
        if person is None:
            parsed.skip(NO_NAME)
        else:
            parsed.people.append(person)
    return parsed


def _split_cards(text: str, path: str | os.PathLike[str]) -> list[tuple[int, list[str]]]:
    """(first line number, lines) of every BEGIN:VCARD … END:VCARD block."""
    cards: list[tuple[int, list[str]]] = []
    current: tuple[int, list[str]] | None = None
    for n, line in enumerate(text.splitlines(), start=1):
        key = line.rstrip().upper()  # (an indented line continues the one before it)
        if key == "BEGIN:VCARD":
            if current is not None:
                raise InputError(
                    f"{path}, line {current[0]}: card {len(cards) + 1}{_label(current[1])} "
                    f"has no END:VCARD before the next BEGIN:VCARD (line {n})"
                )
            current = (n, [line])
        elif current is not None:
            current[1].append(line)
            if key == "END:VCARD":
                cards.append(current)
                current = None
        elif line.strip():
            raise InputError(
                f"{path}, line {n}: {_one_line(line)[:40]!r} is outside any "
                "BEGIN:VCARD … END:VCARD card"
            )
    if current is not None:
        raise InputError(
            f"{path}, line {current[0]}: card {len(cards) + 1}{_label(current[1])} has no END:VCARD"
        )
    return cards


def _label(lines: list[str]) -> str:
    """`` ('Ana Ruiz')``: the card's FN as written, for error messages ('' if none)."""
    for line in lines:
        m = _FN.match(line)
        if m and clean(m.group(1)):
            return f" ({clean(m.group(1))[:60]!r})"
    return ""


def _prepared(lines: list[str]) -> list[str]:
    """The card's lines with quoted-printable soft breaks joined and binary properties dropped."""
    out: list[str] = []
    binary = False
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if binary and (line[:1] in (" ", "\t") or _BASE64_LINE.match(line)):
            continue  # a folded or vCard 2.1 unindented line of a dropped photo
        binary = bool(_BINARY.match(line))
        if binary:
            continue
        head = line.split(":", 1)[0].upper()
        if "QUOTED-PRINTABLE" in head and ":" in line:
            while line.endswith("=") and i < len(lines):
                line = line[:-1] + lines[i].lstrip(" \t")
                i += 1
        out.append(line)
    if any(ln.strip().upper() == "VERSION:2.1" for ln in out):
        out = [_from_21(ln) for ln in out]
    return out


def _from_21(line: str) -> str:
    """A vCard 2.1 line as 3.0 writes it: quoted-printable decoded, commas and backslashes
    escaped (2.1 leaves them bare, and vobject would cut ``NOTE:a, b`` at the comma)."""
    if ":" not in line or line[:1] in (" ", "\t"):
        return line
    head, value = line.split(":", 1)
    params = head.split(";")
    name = params[0].split(".")[-1].upper()
    if name in ("BEGIN", "END", "VERSION", "CATEGORIES"):
        return line
    rest = [p for p in params[1:] if p.upper() not in _QP_PARAMS]
    if len(rest) != len(params) - 1:
        charset = next(
            (p.split("=", 1)[1] for p in rest if p.upper().startswith("CHARSET=")), "utf-8"
        )
        raw = quopri.decodestring(value.encode("ascii", "replace"))
        try:
            value = raw.decode(charset)
        except (LookupError, UnicodeDecodeError):
            value = raw.decode("latin-1")
        rest = [p for p in rest if not p.upper().startswith("CHARSET=")]
    value = re.sub(r"\\(?!;)", r"\\\\", value).replace(",", "\\,")
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return ";".join([params[0], *rest]) + ":" + value


def _line_of(lines: list[str], message: str) -> int | None:
    """The line (1 = the card's first) a "Failed to parse line: X" message means."""
    prefix = "Failed to parse line: "
    if not message.startswith(prefix):
        return None
    bad = message[len(prefix) :][:60]
    return next((n for n, line in enumerate(lines, start=1) if bad and bad in line), None)


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
    types += [str(t).casefold() for t in getattr(line, "singletonparams", ())]  # 2.1: TEL;PREF
    return "pref" in types or bool(line.params.get("PREF"))


def _values(card: Any, name: str) -> list[str]:
    """Every value of a property, preferred ones first, de-duplicated."""
    lines = sorted(_lines(card, name), key=lambda ln: not _is_pref(ln))
    out: list[str] = []
    for ln in lines:
        # Apple escapes the colon of a URL (``https\\://``), which vobject leaves as it is.
        v = clean(_text(ln.value)).replace("\\:", ":")
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
