"""Read the headers of a mailbox — an mbox file (e.g. Google Takeout's) or a Maildir folder —
into plain messages: who wrote, to whom, when, about what.

Python's :mod:`mailbox` and :mod:`email` do the parsing; only the header block of each
message is parsed, and bodies are never kept. Nothing here touches the store:
:mod:`networkhabit.actions.capture` decides what becomes a touch.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, tzinfo
from email.header import decode_header, make_header
from email.message import Message
from email.parser import BytesHeaderParser
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path
from typing import Any

from networkhabit.domain.errors import InputError
from networkhabit.importers.calendar import shorten


@dataclass(frozen=True, slots=True)
class Address:
    """A name and an address (lower-case)."""

    email: str
    name: str = ""


@dataclass(frozen=True, slots=True)
class Mail:
    """One message's headers."""

    #: The Message-ID (or, for a message without one, a digest of its headers).
    key: str
    sender: Address | None
    recipients: tuple[Address, ...]
    day: date
    subject: str
    #: It answers another message (In-Reply-To or References).
    reply: bool


def read(path: str | Path, local: tzinfo | None = None) -> list[Mail]:
    """Every dated message in the mbox file or Maildir folder at ``path``, dated in ``local``
    (default: the system's local zone). :class:`InputError` if it is neither."""
    p = Path(path)
    try:
        return _read(p, local)
    except OSError as exc:
        raise InputError(f"{shorten(path)}: cannot read ({exc.strerror or exc})") from None


def _read(p: Path, local: tzinfo | None) -> list[Mail]:
    import mailbox

    path = str(p)
    if p.is_dir():
        if not (p / "cur").is_dir() and not (p / "new").is_dir():
            raise InputError(f"{path}: not a Maildir folder (no cur/ or new/ in it)")
        box: mailbox.Mailbox = mailbox.Maildir(p, factory=None, create=False)
    elif p.is_file():
        with p.open("rb") as fh:
            head = fh.read(5)
        if head and head != b"From ":
            raise InputError(f"{path}: not an mbox file (it should start with 'From ')")
        box = mailbox.mbox(p, factory=None, create=False)
    else:
        raise InputError(f"{path}: no such file or folder")
    parser = BytesHeaderParser()
    out: list[Mail] = []
    try:
        for raw in _raw_messages(box):
            mail = _mail(parser.parsebytes(raw), local)
            if mail is not None:
                out.append(mail)
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    finally:
        box.close()
    return out


#: A header block longer than this is cut there (a broken message, not a real header).
MAX_HEADER_BYTES = 256 * 1024


def _raw_messages(box: object) -> Iterator[bytes]:
    """Each message's header block, read line by line up to the blank line that ends it:
    the body (and its attachments) is never read, let alone kept."""
    import mailbox

    assert isinstance(box, mailbox.Mailbox)
    for key in box.iterkeys():
        fh = box.get_file(key)
        try:
            yield _header_block(fh)
        finally:
            fh.close()


def _header_block(fh: Any) -> bytes:
    """The lines up to the blank one that ends the headers (``fh``: a mailbox's file)."""
    lines: list[bytes] = []
    size = 0
    for line in iter(fh.readline, b""):
        if line in (b"\n", b"\r\n") or size > MAX_HEADER_BYTES:
            break
        lines.append(line)
        size += len(line)
    return b"".join(lines) + b"\n"


def _text(value: object) -> str:
    """A header as readable text (RFC 2047 encoded words decoded)."""
    if value is None:
        return ""
    try:
        return " ".join(str(make_header(decode_header(str(value)))).split())
    except (ValueError, LookupError, UnicodeError):
        return " ".join(str(value).split())


def _addresses(msg: Message, *names: str) -> tuple[Address, ...]:
    values = [str(v) for n in names for v in msg.get_all(n) or ()]
    found: list[Address] = []
    seen: set[str] = set()
    for name, email in getaddresses(values):
        email = email.strip().lower()
        if "@" not in email or email in seen:
            continue
        seen.add(email)
        found.append(Address(email, _text(name).strip('"')))
    return tuple(found)


def _mail(msg: Message, local: tzinfo | None) -> Mail | None:
    when = msg.get("Date")
    if when is None:
        return None
    try:
        stamp = parsedate_to_datetime(str(when))
    except (TypeError, ValueError, IndexError):
        return None
    if stamp.tzinfo is None:
        day = stamp.date()
    else:
        day = (stamp.astimezone(local) if local is not None else stamp.astimezone()).date()
    senders = _addresses(msg, "From")
    subject = _text(msg.get("Subject"))
    message_id = str(msg.get("Message-ID") or "").strip()
    if message_id:
        key = "mid:" + message_id.strip("<>").strip()
    else:
        digest = hashlib.sha256(
            "\n".join((str(when), str(msg.get("From") or ""), subject)).encode()
        ).hexdigest()[:24]
        key = "mail:" + digest
    return Mail(
        key=key,
        sender=senders[0] if senders else None,
        recipients=_addresses(msg, "To", "Cc", "Bcc"),
        day=day,
        subject=subject,
        reply=bool(msg.get("In-Reply-To") or msg.get("References")),
    )
