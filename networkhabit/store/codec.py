"""Records ↔ JSON documents. Dates are ISO strings; tuples are lists."""

from __future__ import annotations

import bisect
from datetime import date
from typing import Any

from networkhabit.domain.model import (
    ALL_DAYS,
    Break,
    CheckIn,
    Contact,
    Habit,
    Interaction,
    Link,
    Plan,
    Settings,
    TouchIndex,
)

Record = Contact | Interaction | Link | Habit | CheckIn | Break

#: Table name for each record type.
TABLES: dict[type, str] = {
    Contact: "contacts",
    Interaction: "interactions",
    Link: "links",
    Habit: "habits",
    CheckIn: "checkins",
    Break: "breaks",
}
META_TABLE = "meta"


_DATES: dict[str, date] = {}


def _day(value: str) -> date:
    """``date.fromisoformat`` with a cache: a store holds few distinct days, many records."""
    d = _DATES.get(value)
    if d is None:
        if len(_DATES) > 100_000:
            _DATES.clear()
        d = _DATES[value] = date.fromisoformat(value)
    return d


def _s(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def contact_to_doc(c: Contact) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "uid": c.uid,
        "name": c.name,
        "created": c.created.isoformat(),
        "company": c.company,
        "title": c.title,
        "email": c.email,
        "phone": c.phone,
        "url": c.url,
        "tags": list(c.tags),
        "cadence_days": c.cadence_days,
        "max_days": c.max_days,
        "needs": list(c.needs),
        "offers": list(c.offers),
        "notes": c.notes,
        "birthday": c.birthday,
        "known": c.known,
        "snoozed_until": _s(c.snoozed_until),
        "archived": c.archived,
        "source": c.source,
        "external_id": c.external_id,
        "job_changed_on": _s(c.job_changed_on),
        "previous_job": c.previous_job,
    }
    if c.imported:
        doc["imported"] = dict(c.imported)
    if c.name_parts:
        doc["name_parts"] = list(c.name_parts)
    return doc


