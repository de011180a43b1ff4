"""Who knows whom: warm paths, targets, give-first suggestions, links and the ledger (domain)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from networkhabit.domain import network as net
from networkhabit.domain.agenda import build_agenda, introduction_items
from networkhabit.domain.contacts import neglected, touch_stats
from networkhabit.domain.errors import InputError
from networkhabit.domain.model import Contact, Interaction, Link, Snapshot, new_uid
from networkhabit.domain.topics import topic_key, topics_match, with_article
from tests.conftest import TODAY, days_ago, person, world


def uid_of(snap: Snapshot, name: str) -> str:
    return next(c.uid for c in snap.contacts if c.name == name)


def names(snap: Snapshot, path: net.IntroPath) -> list[str]:
    by_uid = snap.contact_by_uid()
    return [by_uid[u].name for u in path.hops]


def paths_to(snap: Snapshot, query: str, **kw: int) -> list[list[str]]:
    target = net.resolve_target(query, snap)
    return [names(snap, p) for p in net.intro_paths(snap, target, TODAY, **kw)]


# -- paths ----------------------------------------------------------------------------


def test_shortest_path_comes_first() -> None:
    snap = world(
        [person("Ana"), person("Cem"), person("Bob", known=False), person("Tara", known=False)],
        touches=[("Ana", 1)],  # Ana is warmer, but her path is longer
        links=[("Ana", "Bob"), ("Bob", "Tara"), ("Cem", "Tara")],
    )
    assert paths_to(snap, "Tara") == [["Cem", "Tara"], ["Ana", "Bob", "Tara"]]


def test_cycles_are_handled_and_no_one_is_visited_twice() -> None:
    snap = world(
        [
            person("Ana"),
            person("P1", known=False),
            person("P2", known=False),
            person("Tara", known=False),
        ],
        links=[
            ("Ana", "P1"),
            ("P1", "P2"),
            ("P2", "Tara"),
            ("Tara", "P1"),
            ("P2", "P1", "met-through"),
        ],
    )
    found = net.intro_paths(snap, net.resolve_target("Tara", snap), TODAY)
    assert [names(snap, p) for p in found] == [["Ana", "P1", "Tara"]]
    everything = net._paths_to(net.network(snap, TODAY), uid_of(snap, "Tara"), 3, 10)
    assert all(len(set(p.hops)) == len(p.hops) for p in everything)
    assert sorted(names(snap, p) for p in everything) == [["Ana", "P1", "Tara"]]


def test_unreachable_target_gives_a_clear_message() -> None:
    snap = world([person("Ana"), person("Marta Lindqvist", known=False, company="Spotify")])
    target = net.resolve_target("Marta", snap)
    assert net.intro_paths(snap, target, TODAY) == []
    message = net.no_path_message(snap, target)
    assert message.startswith("no warm path to Marta Lindqvist within 3 hops — ")
    assert "networkhabit knows A B" in message


def test_max_three_hops_is_respected() -> None:
    snap = world(
        [person("Ana"), *(person(f"P{n}", known=False) for n in (1, 2, 3))],
        links=[("Ana", "P1"), ("P1", "P2"), ("P2", "P3")],
    )
    assert paths_to(snap, "P2") == [["Ana", "P1", "P2"]]
    assert paths_to(snap, "P3") == []  # 4 hops away
    assert paths_to(snap, "P2", max_hops=2) == []
    assert paths_to(snap, "P1", max_hops=2) == [["Ana", "P1"]]
    with pytest.raises(InputError):
        paths_to(snap, "P1", max_hops=0)


def test_a_company_target_finds_every_reachable_employee() -> None:
    snap = world(
        [
            person("Ana", company="Elsewhere"),
            person("Cem", company="Elsewhere"),
            person("Dee", company="far away"),  # I know her: direct
            person("Mei", company="Far Away", known=False),  # linked to Cem
            person("Pat", company="Far Away", known=False),  # via Mei (3 hops)
            person("Zed", company="FAR AWAY", known=False),  # Dee's colleague (inferred)
            person("Ola", company="Nearby", known=False),  # another company
        ],
        touches=[("Dee", 3)],
        links=[("Cem", "Mei"), ("Mei", "Pat"), ("Ana", "Ola")],
    )
    target = net.resolve_target("far away", snap)
    assert target.kind == "company" and len(target.uids) == 4
    found = [names(snap, p) for p in net.intro_paths(snap, target, TODAY)]
    assert found == [["Dee"], ["Cem", "Mei"], ["Dee", "Pat"], ["Dee", "Zed"]]  # shortest first
    assert {p[-1] for p in found} == {"Dee", "Mei", "Pat", "Zed"}


def test_company_employees_without_a_path_are_left_out() -> None:
    snap = world(
        [
            person("Ana"),
            person("Mei", company="Far Away", known=False),
            person("Pat", company="Far Away", known=False),
            person("Quin", company="Far Away", known=False),
        ],
        links=[("Ana", "Mei"), ("Mei", "Pat")],
    )
    found = net.intro_paths(snap, net.resolve_target("Far Away", snap), TODAY)
    # Quin is left out: prospects at one company are not guessed to know each other.
    assert [names(snap, p) for p in found] == [["Ana", "Mei"], ["Ana", "Mei", "Pat"]]


def test_ranking_by_warmth_is_deterministic() -> None:
    people = [
        person("Ana"),
        person("Bea"),
        person("Cem"),
        person("Dan"),
        person("Tara", known=False),
    ]
    links = [("Dan", "Tara"), ("Cem", "Tara"), ("Bea", "Tara"), ("Ana", "Tara")]
    touches = [("Cem", 2), ("Cem", 40), ("Bea", 2), ("Dan", 200)]
    snap = world(people, touches=touches, links=links)
    expected = [["Cem", "Tara"], ["Bea", "Tara"], ["Dan", "Tara"], ["Ana", "Tara"]]
    assert paths_to(snap, "Tara") == expected  # more frequent, then recent, then never touched
    shuffled = replace(
        snap,
        contacts=snap.contacts[::-1],
        links=snap.links[::-1],
        interactions=snap.interactions[::-1],
    )
    assert paths_to(shuffled, "Tara") == expected
    # Equal warmth: by name.
    cold = world(people, links=links)
    assert paths_to(cold, "Tara") == [
        ["Ana", "Tara"],
        ["Bea", "Tara"],
        ["Cem", "Tara"],
        ["Dan", "Tara"],
    ]


def test_inferred_links_rank_below_explicit_ones() -> None:
    snap = world(
        [
            person("Ana", company="Acme"),
            person("Cem", company="Other"),
            person("Tara", company="ACME ", known=False),
        ],
        touches=[("Ana", 1), ("Ana", 5), ("Ana", 9)],  # Ana is much warmer
        links=[("Cem", "Tara")],
    )
    found = net.intro_paths(snap, net.resolve_target("Tara", snap), TODAY)
    assert [names(snap, p) for p in found] == [["Cem", "Tara"], ["Ana", "Tara"]]
    assert [(p.inferred, p.sources) for p in found] == [
        (False, ("manual",)),
        (True, ("same-company",)),
    ]
    assert found[1].warmth > found[0].warmth
    assert "both work at Acme" in net.describe_path(snap, found[1], TODAY)


def test_a_stored_same_company_link_is_weak_too() -> None:
    snap = world(
        [person("Ana"), person("Cem"), person("Tara", known=False)],
        touches=[("Ana", 1)],
        links=[("Ana", "Tara", "same-company"), ("Cem", "Tara")],
    )
    found = net.intro_paths(snap, net.resolve_target("Tara", snap), TODAY)
    assert [(names(snap, p), p.inferred) for p in found] == [
        (["Cem", "Tara"], False),
        (["Ana", "Tara"], True),
    ]


def test_paths_never_go_through_someone_i_know_after_the_first_hop() -> None:
    snap = world(
        [person("Ana"), person("Cem"), person("Tara", known=False)],
        touches=[("Ana", 1)],
        links=[("Ana", "Cem"), ("Cem", "Tara")],
    )
    assert paths_to(snap, "Tara") == [["Cem", "Tara"]]


def test_archived_contacts_are_not_part_of_the_network() -> None:
    snap = world(
        [
            person("Ana", archived=True),
            person("Cem"),
            person("Pia", known=False, archived=True),
            person("Tara", known=False),
        ],
        links=[("Ana", "Tara"), ("Cem", "Pia"), ("Pia", "Tara")],
    )
    assert paths_to(snap, "Tara") == []


def test_a_known_target_is_known_directly() -> None:
    snap = world([person("Ana Ruiz", company="Northwind Traders")], touches=[("Ana Ruiz", 5)])
    [path] = net.intro_paths(snap, net.resolve_target("ana", snap), TODAY)
    assert path.hops == (uid_of(snap, "Ana Ruiz"),) and path.sources == ()
    assert (
        net.describe_path(snap, path, TODAY)
        == "you know Ana Ruiz directly — last talked 5 days ago"
    )


def test_advice_reads_like_advice() -> None:
    snap = world(
        [
            person("Ana Ruiz", company="Northwind Traders"),
            person("Mei Chen", company="Northwind Traders", known=False),
            person("Elif Yilmaz", known=False),
            person("Claire Dupont", company="Globex", known=False),
        ],
        touches=[("Ana Ruiz", 5)],
        links=[
            ("Ana Ruiz", "Mei Chen"),
            ("Ana Ruiz", "Elif Yilmaz"),
            ("Elif Yilmaz", "Claire Dupont"),
        ],
    )
    [two] = net.intro_paths(snap, net.resolve_target("Mei Chen", snap), TODAY)
    assert net.describe_path(snap, two, TODAY) == (
        "Ask Ana Ruiz (last talked 5 days ago) to introduce you to Mei Chen (Northwind Traders)"
    )
    [three] = net.intro_paths(snap, net.resolve_target("Claire", snap), TODAY)
    assert net.describe_path(snap, three, TODAY) == (
        "Ask Ana Ruiz (last talked 5 days ago) to introduce you to Elif Yilmaz, "
        "who knows Claire Dupont (Globex)"
    )


def test_advice_for_an_untouched_first_hop_at_the_same_company() -> None:
    snap = world(
        [
            person("Ana"),
            person("Bo", company="Initech", known=False),
            person("Cy", company="Initech", known=False),
            person("Dee", company="Initech"),
        ],
        links=[("Ana", "Bo")],
    )
    # Cy is reachable through Dee (colleague); Bo–Cy are two prospects: no inferred edge.
    [path] = net.intro_paths(snap, net.resolve_target("Cy", snap), TODAY)
    assert names(snap, path) == ["Dee", "Cy"]
    assert net.describe_path(snap, path, TODAY).startswith(
        "Ask Dee (no touches yet) to introduce you to Cy"
    )


def test_advice_names_weak_edges_in_three_hop_paths() -> None:
    snap = world(
        [
            person("Ana", company="Initech"),
            person("Bo", company="Initech", known=False),
            person("Cy", company="Globex", known=False),
            person("Dee", known=False),
            person("Eve", known=False),
        ],
        touches=[("Ana", 1)],
        links=[("Bo", "Cy"), ("Ana", "Dee"), ("Dee", "Eve", "same-company")],
    )
    [first_weak] = net.intro_paths(snap, net.resolve_target("Cy", snap), TODAY)
    assert first_weak.sources == ("same-company", "manual") and first_weak.inferred
    assert net.describe_path(snap, first_weak, TODAY) == (
        "Ask Ana (last talked yesterday) to introduce you to Bo (both work at Initech), who knows Cy (Globex)"
    )
    [second_weak] = net.intro_paths(snap, net.resolve_target("Eve", snap), TODAY)
    assert second_weak.sources == ("manual", "same-company")
    assert net.describe_path(snap, second_weak, TODAY) == (
        "Ask Ana (last talked yesterday) to introduce you to Dee, who knows Eve"
    )


def test_a_person_target_lists_the_best_path_per_person_to_ask() -> None:
    snap = world(
        [person("Ana"), person("P1", known=False), person("Tara", known=False)],
        links=[("Ana", "Tara"), ("Ana", "P1"), ("P1", "Tara")],
    )
    assert paths_to(snap, "Tara") == [["Ana", "Tara"]]


def test_limit_and_a_big_company_stay_bounded() -> None:
    staff = [person(f"Known {n:03d}", company="Mega") for n in range(150)]
    prospects = [person(f"Prospect {n:03d}", company="Mega", known=False) for n in range(150)]
    snap = world(staff + prospects, touches=[("Known 007", 3)])
    found = net.intro_paths(snap, net.resolve_target("Mega", snap), TODAY, limit=1000)
    assert len(found) == 300  # every employee: 150 known directly, 150 through a colleague
    assert {len(p.hops) for p in found} == {1, 2}
    assert all(names(snap, p)[0] == "Known 007" for p in found if len(p.hops) == 2)  # the warmest
    few = net.intro_paths(snap, net.resolve_target("Prospect 001", snap), TODAY, limit=4)
    assert [names(snap, p)[0] for p in few] == ["Known 007", "Known 000", "Known 001", "Known 002"]


# -- targets ----------------------------------------------------------------------------


def test_resolve_target_people_and_companies() -> None:
    snap = world(
        [
            person("Ana Ruiz", company="Northwind Traders"),
            person("Hooli Fan", company="Acme"),
            person("Mei Chen", company="northwind traders", known=False),
        ]
    )
    assert net.resolve_target("ana ruiz", snap).kind == "person"
    company = net.resolve_target("NORTHWIND TRADERS", snap)
    assert company.kind == "company" and len(company.uids) == 2
    assert net.resolve_target("north", snap).kind == "company"  # a unique prefix
    assert net.resolve_target("acme", snap) == net.Target(
        "company", "Acme", (uid_of(snap, "Hooli Fan"),)
    )
    assert net.resolve_target("Mei", snap).label == "Mei Chen"


def test_resolve_target_ambiguous_and_unknown() -> None:
    snap = world(
        [
            person("John Smith", company="Acme"),
            person("John Smith", company="Globex"),
            person("Noah Body"),
            person("Jo", company="Johnson & Co"),
        ]
    )
    with pytest.raises(InputError, match="2 contacts are called 'John Smith'"):
        net.resolve_target("John Smith", snap)
    with pytest.raises(
        InputError, match="ambiguous: .*John Smith \\(Acme\\).*Johnson & Co \\(company\\)"
    ):
        net.resolve_target("joh", snap)
    with pytest.raises(
        InputError, match=r"^no contact or company 'Nobody' — did you mean: Noah Body"
    ):
        net.resolve_target("Nobody", snap)
    with pytest.raises(InputError, match="empty target"):
        net.resolve_target("  ", snap)


def test_did_you_mean_prefers_close_names() -> None:
    assert net.did_you_mean("Jon Smith", ["John Smith", "Jonas Berg", "Zed"]).startswith(
        " — did you mean: John Smith"
    )
    assert net.did_you_mean("Hoolie", ["Hooli", "Globex"]) == " — did you mean: Hooli?"
    assert net.did_you_mean("x", []) == ""


# -- prospects and neglect --------------------------------------------------------------


def test_prospects_never_appear_as_neglected() -> None:
    snap = world(
        [person("Marta", known=False, cadence_days=7), person("Ana", cadence_days=7)],
        touches=[("Marta", 90), ("Ana", 90)],
    )
    found = neglected(snap.contacts, touch_stats(snap.interactions, TODAY), TODAY)
    assert [n.contact.name for n in found] == ["Ana"]
    assert all(
        it.kind != "neglected" or "Marta" not in it.title for it in build_agenda(snap, TODAY)
    )


# -- topics and give first --------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("designers", "Designer"),
        ("data pipelines", "data pipeline"),
        ("Data Engineer", "data engineering"),
        ("mentor", "mentoring"),
        ("design", "designer"),
        ("UX  research", "ux research"),
        ("companies", "company"),
        ("sales", "sale"),
    ],
)
def test_topics_match_case_and_plural_insensitively(a: str, b: str) -> None:
    assert topics_match(a, b)


@pytest.mark.parametrize(
    ("a", "b"), [("funding", "founder"), ("rust", "trust"), ("data", "data engineer"), ("", "")]
)
def test_different_topics_do_not_match(a: str, b: str) -> None:
    assert not topics_match(a, b)


def test_articles_only_for_people() -> None:
    assert [
        with_article(t) for t in ("data engineer", "investor", "job", "pricing advice", "a mentor")
    ] == ["a data engineer", "an investor", "a job", "pricing advice", "a mentor"]
    assert topic_key("Users") == topic_key("user") == "user"  # short stems are left alone


def test_give_first_matches_needs_to_offers_with_an_accurate_reason() -> None:
    snap = world(
        [
            person("Ana Ruiz", needs=["Data Engineers"]),
            person("Mei Chen", offers=["data engineering", "rust"]),
            person("Bo Berg", needs=["cooking"]),
        ]
    )
    [s] = net.give_first(snap, TODAY)
    assert (s.needs, s.offers) == (uid_of(snap, "Ana Ruiz"), uid_of(snap, "Mei Chen"))
    assert s.topics == ("Data Engineers",)
    assert (
        s.reason
        == "Introduce Ana Ruiz to Mei Chen — Ana needs Data Engineers, Mei offers data engineering"
    )
    assert s.why == "Ana needs Data Engineers, Mei offers data engineering"


def test_give_first_skips_linked_pairs_prospects_and_archived() -> None:
    people = [
        person("Ana", needs=["designer"]),
        person("Zoe", offers=["design"]),
        person("Pia", offers=["designers"], known=False),
        person("Arc", offers=["design"], archived=True),
        person("Kwa", offers=["Designer"]),
    ]
    snap = world(people, links=[("Zoe", "Ana")])
    assert [(s.needs, s.offers) for s in net.give_first(snap, TODAY)] == [
        (uid_of(snap, "Ana"), uid_of(snap, "Kwa"))
    ]
    assert (
        net.give_first(snap, TODAY)[0].reason
        == "Introduce Ana to Kwa — Ana needs a designer, Kwa is a Designer"
    )
    linked = world(people, links=[("Zoe", "Ana"), ("Ana", "Kwa", "same-company")])
    assert net.give_first(linked, TODAY) == []  # any stored link means they know each other


def test_give_first_ranks_more_topics_then_warmth_then_names() -> None:
    snap = world(
        [
            person("Ana", needs=["rust", "funding"]),
            person("Bo", offers=["rust", "funding"]),
            person("Cy", needs=["rust"]),
            person("Dee", offers=["rust"]),
            person("Eve", needs=["funding"]),
        ],
        touches=[("Eve", 1), ("Dee", 1), ("Dee", 3)],
    )
    ranked = [(s.needs, s.offers) for s in net.give_first(snap, TODAY)]
    u = {c.name: c.uid for c in snap.contacts}
    assert ranked == [
        (u["Ana"], u["Bo"]),  # two topics, though both are cold
        (u["Ana"], u["Dee"]),  # Dee is the warmest; Ana before Cy by name
        (u["Cy"], u["Dee"]),
        (u["Eve"], u["Bo"]),  # Eve is warm
        (u["Cy"], u["Bo"]),  # cold
    ]
    [best] = net.give_first(snap, TODAY, limit=1)
    assert best.score >= 2 and (best.needs, best.offers) == (u["Ana"], u["Bo"])
    assert len(net.give_first(snap, TODAY, limit=2)) == 2


def test_a_mutual_pair_is_suggested_once_with_both_reasons() -> None:
    snap = world(
        [
            person("Ravi Patel", needs=["job"], offers=["sales engineer"]),
            person("Jonas Berg", needs=["sales engineers"], offers=["jobs"]),
        ]
    )
    [s] = net.give_first(snap, TODAY)
    assert s.topics == ("sales engineers", "job")  # Jonas first: by name, both sides meet one need
    assert s.reason == (
        "Introduce Jonas Berg to Ravi Patel — Jonas needs sales engineers, Ravi is a sales "
        "engineer; and Ravi needs a job, Jonas offers jobs"
    )


def brute_force(snap: Snapshot, today: date) -> list[tuple[int, float, str, str]]:
    """The plain definition, pair by pair: (topics both ways, warmth, needs uid, offers uid)."""
    n = net.network(snap, today)
    people = [c for c in snap.contacts if c.known and not c.archived]
    out = []
    for i, a in enumerate(people):
        for b in people[i + 1 :]:
            if b.uid in n.linked.get(a.uid, {}):
                continue
            ab = {topic_key(x) for x in a.needs} & {topic_key(x) for x in b.offers} - {""}
            ba = {topic_key(x) for x in b.needs} & {topic_key(x) for x in a.offers} - {""}
            if not ab and not ba:
                continue
            la, lb = n.labels[a.uid].casefold(), n.labels[b.uid].casefold()
            first = len(ab) > len(ba) or (len(ab) == len(ba) and (la, a.uid) < (lb, b.uid))
            x, y = (a, b) if first else (b, a)
            out.append(
                (
                    -(len(ab) + len(ba)),
                    -round(n.warmth[a.uid] + n.warmth[b.uid], 9),
                    n.labels[x.uid].casefold(),
                    n.labels[y.uid].casefold(),
                    x.uid,
                    y.uid,
                )
            )
    out.sort()
    return [(-k[0], -k[1], k[4], k[5]) for k in out]


TOPICS = ["rust", "designer", "design", "funding", "jobs", "job", "mentor"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(TOPICS), max_size=3),
            st.lists(st.sampled_from(TOPICS), max_size=3),
            st.booleans(),
            st.integers(0, 3),
        ),
        min_size=2,
        max_size=9,
    ),
    st.lists(st.tuples(st.integers(0, 8), st.integers(0, 8)), max_size=6),
    st.integers(1, 4),
)
def test_give_first_agrees_with_the_plain_definition(people, links, limit) -> None:
    contacts = [
        person(f"P{n}", needs=nd, offers=of, known=kn, uid=f"{n:032x}")
        for n, (nd, of, kn, _) in enumerate(people)
    ]
    touches = [
        Interaction(new_uid(), (c.uid,), days_ago(10 * t + 1))
        for c, (*_, t) in zip(contacts, people)
        for _ in range(t)
    ]
    lks = [
        Link(new_uid(), contacts[a].uid, contacts[b].uid, TODAY)
        for a, b in links
        if a < len(contacts) and b < len(contacts) and a != b
    ]
    snap = Snapshot(tuple(contacts), tuple(touches), tuple(lks))
    expected = brute_force(snap, TODAY)
    got = [(len(s.topics), s.needs, s.offers) for s in net.give_first(snap, TODAY)]
    assert [(s[2], s[3]) for s in expected] == [(g[1], g[2]) for g in got]
    limited = net.give_first(snap, TODAY, limit=limit)
    assert [(s.needs, s.offers) for s in limited] == [(s[2], s[3]) for s in expected[:limit]]


# -- links, introductions, ledger ---------------------------------------------------------


def test_knows_records_refuses_self_and_never_duplicates() -> None:
    snap = world(
        [person("Ana"), person("Bo"), person("Cy")],
        links=[("Bo", "Ana"), ("Cy", "Ana", "same-company")],
    )
    a, b, c = (uid_of(snap, n) for n in ("Ana", "Bo", "Cy"))
    with pytest.raises(InputError, match="themselves"):
        net.knows_records(snap, a, a, TODAY)
    assert net.knows_records(snap, a, b, TODAY) == (None, None)
    new, updated = net.knows_records(snap, a, b, TODAY, note="  old friends ")
    assert (
        new is None
        and updated is not None
        and updated.note == "old friends"
        and updated.source == "manual"
    )
    new, updated = net.knows_records(snap, a, c, TODAY)  # a weak link made explicit
    assert new is None and updated is not None and updated.source == "manual"
    fresh = world([person("Ana"), person("Bo")])
    new, updated = net.knows_records(
        fresh, uid_of(fresh, "Ana"), uid_of(fresh, "Bo"), TODAY, note="school"
    )
    assert (
        updated is None
        and new is not None
        and (new.source, new.note, new.created) == ("manual", "school", TODAY)
    )


def test_introduction_records_log_one_touch_and_link_once() -> None:
    snap = world(
        [person("Ana"), person("Mei"), person("Bo")],
        touches=[("Ana", 3, {"follow_up": days_ago(1)})],
        links=[("Mei", "Bo")],
    )
    a, m, b = (uid_of(snap, n) for n in ("Ana", "Mei", "Bo"))
    touch, closed, link = net.introduction_records(snap, a, m, TODAY, "data chat")
    assert (touch.kind, set(touch.contacts), touch.date, touch.note) == (
        "intro",
        {a, m},
        TODAY,
        "data chat",
    )
    assert [c.follow_up_done for c in closed] == [True]
    assert link is not None and (link.a, link.b, link.source) == (a, m, "introduced-by-me")
    _, _, again = net.introduction_records(snap, b, m, TODAY)
    assert again is None  # Mei and Bo are linked already (the other way round)
    with pytest.raises(InputError, match="themselves"):
        net.introduction_records(snap, a, a, TODAY)


def test_ledger_counts_give_and_take() -> None:
    snap = world(
        [person("Ana"), person("Mei"), person("Bo"), person("Cy")],
        touches=[
            (["Ana", "Mei"], 5, {"kind": "intro"}),
            (["Ana", "Bo"], 2, {"kind": "intro"}),
            ("Ana", 1),
            (["Mei", "Bo"], 1, {"kind": "coffee"}),
        ],
        links=[
            ("Ana", "Cy", "met-through"),
            ("Ana", "Bo", "met-through"),
            ("Mei", "Ana", "met-through"),
        ],
    )
    assert net.ledger(snap, uid_of(snap, "Ana")) == net.Ledger(made_for=2, received_through=2)
    assert net.ledger(snap, uid_of(snap, "Mei")) == net.Ledger(made_for=1, received_through=1)
    assert net.ledger(snap, uid_of(snap, "Cy")) == net.Ledger(0, 0)


def test_colleagues_are_inferred_but_not_stored_links() -> None:
    snap = world(
        [
            person("Ana", company="Acme"),
            person("Bo", company="acme"),
            person("Cy", company="Acme", known=False),
            person("Dee", company="Acme", known=False),
            person("Eve", company="Globex"),
        ],
        links=[("Ana", "Bo")],
    )
    by = {c.name: c.uid for c in snap.contacts}
    assert net.colleagues(snap, by["Ana"], TODAY) == [by["Cy"], by["Dee"]]  # Bo is a stored link
    assert net.colleagues(snap, by["Cy"], TODAY) == [
        by["Ana"],
        by["Bo"],
    ]  # a prospect: known ones only
    assert net.colleagues(snap, by["Eve"], TODAY) == []


# -- the agenda ---------------------------------------------------------------------------


def test_agenda_gains_one_give_first_and_one_ask_intro() -> None:
    snap = world(
        [
            person("Ana Ruiz", needs=["designer"]),
            person("Zoe Muller", offers=["design"]),
            person(
                "Claire Dupont", company="Northwind", title="CEO", known=False, created=days_ago(30)
            ),
            person("Dev Raman", known=False, created=days_ago(300)),
            person("Marta", known=False, created=days_ago(900)),
        ],  # oldest, but unreachable
        touches=[("Ana Ruiz", 4)],
        links=[("Ana Ruiz", "Claire Dupont"), ("Ana Ruiz", "Dev Raman")],
    )
    items = introduction_items(snap, TODAY)
    assert [i.kind for i in items] == ["give_first", "ask_intro"]
    give, ask = items
    assert give.title == "Introduce Ana Ruiz to Zoe Muller"
    assert give.detail == "Ana needs a designer, Zoe offers design"
    # Claire and Dev are equally reachable: the longest waiting (oldest added) is asked about.
    assert ask.title == "Ask Ana Ruiz (last talked 4 days ago) to introduce you to Dev Raman"
    assert ask.contacts == (uid_of(snap, "Ana Ruiz"), uid_of(snap, "Dev Raman"))
    assert [i.kind for i in build_agenda(snap, TODAY)][-2:] == ["give_first", "ask_intro"]


def test_agenda_prefers_the_most_reachable_prospect() -> None:
    snap = world(
        [
            person("Ana"),
            person("Mid", known=False, created=days_ago(10)),
            person("Far", known=False, created=days_ago(900)),
            person("Near", known=False, created=days_ago(10)),
        ],
        links=[("Ana", "Mid"), ("Mid", "Far"), ("Ana", "Near")],
    )
    [ask] = introduction_items(snap, TODAY)
    assert ask.contacts[-1] in (uid_of(snap, "Mid"), uid_of(snap, "Near"))
    assert len(ask.contacts) == 2  # a 2-hop path beats the older prospect 3 hops away
    assert introduction_items(world([person("Ana")]), TODAY) == []


def test_the_index_is_rebuilt_for_a_new_snapshot_or_day() -> None:
    snap = world([person("Ana"), person("Tara", known=False)], links=[("Ana", "Tara")])
    first = net.network(snap, TODAY)
    assert net.network(snap, TODAY) is first
    assert net.network(snap, date(2026, 11, 21)) is not first
    other = replace(snap, links=())
    assert paths_to(other, "Tara") == []
    assert isinstance(snap.contacts[0], Contact)


def test_after_asking_about_a_prospect_the_agenda_asks_about_another() -> None:
    from dataclasses import replace

    from networkhabit.domain.network import ASK_AGAIN_DAYS, ask_records

    snap = world(
        [
            person("Ana Ruiz"),
            person("Dev Raman", known=False, created=days_ago(300)),
            person("Claire Dupont", known=False, created=days_ago(30)),
        ],
        touches=[("Ana Ruiz", 4)],
        links=[("Ana Ruiz", "Claire Dupont"), ("Ana Ruiz", "Dev Raman")],
    )
    [ask] = [i for i in introduction_items(snap, TODAY) if i.kind == "ask_intro"]
    assert ask.contacts[-1] == uid_of(snap, "Dev Raman")
    touch, _, rested = ask_records(snap, uid_of(snap, "Ana Ruiz"), uid_of(snap, "Dev Raman"), TODAY)
    assert touch.contacts == (uid_of(snap, "Ana Ruiz"),) and "Dev Raman" in touch.note
    assert rested.snoozed_until == TODAY + timedelta(days=ASK_AGAIN_DAYS)
    after = replace(
        snap, contacts=tuple(rested if c.uid == rested.uid else c for c in snap.contacts)
    )
    [ask] = [i for i in introduction_items(after, TODAY) if i.kind == "ask_intro"]
    assert ask.contacts[-1] == uid_of(snap, "Claire Dupont")
    later = TODAY + timedelta(days=ASK_AGAIN_DAYS)
    [ask] = [i for i in introduction_items(after, later) if i.kind == "ask_intro"]
    assert ask.contacts[-1] == uid_of(snap, "Dev Raman")
