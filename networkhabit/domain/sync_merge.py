"""The three-way merge of two copies of a store, by uid (pure: no I/O).

Two machines change their copies of the store; git brings the copies together and calls
``networkhabit sync merge-driver``, which hands this module the common ancestor (*base*)
and the two sides (*ours*, *theirs*), each as the file's tables of JSON documents, and
writes what :func:`merge_stores` returns. The rules:

- A record is the same record on both sides when it has the same ``uid``.
- Added on either side: kept. Changed on one side only: that change. Deleted on one side
  and left alone on the other: deleted. Deleted on one side and *changed* on the other:
  kept, and reported (:attr:`MergeResult.kept`).
- Changed on both sides: field by field. A field changed on one side takes that change;
  the same field changed on both takes the value of the side whose record was changed
  later (its ``modified`` time; equal times: the larger value, so the answer never depends
  on which side is "ours"), and is reported (:attr:`MergeResult.conflicts`). Lists (tags,
  needs, offers, a touch's people, a habit's days) merge as sets: what either side added is
  in, what either side removed is out. Objects (settings, ...) merge key by key.
- Touches, check-ins, links and breaks are records like the others, so they union by uid.
- Tombstones (``tombstones``: uid, kind, when) union by uid; without a base (two stores
  that never shared a history, an ``import json``) a tombstone newer than a record's last
  change deletes it on the other side too.
- What pointed at a deleted contact or habit is cleaned up: the contact is taken out of
  touches it shared, touches it was alone in and its links go, and so do the check-ins of a
  deleted habit (:attr:`MergeResult.dropped`).
- Document ids (the keys of each table) are kept for every record the base (or, without
  a base, ours) holds; the others are numbered after them, in the order of their own ids
  and then of their uids, so every machine that makes the same merge writes the same bytes.

Nothing here ever writes a conflict marker: every question has an answer.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import field
from typing import Any

from networkhabit.domain.records import record

Tables = dict[str, dict[str, Any]]

RECORD_TABLES = ("contacts", "interactions", "links", "habits", "checkins", "breaks")
TOMBSTONES = "tombstones"
META = "meta"
#: Plain words for one record of each table, and for several.
NOUNS = {
    "contacts": ("contact", "contacts"),
    "interactions": ("touch", "touches"),
    "links": ("link", "links"),
    "habits": ("habit", "habits"),
    "checkins": ("check-in", "check-ins"),
    "breaks": ("break", "breaks"),
}
#: The order a summary names the tables in: the daily work first.
SUMMARY_ORDER = ("interactions", "checkins", "contacts", "habits", "links", "breaks")
#: How many names a summary lists before "and N more".
NAMES_SHOWN = 3


class _Missing:
    """A field a document does not have (unlike one that holds null)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


@record
class Conflict:
    """The same field changed on both sides; ``value`` (the later change) was kept."""

    table: str
    uid: str
    label: str
    field: str
    value: Any

    def describe(self) -> str:
        return f"{self.label}: {self.field} changed on both machines, the later change kept"


@record
class Kept:
    """Deleted on one side, changed on the other: kept."""

    table: str
    uid: str
    label: str

    def describe(self) -> str:
        return f"{self.label}: deleted on one machine but changed on the other, kept"


@record
class MergeResult:
    """The merged tables and what the merge had to decide."""

    data: Tables
    conflicts: tuple[Conflict, ...] = ()
    kept: tuple[Kept, ...] = ()
    #: Records removed because what they pointed at was deleted: (table, uid).
    dropped: tuple[tuple[str, str], ...] = ()

    def notes(self) -> list[str]:
        """One line per decision worth telling the user."""
        lines = [c.describe() for c in self.conflicts] + [k.describe() for k in self.kept]
        if self.dropped:
            n = len(self.dropped)
            lines.append(f"{n} record{'s' if n != 1 else ''} of deleted contacts or habits removed")
        return lines


# -- small helpers -------------------------------------------------------------------------


def _key_order(key: str) -> tuple[int, str]:
    return (int(key), "") if key.isdigit() else (0, key)


