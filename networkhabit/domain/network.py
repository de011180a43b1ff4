"""Who knows whom: warm introduction paths, "give first" suggestions, the give/take ledger.

The graph's nodes are the active (not archived) contacts; "me" is implicit: my known
contacts are hop 1. Edges are the stored links (any source) and, computed at query time
and never stored, a weak "same-company" edge between two people at the same company when
at least one of them is someone I know (two prospects at one company tell me nothing I
could act on). A stored link with source ``same-company`` (importers may write one) is
weak too. Paths never pass through a second known contact after the first hop: if I
know someone I would ask them myself, so such a path is never the advice.

Everything here is built from one :class:`Network` index per snapshot and day (cached),
so a 5,000-contact store with 25,000 links answers a path query in milliseconds.
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Callable, Iterable, Sequence
from dataclasses import field, replace
from datetime import date, timedelta
from itertools import combinations

from networkhabit.domain.errors import InputError
from networkhabit.domain.model import Contact, Interaction, Link, Snapshot, new_uid
from networkhabit.domain.names import display_names, fold, resolve_contact
from networkhabit.domain.records import record
from networkhabit.domain.safe import quote
from networkhabit.domain.topics import is_role, topic_key, with_article
from networkhabit.domain.touches import indexed_recent, indexed_stats, log_touch
from networkhabit.domain.wording import ago

#: The link source of a weak, inferred edge (computed, or stored by an importer).
SAME_COMPANY = "same-company"
#: Which stored source wins when two links join the same pair (lower is stronger).
_SOURCE_RANK = {"introduced-by-me": 0, "met-through": 1, "manual": 2, SAME_COMPANY: 3}
#: Warmth: recency halves every this many days since the last touch.
RECENCY_HALF_LIFE_DAYS = 30
#: Warmth: touches counted for frequency are those within this many days.
FREQUENCY_WINDOW_DAYS = 365
#: Paths at most this long (hops from me); hop 1 is someone I know.
MAX_HOPS = 3


# -- the API ------------------------------------------------------------------------


@record
class Target:
    """Who a path query is for: one person, or every active contact at a company."""

    kind: str  # "person" or "company"
    label: str  # display name or company name
    uids: tuple[str, ...]  # the contact(s) targeted


@record
class IntroPath:
    """A warm path from me to a target: ``hops[0]`` is my contact, ``hops[-1]`` the target.

    A path of one hop means I know the target directly.
    """

    hops: tuple[str, ...]
    sources: tuple[str, ...]  # link source per edge between consecutive hops
    inferred: bool  # any edge is a weak same-company guess
    warmth: float  # of the first hop, higher is warmer


@record
class Suggestion:
    """A "give first" introduction: ``needs`` would benefit from meeting ``offers``."""

    needs: str  # uid of the contact who needs
    offers: str  # uid of the contact who offers
    topics: tuple[str, ...]  # matched topics (as the needing side typed them)
    score: float
    reason: str  # one readable line
    #: The reason after the dash: "Ana needs a data engineer, Mei offers data engineering".
    why: str = ""


@record
class Ledger:
    """Give and take with one contact."""

    made_for: int  # introductions I made that involve them
    received_through: int  # contacts I met through them


# -- the index ----------------------------------------------------------------------


def warmth_of(last: date | None, recent_touches: int, today: date) -> float:
    """How warm a relationship is, 0–2: recency (1 today, halving every 30 days; 0 if never
    touched) plus frequency (touches in the last year n, as n / (n + 5))."""
    recency = 0.0
    if last is not None:
        days = max(0, (today - last).days)
        recency = 0.5 ** (days / RECENCY_HALF_LIFE_DAYS)
    frequency = recent_touches / (recent_touches + 5)
    return round(recency + frequency, 9)


@record(frozen=False)
class Network:
    """The graph of one snapshot on one day, built once and queried many times."""

    snap: Snapshot
    today: date
    by_uid: dict[str, Contact]
    labels: dict[str, str]
    known: frozenset[str]
    #: Stored links between active contacts: uid → {other uid: strongest source}.
    linked: dict[str, dict[str, str]]
    #: Active contacts by folded company name.
    companies: dict[str, tuple[str, ...]]
    last_touch: dict[str, date]
    warmth: dict[str, float]
    _known_colleagues: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _members: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def company_key(self, uid: str) -> str:
        """The folded company of a contact ("" for none)."""
        return fold(self.by_uid[uid].company)

    def rank(self, uid: str) -> tuple[float, str, str]:
        """Sort key: warmest first, then name, then uid."""
        return (-self.warmth.get(uid, 0.0), self.labels[uid].casefold(), uid)

    def members(self, company: str, known_only: bool = False) -> tuple[str, ...]:
        """Active contacts at a company (folded name), warmest first (sorted once per company)."""
        cache = self._known_colleagues if known_only else self._members
        hit = cache.get(company)
        if hit is None:
            people = [
                u for u in self.companies.get(company, ()) if not known_only or u in self.known
            ]
            hit = tuple(sorted(people, key=self.rank))
            cache[company] = hit
        return hit

    def colleagues(self, uid: str, cap: int | None = None) -> list[str]:
        """Inferred same-company neighbours of a contact not already linked to them, warmest
        first: everyone at the company if they are known, else only the known ones."""
        key = self.company_key(uid)
        if not key:
            return []
        pool = self.members(key, known_only=uid not in self.known)
        stored = self.linked.get(uid, {})
        out: list[str] = []
        for other in pool:
            if other == uid or other in stored:
                continue
            out.append(other)
            if cap is not None and len(out) >= cap:
                break
        return out

    def neighbours(self, uid: str, cap: int) -> list[tuple[str, str]]:
        """(other, source) for every stored link, then up to ``cap`` inferred colleagues."""
        out = list(self.linked.get(uid, {}).items())
        out.extend((other, SAME_COMPANY) for other in self.colleagues(uid, cap))
        return out


_CACHE: list[tuple[Snapshot, date, Network]] = []


def network(snap: Snapshot, today: date) -> Network:
    """The graph index of a snapshot on a day (the last one built is reused)."""
    entry = _CACHE[0] if _CACHE else None  # one read: TUI workers may build from other threads
    if entry is not None and entry[0] is snap and entry[1] == today:
        return entry[2]
    net = _build(snap, today)
    _CACHE[:] = [(snap, today, net)]
    return net


#: Who is linked to whom, by company, named how: the last one worked out, with the contacts
#: and links it was made from (a write that changed neither, say a logged touch, reuses it).
_GRAPH: list[tuple[tuple[Contact, ...], tuple[Link, ...], _Graph]] = []


@record
class _Graph:
    """What the graph index takes from the contacts and links alone (not from the day)."""

    by_uid: dict[str, Contact]
    labels: dict[str, str]
    known: frozenset[str]
    linked: dict[str, dict[str, str]]
    companies: dict[str, tuple[str, ...]]


def _build(snap: Snapshot, today: date) -> Network:
    entry = _GRAPH[0] if _GRAPH else None  # one read: TUI workers may build from other threads
    if entry is not None and entry[0] is snap.contacts and entry[1] is snap.links:
        graph = entry[2]
    else:
        graph = _graph(snap)
        _GRAPH[:] = [(snap.contacts, snap.links, graph)]
    by_uid = graph.by_uid
    if snap.index is not None:
        stats = indexed_stats(snap.index, today)
        last = {uid: d for uid, (d, _n) in stats.items()}
        recent = indexed_recent(snap.index, today, FREQUENCY_WINDOW_DAYS)
    else:
        last, recent = _recency(snap.all_touches(), today)
    warmth = {uid: warmth_of(last.get(uid), recent.get(uid, 0), today) for uid in by_uid}
    return Network(
        snap,
        today,
        by_uid,
        graph.labels,
        graph.known,
        graph.linked,
        graph.companies,
        last,
        warmth,
    )


def _graph(snap: Snapshot) -> _Graph:
    active = [c for c in snap.contacts if not c.archived]
    by_uid = {c.uid: c for c in active}
    labels = display_names(snap.contacts)
    known = frozenset(c.uid for c in active if c.known)
    linked: dict[str, dict[str, str]] = {}
    rank = _SOURCE_RANK.get
    mine = linked.setdefault
    for link in snap.links:  # (25,000 on a large network: both directions written out)
        a, b, source = link.a, link.b, link.source
        if a == b or a not in by_uid or b not in by_uid:
            continue
        of_a, of_b = mine(a, {}), mine(b, {})
        old = of_a.get(b)
        if old is None or rank(source, 2) < rank(old, 2):
            of_a[b] = source
        old = of_b.get(a)
        if old is None or rank(source, 2) < rank(old, 2):
            of_b[a] = source
    companies: dict[str, list[str]] = {}
    for c in active:
        key = fold(c.company)
        if key:
            companies.setdefault(key, []).append(c.uid)
    return _Graph(by_uid, labels, known, linked, {k: tuple(v) for k, v in companies.items()})


def _recency(touches: Iterable[Interaction], today: date) -> tuple[dict[str, date], dict[str, int]]:
    """Per contact: the latest touch up to ``today``, and the touches in the frequency window."""
    last: dict[str, date] = {}
    recent: dict[str, int] = {}
    since = today - timedelta(days=FREQUENCY_WINDOW_DAYS)
    for it in touches:
        if it.date > today:
            continue
        fresh = it.date > since
        for uid in it.contacts:
            prev = last.get(uid)
            if prev is None or it.date > prev:
                last[uid] = it.date
            if fresh:
                recent[uid] = recent.get(uid, 0) + 1
    return last, recent


# -- targets ------------------------------------------------------------------------


def resolve_target(query: str, snap: Snapshot) -> Target:
    """The person or company a typed target means: a contact's exact name, then a company's
    exact name, then a unique prefix of either; otherwise :class:`InputError` with
    "did you mean"."""
    key = fold(query)
    if not key:
        raise InputError("empty target: give a contact's name or a company")
    pool = [c for c in snap.contacts if not c.archived]
    labels = display_names(snap.contacts)

    def names(c: Contact) -> set[str]:
        return {fold(labels[c.uid]), fold(c.name)}

    companies = company_names(pool)
    exact = [c for c in pool if key in names(c)]
    if exact:
        person = exact[0] if len(exact) == 1 else resolve_contact(query, pool)  # raises: ambiguous
        return Target("person", labels[person.uid], (person.uid,))
    if key in companies:
        return company_target(key, companies[key], pool, labels)
    people = [c for c in pool if any(n.startswith(key) for n in names(c))]
    firms = [k for k in companies if k.startswith(key)]
    if len(people) + len(firms) == 1:
        if people:
            return Target("person", labels[people[0].uid], (people[0].uid,))
        return company_target(firms[0], companies[firms[0]], pool, labels)
    if people or firms:
        shown = sorted(labels[c.uid] for c in people) + sorted(
            f"{companies[k]} (company)" for k in firms
        )
        more = f" and {len(shown) - 5} more" if len(shown) > 5 else ""
        raise InputError(
            f"target {quote(query.strip())} is ambiguous: {', '.join(shown[:5])}{more}"
        )
    everyone = sorted({labels[c.uid] for c in pool}, key=str.casefold) + sorted(companies.values())
    raise InputError(f"no contact or company {quote(query.strip())}{did_you_mean(query, everyone)}")


def did_you_mean(query: str, names: Sequence[str], n: int = 3) -> str:
    """`` — did you mean: A, B, C?`` with the closest names (whole name or any word of it);
    always some suggestions when there are names at all, so a typo never ends in silence."""
    key = fold(query)
    asked = key.split()

    import difflib  # (here: only a name not found needs it)

    def ratio(a: str, b: str) -> float:
        return difflib.SequenceMatcher(None, a, b).ratio()

    scored = []
    for name in dict.fromkeys(names):
        full = fold(name)
        words = full.replace("(", " ").replace(")", " ").split()
        by_word = sum(max(ratio(q, w) for w in words) for q in asked) / len(asked) if asked else 0.0
        score = max(ratio(key, full), by_word)
        if asked and any(w.startswith(asked[0][:3]) for w in words):
            score += 0.3
        scored.append((-score, name.casefold(), name))
    if not scored:
        return ""
    scored.sort()
    best = -scored[0][0]
    # Clear winners alone; when nothing is close, the few least far.
    close = [name for score, _, name in scored if -score >= best - 0.25 or best < 0.5][:n]
    return f" — did you mean: {', '.join(close)}?"


def company_names(contacts: Iterable[Contact]) -> dict[str, str]:
    """Folded company name → how it is shown (the most common spelling, then the first in order)."""
    spellings: dict[str, dict[str, int]] = {}
    for c in contacts:
        name = " ".join(c.company.split())
        if name:
            counts = spellings.setdefault(fold(name), {})
            counts[name] = counts.get(name, 0) + 1
    return {k: min(v, key=lambda s: (-v[s], s)) for k, v in spellings.items()}


def company_target(key: str, label: str, pool: Sequence[Contact], labels: dict[str, str]) -> Target:
    """Every active contact at a company (folded name ``key``), by name."""
    members = sorted(
        (c for c in pool if fold(c.company) == key), key=lambda c: (labels[c.uid].casefold(), c.uid)
    )
    return Target("company", label, tuple(c.uid for c in members))


# -- paths --------------------------------------------------------------------------


def _path_key(net: Network, path: IntroPath) -> tuple[object, ...]:
    return (
        len(path.hops),
        path.inferred,
        -path.warmth,
        tuple(net.labels[u].casefold() for u in path.hops),
        path.hops,
    )


def _paths_to(net: Network, target: str, max_hops: int, cap: int) -> list[IntroPath]:
    """Every simple path from a known contact to ``target`` of at most ``max_hops`` hops whose
    later hops are not known contacts; inferred edges capped at ``cap`` per node."""
    if target not in net.by_uid:
        return []
    if target in net.known:
        return [IntroPath((target,), (), False, net.warmth.get(target, 0.0))]
    found: list[IntroPath] = []
    # Search backwards from the target: suffix holds (node, ..., target).
    stack: list[tuple[tuple[str, ...], tuple[str, ...]]] = [((target,), ())]
    while stack:
        suffix, sources = stack.pop()
        for other, source in net.neighbours(suffix[0], cap):
            if other in suffix:
                continue  # cycles: a path never visits anyone twice
            hops, srcs = (other, *suffix), (source, *sources)
            if other in net.known:
                found.append(
                    IntroPath(hops, srcs, SAME_COMPANY in srcs, net.warmth.get(other, 0.0))
                )
            elif len(hops) < max_hops:
                stack.append((hops, srcs))
    return found


def intro_paths(
    snap: Snapshot, target: Target, today: date, max_hops: int = MAX_HOPS, limit: int = 10
) -> list[IntroPath]:
    """Warm paths from me to the target, best first: shortest, then explicit before inferred,
    then the warmest first hop, then names and uids.

    For a person: the best path through each first hop (alternatives to ask). For a company:
    the best path to each reachable person there. At most ``limit`` paths.
    """
    if max_hops < 1:
        raise InputError("a path needs at least 1 hop")
    if limit < 1:
        raise InputError("limit must be at least 1")
    net = network(snap, today)
    # Inferred edges per node: a company target needs only each person's best path, and a
    # person target at most `limit` paths, so warmer colleagues beyond that cannot show.
    cap = 1 if target.kind == "company" else limit
    chosen: list[IntroPath] = []
    for uid in dict.fromkeys(target.uids):
        paths = sorted(_paths_to(net, uid, max_hops, cap), key=lambda p: _path_key(net, p))
        if target.kind == "company":
            chosen.extend(paths[:1])
            continue
        seen: set[str] = set()
        for p in paths:
            if p.hops[0] not in seen:
                seen.add(p.hops[0])
                chosen.append(p)
    chosen.sort(key=lambda p: _path_key(net, p))
    return chosen[:limit]


def _who(c: Contact, label: str) -> str:
    """A name with the company in brackets, unless the label already shows it."""
    if c.company and f"({c.company})" not in label:
        return f"{label} ({c.company})"
    return label


def _last_talked(net: Network, uid: str) -> str:
    last = net.last_touch.get(uid)
    return f"last talked {ago(last, net.today)}" if last is not None else "no touches yet"


def _edge_phrase(net: Network, a: str, b: str) -> str:
    """Why a weak edge is guessed: "both work at Northwind Traders"."""
    ca, cb = net.by_uid[a].company, net.by_uid[b].company
    if ca and fold(ca) == fold(cb):
        return f"both work at {ca}"
    return "former colleagues"


def describe_path(snap: Snapshot, path: IntroPath, today: date) -> str:
    """The advice for a path: "Ask Ana Ruiz (last talked 5 days ago) to introduce you to
    Mei Chen (Northwind Traders)"; one hop: "you know Ana Ruiz directly — last talked …"."""
    net = network(snap, today)
    label = net.labels
    first = path.hops[0]
    if len(path.hops) == 1:
        return f"you know {label[first]} directly — {_last_talked(net, first)}"
    target = path.hops[-1]
    text = f"Ask {label[first]} ({_last_talked(net, first)}) to introduce you to "
    if len(path.hops) == 2:
        text += _who(net.by_uid[target], label[target])
        if path.sources[0] == SAME_COMPANY:
            text += f" — {_edge_phrase(net, first, target)}, so they likely know each other"
        return text
    middle = path.hops[1:-1]
    parts = [label[middle[0]]]
    if path.sources[0] == SAME_COMPANY:
        parts[0] += f" ({_edge_phrase(net, first, middle[0])})"
    for n, uid in enumerate(middle[1:] + (target,), start=1):
        prev = middle[n - 1]
        who = _who(net.by_uid[uid], label[uid]) if uid == target else label[uid]
        if path.sources[n] == SAME_COMPANY:
            company = net.by_uid[uid].company or net.by_uid[prev].company
            parts.append(
                f"who works with {label[uid]} at {company}" if company else f"who knows {who}"
            )
        else:
            parts.append(f"who knows {who}")
    return text + ", ".join(parts)


