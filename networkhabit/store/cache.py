"""Derived data kept outside the user's file: the touch index, in the user cache folder.

The store file holds data only, so that it diffs in git as the data changed. What the daily
paths read instead of parsing every touch (see :func:`networkhabit.store.codec.index_doc`)
lives in ``<user cache dir>/networkhabit/index/`` (env ``NETWORKHABIT_CACHE`` chooses
another folder). The index is a function of the bytes of the store's touches table alone,
so an entry is named by the crc32 and length of those bytes, and carries them inside too: a
reader trusts an entry only when both match the file as it is now, and otherwise works
everything out from the touches (and caches that for the next read). Named by content,
an entry also serves a copy of the same file — a backup put back, a git checkout, another
path — and an edit, a merge or a stale entry simply misses. Each entry records the store
it was made for (a hint for people, never checked). Only the newest :data:`KEEP` entries
stay. Writing the cache is best effort: a cache folder that cannot be written never fails
a command.

The same way, ``<cache>/tables/`` keeps the decoded form of the largest tables a daily path
decodes (contacts, links and check-ins, as columns: :data:`networkhabit.store.codec.COLUMNS`),
named by the checksum of the table's bytes: reading the columns costs a fifth to a half of
parsing the table's documents and decoding them. Only the newest :data:`KEEP_TABLES` stay.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import orjson

ENV_CACHE = "NETWORKHABIT_CACHE"
APP_NAME = "networkhabit"
#: Temp files of cache writes start with this (a dead writer's are removed by the next prune).
CACHE_TEMP_PREFIX = ".nh-cache-"
#: How many index entries are kept (the newest written or read): the current state of
#: each store in use and a few before it.
KEEP = 6


def cache_dir() -> Path:
    """The folder for networkhabit's caches: ``$NETWORKHABIT_CACHE`` or the user cache dir."""
    env = os.environ.get(ENV_CACHE)
    if env:
        return Path(env).expanduser()
    if sys.platform.startswith("linux"):
        # What platformdirs answers on Linux (XDG), without importing it: the daily commands
        # read the index on every run, and platformdirs costs more to import than that read.
        xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
        base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
        return base / APP_NAME
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME, appauthor=False))


def index_folder() -> Path:
    """Where the index entries are."""
    return cache_dir() / "index"


def entry_path(checksum: str) -> Path:
    """The entry for touches with ``checksum`` (``crc32:0badf00d:1234`` → ``crc32-…-1234``)."""
    safe = "".join(ch if ch.isalnum() else "-" for ch in checksum)[:80]
    return index_folder() / f"{safe}.json"


#: A cache entry's dict of more items than ``PART_ITEMS[dict]`` (or list of more values than
#: ``PART_ITEMS[list]``, or list of such lists: a decoded table's columns) is written in parts,
#: one JSON line each (:func:`_dump_entry`), and read a part at a time
#: (:func:`_load_entry`). orjson holds the interpreter for the whole of one parse: the heavy
#: store's 6 MB index took 20-70 ms, the app's UI thread waiting all along while a worker
#: read it; a part takes well under a millisecond or two.
PART_ITEMS: dict[type, int] = {dict: 256, list: 4096}
#: The first line of an entry in parts: the entry with each parted container empty, and
#: under this key how many lines (``[path, items]``) follow.
PARTS_KEY = "~parts"


def _dump_entry(doc: dict[str, Any]) -> bytes:
    """``doc`` as JSON: one line, or in parts if it holds a large container (see
    :data:`PART_ITEMS`)."""
    import itertools

    head: dict[str, Any] = {}
    parts: list[bytes] = []

    def parted(path: list[Any], value: Any) -> Any:
        """What the head holds for ``value`` (at ``path``); its parts go to ``parts``."""
        if type(value) is dict and len(value) > PART_ITEMS[dict]:
            items = iter(value.items())
            while chunk := dict(itertools.islice(items, PART_ITEMS[dict])):
                parts.append(orjson.dumps([path, chunk]))
            return {}
        if type(value) is list and len(value) > PART_ITEMS[list]:
            step = PART_ITEMS[list]
            parts.extend(
                orjson.dumps([path, value[n : n + step]]) for n in range(0, len(value), step)
            )
            return []
        return value

    for key, value in doc.items():
        if type(value) is list and any(type(v) is list for v in value):  # columns
            head[key] = [parted([key, n], v) for n, v in enumerate(value)]
        else:
            head[key] = parted([key], value)
    if not parts:
        return orjson.dumps(doc)
    head[PARTS_KEY] = len(parts)
    return b"\n".join([orjson.dumps(head), *parts])


