"""Record-level changes to one table of the store file, made on its bytes without parsing it.

The file is laid out as :func:`networkhabit.store.storage.dump_bytes` writes it (sorted keys,
two-space indentation). Inside a table's value (``{`` … ``\\n  }``) every record starts a line
with exactly four spaces and a quote — its key — and each of its fields a line with six:
JSON strings hold no raw newline, and deeper values are indented further. So a record, its key
and its ``uid`` field can be found with a few byte searches, and a record can be replaced,
removed or inserted in its sorted place by splicing, the other records' bytes copied as they
are. The result is byte for byte what dumping the changed table whole would give.

Nothing here trusts the bytes blindly: every record found is parsed (it must be an object with
that uid), a key is inserted only where no record has it, and anything out of the ordinary
(an empty table, a key with an escape, a record removed and another inserted in one table)
answers None — the caller then parses the table and changes it the ordinary way.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

import orjson

from networkhabit.domain.records import record

#: Where a record's line starts: a newline, four spaces, the quote of its key.
KEY_LINE = b'\n    "'
#: How a table's value ends (after its last record).
TABLE_END = b"\n  }"
_UID = b'\n      "uid": '
_DOC = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS

Span = tuple[int, int]


@record
class Found:
    """One record in the file: its key, where its line starts, where its value lies, the
    document it holds."""

    key: str
    line: int
    start: int
    end: int
    doc: dict[str, Any]


def _key_at(raw: bytes, line: int, end: int) -> tuple[str, int] | None:
    """The key of the record line at ``line`` and where its value starts."""
    first = line + len(KEY_LINE)
    quote = raw.find(b'"', first, end)
    if quote < 0 or raw[quote + 1 : quote + 3] != b": ":
        return None
    key = raw[first:quote]
    if b"\\" in key:
        return None
    try:
        return key.decode(), quote + 3
    except UnicodeDecodeError:
        return None


def record_at(raw: bytes, span: Span, line: int) -> Found | None:
    """The record whose line starts at ``line`` (inside the table ``span``), parsed."""
    end = span[1]
    got = _key_at(raw, line, end)
    if got is None:
        return None
    key, value = got
    after = raw.find(KEY_LINE, value, end)
    if after >= 0:
        stop = after - 1
        if raw[stop : stop + 1] != b",":
            return None
    else:
        stop = end - len(TABLE_END)
        if raw[stop:end] != TABLE_END:
            return None
    try:
        doc = orjson.loads(memoryview(raw)[value:stop])
    except orjson.JSONDecodeError:
        return None
    if not isinstance(doc, dict):
        return None
    return Found(key, line, value, stop, doc)


def find_uid(raw: bytes, span: Span, uid: str) -> Found | None:
    """The record of the table ``span`` whose ``uid`` field is ``uid`` (None if none is)."""
    start, end = span
    needle = _UID + orjson.dumps(uid)
    at = raw.find(needle, start, end)
    while at >= 0:
        if raw[at + len(needle) : at + len(needle) + 1] in (b",", b"\n"):
            line = raw.rfind(KEY_LINE, start, at)
            if line >= 0:
                found = record_at(raw, span, line)
                inside = found is not None and found.start < at < found.end
                if inside and found is not None and found.doc.get("uid") == uid:
                    return found
        at = raw.find(needle, at + 1, end)
    return None


def _search(
    raw: bytes,
    span: Span,
    want: bytes,
    strict: bool,
    bounds: tuple[int, int] | None = None,
    probes: list[tuple[bytes, int]] | None = None,
) -> int | None:
    """The start of the first record line of the table ``span`` whose key is greater than
    ``want`` (``strict``) or not less than it, by bisection over the sorted keys; the table's
    end if there is none; None if a key cannot be read. ``bounds``: (lo, hi) known to keep
    the invariant below (the whole table if not given); ``probes``: gets each key line read
    on the way, as (key, where its line starts)."""
    end = span[1]
    lo, hi = bounds if bounds is not None else span
    # Invariant: every line starting before ``lo`` has a key below the one sought; the first
    # line starting at or after ``hi`` (if any) has one not below it.
    while lo < hi:
        mid = (lo + hi) // 2
        line = raw.find(KEY_LINE, mid, min(hi + len(KEY_LINE) - 1, end))  # a line from mid to hi
        if line < 0 or line >= hi:
            hi = mid
            continue
        got = _key_at(raw, line, end)
        if got is None:
            return None
        key = got[0].encode()
        if probes is not None:
            probes.append((key, line))
        if key > want or (not strict and key == want):
            hi = mid  # (the first line from mid on is this one)
        else:
            lo = line + 1  # (every line before it has a key below its own: they are sorted)
    line = raw.find(KEY_LINE, lo, end)
    if line >= 0:
        got = _key_at(raw, line, end)
        if got is None:
            return None
        key = got[0].encode()
        if key > want or (not strict and key == want):
            return line
    return end - len(TABLE_END)


class Places:
    """The key searches of one table's bytes, each key bisected once: a write that adds a
    record asks about its key three times (is it free, is it there to replace, where does it
    go) and the bytes do not change in between. :func:`locate`, :func:`has_key` and
    :func:`insertion_point` on that table, with the same answers."""

    def __init__(self, raw: bytes, span: Span) -> None:
        self.raw = raw
        self.span = span
        #: key → (the first line with a key not below it, or None if a key cannot be read;
        #: whether that line holds this very key).
        self._seen: dict[str, tuple[int | None, bool]] = {}
        #: Every key line the searches have read, in the file's order: (key, line start).
        #: The keys are sorted, so those around a key sought bound its bisection.
        self._read: list[tuple[bytes, int]] = []

    def _bounds(self, want: bytes) -> tuple[int, int]:
        """Where the bisection for ``want`` may start: after the last line read with a key
        below it, up to the first line read with a key not below it."""
        read = self._read
        lo, hi = self.span
        at = bisect_left(read, (want,))
        if at and read[at - 1][0] < want:
            lo = read[at - 1][1] + 1
        if at < len(read) and read[at][0] >= want:
            hi = read[at][1]
        return (lo, hi) if lo <= hi else self.span

    def _first(self, key: str) -> tuple[int | None, bool]:
        got = self._seen.get(key)
        if got is None:
            raw, span = self.raw, self.span
            want = key.encode()
            probes: list[tuple[bytes, int]] = []
            line = _search(raw, span, want, False, self._bounds(want), probes)
            if probes:
                self._read = sorted({*self._read, *probes})
            same = False
            if line is not None and raw.startswith(KEY_LINE, line):
                at = _key_at(raw, line, span[1])
                same = at is not None and at[0] == key
            got = self._seen[key] = (line, same)
        return got

    def locate(self, key: str) -> int | None:
        """:func:`locate` of ``key``."""
        line, same = self._first(key)
        if line is None:
            return None
        return line if same else -1

    def has_key(self, key: str) -> bool:
        """:func:`has_key` of ``key``."""
        line, same = self._first(key)
        if line is None:  # a key that cannot be read: the plain search, right in any order
            needle = KEY_LINE + key.encode() + b'": '
            return self.raw.find(needle, self.span[0], self.span[1]) >= 0
        return same

    def insertion_point(self, key: str) -> int | None:
        """:func:`insertion_point` of ``key``: for a key the table does not hold, the first
        line with a key not below it is the first with a greater one."""
        line, same = self._first(key)
        if line is None or same:
            return insertion_point(self.raw, self.span, key)
        return line


def locate(raw: bytes, span: Span, key: str) -> int | None:
    """Where the record line with ``key`` starts in the table ``span`` (bisection: the file's
    keys are sorted, as networkhabit writes them); -1 if there is none; None if a key cannot
    be read."""
    line = _search(raw, span, key.encode(), strict=False)
    if line is None:
        return None
    got = _key_at(raw, line, span[1]) if raw.startswith(KEY_LINE, line) else None
    return line if got is not None and got[0] == key else -1


def has_key(raw: bytes, span: Span, key: str) -> bool:
    """Whether a record of the table ``span`` has the key ``key``."""
    line = locate(raw, span, key)
    if line is None:  # a key that cannot be read: the plain search, right in any order
        return raw.find(KEY_LINE + key.encode() + b'": ', span[0], span[1]) >= 0
    return line >= 0


#: How many bytes one count looks at before the interpreter may switch threads. A search
#: runs with the GIL held: counting the heavy store's 6 MB of check-ins in one go held the
#: app's UI thread for 8-40 ms in every write of a check-in (the longest stall of a key).
COUNT_CHUNK = 1 << 18


def count(raw: bytes, span: Span) -> int:
    """How many records the table ``span`` holds (counted a piece of
    :data:`COUNT_CHUNK` bytes at a time, each key line in the piece where it starts)."""
    start, end = span
    reach = len(KEY_LINE) - 1
    return sum(
        raw.count(KEY_LINE, at, min(at + COUNT_CHUNK + reach, end))
        for at in range(start, end, COUNT_CHUNK)
    )


def insertion_point(raw: bytes, span: Span, key: str) -> int | None:
    """Where a record with ``key`` goes in the table ``span`` (its keys in sorted order): the
    start of the first record line with a greater key, or the table's end; None if a key
    cannot be read."""
    return _search(raw, span, key.encode(), strict=True)


def render_doc(doc: dict[str, Any]) -> bytes:
    """A record's value as it stands in the file (indented for its place in a table)."""
    try:
        text = orjson.dumps(doc, option=_DOC)
    except TypeError:  # an integer beyond 64 bits: the standard library, same layout
        import json

        text = json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False).encode()
    return text.replace(b"\n", b"\n    ")


