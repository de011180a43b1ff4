"""Logging a touch: the new interaction and the follow-ups it closes."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, timedelta

from networkhabit.domain.errors import InputError
from networkhabit.domain.model import KINDS, Interaction, Snapshot, TouchIndex, new_uid

MAX_NOTE = 100_000


def log_touch(
    snap: Snapshot,
    contact_uids: Sequence[str],
    day: date,
    today: date,
    kind: str = "message",
    note: str = "",
    follow_up: date | None = None,
) -> tuple[Interaction, list[Interaction]]:
    """A new touch with the given contacts, and the earlier open follow-ups it answers
    (marked done): any touch with someone answers their follow-ups from before it."""
    if not contact_uids:
        raise InputError("a touch needs at least one contact")
    if kind not in KINDS:
        raise InputError(f"unknown kind {kind!r}: use one of {', '.join(KINDS)}")
    if day > today:
        raise InputError(f"touch date {day.isoformat()} is in the future; use today or earlier")
    if follow_up is not None and follow_up < day:
        raise InputError(f"follow-up {follow_up.isoformat()} is before the touch itself")
    if len(note) > MAX_NOTE:
        raise InputError(f"note is too long ({len(note):,} characters; at most {MAX_NOTE:,})")
    uids = tuple(dict.fromkeys(contact_uids))
    touch = Interaction(new_uid(), uids, day, kind, note, follow_up)
    wanted = set(uids)
    closed = [
        replace(i, follow_up_done=True)
        for i in snap.interactions
        if i.follow_up is not None
        and not i.follow_up_done
        and i.date <= day
        and wanted & set(i.contacts)
    ]
    return touch, closed


def touch_index(touches: Iterable[Interaction]) -> TouchIndex:
    """The :class:`TouchIndex` of ``touches`` (the definition: the store works the same out
    from the file's records when it writes, and is tested against this)."""
    per: dict[str, list[str]] = {}
    days: dict[str, int] = {}
    intros: dict[str, int] = {}
    for it in touches:
        day = it.date.isoformat()
        days[day] = days.get(day, 0) + 1
        for uid in it.contacts:
            per.setdefault(uid, []).append(day)
            if it.kind == "intro":
                intros[uid] = intros.get(uid, 0) + 1
    for lst in per.values():
        lst.sort()
    return TouchIndex(per, days, intros)


def indexed_stats(ix: TouchIndex, today: date) -> dict[str, tuple[date, int]]:
    """Per contact with a touch on or before ``today``: (the latest such day, how many)."""
    t = today.isoformat()
    out: dict[str, tuple[date, int]] = {}
    for uid, days in ix.touches.items():
        k = bisect_right(days, t)
        if k:
            out[uid] = (date.fromisoformat(days[k - 1]), k)
    return out


def indexed_recent(ix: TouchIndex, today: date, window: int) -> dict[str, int]:
    """Per contact: touches in the ``window`` days up to ``today`` (after today − window)."""
    t, since = today.isoformat(), (today - timedelta(days=window)).isoformat()
    out: dict[str, int] = {}
    for uid, days in ix.touches.items():
        n = bisect_right(days, t) - bisect_right(days, since)
        if n:
            out[uid] = n
    return out


def indexed_touched(ix: TouchIndex, start: date, end: date) -> set[str]:
    """The contacts with a touch from ``start`` through ``end``."""
    a, b = start.isoformat(), end.isoformat()
    return {uid for uid, days in ix.touches.items() if bisect_right(days, b) > bisect_left(days, a)}


def indexed_days(ix: TouchIndex, start: date, end: date) -> dict[int, int]:
    """Touches per day (by ordinal) from ``start`` through ``end``; days without none left out."""
    a, b = start.isoformat(), end.isoformat()
    return {date.fromisoformat(d).toordinal(): n for d, n in ix.days.items() if a <= d <= b}
