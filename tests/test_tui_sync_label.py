"""The top bar's "synced … ago": a store that is in no git work tree costs the app no
thread and no git call; one that is asks git in a thread, later."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from networkhabit.tui import sync


class Timers:
    """Stands in for ``threading.Timer``: records what would be started, starts nothing."""

    def __init__(self) -> None:
        self.started: list[tuple[float, Path]] = []

    def __call__(self, after: float, job: object) -> Timers.Timer:
        return Timers.Timer(self, after)

    class Timer:
        def __init__(self, owner: Timers, after: float) -> None:
            self.owner, self.after = owner, after
            self.args: tuple[object, ...] = ()
            self.daemon = False

        def start(self) -> None:
            assert self.daemon  # (never keeps the app from ending)
            self.owner.started.append((self.after, self.args[0]))  # type: ignore[arg-type]


@pytest.fixture
def timers(monkeypatch: pytest.MonkeyPatch) -> Timers:
    made = Timers()
    monkeypatch.setattr(threading, "Timer", made)
    monkeypatch.delenv("GIT_DIR", raising=False)
    monkeypatch.setattr(sync, "_labels", {})
    monkeypatch.setattr(sync, "_asking", set())
    return made


def test_a_store_in_no_repository_asks_no_git(tmp_path: Path, timers: Timers) -> None:
    db = tmp_path / "plain" / "networkhabit.json"
    db.parent.mkdir()
    assert not any((p / ".git").exists() for p in db.parents)  # (the test's own folder)
    assert sync.synced_label(db) == ""
    assert sync.synced_label(db) == ""  # the bar redraws: still nothing asked
    assert timers.started == []
    assert not sync.may_sync(db)


def test_a_store_in_a_work_tree_asks_git_later_in_a_thread(tmp_path: Path, timers: Timers) -> None:
    (tmp_path / ".git").mkdir()
    db = tmp_path / "notes" / "networkhabit.json"
    db.parent.mkdir()
    assert sync.may_sync(db)  # a .git in a folder above counts (git looks upwards too)
    assert sync.synced_label(db) == ""  # not known yet: the first frame does not wait
    assert sync.synced_label(db) == ""  # asked once, not at every redraw
    assert timers.started == [(sync.FIRST_ASK_AFTER_S, db)]


def test_git_dir_set_means_the_store_may_sync(
    tmp_path: Path, timers: Timers, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_DIR", str(tmp_path / "elsewhere.git"))
    db = tmp_path / "networkhabit.json"
    assert sync.may_sync(db)
    sync.synced_label(db)
    assert len(timers.started) == 1