def _load_entry(raw: bytes) -> Any:
    """What :func:`_dump_entry` wrote as ``raw``; ValueError (or a subclass) if it is not
    exactly such an entry."""
    first = raw.find(b"\n")
    if first < 0:
        return orjson.loads(raw)
    view = memoryview(raw)
    doc = orjson.loads(view[:first])
    count = doc.pop(PARTS_KEY, None) if type(doc) is dict else None
    if type(count) is not int:
        raise ValueError("not an entry in parts")
    pos = first + 1
    for _ in range(count):
        end = raw.find(b"\n", pos)
        end = len(raw) if end < 0 else end
        part = orjson.loads(view[pos:end])  # (a part at a time: others may run between)
        pos = end + 1
        if type(part) is not list or len(part) != 2 or type(part[0]) is not list:
            raise ValueError("not a part")
        path, items = part
        target: Any = doc
        try:
            for step in path:
                target = target[step]
        except (KeyError, IndexError, TypeError):
            raise ValueError("a part of nothing") from None
        if type(target) is dict and type(items) is dict:
            target.update(items)
        elif type(target) is list and type(items) is list:
            target.extend(items)
        else:
            raise ValueError("a part of another kind")
    if pos <= len(raw):
        raise ValueError("more parts than the entry says")
    return doc


def _read_entry(path: Path, **says: Any) -> dict[str, Any] | None:
    """The cache entry at ``path``, if it is readable and says what ``says`` holds (its
    ``checksum``, …); marked in use, so the next prune keeps it."""
    try:
        doc = _load_entry(path.read_bytes())
    except (OSError, ValueError, UnicodeError):
        return None
    if not isinstance(doc, dict) or any(doc.get(k) != v for k, v in says.items()):
        return None
    with contextlib.suppress(OSError):
        os.utime(path)
    return doc


def read_index(store: Path, checksum: str) -> dict[str, Any] | None:
    """The cached index of touches whose bytes have ``checksum``; None if there is none, or
    it is unreadable or does not say it was made from them."""
    doc = _read_entry(entry_path(checksum), checksum=checksum)
    if doc is not None:
        doc.pop("store", None)
    return doc


def write_index(store: Path, index: dict[str, Any]) -> bool:
    """Cache ``index`` (stamped with its ``checksum``) made for the file ``store``; False if it
    could not be written (never raises: the cache is only a shortcut)."""
    checksum = index.get("checksum")
    if not isinstance(checksum, str):
        return False
    if not _write_small(entry_path(checksum), {**index, "store": os.path.abspath(store)}):
        return False
    prune()
    return True


def prune(
    keep: int = KEEP, folder: Path | None = None, only: Callable[[str], bool] | None = None
) -> None:
    """Keep the ``keep`` newest entries of ``folder`` (the index's by default; ``only``:
    of those whose name it accepts); remove the others and leftover temp files."""
    entries: list[tuple[float, str]] = []
    try:
        with os.scandir(folder or index_folder()) as found:
            for e in found:
                if only is not None and not only(e.name):
                    continue
                try:
                    entries.append((e.stat().st_mtime, e.path))
                except OSError:
                    continue
    except OSError:
        return
    entries.sort(reverse=True)
    for n, (mtime, path) in enumerate(entries):
        temp = os.path.basename(path).startswith(CACHE_TEMP_PREFIX)
        if n >= keep or (temp and mtime < _now() - 3600):
            with contextlib.suppress(OSError):
                os.unlink(path)


