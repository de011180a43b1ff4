"""The store: typed records in and out of one TinyDB JSON file.

Read with :meth:`Store.snapshot` (a frozen :class:`~networkhabit.domain.model.Snapshot`);
change with :meth:`Store.add`, :meth:`Store.update`, :meth:`Store.remove`, grouped
in :meth:`Store.transaction` when several changes must land together (one lock,
one atomic write). Every write re-reads the file under the lock first, so two
processes never lose each other's writes. An older file is migrated on open (after a
copy is saved to ``backups/``); the first write of each day saves a daily backup.
See docs/store-guarantees.md for what the store promises and which test proves it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from networkhabit.domain.model import Interaction, Plan, Settings, Snapshot, TouchIndex
from networkhabit.domain.touches import touch_index
from networkhabit.store import cache, codec
from networkhabit.store.codec import META_TABLE, TABLES, Record
from networkhabit.store.storage import (
    SCHEMA_VERSION,
    SPLICE_BYTES_EACH,
    SPLICE_MAX,
    Data,
    Signature,
    StoreError,
    StoreFile,
    Tables,
    restore_hint,
)

R = TypeVar("R", bound=Record)

#: What the daily paths read: every table but the touches (the index stands in for them).
DAILY_TABLES = ("contacts", "links", "habits", "checkins", "breaks")
#: What :meth:`Store.people` reads.
PEOPLE_TABLES = ("contacts", "links")
#: The daily tables read from their decoded form cached beside the file when it matches
#: (see :func:`codec.from_columns`, :func:`cache.read_table`).
_DECODERS = {name: functools.partial(codec.from_columns, name) for name in codec.COLUMNS}
#: What the habit rules (streaks, strength, agenda progress, the week grid) read from a
#: partial snapshot besides the touch index: the contacts too, for habits that count the
#: contacts added (without them such a habit silently counts nothing).
HABIT_TABLES = ("contacts", "habits", "checkins", "breaks")


class Store:
    """One networkhabit store file."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.file = StoreFile(self.path)
        self.file.before_write.append(_stamp_schema)
        self.file.before_write.append(_daily_backup)
        self.file.derive = codec.index_doc
        self.file.patch = codec.patch_index
        self._snapshot: tuple[Signature | None, Snapshot] | None = None

    # -- reading ---------------------------------------------------------------
    def check(self) -> None:
        """Open the store: raise :class:`StoreError` if the file is not a store this version can
        use; upgrade an older one (after a backup); remove temp files a dead writer left."""
        self.file.clean_temp_files()
        meta = self.file.peek()  # a file the store wrote and nobody changed: no full parse
        if meta is not None and schema_of(meta, self.path) == SCHEMA_VERSION:
            self.file.flush_warnings()
            return
        self._current(self.file.load())

    def _current(self, data: Data) -> Data:
        """``data``, migrated on disk first if it is from an older schema."""
        if not data or self.file._depth or schema_of(data, self.path) == SCHEMA_VERSION:
            self.file.flush_warnings()
            return data
        with self.transaction():  # migrates under the lock (another process may be at it too)
            pass
        return self.file.load()

    def exists(self) -> bool:
        """Whether the file is there yet (it is created on the first write)."""
        return self.path.exists()

    def signature(self) -> Signature | None:
        """Changes whenever the file is replaced; cheap enough to poll."""
        return self.file.signature()

    def snapshot(self) -> Snapshot:
        """Everything in the store now, as frozen records (cached while the file is unchanged)."""
        data = self._current(self.file.load())
        sig = self.file.signature()
        if (
            self._snapshot is not None
            and self._snapshot[0] == sig
            and sig is not None
            and self.file._depth == 0
        ):
            return self._snapshot[1]
        snap = decode(data, self.path)
        if self.file._depth == 0:
            self._snapshot = (sig, snap)
        return snap

    def indexed(self, tables: Collection[str] = DAILY_TABLES) -> Snapshot:
        """A partial snapshot for the daily paths (see :class:`Snapshot`): the records of
        ``tables`` (settings always), the touches with an open follow-up and a
        :class:`~networkhabit.domain.model.TouchIndex` of all touches. Read from the index
        cached outside the file when it still matches the touches — without parsing them at
        all; else worked out from the touches (and cached for the next read)."""
        got = None
        held = self.file.unchanged_index()  # inside a transaction: the parse it holds
        if held is not None:
            data = self.file.load()
            got = self._index(held)
        fast = self.file.load_some(tables, _DECODERS) if got is None else None
        decoded: dict[str, Any] = {}
        keys: dict[str, str] = {}
        if fast is not None and schema_of(fast.tables, self.path) == SCHEMA_VERSION:
            data, decoded, keys = fast.tables, fast.decoded, fast.keys
            self.file.flush_warnings()
            got = self._index(fast.index)
        if got is None:
            data = self._current(self.file.load())
            fresh = codec.index_doc(data)
            got = self._index(fresh)
            if fresh is not None and got is not None:
                self.file.remember_index(fresh)  # the cache was missing or stale: make it anew
        if got is None:  # a date in a form the store does not write: the exact, slow way
            whole = decode(data, self.path).interactions
            got = (
                touch_index(whole),
                tuple(i for i in whole if i.follow_up and not i.follow_up_done),
            )
        skip = tuple(t for t in TABLES.values() if t not in tables or t == "interactions")
        snap = decode(data, self.path, skip=skip, decoded=decoded)
        index, pending = got
        snap = dataclasses.replace(snap, interactions=pending, index=index, partial=True)
        self._cache_decoded(keys, snap)
        return snap

    def records_of(self, tables: Collection[str]) -> Snapshot:
        """Only the records of ``tables`` (settings always), without the touches or their index:
        a partial snapshot whose ``index`` is None, for an action that reads no touch (a
        check-in of a habit that counts nothing but its check-ins). Inside a transaction, the
        tables it holds (a table with a cached decoded form matching its bytes: from there)."""
        data = self._current(self.file.load())
        skip = tuple(t for t in TABLES.values() if t not in tables or t == "interactions")
        snap = decode(data, self.path, skip=skip)
        return dataclasses.replace(snap, interactions=(), partial=True)

    def _cache_decoded(self, keys: dict[str, str], snap: Snapshot) -> None:
        """Cache the decoded form of the tables a fast read parsed (checksums: ``keys``)."""
        for name, key in keys.items():
            cache.write_table(self.path, name, key, codec.columns_of(name, getattr(snap, name)))

    def touches_of(self, uid: str) -> tuple[Interaction, ...]:
        """Every touch with the contact ``uid`` (for a timeline), decoding only those."""
        data = self._current(self.file.load())
        try:
            return tuple(
                codec.interaction_from_doc(d)
                for d in (data.get("interactions") or {}).values()
                if uid in (d.get("contacts") or ())
            )
        except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:
            raise bad_record(data, self.path, exc) from None

    def _index(
        self, doc: dict[str, Any] | None
    ) -> tuple[TouchIndex, tuple[Interaction, ...]] | None:
        if doc is None:
            return None
        try:
            return codec.index_from_doc(doc)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise malformed(self.path, exc) from None

    def people(self, tables: Collection[str] = PEOPLE_TABLES) -> Snapshot:
        """Contacts, links and settings only: for commands that find or match people and then
        write (decoding 100,000 touches would cost more than the whole command; for the
        touches with an open follow-up, see :meth:`indexed`). ``tables``: which of the
        contacts and the links to read (the other is left empty; ``()``: the settings
        alone) — an import that makes new people needs none of the links, say."""
        if (
            self._snapshot is not None
            and not self.file._depth
            and self._snapshot[0] == self.file.signature()
        ):
            return self._snapshot[1]
        names = [t for t in PEOPLE_TABLES if t in tables]
        skip = (*HISTORY_TABLES, *(t for t in PEOPLE_TABLES if t not in names))
        fast = self.file.load_some(names, _DECODERS, with_index=False)
        if fast is not None and schema_of(fast.tables, self.path) == SCHEMA_VERSION:
            self.file.flush_warnings()
            snap = decode(fast.tables, self.path, skip=skip, decoded=fast.decoded)
            self._cache_decoded(fast.keys, snap)
            return snap
        return decode(self._current(self.file.load()), self.path, skip=skip)

    def find(self, records: Iterable[Record]) -> list[Record]:
        """The stored versions of ``records`` (matched by type and uid; those gone left out),
        reading only their tables — inside a transaction, a table not parsed yet is searched
        on the file's bytes."""
        wanted: dict[type[Record], set[str]] = {}
        for r in records:
            wanted.setdefault(type(r), set()).add(r.uid)
        data = self.file.load()
        try:
            return [
                codec.FROM_DOC[kind](doc)
                for kind, uids in wanted.items()
                for _uid, _key, doc in self._located(data, TABLES[kind], uids)[0]
            ]
        except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:
            raise bad_record(data, self.path, exc) from None

    def _located(
        self, data: Data, name: str, uids: Collection[str]
    ) -> tuple[list[tuple[str, str, dict[str, Any]]], bool]:
        """The records of table ``name`` with these uids — (uid, key, document) — and whether
        they were found on the file's bytes (a table not handed out in this transaction: change
        them with :func:`_put` on the bytes too) rather than in the parsed table."""
        if _on_bytes(data, name, len(uids)):
            assert isinstance(data, Tables)
            located = data.find_uids(name, uids, _open_keys(self.file, name))
            if len(located) == len(uids):  # (one not found: look in the parsed table)
                return [(uid, key, doc) for uid, (key, doc) in located.items()], True
        table = data.get(name) or {}
        return [
            (doc["uid"], key, doc)
            for key, doc in table.items()
            if isinstance(doc, dict) and doc.get("uid") in uids
        ], False

    def written(self) -> tuple[Signature | None, Signature, dict[str, Any]] | None:
        """See :meth:`StoreFile.written`."""
        return self.file.written()

    def is_empty(self) -> bool:
        """No contacts, habits or touches yet."""
        data = self.file.load()
        return not any(data.get(t) for t in ("contacts", "habits", "interactions"))

    # -- writing ---------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator[Store]:
        """Group changes: one lock, one atomic write at the end, nothing written on error."""
        with self.file.transaction() as data:
            version = schema_of(data, self.path)
            self.file.flush_warnings()
            if version < SCHEMA_VERSION and data:
                from networkhabit.store import backup, migrations  # an old file: rare

                backup.save_aside(self.file, f"before-schema-{SCHEMA_VERSION}")
                self.file.mark_dirty(migrations.migrate(data, version))
            yield self

    def add(self, record: R) -> R:
        """Insert a record."""
        self.add_many([record])
        return record

    def add_many(self, records: Iterable[Record]) -> int:
        """Insert many records in one write; returns how many."""
        by_table: dict[str, list[dict[str, Any]]] = {}
        now = utc_now()
        for r in records:
            by_table.setdefault(TABLES[type(r)], []).append(_stamped(codec.to_doc(r), None, now))
        with self.transaction():
            data = self.file.load()
            _lift_tombstones(data, {d["uid"] for docs in by_table.values() for d in docs})
            for name, docs in by_table.items():
                if _on_bytes(data, name, len(docs)):  # not parsed: added on the file's bytes
                    assert isinstance(data, Tables)
                    size = _touch_count(self.file) if name == "interactions" else None
                    keys = data.new_keys(name, len(docs), size)
                    for key, doc in zip(keys, docs, strict=True):
                        data.put(name, key, doc)
                        self.file.note(name, key, None, doc)
                    continue
                table = data.setdefault(name, {})
                # TinyDB's document ids: one more than the largest so far
                next_id = max((int(k) for k in table), default=0) + 1
                for n, doc in enumerate(docs, start=next_id):
                    table[str(n)] = doc
                    self.file.note(name, str(n), None, doc)
            self.file.mark_dirty(noted=True)
        return sum(len(d) for d in by_table.values())

    def update(self, record: R) -> R:
        """Replace the stored record with the same uid; :class:`StoreError` if it is gone."""
        if not self.update_many([record]):
            raise StoreError(f"{self.path}: record {record.uid} is no longer in the store")
        return record

    def update_many(self, records: Iterable[Record]) -> int:
        """Replace many records (matched by uid) in one write; returns how many were found."""
        by_table: dict[str, dict[str, dict[str, Any]]] = {}
        for r in records:
            by_table.setdefault(TABLES[type(r)], {})[r.uid] = codec.to_doc(r)
        found = 0
        now = utc_now()
        with self.transaction():
            data = self.file.load()
            for table, docs in by_table.items():
                located, on_bytes = self._located(data, table, docs.keys())
                for uid, key, doc in located:
                    new = _stamped(docs[uid], doc, now)
                    _put(data, table, key, new, on_bytes)
                    self.file.note(table, key, doc, new)
                    found += 1
            if found:
                self.file.mark_dirty(noted=True)
        return found

    def remove(self, kind: type[Record], uids: Iterable[str]) -> int:
        """Delete records of a type by uid; returns how many."""
        wanted = set(uids)
        name = TABLES[kind]
        with self.transaction():
            data = self.file.load()
            located, on_bytes = self._located(data, name, wanted)
            for _uid, key, doc in located:
                _put(data, name, key, None, on_bytes)
                self.file.note(name, key, doc, None)
            if located:
                add_tombstones(data, name, [uid for uid, _key, _doc in located], utc_now())
                self.file.mark_dirty(noted=True)
        if located:  # no decoded copy of what was removed stays in the cache
            cache.drop_table(name)
        return len(located)

    def save_settings(self, settings: Settings) -> None:
        """Store the user settings."""
        with self.transaction():
            data = self.file.load()
            meta = data.setdefault(META_TABLE, {})
            doc = meta.setdefault("1", {})
            new = codec.settings_to_doc(settings)
            if doc.get("settings") != new:
                doc["modified"] = utc_now()  # when the settings last changed (sync merges them)
            doc["settings"] = new
            self.file.mark_dirty(noted=True)  # no touch changed

    def save_meta(self, key: str, value: Any) -> None:
        """Keep ``value`` (plain JSON data) under ``key`` in the meta record (beside the
        settings): small state such as the future meetings, or the last capture."""
        with self.transaction():
            data = self.file.load()
            doc = data.setdefault(META_TABLE, {}).setdefault("1", {})
            if doc.get(key) != value:
                doc[key] = value
                self.file.mark_dirty(noted=True)  # no touch changed

    def meta_value(self, key: str) -> Any:
        """What :meth:`save_meta` kept under ``key`` (None if nothing)."""
        meta = self.file.load().get(META_TABLE) or {}
        doc = meta.get("1")
        return doc.get(key) if isinstance(doc, dict) else None

    def save_plans(self, plans: Iterable[Plan]) -> None:
        """Make the store's future meetings exactly ``plans``."""
        docs = {p.uid: codec.plan_to_doc(p) for p in plans}
        self.save_meta(codec.PLANS_KEY, docs)

    def replace_all(self, snap: Snapshot) -> None:
        """Make the store hold exactly ``snap`` (demo --force, import json into a new store).

        A store that held anything is first saved aside to ``backups/`` (before-replace).
        """
        with self.transaction():
            if any(self.file.load().get(t) for t in TABLES.values()):
                from networkhabit.store import backup

                backup.save_aside(self.file, "before-replace")
            data: Data = {name: {} for name in TABLES.values()}
            data[META_TABLE] = {
                "1": {"schema": SCHEMA_VERSION, "settings": codec.settings_to_doc(snap.settings)}
            }
            now = utc_now()
            for records in snap.record_groups():
                for n, r in enumerate(records, start=1):
                    data[TABLES[type(r)]][str(n)] = _stamped(codec.to_doc(r), None, now)
            self.file.mark_dirty(data)

    def replace_tables(self, data: Data) -> None:
        """Make the file hold exactly ``data``, tables as they are (a sync merge's result:
        ``modified`` stamps and tombstones kept); the old file is saved aside first."""
        with self.transaction():
            if any(self.file.load().get(t) for t in TABLES.values()):
                from networkhabit.store import backup

                backup.save_aside(self.file, "before-merge")
            self.file.mark_dirty({k: v for k, v in data.items()})

    def raw(self) -> Data:
        """The file's tables as plain JSON data (doctor, export)."""
        return self.file.load()