def no_path_message(snap: Snapshot, target: Target, max_hops: int = MAX_HOPS) -> str:
    """Why there is no warm path, and what to do about it."""
    hint = "record who knows whom with 'networkhabit knows A B'"
    if target.kind == "company":
        hint += f", or add someone you know at {target.label}"
    return f"no warm path to {target.label} within {max_hops} hops — {hint}"


# -- give first ---------------------------------------------------------------------


def _first_name(c: Contact, other: Contact, labels: dict[str, str]) -> str:
    a, b = c.name.split()[0], other.name.split()[0]
    return labels[c.uid] if fold(a) == fold(b) else a


def _offer_phrase(topics: Sequence[str]) -> str:
    roles = [t for t in topics if is_role(t)]
    things = [t for t in topics if not is_role(t)]
    parts = []
    if roles:
        parts.append("is " + " and ".join(with_article(t) for t in roles))
    if things:
        parts.append("offers " + " and ".join(things))
    return " and ".join(parts)


def _why(
    needer: Contact, offerer: Contact, labels: dict[str, str], pairs: Sequence[tuple[str, str]]
) -> str:
    needs = " and ".join(with_article(n) for n, _ in pairs)
    offers = _offer_phrase(list(dict.fromkeys(o for _, o in pairs)))
    return (
        f"{_first_name(needer, offerer, labels)} needs {needs}, "
        f"{_first_name(offerer, needer, labels)} {offers}"
    )