def render_line(key: str, doc: dict[str, Any]) -> bytes:
    """A record's line in the file: its key and value."""
    return b"\n    " + orjson.dumps(key) + b": " + render_doc(doc)


def splice_table(
    raw: bytes,
    span: Span,
    changed: dict[str, tuple[Found, dict[str, Any] | None]],
    inserted: dict[str, dict[str, Any]],
    places: Places | None = None,
) -> list[bytes | memoryview] | None:
    """The table ``span``'s new value: the records ``changed`` (key → (where it is, its new
    document, None to remove it)) and the records ``inserted`` (key → document; keys not in the
    table) spliced in, everything else copied. None when it cannot be done this way (an empty
    table, removals and insertions in one table, a key that cannot be read). ``places``: the
    searches of this table's keys made so far (see :class:`Places`)."""
    start, end = span
    if raw[end - len(TABLE_END) : end] != TABLE_END or raw[start : start + 1] != b"{":
        return None  # an empty table ({}) or another layout
    removing = any(doc is None for _, doc in changed.values())
    if removing and inserted:
        return None
    edits: list[tuple[int, int, bytes]] = []
    for found, doc in changed.values():
        if doc is not None:
            edits.append((found.start, found.end, render_doc(doc)))
        elif raw[found.end : found.end + 1] == b",":
            edits.append((found.line, found.end + 1, b""))
        elif raw[found.line - 1 : found.line] == b",":
            edits.append((found.line - 1, found.end, b""))
        else:
            return None  # the table's only record: it would be left empty
    points: dict[int, list[str]] = {}
    for key in sorted(inserted, key=str.encode):
        at = insertion_point(raw, span, key) if places is None else places.insertion_point(key)
        if at is None:
            return None
        points.setdefault(at, []).append(key)
    tail = end - len(TABLE_END)
    for at, keys in points.items():
        lines = [render_line(k, inserted[k]) for k in keys]
        text = b"," + b",".join(lines) if at == tail else b",".join(lines) + b","
        edits.append((at, at, text))
    edits.sort(key=lambda e: (e[0], e[1]))
    out: list[bytes | memoryview] = []
    view = memoryview(raw)
    pos = start
    for a, b, text in edits:
        if a < pos:
            return None  # overlapping edits: not a case this handles
        out.append(view[pos:a])
        out.append(text)
        pos = b
    out.append(view[pos:end])
    return out