#: The table of tombstones: what was deleted, so that a merge with another copy of the store
#: does not bring it back. Each document: ``{"uid", "kind" (its table), "when" (UTC)}``.
TOMBSTONES = "tombstones"


def utc_now() -> str:
    """The time now in UTC as the store stamps it: ``2026-11-20T09:30:00.123456Z`` (ISO,
    microseconds: strings of this form sort as the times do)."""
    from datetime import UTC, datetime

    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _stamped(new: dict[str, Any], old: dict[str, Any] | None, now: str) -> dict[str, Any]:
    """``new`` with its ``modified`` time: ``old``'s if nothing else changed, else ``now``."""
    if old is not None and old.get("modified"):
        same = len(old) - ("modified" in old) == len(new) and all(
            old.get(k, new) == v for k, v in new.items()
        )
        if same:
            new["modified"] = old["modified"]
            return new
    new["modified"] = now
    return new


def _touch_count(file: StoreFile) -> int | None:
    """How many touches the file held when the transaction began (from its index), if known."""
    index = file.held_index()
    days = index.get("days") if index is not None else None
    return sum(days.values()) if isinstance(days, dict) else None


def _open_keys(file: StoreFile, table: str) -> dict[str, str] | None:
    """The keys of the touches with an open follow-up, by uid (from the index), if known: the
    touches most often changed."""
    index = file.held_index() if table == "interactions" else None
    docs = index.get("open") if index is not None else None
    if not isinstance(docs, dict):
        return None
    return {d["uid"]: key for key, d in docs.items() if isinstance(d, dict) and "uid" in d}