def _canon(value: Any) -> str:
    """A value as canonical text (for deterministic tie-breaks)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _by_uid(table: Mapping[str, Any] | None) -> dict[str, tuple[str, dict[str, Any]]]:
    """``{uid: (doc id, document)}``; documents without a uid are left out (kept apart)."""
    out: dict[str, tuple[str, dict[str, Any]]] = {}
    for key in sorted(table or {}, key=_key_order):
        doc = (table or {})[key]
        if isinstance(doc, dict) and isinstance(doc.get("uid"), str) and doc["uid"]:
            out.setdefault(doc["uid"], (key, doc))
    return out


def _same(a: Any, b: Any) -> bool:
    """Two field values are equal (a missing field equals only a missing field)."""
    if a is MISSING or b is MISSING:
        return a is b
    return a == b and _canon(a) == _canon(b)


def _modified(doc: Mapping[str, Any] | None) -> str:
    value = (doc or {}).get("modified")
    return value if isinstance(value, str) else ""


def label_of(table: str, doc: Mapping[str, Any]) -> str:
    """How a record is named in a report: a contact or habit by name, others by kind/date."""
    if table == META:
        return "settings"
    if table in ("contacts", "habits") and isinstance(doc.get("name"), str):
        return str(doc["name"])
    noun = NOUNS.get(table, (table, table))[0]
    when = doc.get("date") or doc.get("from") or doc.get("created") or ""
    return f"the {noun} of {when}" if when else f"a {noun}"


def _order(items: Iterable[Any]) -> list[Any]:
    items = list(items)
    if all(isinstance(x, int) and not isinstance(x, bool) for x in items):
        return sorted(items)
    if all(isinstance(x, str) for x in items):
        return sorted(items)
    return sorted(items, key=_canon)


def _merge_list(base: Any, ours: list[Any], theirs: list[Any]) -> list[Any]:
    """Both sides' lists as sets: additions of either side in, removals of either side out."""
    before = base if isinstance(base, list) else []
    seen = {_canon(x) for x in before}
    o, t = {_canon(x) for x in ours}, {_canon(x) for x in theirs}
    kept = [x for x in before if _canon(x) in o and _canon(x) in t]
    added: dict[str, Any] = {}
    for x in (*ours, *theirs):
        c = _canon(x)
        if c not in seen and c not in added:
            added[c] = x
    merged = kept + _order(added.values())
    if all(isinstance(x, int) and not isinstance(x, bool) for x in merged):
        return sorted(merged)
    return merged


class _Merger:
    """One merge: collects what it had to decide while it goes."""

    def __init__(self) -> None:
        self.conflicts: list[Conflict] = []
        self.kept: list[Kept] = []
        self.dropped: list[tuple[str, str]] = []

    def value(
        self, path: str, base: Any, ours: Any, theirs: Any, later_is_ours: bool
    ) -> tuple[Any, bool]:
        """The merged value of one field and whether it was a real conflict."""
        if _same(ours, theirs) or _same(theirs, base):
            return ours, False
        if _same(ours, base):
            return theirs, False
        if isinstance(ours, list) and isinstance(theirs, list):
            return _merge_list(base, ours, theirs), False
        if isinstance(ours, dict) and isinstance(theirs, dict):
            merged, _ = self.fields(
                path, base if isinstance(base, dict) else {}, ours, theirs, later_is_ours
            )
            return merged, False
        return (ours if later_is_ours else theirs), True

    def fields(
        self,
        path: str,
        base: Mapping[str, Any],
        ours: Mapping[str, Any],
        theirs: Mapping[str, Any],
        later_is_ours: bool,
    ) -> tuple[dict[str, Any], list[str]]:
        """Two documents merged key by key (``modified`` aside); the keys in conflict."""
        out: dict[str, Any] = {}
        clashes: list[str] = []
        for key in sorted({*ours, *theirs}):
            if key == "modified":
                continue
            name = f"{path}.{key}" if path else key
            value, clash = self.value(
                name,
                base.get(key, MISSING),
                ours.get(key, MISSING),
                theirs.get(key, MISSING),
                later_is_ours,
            )
            if clash:
                clashes.append(name)
            if value is not MISSING:
                out[key] = value
        return out, clashes

    def record(
        self,
        table: str,
        base: dict[str, Any] | None,
        ours: dict[str, Any],
        theirs: dict[str, Any],
    ) -> dict[str, Any]:
        """One record both sides hold, merged."""
        if _canon(ours) == _canon(theirs):
            return ours
        mo, mt = _modified(ours), _modified(theirs)
        later_is_ours = (mo, _canon(ours)) > (mt, _canon(theirs))
        out, clashes = self.fields("", base or {}, ours, theirs, later_is_ours)
        for name in clashes:
            value: Any = out
            for part in name.split("."):
                value = value.get(part, None) if isinstance(value, dict) else None
            self.conflicts.append(
                Conflict(table, str(ours.get("uid", "")), label_of(table, out), name, value)
            )
        stamp = max(mo, mt)
        if stamp or "modified" in ours or "modified" in theirs:
            out["modified"] = stamp
        return out


