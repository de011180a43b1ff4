"""Keep-in-touch rules: last contact, due dates, overdue, neglected and drifting lists."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from networkhabit.domain.model import Contact, Interaction, Settings, Snapshot
from networkhabit.domain.names import fold
from networkhabit.domain.records import record
from networkhabit.domain.touches import indexed_stats


@record
class TouchStats:
    """What the touches say about one contact."""

    last: date | None = None
    count: int = 0


def default_cadence(tags: Iterable[str], settings: Settings) -> int | None:
    """The cadence of the first tag that has a default one in the settings."""
    if not tags:
        return None
    by_tag = {fold(t): days for t, days in settings.default_cadence_by_tag.items()}
    for t in tags:
        days = by_tag.get(fold(t))
        if days:
            return days
    return None


def detail_fields(contact: Contact) -> list[tuple[str, str]]:
    """The contact details worth showing, as (label, value), empty ones left out."""
    c = contact
    fields = (
        ("email", c.email),
        ("phone", c.phone),
        ("url", c.url),
        ("tags", ", ".join(c.tags)),
        ("needs", ", ".join(c.needs)),
        ("offers", ", ".join(c.offers)),
        ("birthday", c.birthday or ""),
    )
    return [(label, value) for label, value in fields if value]


def role(contact: Contact) -> str:
    """``Head of Partnerships at Northwind Traders`` (or whichever half is known)."""
    return " at ".join(x for x in (contact.title, contact.company) if x)


def touch_stats(
    interactions: Iterable[Interaction], today: date | None = None
) -> dict[str, TouchStats]:
    """Per contact uid: the latest touch date (on or before ``today`` if given) and touch count."""
    last: dict[str, date] = {}
    count: dict[str, int] = {}
    for it in interactions:
        if today is not None and it.date > today:
            continue
        for uid in it.contacts:
            count[uid] = count.get(uid, 0) + 1
            prev = last.get(uid)
            if prev is None or it.date > prev:
                last[uid] = it.date
    return {uid: TouchStats(last.get(uid), n) for uid, n in count.items()}


def stats_of(snap: Snapshot, today: date) -> dict[str, TouchStats]:
    """:func:`touch_stats` of every touch up to ``today``: from the snapshot's touch index
    when it has one (a partial snapshot), else from its touches."""
    if snap.index is not None:
        return {uid: TouchStats(d, n) for uid, (d, n) in indexed_stats(snap.index, today).items()}
    return touch_stats(snap.all_touches(), today)


def last_contact(contact: Contact, stats: Mapping[str, TouchStats]) -> date:
    """The latest touch, or the day the contact was created if never touched."""
    s = stats.get(contact.uid)
    return s.last if s is not None and s.last is not None else contact.created


def due_date(contact: Contact, stats: Mapping[str, TouchStats]) -> date | None:
    """last contact + cadence; None without a cadence."""
    if not contact.cadence_days:
        return None
    return last_contact(contact, stats) + timedelta(days=contact.cadence_days)


def overdue_days(contact: Contact, stats: Mapping[str, TouchStats], today: date) -> int | None:
    """today − due (negative: days left); None without a cadence."""
    due = due_date(contact, stats)
    return None if due is None else (today - due).days


def max_days(contact: Contact) -> int | None:
    """The hard limit: ``max_days`` or 2 × cadence."""
    if contact.max_days:
        return contact.max_days
    return 2 * contact.cadence_days if contact.cadence_days else None


def status(contact: Contact, stats: Mapping[str, TouchStats], today: date) -> str:
    """``ok``, ``due`` (due today), ``yellow`` (past cadence), ``red`` (past the hard limit),
    ``none`` (no cadence), ``prospect``, ``snoozed`` or ``archived``."""
    if contact.archived:
        return "archived"
    if not contact.known:
        return "prospect"
    if is_snoozed(contact, today):
        return "snoozed"
    if not contact.cadence_days:
        return "none"
    since = (today - last_contact(contact, stats)).days
    limit = max_days(contact)
    if limit is not None and since > limit:
        return "red"
    if since > contact.cadence_days:
        return "yellow"
    if since == contact.cadence_days:
        return "due"
    return "ok"


def is_snoozed(contact: Contact, today: date) -> bool:
    """Snoozed until a date after today."""
    return contact.snoozed_until is not None and contact.snoozed_until > today


@record
class Neglected:
    """A contact past their keep-in-touch date."""

    contact: Contact
    last: date
    days_since: int
    overdue: int
    ratio: float
    status: str


def neglected(
    contacts: Iterable[Contact], stats: Mapping[str, TouchStats], today: date
) -> list[Neglected]:
    """Known, active, not snoozed contacts with a cadence and due ≤ today, most overdue first
    (days since ÷ cadence, then name)."""
    out: list[Neglected] = []
    for c in contacts:
        if c.archived or not c.known or not c.cadence_days or is_snoozed(c, today):
            continue
        last = last_contact(c, stats)
        due = last + timedelta(days=c.cadence_days)
        if due > today:
            continue
        since = (today - last).days
        out.append(
            Neglected(
                c, last, since, (today - due).days, since / c.cadence_days, status(c, stats, today)
            )
        )
    out.sort(key=lambda n: (-n.ratio, n.contact.name.casefold(), n.contact.uid))
    return out


def drifting(
    contacts: Iterable[Contact],
    stats: Mapping[str, TouchStats],
    today: date,
    threshold_days: int = 180,
) -> list[tuple[Contact, date, int]]:
    """Known, active contacts without a cadence, silent longer than ``threshold_days``:
    (contact, last contact, days since), longest silence first."""
    out = []
    for c in contacts:
        if c.archived or not c.known or c.cadence_days or is_snoozed(c, today):
            continue
        last = last_contact(c, stats)
        since = (today - last).days
        if since > threshold_days:
            out.append((c, last, since))
    out.sort(key=lambda t: (-t[2], t[0].name.casefold()))
    return out


def follow_ups_due(interactions: Iterable[Interaction], today: date) -> list[Interaction]:
    """Open follow-ups due today or earlier, oldest first."""
    due = [
        i
        for i in interactions
        if i.follow_up is not None and not i.follow_up_done and i.follow_up <= today
    ]
    due.sort(key=lambda i: (i.follow_up or today, i.date, i.uid))
    return due


def timeline(contact_uid: str, interactions: Iterable[Interaction]) -> list[Interaction]:
    """The touches with one contact, newest first."""
    out = [i for i in interactions if contact_uid in i.contacts]
    out.sort(key=lambda i: (i.date, i.uid), reverse=True)
    return out
