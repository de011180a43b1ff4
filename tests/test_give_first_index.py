"""Give first from a topic index (domain/network.py ``give_first``) gives exactly what the
pair-by-pair function it replaced gave — the same suggestions, in the same order — on random
stores with ties, linked pairs, prospects and archived people, for every limit; and it finds
the best pair of a dense store without looking at every need × offer."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from datetime import date
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from networkhabit.domain import network as net
from networkhabit.domain.model import Contact, Interaction, Link, Snapshot
from networkhabit.domain.network import Suggestion, _keys, _matched, _why, network
from tests.conftest import TODAY, days_ago

# -- the reference: give_first as it was before the topic index (verbatim) ------------------


class _Tiers:
    """For everyone with the same needs and offers: who offers what they need, grouped by how
    many topics match both ways (the pair's score), each group warmest first.

    Built with set operations (fast in C) so a dense store — thousands of people needing and
    offering a handful of common topics, millions of matching pairs — ranks in a blink.
    """

    def __init__(
        self, sets: Sequence[set[str]], candidates: set[str], order: dict[str, int]
    ) -> None:
        # levels[c]: the candidates in at least c of the sets seen so far.
        levels: list[set[str]] = [set() for _ in range(len(sets) + 1)]
        levels[0] = set(candidates)
        for s in sets:
            hit = s & candidates
            for c in range(len(sets), 0, -1):
                levels[c] |= levels[c - 1] & hit
        self._sets = [
            (c, levels[c] - levels[c + 1] if c + 1 < len(levels) else levels[c])
            for c in range(len(sets), 0, -1)
        ]
        self._order = order
        self._sorted: dict[int, list[str]] = {}

    def groups(self) -> Iterable[tuple[int, list[str]]]:
        """(match count, people warmest first), the highest count first."""
        for c, members in self._sets:
            if not members:
                continue
            ranked = self._sorted.get(c)
            if ranked is None:
                ranked = sorted(members, key=self._order.__getitem__)
                self._sorted[c] = ranked
            yield c, ranked


def reference_give_first(snap: Snapshot, today: date, limit: int | None = None) -> list[Suggestion]:
    """Introductions I could make: pairs of active known contacts with no stored link where
    one's needs meet the other's offers; most matching topics (both ways) first, then the
    warmest pair, then names. Pass a ``limit``: a big store can hold millions of pairs."""
    net = network(snap, today)
    people = sorted(net.known, key=net.rank)  # warmest first
    order = {u: n for n, u in enumerate(people)}
    needs = {u: _keys(net.by_uid[u].needs) for u in people}
    offers = {u: _keys(net.by_uid[u].offers) for u in people}
    offerers: dict[str, set[str]] = {}
    needers: dict[str, set[str]] = {}
    for u in people:
        for k in offers[u]:
            offerers.setdefault(k, set()).add(u)
        for k in needs[u]:
            needers.setdefault(k, set()).add(u)
    warmth = net.warmth
    top = warmth[people[0]] if people else 0.0
    most_needs = max((len(v) for v in needs.values()), default=0)
    most_offers = max((len(v) for v in offers.values()), default=0)
    folded = {u: net.labels[u].casefold() for u in people}
    tiers: dict[tuple[frozenset[str], frozenset[str]], _Tiers] = {}
    best: list[tuple[int, float, str, str, str, str]] = []  # sorted; at most `limit`
    seen: set[frozenset[str]] = set()

    def beaten(count: int, warm: float) -> bool:
        """Whether nothing with this count and at most this warmth can enter the list."""
        # (rounded as the entries are: else a tie in warmth could look colder by float noise)
        return limit is not None and len(best) >= limit and (-count, -round(warm, 9)) > best[-1][:2]

    for a in people:
        if not needs[a]:
            continue
        wa = warmth[a]
        # At most: a's needs someone offers, plus a's offers someone needs.
        if beaten(min(len(needs[a]), most_offers) + min(len(offers[a]), most_needs), wa + top):
            continue
        sig = (frozenset(needs[a]), frozenset(offers[a]))
        group = tiers.get(sig)
        if group is None:
            candidates: set[str] = set().union(*(offerers.get(k, set()) for k in sig[0]))
            sets = [offerers.get(k, set()) for k in sig[0]] + [
                needers.get(k, set()) for k in sig[1]
            ]
            group = tiers[sig] = _Tiers(sets, candidates, order)
        mine = net.linked.get(a, {})
        for count, members in group.groups():
            if beaten(count, wa + top):
                break
            for b in members:
                if b == a or b in mine:
                    continue
                warm = wa + warmth[b]
                if beaten(count, warm):
                    break
                pair = frozenset((a, b))
                if pair in seen:
                    continue
                forward, back = (
                    len(_matched(needs[a], offers[b])),
                    len(_matched(needs[b], offers[a])),
                )
                # The pair is told once: from the side with more needs met, else the first-named.
                ahead = forward > back or (forward == back and (folded[a], a) < (folded[b], b))
                x, y = (a, b) if ahead else (b, a)
                entry = (-count, -round(warm, 9), folded[x], folded[y], x, y)
                if limit is not None and len(best) >= limit and entry >= best[-1]:
                    continue
                seen.add(pair)
                if limit is None:
                    best.append(entry)  # sorted once at the end
                    continue
                bisect.insort(best, entry)
                if len(best) > limit:
                    seen.discard(frozenset(best.pop()[4:]))
    best.sort()
    out: list[Suggestion] = []
    for minus_count, minus_warm, _, _, x, y in best:
        ca, cb = net.by_uid[x], net.by_uid[y]
        pairs, back_pairs = _matched(needs[x], offers[y]), _matched(needs[y], offers[x])
        why = _why(ca, cb, net.labels, pairs)
        if back_pairs:
            why += f"; and {_why(cb, ca, net.labels, back_pairs)}"
        topics = tuple(dict.fromkeys([n for n, _ in pairs] + [n for n, _ in back_pairs]))
        score = round(-minus_count - minus_warm / 4, 6)
        out.append(
            Suggestion(
                x, y, topics, score, f"Introduce {net.labels[x]} to {net.labels[y]} — {why}", why
            )
        )
    return out


# -- random stores --------------------------------------------------------------------------

#: Few topics, some meeting each other under another spelling ("designer" / "design").
TOPICS = ["rust", "designer", "design", "funding", "jobs", "job", "mentor", "data pipelines"]
NAMES = ["Ana Ruiz", "Bo", "Ana Ruiz", "Cy Kim", "Dee", "Eve"]  # a clash: labels differ
SOURCES = ["manual", "met-through", "introduced-by-me", "same-company"]

person_st = st.tuples(
    st.lists(st.sampled_from(TOPICS), max_size=4),  # needs
    st.lists(st.sampled_from(TOPICS), max_size=5),  # offers
    st.sampled_from([True, True, True, True, False]),  # known
    st.sampled_from([False, False, False, False, True]),  # archived
    st.lists(st.sampled_from([1, 1, 5, 30, 200]), max_size=3),  # touch days ago: ties
    st.sampled_from(NAMES),
)


def store(people: Sequence[tuple], links: Iterable[tuple[int, int, int]]) -> Snapshot:
    contacts = [
        Contact(
            uid=f"{n:032x}",
            name=f"{name} {n % 3}" if n % 2 else name,
            company=f"Co {n % 2}",
            needs=tuple(nd),
            offers=tuple(of),
            known=kn,
            archived=ar,
            created=date(2026, 1, 1),
        )
        for n, (nd, of, kn, ar, _, name) in enumerate(people)
    ]
    touches = [
        Interaction(f"{n:016x}{k:016x}", (c.uid,), days_ago(d))
        for n, (c, p) in enumerate(zip(contacts, people))
        for k, d in enumerate(p[4])
    ]
    lks = [
        Link(f"{a:08x}{b:08x}{n:016x}", contacts[a].uid, contacts[b].uid, TODAY, SOURCES[s])
        for n, (a, b, s) in enumerate(links)
        if a < len(contacts) and b < len(contacts)
    ]
    return Snapshot(tuple(contacts), tuple(touches), tuple(lks))


@settings(max_examples=150, deadline=None)
@given(
    st.lists(person_st, min_size=2, max_size=14),
    st.lists(st.tuples(st.integers(0, 13), st.integers(0, 13), st.integers(0, 3)), max_size=8),
    st.sampled_from([1, 10, None, 2, 3]),
    st.sampled_from([net.WIDE_SLOTS, 0, 2]),  # 0: everyone matched one by one
)
def test_the_topic_index_gives_what_the_pair_by_pair_function_gave(
    people: list[tuple], links: list[tuple[int, int, int]], limit: int | None, wide: int
) -> None:
    snap = store(people, links)
    expected = reference_give_first(snap, TODAY, limit)
    with patch.object(net, "WIDE_SLOTS", wide):
        got = net.give_first(snap, TODAY, limit)
    assert got == expected
    linked = {frozenset((lk.a, lk.b)) for lk in snap.links}
    assert not any(frozenset((s.needs, s.offers)) in linked for s in got)


def test_the_best_pair_is_the_first_of_all_pairs_when_warmth_ties() -> None:
    # Found by hypothesis: two pairs as warm (30 days + 1 day each), told apart by names only.
    people = [([], [], True, False, [], "Ana Ruiz")] * 3 + [
        ([], ["rust"], True, False, [30], "Ana Ruiz"),
        (["rust"], [], True, False, [30], "Ana Ruiz"),
        (["rust"], ["rust"], True, False, [1], "Ana Ruiz"),
    ]
    snap = store(people, [])
    every = net.give_first(snap, TODAY)
    assert every == reference_give_first(snap, TODAY, None)
    for limit in (1, 2):
        assert net.give_first(snap, TODAY, limit) == every[:limit]
        assert reference_give_first(snap, TODAY, limit) == every[:limit]


def test_ties_are_broken_by_names_like_before() -> None:
    # Everyone cold (warmth 0), everyone needing and offering the same: one big tie.
    people = [(["rust"], ["rust", "funding"], True, False, [], n) for n in NAMES * 3]
    snap = store(people, [(0, 1, 0), (2, 5, 1)])
    for limit in (1, 10, None):
        assert net.give_first(snap, TODAY, limit) == reference_give_first(snap, TODAY, limit)
    assert len(net.give_first(snap, TODAY)) == 18 * 17 // 2 - 2


def test_the_best_pair_of_a_dense_store_is_found_without_every_pair() -> None:
    # 240 people, each needing 2 and offering 2 of 6 topics: about 24,000 matching pairs.
    # (Ties cost more: every pair as warm as the last one listed is looked at.)
    topics = ["rust", "funding", "designer", "mentor", "jobs", "data pipelines"]
    people = [
        (
            [topics[n % 6], topics[(n + 1) % 6]],
            [topics[(n + 2) % 6], topics[(n * 7 + 3) % 6]],
            True,
            False,
            [1 + n, 300 + n],  # warmth differs from person to person
            "P",
        )
        for n in range(240)
    ]
    snap = store(people, [(n, n + 1, 0) for n in range(0, 240, 2)])
    network(snap, TODAY)
    calls = 0
    real = net._matched

    def counting(needs: dict[str, str], offers: dict[str, str]) -> list[tuple[str, str]]:
        nonlocal calls
        calls += 1
        return real(needs, offers)

    with patch.object(net, "_matched", counting):
        for limit in (1, 10):
            calls = 0
            got = net.give_first(snap, TODAY, limit)
            assert got == reference_give_first(snap, TODAY, limit)
            assert len(got) == limit
            assert calls <= 4 * limit + 8  # 2 per pair looked at and per result, not ~24,000
        calls = 0
        everything = net.give_first(snap, TODAY)
    assert len(everything) > 10_000 and calls >= 2 * len(everything)
