"""The one JSON file: atomic writes under an exclusive lock, never a half-written file.

:class:`StoreFile` owns the file. Reads parse it (cached by the file's identity,
so an unchanged file is parsed once); writes happen only inside
:meth:`StoreFile.transaction`, which takes an exclusive ``flock`` on a sidecar
``.lock`` file, reads the file as it is on disk *now* (so another process's
writes are never lost), lets the caller change it, and then writes a temp file
in the same folder, fsyncs it and ``os.replace``-s it over the store.

A write changes only what it changes: inside a transaction the file is a :class:`Tables`,
each table parsed from its own stretch of the bytes when first asked for, records of the
others found and changed on the bytes (:mod:`.splice`); the new file is the tables it
changed serialised again and every other table's bytes copied — byte for byte what dumping
the whole data would give. That holds for a file networkhabit wrote itself (known by its
identity or its content, remembered in the cache); any other is parsed whole, checked, and
written whole.

Invariant: a temp file (``.nh-tmp-<store name>.*``, in the store's folder or its
``backups/`` folder) exists only while its writer holds the lock. So whoever holds the lock
may delete every such file it finds: they were left by a writer that died.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
import sys
import time
import zlib
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from networkhabit.domain.records import record
from networkhabit.store import cache

if TYPE_CHECKING:
    from networkhabit.store.splice import Places

Data = dict[str, dict[str, Any]]
#: One change to a record: its key in the table, the document before and after (None: absent).
Change = tuple[str, Any, Any]

#: Bumped whenever the shape of the file changes; migrations.py moves old files forward.
SCHEMA_VERSION = 1
TEMP_PREFIX = ".nh-tmp-"
LOCK_TIMEOUT_S = 15.0
#: The folder beside the store that holds its backups.
BACKUP_DIR = "backups"


class StoreError(Exception):
    """The store cannot be used as it is; the message is one line for the user."""


#: How many writes this process has made to any store (the CLI asks whether a command saved
#: a change before it reports that printing its output failed).
_writes_made = 0


def writes_made() -> int:
    """How many store writes this process has completed."""
    return _writes_made


def restore_hint(path: Path) -> str:
    """How to get a good file back."""
    return (
        f"restore a backup with: networkhabit --db '{path}' doctor --restore FILE "
        f"(see: networkhabit --db '{path}' doctor)"
    )


def write_error(exc: OSError) -> str:
    """An OSError in plain words ("disk full", "Permission denied")."""
    if exc.errno == errno.ENOSPC:
        return "disk full"
    if exc.errno in (errno.EROFS,):
        return "read-only file system"
    return exc.strerror or str(exc)


def warn_on_stderr(message: str) -> None:
    """The default way the store tells the user something that is not an error."""
    try:
        sys.stderr.write(f"networkhabit: warning: {message}\n")
        sys.stderr.flush()
    except (OSError, ValueError):  # stderr closed (e.g. `| head`): a warning is not worth a crash
        pass


#: A file's identity: device, inode, size, mtime and ctime (ns). Every write replaces the
#: file with a new inode (created while the old one still exists), so a changed file
#: never keeps its signature.
Signature = tuple[int, int, int, int, int]


def _signature(st: os.stat_result) -> Signature:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def bytes_if(path: Path, sig: Signature) -> bytes | None:
    """The bytes of the file ``path`` if it is still the one of identity ``sig``; else None."""
    try:
        with open(path, "rb") as fh:
            if _signature(os.fstat(fh.fileno())) == sig:
                return fh.read()
    except OSError:
        pass
    return None


#: The key under which older versions kept derived data inside the file. The index now lives
#: in the user cache folder (see :mod:`networkhabit.store.cache`); a file that still holds
#: one has it taken out on every read, and so left out by its next write.
INDEX_KEY = "~index"
#: The table the index sums up, and the tables in the order the file holds them.
INDEXED_TABLE = "interactions"
KNOWN_TABLES = (
    "breaks",
    "checkins",
    "contacts",
    "habits",
    "interactions",
    "links",
    "meta",
    "tombstones",
)


def parse_bytes(raw: bytes, path: Path) -> Data:
    """The store's tables from the file's bytes (an old index inside the file left out);
    :class:`StoreError` if they are not a store."""
    if not raw or raw.isspace():  # (no .strip(): that would copy a large file)
        return {}
    try:
        data = loads_file(raw)
    except orjson.JSONDecodeError as exc:
        raise StoreError(
            f"{path}: not valid JSON ({exc}); the file was left untouched; {restore_hint(path)}"
        ) from None
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise StoreError(
            f"{path}: not a networkhabit store (expected an object of tables); "
            f"the file was left untouched; {restore_hint(path)}"
        )
    data.pop(INDEX_KEY, None)  # an older version's index inside the file: never trusted
    return data


def parse_file(raw: bytes, path: Path) -> tuple[Data, dict[str, Any] | None]:
    """:func:`parse_bytes` and, if the cache holds one for this file that still matches its
    touches byte for byte, the derived index."""
    data = parse_bytes(raw, path)
    if not data:
        return data, None
    span = _sections(raw).get(INDEXED_TABLE)
    index = cache.read_index(path, _checksum(raw, span)) if span is not None else None
    return data, index


_DUMP = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE

#: Digits as b"0", every other byte as b"." (to find long runs of digits with one C search).
_DIGITS = bytes(0x30 if 0x30 <= b <= 0x39 else 0x2E for b in range(256))
_RUN = b"0" * 19  # 19 digits: the shortest integer that may not fit 64 bits


#: The bytes of the ten digits.
_DIGIT_BYTES = frozenset(b"0123456789")


#: How many bytes :func:`has_huge_int` translates at a time (a millisecond or two each: one
#: translation of a 46 MB store held the interpreter 60-75 ms, and the app's loop with it).
HUGE_PART = 1 << 20


def has_huge_int(raw: bytes) -> bool:
    """Whether the JSON ``raw`` holds an integer beyond 64 bits (orjson reads those as floats,
    losing their exact value). Cheap: a translation and a few searches per part of
    :data:`HUGE_PART` bytes; a run of digits inside a string (a uid) is told apart by what
    stands before it."""
    for base in range(0, len(raw), HUGE_PART):
        # (the part, and enough after it to see a run that starts in it)
        digits = raw[base : base + HUGE_PART + len(_RUN)].translate(_DIGITS)
        at = digits.find(_RUN)
        if at == 0 and base and raw[base - 1] in _DIGIT_BYTES:
            at = digits.find(_RUN, _run_end(raw, base) - base)  # (a run the last part saw)
        while 0 <= at < HUGE_PART:
            end = _run_end(raw, base + at)
            if _huge_at(raw, base + at, end):
                return True
            at = digits.find(_RUN, end - base)
    return False


def _run_end(raw: bytes, at: int) -> int:
    """Where the run of digits at ``at`` ends."""
    end = at
    while end < len(raw) and raw[end] in _DIGIT_BYTES:
        end += 1
    return end


def _huge_at(raw: bytes, at: int, end: int) -> bool:
    """Whether the run of digits ``raw[at:end]`` (19 or more) is a JSON integer beyond 64 bits:
    not inside a string, not part of a float."""
    start = at - 1 if at and raw[at - 1] == 0x2D else at  # a minus sign
    before = raw[start - 1 : start]
    if before not in (b" ", b"[", b":", b",", b"\n", b"\t", b"\r"):
        return False
    if raw[end : end + 1] in (b".", b"e", b"E"):
        return False
    try:
        return not -(2**63) <= int(raw[start:end]) < 2**64
    except ValueError:
        return False


def exact_data(raw: bytes) -> Data:
    """The tables of ``raw`` parsed with every integer exact (the standard library's parser;
    slower, used only for a file :func:`has_huge_int` finds a huge integer in)."""
    import json

    data: Data = json.loads(raw)
    data.pop(INDEX_KEY, None)
    return data


def _dumps(data: Any, option: int) -> bytes:
    """orjson's bytes, or — for data holding an integer beyond 64 bits, which orjson cannot
    write — the standard library's in the same layout, the integer kept exact."""
    try:
        return orjson.dumps(data, option=option)
    except TypeError:
        import json

        text = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)
        return (text + "\n").encode()


def dump_bytes(data: Data) -> bytes:
    """Sorted, indented JSON so the file diffs well in git: data only (an older version's
    index inside the file is left out). Dumped a part at a time (see :data:`DUMP_PART`),
    the bytes those of one dump."""
    tables = {k: v for k, v in data.items() if k != INDEX_KEY}
    if not tables:
        return _dumps(tables, _DUMP)
    try:
        pieces: list[bytes | memoryview] = []
        for n, name in enumerate(sorted(tables)):  # (orjson's order: the keys' code points)
            pieces.append(_frame(name, n))
            pieces += _table_parts(name, tables[name])
        pieces.append(_FRAME_END)
    except TypeError:  # an integer beyond 64 bits: the standard library's, whole
        return _dumps(tables, _DUMP)
    return b"".join(pieces)


#: The most records of a table one call of orjson dumps (a few milliseconds each): a
#: whole 46 MB store in one call held the interpreter 90 ms, and the app's loop with it,
#: when a write could not splice (the file of another machine, say).
DUMP_PART = 4096
#: What ends a table's value as a dump of the table alone writes it (see :func:`_table_parts`).
_TABLE_END = b"\n  }"


