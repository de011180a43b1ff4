"""Keep-in-touch rules: last contact, due, overdue, neglected, drifting, follow-ups."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from networkhabit.domain import contacts as rules
from networkhabit.domain.agenda import build_agenda
from networkhabit.domain.model import Interaction, new_uid
from networkhabit.domain.touches import log_touch
from tests.conftest import TODAY, days_ago, person, world


def stats_of(snap):
    return rules.touch_stats(snap.interactions, TODAY)


def test_two_week_cadence_untouched_for_20_days_is_6_days_overdue() -> None:
    snap = world([person("Ana", cadence_days=14)], touches=[("Ana", 20)])
    ana = snap.contacts[0]
    assert rules.overdue_days(ana, stats_of(snap), TODAY) == 6
    assert rules.status(ana, stats_of(snap), TODAY) == "yellow"
    [n] = rules.neglected(snap.contacts, stats_of(snap), TODAY)
    assert (n.days_since, n.overdue) == (20, 6)


def test_any_touch_resets_the_timer_of_everyone_in_it() -> None:
    snap = world(
        [person("Ana", cadence_days=14), person("Bo", cadence_days=7)],
        touches=[("Ana", 20), ("Bo", 30), (["Ana", "Bo"], 1)],
    )
    stats = stats_of(snap)
    for c in snap.contacts:
        assert rules.last_contact(c, stats) == days_ago(1)
    assert rules.neglected(snap.contacts, stats, TODAY) == []


def test_never_touched_counts_from_created() -> None:
    ana = person("Ana", cadence_days=10, created=days_ago(15))
    assert rules.overdue_days(ana, {}, TODAY) == 5


def test_red_past_the_hard_limit_default_twice_the_cadence() -> None:
    snap = world(
        [person("A", cadence_days=10), person("B", cadence_days=10, max_days=40)],
        touches=[("A", 21), ("B", 21)],
    )
    a, b = snap.contacts
    assert rules.status(a, stats_of(snap), TODAY) == "red"
    assert rules.status(b, stats_of(snap), TODAY) == "yellow"


def test_neglected_order_prospects_snoozed_archived() -> None:
    snap = world(
        [
            person("Slight", cadence_days=30),
            person("Badly", cadence_days=10),
            person("Prospect", cadence_days=5, known=False),
            person("Snoozed", cadence_days=5, snoozed_until=TODAY + timedelta(days=3)),
            person("Woke", cadence_days=5, snoozed_until=TODAY),
            person("Archived", cadence_days=5, archived=True),
            person("NoCadence"),
        ],
        touches=[
            ("Slight", 35),
            ("Badly", 30),
            ("Prospect", 90),
            ("Snoozed", 90),
            ("Woke", 90),
            ("Archived", 90),
            ("NoCadence", 90),
        ],
    )
    names = [n.contact.name for n in rules.neglected(snap.contacts, stats_of(snap), TODAY)]
    assert names == ["Woke", "Badly", "Slight"]  # 18x, 3x, 1.17x the cadence


def test_due_today_is_neglected_and_ties_break_by_name() -> None:
    snap = world(
        [person("Zed", cadence_days=7), person("Abe", cadence_days=7)],
        touches=[("Zed", 7), ("Abe", 7)],
    )
    names = [n.contact.name for n in rules.neglected(snap.contacts, stats_of(snap), TODAY)]
    assert names == ["Abe", "Zed"]
    assert rules.status(snap.contacts[0], stats_of(snap), TODAY) == "due"


def test_drifting_without_cadence() -> None:
    snap = world(
        [person("Quiet", created=days_ago(900)), person("Recent")],
        touches=[("Quiet", 200), ("Recent", 10)],
    )
    drift = rules.drifting(snap.contacts, stats_of(snap), TODAY, 180)
    assert [(c.name, days) for c, _, days in drift] == [("Quiet", 200)]


def test_future_touches_do_not_count_as_last_contact() -> None:
    snap = world([person("Ana", cadence_days=7)], touches=[("Ana", 10), ("Ana", -3)])
    assert rules.last_contact(snap.contacts[0], stats_of(snap)) == days_ago(10)


def test_follow_ups_due_and_closed_by_a_later_touch() -> None:
    snap = world(
        [person("Ana")],
        touches=[
            ("Ana", 5, {"follow_up": days_ago(1)}),
            ("Ana", 3, {"follow_up": TODAY + timedelta(days=2)}),
        ],
    )
    due = rules.follow_ups_due(snap.interactions, TODAY)
    assert [i.follow_up for i in due] == [days_ago(1)]
    touch, closed = log_touch(snap, [snap.contacts[0].uid], TODAY, TODAY, "call")
    assert touch.date == TODAY and touch.kind == "call"
    # Only the follow-up due by the touch's date: the one set for later stays open.
    assert {i.uid for i in closed} == {due[0].uid}
    assert all(i.follow_up_done and i.closed_by == touch.uid for i in closed)


def test_agenda_order_follow_ups_then_neglected_then_birthdays() -> None:
    snap = world(
        [
            person("Ana", cadence_days=7),
            person("Bo", birthday="--11-22"),
            person("Cy", cadence_days=3),
        ],
        touches=[("Ana", 30, {"follow_up": TODAY}), ("Cy", 10)],
    )
    items = build_agenda(snap, TODAY)
    assert [i.kind for i in items] == ["follow_up", "neglected", "neglected", "birthday"]
    assert items[0].title == "Follow up with Ana"
    assert items[1].title == "Reach out to Ana"  # 30/7 before 10/3
    assert "last talked 4 weeks ago · every week" in items[1].detail
    assert items[3].detail == "in 2 days"


def test_agenda_respects_the_neglected_limit() -> None:
    people = [person(f"P{n:02d}", cadence_days=5) for n in range(9)]
    snap = world(people)
    assert sum(i.kind == "neglected" for i in build_agenda(snap, TODAY)) == 5
    assert sum(i.kind == "neglected" for i in build_agenda(snap, TODAY, neglected_limit=2)) == 2


def test_congratulate_after_a_job_change_until_touched() -> None:
    snap = world(
        [
            person(
                "Ana",
                company="Hooli",
                title="CTO",
                job_changed_on=days_ago(3),
                previous_job="VP at Globex",
            )
        ]
    )
    [item] = build_agenda(snap, TODAY)
    assert item.kind == "congratulate" and "CTO at Hooli (was VP at Globex)" in item.detail
    touched = world(list(snap.contacts), touches=[("Ana", 1)])
    assert build_agenda(touched, TODAY) == []


# -- properties -------------------------------------------------------------------------------

touch_days = st.lists(st.integers(min_value=0, max_value=400), max_size=12)


@settings(max_examples=60, deadline=None)
@given(
    cadence=st.integers(min_value=1, max_value=120), touches=touch_days, new_day=st.integers(0, 400)
)
def test_logging_a_touch_never_makes_a_contact_more_overdue(
    cadence: int, touches: list[int], new_day: int
) -> None:
    c = person("P", cadence_days=cadence, created=days_ago(500))
    its = [Interaction(new_uid(), (c.uid,), days_ago(d)) for d in touches]
    before = rules.overdue_days(c, rules.touch_stats(its, TODAY), TODAY)
    its.append(Interaction(new_uid(), (c.uid,), days_ago(new_day)))
    after = rules.overdue_days(c, rules.touch_stats(its, TODAY), TODAY)
    assert before is not None and after is not None
    assert after <= before


@settings(max_examples=60, deadline=None)
@given(
    cadence=st.integers(min_value=1, max_value=120), since=st.integers(min_value=0, max_value=400)
)
def test_neglected_exactly_when_due_and_overdue_is_since_minus_cadence(
    cadence: int, since: int
) -> None:
    c = person("P", cadence_days=cadence, created=days_ago(500))
    its = [Interaction(new_uid(), (c.uid,), days_ago(since))]
    stats = rules.touch_stats(its, TODAY)
    listed = rules.neglected([c], stats, TODAY)
    assert bool(listed) == (since >= cadence)
    assert rules.overdue_days(c, stats, TODAY) == since - cadence


@settings(max_examples=40, deadline=None)
@given(snooze=st.integers(min_value=-30, max_value=30))
def test_snoozed_contacts_leave_the_list_until_the_snooze_date(snooze: int) -> None:
    until = TODAY + timedelta(days=snooze)
    c = person("P", cadence_days=7, created=date(2020, 1, 1), snoozed_until=until)
    listed = rules.neglected([c], {}, TODAY)
    assert bool(listed) == (until <= TODAY)


def test_agenda_with_precomputed_stats_and_labels_is_the_same() -> None:
    from networkhabit.demo import build_demo
    from networkhabit.domain.names import display_names

    snap = build_demo(TODAY)
    given = build_agenda(
        snap,
        TODAY,
        stats=rules.touch_stats(snap.interactions, TODAY),
        labels=display_names(snap.contacts),
    )
    assert given == build_agenda(snap, TODAY)
    assert {i.kind for i in given} >= {"follow_up", "habit", "neglected", "give_first", "ask_intro"}
