"""Today's agenda: what networking work is due, in the order the user should do it.

Order: follow-ups due; habits due (those met today last, ticked); the most neglected contacts;
birthdays within 3 days; job changes to congratulate; one "give first"
introduction; one "ask X to introduce you to Y" for a prospect.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from networkhabit.domain.contacts import (
    Neglected,
    TouchStats,
    follow_ups_due,
    neglected,
    stats_of,
)
from networkhabit.domain.dates import next_birthday
from networkhabit.domain.model import Snapshot
from networkhabit.domain.records import record

if TYPE_CHECKING:
    from networkhabit.domain.habits import HabitProgress, HabitStatus
from networkhabit.domain.names import display_names
from networkhabit.domain.wording import ago, every

#: The agenda's sections as the user reads them, in agenda order.
SECTION_TITLES: dict[str, str] = {
    "follow_up": "Follow-ups due",
    "prepare": "Coming up",
    "habit": "Habits",
    "neglected": "Reach out",
    "birthday": "Birthdays",
    "congratulate": "Congratulate",
    "give_first": "Give first",
    "ask_intro": "Ask for an introduction",
}

BIRTHDAY_DAYS = 3
CONGRATULATE_DAYS = 30
#: The agenda lists this many follow-ups (most overdue first), then one "more" item.
FOLLOW_UPS = 5


@record
class AgendaItem:
    """One line of the agenda.

    ``kind`` is one of follow_up, habit, neglected, birthday, congratulate,
    give_first, ask_intro, or ``more``: the items of kind ``ref`` left out of the
    section before it (``more`` of them: "+1,490 more follow-ups"). ``contacts``
    holds the uids the item is about; ``ref`` the interaction or habit uid it acts on.
    """

    kind: str
    title: str
    detail: str = ""
    contacts: tuple[str, ...] = ()
    ref: str = ""
    progress: tuple[int, int] | None = None
    #: A habit met today (this week): listed ticked, last in its section.
    done: bool = False
    #: A ``more`` item: how many items it stands for.
    more: int = 0


def follow_up_items(
    snap: Snapshot, today: date, labels: Mapping[str, str], limit: int | None = FOLLOW_UPS
) -> list[AgendaItem]:
    """The follow-ups due, the most overdue first: at most ``limit`` of them, then a ``more``
    item for the rest (None: all; a single one left over is listed rather than cut)."""
    by_uid = snap.contact_by_uid()
    due = [
        it
        for it in follow_ups_due(snap.interactions, today)
        if any(u in by_uid and not by_uid[u].archived for u in it.contacts)
    ]
    cut = limit is not None and len(due) > limit + 1
    items: list[AgendaItem] = []
    for it in due[:limit] if cut else due:
        people = [labels[u] for u in it.contacts if u in by_uid and not by_uid[u].archived]
        assert it.follow_up is not None
        late = (today - it.follow_up).days
        when = "due today" if late == 0 else f"due {ago(it.follow_up, today)}"
        what = f" — {it.note}" if it.note else ""
        items.append(
            AgendaItem(
                "follow_up",
                f"Follow up with {', '.join(people)}",
                f"{when}{what}",
                tuple(u for u in it.contacts if u in by_uid),
                it.uid,
            )
        )
    if cut:
        rest = len(due) - len(items)
        items.append(AgendaItem("more", f"+{rest:,} more follow-ups", ref="follow_up", more=rest))
    return items


def build_agenda(
    snap: Snapshot,
    today: date,
    neglected_limit: int | None = None,
    stats: Mapping[str, TouchStats] | None = None,
    labels: Mapping[str, str] | None = None,
    introductions: bool = True,
    follow_ups: int | None = FOLLOW_UPS,
    statuses: Sequence[HabitStatus | HabitProgress] | None = None,
    slipping: Sequence[Neglected] | None = None,
) -> list[AgendaItem]:
    """The agenda for ``today`` from everything in the store (``stats`` and ``labels``, if
    the caller has them already: :func:`touch_stats` up to today and :func:`display_names`;
    ``introductions=False`` leaves out the two introduction suggestions, the costliest part).

    Follow-ups: see :func:`follow_up_items` (``follow_ups`` is its limit)."""
    labels = display_names(snap.contacts) if labels is None else labels
    stats = stats_of(snap, today) if stats is None else stats
    items = follow_up_items(snap, today, labels, follow_ups)

    items.extend(plan_items(snap, today, labels))
    items.extend(habit_items(snap, today, statuses))

    limit = snap.settings.neglected_limit if neglected_limit is None else neglected_limit
    if slipping is None:  # (the caller may have the neglected list already)
        slipping = neglected(snap.contacts, stats, today)
    for n in slipping[:limit]:
        c = n.contact
        items.append(
            AgendaItem(
                "neglected",
                f"Reach out to {labels[c.uid]}",
                f"last talked {ago(n.last, today)} · {every(c.cadence_days or 1)}",
                (c.uid,),
            )
        )
    if limit and len(slipping) > limit:  # the rest: the neglected list has them all
        rest = len(slipping) - limit
        title = f"+{rest:,} more {'person' if rest == 1 else 'people'} to reach"
        items.append(AgendaItem("more", title, ref="neglected", more=rest))

    for c in snap.contacts:
        if c.archived or not c.birthday:
            continue
        nxt = next_birthday(c.birthday, today)
        if nxt is not None and nxt - today <= timedelta(days=BIRTHDAY_DAYS):
            days = (nxt - today).days
            when = "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"
            items.append(AgendaItem("birthday", f"Birthday: {labels[c.uid]}", when, (c.uid,)))

    for c in sorted(snap.contacts, key=lambda c: c.name.casefold()):
        if c.archived or c.job_changed_on is None:
            continue
        if (today - c.job_changed_on).days > CONGRATULATE_DAYS:
            continue
        last = stats.get(c.uid)
        if last is not None and last.last is not None and last.last >= c.job_changed_on:
            continue  # already congratulated (any touch since counts)
        role = " at ".join(x for x in (c.title, c.company) if x)
        items.append(
            AgendaItem(
                "congratulate",
                f"Congratulate {labels[c.uid]}",
                f"new role: {role}" + (f" (was {c.previous_job})" if c.previous_job else ""),
                (c.uid,),
            )
        )

    if introductions:
        items.extend(introduction_items(snap, today))
    return items


def habit_items(
    snap: Snapshot, today: date, statuses: Sequence[HabitStatus | HabitProgress] | None = None
) -> list[AgendaItem]:
    """Habits due today, with progress ("1/3"; weekly: "0/1 this week"): those not met yet
    first, then those met today (this week), ticked (``done``), so a tick stays in sight.
    ``statuses``: the habits' statuses (or their progress alone) if the caller has them."""
    from networkhabit.domain.habits import habit_progress  # local: this edit stays in this function

    statuses = habit_progress(snap, today) if statuses is None else statuses
    items = [
        AgendaItem(
            "habit",
            st.habit.name,
            habit_detail(st.done, st.target, st.unit == "week"),
            (),
            st.habit.uid,
            (st.done, st.target),
            done=st.met,
        )
        for st in statuses
        if st.due_today
    ]
    return in_agenda_order(items, [st.habit.uid for st in statuses])


