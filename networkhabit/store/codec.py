"""Records ↔ JSON documents. Dates are ISO strings; tuples are lists."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from datetime import date
from itertools import chain
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


# -- the shape each record must have ------------------------------------------------------
# Checked once, when a record is decoded: a record of the wrong shape is named ("contact 12
# 'Ana Ruiz': tags is text, not a list") instead of being misread ("c, l, i, e, n, t") or
# failing later deep inside a rule (TypeError, OverflowError).


class BadRecord(ValueError):
    """A record that does not have the shape this version reads; the message says which field
    is wrong and how, in plain words ("tags is text, not a list")."""


#: The longest span in days a cadence, a limit or a setting may have (as typed: 100 years).
MAX_SPAN_DAYS = 36_500
#: The largest count a habit's target or a check-in may hold.
MAX_COUNT = 1_000_000

# field kinds (a document's, :data:`SHAPES`; a record's decoded form adds ``_PAIRS``,
# :data:`COLUMNS`)
_TEXT, _WORDS, _DAY, _SPAN, _COUNT, _FLAG, _OBJECT, _WEEKDAYS, _PAIRS = range(9)
#: The whole numbers each numeric kind takes, inclusive.
_RANGES = {_SPAN: (1, MAX_SPAN_DAYS), _COUNT: (0, MAX_COUNT)}

#: table → (field, kind, required)
SHAPES: dict[str, tuple[tuple[str, int, bool], ...]] = {
    "contacts": (
        ("uid", _TEXT, True),
        ("name", _TEXT, True),
        ("created", _DAY, True),
        *((f, _TEXT, False) for f in ("company", "title", "email", "phone", "url", "notes")),
        *((f, _TEXT, False) for f in ("birthday", "source", "external_id", "previous_job")),
        ("tags", _WORDS, False),
        ("needs", _WORDS, False),
        ("offers", _WORDS, False),
        ("cadence_days", _SPAN, False),
        ("max_days", _SPAN, False),
        ("known", _FLAG, False),
        ("archived", _FLAG, False),
        ("snoozed_until", _DAY, False),
        ("job_changed_on", _DAY, False),
        ("imported", _OBJECT, False),
    ),
    "interactions": (
        ("uid", _TEXT, True),
        ("contacts", _WORDS, True),
        ("date", _DAY, True),
        ("kind", _TEXT, False),
        ("note", _TEXT, False),
        ("follow_up", _DAY, False),
        ("follow_up_done", _FLAG, False),
    ),
    "links": (
        ("uid", _TEXT, True),
        ("a", _TEXT, True),
        ("b", _TEXT, True),
        ("created", _DAY, True),
        ("source", _TEXT, False),
        ("note", _TEXT, False),
    ),
    "habits": (
        ("uid", _TEXT, True),
        ("name", _TEXT, True),
        ("created", _DAY, True),
        ("target", _COUNT, False),
        ("period", _TEXT, False),
        ("days", _WEEKDAYS, False),
        ("archived", _FLAG, False),
    ),
    "checkins": (
        ("uid", _TEXT, True),
        ("habit", _TEXT, True),
        ("date", _DAY, True),
        ("count", _COUNT, False),
        ("skip", _FLAG, False),
    ),
    "breaks": (
        ("uid", _TEXT, True),
        ("from", _DAY, True),
        ("to", _DAY, True),
        ("note", _TEXT, False),
    ),
}


def kind_of(value: Any) -> str:
    """What a JSON value is, in words: "text", "a number", "a list" ..."""
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _field_problem(name: str, kind: int, value: Any) -> str | None:
    if kind == _TEXT:
        return None if isinstance(value, str) else f"{name} is {kind_of(value)}, not text"
    if kind == _WORDS:
        if not isinstance(value, list):
            return f"{name} is {kind_of(value)}, not a list"
        bad = next((v for v in value if not isinstance(v, str)), None)
        if bad is not None or any(v is None for v in value):
            return f"{name} holds {kind_of(bad)}, not only text"
        return None
    if kind == _DAY:
        if not isinstance(value, str):
            return f"{name} is {kind_of(value)}, not a date"
        try:
            _day(value)
        except ValueError:
            return f"{name} {_short(value)} is not a date (YYYY-MM-DD)"
        return None
    if kind in (_SPAN, _COUNT):
        if not isinstance(value, int) or isinstance(value, bool):
            return f"{name} is {kind_of(value)}, not a whole number"
        low, high = _RANGES[kind]
        if not low <= value <= high:
            return f"{name} {_short(value)} is out of range ({low:,} to {high:,})"
        return None
    if kind == _FLAG:
        return None if isinstance(value, bool) else f"{name} is {kind_of(value)}, not true/false"
    if kind == _OBJECT:
        return None if isinstance(value, dict) else f"{name} is {kind_of(value)}, not an object"
    weekdays = isinstance(value, list) and all(
        isinstance(x, int) and not isinstance(x, bool) and 0 <= x <= 6 for x in value
    )
    if kind == _WEEKDAYS and not weekdays:
        return f"{name} is {kind_of(value)}, not a list of weekdays (0-6)"
    return None


def record_problems(table: str, doc: Any) -> list[str]:
    """Every field of a record of ``table`` that has the wrong shape, in words (empty: fine)."""
    if not isinstance(doc, dict):
        return [f"is {kind_of(doc)}, not a record"]
    out = []
    for name, kind, required in SHAPES.get(table, ()):
        value = doc.get(name)
        if value is None:
            if required:
                out.append(f"{name} is missing")
            continue
        problem = _field_problem(name, kind, value)
        if problem is not None:
            out.append(problem)
    text = doc.get("name")
    if table in ("contacts", "habits") and isinstance(text, str) and not text.strip():
        out.append("name is empty")
    return out


_CONTACT_TEXT = (
    "uid",
    "name",
    "created",
    "company",
    "title",
    "email",
    "phone",
    "url",
    "notes",
    "birthday",
    "source",
    "external_id",
    "previous_job",
    "snoozed_until",
    "job_changed_on",
)


def _contact_ok(d: dict[str, Any]) -> bool:
    """The cheap check of a contact's shape (the full one, which names the problem, runs
    when this one fails): the same rules, inline."""
    get = d.get
    for key in _CONTACT_TEXT:
        value = get(key)
        if value is not None and type(value) is not str:
            return False
    for key in ("tags", "needs", "offers"):
        value = get(key)
        if value is not None:
            if type(value) is not list:
                return False
            for item in value:
                if type(item) is not str:
                    return False
    for key in ("cadence_days", "max_days"):
        value = get(key)
        if value is not None and (type(value) is not int or not 1 <= value <= MAX_SPAN_DAYS):
            return False
    for key in ("known", "archived"):
        value = get(key)
        if value is not None and type(value) is not bool:
            return False
    imported, name = get("imported"), get("name")
    return (imported is None or type(imported) is dict) and bool(name and name.strip())


def _checkin_ok(d: dict[str, Any]) -> bool:
    get = d.get
    count, skip, note = get("count"), get("skip"), get("note")
    return (
        type(get("uid")) is str
        and type(get("habit")) is str
        and type(get("date")) is str
        and (count is None or (type(count) is int and 0 <= count <= MAX_COUNT))
        and (skip is None or type(skip) is bool)
        and (note is None or type(note) is str)
    )


def _check(table: str, d: Any) -> None:
    """:class:`BadRecord` naming the first problem of a record of ``table``, if it has one."""
    found = record_problems(table, d)
    if found:
        raise BadRecord(found[0])


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
# records' field order, every field given) to the records' ``_make`` (no class call, no
# ``__init__``: see networkhabit.domain.records) and the date cache looked up inline are
# measurably faster.
_new_contact: Callable[..., Contact] = Contact._make  # type: ignore[attr-defined]
_new_touch: Callable[..., Interaction] = Interaction._make  # type: ignore[attr-defined]


def _words_ok(value: Any) -> bool:
    """``tags``, ``needs``, ``offers`` as :func:`_contact_ok` takes them: absent or a list of text."""
    if value is None:
        return True
    if type(value) is not list:
        return False
    for item in value:
        if type(item) is not str:
            return False
    return True


#: The types a text field of a record may have (absent counts as None).
_TEXT_OR_NONE = frozenset((str, type(None)))


def contact_from_doc(d: dict[str, Any]) -> Contact:
    # Each field read once and checked inline by the rules of _contact_ok (the full check,
    # which names the problem, runs only when they fail).
    if type(d) is not dict:
        _check("contacts", d)
    get = d.get
    name, company, title, email, phone = (
        get("name"),
        get("company"),
        get("title"),
        get("email"),
        get("phone"),
    )
    url, notes, birthday, source = get("url"), get("notes"), get("birthday"), get("source")
    external_id, previous_job = get("external_id"), get("previous_job")
    snoozed, changed, imported = get("snoozed_until"), get("job_changed_on"), get("imported")
    tags, needs, offers = get("tags"), get("needs"), get("offers")
    cadence, max_days, known, archived = (
        get("cadence_days"),
        get("max_days"),
        get("known"),
        get("archived"),
    )
    texts = (get("uid"), name, get("created"), company, title, email, phone, url, notes)
    more = (birthday, source, external_id, previous_job, snoozed, changed)
    if not (
        _TEXT_OR_NONE.issuperset(map(type, texts))
        and _TEXT_OR_NONE.issuperset(map(type, more))
        and _words_ok(tags)
        and _words_ok(needs)
        and _words_ok(offers)
        and (cadence is None or (type(cadence) is int and 1 <= cadence <= MAX_SPAN_DAYS))
        and (max_days is None or (type(max_days) is int and 1 <= max_days <= MAX_SPAN_DAYS))
        and (known is None or type(known) is bool)
        and (archived is None or type(archived) is bool)
        and (imported is None or type(imported) is dict)
        and name
        and name.strip()
    ):
        _check("contacts", d)
    created = d["created"]
    return _new_contact(
        d["uid"],
        d["name"],
        _DATES.get(created) or _day(created),
        company or "",
        title or "",
        email or "",
        phone or "",
        url or "",
        tuple(tags or ()),
        cadence,
        max_days,
        tuple(needs or ()),
        tuple(offers or ()),
        notes or "",
        birthday,
        bool(get("known", True)),
        _day(snoozed) if snoozed else None,
        bool(archived),
        source or "manual",
        external_id or "",
        _day(changed) if changed else None,
        previous_job or "",
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
    if i.closed_by:
        doc["closed_by"] = i.closed_by
    if i.closed_on is not None:
        doc["closed_on"] = i.closed_on.isoformat()
    if i.external_id:
        doc["external_id"] = i.external_id
    return doc


def interaction_from_doc(d: dict[str, Any]) -> Interaction:
    # Touches are most of the file: the shape is checked inline (the full check, which names
    # the problem, runs only when this cheap one fails).
    get = d.get
    day, follow_up, closed_on = d["date"], get("follow_up"), get("closed_on")
    people, kind, note, done = get("contacts"), get("kind"), get("note"), get("follow_up_done")
    if (
        type(people) is not list
        or type(day) is not str
        or type(d["uid"]) is not str
        or (kind is not None and type(kind) is not str)
        or (note is not None and type(note) is not str)
        or (follow_up is not None and type(follow_up) is not str)
        or (done is not None and type(done) is not bool)
        or (closed_on is not None and type(closed_on) is not str)
    ):
        _check("interactions", d)
    else:
        for uid in people:
            if type(uid) is not str:
                _check("interactions", d)
    return _new_touch(
        d["uid"],
        tuple(people or ()),
        _DATES.get(day) or _day(day),
        kind or "other",
        note or "",
        _day(follow_up) if follow_up else None,
        bool(get("follow_up_done", False)),
        get("closed_by") or "",
        _day(closed_on) if closed_on else None,
        get("external_id") or "",
    )


#: The shape of the derived index the store writes beside the tables (bump to rebuild).
INDEX_VERSION = 4


def index_doc(data: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    """The derived index of the file's touches, as written beside the tables: the
    :class:`TouchIndex` (as :func:`networkhabit.domain.touches.touch_index` defines it) and
    copies of the touches with an open follow-up. None if a touch is malformed or has a date
    in another form than ``YYYY-MM-DD`` (then readers decode every touch instead)."""
    per: dict[str, list[str]] = {}
    days: dict[str, int] = {}
    intros: dict[str, int] = {}
    people_by_day: dict[str, dict[str, list[str]]] = {}
    intro_days: dict[str, int] = {}
    closed: dict[str, int] = {}
    owed: dict[str, int] = {}
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
            kind = _kind(d)
            kinds = people_by_day.get(day)
            if kinds is None:
                people_by_day[day] = {kind: list(people)}
            elif kind in kinds:
                kinds[kind].extend(people)
            else:
                kinds[kind] = list(people)
            if kind == "intro":
                intro_days[day] = intro_days.get(day, 0) + 1
                for uid in people:
                    intros[uid] = intros.get(uid, 0) + 1
            on = _closed_in_time(d)
            if on is not None:
                closed[on] = closed.get(on, 0) + 1
            due = _owed_on(d)
            if due is not None:
                owed[due] = owed.get(due, 0) + 1
            if d.get("follow_up") and not d.get("follow_up_done"):
                pending[key] = d
        if not all(_is_day(day) for day in days):
            return None
        for uid in per:
            if not isinstance(uid, str) or " " in uid:
                return None
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    days_of = {uid: " ".join(sorted(lst)) for uid, lst in per.items()}
    joined = {
        day: {kind: " ".join(sorted(lst)) for kind, lst in kinds.items() if lst}
        for day, kinds in people_by_day.items()
        if any(kinds.values())
    }
    return _index_doc(days_of, days, intros, joined, intro_days, closed, owed, pending)


def _kind(d: dict[str, Any]) -> str:
    """A touch document's kind as :func:`interaction_from_doc` reads it."""
    kind = d.get("kind") or "other"
    if not isinstance(kind, str):
        raise TypeError(f"kind {kind!r} is not text")
    return kind