def _keys(topics: Iterable[str]) -> dict[str, str]:
    """Topic key → the first topic as typed with that key."""
    out: dict[str, str] = {}
    for t in topics:
        key = topic_key(t)
        if key and key not in out:
            out[key] = t
    return out


def _matched(needs: dict[str, str], offers: dict[str, str]) -> list[tuple[str, str]]:
    """(need, offer) as typed, for every need key the offers meet."""
    return [(n, offers[k]) for k, n in needs.items() if k in offers]


#: A topic slot: ``2 * n`` needs topic number n, ``2 * n + 1`` offers it. Two people's match
#: count is how many of one's slots the other holds flipped (needs ↔ offers: ``slot ^ 1``).
_Slot = int
#: People with more slots than this are matched one by one (:func:`_wide_pairs`); the rest
#: through buckets of slot subsets (at most 2 ** this many per person).
WIDE_SLOTS = 6


def _flip(slots: Iterable[_Slot]) -> tuple[_Slot, ...]:
    return tuple(sorted(slot ^ 1 for slot in slots))


def give_first(snap: Snapshot, today: date, limit: int | None = None) -> list[Suggestion]:
    """Introductions I could make: pairs of active known contacts with no stored link where
    one's needs meet the other's offers; most matching topics (both ways) first, then the
    warmest pair, then names.

    From a topic index, never pair by pair: a pair matching ``c`` topics (both ways) shares a
    bucket of ``c`` topic slots (someone needing X and offering Y meets someone offering X
    and needing Y in the bucket {need X, offer Y}). Buckets are walked from the most topics
    down, each as two lists warmest first, best pair sums first (a heap), and the walk stops
    when nothing left can enter the ``limit`` best. So ``limit=1`` looks at a few pairs,
    not at every need × offer; ``limit=None`` lists every pair (millions on a big store).
    """
    if limit is not None and limit < 1:
        return []
    net = network(snap, today)
    by_uid = net.by_uid
    needs = {u: _keys(by_uid[u].needs) for u in net.known}
    offers = {u: _keys(by_uid[u].offers) for u in net.known}
    needed = {k for v in needs.values() for k in v}
    offered = {k for v in offers.values() for k in v}
    number = {k: n for n, k in enumerate(sorted(needed & offered))}
    # Only slots someone else could meet count: a need somebody offers, an offer somebody needs.
    slots: dict[str, tuple[_Slot, ...]] = {}
    sides: dict[str, tuple[int, int]] = {}  # (needs, offers) among them
    for u in net.known:
        mine = [2 * number[k] for k in needs[u] if k in number]
        wanted = len(mine)
        mine += [2 * number[k] + 1 for k in offers[u] if k in number]
        if mine:
            slots[u] = tuple(sorted(mine))
            sides[u] = (wanted, len(mine) - wanted)
    people = sorted(slots, key=net.rank)  # warmest first
    order = {u: n for n, u in enumerate(people)}
    most_needs = max((n for n, _ in sides.values()), default=0)
    most_offers = max((o for _, o in sides.values()), default=0)
    # At most: my needs someone offers plus my offers someone needs.
    reach = {u: min(n, most_offers) + min(o, most_needs) for u, (n, o) in sides.items()}
    warmth = net.warmth
    labels = net.labels
    best: list[tuple[int, float, str, str, str, str]] = []  # sorted; at most `limit`

    def full() -> bool:
        return limit is not None and len(best) >= limit

    def offer(a: str, b: str, count: int) -> None:
        """Consider the pair (a, b), which matches ``count`` topics, for the list."""
        forward, back = len(_matched(needs[a], offers[b])), len(_matched(needs[b], offers[a]))
        # The pair is told once: from the side with more needs met, else the first-named.
        la, lb = labels[a].casefold(), labels[b].casefold()
        ahead = forward > back or (forward == back and (la, a) < (lb, b))
        x, y, lx, ly = (a, b, la, lb) if ahead else (b, a, lb, la)
        entry = (-count, -round(warmth[a] + warmth[b], 9), lx, ly, x, y)
        if limit is None:
            best.append(entry)  # sorted once at the end
        elif len(best) < limit or entry < best[-1]:
            bisect.insort(best, entry)
            del best[limit:]

    wide = [u for u in people if len(slots[u]) > WIDE_SLOTS]
    _wide_pairs(wide, slots, order, net.linked, offer)
    narrow = [u for u in people if len(slots[u]) <= WIDE_SLOTS]
    for count in range(max((reach[u] for u in narrow), default=0), 0, -1):
        if full() and -count > best[-1][0]:
            break  # fewer topics than the worst listed: nothing left can enter
        level = [u for u in narrow if reach[u] >= count]
        _walk_level(count, level, slots, warmth, net.linked, offer, best, full)

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


