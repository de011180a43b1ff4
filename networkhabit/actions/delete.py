"""Deleting a contact for good: ``networkhabit delete NAME``.

The contact goes, and with it the links it held; it is taken out of touches it shared
with other people, and the touches it was alone in go too. Every record removed leaves a
tombstone (see :func:`networkhabit.store.store.add_tombstones`), so a sync with another
copy of the store does not bring it back.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from networkhabit.actions.changes import Builder, Change, needs_whole, replacing, run
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
    c = next((x for x in contacts if x.uid == name), None) or resolve_contact(
        name, contacts, include_archived=True
    )
    links = [lk for lk in snap.links if c.uid in (lk.a, lk.b)]
    alone = [i for i in snap.interactions if c.uid in i.contacts and set(i.contacts) == {c.uid}]
    shared = [
        replace(i, contacts=tuple(u for u in i.contacts if u != c.uid))
        for i in snap.interactions
        if c.uid in i.contacts and set(i.contacts) != {c.uid}
    ]
    return DeletePlan(c, len(links), len(alone), len(shared)), links, alone, shared


def describe(snap: Snapshot, uid: str) -> str:
    """What deleting the contact ``uid`` takes with it, in words ("3 touches and 2 links")."""
    from networkhabit.domain.wording import count

    if snap.partial:  # the app's read: the touches are an index of them
        touches = len(snap.index.touches.get(uid, ())) if snap.index is not None else 0
        links = sum(1 for lk in snap.links if uid in (lk.a, lk.b))
        return f"{count(links, 'link')} and the touches only they were in (of {touches})"
    plan = _plan(snap.contacts, snap, uid)[0]
    parts = [count(plan.touches_removed, "touch"), count(plan.links, "link")]
    text = " and ".join(parts)
    if plan.touches_kept:
        text += f"; they leave {count(plan.touches_kept, 'shared touch')}"
    return text


def delete(ref: str) -> Builder:
    """Delete the contact ``ref`` means (a uid, or a typed name), its links, and the touches
    only it was in; take it out of the touches it shared. Undoable: the change holds every
    record it removes and the shared touches as they were (undo clears their tombstones)."""

    def build(snap: Snapshot) -> Change:
        plan, links, alone, shared = _plan(snap.contacts, snap, ref)
        before, after = replacing(snap, shared)
        return Change(
            f"Deleted {plan.contact.name}",
            removed=(plan.contact, *links, *alone),
            before=before,
            after=after,
            subject=plan.contact,
            info={"plan": plan},
        )

    return needs_whole(build)


def delete_contact(session: Session, name: str, *, uid: str | None = None) -> Deleted:
    """Delete the contact ``name`` (or, if given, the one with ``uid`` — what the user was
    shown when asked to confirm), its links, and the touches only it was in; take it out of
    the touches it shared. One transaction; tombstones for everything removed."""
    change = run(session, delete(uid or name))
    plan = change.info["plan"]
    assert isinstance(plan, DeletePlan)
    return Deleted(plan)