def _value_of(name: str, whole: memoryview) -> memoryview:
    """The table ``name``'s value in ``whole``, a dump of that table alone (``{name: …}``)."""
    return whole[len(_frame(name, 0)) : -len(_FRAME_END)]


def _table_parts(name: str, table: Any) -> list[bytes | memoryview]:
    """The table ``name``'s value as :func:`dump_bytes` writes it inside the file, in pieces
    (views, not copies) of at most :data:`DUMP_PART` records (one piece: a small table, or
    not an object). :class:`TypeError` for an integer beyond 64 bits."""

    def value(part: Any) -> memoryview:
        return _value_of(name, memoryview(orjson.dumps({name: part}, option=_DUMP)))

    if not isinstance(table, dict) or len(table) <= DUMP_PART:
        return [value(table)]
    keys = sorted(table)
    pieces: list[bytes | memoryview] = []
    for start in range(0, len(keys), DUMP_PART):
        chunk = keys[start : start + DUMP_PART]
        piece = value(dict(zip(chunk, map(table.__getitem__, chunk), strict=True)))
        # ``{`` records ``\n  }``: the first keeps its brace, the last its end, and each
        # next one follows the one before after a comma, as in one dump of the table.
        if start:
            pieces.append(b",")
            piece = piece[1:]
        if start + DUMP_PART < len(keys):
            piece = piece[: -len(_TABLE_END)]
        pieces.append(piece)
    return pieces


#: How :func:`dump_bytes` lays the file out: each table's value follows its frame
#: (:func:`_frame`: ``{`` then the first name, ``,`` then each next one, on a line of their
#: own, two spaces in), and ``_FRAME_END`` follows the last; a table's records are four
#: spaces in, each after the one before it and ``_RECORD_CUT``'s comma.
_FRAME_FIRST = b"{\n  "
_FRAME_NEXT = b",\n  "
_FRAME_END = b"\n}\n"
#: Where a file laid out so starts, where one of its tables ends and the next begins, and
#: where one record of a table ends and the next begins.
_FILE_START = _FRAME_FIRST + b'"'
_TABLE_CUT = _FRAME_NEXT + b'"'
_RECORD_CUT = b',\n    "'


def _frame(name: str, n: int) -> bytes:
    """What :func:`dump_bytes` writes before the table ``name``, the ``n``-th in the file."""
    return (_FRAME_FIRST if n == 0 else _FRAME_NEXT) + orjson.dumps(name) + b": "


def _checksum_key(crc: int, length: int) -> str:
    """The checksum (:func:`_checksum_of`) of ``length`` bytes whose crc32 is ``crc``."""
    return f"crc32:{crc:08x}:{length}"


def touches_checksum(raw: bytes) -> str | None:
    """The checksum a cached index of the file ``raw`` must carry (None: not the store's
    layout, so no index serves it)."""
    span = _sections(raw).get(INDEXED_TABLE)
    return _checksum(raw, span) if span is not None else None


def stamp_index(
    raw: bytes, index: dict[str, Any], spans: dict[str, tuple[int, int]] | None = None
) -> bool:
    """Stamp ``index`` with the checksum of the touches' bytes in ``raw`` (the file it was made
    for; ``spans``: where its tables lie, if known), so a reader can tell it still matches
    them; False if ``raw`` has no touches table in the store's layout (then the index is not
    worth caching)."""
    span = (spans or _sections(raw)).get(INDEXED_TABLE)
    if span is None:
        return False
    index["checksum"] = _checksum(raw, span)
    return True


def _checksum(raw: bytes, span: tuple[int, int]) -> str:
    """crc32 and length of a byte range (not a defence against tampering: a check that the
    index was made from exactly these bytes, which any edit of them changes)."""
    return _checksum_of([memoryview(raw)[span[0] : span[1]]])


#: A table's bytes longer than twice this are parsed in parts of about this many bytes, each
#: a run of whole records (:func:`loads_table`).
PARSE_PART = 1 << 18


def loads_table(raw: bytes, start: int = 0, end: int | None = None) -> Any:
    """``orjson.loads(raw[start:end])`` of a table's bytes — a large table in parts, each a run
    of whole records of about :data:`PARSE_PART` bytes, merged in order. orjson holds the
    interpreter for the whole of one parse (60–80 ms for the heavy store's check-ins or
    links, the app's UI thread waiting while a worker reads them); between parts others run.
    The same result, and the same error, as one parse: a cut that is not between two records
    (another layout) makes a part that does not parse, and then the table is parsed whole."""
    end = len(raw) if end is None else end
    view = memoryview(raw)
    if end - start <= 2 * PARSE_PART or raw[start : start + 1] != b"{":
        return orjson.loads(view[start:end])
    table: dict[str, Any] = {}
    pos = start + 1
    try:
        while True:
            cut = raw.find(_RECORD_CUT, pos + PARSE_PART, end)
            if cut < 0:
                part = orjson.loads(b"{" + view[pos:end])  # (its closing brace is the table's)
            else:
                part = orjson.loads(b"{" + view[pos:cut] + b"}")
            table.update(part)
            if cut < 0:
                return table
            pos = cut + 1
    except orjson.JSONDecodeError:
        return orjson.loads(view[start:end])  # (raises as one parse of the table would)


def loads_file(raw: bytes) -> Any:
    """``orjson.loads(raw)`` of a whole store file — a large one table by table, each with
    :func:`loads_table` (in parts), so that parsing 46 MB never holds the interpreter for
    the 400–500 ms of one parse. The same result, and the same error, as one parse: a cut
    between tables that is not one (another layout) fails, and then the file is parsed
    whole."""
    if len(raw) <= 2 * PARSE_PART or not raw.startswith(_FILE_START):
        return orjson.loads(raw)  # (small, or not laid out as dump_bytes lays it out)
    end = raw.rfind(b"}")
    data: dict[str, Any] = {}
    pos = 1
    try:
        while True:
            colon = raw.find(b'": ', pos)
            if colon < 0:
                raise ValueError("no table name")
            name = orjson.loads(memoryview(raw)[pos : colon + 1])
            if type(name) is not str:
                raise ValueError("a table name that is not a string")
            cut = raw.find(_TABLE_CUT, colon, end)
            data[name] = loads_table(raw, colon + 3, end if cut < 0 else cut)
            if cut < 0:
                if raw[end + 1 :].strip():  # (only whitespace after the file's last brace)
                    raise ValueError("something after the end")
                return data
            pos = cut + 1
    except ValueError:  # (orjson's JSONDecodeError too)
        return orjson.loads(raw)  # (raises as one parse of the file would)


def _checksum_of(pieces: Sequence[bytes | memoryview]) -> str:
    """:func:`_checksum` of the bytes ``pieces`` make one after the other."""
    crc = 0
    for piece in pieces:
        crc = zlib.crc32(piece, crc)
    return _checksum_key(crc, sum(len(p) for p in pieces))


#: A table at least this long has its crc32 kept (see :func:`content_crcs`); a shorter one is
#: read again, which costs less than joining its crc to the others' (crc32_combine, in Python:
#: about what reading 200 KB costs).
CRC_KEPT = 1 << 18


def content_crcs(
    pieces: Sequence[bytes | memoryview],
    spans: dict[str, tuple[int, int]],
    known: Mapping[str, int] | None = None,
) -> tuple[str, dict[str, int]]:
    """The content key (:func:`cache.content_key`) of the file the ``pieces`` make one after
    the other, and the crc32 of each of its tables of :data:`CRC_KEPT` bytes or more (their
    ``spans`` in it): a table whose crc ``known`` gives is not read (its bytes must be the ones
    that crc was taken of), the others' bytes are read once for both. Where the pieces do not
    start and end with the tables, every piece is read and no crc kept."""
    import zlib

    from networkhabit.store.cache import content_key_of, crc32_combine

    known = known or {}
    order = sorted((span[0], span[1], name) for name, span in spans.items())
    crcs: dict[str, int] = {}
    crc = pos = i = 0
    for start, end, name in order:
        while i < len(pieces) and pos + len(pieces[i]) <= start:  # what stands before it
            crc = zlib.crc32(pieces[i], crc)
            pos += len(pieces[i])
            i += 1
        if pos != start:
            return content_key_of(pieces), {}
        table: list[bytes | memoryview] = []
        while i < len(pieces) and pos < end:
            table.append(pieces[i])
            pos += len(pieces[i])
            i += 1
        if pos != end:
            return content_key_of(pieces), {}
        if end - start < CRC_KEPT:
            for piece in table:
                crc = zlib.crc32(piece, crc)
            continue
        own = known.get(name)
        if own is None:
            own = 0
            for piece in table:
                own = zlib.crc32(piece, own)
        crcs[name] = own
        crc = crc32_combine(crc, own, end - start)
    for piece in pieces[i:]:
        crc = zlib.crc32(piece, crc)
        pos += len(piece)
    return f"{crc:08x}-{pos}", crcs


def cut(raw: bytes, spans: dict[str, tuple[int, int]]) -> list[memoryview]:
    """``raw`` in pieces that start and end with its tables (``spans``), for :func:`content_crcs`."""
    view = memoryview(raw)
    pieces: list[memoryview] = []
    pos = 0
    for start, end in sorted(spans.values()):
        if start < pos:
            return [view]
        pieces += [view[pos:start], view[start:end]]
        pos = end
    pieces.append(view[pos:])
    return pieces