def _wide_pairs(
    wide: Sequence[str],
    slots: dict[str, tuple[_Slot, ...]],
    order: dict[str, int],
    linked: dict[str, dict[str, str]],
    offer: Callable[[str, str, int], None],
) -> None:
    """Every pair with someone of many topics, counted one by one from the topic index (a
    few people at most: they cost one pass over their topics' people each)."""
    if not wide:
        return
    holders: dict[_Slot, list[str]] = {}
    for u, held in slots.items():
        for slot in held:
            holders.setdefault(slot, []).append(u)
    is_wide = set(wide)
    for a in wide:
        counts: dict[str, int] = {}
        for slot in slots[a]:
            for b in holders.get(slot ^ 1, ()):
                counts[b] = counts.get(b, 0) + 1
        known_to_a = linked.get(a, {})
        for b, count in counts.items():
            if b == a or b in known_to_a or (b in is_wide and order[b] < order[a]):
                continue  # themselves, linked, or a wide pair told from the other side
            offer(a, b, count)


def _matches(mine: tuple[_Slot, ...], theirs: tuple[_Slot, ...]) -> int:
    """How many topics two people match, both ways."""
    return len({slot ^ 1 for slot in mine}.intersection(theirs))


def _walk_level(
    count: int,
    people: Sequence[str],
    slots: dict[str, tuple[_Slot, ...]],
    warmth: dict[str, float],
    linked: dict[str, dict[str, str]],
    offer: Callable[[str, str, int], None],
    best: list[tuple[int, float, str, str, str, str]],
    full: Callable[[], bool],
) -> None:
    """The pairs (of people with few topics) matching exactly ``count`` topics, warmest pair
    first, until nothing left can enter ``best``."""
    buckets: dict[tuple[_Slot, ...], list[str]] = {}
    for u in people:  # warmest first, so every bucket is too
        for combo in combinations(slots[u], count):
            buckets.setdefault(combo, []).append(u)
    heap: list[tuple[float, int, int, int]] = []
    pairs: list[tuple[list[str], list[str], bool]] = []
    for key, left in buckets.items():
        other = _flip(key)
        right = buckets.get(other)
        if right is None or other < key:
            continue  # no one to meet, or the bucket pair is walked from the other side
        heap.append((-round(warmth[left[0]] + warmth[right[0]], 9), len(pairs), 0, 0))
        pairs.append((left, right, other == key))
    heapq.heapify(heap)
    seen: set[tuple[str, str]] = set()  # pairs met twice: in a bucket that is its own flip
    while heap:
        key_warm, n, i, j = heapq.heappop(heap)
        if full() and (-count, key_warm) > best[-1][:2]:
            return  # every pair left is colder: none can enter
        left, right, same = pairs[n]
        if i + 1 < len(left):
            heapq.heappush(heap, (-round(warmth[left[i + 1]] + warmth[right[j]], 9), n, i + 1, j))
        if i == 0 and j + 1 < len(right):
            heapq.heappush(heap, (-round(warmth[left[0]] + warmth[right[j + 1]], 9), n, 0, j + 1))
        a, b = left[i], right[j]
        if a == b or b in linked.get(a, {}) or _matches(slots[a], slots[b]) != count:
            continue  # themselves, linked, or matching more topics (met a level higher)
        if same:
            pair = (a, b) if a < b else (b, a)
            if pair in seen:
                continue
            seen.add(pair)
        offer(a, b, count)


