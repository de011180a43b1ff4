"""Deleting a contact for good: ``networkhabit delete NAME``.

The contact goes, and with it the links it held; it is taken out of touches it shared
with other people, and the touches it was alone in go too. Every record removed leaves a
tombstone (see :func:`networkhabit.store.store.add_tombstones`), so a sync with another
copy of the store does not bring it back.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from networkhabit.actions.session import Session
from networkhabit.domain.model import Contact, Interaction, Link, Snapshot
from networkhabit.domain.names import resolve_contact


@dataclass(frozen=True, slots=True)
class DeletePlan:
    """What deleting a contact takes with it."""

    contact: Contact
    links: int
    touches_removed: int
    touches_kept: int


@dataclass(frozen=True, slots=True)
class Deleted:
    """What :func:`delete_contact` did."""

    plan: DeletePlan


def plan_delete(session: Session, name: str) -> DeletePlan:
    """What deleting the contact ``name`` would remove (nothing is changed);
    :class:`~networkhabit.domain.errors.InputError` if the name matches no one."""
    snap = session.snapshot()
    return _plan(snap.contacts, snap, name)[0]


def _plan(
    contacts: tuple[Contact, ...], snap: Snapshot, name: str
) -> tuple[DeletePlan, list[Link], list[Interaction], list[Interaction]]:
    c = resolve_contact(name, contacts, include_archived=True)
    links = [lk for lk in snap.links if c.uid in (lk.a, lk.b)]
    alone = [i for i in snap.interactions if c.uid in i.contacts and set(i.contacts) == {c.uid}]
    shared = [
        replace(i, contacts=tuple(u for u in i.contacts if u != c.uid))
        for i in snap.interactions
        if c.uid in i.contacts and set(i.contacts) != {c.uid}
    ]
    return DeletePlan(c, len(links), len(alone), len(shared)), links, alone, shared


def delete_contact(session: Session, name: str, *, uid: str | None = None) -> Deleted:
    """Delete the contact ``name`` (or, if given, the one with ``uid`` — what the user was
    shown when asked to confirm), its links, and the touches only it was in; take it out of
    the touches it shared. One transaction; tombstones for everything removed."""
    with session.transaction() as tx:
        snap = tx.snapshot()
        contacts = snap.contacts
        if uid is not None:
            contacts = tuple(c for c in contacts if c.uid == uid) or contacts
        plan, links, alone, shared = _plan(contacts, snap, name)
        if shared:
            tx.update_many(shared)
        if alone:
            tx.remove(Interaction, [i.uid for i in alone])
        if links:
            tx.remove(Link, [lk.uid for lk in links])
        tx.remove(Contact, [plan.contact.uid])
    return Deleted(plan)
