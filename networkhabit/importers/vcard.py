"""vCard files (2.1, 3.0 and 4.0) through vobject.

FN (or N), ORG, TITLE, EMAIL, TEL, URL, NOTE, CATEGORIES (tags), BDAY with or
without a year (``--0302``, ``--03-02``, Apple's ``X-APPLE-OMIT-YEAR=1604``), UID
(kept as the contact's ``external_id``) and RELATED (``urn:uuid:X`` → a link to the
card whose UID is X, in the same file or already in the store). N is kept as the
contact's ``name_parts``, so ``export vcard`` writes the name back split as it came.

What real exports write is handled: Apple's escaped URL colons (``https\\://``) and
CR CR LF line ends, Android's vCard 2.1 quoted-printable values and bare commas, a
declared ``CHARSET=`` (``SHIFT_JIS``) on a file that is not UTF-8, Lotus Notes'
``PROFILE:VCard``, inline photos (dropped unread, even broken ones). A card with no
name but a company, e-mail or phone is named after the first of them. A stray line
is left out and a broken card skipped, each reported with its line; the rest of the
file is imported.
"""

from __future__ import annotations

import codecs
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
    decode_text,
    fallback_name,
    import_birthday,
    other_kind,
    read_bytes,
)

NO_NAME = "no name"
BAD_LINE = "line left out"
BAD_CARD = "broken card"
_FN = re.compile(r"^(?:[\w-]+\.)?FN(?:;[^:]*)?:(.*)$", re.IGNORECASE)
#: Properties holding binary data (inline base64), dropped unread.
_BINARY = re.compile(r"^(?:[\w-]+\.)?(?:PHOTO|LOGO|SOUND|KEY)[;:]", re.IGNORECASE)
_BASE64_LINE = re.compile(r"^[A-Za-z0-9+/=]+$")
_QP_PARAMS = {"ENCODING=QUOTED-PRINTABLE", "QUOTED-PRINTABLE"}
#: A content line: ``[group.]NAME[;params]:value`` (a quoted parameter may hold a colon).
_PROPERTY = re.compile(r'^(?:[A-Za-z0-9-]+\.)?[A-Za-z0-9-]+(?:;(?:"[^"]*"|[^:"])*)?:')
#: Properties that say nothing about the person and that vobject refuses inside a card
#: (Lotus Notes writes ``PROFILE:VCard``).
_DROPPED = re.compile(r"^(?:PROFILE|NAME|SOURCE)[;:]", re.IGNORECASE)
_CHARSET = re.compile(rb";CHARSET=([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def parse_text(text: str, path: str | os.PathLike[str]) -> ParsedFile:
    """The people in a vCard file's text.

    Cards are read one at a time, so a problem names the card (line, number, FN) and
    skips only that card. Photos, logos, sounds and keys are dropped before parsing
    (never used, and a broken one must not stop the import); vCard 2.1 quoted-printable
    soft line breaks (``=`` at a line end, as Android writes long values) are joined first.
    """
    import vobject

    if "BEGIN:VCARD" not in text.upper():
        hint = other_kind(text)
        if not hint and text.lstrip("\ufeff \t\r\n").split("\n", 1)[0].count(",") >= 2:
            hint = " — it looks like a CSV: import it with 'networkhabit import csv'"
        raise InputError(f"{path}: not a vCard file (no BEGIN:VCARD){hint}")
    parsed = ParsedFile("vcard")
    for number, start, lines in _split_cards(text, parsed):
        what = f"card {number}{_label(lines)}"
        try:
            card = vobject.readOne("\r\n".join(_prepared(lines, start, parsed, what)) + "\r\n")
        except vobject.base.VObjectError as exc:
            line = _line_of(lines, str(exc.msg))
            parsed.rows += 1
            parsed.skip(
                BAD_CARD,
                start + line - 1 if line else start,
                f"{what} is not a valid vCard ({_one_line(exc.msg)[:80]})",
            )
            continue
        except Exception as exc:  # noqa: BLE001 — any parser failure is a malformed card to the user
            parsed.rows += 1
            parsed.skip(BAD_CARD, start, f"{what} is not a valid vCard ({_one_line(exc)[:80]})")
            continue
        parsed.rows += 1
        try:
            person = _person(card, start)
        except Exception as exc:  # noqa: BLE001 — a value vobject could not decode
            parsed.skip(BAD_CARD, start, f"{what} cannot be read ({_one_line(exc)[:80]})")
            continue
        if person is None:
            parsed.skip(NO_NAME, start)
        else:
            parsed.people.append(person)
    return parsed


def _split_cards(text: str, parsed: ParsedFile) -> list[tuple[int, int, list[str]]]:
    """(card number, first line number, lines) of every BEGIN:VCARD … END:VCARD block; a line
    outside any card and a card without its END:VCARD are skipped and reported in ``parsed``."""
    cards: list[tuple[int, int, list[str]]] = []
    current: tuple[int, list[str]] | None = None
    number = 0
    for n, line in enumerate(text.splitlines(), start=1):
        key = line.rstrip().upper()  # (an indented line continues the one before it)
        if key == "BEGIN:VCARD":
            if current is not None:
                parsed.rows += 1
                parsed.skip(
                    BAD_CARD,
                    current[0],
                    f"card {number}{_label(current[1])} has no END:VCARD before the next "
                    f"BEGIN:VCARD (line {n})",
                )
            number += 1
            current = (n, [line])
        elif current is not None:
            current[1].append(line)
            if key == "END:VCARD":
                cards.append((number, *current))
                current = None
        elif line.strip():
            parsed.skip(
                BAD_LINE, n, f"{_one_line(line)[:40]!r} is outside any BEGIN:VCARD … END:VCARD"
            )
    if current is not None:
        parsed.rows += 1
        parsed.skip(BAD_CARD, current[0], f"card {number}{_label(current[1])} has no END:VCARD")
    return cards


def _label(lines: list[str]) -> str:
    """`` ('Ana Ruiz')``: the card's FN as written, for error messages ('' if none)."""
    for line in lines:
        m = _FN.match(line)
        if m and clean(m.group(1)):
            return f" ({clean(m.group(1))[:60]!r})"
    return ""


def _prepared(lines: list[str], start: int, parsed: ParsedFile, what: str) -> list[str]:
    """The card's lines with quoted-printable soft breaks joined and binary properties, blank
    lines and lines that are no vCard property dropped (each of those reported)."""
    out: list[str] = []
    binary = False
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if binary and (line[:1] in (" ", "\t") or _BASE64_LINE.match(line)):
            continue  # a folded or vCard 2.1 unindented line of a dropped photo
        binary = bool(_BINARY.match(line))
        if binary or not line.strip() or _DROPPED.match(line):
            continue
        if line[:1] in (" ", "\t"):
            if out:
                out.append(line)
            continue
        if not _PROPERTY.match(line):
            parsed.skip(
                BAD_LINE,
                start + i - 1,
                f"{_one_line(line)[:40]!r} in {what} is not a vCard property",
            )
            continue
        head = line.split(":", 1)[0].upper()
        if "QUOTED-PRINTABLE" in head:
            # A soft break (``=`` at the line end) joins the next line as it is: its leading
            # space is text ("come=" + " to" is "come to").
            while line.endswith("=") and i < len(lines):
                line = line[:-1] + lines[i]
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
    """A message on one line, without vobject's "At line N:" (a line of the card it was
    given, not of the file)."""
    text = re.sub(r"^At line \d+: ", "", " ".join(str(exc).split()))
    return text or type(exc).__name__


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


def _person(card: Any, line: int) -> Incoming | None:
    """The person a card describes (``line``: where it starts); None if it says nothing."""
    org = ""
    for ln in _lines(card, "org"):
        value = ln.value
        org = clean(value[0] if isinstance(value, (list, tuple)) and value else _text(value))
        if org:
            break
    emails, phones = _values(card, "email"), _values(card, "tel")
    name, named_from = _name(card), ""
    if not name:
        name, named_from = fallback_name(org, emails, phones)
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
        row=line,
        company=org,
        title=_first(card, "title"),
        emails=tuple(emails),
        phones=tuple(phones),
        url=url,
        tags=tuple(tags),
        notes=notes,
        birthday=birthday,
        external_id=_first(card, "uid"),
        related=tuple(related),
        name_parts=_name_parts(card),
        named_from=named_from,
    )