# -- links, introductions, ledger ---------------------------------------------------


def find_link(snap: Snapshot, a: str, b: str) -> Link | None:
    """The stored link between two contacts in either order (the strongest if several)."""
    found = [lk for lk in snap.links if {lk.a, lk.b} == {a, b} and a != b]
    if not found:
        return None
    return min(found, key=lambda lk: (_SOURCE_RANK.get(lk.source, 2), lk.created, lk.uid))


def knows_records(
    snap: Snapshot, a: str, b: str, today: date, note: str | None = None
) -> tuple[Link | None, Link | None]:
    """Record that two people know each other: (a new link, or None), (the existing link
    updated — a new note, or a weak same-company link made explicit — or None)."""
    if a == b:
        raise InputError("someone cannot be linked to themselves: give two different people")
    old = find_link(snap, a, b)
    if old is None:
        return Link(new_uid(), a, b, today, "manual", (note or "").strip()), None
    changes: dict[str, str] = {}
    if note is not None and note.strip() and note.strip() != old.note:
        changes["note"] = note.strip()
    if old.source == SAME_COMPANY:
        changes["source"] = "manual"
    if not changes:
        return None, None
    return None, Link(
        old.uid,
        old.a,
        old.b,
        old.created,
        changes.get("source", old.source),
        changes.get("note", old.note),
    )


