"""Logging a touch: the new interaction and the follow-ups it closes (and reopening them when
the touch is taken back); the :class:`~networkhabit.domain.model.TouchIndex` and what the
daily rules read from it."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, timedelta

from networkhabit.domain.errors import InputError
from networkhabit.domain.model import KINDS, Interaction, Snapshot, TouchIndex, new_uid
from networkhabit.domain.wording import clip, short_date

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
    """A new touch with the given contacts, and the open follow-ups it closes: those of its
    people due by ``day`` (a follow-up set for later stays open), marked done and closed by
    it (``closed_by``, ``closed_on``). ``snap`` may be partial: it holds every open
    follow-up."""
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
    return touch, closed_by_touch(snap.interactions, touch)


def closed_by_touch(touches: Iterable[Interaction], touch: Interaction) -> list[Interaction]:
    """The open follow-ups among ``touches`` that ``touch`` closes (those of its people due by
    its date), closed by it."""
    wanted = set(touch.contacts)
    day = touch.date
    return [
        close_follow_up(i, day, touch.uid)
        for i in touches
        if i.follow_up is not None
        and not i.follow_up_done
        and i.follow_up <= day
        and i.date <= day
        and i.uid != touch.uid
        and wanted.intersection(i.contacts)
    ]


def close_follow_up(follow_up: Interaction, day: date, by: str = "") -> Interaction:
    """``follow_up`` closed on ``day`` by the touch ``by`` (empty: closed by hand)."""
    return replace(follow_up, follow_up_done=True, closed_by=by, closed_on=day)


def reopen_follow_ups(
    touches: Snapshot | Iterable[Interaction], removed: Interaction
) -> list[Interaction]:
    """The follow-ups the touch ``removed`` closed, open again (for ``unlog`` / undo).

    ``touches`` is a whole snapshot, or the touches of ``removed``'s people (a follow-up it
    closed shares a person with it); a partial snapshot holds only open follow-ups, so it
    is refused (``ValueError``). Follow-ups closed before closings were recorded
    (``closed_by`` empty) cannot be told apart and stay closed."""
    found = touches.all_touches() if isinstance(touches, Snapshot) else touches
    return [
        replace(i, follow_up_done=False, closed_by="", closed_on=None)
        for i in found
        if i.follow_up_done and i.closed_by == removed.uid and i.uid != removed.uid
    ]


def closed_in_time(touch: Interaction) -> date | None:
    """The day ``touch``'s follow-up was closed, if it was closed on or before its date
    (what a "follow-ups" habit counts); else None."""
    fu, on = touch.follow_up, touch.closed_on
    if touch.follow_up_done and fu is not None and on is not None and on <= fu:
        return on
    return None


def owed_on(touch: Interaction) -> date | None:
    """The day ``touch``'s follow-up is owed (its date), if it is still open or was closed
    on or after that day; None if it has none, was closed before its day, or was closed
    before closings were recorded (no ``closed_on``)."""
    fu = touch.follow_up
    if fu is None:
        return None
    if not touch.follow_up_done:
        return fu
    return fu if touch.closed_on is not None and touch.closed_on >= fu else None


def closed_follow_up_text(
    follow_up: Interaction, today: date, who: str = "", verb: str = "closed"
) -> str:
    """One line for a closed follow-up, for messages: "closed the follow-up from Nov 12:
    send the deck" (``who``, e.g. "Ana Ruiz", goes after "follow-up": "… with Ana Ruiz …";
    ``verb``: "opened again" after an unlog)."""
    with_who = f" with {who}" if who else ""
    text = f"{verb} the follow-up{with_who} from {short_date(follow_up.date, today)}"
    note = follow_up.note.strip().splitlines()[0].strip() if follow_up.note.strip() else ""
    if note:
        text += f": {clip(note, NOTE_SNIPPET)}"
    return text


#: How much of a touch's note a one-line message shows.
NOTE_SNIPPET = 60


def touch_index(touches: Iterable[Interaction], per_contact: bool = True) -> TouchIndex:
    """The :class:`TouchIndex` of ``touches`` (the definition: the store works the same out
    from the file's records when it writes, and is tested against this). Without
    ``per_contact``, only the per-day sums (what counting habits read)."""
    per: dict[str, list[str]] = {}
    days: dict[str, int] = {}
    intros: dict[str, int] = {}
    people: dict[str, dict[str, list[str]]] = {}  # joined into text below
    intro_days: dict[str, int] = {}
    closed_days: dict[str, int] = {}
    owed_days: dict[str, int] = {}
    for it in touches:
        day = it.date.isoformat()
        days[day] = days.get(day, 0) + 1
        people.setdefault(day, {}).setdefault(it.kind, []).extend(it.contacts)
        if it.kind == "intro":
            intro_days[day] = intro_days.get(day, 0) + 1
        if per_contact:
            for uid in it.contacts:
                per.setdefault(uid, []).append(day)
                if it.kind == "intro":
                    intros[uid] = intros.get(uid, 0) + 1
        on = closed_in_time(it)
        if on is not None:
            key = on.isoformat()
            closed_days[key] = closed_days.get(key, 0) + 1
        owed = owed_on(it)
        if owed is not None:
            key = owed.isoformat()
            owed_days[key] = owed_days.get(key, 0) + 1
    for lst in per.values():
        lst.sort()
    joined = {
        day: {kind: " ".join(sorted(lst)) for kind, lst in kinds.items() if lst}
        for day, kinds in people.items()
        if any(kinds.values())
    }
    return TouchIndex(per, days, intros, joined, intro_days, closed_days, owed_days)


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
    days = ix.days
    if not days:
        return {}
    a, b = start.isoformat(), end.isoformat()
    # (in C, without a test per day: usually every day of the index is asked for)
    keys = days if a <= min(days) and max(days) <= b else [d for d in days if a <= d <= b]
    ordinals = map(date.toordinal, map(date.fromisoformat, keys))
    return dict(zip(ordinals, map(days.__getitem__, keys)))
