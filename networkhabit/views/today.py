"""The today view: the agenda, habits, networking streak and neglected contacts, with the
counts the header (the app's, ``today``'s and ``status``'s) shows — each equal to the list
it counts, or the list says how many more there are."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from networkhabit.domain.agenda import FOLLOW_UPS, AgendaItem, build_agenda, introduction_items
from networkhabit.domain.contacts import Neglected, TouchStats, drifting, neglected, stats_of
from networkhabit.domain.habits import (
    HabitProgress,
    HabitStatus,
    habit_progress,
    habit_statuses,
    networking_streaks,
)
from networkhabit.domain.model import Contact, Snapshot
from networkhabit.domain.names import display_names
from networkhabit.domain.records import record
from networkhabit.domain.wording import count


@record
class TodayCounts:
    """What is open today: follow-ups due, habits not met yet, people to reach (all of
    them: the agenda lists the first ``settings.neglected_limit`` people and the most
    overdue follow-ups, then "+N more follow-ups")."""

    follow_ups: int
    habits_open: int
    to_reach: int
    reach_listed: int
    #: Follow-ups the agenda lists (the rest are in its "more" item).
    follow_ups_listed: int = 0

    @property
    def more_follow_ups(self) -> int:
        """Follow-ups due beyond those the agenda lists."""
        return max(0, self.follow_ups - self.follow_ups_listed)

    @property
    def more_to_reach(self) -> int:
        """People to reach beyond those the agenda lists."""
        return max(0, self.to_reach - self.reach_listed)

    def parts(self) -> list[str]:
        """``["2 follow-ups due", "1 habit open", "12 people to reach"]`` (only what is open)."""
        out = []
        if self.follow_ups:
            out.append(f"{count(self.follow_ups, 'follow-up')} due")
        if self.habits_open:
            out.append(f"{count(self.habits_open, 'habit')} open")
        if self.to_reach:
            out.append(f"{count(self.to_reach, 'person', 'people')} to reach")
        return out


@record
class TodayView:
    """Everything the today view shows."""

    items: list[AgendaItem]
    #: Each habit's streaks, strength and strip (None: not worked out, see ``streaks``).
    statuses: list[HabitStatus] | None
    streak: int
    best_streak: int
    neglected: list[Neglected]
    drifting: list[tuple[Contact, date, int]]
    #: The introduction suggestions ending the agenda; None: not worked out yet.
    intros: list[AgendaItem] | None = None
    #: Each habit's progress today (its status, if worked out): what the agenda shows.
    progress: Sequence[HabitStatus | HabitProgress] = ()

    @property
    def counts(self) -> TodayCounts:
        kinds = [it.kind for it in self.items]
        listed = kinds.count("follow_up")
        hidden = sum(it.more for it in self.items if it.kind == "more" and it.ref == "follow_up")
        return TodayCounts(
            listed + hidden,
            sum(1 for it in self.items if it.kind == "habit" and not it.done),
            len(self.neglected),
            kinds.count("neglected"),
            listed,
        )


def today_view(
    snap: Snapshot,
    today: date,
    stats: Mapping[str, TouchStats] | None = None,
    labels: Mapping[str, str] | None = None,
    introductions: bool = True,
    follow_ups: int | None = FOLLOW_UPS,
    streaks: bool = True,
) -> TodayView:
    """The view for ``today``; ``introductions=False`` leaves the introduction suggestions
    to be worked out later (:func:`introductions`: on a large network the costliest part);
    ``follow_ups``: how many follow-ups the agenda lists before "+N more" (None: all);
    ``streaks=False``: each habit's progress today only, not its streaks, strength and strip
    (a walk through its whole history; the agenda shows none of them)."""
    stats = stats_of(snap, today) if stats is None else stats
    labels = display_names(snap.contacts) if labels is None else labels
    streak, best = networking_streaks(snap, today)
    statuses = habit_statuses(snap, today) if streaks else None  # (worked out once)
    progress: Sequence[HabitStatus | HabitProgress] = (
        statuses if statuses is not None else habit_progress(snap, today)
    )
    slipping = neglected(snap.contacts, stats, today)
    agenda = build_agenda(
        snap,
        today,
        stats=stats,
        labels=labels,
        introductions=False,
        follow_ups=follow_ups,
        statuses=progress,
        slipping=slipping,
    )
    return TodayView(
        agenda,
        statuses,
        streak,
        best,
        slipping,
        drifting(snap.contacts, stats, today, snap.settings.drifting_days),
        introduction_items(snap, today) if introductions else None,
        progress,
    )


def empty_message(snap: Snapshot, view: TodayView, *, app: bool = False) -> str:
    """What an empty agenda says — true to why it is empty."""
    has_touches = bool(snap.interactions) or bool(snap.index is not None and snap.index.days)
    if not snap.contacts and not snap.habits and not has_touches:
        if app:
            return "Your store is empty — c then a adds a contact; 'networkhabit demo' adds samples"
        return (
            "your store is empty — add someone with 'networkhabit add NAME', "
            "or try 'networkhabit demo'"
        )
    met = [s for s in view.progress if s.met]
    if met:
        done = f"all {count(len(met), 'habit')} met" if len(met) > 1 else "your habit is met"
        text = f"everything is done for today — {done} and nobody is waiting on you"
    else:
        text = "nothing due today — a good day to reach out to someone new"
    if app:
        return text[0].upper() + text[1:] + " (l)"
    return text


def status_line(view: TodayView, *, flame: bool = True) -> str:
    """``nh: 🔥12 · 2 follow-ups due · 1 habit open · 12 people to reach`` (or ``all done``):
    the same counts as the app's header and ``today``."""
    streak = [f"🔥{view.streak}" if flame else f"streak {view.streak}"] if view.streak else []
    return "nh: " + " · ".join(streak + (view.counts.parts() or ["all done"]))