def introduction_records(
    snap: Snapshot, a: str, b: str, today: date, note: str = ""
) -> tuple[Interaction, list[Interaction], Link | None]:
    """Introducing two people: the intro touch with both, the follow-ups it closes, and the
    new link (``introduced-by-me``) or None if they are linked already."""
    if a == b:
        raise InputError("cannot introduce someone to themselves: give two different people")
    touch, closed = log_touch(snap, [a, b], today, today, "intro", note)
    link = None
    if find_link(snap, a, b) is None:
        link = Link(new_uid(), a, b, today, "introduced-by-me", note.strip())
    return touch, closed, link


#: After asking someone for an introduction, the prospect rests this long before the
#: agenda suggests asking about them again.
ASK_AGAIN_DAYS = 14


def ask_records(
    snap: Snapshot, via: str, target: str, today: date, note: str = ""
) -> tuple[Interaction, list[Interaction], Contact]:
    """Asking ``via`` to introduce me to ``target``: a message touch with ``via`` (and the
    follow-ups it closes), and ``target`` snoozed for :data:`ASK_AGAIN_DAYS`, so the agenda
    asks about someone else meanwhile."""
    by_uid = snap.contact_by_uid()
    if via == target:
        raise InputError("ask someone else: the person to ask and the target are the same")
    if target not in by_uid or via not in by_uid:
        raise InputError("that contact is no longer in the store")
    label = by_uid[target].name
    text = note.strip() or f"asked for an introduction to {label}"
    touch, closed = log_touch(snap, [via], today, today, "message", text)
    rested = replace(by_uid[target], snoozed_until=today + timedelta(days=ASK_AGAIN_DAYS))
    return touch, closed, rested