def _sections(raw: bytes) -> dict[str, tuple[int, int]]:
    """Where each top-level value lies in a file laid out as :func:`dump_bytes` writes it:
    ``{name: (start, end)}`` for the known tables (and an old index), found in that order; empty
    if the layout is not that one. A raw newline plus two spaces and a quote starts a
    top-level key only (JSON strings hold no raw newlines; nested keys are indented deeper)."""
    if not raw.startswith(_FILE_START):
        return {}
    found: list[tuple[str, int, int]] = []  # (name, where the key line starts, value start)
    names = (*KNOWN_TABLES, INDEX_KEY)
    # The touches are most of the file: the tables before them are found searching forward,
    # those after them backward from the end, so the touches' bytes are never searched.
    split = names.index(INDEXED_TABLE) + 1
    pos = 0
    for name in names[:split]:
        needle = b'\n  "' + name.encode() + b'": '
        at = raw.find(needle, pos)
        if at < 0:
            continue
        found.append((name, at, at + len(needle)))
        pos = at + len(needle)
    # Backward, key by key from the end (each table's bytes searched once; a table the file
    # does not hold costs nothing), until the first table after the touches.
    tail: list[tuple[str, int, int]] = []
    after = names[split:]
    left = len(after)  # the names that may still come (those before the last one found)
    stop = len(raw)
    while left:
        at = raw.rfind(b'\n  "', pos, stop)
        if at < 0:
            break
        end_key = raw.find(b'": ', at + 4, at + 68)
        name = raw[at + 4 : end_key].decode("ascii", "replace") if end_key > 0 else ""
        if name not in after[:left]:
            return {}  # a key of no table, or out of order: not the store's layout
        left = after.index(name)
        tail.append((name, at, end_key + 3))
        stop = at
    found.extend(reversed(tail))
    end = raw.rfind(b"\n}")
    spans: dict[str, tuple[int, int]] = {}
    for k, (name, _at, start) in enumerate(found):
        stop = found[k + 1][1] if k + 1 < len(found) else end
        if k + 1 < len(found):
            if raw[stop - 1 : stop] != b",":
                return {}
            stop -= 1
        spans[name] = (start, stop)
    return spans


#: What a fast read found: where each top-level value lies, the tables parsed, the index
#: (None if not read yet).
Fast = tuple[dict[str, tuple[int, int]], Data, dict[str, Any] | None]


def read_tables(
    raw: bytes, names: Collection[str], path: Path
) -> tuple[Data, dict[str, Any]] | None:
    """Only the tables ``names`` (and ``meta``) of the store file ``path`` and its cached
    index, parsed from their own stretches of the file — when the file is laid out as the
    store writes it and the cached index still matches the indexed table byte for byte; else
    None (then parse it all)."""
    fast = _read_some(raw, names, path)
    return (fast[1], fast[2]) if fast is not None and fast[2] is not None else None


#: Table name → what turns its cached decoded form (:func:`cache.read_table`) into its
#: records, or None when that form is not usable (see :meth:`StoreFile.load_some`).
Decoders = Mapping[str, Callable[[dict[str, Any]], Any]]


@record
class Some:
    """What :meth:`StoreFile.load_some` read: the tables parsed (and ``meta``), the index of
    the touches, the records of the tables taken decoded from the cache (by table), and the
    checksum of each table that could have been but was parsed instead (to cache it)."""

    tables: Data
    index: dict[str, Any]
    decoded: dict[str, Any]
    keys: dict[str, str]


class _Served:
    """What a fast read takes from the cache: the records of each table of ``decoders`` whose
    cached decoded form matches its bytes (``decoded``), and the checksum of each one that
    had none usable (``keys``: to cache it once it is decoded)."""

    def __init__(self, decoders: Decoders | None) -> None:
        self.decoders = decoders or {}
        self.decoded: dict[str, Any] = {}
        self.keys: dict[str, str] = {}
        #: The checksum of every table asked for (served or not): what a read remembers.
        self.seen: dict[str, str] = {}

    def take(self, name: str, piece: bytes | memoryview) -> bool:
        """Whether the table ``name``, whose bytes are ``piece``, came from the cache (then it
        need not be parsed)."""
        if name not in self.decoders:
            return False
        return self.take_key(name, _checksum_of([piece]))

    def take_key(self, name: str, key: str) -> bool:
        """:meth:`take` for the table ``name`` whose bytes are known to have checksum ``key``
        (they need not be read for it)."""
        decode = self.decoders.get(name)
        if decode is None:
            return False
        self.seen[name] = key
        payload = cache.read_table(name, key)
        got = decode(payload) if payload is not None else None
        if got is None:
            self.keys[name] = key
            return False
        self.decoded[name] = got
        return True


def _read_some(
    raw: bytes,
    names: Collection[str],
    path: Path,
    prior: Fast | None = None,
    with_index: bool = True,
    served: _Served | None = None,
) -> Fast | None:
    """:func:`read_tables`, reusing what an earlier fast read of the same bytes found;
    ``with_index=False`` leaves the index unread and unchecked (None in the result). A table
    ``served`` takes from the cache is not parsed (see :meth:`StoreFile.load_some`)."""
    if prior is not None:
        spans, have, index = prior
    else:
        spans, have, index = _sections(raw), {}, None
        if not spans:
            return None
    if with_index and index is None:
        table_span = spans.get(INDEXED_TABLE)
        if table_span is None:
            return None
        index = cache.read_index(path, _checksum(raw, table_span))
        if index is None:
            return None
    data: Data = {}
    try:
        for name in {*names, "meta"}:
            if name in have:
                data[name] = have[name]
                continue
            span = spans.get(name)
            if span is None:
                continue
            piece = memoryview(raw)[span[0] : span[1]]
            if served is not None and served.take(name, piece):
                continue
            data[name] = loads_table(raw, *span)
    except orjson.JSONDecodeError:
        return None
    if not all(isinstance(v, dict) for v in data.values()):
        return None
    return spans, data, index


#: More record-level changes to one table than this in one write: parse it instead.
SPLICE_MAX = 200
#: A record spliced into a table's bytes costs about what parsing and dumping this many
#: bytes of the table does: more changes than its size over this, and the table is parsed
#: instead (200 contacts added to a table of 200: parsed, in a tenth of the time).
SPLICE_BYTES_EACH = 4_000


