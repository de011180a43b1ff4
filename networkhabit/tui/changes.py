"""What a TUI action writes, and how to take it back exactly.

Every TUI write is a :class:`Change`: records it adds, and records it replaces
(the versions before and after). A change is built from the freshest snapshot
inside the store's transaction, written through the store's record methods
(never a whole cached snapshot), and undone by removing what it added and
putting back, field by field, what it changed. No Textual here: the app runs
these in worker threads.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from networkhabit.domain.errors import InputError
from networkhabit.domain.model import (
    CheckIn,
    Contact,
    Habit,
    Snapshot,
    new_uid,
)
from networkhabit.domain.network import ask_records
from networkhabit.domain.touches import log_touch
from networkhabit.store import Store
from networkhabit.store.codec import Record

#: Builds a change from the store as it is now (inside the write's transaction).
Builder = Callable[[Snapshot], "Change"]

STARTER_ROUTINE: tuple[tuple[str, int, str], ...] = (
    ("Reach out to 1 person", 1, "day"),
    ("Make 1 introduction", 1, "week"),
    ("Follow up within 2 days", 1, "day"),
)


@dataclass(frozen=True)
class Change:
    """Records one action adds and replaces; ``message`` tells the user what happened."""

    message: str
    added: tuple[Record, ...] = ()
    before: tuple[Record, ...] = ()
    after: tuple[Record, ...] = ()


def write(store: Store, build: Builder, cached: Snapshot, cached_sig: object) -> Change:
    """Build the change from the store as it is now and write it in one transaction.

    The cached snapshot is used only while the file is still the one it was read
    from; otherwise the file is read again under the lock, so another process's
    writes are neither lost nor overwritten.
    """
    with store.transaction() as tx:
        snap = cached if tx.signature() == cached_sig else tx.snapshot()
        change = build(snap)
        if change.added:
            tx.add_many(change.added)
        if change.after:
            tx.update_many(change.after)
    return change


def undo(store: Store, change: Change) -> None:
    """Take a change back: remove what it added, restore the fields it changed."""
    with store.transaction() as tx:
        for kind in {type(r) for r in change.added}:
            tx.remove(kind, [r.uid for r in change.added if type(r) is kind])
        if not change.after:
            return
        now = {(type(r), r.uid): r for r in _current(tx.snapshot(), change.after)}
        restored = []
        for old, new in zip(change.before, change.after, strict=True):
            current = now.get((type(new), new.uid))
            if current is not None:
                restored.append(restore_fields(current, old, new))
        if restored:
            tx.update_many(restored)


def restore_fields(current: Record, old: Record, new: Record) -> Record:
    """``current`` with every field the change set (old → new) put back to ``old``;
    fields someone else changed since stay as they are now."""
    names = [
        f.name for f in dataclasses.fields(old) if getattr(old, f.name) != getattr(new, f.name)
    ]
    return replace(current, **{n: getattr(old, n) for n in names})  # type: ignore[arg-type]


def _current(snap: Snapshot, records: Sequence[Record]) -> list[Record]:
    wanted = {(type(r), r.uid) for r in records}
    return [r for group in snap.record_groups() for r in group if (type(r), r.uid) in wanted]


# -- builders: one per action -------------------------------------------------------------------


def _contact(snap: Snapshot, uid: str) -> Contact:
    for c in snap.contacts:
        if c.uid == uid:
            return c
    raise InputError("that contact is no longer in the store")


def _habit(snap: Snapshot, uid: str) -> Habit:
    for h in snap.habits:
        if h.uid == uid:
            return h
    raise InputError("that habit is no longer in the store")


def check_in(habit_uid: str, today: date, *, skip: bool = False) -> Builder:
    """Count 1 for a habit today (or mark today skipped)."""

    def build(snap: Snapshot) -> Change:
        habit = _habit(snap, habit_uid)
        record = CheckIn(new_uid(), habit.uid, today, 1, skip=skip)
        verb = "skipped today" if skip else "done"
        return Change(f"{habit.name}: {verb}", added=(record,))

    return build


def touch(
    contact_uids: Sequence[str],
    today: date,
    kind: str = "message",
    note: str = "",
    follow_up: date | None = None,
    day: date | None = None,
    label: str = "",
) -> Builder:
    """Log a touch (closing the follow-ups it answers)."""

    def build(snap: Snapshot) -> Change:
        for uid in contact_uids:
            _contact(snap, uid)
        record, closed = log_touch(snap, contact_uids, day or today, today, kind, note, follow_up)
        before = _current(snap, closed)
        order = {r.uid: n for n, r in enumerate(before)}
        after = tuple(sorted(closed, key=lambda r: order[r.uid]))
        msg = f"Logged {kind}" + (f" with {label}" if label else "")
        if day is not None and day != today:
            msg += f" on {day.isoformat()}"
        if follow_up:
            msg += f" · follow up {follow_up.isoformat()}"
        if closed:
            msg += f" · closed {len(closed)} follow-up{'s' if len(closed) != 1 else ''}"
        return Change(msg, added=(record,), before=tuple(before), after=after)

    return build


def ask_for_introduction(via: str, target: str, today: date, label: str = "") -> Builder:
    """Ask ``via`` for an introduction to ``target``: a message touch with ``via``, and the
    target resting a while before the agenda suggests them again."""

    def build(snap: Snapshot) -> Change:
        record, closed, rested = ask_records(snap, via, target, today)
        changed: list[Record] = [*closed, rested]
        before = _current(snap, changed)
        order = {r.uid: n for n, r in enumerate(before)}
        after = tuple(sorted(changed, key=lambda r: order[r.uid]))
        msg = f"Logged asking {label}" if label else "Logged the ask"
        return Change(msg, added=(record,), before=tuple(before), after=after)

    return build


def snooze(contact_uid: str, until: date, today: date) -> Builder:
    """Keep a contact out of the neglected list until a date."""

    def build(snap: Snapshot) -> Change:
        if until <= today:
            raise InputError("snooze until a day after today")
        c = _contact(snap, contact_uid)
        return Change(
            f"Snoozed {c.name} until {until.isoformat()}",
            before=(c,),
            after=(replace(c, snoozed_until=until),),
        )

    return build


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
                )
        raise InputError("that follow-up is no longer in the store")

    return build


def add_contact(contact: Contact) -> Builder:
    """A new contact."""

    def build(snap: Snapshot) -> Change:
        return Change(f"Added {contact.name}", added=(contact,))

    return build


def edit_contact(contact_uid: str, changes: dict[str, object]) -> Builder:
    """Change some of a contact's fields."""

    def build(snap: Snapshot) -> Change:
        c = _contact(snap, contact_uid)
        new = replace(c, **changes)  # type: ignore[arg-type]
        if new == c:
            raise InputError("nothing changed")
        return Change(f"Saved {new.name}", before=(c,), after=(new,))

    return build


def starter_routine(today: date) -> Builder:
    """The three starter habits (those not there yet)."""

    def build(snap: Snapshot) -> Change:
        have = {h.name.casefold() for h in snap.habits}
        habits = tuple(
            Habit(new_uid(), name, today, target, period)
            for name, target, period in STARTER_ROUTINE
            if name.casefold() not in have
        )
        return Change(f"Added the starter routine ({len(habits)} habits)", added=habits)

    return build


def introduction(a: str, b: str, today: date, note: str = "") -> Builder:
    """Introduce two contacts: an intro touch with both, and a link between them."""

    def build(snap: Snapshot) -> Change:
        from networkhabit.domain.network import introduction_records

        names = f"{_contact(snap, a).name} and {_contact(snap, b).name}"
        touch_record, closed, link = introduction_records(snap, a, b, today, note)
        added: tuple[Record, ...] = (touch_record,) + ((link,) if link is not None else ())
        before = _current(snap, closed)
        order = {r.uid: n for n, r in enumerate(before)}
        return Change(
            f"Introduced {names}",
            added=added,
            before=tuple(before),
            after=tuple(sorted(closed, key=lambda r: order[r.uid])),
        )

    return build
