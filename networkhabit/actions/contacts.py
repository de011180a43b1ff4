"""Contacts: add, edit, archive, snooze.

The front ends pass what the user typed (:class:`ContactInput`, text as typed, ``None``
for a field not given); every rule about it — names, durations, birthdays not in the
future, a rhythm from the tags (matched case-insensitively), two people with one name —
is checked here, on the store as it is under the lock. An edit changes only the fields it
was given, so two edits of different fields of one contact both land.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from networkhabit.actions.changes import Builder, Change, is_uid, reading, replacing
from networkhabit.domain import contacts as rules
from networkhabit.domain.dates import parse_birthday, parse_duration
from networkhabit.domain.errors import InputError
from networkhabit.domain.model import Contact, Link, Snapshot, new_uid
from networkhabit.domain.names import clean_name, fold, resolve_contact, split_values
from networkhabit.domain.touches import MAX_NOTE

#: Words that clear a rhythm (``--every none``).
CLEAR_WORDS = ("none", "off", "never", "-")

MAX_FIELD = 1_000


@dataclass(frozen=True)
class ContactInput:
    """A contact's fields as typed; ``None`` = not given (an edit leaves it as it is).

    Lists (tags, needs, offers) take repeated values or commas; ``every`` / ``max_every``
    a duration (``30d``, ``2w``) or a clearing word; ``birthday`` ``YYYY-MM-DD``/``--MM-DD``
    or empty to clear."""

    name: str | None = None
    company: str | None = None
    title: str | None = None
    email: str | None = None
    phone: str | None = None
    url: str | None = None
    tags: Sequence[str] | None = None
    every: str | None = None
    max_every: str | None = None
    needs: Sequence[str] | None = None
    offers: Sequence[str] | None = None
    birthday: str | None = None
    notes: str | None = None
    known: bool | None = None

    def given(self) -> bool:
        return any(getattr(self, f) is not None for f in self.__dataclass_fields__)


def parse_rhythm(text: str) -> int | None:
    """A keep-in-touch rhythm as typed: days, or None for a clearing word / empty."""
    if text.strip().lower() in ("", *CLEAR_WORDS):
        return None
    return parse_duration(text)


def _text(value: str, what: str, limit: int = MAX_FIELD) -> str:
    value = value.strip()
    if len(value) > limit:
        raise InputError(f"{what} is too long ({len(value):,} characters; at most {limit:,})")
    return value


def fields_of(given: ContactInput, today: date) -> dict[str, Any]:
    """The contact fields ``given`` sets, checked and in their stored form."""
    out: dict[str, Any] = {}
    if given.name is not None:
        out["name"] = clean_name(given.name)
    for name in ("company", "title", "email", "phone", "url"):
        value = getattr(given, name)
        if value is not None:
            out[name] = _text(value, name)
    for name in ("tags", "needs", "offers"):
        value = getattr(given, name)
        if value is not None:
            out[name] = split_values(value)
    if given.every is not None:
        out["cadence_days"] = parse_rhythm(given.every)
    if given.max_every is not None:
        out["max_days"] = parse_rhythm(given.max_every)
    if given.birthday is not None:
        out["birthday"] = parse_birthday(given.birthday, today) if given.birthday.strip() else None
    if given.notes is not None:
        out["notes"] = _text(given.notes, "note", MAX_NOTE)
    if given.known is not None:
        out["known"] = given.known
    return out


def check_unique(snap: Snapshot, name: str, company: str, mine: str | None) -> None:
    """Refuse a second active contact with the same name at the same company."""
    for c in snap.contacts:
        if (
            c.uid != mine
            and not c.archived
            and fold(c.name) == fold(name)
            and fold(c.company) == fold(company)
        ):
            where = f" at {c.company}" if c.company else ""
            raise InputError(
                f"contact {c.name!r}{where} already exists — use 'edit', or give a "
                "different company to tell them apart"
            )


def find(snap: Snapshot, ref: str, *, include_archived: bool = False) -> Contact:
    """The contact ``ref`` means: its uid, else a typed name (did-you-mean otherwise)."""
    for c in snap.contacts:
        if c.uid == ref:
            return c
    if is_uid(ref):
        raise InputError("that contact is no longer in the store")
    return resolve_contact(ref, snap.contacts, include_archived=include_archived)


def add(given: ContactInput, today: date, met_through: str | None = None) -> Builder:
    """A new contact (a prospect with ``known=False``); with ``met_through`` a link from the
    contact who introduced them. Without a rhythm, the first tag with a default one gives it."""

    def build(snap: Snapshot) -> Change:
        if given.name is None:
            raise InputError("a contact needs a name")
        values = fields_of(given, today)
        check_unique(snap, values["name"], values.get("company", ""), None)
        if given.every is None or not given.every.strip():  # no rhythm typed: the tag's
            values["cadence_days"] = rules.default_cadence(values.get("tags", ()), snap.settings)
        through = find(snap, met_through) if met_through else None
        contact = Contact(uid=new_uid(), created=today, **values)
        added: tuple[Contact | Link, ...] = (contact,)
        if through is not None:
            note = f"met {contact.name} through {through.name}"
            added += (Link(new_uid(), through.uid, contact.uid, today, "met-through", note),)
        what = "prospect" if not contact.known else "contact"
        return Change(f"Added {what} {contact.name}", added=added, subject=contact)

    return reading("contacts")(build)


def edit(ref: str, given: ContactInput, today: date) -> Builder:
    """Change the fields ``given`` sets (and only those) of the contact ``ref`` means."""

    def build(snap: Snapshot) -> Change:
        c = find(snap, ref, include_archived=True)
        values = fields_of(given, today)
        if not values:
            raise InputError("nothing to change: give at least one field")
        new = replace(c, **values)
        if new == c:
            raise InputError("nothing changed")
        if "name" in values or "company" in values:
            check_unique(snap, new.name, new.company, c.uid)
        changed = tuple(sorted(k for k in values if getattr(c, k) != values[k]))
        return Change(
            f"Saved {new.name}", before=(c,), after=(new,), subject=new, info={"fields": changed}
        )

    return reading("contacts")(build)


def archive(ref: str, undo: bool = False) -> Builder:
    """Archive a contact (kept, out of every list), or bring one back."""

    def build(snap: Snapshot) -> Change:
        c = find(snap, ref, include_archived=True)
        if c.archived != undo:
            raise InputError(f"{c.name} is {'already' if not undo else 'not'} archived")
        new = replace(c, archived=not undo)
        verb = "Restored" if undo else "Archived"
        return Change(f"{verb} {c.name}", before=(c,), after=(new,), subject=new)

    return reading("contacts")(build)


def snooze(ref: str, until: date, today: date) -> Builder:
    """Keep a contact out of the neglected list until a date after today."""

    def build(snap: Snapshot) -> Change:
        if until <= today:
            raise InputError(f"snooze until a day after today (not {until.isoformat()})")
        c = find(snap, ref)
        new = replace(c, snoozed_until=until)
        return Change(
            f"Snoozed {c.name} until {until.isoformat()}", before=(c,), after=(new,), subject=new
        )

    return reading("contacts")(build)


def apply_rhythm(tag: str, days: int, override: bool = False) -> Builder:
    """Set the rhythm of every contact tagged ``tag`` (case-insensitively) that has none
    (``override``: every one)."""

    def build(snap: Snapshot) -> Change:
        key = fold(tag)
        hit = [
            replace(c, cadence_days=days)
            for c in snap.contacts
            if key in (fold(t) for t in c.tags)
            and (override or c.cadence_days is None)
            and c.cadence_days != days
        ]
        before, after = replacing(snap, hit)
        return Change(f"Set the rhythm of {len(hit)} contacts", before=before, after=after)

    return reading("contacts")(build)