class Tables(dict):  # type: ignore[type-arg]
    """The store's tables as one file holds them, each parsed from its own stretch of the file
    when first asked for (see :func:`_sections`); inside a transaction, written back by
    re-serialising only the tables it changed and copying the other tables' bytes.

    It behaves as the plain ``{table: {key: document}}`` dict of the whole file: asking for a
    table parses it; iterating, comparing or deleting parses them all first. Within a
    transaction (:meth:`begin`), every table handed out counts as changed (it is serialised
    again on write: cheap, and the same bytes if it was only read), and is checked for integers
    beyond 64 bits first (parsed again exactly if it holds one). Records of a table nobody
    asked for can be found, replaced, removed and added on the file's bytes
    (:meth:`find_uids`, :meth:`put`, :meth:`new_keys`; :mod:`.splice`).

    Only a file networkhabit itself wrote in this layout (``canonical``: see
    :func:`cache.last_written`, :func:`cache.wrote`) is read lazily; any other is parsed whole, which checks it is a
    store, and written again whole.
    """

    def __init__(
        self,
        raw: bytes | None,
        spans: dict[str, tuple[int, int]] | None,
        parsed: Data,
        path: Path,
        exact: Collection[str] = (),
        known: bool = True,
        source: tuple[Signature, Sequence[bytes | memoryview]] | None = None,
    ) -> None:
        super().__init__(parsed)
        self._raw = raw
        #: Where the bytes are when ``raw`` is None: the file just written (its identity) and
        #: the pieces it was written from (read back from the file when first needed —
        #: reading releases the GIL, joining 46 MB in memory does not).
        self._source = source
        #: Whether networkhabit is known to have written these bytes (else a transaction
        #: checks before it reads them lazily: see :meth:`StoreFile._begin`).
        self.known = known
        #: Where each table's value lies in ``raw``; None: not the store's layout.
        self.spans = spans
        self.path = path
        self._lazy: set[str] = set(spans) - set(parsed) if spans is not None else set()
        #: Tables known to hold no integer beyond 64 bits (or parsed exactly).
        self.exact: set[str] = set(exact)
        self._huge: bool | None = None
        #: The file must be written whole (another layout, a table taken out, not canonical).
        self.whole = spans is None
        self.in_tx = False
        #: Tables handed out (or set) in this transaction: serialised again on write.
        self.touched: set[str] = set()
        #: Record-level changes to tables not parsed: table → key → (where, new doc or None).
        self.changed: dict[str, dict[str, tuple[Any, dict[str, Any] | None]]] = {}
        #: Records added to tables not parsed: table → key → doc.
        self.inserted: dict[str, dict[str, dict[str, Any]]] = {}
        #: The key searches made on each table's bytes (see :meth:`_places`).
        self._searched: dict[str, Places] = {}
        #: The crc32 of some tables' bytes (by :func:`content_crcs`): a write copying them
        #: need not read them again to name the file it writes.
        self.crcs: dict[str, int] = {}

    @property
    def raw(self) -> bytes:
        """The file's bytes these tables are read from."""
        if self._raw is None:
            assert self._source is not None
            sig, pieces = self._source
            raw = bytes_if(self.path, sig)
            if raw is None or len(raw) != sum(len(p) for p in pieces):
                raw = b"".join(pieces)  # the file changed since: the bytes it was written with
            self._raw, self._source = raw, None
        return self._raw

    @classmethod
    def of_file(
        cls,
        raw: bytes,
        path: Path,
        canonical: bool,
        parsed: Data | None = None,
        spans: dict[str, tuple[int, int]] | None = None,
    ) -> Tables:
        """The tables of the store file's bytes ``raw`` (``parsed``: all of them, already
        parsed from these bytes; ``spans``: where they lie, if known): read lazily if
        ``canonical`` and in the store's layout, else parsed whole now (:class:`StoreError`
        if it is not a store) and to be written whole."""
        if spans is None:
            spans = _sections(raw) if raw and not raw.isspace() else {}
        lazy = bool(spans) and INDEX_KEY not in spans and canonical
        if lazy and (parsed is None or set(parsed) == set(spans)):
            return cls(raw, spans, parsed or {}, path)
        if parsed is None:
            parsed = parse_bytes(raw, path)
        tables = cls(raw, None, parsed, path)
        return tables

    def from_cache(
        self, names: Collection[str], decoders: Decoders
    ) -> tuple[dict[str, Any], dict[str, str]]:
        """The records of the tables ``names`` not parsed yet and unchanged so far, from their
        cached decoded form (see :class:`_Served`) — left unparsed, so a transaction's write
        copies their bytes — and the checksums of those with no usable one."""
        served = _Served(decoders)
        for name in names:
            if (
                name in self._lazy
                and name not in self.changed
                and name not in self.inserted
                and self.spans is not None
            ):
                start, end = self.spans[name]
                crc = self.crcs.get(name)
                if crc is None:
                    served.take(name, memoryview(self.raw)[start:end])
                else:  # (known: its bytes need not be read for it)
                    served.take_key(name, _checksum_key(crc, end - start))
        return served.decoded, served.keys

    # -- parsing on demand ----------------------------------------------------------
    def _parse(self, name: str) -> None:
        assert self.spans is not None
        start, end = self.spans[name]
        try:
            table = loads_table(self.raw, start, end)
        except orjson.JSONDecodeError:
            table = None
        if not isinstance(table, dict):
            self._whole()  # not what the layout promised: the careful way (errors named)
            return
        self._lazy.discard(name)
        dict.__setitem__(self, name, table)
        if name in self.changed or name in self.inserted:
            self._hand_out(name)
            self._replay(name)

    def _replay(self, name: str) -> None:
        """Apply the record-level changes made to ``name`` before it was parsed."""
        table = dict.__getitem__(self, name)
        for key, (_found, doc) in self.changed.pop(name, {}).items():
            if doc is None:
                table.pop(key, None)
            else:
                table[key] = doc
        table.update(self.inserted.pop(name, {}))

    def _whole(self) -> None:
        """Parse the whole file (the layout was not what it seemed) and write it whole."""
        data = parse_bytes(self.raw, self.path)
        if self.in_tx and has_huge_int(self.raw):
            data = exact_data(self.raw)
        lazy, self._lazy = self._lazy, set()
        self.spans, self.whole = None, True
        for name in lazy:
            dict.__setitem__(self, name, data.get(name, {}))
            if self.in_tx:
                self.exact.add(name)
                self.touched.add(name)
        for name in set(self.changed) | set(self.inserted):
            if dict.__contains__(self, name):
                self._replay(name)

    def _exact_table(self, name: str) -> Any:
        """``name`` parsed exactly if its bytes hold an integer beyond 64 bits; else None."""
        if self.spans is not None and name in self.spans:
            start, end = self.spans[name]
            piece = self.raw[start:end]
            if has_huge_int(piece):
                import json

                return json.loads(piece)
            return None
        if self._huge is None:
            self._huge = has_huge_int(self.raw)
        return exact_data(self.raw).get(name) if self._huge else None

    def _hand_out(self, name: str) -> None:
        """``name`` is being given to the transaction's code: make sure it is exact, count it
        as changed."""
        if name not in self.exact:
            exact = self._exact_table(name)
            if exact is not None:
                dict.__setitem__(self, name, exact)
                self._replay(name)  # (what this transaction changed on the bytes so far)
            self.exact.add(name)
        self.touched.add(name)

    def _all(self) -> None:
        for name in list(self._lazy):
            if name in self._lazy:
                self._parse(name)
        if self.in_tx:
            for name in list(dict.keys(self)):
                self._hand_out(name)

    # -- the dict it stands for -------------------------------------------------------
    def __getitem__(self, name: str) -> Any:
        if name in self._lazy:
            self._parse(name)
        if self.in_tx and dict.__contains__(self, name):
            self._hand_out(name)
        return dict.__getitem__(self, name)

    def get(self, name: str, default: Any = None) -> Any:
        if name not in self:
            return default
        return self[name]

    def __contains__(self, name: object) -> bool:
        return dict.__contains__(self, name) or name in self._lazy

    def setdefault(self, name: str, default: Any = None) -> Any:
        if name in self:
            return self[name]
        self[name] = default
        return default

    def __setitem__(self, name: str, value: Any) -> None:
        self._lazy.discard(name)
        self.changed.pop(name, None)
        self.inserted.pop(name, None)
        dict.__setitem__(self, name, value)
        self.exact.add(name)
        if self.in_tx:
            self.touched.add(name)

    def __len__(self) -> int:
        return dict.__len__(self) + len(self._lazy)

    def __iter__(self) -> Iterator[str]:
        self._all()
        return dict.__iter__(self)

    def keys(self) -> Any:
        self._all()
        return dict.keys(self)

    def values(self) -> Any:
        self._all()
        return dict.values(self)

    def items(self) -> Any:
        self._all()
        return dict.items(self)

    def __eq__(self, other: object) -> bool:
        self._all()
        return dict.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = None

    def __repr__(self) -> str:
        self._all()
        return dict.__repr__(self)

    def copy(self) -> Data:
        self._all()
        return dict(dict.items(self))

    def __reduce__(self) -> Any:
        return (dict, (self.copy(),))

    def _gone(self) -> None:
        self._all()
        self.whole = True  # a table taken out: the file is written whole

    def __delitem__(self, name: str) -> None:
        self._gone()
        dict.__delitem__(self, name)

    def pop(self, name: str, *default: Any) -> Any:
        self._gone()
        return dict.pop(self, name, *default)

    def popitem(self) -> Any:
        self._gone()
        return dict.popitem(self)

    def clear(self) -> None:
        self._gone()
        dict.clear(self)

    def update(self, *args: Any, **kwargs: Any) -> None:
        for name, value in dict(*args, **kwargs).items():
            self[name] = value

    # -- record-level changes on the bytes ------------------------------------------
    def size_of(self, name: str) -> int:
        """How many bytes the table ``name`` takes in the file (0 if it is not there)."""
        span = self.spans.get(name) if self.spans is not None else None
        return span[1] - span[0] if span is not None else 0

    def untouched(self, name: str) -> bool:
        """Whether ``name`` has not been handed out in this transaction, so its records can be
        changed on the file's bytes (and, if it was parsed before, in its parse too)."""
        return (
            self.in_tx
            and not self.whole
            and self.spans is not None
            and name in self.spans
            and name not in self.touched
        )

    def find_uids(
        self, name: str, uids: Collection[str], hints: dict[str, str] | None = None
    ) -> dict[str, tuple[str, Any]]:
        """The records of the untouched table ``name`` with these uids, as changed so far in
        this transaction: uid → (key, document). ``hints``: the keys some uids are likely
        under (checked: a wrong hint only costs a search)."""
        from networkhabit.store import splice

        assert self.spans is not None
        span = self.spans[name]
        out: dict[str, tuple[str, Any]] = {}
        changed, inserted = self.changed.get(name, {}), self.inserted.get(name, {})
        for key, doc in inserted.items():
            if doc.get("uid") in uids:
                out[doc["uid"]] = (key, doc)
        for key, (_found, new) in changed.items():
            if new is not None and new.get("uid") in uids:
                out[new["uid"]] = (key, new)
        gone = {found.doc.get("uid") for found, doc in changed.values() if doc is None}
        for uid in uids:
            if uid in out or uid in gone or not isinstance(uid, str):
                continue
            found = None
            hint = (hints or {}).get(uid)
            if hint is not None:
                line = self._places(name).locate(hint)
                found = (
                    splice.record_at(self.raw, span, line)
                    if line is not None and line >= 0
                    else None
                )
                if found is not None and found.doc.get("uid") != uid:
                    found = None
            if found is None:
                found = splice.find_uid(self.raw, span, uid)
            if found is not None and found.key not in changed:
                out[uid] = (found.key, found.doc)
        return out

    def put(self, name: str, key: str, doc: dict[str, Any] | None) -> None:
        """Make the record ``key`` of the untouched table ``name`` ``doc`` (None: remove it), on
        the bytes."""
        from networkhabit.store import splice

        assert self.spans is not None
        inserted = self.inserted.setdefault(name, {})
        if key in inserted:
            if doc is None:
                del inserted[key]
            else:
                inserted[key] = doc
            self._mirror(name, key, doc)
            return
        changed = self.changed.setdefault(name, {})
        if key in changed:
            changed[key] = (changed[key][0], doc)
            self._mirror(name, key, doc)
            return
        span = self.spans[name]
        line = self._places(name).locate(key)
        if line is None:
            line = self.raw.find(splice.KEY_LINE + key.encode() + b'": ', span[0], span[1])
        found = splice.record_at(self.raw, span, line) if line >= 0 else None
        if found is not None:
            changed[key] = (found, doc)
        elif doc is not None:
            inserted[key] = doc
        self._mirror(name, key, doc)

    def _places(self, name: str) -> Places:
        """The key searches of the table ``name`` on these bytes (see :class:`.splice.Places`)."""
        from networkhabit.store import splice

        assert self.spans is not None
        span = self.spans[name]
        got = self._searched.get(name)
        if got is None or got.raw is not self.raw or got.span != span:
            got = self._searched[name] = splice.Places(self.raw, span)
        return got

    def _mirror(self, name: str, key: str, doc: dict[str, Any] | None) -> None:
        """A change made on the bytes, made in the table's parse too (if it was parsed)."""
        if dict.__contains__(self, name):
            table = dict.__getitem__(self, name)
            if doc is None:
                table.pop(key, None)
            else:
                table[key] = doc

    def new_keys(self, name: str, n: int, size: int | None = None) -> list[str]:
        """``n`` document ids not yet used in the untouched table ``name`` (the next after its
        count when those are free, as TinyDB's would be; else one past the largest).
        ``size``: how many records it holds, if known."""
        from networkhabit.store import splice

        assert self.spans is not None
        span = self.spans[name]
        taken = set(self.inserted.get(name, {}))
        if dict.__contains__(self, name):  # parsed (changes mirrored in it): TinyDB's rule
            table = dict.__getitem__(self, name)
            top = max((int(k) for k in table if k.isdigit()), default=0)
            return [str(top + 1 + k) for k in range(n)]
        keys: list[str] = []
        places = self._places(name)
        candidate = (splice.count(self.raw, span) if size is None else size) + 1
        for _ in range(8 + n):
            key = str(candidate)
            candidate += 1
            if key not in taken and not places.has_key(key):
                keys.append(key)
                if len(keys) == n:
                    return keys
        import re  # many gaps: one past the largest id, found the long way

        ids = re.findall(rb'\n    "(\d+)": ', memoryview(self.raw)[span[0] : span[1]])
        used = [int(i) for i in ids] + [int(k) for k in taken | set(keys) if k.isdigit()]
        top = max(used, default=0)
        return keys + [str(top + 1 + k) for k in range(n - len(keys))]

    # -- the transaction ----------------------------------------------------------------
    def begin(self) -> None:
        """A transaction starts on these tables."""
        self.in_tx = True
        self.touched = set()
        self.changed = {}
        self.inserted = {}
        if self.whole:  # written whole: every table counts as handed out
            self._all()

    def end(self) -> None:
        """The transaction is over (written or not)."""
        self.in_tx = False
        self.touched = set()

    def is_changed(self, name: str) -> bool:
        """Whether this transaction may have changed the table ``name``."""
        return name in self.touched or name in self.changed or name in self.inserted

    def spliced(
        self,
    ) -> tuple[list[bytes | memoryview], dict[str, tuple[int, int]], dict[str, list[Any]]] | None:
        """The file's new bytes (as pieces to write one after the other), where each table lies
        in them, and the pieces of each table written anew: the tables this transaction
        changed serialised again or spliced, the others' bytes copied; None if the file must
        be written whole (another layout, a table taken out). A table added (the first
        tombstone, say) goes in at its place in :func:`dump_bytes`'s order, when the file is
        laid out as that writes it (:meth:`_framed`)."""
        from networkhabit.store import splice

        if self.whole or self.spans is None:
            return None
        names = set(dict.keys(self)) | self._lazy
        added = names - set(self.spans)
        if set(self.spans) - names:
            return None
        order = sorted(self.spans.items(), key=lambda item: item[1][0])
        if added and (
            not added <= set(KNOWN_TABLES)  # (a later read would not find another name)
            or added & (set(self.changed) | set(self.inserted))
            or not self._framed(order)
        ):
            return None
        pieces: dict[str, list[bytes | memoryview]] = {}
        for name, span in order:
            if name in self.changed or name in self.inserted:
                piece = splice.splice_table(
                    self.raw,
                    span,
                    self.changed.get(name, {}),
                    self.inserted.get(name, {}),
                    self._places(name),
                )
                if piece is None:  # not a case for splicing: parse it and write it again
                    self._parse(name)
                else:
                    pieces[name] = piece
            if self.whole:
                return None
            if name in self.touched:
                pieces[name] = [table_bytes(name, dict.__getitem__(self, name))]
        for name in sorted(added):
            pieces[name] = [table_bytes(name, dict.__getitem__(self, name))]
        out: list[bytes | memoryview] = []
        spans: dict[str, tuple[int, int]] = {}
        pos = size = 0
        view = memoryview(self.raw)
        if added:  # every table in name order, each framed as dump_bytes frames it
            order = [(name, self.spans.get(name, (0, 0))) for name in sorted(names)]
        for n, (name, (start, end)) in enumerate(order):
            gap: bytes | memoryview = _frame(name, n) if added else view[pos:start]
            out.append(gap)
            size += len(gap)
            piece = pieces.get(name)
            if piece is None:
                piece = [view[start:end]]
            length = sum(len(p) for p in piece)
            out.extend(piece)
            spans[name] = (size, size + length)
            size += length
            pos = end
        out.append(_FRAME_END if added else view[pos:])
        return out, spans, pieces

    def _framed(self, order: list[tuple[str, tuple[int, int]]]) -> bool:
        """Whether the bytes between and around the tables (``order``: by place) are exactly
        what :func:`dump_bytes` puts there, the tables in name order."""
        if not order or [name for name, _ in order] != sorted(name for name, _ in order):
            return False
        view, pos = memoryview(self.raw), 0
        for n, (name, (start, end)) in enumerate(order):
            if view[pos:start] != _frame(name, n):
                return False
            pos = end
        return view[pos:] == _FRAME_END

    def after_write(
        self,
        sig: Signature,
        pieces: Sequence[bytes | memoryview],
        spans: dict[str, tuple[int, int]],
    ) -> Tables:
        """The tables of the file just written (identity ``sig``) from ``pieces`` (from
        :meth:`spliced`): what is parsed stays parsed (a change made on the bytes was made in
        the parse too), the rest is read from the new bytes when asked for."""
        parsed = dict(dict.items(self))
        exact = self.exact & set(parsed)
        return Tables(None, spans, parsed, self.path, exact, source=(sig, pieces))


