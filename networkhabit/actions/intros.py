"""Who knows whom, and introductions: ``knows``, make one, ask for one."""

from __future__ import annotations

from datetime import date

from networkhabit.actions.changes import Builder, Change, reading, replacing
from networkhabit.actions.contacts import find
from networkhabit.domain import network as rules
from networkhabit.domain.errors import InputError
from networkhabit.domain.model import Contact, Snapshot
from networkhabit.domain.names import display_names
from networkhabit.domain.safe import quote


def knows(a: str, b: str, today: date, note: str | None = None) -> Builder:
    """Record that A and B know each other (a link; either order, never twice)."""

    def build(snap: Snapshot) -> Change:
        first, second = find(snap, a), find(snap, b)
        new, updated = rules.knows_records(snap, first.uid, second.uid, today, note)
        labels = display_names(snap.contacts)
        pair = f"{labels[first.uid]} and {labels[second.uid]}"
        info = {"pair": pair, "linked": new is not None, "updated": updated is not None}
        if new is not None:
            return Change(f"Linked {pair}", added=(new,), subject=new, info=info)
        if updated is not None:
            old = next(lk for lk in snap.links if lk.uid == updated.uid)
            return Change(
                f"Updated the link between {pair}",
                before=(old,),
                after=(updated,),
                subject=updated,
                info=info,
            )
        return Change(f"{pair} are already linked", info=info)

    return reading("contacts", "links")(build)


def unlink(a: str, b: str) -> Builder:
    """Remove the link between A and B."""

    def build(snap: Snapshot) -> Change:
        first, second = find(snap, a), find(snap, b)
        link = rules.find_link(snap, first.uid, second.uid)
        if link is None:
            raise InputError(f"{first.name} and {second.name} are not linked")
        return Change(f"Unlinked {first.name} and {second.name}", removed=(link,), subject=link)

    return reading("contacts", "links")(build)


def make(a: str, b: str, today: date, note: str = "") -> Builder:
    """Introduce A to B: an intro touch with both (closing their follow-ups due by today)
    and a link between them."""

    def build(snap: Snapshot) -> Change:
        first, second = find(snap, a), find(snap, b)
        touch, closed, link = rules.introduction_records(snap, first.uid, second.uid, today, note)
        before, after = replacing(snap, closed)
        labels = display_names(snap.contacts)
        names = f"{labels[first.uid]} to {labels[second.uid]}"
        return Change(
            f"Introduced {names}",
            added=(touch,) + ((link,) if link is not None else ()),
            before=before,
            after=after,
            subject=touch,
            closed=tuple(closed),
            info={"names": names, "linked": link is not None},
        )

    return reading("contacts", "links")(build)


def find_person(snap: Snapshot, target: str) -> Contact:
    """The person ``target`` names; a company's name (as ``intro path`` reads targets) gets
    its people named instead: an introduction is to a person, which one is yours to say."""
    try:
        return find(snap, target)
    except InputError as not_found:
        try:
            goal = rules.resolve_target(target, snap)
        except InputError:
            raise not_found from None
        if goal.kind != "company":
            raise
        labels = display_names(snap.contacts)
        people = [labels[uid] for uid in goal.uids]
        more = f" and {len(people) - 5} more" if len(people) > 5 else ""
        raise InputError(
            f"{quote(goal.label)} is a company: name the person there to ask about — "
            f"{', '.join(people[:5])}{more}"
        ) from None


def ask(target: str, today: date, via: str | None = None, note: str = "") -> Builder:
    """Ask ``via`` (default: the first hop of the warmest path) to introduce me to
    ``target``: a message touch with ``via``; the target rests a while before the agenda
    suggests them again."""

    def build(snap: Snapshot) -> Change:
        person = find_person(snap, target)
        if via is not None:
            helper = find(snap, via)
        else:
            goal = rules.Target("person", person.name, (person.uid,))
            paths = [p for p in rules.intro_paths(snap, goal, today) if len(p.hops) > 1]
            if not paths:
                raise InputError(
                    f"no warm path to {person.name} to ask along — name someone to ask"
                )
            helper = snap.contact_by_uid()[paths[0].hops[0]]
        touch, closed, rested = rules.ask_records(snap, helper.uid, person.uid, today, note)
        before, after = replacing(snap, [*closed, rested])
        labels = display_names(snap.contacts)
        return Change(
            f"Logged asking {labels[helper.uid]} to introduce you to {labels[person.uid]}",
            added=(touch,),
            before=before,
            after=after,
            subject=touch,
            closed=tuple(closed),
            info={"via": labels[helper.uid], "target": labels[person.uid], "rested": rested},
        )

    return reading("contacts", "links")(build)
