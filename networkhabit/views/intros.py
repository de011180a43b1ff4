"""Give first: the introductions to suggest, as the Network screen and ``intro suggest``
both show them (the same list, the same count), and what an empty list means."""

from __future__ import annotations

from datetime import date

from networkhabit.domain.model import Snapshot
from networkhabit.domain.network import Suggestion, give_first
from networkhabit.domain.topics import topic_key

#: How many suggestions ``intro suggest`` and the Network screen show.
SUGGESTIONS = 10


def suggestions(snap: Snapshot, today: date, limit: int = SUGGESTIONS) -> list[Suggestion]:
    """The best introductions to make, best first."""
    return give_first(snap, today, limit)


def none_message(snap: Snapshot) -> str:
    """Why there is nothing to suggest — true to the store: nobody has needs and offers yet;
    or they do, but no one's need meets another's offer; or every pair that meets is
    introduced (or linked) already."""
    active = [c for c in snap.contacts if c.known and not c.archived]
    offered: dict[str, set[str]] = {}
    for c in active:
        for k in filter(None, map(topic_key, c.offers)):
            offered.setdefault(k, set()).add(c.uid)
    needing = [c for c in active if c.needs]
    hint = "note it with 'networkhabit edit NAME --needs X --offers Y'"
    if not needing or not offered:
        return f"no introductions to suggest yet — when people need or offer something, {hint}"
    if any(
        offered.get(k, set()) - {c.uid}
        for c in needing
        for k in filter(None, map(topic_key, c.needs))
    ):
        return (
            "you made every introduction there is to make — when someone needs or offers "
            f"something new, {hint}"
        )
    return f"nobody's needs meet someone else's offers yet — when that changes, {hint}"


def ask_draft(snap: Snapshot, hops: tuple[str, ...]) -> str:
    """A message asking ``hops[0]`` for an introduction to ``hops[-1]`` (through the people
    between, on a longer path), to copy into a mail or chat."""
    from networkhabit.domain.names import display_names

    by_uid = snap.contact_by_uid()
    labels = display_names(snap.contacts)
    helper, target = by_uid[hops[0]], by_uid[hops[-1]]
    first = helper.name.split()[0] if helper.name.split() else helper.name
    role = " at ".join(x for x in (target.title, target.company) if x)
    who = f"{target.name} ({role})" if role else target.name
    if len(hops) > 2:
        via = ", who knows ".join(labels[u] for u in hops[1:-1])
        ask = (
            f"I believe you know {via}, who knows {who}. Would you be open to putting me "
            f"in touch with {labels[hops[1]]}, so I can ask for an introduction?"
        )
    else:
        ask = f"I'd love to meet {who}. Would you be open to introducing us?"
    return (
        f"Hi {first},\n\n{ask} I'm happy to send a short note you can forward, so it takes "
        "you only a minute.\n\nThanks either way!"
    )