def _holds_records(raw: bytes, spans: dict[str, tuple[int, int]] | None) -> bool:
    """Whether the file ``raw`` holds any touch (an empty table is written ``{}``)."""
    span = (spans or _sections(raw)).get(INDEXED_TABLE)
    return span is not None and span[1] - span[0] > 2


def _memo_crcs(memo: dict[str, Any], spans: dict[str, tuple[int, int]] | None) -> dict[str, int]:
    """The crc32s of tables a write remembered (:func:`cache.remember_written`) of the file
    it left — only for a table where ``spans`` puts it where that write did."""
    crcs, where = memo.get("crcs"), memo.get("spans")
    if not isinstance(crcs, dict) or not isinstance(where, dict) or not spans:
        return {}
    out: dict[str, int] = {}
    for name, crc in crcs.items():
        span = where.get(name)
        if (
            type(crc) is int
            and isinstance(span, list)
            and len(span) == 2
            and spans.get(name) == (span[0], span[1])
        ):
            out[name] = crc
    return out


def _memo_keys(memo: dict[str, Any], spans: dict[str, Any]) -> dict[str, str]:
    """The checksum (:func:`_checksum_of`) of each table whose bytes a memo of the file knows:
    a read's (``keys``) or, from the crc32 and span, a write's (``crcs``)."""
    keys = memo.get("keys")
    out = {k: v for k, v in keys.items() if type(v) is str} if isinstance(keys, dict) else {}
    crcs = memo.get("crcs")
    if isinstance(crcs, dict):
        for name, crc in crcs.items():
            span = spans.get(name)
            if type(crc) is int and isinstance(span, list) and len(span) == 2:
                out.setdefault(name, _checksum_key(crc, span[1] - span[0]))
    return out


def table_bytes(name: str, table: dict[str, Any]) -> bytes:
    """A table's value as :func:`dump_bytes` writes it inside the file (a part at a time)."""
    try:
        return b"".join(_table_parts(name, table))
    except TypeError:  # an integer beyond 64 bits: the standard library's
        return bytes(_value_of(name, memoryview(_dumps({name: table}, _DUMP))))


