"""networkhabit's own JSON export: the whole store, re-importable with ``import json``.

The file is one object::

    {"format": "networkhabit", "schema": 1, "exported": "2026-11-20",
     "settings": {...}, "contacts": [...], "interactions": [...], "links": [...],
     "habits": [...], "checkins": [...], "breaks": [...]}

Each record is the same document the store file holds. ``import json`` also reads
a store file itself (or one of its backups), whose tables are objects keyed by id.
"""

from __future__ import annotations

import os
from datetime import date
from typing import Any

import orjson

from networkhabit.domain.errors import InputError
from networkhabit.domain.model import Snapshot
from networkhabit.domain.safe import clean_line, clean_record, clean_value
from networkhabit.importers.files import decode_text, read_bytes, refuse_other_kind
from networkhabit.store import codec
from networkhabit.store.storage import SCHEMA_VERSION

FORMAT = "networkhabit"
#: Table name → (field of Snapshot, decoder).
TABLES: dict[str, tuple[str, Any]] = {
    "contacts": ("contacts", codec.contact_from_doc),
    "interactions": ("interactions", codec.interaction_from_doc),
    "links": ("links", codec.link_from_doc),
    "habits": ("habits", codec.habit_from_doc),
    "checkins": ("checkins", codec.checkin_from_doc),
    "breaks": ("breaks", codec.break_from_doc),
}


def export_json(snap: Snapshot, today: date) -> bytes:
    """The whole store as our JSON export (sorted keys, indented)."""
    doc: dict[str, Any] = {
        "format": FORMAT,
        "schema": SCHEMA_VERSION,
        "exported": today.isoformat(),
        "settings": codec.settings_to_doc(snap.settings),
    }
    for table, (attr, _decode) in TABLES.items():
        doc[table] = [codec.to_doc(r) for r in getattr(snap, attr)]
    return orjson.dumps(
        doc, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE
    )


def parse_bytes(raw: bytes, path: str | os.PathLike[str]) -> Snapshot:
    """The store a JSON export (or a store file) holds; :class:`InputError` if it is not one."""
    text = decode_text(raw, path, what="a JSON file")
    try:
        doc = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        refuse_other_kind(text, path, "a networkhabit JSON export")
        raise InputError(f"{path}: not valid JSON ({exc})") from None
    if not isinstance(doc, dict):
        raise InputError(f"{path}: not a networkhabit export (expected a JSON object)")
    if doc.get("format") == FORMAT:
        schema = doc.get("schema", SCHEMA_VERSION)
        tables = {t: doc.get(t) or [] for t in TABLES}
        settings_doc = doc.get("settings")
    elif any(t in doc for t in TABLES) and all(isinstance(v, dict) for v in doc.values()):
        meta = next((d for d in (doc.get("meta") or {}).values() if isinstance(d, dict)), {})
        schema = meta.get("schema", SCHEMA_VERSION)
        tables = {t: list((doc.get(t) or {}).values()) for t in TABLES}
        settings_doc = meta.get("settings")
    else:
        raise InputError(
            f'{path}: not a networkhabit export (no "format": "networkhabit" and no store tables)'
        )
    if not isinstance(schema, int) or schema > SCHEMA_VERSION:
        raise InputError(
            f"{path}: made by a newer networkhabit (schema {schema!r}, this one reads up to "
            f"{SCHEMA_VERSION}); upgrade networkhabit to import it"
        )
    records: dict[str, tuple[Any, ...]] = {}
    for table, (attr, decode) in TABLES.items():
        docs = tables[table]
        if not isinstance(docs, list):
            raise InputError(f'{path}: "{table}" is not a list')
        out = []
        seen: set[str] = set()
        for n, d in enumerate(docs, start=1):
            try:
                if not isinstance(d, dict) or not isinstance(d.get("uid"), str) or not d["uid"]:
                    raise ValueError("no uid")
                if table == "contacts" and (
                    not isinstance(d.get("name"), str) or not d["name"].strip()
                ):
                    raise ValueError("no name")
                record = clean_record(decode(d))  # controls stripped, sizes capped (issue 18)
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                raise InputError(
                    f"{path}: {table} #{n} is malformed ({type(exc).__name__}: {exc})"
                ) from None
            if record.uid in seen:
                raise InputError(f"{path}: {table} #{n} repeats uid {record.uid}")
            seen.add(record.uid)
            out.append(record)
        records[attr] = tuple(out)
    try:
        settings = codec.settings_from_doc(settings_doc if isinstance(settings_doc, dict) else None)
    except (TypeError, ValueError) as exc:
        raise InputError(f"{path}: settings are malformed ({exc})") from None
    return Snapshot(settings=settings, **records)


