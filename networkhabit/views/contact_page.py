"""A contact's page: details, timeline, who they know, the give-and-take ledger — and the
documented JSON shapes of a contact (``contacts --json``, ``show --json``)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from networkhabit.domain import contacts as rules
from networkhabit.domain.model import Contact, Interaction, Link, Snapshot
from networkhabit.domain.names import display_names
from networkhabit.domain.records import record

if TYPE_CHECKING:  # (the page loads these when built: ``contacts --json`` needs neither)
    from networkhabit.actions.session import Session
    from networkhabit.domain import network


@record
class ContactPage:
    """Everything a contact's page shows."""

    contact: Contact
    snap: Snapshot
    stats: dict[str, rules.TouchStats]
    labels: dict[str, str]
    touches: list[Interaction]  # newest first
    knows: list[tuple[str, Link]]  # (label of the other person, the link), by label
    colleagues: list[str]  # same company, no stored link, warmest first
    ledger: network.Ledger


def links_of(snap: Snapshot, uid: str, labels: Mapping[str, str]) -> list[tuple[str, Link]]:
    """The people linked to a contact, as (their label, the link), by label."""
    rows = []
    for link in snap.links:
        other = link.b if link.a == uid else link.a if link.b == uid else None
        if other and other in labels:
            rows.append((labels[other], link))
    rows.sort(key=lambda t: t[0].casefold())
    return rows


def build(snap: Snapshot, contact: Contact, touches: list[Interaction], today: date) -> ContactPage:
    """The page of ``contact`` from a snapshot with contacts and links and their touches."""
    from networkhabit.domain import network

    labels = display_names(snap.contacts)
    knows = links_of(snap, contact.uid, labels)
    return ContactPage(
        contact,
        snap,
        rules.stats_of(snap, today),
        labels,
        touches,
        knows,
        network.colleagues(snap, contact.uid, today),
        network.ledger(snap, contact.uid),
    )


def read(session: Session, ref: str, today: date) -> ContactPage:
    """The page of the contact ``ref`` names (archived ones too), read from the store."""
    from networkhabit.actions.contacts import find

    session.read_whole()  # the whole file once: the timeline needs the touches themselves
    snap = session.daily(("contacts", "links"))  # (then from that parse, with its index)
    c = find(snap, ref, include_archived=True)
    return build(snap, c, rules.timeline(c.uid, session.touches_of(c.uid)), today)


def contact_json(
    c: Contact, stats: dict[str, rules.TouchStats], today: date, label: str
) -> dict[str, Any]:
    """The documented JSON shape of a contact (see README, "JSON output")."""
    due = rules.due_date(c, stats)
    s = stats.get(c.uid)
    return {
        "uid": c.uid,
        "name": c.name,
        "label": label,
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
        "snoozed_until": c.snoozed_until.isoformat() if c.snoozed_until else None,
        "archived": c.archived,
        "created": c.created.isoformat(),
        "source": c.source,
        "last_contact": rules.last_contact(c, stats).isoformat(),
        "touches": s.count if s else 0,
        "due": due.isoformat() if due else None,
        "overdue_days": rules.overdue_days(c, stats, today),
        "status": rules.status(c, stats, today),
    }


def page_json(page: ContactPage, today: date) -> dict[str, Any]:
    """The documented JSON shape of ``show --json``."""
    from networkhabit.domain import network

    c, labels = page.contact, page.labels
    doc = contact_json(c, page.stats, today, labels[c.uid])
    doc["timeline"] = [
        {
            "uid": i.uid,
            "date": i.date.isoformat(),
            "kind": i.kind,
            "note": i.note,
            "with": [labels.get(u, "?") for u in i.contacts if u != c.uid],
            "follow_up": i.follow_up.isoformat() if i.follow_up else None,
            "follow_up_done": i.follow_up_done,
        }
        for i in page.touches
    ]
    doc["knows"] = [
        {
            "uid": lk.b if lk.a == c.uid else lk.a,
            "name": n,
            "source": lk.source,
            "note": lk.note,
            "inferred": lk.source == network.SAME_COMPANY,
        }
        for n, lk in page.knows
    ]
    doc["knows"] += [
        {"uid": u, "name": labels[u], "source": network.SAME_COMPANY, "note": "", "inferred": True}
        for u in page.colleagues
    ]
    doc["ledger"] = {
        "made_for": page.ledger.made_for,
        "received_through": page.ledger.received_through,
    }
    return doc
