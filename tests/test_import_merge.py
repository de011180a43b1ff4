"""The pure matching and merge rules of domain/merge.py."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from networkhabit.domain.merge import (
    Incoming,
    ParsedFile,
    Plan,
    merge_contact,
    normalize_url,
    plan_import,
)
from networkhabit.domain.model import Snapshot
from tests.conftest import TODAY, person, world


def apply(snap: Snapshot, plan: Plan) -> Snapshot:
    """The snapshot after writing ``plan`` (as the command does through the store)."""
    changed = {c.uid: c for c in plan.changed()}
    contacts = tuple(changed.get(c.uid, c) for c in snap.contacts) + tuple(plan.new)
    return replace(snap, contacts=contacts, links=snap.links + tuple(plan.links))


def parsed(*people: Incoming, source: str = "linkedin") -> ParsedFile:
    return ParsedFile(source, list(people), rows=len(people))


def test_normalize_url() -> None:
    same = [
        "https://www.linkedin.com/in/ana",
        "http://linkedin.com/in/ana/",
        "HTTPS://WWW.LINKEDIN.COM/in/Ana?trk=x",
        "www.linkedin.com/in/ana#top",
        "https://uk.linkedin.com/in/ana",
        "https://www.linkedin.com/in/%61na/",
    ]
    assert {normalize_url(u) for u in same} == {"https://linkedin.com/in/ana"}
    assert normalize_url("https://Example.com/Path/?q=1") == "https://example.com/Path"
    assert normalize_url("") == ""


def test_match_order_url_email_name() -> None:
    ana = person("Ana Ruiz", url="https://www.linkedin.com/in/ana", company="Acme")
    bo = person("Bo Berg", email="bo@x.org")
    snap = world([ana, bo])
    plan = plan_import(
        snap,
        parsed(
            Incoming("Ana Maria Ruiz", url="http://linkedin.com/in/ana/", company="Acme"),
            Incoming("Robert Berg", emails=("other@x.org", "BO@x.org")),
        ),
        TODAY,
    )
    assert plan.new == [] and {u.after.uid for u in plan.updates} == {ana.uid, bo.uid}
    assert {u.after.name for u in plan.updates} == {"Ana Maria Ruiz", "Robert Berg"}


def test_different_urls_are_different_people_even_with_one_name() -> None:
    john = person("John Smith", url="https://www.linkedin.com/in/john-1", company="Acme")
    plan = plan_import(
        world([john]),
        parsed(Incoming("John Smith", url="https://www.linkedin.com/in/john-2", company="Acme")),
        TODAY,
    )
    assert len(plan.new) == 1 and plan.updates == []


def test_name_match_prefers_the_same_company_and_refuses_ambiguity() -> None:
    a = person("John Smith", company="Acme")
    b = person("John Smith", company="Globex")
    snap = world([a, b])
    plan = plan_import(snap, parsed(Incoming("john  smith", company="Globex", title="CFO")), TODAY)
    assert [u.after.uid for u in plan.updates] == [b.uid] and plan.updates[0].after.title == "CFO"
    plan = plan_import(snap, parsed(Incoming("John Smith", company="Initech")), TODAY)
    assert len(plan.new) == 1 and plan.updates == []


def test_rows_of_one_file_with_one_name_but_other_companies_stay_apart() -> None:
    plan = plan_import(
        world([]),
        parsed(
            Incoming("Sam Lee", company="Acme"),
            Incoming("Sam Lee", company="Globex"),
            Incoming("Sam Lee", company="Acme", title="CEO"),
        ),
        TODAY,
    )
    assert sorted(c.company for c in plan.new) == ["Acme", "Globex"]
    assert next(c for c in plan.new if c.company == "Acme").title == "CEO"
    assert plan.skipped == {"duplicate of an earlier row": 1}


def test_merge_never_erases_and_joins_lists() -> None:
    c = person(
        "Ana",
        company="Acme",
        title="CTO",
        email="a@x.org",
        tags=["vip"],
        notes="likes tea",
        birthday="1990-04-15",
        created=date(2025, 1, 1),
    )
    same, fields, job = merge_contact(
        c, Incoming("Ana", birthday="--04-15", notes="likes tea"), TODAY, "name"
    )
    assert same is c and fields == () and job == ""
    new, fields, job = merge_contact(
        c,
        Incoming("Ana", tags=("VIP", "friend"), notes="met at PyCon", created=date(2020, 1, 1)),
        TODAY,
        "name",
    )
    assert new.tags == ("vip", "friend") and new.notes == "likes tea\n\nmet at PyCon"
    assert new.created == date(2020, 1, 1) and (new.company, new.email) == ("Acme", "a@x.org")
    assert fields == ("created", "notes", "tags") and job == ""


def test_job_change_rules() -> None:
    c = person("Ana", company="Acme", title="CTO")
    new, fields, job = merge_contact(c, Incoming("Ana", company="Hooli"), TODAY, "url")
    # The old title went with the old company.
    assert (new.company, new.title, new.previous_job, new.job_changed_on) == (
        "Hooli",
        "",
        "CTO at Acme",
        TODAY,
    )
    assert job == "now Hooli" and fields == ("company", "title")
    new, _, job = merge_contact(c, Incoming("Ana", title="CEO"), TODAY, "url")
    assert job == "now CEO at Acme" and new.previous_job == "CTO at Acme"
    fresh = person("Bo")  # a first company is not a change
    new, fields, job = merge_contact(
        fresh, Incoming("Bo", company="Acme", title="CFO"), TODAY, "url"
    )
    assert job == "" and new.job_changed_on is None and fields == ("company", "title")


def test_a_repeated_person_keeps_the_first_rows_job() -> None:
    plan = plan_import(
        world([]),
        parsed(
            Incoming("Bo", emails=("bo@x.org",), title="CEO", tags=("a",)),
            Incoming("Bo", emails=("bo@x.org",), company="Acme", title="CTO", tags=("b",)),
        ),
        TODAY,
    )
    [bo] = plan.new
    assert (bo.company, bo.title, bo.tags) == ("Acme", "CEO", ("a", "b"))


def test_summary_wording() -> None:
    ana = person("Ana Ruiz", company="Northwind", title="Head of Partnerships")
    snap = world([ana])
    p = parsed(Incoming("Ana Ruiz", company="Hooli", title="CTO"), Incoming("Bo Berg"))
    p.skip("hidden profile")
    plan = plan_import(snap, p, TODAY)
    assert (
        plan.summary()
        == "1 new, 1 updated (job change: Ana Ruiz now CTO at Hooli), 1 skipped (hidden profile)"
    )
    assert plan.report()["job_changes"] == [
        {
            "uid": ana.uid,
            "name": "Ana Ruiz",
            "was": "Head of Partnerships at Northwind",
            "now": "CTO at Hooli",
        }
    ]


# People as one export shows them: a URL or an e-mail belongs to one person, and every row of
# that person carries it (two of them share a name, one has no key at all). A person's job and
# dates are the same in every row of one file; tags and notes vary between repeated rows; jobs
# differ between the store and the file.
IDENTITIES = [
    ("Ana Ruiz", "https://www.linkedin.com/in/ana", "ana@x.org"),
    ("Ana Ruiz", "https://www.linkedin.com/in/ana-2", ""),
    ("John Smith", "", "john@acme.org"),
    ("John Smith", "https://www.linkedin.com/in/john", ""),
    ("Bo Berg", "", ""),
    ("Zoë Müller", "http://linkedin.com/in/zoe/", "zoe@x.org"),
]


@st.composite
def rows_of_a_file(draw: st.DrawFn) -> list[Incoming]:
    jobs = {
        n: (
            draw(st.sampled_from(["", "Acme", "Globex", "Hooli"])),
            draw(st.sampled_from(["", "CTO", "CEO"])),
            draw(st.sampled_from([None, "--04-15", "1990-04-15"])),
            draw(st.sampled_from([None, date(2020, 1, 1), date(2024, 5, 5)])),
        )
        for n in range(len(IDENTITIES))
    }
    rows = []
    for n in draw(st.lists(st.integers(0, len(IDENTITIES) - 1), max_size=8)):
        name, url, email = IDENTITIES[n]
        company, title, birthday, created = jobs[n]
        rows.append(
            Incoming(
                name=name,
                url=url,
                emails=(email,) if email else (),
                company=company,
                title=title,
                birthday=birthday,
                created=created,
                tags=tuple(draw(st.lists(st.sampled_from(["vip", "friend", "VIP"]), max_size=2))),
                notes=draw(st.sampled_from(["", "hello", "hi\nthere"])),
            )
        )
    return rows


@settings(max_examples=60, deadline=None)
@given(rows_of_a_file())
def test_importing_the_same_rows_twice_changes_nothing(rows: list[Incoming]) -> None:
    snap = world([person("Ana Ruiz", company="Acme", url="https://www.linkedin.com/in/a")])
    first = plan_import(snap, parsed(*rows), TODAY)
    after = apply(snap, first)
    again = plan_import(after, parsed(*rows), TODAY)
    assert not again.has_changes(), again.summary()
    # Every row ends up as exactly one contact: never more contacts than rows plus the start.
    assert len(after.contacts) <= len(snap.contacts) + len(rows)


def test_colleague_links_never_repeat_a_stored_link_nor_each_other() -> None:
    """Same-company links, for new contacts (fresh uids: no stored link names them) and for
    one whose company changed (whose stored links count): each pair linked at most once."""
    ana, bo, cy = person("Ana Ruiz", company="Hooli"), person("Bo Berg"), person("Cy Diaz")
    snap = world([ana, bo, cy], links=[("Ana Ruiz", "Bo Berg")])
    moved = replace(bo, company="Hooli")  # Bo joins Ana's company: they are linked already
    file = parsed(
        Incoming(name="Bo Berg", company="Hooli", row=2),
        Incoming(name="Cy Diaz", company="Hooli", row=3),
        Incoming(name="Dee Eng", company="Hooli", row=4),
        Incoming(name="Eve Fox", company="Hooli", row=5),
    )
    plan = plan_import(snap, file, TODAY)
    pairs = [frozenset((lk.a, lk.b)) for lk in plan.links]
    stored = {frozenset((lk.a, lk.b)) for lk in snap.links}
    assert len(pairs) == len(set(pairs)) and not stored & set(pairs)
    names = {c.uid: c.name for c in (*snap.contacts, *plan.new)}
    assert {c.name for c in plan.new} == {"Dee Eng", "Eve Fox"} and moved.uid == bo.uid
    assert sorted(sorted((names[lk.a], names[lk.b])) for lk in plan.links) == [
        ["Ana Ruiz", "Cy Diaz"],
        ["Ana Ruiz", "Dee Eng"],
        ["Ana Ruiz", "Eve Fox"],
        ["Bo Berg", "Cy Diaz"],  # (not Ana and Bo, who moved to Hooli: known to each other)
        ["Bo Berg", "Dee Eng"],
        ["Bo Berg", "Eve Fox"],
        ["Cy Diaz", "Dee Eng"],  # (Dee, new, linked once to Cy and never again by Cy)
        ["Cy Diaz", "Eve Fox"],  # (Eve: the three earliest colleagues, the cap)
    ]
    again = plan_import(apply(snap, plan), file, TODAY)
    assert again.links == []  # a second import links no one twice


def test_the_stored_links_are_asked_for_only_when_two_stored_contacts_may_be_linked() -> None:
    """A file of new people links only new contacts (fresh uids: no stored link names them),
    so the stored links are not read at all; a stored contact whose company changed is
    linked to stored colleagues only if no stored link joins them already."""
    ana, bo = person("Ana Ruiz", company="Hooli"), person("Bo Berg")
    snap = world([ana, bo], links=[("Ana Ruiz", "Bo Berg")])
    asked: list[int] = []

    def stored() -> tuple:  # type: ignore[type-arg]
        asked.append(1)
        return snap.links

    only_new = parsed(
        Incoming(name="Dee Eng", company="Hooli", row=2),
        Incoming(name="Eve Fox", company="Hooli", row=3),
    )
    plan = plan_import(replace(snap, links=()), only_new, TODAY, stored_links=stored)
    assert asked == []
    assert len(plan.links) == 3  # Ana–Dee, Ana–Eve, Dee–Eve
    moved = parsed(Incoming(name="Bo Berg", company="Hooli", row=2))
    plan = plan_import(replace(snap, links=()), moved, TODAY, stored_links=stored)
    assert asked == [1]
    assert plan.links == []  # Bo and Ana: linked already, as the stored links say
    assert plan_import(snap, moved, TODAY).links == []  # (None: the snapshot's links)
