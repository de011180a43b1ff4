"""Schema migrations: the file's shape, moved forward one version at a time.

``MIGRATIONS[n]`` turns a schema-``n`` file into a schema-``n+1`` one, so
``len(MIGRATIONS) == SCHEMA_VERSION``. To change the shape later, bump
``SCHEMA_VERSION`` in storage.py and append one function here (a test checks both agree).
:meth:`networkhabit.store.Store.transaction` runs them on open, under the lock, after
saving the old file to ``backups/`` (``<stem>-before-schema-N-….json``).

Schema 0 — the prototype's file, before the ``meta`` table existed:

- no ``meta`` table; the settings were one document in TinyDB's ``_default`` table;
- records had no ``uid``; references were TinyDB doc ids (numbers): a touch's
  ``contacts`` (or a single ``contact``), a link's ``a``/``b``, a check-in's ``habit``;
- a contact's cadence was ``cadence`` (days) and its ``tags`` one comma-separated string;
- a habit's period was ``per``; a check-in's count was ``done``;
- a break was ``start``/``end`` (now ``from``/``to``).

Schema 1 — today's shape: see codec.py (every record has a ``uid``; ``meta`` holds
``schema`` and ``settings``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from networkhabit.domain.model import new_uid
from networkhabit.store.storage import SCHEMA_VERSION, Data

Migration = Callable[[Data], Data]

_SETTING_KEYS = (
    "default_cadence_by_tag",
    "neglected_limit",
    "drifting_days",
    "week_start",
    "backups_keep",
)
_RECORD_TABLES = ("contacts", "interactions", "links", "habits", "checkins", "breaks")


def _v0_to_v1(data: Data) -> Data:
    """Schema 0 → 1: uids for every record, uid references, renamed keys, a meta record."""
    out: Data = {}
    uids: dict[str, dict[str, str]] = {}  # table → doc id → uid
    for table in _RECORD_TABLES:
        docs = {}
        ids: dict[str, str] = {}
        for doc_id, doc in (data.get(table) or {}).items():
            if isinstance(doc, dict):
                doc = dict(doc)
                if not isinstance(doc.get("uid"), str) or not doc["uid"]:
                    doc["uid"] = new_uid()
                ids[str(doc_id)] = doc["uid"]
            docs[str(doc_id)] = doc  # a non-record is kept as it is: doctor reports it
        out[table] = docs
        uids[table] = ids

    def ref(value: Any, table: str) -> Any:
        """A doc-id reference (a number, or digits that are not a uid) as the record's uid."""
        key = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
        if isinstance(key, str) and key.isdigit() and key in uids[table]:
            return uids[table][key]
        return key

    for doc in _records(out, "contacts"):
        if "cadence" in doc and "cadence_days" not in doc:
            doc["cadence_days"] = doc.pop("cadence")
        if isinstance(doc.get("tags"), str):
            doc["tags"] = [t.strip() for t in doc["tags"].split(",") if t.strip()]
    for doc in _records(out, "interactions"):
        people = doc.pop("contact", None) if "contacts" not in doc else doc["contacts"]
        if people is None:
            people = []
        elif not isinstance(people, list):
            people = [people]
        doc["contacts"] = [ref(p, "contacts") for p in people]
    for doc in _records(out, "links"):
        for end in ("a", "b"):
            if end in doc:
                doc[end] = ref(doc[end], "contacts")
    for doc in _records(out, "habits"):
        if "per" in doc and "period" not in doc:
            doc["period"] = doc.pop("per")
    for doc in _records(out, "checkins"):
        if "habit" in doc:
            doc["habit"] = ref(doc["habit"], "habits")
        if "done" in doc and "count" not in doc:
            doc["count"] = doc.pop("done")
    for doc in _records(out, "breaks"):
        if "start" in doc and "from" not in doc:
            doc["from"] = doc.pop("start")
        if "end" in doc and "to" not in doc:
            doc["to"] = doc.pop("end")

    settings: dict[str, Any] = {}
    default = dict(data.get("_default") or {})
    for doc_id, doc in list(default.items()):
        if isinstance(doc, dict) and any(k in doc for k in _SETTING_KEYS):
            settings = {k: v for k, v in doc.items() if k in _SETTING_KEYS}
            del default[doc_id]
            break
    old_meta = next((d for d in (data.get("meta") or {}).values() if isinstance(d, dict)), {})
    if isinstance(old_meta.get("settings"), dict):
        settings = {**settings, **old_meta["settings"]}
    out["meta"] = {"1": {"schema": 1, "settings": settings}}
    for table, docs in data.items():  # tables this version does not know: kept, doctor reports them
        if table not in out and table != "_default":
            out[table] = docs
    if default:
        out["_default"] = default
    return out


def _records(data: Data, table: str) -> list[dict[str, Any]]:
    return [d for d in (data.get(table) or {}).values() if isinstance(d, dict)]


#: ``MIGRATIONS[n]``: schema n → n+1.
MIGRATIONS: list[Migration] = [_v0_to_v1]


def migrate(data: Data, version: int, steps: Sequence[Migration] | None = None) -> Data:
    """``data`` (schema ``version``) moved forward through every later step, stamped current."""
    steps = MIGRATIONS if steps is None else steps
    for n in range(version, len(steps)):
        data = steps[n](data)
        meta = data.setdefault("meta", {})
        doc = meta.setdefault("1", {})
        doc["schema"] = n + 1
    return data


assert len(MIGRATIONS) == SCHEMA_VERSION, "every schema version needs its migration step"