def _closed_in_time(d: dict[str, Any]) -> str | None:
    """The day a touch document's follow-up was closed, if on or before its date
    (:func:`networkhabit.domain.touches.closed_in_time`); ``ValueError`` on a day in another
    form than ``YYYY-MM-DD`` (whose order as text is not the dates')."""
    on, fu = d.get("closed_on"), d.get("follow_up")
    if not (on and fu and d.get("follow_up_done")):
        return None
    if not (_is_day(on) and _is_day(fu)):
        raise ValueError(f"follow-up dates {fu!r}, {on!r} are not YYYY-MM-DD")
    return str(on) if on <= fu else None


def _owed_on(d: dict[str, Any]) -> str | None:
    """The day a touch document's follow-up is owed
    (:func:`networkhabit.domain.touches.owed_on`); ``ValueError`` on a day in another form
    than ``YYYY-MM-DD``."""
    fu = d.get("follow_up")
    if not fu:
        return None
    on = d.get("closed_on")
    if not (_is_day(fu) and (not on or _is_day(on))):
        raise ValueError(f"follow-up dates {fu!r}, {on!r} are not YYYY-MM-DD")
    if not d.get("follow_up_done"):
        return str(fu)
    return str(fu) if on and on >= fu else None


def patch_index(base: dict[str, Any], changes: list[tuple[str, Any, Any]]) -> dict[str, Any] | None:
    """:func:`index_doc` of the touches after ``changes`` (key, old document, new document),
    worked out from ``base``, the index before them, which is left as it was. None if a
    change cannot be applied (the caller then builds the index anew)."""
    if base.get("version") != INDEX_VERSION:
        return None
    touches: dict[str, Any] = dict(base["touches"])  # uid → its days joined by spaces
    days: dict[str, int] = dict(base["days"])
    intros: dict[str, int] = dict(base["intros"])
    people_by_day: dict[str, dict[str, str]] = dict(base["people"])
    intro_days: dict[str, int] = dict(base["intro_days"])
    closed: dict[str, int] = dict(base["closed"])
    owed: dict[str, int] = dict(base["owed"])
    pending: dict[str, Any] = dict(base["open"])
    mine: set[str] = set()  # contacts whose list is already a copy
    my_days: set[str] = set()  # days whose kinds are already a copy
    lists: dict[tuple[str, str], list[str]] = {}  # (day, kind): its people, being changed

    def own(uid: str) -> list[str]:
        if uid not in mine or uid not in touches:
            text = touches.get(uid) or ""
            touches[uid] = text.split(" ") if text else []
            mine.add(uid)
        days_of: list[str] = touches[uid]
        return days_of

    def own_kind(day: str, kind: str) -> list[str]:
        if day not in my_days:
            people_by_day[day] = dict(people_by_day.get(day, {}))
            my_days.add(day)
        lst = lists.get((day, kind))
        if lst is None:
            text = people_by_day[day].get(kind, "")
            lst = lists[day, kind] = text.split(" ") if text else []
        return lst

    def less(counter: dict[str, int], key: str) -> None:
        left = counter[key] - 1
        if left:
            counter[key] = left
        else:
            del counter[key]

    try:
        for key, old, new in changes:
            if old is not None:
                day = old["date"]
                less(days, day)
                people = old.get("contacts") or ()
                for uid in people:
                    own(uid).remove(day)
                kind = _kind(old)
                listed = own_kind(day, kind)
                for uid in people:
                    listed.remove(uid)
                if kind == "intro":
                    less(intro_days, day)
                    for uid in people:
                        less(intros, uid)
                on = _closed_in_time(old)
                if on is not None:
                    less(closed, on)
                due = _owed_on(old)
                if due is not None:
                    less(owed, due)
                pending.pop(key, None)
            if new is not None:
                day = new["date"]
                if not _is_day(day):
                    return None
                days[day] = days.get(day, 0) + 1
                people = new.get("contacts") or ()
                for uid in people:
                    if not isinstance(uid, str) or " " in uid:
                        return None
                    bisect.insort(own(uid), day)
                kind = _kind(new)
                listed = own_kind(day, kind)
                for uid in people:
                    bisect.insort(listed, uid)
                if kind == "intro":
                    intro_days[day] = intro_days.get(day, 0) + 1
                    for uid in people:
                        intros[uid] = intros.get(uid, 0) + 1
                on = _closed_in_time(new)
                if on is not None:
                    closed[on] = closed.get(on, 0) + 1
                due = _owed_on(new)
                if due is not None:
                    owed[due] = owed.get(due, 0) + 1
                if new.get("follow_up") and not new.get("follow_up_done"):
                    pending[key] = new
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    for uid in mine:
        if uid in touches:
            if touches[uid]:
                touches[uid] = " ".join(touches[uid])
            else:
                del touches[uid]
    for (day, kind), lst in lists.items():
        if lst:
            people_by_day[day][kind] = " ".join(lst)
        else:
            people_by_day[day].pop(kind, None)
    for day in my_days:
        if not people_by_day[day]:
            del people_by_day[day]
    return _index_doc(touches, days, intros, people_by_day, intro_days, closed, owed, pending)