def habit_detail(done: int, target: int, weekly: bool) -> str:
    """A habit's progress as the agenda words it: ``1/3``, ``0/1 this week``."""
    return f"{done}/{target}" + (" this week" if weekly else "")


def in_agenda_order(items: Sequence[AgendaItem], habits: Sequence[str]) -> list[AgendaItem]:
    """``items`` with their habits in the agenda's order: those not met yet first, then
    those met (ticked), each in the order of ``habits`` (the habits' uids, as
    :func:`~networkhabit.domain.habits.habit_statuses` lists them); the other items stay
    where they are. (The app shows a tick's move with it before the write is made.)"""
    spots = [n for n, it in enumerate(items) if it.kind == "habit"]
    if not spots:
        return list(items)
    rank = {uid: n for n, uid in enumerate(habits)}
    ordered = sorted(
        (items[n] for n in spots), key=lambda it: (it.done, rank.get(it.ref, len(rank)))
    )
    out = list(items)
    for n, item in zip(spots, ordered, strict=True):
        out[n] = item
    return out


def introduction_items(snap: Snapshot, today: date) -> list[AgendaItem]:
    """One give-first suggestion and one ask-for-an-introduction for a prospect."""
    from networkhabit.domain import network  # local: this edit stays in this function

    items: list[AgendaItem] = []
    labels = display_names(snap.contacts)
    for s in network.give_first(snap, today, limit=1):
        items.append(
            AgendaItem(
                "give_first",
                f"Introduce {labels[s.needs]} to {labels[s.offers]}",
                s.why,
                (s.needs, s.offers),
            )
        )
    path = network.ask_intro(snap, today)
    if path is not None:
        target = snap.contact_by_uid()[path.hops[-1]]
        items.append(
            AgendaItem(
                "ask_intro", network.describe_path(snap, path, today), target.title, path.hops
            )
        )
    return items


#: Future meetings this many days ahead are on the agenda, to prepare.
PREPARE_DAYS = 7


def plan_items(snap: Snapshot, today: date, labels: Mapping[str, str]) -> list[AgendaItem]:
    """Meetings with contacts in the next :data:`PREPARE_DAYS` days, soonest first:
    "Meeting Ana on Thursday — prepare" (from an imported calendar)."""
    by_uid = snap.contact_by_uid()
    items: list[AgendaItem] = []
    for p in sorted(snap.plans, key=lambda p: (p.date, p.title)):
        ahead = (p.date - today).days
        people = [u for u in p.contacts if u in by_uid and not by_uid[u].archived]
        if not 0 <= ahead <= PREPARE_DAYS or not people:
            continue
        when = (
            "today"
            if ahead == 0
            else "tomorrow"
            if ahead == 1
            else f"on {p.date.strftime('%A')}"
            if ahead < 7
            else f"on {p.date.strftime('%A %-d %B')}"
        )
        names = ", ".join(labels[u] for u in people)
        detail = "prepare" + (f" · {p.title}" if p.title else "")
        items.append(AgendaItem("prepare", f"Meeting {names} {when}", detail, tuple(people), p.uid))
    return items