def _tombstones(*tables: Mapping[str, Any] | None) -> dict[str, dict[str, Any]]:
    """Every side's tombstones by uid (the latest one of a uid)."""
    out: dict[str, dict[str, Any]] = {}
    for table in tables:
        for _key, doc in _by_uid(table).values():
            uid = doc["uid"]
            have = out.get(uid)
            if have is None or (str(doc.get("when", "")), _canon(doc)) > (
                str(have.get("when", "")),
                _canon(have),
            ):
                out[uid] = doc
    return out


def _number(
    merged: Mapping[str, dict[str, Any]],
    anchor: Mapping[str, Any] | None,
    sides: Iterable[Mapping[str, Any] | None],
) -> dict[str, dict[str, Any]]:
    """Doc ids for the merged records of one table (see the module's docstring)."""
    anchor_keys = {uid: key for uid, (key, _doc) in _by_uid(anchor).items()}
    seen: dict[str, list[str]] = {}
    for side in sides:
        for uid, (key, _doc) in _by_uid(side).items():
            seen.setdefault(uid, []).append(key)
    out: dict[str, dict[str, Any]] = {}
    fresh: list[tuple[tuple[int, str], str]] = []
    for uid in merged:
        kept = anchor_keys.get(uid)
        if kept is not None:
            out[kept] = merged[uid]
        else:
            fresh.append((min(_key_order(k) for k in seen.get(uid, ["0"])), uid))
    nxt = max((_key_order(k)[0] for k in (anchor or {})), default=0) + 1
    for _order_key, uid in sorted(fresh):
        while str(nxt) in out:
            nxt += 1
        out[str(nxt)] = merged[uid]
        nxt += 1
    return out


def merge_stores(base: Tables | None, ours: Tables, theirs: Tables) -> MergeResult:
    """``ours`` and ``theirs`` merged, ``base`` being their common ancestor (None or empty:
    they share none, then a field that differs takes the later change)."""
    base = base or {}
    m = _Merger()
    stones = _tombstones(base.get(TOMBSTONES), ours.get(TOMBSTONES), theirs.get(TOMBSTONES))
    anchor_is_base = any(base.get(t) for t in RECORD_TABLES)
    out: Tables = {}
    merged_by_table: dict[str, dict[str, dict[str, Any]]] = {}
    for table in RECORD_TABLES:
        b, o, t = _by_uid(base.get(table)), _by_uid(ours.get(table)), _by_uid(theirs.get(table))
        merged: dict[str, dict[str, Any]] = {}
        for uid in sorted({*o, *t}):
            bd = b[uid][1] if uid in b else None
            od = o[uid][1] if uid in o else None
            td = t[uid][1] if uid in t else None
            if od is not None and td is not None:
                merged[uid] = m.record(table, bd, od, td)
                continue
            one = od if od is not None else td
            assert one is not None
            if bd is not None:  # the other side deleted it
                if _canon(one) == _canon(bd):
                    continue
                m.kept.append(Kept(table, uid, label_of(table, one)))
                merged[uid] = one
                continue
            stone = stones.get(uid)
            if stone is not None:
                if str(stone.get("when", "")) >= _modified(one):
                    continue  # deleted on the other side after its last change here
                m.kept.append(Kept(table, uid, label_of(table, one)))
            merged[uid] = one
        merged_by_table[table] = merged
    for kept in m.kept:  # a record kept over its deletion is no longer deleted
        stones.pop(kept.uid, None)
    _drop_dangling(m, merged_by_table, (base, ours, theirs))
    for table in RECORD_TABLES:
        anchor = base.get(table) if anchor_is_base else ours.get(table)
        sides = (base.get(table), ours.get(table), theirs.get(table))
        out[table] = _number(merged_by_table[table], anchor, sides)
    if stones:
        anchor = base.get(TOMBSTONES) if anchor_is_base else ours.get(TOMBSTONES)
        sides = (base.get(TOMBSTONES), ours.get(TOMBSTONES), theirs.get(TOMBSTONES))
        out[TOMBSTONES] = _number(dict(sorted(stones.items())), anchor, sides)
    out[META] = _merge_meta(m, base.get(META), ours.get(META), theirs.get(META))
    for name in sorted({*ours, *theirs} - {*RECORD_TABLES, TOMBSTONES, META}):
        other = ours.get(name) if name in ours else theirs.get(name)  # unknown: kept as is
        if isinstance(other, dict):
            out[name] = other
    return MergeResult(out, tuple(m.conflicts), tuple(m.kept), tuple(m.dropped))