def ledger(snap: Snapshot, uid: str) -> Ledger:
    """Give and take with a contact: introductions I made involving them, and people I met
    through them (``met-through`` links where they are the introducer, ``link.a``)."""
    if snap.index is not None:
        made = snap.index.intros.get(uid, 0)
    else:
        made = sum(1 for it in snap.interactions if it.kind == "intro" and uid in it.contacts)
    met = {lk.b for lk in snap.links if lk.source == "met-through" and lk.a == uid and lk.b != uid}
    return Ledger(made, len(met))


def colleagues(snap: Snapshot, uid: str, today: date) -> list[str]:
    """Inferred same-company colleagues of a contact with no stored link to them, warmest
    first (everyone at the company for someone I know; only known ones for a prospect)."""
    net = network(snap, today)
    return net.colleagues(uid) if uid in net.by_uid else []


# -- the agenda -----------------------------------------------------------------------


def ask_intro(snap: Snapshot, today: date) -> IntroPath | None:
    """The prospect to ask about today, as the best path to them: the most reachable one
    (shortest, explicit, warmest first hop), then the longest waiting (oldest added)."""
    net = network(snap, today)
    best: tuple[tuple[object, ...], IntroPath] | None = None
    for uid, c in net.by_uid.items():
        if uid in net.known or (c.snoozed_until is not None and c.snoozed_until > today):
            continue  # someone I know, or a prospect I asked about lately
        paths = sorted(_paths_to(net, uid, MAX_HOPS, 1), key=lambda p: _path_key(net, p))
        if not paths:
            continue
        p = paths[0]
        key = (len(p.hops), p.inferred, -p.warmth, c.created, net.labels[uid].casefold(), uid)
        if best is None or key < best[0]:
            best = (key, p)
    return None if best is None else best[1]