def _name_parts(value: Any) -> tuple[str, ...]:
    """``name_parts`` as a tuple of text; () for anything else."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return ()
    return tuple(value)


def _imported(value: Any) -> tuple[tuple[str, str], ...]:
    """The ``imported`` object as sorted pairs; anything but text values is left out."""
    if not isinstance(value, dict):
        return ()
    return tuple(
        sorted((k, v) for k, v in value.items() if isinstance(k, str) and isinstance(v, str))
    )


# The decoders below run 100,000s of times on a large store: positional arguments (in the
# records' field order) and the date cache looked up inline are measurably faster.


def contact_from_doc(d: dict[str, Any]) -> Contact:
    get = d.get
    created = d["created"]
    snoozed, changed, imported = get("snoozed_until"), get("job_changed_on"), get("imported")
    return Contact(
        d["uid"],
        d["name"],
        _DATES.get(created) or _day(created),
        get("company") or "",
        get("title") or "",
        get("email") or "",
        get("phone") or "",
        get("url") or "",
        tuple(get("tags") or ()),
        get("cadence_days"),
        get("max_days"),
        tuple(get("needs") or ()),
        tuple(get("offers") or ()),
        get("notes") or "",
        get("birthday"),
        bool(get("known", True)),
        _day(snoozed) if snoozed else None,
        bool(get("archived", False)),
        get("source") or "manual",
        get("external_id") or "",
        _day(changed) if changed else None,
        get("previous_job") or "",
        _imported(imported) if imported else (),
        _name_parts(get("name_parts")) if "name_parts" in d else (),
    )


def interaction_to_doc(i: Interaction) -> dict[str, Any]:
    # Touches are most of the file: their empty optional fields are left out.
    doc: dict[str, Any] = {
        "uid": i.uid,
        "contacts": list(i.contacts),
        "date": i.date.isoformat(),
        "kind": i.kind,
    }
    if i.note:
        doc["note"] = i.note
    if i.follow_up is not None:
        doc["follow_up"] = i.follow_up.isoformat()
        doc["follow_up_done"] = i.follow_up_done
    if i.external_id:
        doc["external_id"] = i.external_id
    return doc


def interaction_from_doc(d: dict[str, Any]) -> Interaction:
    get = d.get
    day, follow_up = d["date"], get("follow_up")
    return Interaction(
        d["uid"],
        tuple(get("contacts") or ()),
        _DATES.get(day) or _day(day),
        get("kind") or "other",
        get("note") or "",
        _day(follow_up) if follow_up else None,
        bool(get("follow_up_done", False)),
        external_id=get("external_id") or "",
    )


#: The shape of the derived index the store writes beside the tables (bump to rebuild).
INDEX_VERSION = 1


def index_doc(data: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    """The derived index of the file's touches, as written beside the tables: the
    :class:`TouchIndex` (as :func:`networkhabit.domain.touches.touch_index` defines it) and
    copies of the touches with an open follow-up. None if a touch is malformed or has a date
    in another form than ``YYYY-MM-DD`` (then readers decode every touch instead)."""
    per: dict[str, list[str]] = {}
    days: dict[str, int] = {}
    intros: dict[str, int] = {}
    pending: dict[str, Any] = {}
    try:
        for key, d in (data.get("interactions") or {}).items():
            day = d["date"]
            days[day] = days.get(day, 0) + 1
            people = d.get("contacts") or ()
            for uid in people:
                lst = per.get(uid)
                if lst is None:
                    per[uid] = [day]
                else:
                    lst.append(day)
            if d.get("kind") == "intro":
                for uid in people:
                    intros[uid] = intros.get(uid, 0) + 1
            if d.get("follow_up") and not d.get("follow_up_done"):
                pending[key] = d
        if not all(_is_day(day) for day in days):
            return None
        for uid in per:
            if not isinstance(uid, str):
                return None
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    for lst in per.values():
        lst.sort()
    return _index_doc(per, days, intros, pending)


def patch_index(base: dict[str, Any], changes: list[tuple[str, Any, Any]]) -> dict[str, Any] | None:
    """:func:`index_doc` of the touches after ``changes`` (key, old document, new document),
    worked out from ``base``, the index before them, which is left as it was. None if a
    change cannot be applied (the caller then builds the index anew)."""
    if base.get("version") != INDEX_VERSION:
        return None
    touches: dict[str, list[str]] = dict(base["touches"])
    days: dict[str, int] = dict(base["days"])
    intros: dict[str, int] = dict(base["intros"])
    pending: dict[str, Any] = dict(base["open"])
    mine: set[str] = set()  # contacts whose list is already a copy

    def own(uid: str) -> list[str]:
        if uid not in mine or uid not in touches:
            touches[uid] = list(touches.get(uid, ()))
            mine.add(uid)
        return touches[uid]

    try:
        for key, old, new in changes:
            if old is not None:
                day = old["date"]
                left = days[day] - 1
                if left:
                    days[day] = left
                else:
                    del days[day]
                people = old.get("contacts") or ()
                for uid in people:
                    own(uid).remove(day)
                if old.get("kind") == "intro":
                    for uid in people:
                        intros[uid] -= 1
                        if not intros[uid]:
                            del intros[uid]
                pending.pop(key, None)
            if new is not None:
                day = new["date"]
                if not _is_day(day):
                    return None
                days[day] = days.get(day, 0) + 1
                people = new.get("contacts") or ()
                for uid in people:
                    if not isinstance(uid, str):
                        return None
                    bisect.insort(own(uid), day)
                if new.get("kind") == "intro":
                    for uid in people:
                        intros[uid] = intros.get(uid, 0) + 1
                if new.get("follow_up") and not new.get("follow_up_done"):
                    pending[key] = new
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    for uid in mine:
        if uid in touches and not touches[uid]:
            del touches[uid]
    return _index_doc(touches, days, intros, pending)


def _index_doc(
    touches: dict[str, list[str]],
    days: dict[str, int],
    intros: dict[str, int],
    pending: dict[str, Any],
) -> dict[str, Any]:
    return {
        "version": INDEX_VERSION,
        "touches": touches,
        "days": days,
        "intros": intros,
        "open": pending,
    }


def _is_day(value: Any) -> bool:
    """A ``YYYY-MM-DD`` string (the only form whose order as text is the dates' order)."""
    return isinstance(value, str) and len(value) == 10 and _day(value).isoformat() == value


def index_from_doc(doc: dict[str, Any]) -> tuple[TouchIndex, tuple[Interaction, ...]] | None:
    """The index and the open follow-ups from :func:`index_doc`'s document; None if it is
    of another version."""
    if doc.get("version") != INDEX_VERSION:
        return None
    pending = tuple(interaction_from_doc(d) for d in doc["open"].values())
    return TouchIndex(doc["touches"], doc["days"], doc["intros"]), pending


def link_to_doc(x: Link) -> dict[str, Any]:
    return {
        "uid": x.uid,
        "a": x.a,
        "b": x.b,
        "created": x.created.isoformat(),
        "source": x.source,
        "note": x.note,
    }


def link_from_doc(d: dict[str, Any]) -> Link:
    get = d.get
    created = d["created"]
    return Link(
        d["uid"],
        d["a"],
        d["b"],
        _DATES.get(created) or _day(created),
        get("source") or "manual",
        get("note") or "",
    )


def habit_to_doc(h: Habit) -> dict[str, Any]:
    return {
        "uid": h.uid,
        "name": h.name,
        "created": h.created.isoformat(),
        "target": h.target,
        "period": h.period,
        "days": list(h.days),
        "archived": h.archived,
    }


def habit_from_doc(d: dict[str, Any]) -> Habit:
    return Habit(
        uid=d["uid"],
        name=d["name"],
        created=_day(d["created"]),
        target=int(d.get("target", 1)),
        period=d.get("period") or "day",
        days=tuple(d.get("days") or ALL_DAYS),
        archived=bool(d.get("archived", False)),
    )


def checkin_to_doc(c: CheckIn) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "uid": c.uid,
        "habit": c.habit,
        "date": c.date.isoformat(),
        "count": c.count,
    }
    if c.skip:
        doc["skip"] = True
    return doc