def _index_doc(
    touches: dict[str, Any],
    days: dict[str, int],
    intros: dict[str, int],
    people: dict[str, dict[str, str]],
    intro_days: dict[str, int],
    closed: dict[str, int],
    owed: dict[str, int],
    pending: dict[str, Any],
) -> dict[str, Any]:
    return {
        "version": INDEX_VERSION,
        "touches": touches,
        "days": days,
        "intros": intros,
        "people": people,
        "intro_days": intro_days,
        "closed": closed,
        "owed": owed,
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
    index = TouchIndex(
        {uid: text.split(" ") for uid, text in doc["touches"].items()},
        doc["days"],
        doc["intros"],
        doc["people"],
        doc["intro_days"],
        doc["closed"],
        doc["owed"],
    )
    return index, pending


def link_to_doc(x: Link) -> dict[str, Any]:
    return {
        "uid": x.uid,
        "a": x.a,
        "b": x.b,
        "created": x.created.isoformat(),
        "source": x.source,
        "note": x.note,
    }


def _link_ok(d: dict[str, Any]) -> bool:
    get = d.get
    source, note = get("source"), get("note")
    return (
        type(get("uid")) is str
        and type(get("a")) is str
        and type(get("b")) is str
        and type(get("created")) is str
        and (source is None or type(source) is str)
        and (note is None or type(note) is str)
    )


def link_from_doc(d: dict[str, Any]) -> Link:
    # Links are many (25,000 on a large network): the cheap check inline, the full one
    # (which names the problem) only when it fails.
    if type(d) is not dict or not _link_ok(d):
        _check("links", d)
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
    doc: dict[str, Any] = {
        "uid": h.uid,
        "name": h.name,
        "created": h.created.isoformat(),
        "target": h.target,
        "period": h.period,
        "days": list(h.days),
        "archived": h.archived,
    }
    if h.counts:
        doc["counts"] = h.counts
    if h.kinds:
        doc["kinds"] = list(h.kinds)
    return doc


def habit_from_doc(d: dict[str, Any]) -> Habit:
    _check("habits", d)
    return Habit(
        uid=d["uid"],
        name=d["name"],
        created=_day(d["created"]),
        target=int(d.get("target", 1)),
        period=d.get("period") or "day",
        days=tuple(d.get("days") or ALL_DAYS),
        archived=bool(d.get("archived", False)),
        counts=d.get("counts") or "",
        kinds=tuple(d.get("kinds") or ()),
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
    if c.note:
        doc["note"] = c.note
    return doc


def checkin_from_doc(d: dict[str, Any]) -> CheckIn:
    if type(d) is not dict or not _checkin_ok(d):
        _check("checkins", d)
    get = d.get
    day, count = d["date"], get("count", 1)
    return CheckIn(
        d["uid"],
        d["habit"],
        _DATES.get(day) or _day(day),
        count if type(count) is int else int(count),
        bool(get("skip", False)),
        get("note") or "",
    )


def checkins_from_docs(docs: Iterable[Any]) -> tuple[CheckIn, ...]:
    """:func:`checkin_from_doc` of many (30,000 on a large store): each field looked up once,
    the cheap check inline; a record it does not pass goes the careful way (which names the
    problem)."""
    out: list[CheckIn] = []
    append, dates, new = out.append, _DATES, CheckIn._make  # type: ignore[attr-defined]
    for d in docs:
        if type(d) is not dict:
            append(checkin_from_doc(d))
            continue
        get = d.get
        uid, habit, day = get("uid"), get("habit"), get("date")
        count, skip, note = get("count", 1), get("skip"), get("note")
        if (
            type(uid) is str
            and type(habit) is str
            and type(day) is str
            and type(count) is int
            and 0 <= count <= MAX_COUNT
            and (skip is None or type(skip) is bool)
            and (note is None or type(note) is str)
        ):
            append(new(uid, habit, dates.get(day) or _day(day), count, skip is True, note or ""))
        else:
            append(checkin_from_doc(d))
    return tuple(out)


def links_from_docs(docs: Iterable[Any]) -> tuple[Link, ...]:
    """:func:`link_from_doc` of many (25,000 on a large network), as
    :func:`checkins_from_docs`."""
    out: list[Link] = []
    append, dates, new = out.append, _DATES, Link._make  # type: ignore[attr-defined]
    for d in docs:
        if type(d) is not dict:
            append(link_from_doc(d))
            continue
        get = d.get
        uid, a, b, created = get("uid"), get("a"), get("b"), get("created")
        source, note = get("source"), get("note")
        if (
            type(uid) is str
            and type(a) is str
            and type(b) is str
            and type(created) is str
            and (source is None or type(source) is str)
            and (note is None or type(note) is str)
        ):
            day = dates.get(created) or _day(created)
            append(new(uid, a, b, day, source or "manual", note or ""))
        else:
            append(link_from_doc(d))
    return tuple(out)


def break_to_doc(b: Break) -> dict[str, Any]:
    return {"uid": b.uid, "from": b.start.isoformat(), "to": b.end.isoformat(), "note": b.note}


def break_from_doc(d: dict[str, Any]) -> Break:
    _check("breaks", d)
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
    if not isinstance(d, dict):
        raise BadRecord(f"the settings are {kind_of(d)}, not an object")
    default = Settings()
    by_tag = d.get("default_cadence_by_tag") or {}
    if not isinstance(by_tag, dict) or not all(
        _field_problem("", _SPAN, v) is None for v in by_tag.values()
    ):
        raise BadRecord("settings: default_cadence_by_tag is not an object of day counts")

    def number(key: str, low: int, high: int) -> int:
        value = d.get(key)
        if value is None:
            result: int = getattr(default, key)
            return result
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise BadRecord(
                f"settings: {key} is {_short(value)}, not a whole number from {low} to {high:,}"
            )
        return value

    theme = d.get("theme")
    if theme is not None and not isinstance(theme, str):
        raise BadRecord(f"settings: theme is {kind_of(theme)}, not text")
    raw_emails = d.get("my_emails") or []
    if not isinstance(raw_emails, list) or not all(isinstance(e, str) for e in raw_emails):
        raise BadRecord("settings: my_emails is not a list of addresses")
    emails = tuple(raw_emails)
    return Settings(
        default_cadence_by_tag=dict(by_tag),
        neglected_limit=number("neglected_limit", 0, 10_000),
        drifting_days=number("drifting_days", 1, MAX_SPAN_DAYS),
        week_start=number("week_start", 0, 6),
        backups_keep=number("backups_keep", 0, 10_000),
        theme=theme or "",
        my_emails=emails,
    )


TO_DOC = {
    Contact: contact_to_doc,
    Interaction: interaction_to_doc,
    Link: link_to_doc,
    Habit: habit_to_doc,
    CheckIn: checkin_to_doc,
    Break: break_to_doc,
}
FROM_DOC: dict[type, Callable[[dict[str, Any]], Record]] = {
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


# -- decoded tables as columns (the cache beside the file: store/cache.py) ----------------

#: The tables whose decoded records are cached as columns, with their record type and each
#: field as (name, kind, may be None), in the record's field order (what :func:`columns_of`
#: writes and :func:`from_columns` checks): the three largest tables the daily paths decode.
COLUMNS: dict[str, tuple[type, tuple[tuple[str, int, bool], ...]]] = {
    "checkins": (
        CheckIn,
        (
            ("uid", _TEXT, False),
            ("habit", _TEXT, False),
            ("date", _DAY, False),
            ("count", _COUNT, False),
            ("skip", _FLAG, False),
            ("note", _TEXT, False),
        ),
    ),
    "links": (
        Link,
        (
            ("uid", _TEXT, False),
            ("a", _TEXT, False),
            ("b", _TEXT, False),
            ("created", _DAY, False),
            ("source", _TEXT, False),
            ("note", _TEXT, False),
        ),
    ),
    "contacts": (
        Contact,
        (
            ("uid", _TEXT, False),
            ("name", _TEXT, False),
            ("created", _DAY, False),
            *((f, _TEXT, False) for f in ("company", "title", "email", "phone", "url")),
            ("tags", _WORDS, False),
            ("cadence_days", _SPAN, True),
            ("max_days", _SPAN, True),
            ("needs", _WORDS, False),
            ("offers", _WORDS, False),
            ("notes", _TEXT, False),
            ("birthday", _TEXT, True),
            ("known", _FLAG, False),
            ("snoozed_until", _DAY, True),
            ("archived", _FLAG, False),
            ("source", _TEXT, False),
            ("external_id", _TEXT, False),
            ("job_changed_on", _DAY, True),
            ("previous_job", _TEXT, False),
            ("imported", _PAIRS, False),
            ("name_parts", _WORDS, False),
        ),
    ),
}


def columns_of(table: str, records: tuple[Any, ...]) -> dict[str, Any]:
    """The decoded records of ``table`` as one list per field (JSON data as orjson writes
    it: days as ISO text, tuples as lists): what :func:`from_columns` turns back into the
    same records."""
    _kind, fields = COLUMNS[table]
    columns: list[list[Any]] = []
    for name, kind, _none in fields:
        column = [getattr(r, name) for r in records]
        if kind == _DAY:
            iso = {d: d.isoformat() for d in set(column) if d is not None}
            column = [iso.get(d) for d in column]
        columns.append(column)
    return {"fields": [name for name, _kind, _none in fields], "columns": columns}


def from_columns(table: str, payload: dict[str, Any]) -> tuple[Any, ...] | None:
    """The records :func:`columns_of` made ``payload`` from; None if it is not exactly that
    shape (another version's, or damaged: the table is then decoded from the file)."""
    kind, fields = COLUMNS[table]
    columns = payload.get("columns")
    if payload.get("fields") != [name for name, _kind, _none in fields]:
        return None
    if type(columns) is not list or len(columns) != len(fields):
        return None
    if any(type(c) is not list for c in columns):
        return None
    size = len(columns[0])
    values: list[Any] = []
    try:
        for column, (_name, what, none_ok) in zip(columns, fields, strict=True):
            got = _column(column, what, none_ok) if len(column) == size else None
            if got is None:
                return None
            values.append(got)
    except ValueError:  # a day that is not one
        return None
    return tuple(map(kind._make, *values))  # type: ignore[attr-defined]


def _column(column: list[Any], what: int, none_ok: bool) -> list[Any] | None:
    """One column's values as the records hold them, if every one is of kind ``what`` (or
    None, if ``none_ok``)."""
    types = set(map(type, column))
    maybe = {type(None)} if none_ok else set()
    if what == _DAY:
        if not types <= {str, *maybe}:
            return None
        texts = set(column)
        texts.discard(None)
        days = dict(zip(texts, map(date.fromisoformat, texts)))  # (in C: a few per record)
        return list(map(days.get if none_ok else days.__getitem__, column))
    if what in _RANGES:
        low, high = _RANGES[what]
        numbers = [n for n in column if n is not None] if none_ok else column
        if not types <= {int, *maybe}:
            return None
        if numbers and not low <= min(numbers) <= max(numbers) <= high:
            return None
        return column
    if what in (_WORDS, _PAIRS):
        if not types <= {list}:
            return None
        if what == _WORDS:
            if not set(map(type, chain.from_iterable(column))) <= {str}:
                return None
            return list(map(tuple, column))
        for items in column:
            for pair in items:
                if type(pair) is not list or len(pair) != 2 or {*map(type, pair)} != {str}:
                    return None
        return [tuple(map(tuple, items)) if items else () for items in column]
    return column if types <= ({bool} if what == _FLAG else {str, *maybe}) else None
