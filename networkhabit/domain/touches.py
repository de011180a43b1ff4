"""Logging a touch: the new interaction and the follow-ups it closes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from networkhabit.domain.errors import InputError
from networkhabit.domain.model import KINDS, Interaction, Snapshot, new_uid

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