def _put(data: Data, table: str, key: str, doc: dict[str, Any] | None, on_bytes: bool) -> None:
    """Make the record ``key`` of ``table`` ``doc`` (None: remove it): on the file's bytes (see
    :meth:`Store._located`) or in the parsed table."""
    if on_bytes:
        assert isinstance(data, Tables)
        data.put(table, key, doc)
    elif doc is None:
        del data[table][key]
    else:
        data[table][key] = doc


def _on_bytes(data: Data, table: str, n: int) -> bool:
    """Whether ``n`` records of ``table`` are best changed on the file's bytes: the table has
    not been handed out in this transaction (and they are not too many, for its size)."""
    return (
        isinstance(data, Tables)
        and n <= SPLICE_MAX
        and n * SPLICE_BYTES_EACH <= data.size_of(table)
        and data.untouched(table)
    )


def _lift_tombstones(data: Data, uids: set[str]) -> None:
    """A record added again (an undone delete) is no longer deleted: its tombstone goes."""
    stones = data.get(TOMBSTONES)
    if not stones or not uids:
        return
    for key in [k for k, d in stones.items() if isinstance(d, dict) and d.get("uid") in uids]:
        del stones[key]


def add_tombstones(data: Data, table: str, uids: Iterable[str], when: str) -> None:
    """Record in ``data`` that the records ``uids`` of ``table`` were deleted at ``when``."""
    stones = data.setdefault(TOMBSTONES, {})
    by_uid = {d.get("uid"): k for k, d in stones.items() if isinstance(d, dict)}
    next_id = max((int(k) for k in stones if k.isdigit()), default=0) + 1
    for uid in uids:
        doc = {"uid": uid, "kind": table, "when": when}
        key = by_uid.get(uid)
        if key is None:
            key = str(next_id)
            next_id += 1
        stones[key] = doc


