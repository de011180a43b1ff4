"""``actions.habits.take_back``: space on a habit the agenda shows ticked."""

from __future__ import annotations

from datetime import timedelta

import pytest

from networkhabit.actions.habits import take_back
from networkhabit.domain.agenda import habit_items
from networkhabit.domain.errors import InputError
from networkhabit.domain.model import CheckIn, Habit, Snapshot, new_uid
from tests.conftest import TODAY, days_ago


def test_a_daily_habit_gives_back_todays_last_check_in_and_opens_again() -> None:
    h = Habit(new_uid(), "Send 2 messages", days_ago(10), target=2)
    first, last = CheckIn(new_uid(), h.uid, TODAY, 1), CheckIn(new_uid(), h.uid, TODAY, 1)
    older = CheckIn(new_uid(), h.uid, days_ago(1), 2)
    snap = Snapshot(habits=(h,), checkins=(older, first, last))
    assert [i.done for i in habit_items(snap, TODAY)] == [True]
    change = take_back(h.uid, TODAY)(snap)
    assert change.removed == (last,) and change.message == "Send 2 messages: took back the check-in"
    after = Snapshot(habits=(h,), checkins=(older, first))
    assert [(i.done, i.progress) for i in habit_items(after, TODAY)] == [(False, (1, 2))]


def test_a_weekly_habit_gives_back_the_weeks_latest_check_in() -> None:
    monday = TODAY - timedelta(days=TODAY.weekday())
    h = Habit(new_uid(), "Make 1 introduction", monday - timedelta(weeks=3), period="week")
    met = CheckIn(new_uid(), h.uid, monday + timedelta(days=1), 1)
    last_week = CheckIn(new_uid(), h.uid, monday - timedelta(days=2), 1)
    snap = Snapshot(habits=(h,), checkins=(last_week, met))
    assert take_back(h.uid, TODAY)(snap).removed == (met,)


def test_a_habit_met_by_what_it_counts_has_no_check_in_to_take_back() -> None:
    h = Habit(new_uid(), "Reach out to 1 person", days_ago(10), counts="touches")
    with pytest.raises(InputError, match="met by what it counts \\(touches\\)"):
        take_back(h.uid, TODAY)(Snapshot(habits=(h,)))