def write_atomic(
    target: Path, raw: bytes | Sequence[bytes | memoryview], *, temp_prefix: str
) -> None:
    """Replace ``target`` with ``raw`` (bytes, or pieces written one after the other) all at
    once: temp file (0600) in the same folder, fsync, ``os.replace``, fsync of the folder.
    Raises :class:`OSError`; the temp file never stays."""
    folder = target.parent
    from networkhabit.store.tempfiles import make_temp

    fd, tmp = make_temp(folder, temp_prefix)  # mode 0600
    try:
        with os.fdopen(fd, "wb") as fh:
            for piece in (raw,) if isinstance(raw, bytes) else raw:
                fh.write(piece)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_folder(folder)


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (best effort: not every file system allows it)."""
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def real_store_path(path: Path) -> Path:
    """The file a store path means. A symlinked store is *written through*: the link stays a
    link and its target is the store — read, locked, backed up and atomically replaced in
    the target's own folder (what a dotfile repository expects). Any other path as it is."""
    try:
        if not os.path.islink(path):
            return path
    except (OSError, ValueError):
        return path
    return Path(os.path.realpath(path))


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
)


def not_a_file(path: Path, st: os.stat_result) -> StoreError | None:
    """The error for a store path that is there but not a regular file (None if it is one)."""
    if stat.S_ISREG(st.st_mode):
        return None
    kind = next((word for test, word in _KINDS if test(st.st_mode)), "not a regular file")
    return StoreError(
        f"{path}: is {kind}, not a store file; give --db a regular file (or a new name)"
    )


def unwritable(path: Path, st: os.stat_result) -> StoreError | None:
    """The error for a store file this user must not replace: one without write permission
    for its owner (0400 — root could write it anyway, so the mode bits are asked, not only
    the kernel) or owned by another user (replacing it would take it from them)."""
    if st.st_uid != os.geteuid():
        return StoreError(
            f"{path}: belongs to another user (uid {st.st_uid}); networkhabit will not "
            "replace it — use your own copy, or run as that user"
        )
    if not st.st_mode & stat.S_IWUSR or not os.access(path, os.W_OK):
        return StoreError(
            f"{path}: is read-only (mode {stat.S_IMODE(st.st_mode):04o}); networkhabit "
            f"will not replace it — to allow changes: chmod u+w '{path}'"
        )
    return None


def store_file_role(store_path: Path, candidate: Path) -> str | None:
    """Which of the store's own files ``candidate`` is — the store, its lock, a temp file, its
    backups folder or a file in it (through any symlink) — in words; None if none of them.
    No export or other output may be written there."""
    try:
        real = Path(os.path.realpath(real_store_path(Path(store_path))))
        target = Path(os.path.realpath(Path(candidate).expanduser()))
    except (OSError, ValueError):
        return None
    backups = Path(os.path.realpath(real.parent / BACKUP_DIR))
    if target == real:
        return "the store itself"
    if target == real.with_name(real.name + ".lock"):
        return "the store's lock file"
    if target.parent == real.parent and target.name.startswith(TEMP_PREFIX + real.name):
        return "one of the store's temp files"
    if target == backups:
        return "the store's backups folder"
    if target.parent == backups:
        return "in the store's backups folder"
    return None


def open_lock_file(lock_path: Path, store: Path) -> int:
    """Open (or create, 0600) the lock file without following a symlink; a lock path that is
    a link or not a regular file is refused (:class:`StoreError`), never written through."""
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise StoreError(
                f"{store}: the lock file {lock_path} is a symbolic link; networkhabit does not "
                "follow it — remove it (it is re-made as a plain file)"
            ) from None
        raise StoreError(f"{store}: cannot lock ({write_error(exc)})") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise StoreError(
            f"{store}: the lock file {lock_path} is not a regular file; remove it "
            "(it is re-made as a plain file)"
        )
    return fd


