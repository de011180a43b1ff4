"""Touches: log one (closing the follow-ups it answers), take one back, move a follow-up.

A touch closes only the open follow-ups of its people that are due by its date; each
closed follow-up remembers which touch closed it, so taking that touch back (``unlog``, the
app's ``u``) opens them again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from networkhabit.actions.changes import Builder, Change, needs_whole, reading, replacing
from networkhabit.actions.contacts import find
from networkhabit.domain.errors import InputError
from networkhabit.domain.model import Snapshot
from networkhabit.domain.names import display_names
from networkhabit.domain.touches import closed_follow_up_text, log_touch, reopen_follow_ups


def log(
    refs: Sequence[str],
    today: date,
    kind: str = "message",
    note: str = "",
    follow_up: date | None = None,
    day: date | None = None,
) -> Builder:
    """Log a touch with the contacts ``refs`` mean (uids or typed names) on ``day`` (today)."""

    def build(snap: Snapshot) -> Change:
        people = []
        for ref in refs:
            c = find(snap, ref)
            if c not in people:
                people.append(c)
        when = day or today
        record, closed = log_touch(
            snap, [c.uid for c in people], when, today, kind.lower(), note, follow_up
        )
        before, after = replacing(snap, closed)
        labels = display_names(snap.contacts)
        who = ", ".join(labels[c.uid] for c in people)
        msg = f"Logged {record.kind} with {who}"
        if when != today:
            msg += f" on {when.isoformat()}"
        if follow_up:
            msg += f" · follow up {follow_up.isoformat()}"
        if len(closed) == 1:
            msg += f" · {closed_follow_up_text(closed[0], today)}"
        elif closed:
            msg += f" · closed {len(closed)} follow-ups"
        return Change(
            msg,
            added=(record,),
            before=before,
            after=after,
            subject=record,
            closed=tuple(closed),
            info={"who": who},
        )

    return reading("contacts")(build)


def unlog(ref: str, today: date, day: date | None = None) -> Builder:
    """Take back the touch with the contact ``ref`` means that was logged last (on ``day``):
    remove it and open again the follow-ups it closed."""

    def build(snap: Snapshot) -> Change:
        c = find(snap, ref, include_archived=True)
        mine = [
            i for i in snap.interactions if c.uid in i.contacts and (day is None or i.date == day)
        ]
        if not mine:
            on = f" on {day.isoformat()}" if day else ""
            raise InputError(f"no touch with {c.name}{on} to remove")
        latest = max(i.date for i in mine)  # the newest day; within it, the one stored last
        touch = [i for i in mine if i.date == latest][-1]
        reopen = reopen_follow_ups(snap, touch)
        before, after = replacing(snap, reopen)
        labels = display_names(snap.contacts)
        who = ", ".join(labels.get(u, "?") for u in touch.contacts)
        return Change(
            f"Removed the {touch.kind} with {who} on {touch.date.isoformat()}",
            removed=(touch,),
            before=before,
            after=after,
            subject=touch,
            closed=tuple(reopen),
            info={"who": who},
        )

    return needs_whole(build)


def move_follow_up(interaction_uid: str, until: date, today: date) -> Builder:
    """Push a follow-up to a later date."""

    def build(snap: Snapshot) -> Change:
        if until <= today:
            raise InputError("move the follow-up to a day after today")
        for it in snap.interactions:
            if it.uid == interaction_uid:
                return Change(
                    f"Follow-up moved to {until.isoformat()}",
                    before=(it,),
                    after=(replace(it, follow_up=until),),
                    subject=it,
                )
        raise InputError("that follow-up is no longer in the store")

    return reading("contacts")(build)