#: How many decoded-table entries are kept (the newest written or read), over all tables:
#: the three tables of a store in use, of a few other stores (a demo, a copy) and of the
#: states just before.
KEEP_TABLES = 24
#: The shape of a decoded-table entry; an entry of another shape is not read.
TABLE_FORMAT = 1


def tables_folder() -> Path:
    """Where the decoded-table entries are."""
    return cache_dir() / "tables"


def table_path(table: str, checksum: str) -> Path:
    """The entry for table ``table`` whose bytes have ``checksum``."""
    safe = "".join(ch if ch.isalnum() else "-" for ch in f"{table}-{checksum}")[:100]
    return tables_folder() / f"{safe}.json"


def read_table(table: str, checksum: str) -> dict[str, Any] | None:
    """The cached decoded form of the table ``table`` whose bytes have ``checksum`` (what
    :func:`write_table` kept); None if there is none, or it is unreadable or does not say it
    was made from those bytes. What it holds is checked by its reader."""
    return _read_entry(
        table_path(table, checksum), checksum=checksum, table=table, format=TABLE_FORMAT
    )


def drop_table(table: str) -> None:
    """Remove every cached decoded form of the table ``table`` (a record was deleted: no
    copy of it stays in the cache); best effort."""
    try:
        with os.scandir(tables_folder()) as found:
            names = [e.path for e in found if e.name.startswith(f"{table}-")]
    except OSError:
        return
    for path in names:
        with contextlib.suppress(OSError):
            os.unlink(path)


def write_table(store: Path, table: str, checksum: str, payload: dict[str, Any]) -> bool:
    """Cache ``payload`` as the decoded form of the table ``table`` whose bytes have
    ``checksum`` (made for the file ``store``); False if it could not be written (never
    raises: the cache is only a shortcut)."""
    doc = {
        **payload,
        "format": TABLE_FORMAT,
        "table": table,
        "checksum": checksum,
        "store": os.path.abspath(store),
    }
    if not _write_small(table_path(table, checksum), doc):
        return False
    prune(KEEP_TABLES, tables_folder())
    return True


def _now() -> float:
    import time

    return time.time()


#: How many files of its own writing networkhabit remembers (the newest; ~250 bytes each:
#: enough that the writes to one store never push out what another one was last left as;
#: pruned now and then: see :data:`PRUNE_EVERY`).
KEEP_CHECKED = 200


def _checked_folder() -> Path:
    return cache_dir() / "checked"


def content_key(raw: bytes | memoryview) -> str:
    """The name of a file's content: crc32 and length (not a defence against tampering — one
    who can write the file can write anything — but a check that these are the very bytes)."""
    return content_key_of([raw])


def content_key_of(pieces: Sequence[bytes | memoryview]) -> str:
    """:func:`content_key` of the bytes ``pieces`` make one after the other."""
    import zlib

    crc = 0
    for piece in pieces:
        crc = zlib.crc32(piece, crc)
    return f"{crc:08x}-{sum(len(p) for p in pieces)}"


#: crc32's polynomial (reflected), and the powers x^(2^k) modulo it, k = 0 … 31 (zlib's
#: ``x2n_table``; each the square of the one before, as a test checks).
_POLY = 0xEDB88320
_X2N = (
    0x40000000, 0x20000000, 0x08000000, 0x00800000, 0x00008000, 0xEDB88320, 0xB1E6B092,
    0xA06A2517, 0xED627DAE, 0x88D14467, 0xD7BBFE6A, 0xEC447F11, 0x8E7EA170, 0x6427800E,
    0x4D47BAE0, 0x09FE548F, 0x83852D0F, 0x30362F1A, 0x7B5A9CC3, 0x31FEC169, 0x9FEC022A,
    0x6C8DEDC4, 0x15D6874D, 0x5FDE7A4E, 0xBAD90E37, 0x2E4E5EEF, 0x4EABA214, 0xA8A472C0,
    0x429A969E, 0x148D302A, 0xC40BA6D0, 0xC4E22C3C,
)  # fmt: skip