class StoreFile:
    """The store's JSON file, with cached reads and locked, atomic transactions."""

    def __init__(self, path: Path, lock_timeout: float = LOCK_TIMEOUT_S) -> None:
        #: The path as given; :attr:`path` is the file itself (see :func:`real_store_path`).
        self.given = Path(path)
        self.path = real_store_path(self.given)
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.lock_timeout = lock_timeout
        #: Temp files of this store start with this (in its folder and in ``backups/``).
        self.temp_prefix = TEMP_PREFIX + self.path.name + "."
        #: Where warnings go (wider permissions, a failed backup); the TUI may redirect it.
        self.on_warning: Callable[[str], None] = warn_on_stderr
        self._warned: set[str] = set()
        self._pending: list[str] = []
        self._cache: tuple[Signature, Data] | None = None
        #: The bytes :meth:`peek` read and what it found in them, for the next read.
        self._peeked: tuple[Signature, bytes, Fast | None] | None = None
        self._index: tuple[Signature, dict[str, Any]] | None = None  # the index last written
        self._buffer: Data | None = None
        self._dirty = False
        self._depth = 0
        self._lock_held = False
        #: Makes the derived index cached beside the file (see :mod:`.cache`) ...
        self.derive: Callable[[Data], dict[str, Any] | None] | None = None
        #: ... or brings the last one up to date with a transaction's changes to the touches.
        self.patch: Callable[[dict[str, Any], list[Change]], dict[str, Any] | None] | None = None
        self._changes: list[Change] | None = None
        #: Inside a transaction: what the last write remembered of the file, if it is still the
        #: file that write left (see :func:`cache.last_written`); read once per transaction.
        self._memo: dict[str, Any] | None = None
        #: What the cache remembers of the file at one identity, as :meth:`remembered` read it
        #: (a read looks it up more than once: to peek, then to read).
        self._remembered: tuple[Signature, dict[str, dict[str, Any] | None]] | None = None
        #: The file's identity before and after this object's last write (None: none yet).
        self.last_write: tuple[Signature | None, Signature] | None = None
        #: Called with the current data just before each write (backups, schema stamp).
        self.before_write: list[Callable[[StoreFile, Data], None]] = []

    @property
    def backup_dir(self) -> Path:
        """``backups/`` beside the store."""
        return self.path.parent / BACKUP_DIR

    def warn(self, message: str) -> None:
        """Tell the user ``message`` once in this object's life (once per command)."""
        if message not in self._warned:
            self._warned.add(message)
            self.on_warning(message)

    # -- reading -----------------------------------------------------------------
    def signature(self) -> Signature | None:
        """The file's identity now (device, inode, size, mtime), or None if it is missing."""
        try:
            return _signature(os.stat(self.path))
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot read ({exc.strerror})") from None

    def load(self) -> Data:
        """The file's tables as they are on disk now (parsed again only if it changed)."""
        if self._buffer is not None:
            return self._buffer
        got = self._read_raw()
        if got is None:
            return {}
        sig, raw = got
        if raw is None:
            assert self._cache is not None
            return self._cache[1]
        return self._parse(sig, raw)

    def _parse(self, sig: Signature, raw: bytes) -> Data:
        """Parse the whole file and cache it (with its index, if that still matches)."""
        data, index = parse_file(raw, self.path)
        self._cache = (sig, data)
        self._index = (sig, index) if index is not None else None
        return data

    def _as_written(
        self,
        names: Collection[str],
        served: _Served | None = None,
    ) -> tuple[Signature, Data, str | None] | None:
        """The tables ``names`` (and ``meta``) of a file that is still the one this program's
        last write left (its identity as remembered, see :func:`cache.last_written`), or one
        whose tables an earlier read found (:func:`cache.last_read`): read from where they
        are, nothing else of the file read (nor a table the cache has decoded, by the
        checksum remembered). Its identity, those tables and the checksum its index is
        named by; None if it is not that file. The tables ``served`` takes from the cache:
        as :func:`_read_some`."""
        if self._buffer is not None:
            return None
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError:
            return None
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                return None
            sig = _signature(st)
            # The file the last write left, or one a read has already found its tables in.
            memo = self.remembered("written", sig) or self.remembered("read", sig)
            spans = memo.get("spans") if memo is not None else None
            if memo is None or not isinstance(spans, dict):
                return None
            keys = _memo_keys(memo, spans) if served is not None else {}
            data: Data = {}
            for name in {*names, "meta"}:
                span = spans.get(name)
                if span is None:
                    continue
                key = keys.get(name)
                if served is not None and key is not None and served.take_key(name, key):
                    continue  # (not even read)
                start, end = span
                piece = os.pread(fd, end - start, start)
                if len(piece) != end - start:
                    return None
                if served is not None and key is None and served.take(name, piece):
                    continue
                table = loads_table(piece)
                if not isinstance(table, dict):
                    return None
                data[name] = table
        except (OSError, ValueError, TypeError, orjson.JSONDecodeError):
            return None
        finally:
            os.close(fd)
        self._check_mode(st)
        touches = memo.get("touches")
        return sig, data, touches if isinstance(touches, str) else None

    def remembered(self, what: str, sig: Signature) -> dict[str, Any] | None:
        """:func:`cache.last_written` (``what="written"``) or :func:`cache.last_read`
        (``"read"``) of the file at identity ``sig``: read once per identity."""
        known = self._known_of(sig)
        if what not in known:
            look = cache.last_written if what == "written" else cache.last_read
            known[what] = look(self.path, sig)
        return known[what]

    def _known_of(self, sig: Signature) -> dict[str, dict[str, Any] | None]:
        if self._remembered is None or self._remembered[0] != sig:
            self._remembered = (sig, {})
        return self._remembered[1]

    def peek(self) -> Data | None:
        """The ``meta`` table alone, read the fast way (see :meth:`load_some`); None if that
        cannot be done. The bytes are kept for the next read of the same file."""
        if self._buffer is not None:
            return None
        if self._cache is None:
            written = self._as_written(())
            if written is not None:
                return written[1]
        got = self._read_raw(keep=True)
        if got is None:
            return None
        sig, raw = got
        if raw is None:
            return self._cache[1] if self._cache is not None else None
        fast = _read_some(raw, (), self.path, with_index=False)  # index: checked when read
        self._peeked = (sig, raw, fast)
        return fast[1] if fast is not None else None

    def load_some(
        self, names: Collection[str], decoders: Decoders | None = None, with_index: bool = True
    ) -> Some | None:
        """Only the tables ``names`` (and ``meta``) plus the derived index, without parsing the
        rest (see :func:`read_tables`); None if that cannot be done — the whole file is then
        parsed and cached, so a :meth:`load` that follows costs nothing. ``with_index=False``:
        without the index (the result's ``index`` is empty), for paths that read no touch.

        A table of ``decoders`` (name → decoder of its cached decoded form) whose bytes have
        a cached decoded form is not parsed: what its decoder made of that form is in the
        result's ``decoded`` instead (unless the decoder refused it: then it is parsed). The
        result's ``keys`` name the checksums of those parsed instead, for the caller to cache
        their decoded form (:func:`cache.write_table`)."""
        if self._buffer is not None:
            return None
        if self._cache is None and self._peeked is None:
            served = _Served(decoders)
            written = self._as_written(names, served)
            if written is not None and not with_index:
                return Some(written[1], {}, served.decoded, served.keys)
            if written is not None and written[2] is not None:
                index = cache.read_index(self.path, written[2])
                if index is not None:
                    self._index = (written[0], index)
                    return Some(written[1], index, served.decoded, served.keys)
        peeked = self._peeked
        got = self._read_raw()
        if got is None:
            return None
        sig, raw = got
        if raw is None:  # the parse we hold is current: with its index, if there is one
            if self._cache is None:
                return None
            data = self._cache[1]
            index = self._index[1] if self._index is not None and self._index[0] == sig else None
            if index is None and isinstance(data, Tables) and data.spans is not None:
                span = data.spans.get(INDEXED_TABLE)
                index = cache.read_index(self.path, _checksum(data.raw, span)) if span else None
                if index is not None:
                    self._index = (sig, index)
            if index is None and with_index:
                return None
            decoded: dict[str, Any] = {}
            keys: dict[str, str] = {}
            if decoders and isinstance(data, Tables):
                # A table not parsed yet (the second step of a two-step read, say): from its
                # cached decoded form when it has one, as from a fresh read of the file.
                decoded, keys = data.from_cache(names, decoders)
            tables = {k: data[k] for k in {*names, "meta"} if k in data and k not in decoded}
            return Some(tables, index or {}, decoded, keys)
        prior = peeked[2] if peeked is not None and peeked[0] == sig else None
        served = _Served(decoders)
        fast = _read_some(raw, names, self.path, prior, with_index, served)
        if fast is None or (with_index and fast[2] is None):
            self._parse(sig, raw)
            return None
        spans, tables, index = fast[0], fast[1], fast[2]
        # Kept: the next read, and a write's transaction, start from these bytes and tables.
        self._cache = (sig, Tables(raw, spans, dict(tables), self.path, known=False))
        if index is not None:
            self._index = (sig, index)
            touches = index.get("checksum")
            # The next read of this same file reads only the tables it needs, unchecksummed.
            kept = cache.remember_read(
                self.path, sig, spans, touches if isinstance(touches, str) else None, served.seen
            )
            if kept is not None:
                self._known_of(sig)["read"] = kept
        return Some(tables, index or {}, served.decoded, served.keys)

    def written(self) -> tuple[Signature | None, Signature, dict[str, Any]] | None:
        """After this object's last write, if the file is still the one it left: the file's
        identity before and after that write, and the index of its touches as written."""
        last = self.last_write
        if last is None or self.signature() != last[1]:
            return None
        if self._index is None or self._index[0] != last[1]:
            return None
        return last[0], last[1], self._index[1]

    def held_index(self) -> dict[str, Any] | None:
        """Inside a transaction: the index of the touches as they were when it started, if it
        has been read (see :meth:`unchanged_index`); else None."""
        if self._buffer is None or self._cache is None or self._index is None:
            return None
        return self._index[1] if self._index[0] == self._cache[0] else None

    def unchanged_index(self) -> dict[str, Any] | None:
        """Inside a transaction that has changed nothing yet: the index of the data it holds,
        if the cache holds one that matches its touches (so an action reading under the lock
        need not work the index out from every touch); else None."""
        buffer = self._buffer
        if buffer is None or self._dirty or self._cache is None:
            return None
        sig = self._cache[0]
        if self._cache[1] is not buffer:
            return None
        if self._index is not None and self._index[0] == sig:
            return self._index[1]
        if not isinstance(buffer, Tables) or buffer.spans is None:
            return None
        span = buffer.spans.get(INDEXED_TABLE)
        if span is None or buffer.is_changed(INDEXED_TABLE):
            return None
        memo = self._memo
        if memo is not None and memo.get("touches"):
            checksum = str(memo["touches"])  # the file the last write left: its touches' sum
        else:
            checksum = _checksum(buffer.raw, span)
        index = cache.read_index(self.path, checksum)
        if index is not None:
            self._index = (sig, index)
        return index

    def _read_raw(self, keep: bool = False) -> tuple[Signature, bytes | None] | None:
        """The file's signature and bytes (None for bytes if the cached parse is current);
        None if there is no file. ``keep``: hold on to the bytes for the next call."""
        kept, self._peeked = self._peeked, None
        try:
            # O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused below)
            fd = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
            with os.fdopen(fd, "rb") as fh:
                st = os.fstat(fh.fileno())
                problem = not_a_file(self.path, st)
                if problem is not None:
                    raise problem
                sig = _signature(st)
                if self._cache is not None and self._cache[0] == sig:
                    return sig, None
                raw = kept[1] if kept is not None and kept[0] == sig else fh.read()
        except FileNotFoundError:
            self._cache = None
            return None
        except IsADirectoryError:
            raise StoreError(f"{self.path}: is a folder, not a store file") from None
        except NotADirectoryError:
            raise StoreError(
                f"{self.path}: {self._blocking_file()} is a file, not a folder"
            ) from None
        except OSError as exc:
            with contextlib.suppress(OSError):  # a socket cannot even be opened
                problem = not_a_file(self.path, os.stat(self.path))
                if problem is not None:
                    raise problem from None
            raise StoreError(f"{self.path}: cannot read ({exc.strerror})") from None
        self._check_mode(st)
        if keep:
            self._peeked = (sig, raw, None)
        return sig, raw

    def _check_mode(self, st: os.stat_result) -> None:
        if st.st_mode & 0o077:
            self._pending.append(
                f"{self.path} can be read by other users (mode {stat.S_IMODE(st.st_mode):04o}); "
                "networkhabit makes it private (0600) on its next write, "
                f"or run: chmod 600 '{self.path}'"
            )

    def defer_warning(self, message: str) -> None:
        """A warning to say once the current read or write has succeeded (dropped if it fails:
        then the error says enough)."""
        self._pending.append(message)

    def flush_warnings(self) -> None:
        """Say the warnings found while reading (once each). Called once the file is known to be
        usable, so a refused file gets one message, not two."""
        pending, self._pending = self._pending, []
        for message in pending:
            self.warn(message)

    def _blocking_file(self) -> Path:
        """The first part of the store's folder path that is a file, not a folder."""
        for parent in reversed(self.path.parents):
            if parent.exists() and not parent.is_dir():
                return parent
        return self.path.parent

    # -- writing -----------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator[Data]:
        """Lock, reload, yield the data to change, write it back atomically if it was changed.

        Re-entrant: a nested transaction joins the outer one. If the body raises,
        nothing is written and the file is untouched.
        """
        if self._depth:
            self._depth += 1
            try:
                assert self._buffer is not None
                yield self._buffer
            finally:
                self._depth -= 1
            return
        with self.locked():
            self._depth = 1
            try:
                self._buffer = self._begin()
                self._dirty = False
                self._changes = []
                yield self._buffer
                if self._dirty:
                    for hook in self.before_write:
                        hook(self, self._buffer)
                    self._write(self._buffer)
                    self.flush_warnings()
            except BaseException:
                self._cache = None  # the buffer may hold half-made changes
                self._index = None
                self._pending.clear()
                raise
            finally:
                if isinstance(self._buffer, Tables):
                    self._buffer.end()
                self._buffer = None
                self._memo = None
                self._dirty = False
                self._changes = None
                self._depth = 0

    def _begin(self) -> Data:
        """The data a transaction starts from: the file as it is now (read under the lock),
        as :class:`Tables` — each table parsed only when asked for if the file is the one
        networkhabit last wrote, else all of it (checked, and written back whole)."""
        peeked = self._peeked
        got = self._read_raw()
        if got is None:
            return {}
        sig, raw = got
        spans = None
        if peeked is not None and peeked[0] == sig and peeked[2] is not None:
            spans = peeked[2][0]  # where the tables lie: found by the peek at these bytes
        self._memo = memo = self.remembered("written", sig)  # the file that write left?
        if spans is None and memo is not None and memo.get("spans"):
            spans = {k: (v[0], v[1]) for k, v in memo["spans"].items()}  # as the write left them
        cached = self._cache[1] if raw is None and self._cache is not None else None
        known: bool | None = None
        if isinstance(cached, Tables) and not cached.known:  # read by a reader: check first
            known = memo is not None or cache.wrote(cached.raw)
            if known:
                cached.known = True
            else:
                raw, cached = cached.raw, None
                self._cache = None
        if isinstance(cached, Tables):
            tables = cached
        else:
            if raw is None:  # the parse we hold is current: its bytes, for the spans
                raw = bytes_if(self.path, sig)
                if raw is None:
                    self._cache = None
                    return self._begin()
            crcs: dict[str, int] = {}
            if known is None and memo is None and spans:
                key, crcs = content_crcs(cut(raw, spans), spans)  # (the tables' crcs too)
                known = cache.known_content(key)
            elif known is None:
                known = memo is not None or cache.wrote(raw)
            if memo is not None:
                crcs = _memo_crcs(memo, spans)
            tables = Tables.of_file(raw, self.path, known, cached, spans)
            if tables.spans == spans:
                tables.crcs = crcs
            self._cache = (sig, tables)
            if self._index is not None and self._index[0] != sig:
                self._index = None
        tables.begin()
        return tables

    def mark_dirty(self, data: Data | None = None, *, noted: bool = False) -> None:
        """Record that the transaction changed (or replaced) the data. ``noted``: every change
        it made to the indexed table was told to :meth:`note` (else the index is rebuilt)."""
        if self._buffer is None:
            raise RuntimeError("store writes must happen inside a transaction")
        if data is not None and data is not self._buffer:
            self._buffer = data  # replaced whole: written whole
        if not noted:
            self._changes = None
        self._dirty = True

    def note(self, table: str, key: str, old: Any, new: Any) -> None:
        """One record of ``table`` changed: ``old`` → ``new`` documents (None: absent)."""
        if table == INDEXED_TABLE and self._changes is not None:
            self._changes.append((key, old, new))

    def _write(self, data: Data) -> None:
        sig = self._cache[0] if self._cache is not None else None
        base = self._index[1] if self._index is not None and self._index[0] == sig else None
        spliced = data.spliced() if isinstance(data, Tables) else None
        same_touches = (
            isinstance(data, Tables) and spliced is not None and not data.is_changed(INDEXED_TABLE)
        )
        index = None
        if not same_touches:
            if base is not None and self._changes is not None and self.patch is not None:
                index = self.patch(base, self._changes)
            if index is None and self.derive is not None:
                index = self.derive(data)
        if spliced is not None:
            assert isinstance(data, Tables)
            pieces, spans, rewritten = spliced
            self.write_bytes(pieces)
            before, sig = sig, _signature(os.stat(self.path))
            after = data.after_write(sig, pieces, spans)
            touches: list[Any] | None = rewritten.get(INDEXED_TABLE)
            copied = {k: v for k, v in data.crcs.items() if k not in rewritten}
            content, crcs = content_crcs(pieces, spans, copied)
        else:
            raw = dump_bytes(data)
            plain = {k: v for k, v in data.items() if k != INDEX_KEY}
            found = _sections(raw)
            ok = bool(found) and set(found) == set(plain)
            self.write_bytes(raw)
            before, sig = sig, _signature(os.stat(self.path))
            after = Tables(raw, found if ok else None, plain, self.path, plain)
            spans = found
            table = found.get(INDEXED_TABLE)
            touches = [memoryview(raw)[table[0] : table[1]]] if table else None
            content, crcs = (
                content_crcs(cut(raw, found), found) if ok else (cache.content_key_of([raw]), {})
            )
        if after.spans is not None and after.spans == spans:
            after.crcs = crcs  # (the new bytes': for this object's next write)
        self.last_write = (before, sig)
        self._cache = (sig, after)
        self._index = None
        if same_touches:
            if base is not None:
                self._index = (sig, base)  # the touches' bytes are the same: so is the index
        elif index is not None and touches is not None and sum(len(p) for p in touches) > 2:
            index["checksum"] = _checksum_of(touches)
            self._index = (sig, index)
            cache.write_index(self.path, index)  # best effort: a failed write is a cache miss
        if not after.whole:
            checksum = self._index[1].get("checksum") if self._index is not None else None
            touches_sum = checksum if isinstance(checksum, str) else None
            cache.remember_written(self.path, sig, content, after.spans, touches_sum, crcs)

    def remember_index(self, index: dict[str, Any]) -> None:
        """Cache ``index``, just worked out from the file as it is now (a reader that had
        to rebuild it), so the next read is fast again; best effort."""
        if self._buffer is not None or self._cache is None:
            return
        sig = self._cache[0]
        raw = bytes_if(self.path, sig)
        if raw is None:
            return  # changed since (or unreadable): the index would not match it
        if stamp_index(raw, index):
            self._index = (sig, index)
            cache.write_index(self.path, index)

    def write_bytes(self, raw: bytes | Sequence[bytes | memoryview]) -> None:
        """Replace the file with ``raw`` atomically; only under the lock (see :meth:`locked`).

        On any failure the previous file is intact and :class:`StoreError` says why.
        """
        if not self._lock_held:
            raise RuntimeError("store writes must hold the lock")
        self._cache = None
        try:
            write_atomic(self.path, raw, temp_prefix=self.temp_prefix)
        except OSError as exc:
            raise StoreError(
                f"{self.path}: cannot write ({write_error(exc)}); the previous file is intact"
            ) from None
        global _writes_made
        _writes_made += 1

    def ensure_folder(self) -> None:
        """Create the store's folder (mode 0700) if it is missing."""
        folder = self.path.parent
        if folder.exists():
            if not folder.is_dir():
                raise StoreError(f"{self.path}: {folder} is a file, not a folder")
            return
        try:
            folder.mkdir(mode=0o700, parents=True)
        except FileExistsError:
            raise StoreError(
                f"{self.path}: {self._blocking_file()} is a file, not a folder"
            ) from None
        except NotADirectoryError:
            raise StoreError(
                f"{self.path}: {self._blocking_file()} is a file, not a folder"
            ) from None
        except OSError as exc:
            raise StoreError(
                f"{self.path}: cannot create folder {folder} ({write_error(exc)})"
            ) from None

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the store's exclusive lock (waits up to ``lock_timeout`` seconds for it).

        Not re-entrant: use :meth:`transaction` for nesting. Temp files left by a
        writer that died are removed as soon as the lock is ours.
        """
        if self._lock_held:
            raise RuntimeError("the store lock is already held by this object")
        self.check_writable()
        self.ensure_folder()
        fd = self._open_lock_file()
        try:
            deadline = time.monotonic() + self.lock_timeout
            delay = 0.002
            while not self._try_flock(fd):
                if time.monotonic() >= deadline:
                    raise StoreError(
                        f"{self.path}: another networkhabit process has held the lock for "
                        f"{self.lock_timeout:.0f}s; try again when it has finished"
                    )
                time.sleep(delay)
                delay = min(delay * 2, 0.05)
            # The kernel drops a flock when its holder dies, so a lock never goes stale.
            self._lock_held = True
            try:
                self._remove_temp_files()
                yield
            finally:
                self._lock_held = False
        finally:
            os.close(fd)  # closing the descriptor releases the flock

    def check_writable(self) -> None:
        """:class:`StoreError` unless the store may be replaced: absent, or a regular file
        this user owns and may write. Checked before anything is opened for writing."""
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return
        except NotADirectoryError:
            raise StoreError(
                f"{self.path}: {self._blocking_file()} is a file, not a folder"
            ) from None
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot read ({exc.strerror})") from None
        problem = not_a_file(self.path, st) or unwritable(self.path, st)
        if problem is not None:
            raise problem

    def _open_lock_file(self) -> int:
        return open_lock_file(self.lock_path, self.path)

    @staticmethod
    def _try_flock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    # -- leftovers of a writer that died -------------------------------------------
    def _temp_files(self) -> list[Path]:
        found: list[Path] = []
        for folder in (self.path.parent, self.backup_dir):
            if folder == self.backup_dir and os.path.islink(folder):
                continue  # never delete anything in a folder a `backups` link points to
            try:
                with os.scandir(folder) as entries:
                    found.extend(
                        Path(e.path) for e in entries if e.name.startswith(self.temp_prefix)
                    )
            except OSError:
                continue
        return found

    def _remove_temp_files(self) -> int:
        removed = 0
        for tmp in self._temp_files():
            with contextlib.suppress(OSError):
                tmp.unlink()
                removed += 1
        return removed

    def clean_temp_files(self) -> int:
        """Remove temp files left by a writer that died mid-write; returns how many.

        Cheap when there are none (one folder listing each); when there are some,
        they are removed only if the lock is free (a live writer's temp file is kept).
        """
        if self._lock_held:
            return self._remove_temp_files()
        if not self._temp_files():
            return 0
        try:
            fd = open_lock_file(self.lock_path, self.path)
        except StoreError:
            return 0
        try:
            if not self._try_flock(fd):
                return 0  # a live writer: its temp file is not stale
            return self._remove_temp_files()
        finally:
            os.close(fd)