def _merge_meta(m: _Merger, base: Any, ours: Any, theirs: Any) -> dict[str, Any]:
    """The meta table (schema, settings) merged document by document, field by field."""
    out: dict[str, Any] = {}
    base, ours, theirs = base or {}, ours or {}, theirs or {}
    for key in sorted({*ours, *theirs}, key=_key_order):
        o, t = ours.get(key), theirs.get(key)
        if not isinstance(o, dict) or not isinstance(t, dict):
            out[key] = o if isinstance(o, dict) else t
            continue
        b = base.get(key) if isinstance(base.get(key), dict) else None
        doc = m.record(META, b, o, t)
        if isinstance(o.get("schema"), int) and isinstance(t.get("schema"), int):
            doc["schema"] = max(o["schema"], t["schema"])
        out[key] = doc
    return out


def _drop_dangling(
    m: _Merger,
    merged: dict[str, dict[str, dict[str, Any]]],
    inputs: tuple[Tables, Tables, Tables],
) -> None:
    """Take deleted contacts out of touches and links, deleted habits' check-ins out."""
    gone: dict[str, set[str]] = {}
    for table in ("contacts", "habits"):
        known = {uid for side in inputs for uid in _by_uid(side.get(table))}
        gone[table] = known - set(merged[table])
    if gone["contacts"]:
        for uid, doc in list(merged["interactions"].items()):
            people = doc.get("contacts")
            if not isinstance(people, list) or not set(people) & gone["contacts"]:
                continue
            left = [p for p in people if p not in gone["contacts"]]
            if left:
                merged["interactions"][uid] = {**doc, "contacts": left}
            else:
                del merged["interactions"][uid]
                m.dropped.append(("interactions", uid))
        for uid, doc in list(merged["links"].items()):
            if doc.get("a") in gone["contacts"] or doc.get("b") in gone["contacts"]:
                del merged["links"][uid]
                m.dropped.append(("links", uid))
    if gone["habits"]:
        for uid, doc in list(merged["checkins"].items()):
            if doc.get("habit") in gone["habits"]:
                del merged["checkins"][uid]
                m.dropped.append(("checkins", uid))


# -- what changed between two versions of a store ---------------------------------------------


@record
class Changes:
    """What differs from one version of a store to the next, per table: the labels of the
    records added, changed and removed; and whether the settings changed."""

    added: dict[str, list[str]] = field(default_factory=dict)
    changed: dict[str, list[str]] = field(default_factory=dict)
    removed: dict[str, list[str]] = field(default_factory=dict)
    settings: bool = False

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed or self.settings)

    def summary(self) -> str:
        """``3 touches, 1 check-in, Ana Ruiz edited`` (empty when nothing changed)."""
        parts: list[str] = []
        for table in SUMMARY_ORDER:
            one, many = NOUNS[table]
            if table in ("contacts", "habits"):
                for verb, lists in (
                    ("added", self.added),
                    ("edited", self.changed),
                    ("deleted", self.removed),
                ):
                    names = lists.get(table) or []
                    if names:
                        parts.append(f"{_names(names, one, many)} {verb}")
                continue
            n = len(self.added.get(table) or [])
            if n:
                parts.append(f"{n} {one if n == 1 else many}")
            n = len(self.changed.get(table) or [])
            if n:
                parts.append(f"{n} {one if n == 1 else many} edited")
            n = len(self.removed.get(table) or [])
            if n:
                parts.append(f"{n} {one if n == 1 else many} removed")
        if self.settings:
            parts.append("settings")
        return ", ".join(parts)


def _names(names: list[str], one: str, many: str) -> str:
    shown = sorted(names)[:NAMES_SHOWN]
    more = len(names) - len(shown)
    text = ", ".join(shown)
    return f"{text} and {more} more {many}" if more else text


def _settings(meta: Any) -> Any:
    for doc in (meta or {}).values():
        if isinstance(doc, dict):
            return doc.get("settings")
    return None


def changes_between(old: Tables, new: Tables) -> Changes:
    """What ``new`` holds that ``old`` did not, changed or no longer holds."""
    added: dict[str, list[str]] = {}
    changed: dict[str, list[str]] = {}
    removed: dict[str, list[str]] = {}
    for table in RECORD_TABLES:
        o, n = _by_uid(old.get(table)), _by_uid(new.get(table))
        for uid, (_k, doc) in n.items():
            if uid not in o:
                added.setdefault(table, []).append(label_of(table, doc))
            elif _canon(o[uid][1]) != _canon(doc):
                changed.setdefault(table, []).append(label_of(table, doc))
        for uid, (_k, doc) in o.items():
            if uid not in n:
                removed.setdefault(table, []).append(label_of(table, doc))
    settings = _canon(_settings(old.get(META))) != _canon(_settings(new.get(META)))
    return Changes(added, changed, removed, settings and bool(old))