def _multmodp(a: int, b: int) -> int:
    """a times b modulo the crc32 polynomial (both reflected, as zlib's ``multmodp``)."""
    m = 1 << 31
    p = 0
    while True:
        if a & m:
            p ^= b
            if not a & (m - 1):
                return p
        m >>= 1
        b = (b >> 1) ^ _POLY if b & 1 else b >> 1


def crc32_combine(crc1: int, crc2: int, len2: int) -> int:
    """The crc32 of two byte strings one after the other, from their own crc32s and the second
    one's length (zlib's ``crc32_combine``, which Python does not offer): joining the crcs of a
    file's tables costs a few microseconds, reading a table's bytes again a millisecond a MB."""
    p, k, n = 1 << 31, 3, len2  # x^0, then x^(8·len2): a byte is 8 bits (2^3)
    while n:
        if n & 1:
            p = _multmodp(_X2N[k & 31], p)
        n >>= 1
        k += 1
    return _multmodp(p, crc1) ^ crc2


def content_key_known(pieces: Sequence[bytes | memoryview], crcs: Sequence[int | None]) -> str:
    """:func:`content_key_of` ``pieces``, where ``crcs`` gives the crc32 of some of them already
    (None for the others): those are not read again."""
    import zlib

    crc = 0
    for piece, known in zip(pieces, crcs, strict=True):
        crc = zlib.crc32(piece, crc) if known is None else crc32_combine(crc, known, len(piece))
    return f"{crc:08x}-{sum(len(p) for p in pieces)}"


def known_content(key: str) -> bool:
    """Whether networkhabit wrote a file whose content is named ``key`` (:func:`wrote`)."""
    path = _checked_folder() / f"{key}.json"
    if not path.is_file():
        return False
    with contextlib.suppress(OSError):
        os.utime(path)  # in use: kept by the next prune
    return True


def _last_path(store: Path, what: str = "last") -> Path:
    """Where what networkhabit remembers of the file at ``store`` is kept: its last write
    (``last-…``), or its last read (``last-read-…``: :func:`remember_read`)."""
    import zlib

    real = os.path.abspath(store).encode("utf-8", "surrogateescape")
    return _checked_folder() / f"{what}-{zlib.crc32(real):08x}.json"


def _memo(path: Path, store: Path, signature: tuple[int, ...] | None) -> dict[str, Any] | None:
    """The memo at ``path`` of the file ``store``, if readable, of that file, and (with
    ``signature``) made for that identity of it."""
    doc = _read_entry(path, store=os.path.abspath(store))  # (in use: kept by a prune)
    if doc is None:
        return None
    if signature is not None and doc.get("signature") != list(signature):
        return None
    return doc


def wrote(raw: bytes | memoryview) -> bool:
    """Whether networkhabit wrote a file with exactly the bytes ``raw`` (a copy of one it
    wrote: a backup put back, a copy made by a benchmark, a git checkout of a merge it made).
    The file its last write left at a path is known by its identity: :func:`last_written`."""
    return known_content(content_key(raw))


def remember_written(
    store: Path,
    signature: tuple[int, ...],
    key: str,
    spans: dict[str, tuple[int, int]] | None = None,
    touches: str | None = None,
    crcs: dict[str, int] | None = None,
) -> None:
    """Remember that networkhabit wrote the file ``store`` (identity ``signature``, content
    named ``key`` by :func:`content_key`), where its tables lie in it (``spans``), the
    checksum of its touches' bytes (``touches``: what its index is named by) and the crc32 of
    some tables' bytes (``crcs``: the next write copies them without reading them); best
    effort."""
    folder = _checked_folder()
    doc: dict[str, Any] = {"store": os.path.abspath(store), "signature": list(signature)}
    doc["content"] = key
    if spans is not None:
        doc["spans"] = {name: list(span) for name, span in spans.items()}
    if touches is not None:
        doc["touches"] = touches
    if crcs:
        doc["crcs"] = crcs
    wrote = _write_small(_last_path(store), doc) and _write_small(folder / f"{key}.json", doc)
    if wrote and _prunes(key):
        _prune_checked(folder)


