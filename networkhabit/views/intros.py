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
