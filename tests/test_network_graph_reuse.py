"""The graph index reuses who-is-linked-to-whom when a new snapshot has the same contacts and
links (a logged touch), and works it out again when either changed."""

from __future__ import annotations

from dataclasses import replace

from networkhabit.domain import network
from networkhabit.domain.model import Interaction, Link, new_uid
from tests.conftest import TODAY, days_ago, person, world


def the_world():  # type: ignore[no-untyped-def]
    return world(
        [person("Ana Ruiz"), person("Bob Stone"), person("Cleo Park")],
        touches=[("Ana Ruiz", 3)],
        links=[("Ana Ruiz", "Bob Stone")],
    )


def test_a_new_touch_reuses_the_graph_and_sees_the_new_warmth() -> None:
    snap = the_world()
    first = network.network(snap, TODAY)
    cleo = next(c for c in snap.contacts if c.name == "Cleo Park")
    touched = replace(
        snap,
        interactions=(
            *snap.interactions,
            Interaction(new_uid(), (cleo.uid,), days_ago(0), "call"),
        ),
    )
    second = network.network(touched, TODAY)
    assert second is not first
    assert second.linked is first.linked  # the same contacts and links: reused
    assert second.warmth[cleo.uid] > first.warmth[cleo.uid]  # the day's part is new


def test_a_new_link_works_the_graph_out_again() -> None:
    snap = the_world()
    first = network.network(snap, TODAY)
    ana, _bob, cleo = snap.contacts
    linked = replace(snap, links=(*snap.links, Link(new_uid(), ana.uid, cleo.uid, TODAY)))
    second = network.network(linked, TODAY)
    assert second.linked is not first.linked
    assert cleo.uid in second.linked[ana.uid] and cleo.uid not in first.linked[ana.uid]


def test_a_changed_contact_works_the_graph_out_again() -> None:
    snap = the_world()
    first = network.network(snap, TODAY)
    ana = snap.contacts[0]
    renamed = replace(snap, contacts=(replace(ana, company="Acme"), *snap.contacts[1:]))
    second = network.network(renamed, TODAY)
    assert second.companies != first.companies
    assert second.by_uid[ana.uid].company == "Acme"