#: The folder of files networkhabit wrote is pruned after about one write in this many
#: (looking at each entry's time costs more than the rest of a write's caching), so it holds
#: :data:`KEEP_CHECKED` entries and a few more.
PRUNE_EVERY = 16


def _prunes(key: str) -> bool:
    """Whether the write of the content named ``key`` prunes (its crc32 picks one in
    :data:`PRUNE_EVERY`: as good as a die, and the same for the same content)."""
    try:
        return int(key[:8], 16) % PRUNE_EVERY == 0
    except ValueError:
        return True


def last_written(store: Path, signature: tuple[int, ...] | None = None) -> dict[str, Any] | None:
    """What :func:`remember_written` kept of the last write to the file ``store`` (None if
    nothing): its ``signature``, and maybe its ``spans`` and ``touches`` checksum. With
    ``signature``: only if the file still has that identity (it is what that write left)."""
    return _memo(_last_path(store), store, signature)


#: A file changed this recently (its mtime or ctime) is not remembered as read: a change
#: within the same tick of a coarse clock (a second on some file systems, two on FAT) would
#: leave its identity as it was (git's "racily clean" entries, the same way).
RACY_S = 3.0


def remember_read(
    store: Path,
    signature: tuple[int, ...],
    spans: dict[str, tuple[int, int]],
    touches: str | None,
    keys: dict[str, str],
) -> dict[str, Any] | None:
    """Remember where the tables of the file ``store`` (identity ``signature``) lie, the
    checksum of its touches' bytes and of some tables' bytes (``keys``), as a read found
    them: the next read of the same file (:func:`last_read`) need not read or checksum it
    again. Only for a file that did not change in the last :data:`RACY_S` seconds (the
    identity of one that did may not tell a change made next). Unlike :func:`remember_written`
    this never makes a file count as one networkhabit wrote: a write still parses it whole.
    Best effort. Returns what it kept (None: nothing)."""
    newest = max(signature[3], signature[4]) if len(signature) >= 5 else None
    if newest is None or _now() * 1e9 - newest < RACY_S * 1e9:
        return None
    doc: dict[str, Any] = {"store": os.path.abspath(store), "signature": list(signature)}
    doc["spans"] = {name: list(span) for name, span in spans.items()}
    if touches is not None:
        doc["touches"] = touches
    doc["keys"] = keys
    return doc if _write_small(_last_path(store, "last-read"), doc) else None


def last_read(store: Path, signature: tuple[int, ...]) -> dict[str, Any] | None:
    """What :func:`remember_read` kept of the file ``store``, if it still has the identity
    ``signature`` (None if not, or nothing was kept)."""
    return _memo(_last_path(store, "last-read"), store, signature)


def _write_small(target: Path, doc: dict[str, Any]) -> bool:
    """Write ``doc`` to ``target`` through a temp file (no fsync: a cache entry lost on power
    loss is made again); False if it could not be written."""
    from networkhabit.store.tempfiles import make_temp

    tmp = ""
    try:
        raw = _dump_entry(doc)
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = make_temp(target.parent, CACHE_TEMP_PREFIX)
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
        os.replace(tmp, target)
    except (OSError, TypeError, ValueError):
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        return False
    return True


#: How many stores' memos (what networkhabit last wrote or read at a path: ``last-*``) are
#: kept, the newest; a store left alone for longer is read and written the full way once.
KEEP_LAST = 400


def _prune_checked(folder: Path) -> None:
    """Keep the newest :data:`KEEP_CHECKED` contents and :data:`KEEP_LAST` stores' memos."""
    prune(KEEP_CHECKED, folder, lambda name: not name.startswith("last-"))
    prune(KEEP_LAST, folder, lambda name: name.startswith("last-"))