def checkin_from_doc(d: dict[str, Any]) -> CheckIn:
    get = d.get
    day, count = d["date"], get("count", 1)
    return CheckIn(
        d["uid"],
        d["habit"],
        _DATES.get(day) or _day(day),
        count if type(count) is int else int(count),
        bool(get("skip", False)),
    )


def break_to_doc(b: Break) -> dict[str, Any]:
    return {"uid": b.uid, "from": b.start.isoformat(), "to": b.end.isoformat(), "note": b.note}


def break_from_doc(d: dict[str, Any]) -> Break:
    return Break(
        uid=d["uid"],
        start=date.fromisoformat(d["from"]),
        end=date.fromisoformat(d["to"]),
        note=d.get("note") or "",
    )


def settings_to_doc(s: Settings) -> dict[str, Any]:
    return {
        "default_cadence_by_tag": dict(s.default_cadence_by_tag),
        "neglected_limit": s.neglected_limit,
        "drifting_days": s.drifting_days,
        "week_start": s.week_start,
        "backups_keep": s.backups_keep,
        "theme": s.theme,
        "my_emails": list(s.my_emails),
    }


def settings_from_doc(d: dict[str, Any] | None) -> Settings:
    d = d or {}
    default = Settings()
    return Settings(
        default_cadence_by_tag=dict(d.get("default_cadence_by_tag") or {}),
        neglected_limit=int(d.get("neglected_limit", default.neglected_limit)),
        drifting_days=int(d.get("drifting_days", default.drifting_days)),
        week_start=int(d.get("week_start", default.week_start)),
        backups_keep=int(d.get("backups_keep", default.backups_keep)),
        theme=str(d.get("theme") or ""),
        my_emails=tuple(str(e) for e in d.get("my_emails") or ()),
    )


TO_DOC = {
    Contact: contact_to_doc,
    Interaction: interaction_to_doc,
    Link: link_to_doc,
    Habit: habit_to_doc,
    CheckIn: checkin_to_doc,
    Break: break_to_doc,
}
FROM_DOC = {
    Contact: contact_from_doc,
    Interaction: interaction_from_doc,
    Link: link_from_doc,
    Habit: habit_from_doc,
    CheckIn: checkin_from_doc,
    Break: break_from_doc,
}


def to_doc(record: Record) -> dict[str, Any]:
    """The JSON document of a record."""
    doc: dict[str, Any] = TO_DOC[type(record)](record)  # type: ignore[operator]
    return doc


#: Where the meta record keeps the future meetings an imported calendar holds (a few
#: records, rewritten by each import: not a table, so the daily fast read — which parses
#: meta anyway — sees them without reading another part of the file).
PLANS_KEY = "upcoming"


def plan_to_doc(p: Plan) -> dict[str, Any]:
    return {
        "uid": p.uid,
        "contacts": list(p.contacts),
        "date": p.date.isoformat(),
        "title": p.title,
        "external_id": p.external_id,
    }


def plan_from_doc(d: dict[str, Any]) -> Plan:
    return Plan(
        uid=d["uid"],
        contacts=tuple(d.get("contacts") or ()),
        date=_day(d["date"]),
        title=d.get("title") or "",
        external_id=d.get("external_id") or "",
    )


def plans_from_meta(value: Any) -> tuple[Plan, ...]:
    """The plans kept under :data:`PLANS_KEY`; a malformed one is left out (they are made
    anew by the next calendar import, so a hand edit gone wrong must not stop the store)."""
    if not isinstance(value, dict):
        return ()
    plans = []
    for doc in value.values():
        try:
            plans.append(plan_from_doc(doc))
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
    return tuple(plans)