def _name_parts(card: Any) -> tuple[str, ...]:
    """N as (family, given, additional, prefix, suffix); () when the card has none."""
    for ln in _lines(card, "n"):
        n = ln.value
        if hasattr(n, "given"):
            parts = tuple(
                clean(_text(getattr(n, k)).replace("\\,", ","))
                for k in ("family", "given", "additional", "prefix", "suffix")
            )
            if any(parts):
                return parts
    return ()


def decode(raw: bytes, path: str | os.PathLike[str]) -> str:
    """A vCard file's text: UTF-8 (or UTF-16 with a BOM) as every file, else, when its cards
    declare ``CHARSET=`` (vCard 2.1 phones: ``SHIFT_JIS``, ``ISO-8859-1``), each line in the
    charset it declares (lines declaring none in the one most cards declare). CR CR LF line
    ends (iPhone exports) are read as one line end."""
    try:
        text = decode_text(raw, path, what="a vCard file")
    except InputError:
        declared = [m.group(1).decode("ascii") for m in _CHARSET.finditer(raw)]
        usable = [c for c in declared if _known_codec(c)]
        if not usable:
            raise
        fallback = max(set(usable), key=usable.count)
        text = "".join(_decode_line(line, fallback) for line in raw.splitlines(keepends=True))
    return text.replace("\r\r\n", "\r\n")


def _known_codec(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def _decode_line(line: bytes, fallback: str) -> str:
    """One line of a file that is not UTF-8: in the charset it declares, else UTF-8, else the
    file's usual one; the CHARSET parameter is dropped once the value is text."""
    m = _CHARSET.search(line.split(b":", 1)[0])
    if m is not None and b"QUOTED-PRINTABLE" not in line.split(b":", 1)[0].upper():
        charset = m.group(1).decode("ascii")
        if _known_codec(charset):
            head, _, value = line.partition(b":")
            head = head[: m.start()] + head[m.end() :]
            return head.decode("ascii", "replace") + ":" + value.decode(charset, "replace")
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode(fallback, "replace")


def parse(path: str | os.PathLike[str]) -> ParsedFile:
    """Read a vCard file."""
    return parse_text(decode(read_bytes(path), path), path)