def schema_of(data: Data, path: Path) -> int:
    """The file's schema version; :class:`StoreError` if it is newer than this version knows."""
    meta = data.get(META_TABLE) or {}
    version = 0
    for doc in meta.values():
        if isinstance(doc, dict) and "schema" in doc:
            version = doc["schema"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        # (doctor says the same: a version below 0 was never written, so nothing migrates it)
        raise StoreError(
            f"{path}: its schema version {version!r} is not a version number; the file was "
            f"left untouched; {restore_hint(path)}"
        )
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: made by a newer networkhabit (schema {version}, this one reads up to "
            f"{SCHEMA_VERSION}); upgrade networkhabit — the file was left untouched"
        )
    return version


def _daily_backup(file: StoreFile, data: Data) -> None:
    """:func:`networkhabit.store.backup.daily_backup`, imported by the first write (a read
    never needs it)."""
    from networkhabit.store import backup

    backup.daily_backup(file, data)


def _stamp_schema(file: StoreFile, data: Data) -> None:
    meta = data.setdefault(META_TABLE, {})
    doc = meta.setdefault("1", {})
    doc["schema"] = SCHEMA_VERSION
    doc.setdefault("settings", codec.settings_to_doc(Settings()))
    for name in TABLES.values():
        if name not in data:  # (not setdefault: that would parse a table only to see it is there)
            data[name] = {}


HISTORY_TABLES = ("interactions", "habits", "checkins", "breaks")


def decode(
    data: Data, path: Path, skip: tuple[str, ...] = (), decoded: dict[str, Any] | None = None
) -> Snapshot:
    """A :class:`Snapshot` from the file's tables (leaving out the ``skip`` ones);
    :class:`StoreError` on a malformed record. The records of a table in ``decoded`` (read
    from its cached decoded form) are taken as they are; so are those of a table the file
    has not parsed yet whose cached decoded form matches its bytes (it stays unparsed: a
    transaction's write then copies its bytes as they are). A miss here is not cached: inside
    a transaction those are likely the bytes its write is about to replace."""
    schema_of(data, path)
    decoded = dict(decoded or {})
    if isinstance(data, Tables):
        wanted = [t for t in codec.COLUMNS if t not in skip and t not in decoded]
        decoded.update(data.from_cache(wanted, _DECODERS)[0])
    skip = (*skip, *decoded)
    if skip:  # (asked for by name: the tables skipped are never parsed)
        data = {
            name: data[name]
            for name in (META_TABLE, *TABLES.values())
            if name in data and name not in skip
        }
    try:
        meta = data.get(META_TABLE) or {}
        settings = codec.settings_from_doc(
            next((d.get("settings") for d in meta.values() if isinstance(d, dict)), None)
        )
        plans = next((d.get(codec.PLANS_KEY) for d in meta.values() if isinstance(d, dict)), None)
        records: dict[str, Any] = {
            "contacts": tuple(
                codec.contact_from_doc(d) for d in (data.get("contacts") or {}).values()
            ),
            "interactions": tuple(
                codec.interaction_from_doc(d) for d in (data.get("interactions") or {}).values()
            ),
            "links": codec.links_from_docs((data.get("links") or {}).values()),
            "habits": tuple(codec.habit_from_doc(d) for d in (data.get("habits") or {}).values()),
            "checkins": codec.checkins_from_docs((data.get("checkins") or {}).values()),
            "breaks": tuple(codec.break_from_doc(d) for d in (data.get("breaks") or {}).values()),
        }
        return Snapshot(
            **(records | decoded),
            settings=settings,
            plans=codec.plans_from_meta(plans) if plans else (),
        )
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:
        raise bad_record(data, path, exc) from None


def malformed(path: Path, exc: Exception) -> StoreError:
    """The error for a record the file holds in a shape this version cannot read."""
    if isinstance(exc, codec.BadRecord):
        return StoreError(f"{path}: {exc} — run networkhabit doctor")
    return StoreError(
        f"{path}: a record is malformed ({type(exc).__name__}: {exc}); run 'networkhabit doctor'"
    )


#: A record's table in words.
NOUNS = {
    "contacts": "contact",
    "interactions": "touch",
    "links": "link",
    "habits": "habit",
    "checkins": "check-in",
    "breaks": "break",
}


def bad_record(data: Data, path: Path, exc: Exception) -> StoreError:
    """The error naming the first record :func:`decode` cannot read: its table, id and name
    ("contact 12 'Ana Ruiz': tags is text, not a list — run networkhabit doctor")."""
    from networkhabit.domain.safe import quote

    for kind, table in TABLES.items():
        decoder = codec.FROM_DOC[kind]
        for key, doc in (data.get(table) or {}).items():
            try:
                decoder(doc)
            except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as err:
                if isinstance(err, codec.BadRecord):
                    why = str(err)
                elif isinstance(err, KeyError):
                    why = f"{err.args[0]} is missing"
                else:
                    why = f"cannot be read ({type(err).__name__}: {err})"
                name = doc.get("name") if isinstance(doc, dict) else None
                label = f"{NOUNS[table]} {quote(key, 20)}" if not key.isdigit() else None
                label = label or f"{NOUNS[table]} {key}"
                if isinstance(name, str) and name:
                    label += f" {quote(name)}"
                return StoreError(f"{path}: {label}: {why} — run networkhabit doctor")
    return malformed(path, exc)
