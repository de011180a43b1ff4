"""Honest follow-ups: a touch closes only the open follow-ups due by its date, records what
closed them, and taking the touch back reopens them.

TODAY is Friday 2026-11-20; days_ago(n) counts back from it.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from networkhabit.domain.model import Interaction, Snapshot, new_uid
from networkhabit.domain.touches import (
    close_follow_up,
    closed_follow_up_text,
    closed_in_time,
    log_touch,
    reopen_follow_ups,
)
from networkhabit.store import Store, codec
from tests.conftest import TODAY, days_ago, person, world


def _with_follow_up(note: str = "send the deck", set_ago: int = 0, due_in: int = 3) -> Snapshot:
    """Ana and Bo; a touch with Ana ``set_ago`` days ago asking to follow up ``due_in`` days
    after it."""
    ana, bo = person("Ana Ruiz"), person("Bo Lind")
    due = days_ago(set_ago) + timedelta(days=due_in)
    return world([ana, bo], touches=[("Ana Ruiz", set_ago, {"note": note, "follow_up": due})])


def _uid(snap: Snapshot, name: str) -> str:
    return next(c.uid for c in snap.contacts if c.name == name)


def test_another_touch_the_same_day_leaves_a_later_follow_up_open() -> None:
    # log Ana --follow-up +3d, then log Ana --note other, both today
    snap = _with_follow_up(due_in=3)
    touch, closed = log_touch(snap, [_uid(snap, "Ana Ruiz")], TODAY, TODAY, note="other")
    assert closed == []
    assert touch.follow_up is None
    # ... and the day before it is due, still open.
    _, closed = log_touch(snap, [_uid(snap, "Ana Ruiz")], TODAY, TODAY + timedelta(days=2))
    assert closed == []


def test_a_touch_on_or_after_the_due_date_closes_it_and_says_by_what() -> None:
    snap = _with_follow_up(set_ago=5, due_in=3)  # due 2 days ago
    [open_fu] = snap.interactions
    touch, [closed] = log_touch(snap, [_uid(snap, "Ana Ruiz")], TODAY, TODAY, "call")
    assert closed.uid == open_fu.uid
    assert (closed.follow_up_done, closed.closed_by, closed.closed_on) == (True, touch.uid, TODAY)
    # Closed late: not "in time"; closed on its very date: in time.
    assert closed_in_time(closed) is None
    due = open_fu.follow_up
    assert due is not None
    on_time, [by_date] = log_touch(snap, [_uid(snap, "Ana Ruiz")], due, TODAY)
    assert closed_in_time(by_date) == due and by_date.closed_by == on_time.uid


def test_a_touch_closes_only_its_own_peoples_follow_ups() -> None:
    snap = _with_follow_up(set_ago=5, due_in=1)
    _, closed = log_touch(snap, [_uid(snap, "Bo Lind")], TODAY, TODAY)
    assert closed == []
    _, closed = log_touch(snap, [_uid(snap, "Bo Lind"), _uid(snap, "Ana Ruiz")], TODAY, TODAY)
    assert len(closed) == 1


def test_a_backdated_touch_closes_only_what_was_due_by_its_date() -> None:
    snap = _with_follow_up(set_ago=10, due_in=5)  # due 5 days ago
    _, closed = log_touch(snap, [_uid(snap, "Ana Ruiz")], days_ago(6), TODAY)
    assert closed == []
    _, [fu] = log_touch(snap, [_uid(snap, "Ana Ruiz")], days_ago(5), TODAY)
    assert fu.closed_on == days_ago(5)


def test_reopening_restores_what_the_removed_touch_closed() -> None:
    snap = _with_follow_up(set_ago=5, due_in=3)
    [before] = snap.interactions
    touch, closed = log_touch(snap, [_uid(snap, "Ana Ruiz")], TODAY, TODAY)
    after = replace(snap, interactions=(*closed, touch))
    assert reopen_follow_ups(after, touch) == [before]
    # The touches of the removed touch's people are enough (the store's touches_of).
    assert reopen_follow_ups(list(after.interactions), touch) == [before]
    # Another touch closed nothing: nothing to reopen.
    other = Interaction(new_uid(), touch.contacts, TODAY)
    assert reopen_follow_ups(after, other) == []


def test_reopening_refuses_a_partial_snapshot() -> None:
    snap = _with_follow_up(set_ago=5, due_in=3)
    touch, _ = log_touch(snap, [_uid(snap, "Ana Ruiz")], TODAY, TODAY)
    partial = Snapshot(contacts=snap.contacts, partial=True)
    with pytest.raises(ValueError, match="needs every touch"):
        reopen_follow_ups(partial, touch)


def test_a_follow_up_closed_by_hand_has_a_day_and_no_touch() -> None:
    [fu] = _with_follow_up(set_ago=2, due_in=2).interactions
    done = close_follow_up(fu, TODAY)
    assert (done.follow_up_done, done.closed_by, done.closed_on) == (True, "", TODAY)
    assert closed_in_time(done) == TODAY
    assert closed_in_time(close_follow_up(fu, TODAY + timedelta(days=1))) is None


def test_the_one_line_description_of_a_closed_follow_up() -> None:
    [fu] = _with_follow_up("send the deck\nand the pricing", set_ago=8).interactions
    assert closed_follow_up_text(fu, TODAY) == "closed the follow-up from Nov 12: send the deck"
    assert (
        closed_follow_up_text(fu, TODAY, who="Ana Ruiz")
        == "closed the follow-up with Ana Ruiz from Nov 12: send the deck"
    )
    [bare] = _with_follow_up("", set_ago=400).interactions
    assert closed_follow_up_text(bare, TODAY) == "closed the follow-up from Oct 16 2025"
    [long] = _with_follow_up("x" * 200).interactions
    text = closed_follow_up_text(long, TODAY)
    assert text.endswith("…") and len(text) < 120


def test_closings_are_kept_in_the_file_and_absent_when_not_set() -> None:
    [fu] = _with_follow_up(set_ago=5).interactions
    assert "closed_by" not in codec.interaction_to_doc(fu)
    assert "closed_on" not in codec.interaction_to_doc(fu)
    done = close_follow_up(fu, TODAY, "abc")
    doc = codec.interaction_to_doc(done)
    assert (doc["closed_by"], doc["closed_on"]) == ("abc", TODAY.isoformat())
    assert codec.interaction_from_doc(doc) == done
    # A file from before: no such keys, read as not closed by anything.
    old = {"uid": "u", "contacts": ["a"], "date": "2026-11-01", "follow_up_done": True}
    got = codec.interaction_from_doc(old)
    assert (got.closed_by, got.closed_on) == ("", None)


def test_log_then_unlog_through_the_store_from_a_partial_snapshot(db: Path) -> None:
    store = Store(db)
    store.replace_all(_with_follow_up(set_ago=5, due_in=3))
    partial = store.indexed()
    [open_fu] = partial.interactions  # the partial snapshot holds the open follow-ups
    ana = _uid(partial, "Ana Ruiz")
    touch, closed = log_touch(partial, [ana], TODAY, TODAY, "call")
    with store.transaction() as tx:
        tx.add(touch)
        tx.update_many(closed)
    assert Store(db).indexed().interactions == ()  # nothing open any more
    # unlog: what the touch closed, found among its people's touches, reopened.
    reopened = reopen_follow_ups(store.touches_of(ana), touch)
    with store.transaction() as tx:
        tx.remove(Interaction, [touch.uid])
        tx.update_many(reopened)
    assert Store(db).indexed().interactions == (open_fu,)
    assert Store(db).snapshot().interactions == (open_fu,)


def test_the_cli_keeps_a_later_follow_up_on_the_agenda(
    cli, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    assert cli("add", "Ana Ruiz").exit_code == 0
    assert cli("log", "Ana", "--follow-up", "+3d", "--note", "send the deck").exit_code == 0
    assert cli("log", "Ana", "--note", "other").exit_code == 0  # the same day

    def follow_ups() -> list[str]:
        items = json.loads(cli("today", "--json").output)["items"]
        return [i["detail"] for i in items if i["kind"] == "follow_up"]

    monkeypatch.setenv("NETWORKHABIT_TODAY", (TODAY + timedelta(days=3)).isoformat())
    assert follow_ups() == ["due today — send the deck"]
    monkeypatch.setenv("NETWORKHABIT_TODAY", (TODAY + timedelta(days=4)).isoformat())
    assert cli("log", "Ana", "--kind", "call").exit_code == 0  # after its date: closes it
    assert follow_ups() == []
    [fu] = [i for i in Store(db).snapshot().interactions if i.follow_up is not None]
    assert fu.follow_up_done and fu.closed_on == TODAY + timedelta(days=4) and fu.closed_by