def parse(path: str | os.PathLike[str]) -> Snapshot:
    """Read a JSON export."""
    return parse_bytes(read_bytes(path), path)


#: The export's list of tombstones (what was deleted: uid, kind, when), so an import into
#: another copy of the store deletes it there too.
TOMBSTONES = "tombstones"


def export_tables(tables: dict[str, dict[str, Any]], today: date) -> bytes:
    """The whole store as our JSON export, each record the document the store holds (its
    ``modified`` time too), with the tombstones: what ``import json`` merges by uid."""
    meta = next((d for d in (tables.get("meta") or {}).values() if isinstance(d, dict)), {})
    doc: dict[str, Any] = {
        "format": FORMAT,
        "schema": SCHEMA_VERSION,
        "exported": today.isoformat(),
        "settings": meta.get("settings") or codec.settings_to_doc(codec.settings_from_doc(None)),
    }
    if meta.get("modified"):
        doc["settings_modified"] = meta["modified"]
    for table in (*TABLES, TOMBSTONES):
        docs = tables.get(table) or {}
        doc[table] = [docs[k] for k in sorted(docs, key=lambda k: (len(k), k))]
    return orjson.dumps(
        doc, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE
    )


def parse_tables(
    raw: bytes, path: str | os.PathLike[str]
) -> tuple[Snapshot, dict[str, dict[str, Any]]]:
    """The store a JSON export (or a store file) holds, both as records (checked as
    :func:`parse_bytes` checks them) and as the store's tables of documents (``modified``
    times and tombstones kept), for a merge by uid."""
    snap = parse_bytes(raw, path)
    doc = orjson.loads(decode_text(raw, path, what="a JSON file"))
    tables: dict[str, dict[str, Any]] = {}
    if doc.get("format") == FORMAT:
        for table in (*TABLES, TOMBSTONES):
            docs = doc.get(table) or []
            if not isinstance(docs, list):
                raise InputError(f'{path}: "{table}" is not a list')
            tables[table] = {str(n): d for n, d in enumerate(docs, start=1) if isinstance(d, dict)}
        meta: dict[str, Any] = {"schema": SCHEMA_VERSION}
        if isinstance(doc.get("settings"), dict):
            meta["settings"] = doc["settings"]
        if isinstance(doc.get("settings_modified"), str):
            meta["modified"] = doc["settings_modified"]
        tables["meta"] = {"1": meta}
    else:
        for table in (*TABLES, TOMBSTONES, "meta"):
            value = doc.get(table) or {}
            if not isinstance(value, dict):
                raise InputError(f'{path}: "{table}" is not a table')
            tables[table] = {str(k): d for k, d in value.items() if isinstance(d, dict)}
    for d in tables.get(TOMBSTONES, {}).values():
        if not isinstance(d.get("uid"), str) or not isinstance(d.get("when"), str):
            raise InputError(f"{path}: a tombstone is malformed (no uid or when)")
    for name, table in tables.items():
        if name not in ("meta", TOMBSTONES):
            for d in table.values():
                clean_doc(d)
    return snap, tables


def clean_doc(doc: dict[str, Any]) -> None:
    """A record's document from someone else's file, cleaned in place as every importer
    cleans what it brings in: control characters stripped from each text and each word of a
    list, sizes capped (:mod:`networkhabit.domain.safe`)."""
    for key, value in doc.items():
        if isinstance(value, str) and value:
            doc[key] = clean_value(key, value)
        elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            words = [clean_line(v) for v in value]
            doc[key] = words if key == "name_parts" else [w for w in words if w]
