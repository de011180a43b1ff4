"""Crash safety, proven: a writer is SIGKILLed at every step of a write, and at random moments
hundreds of times; after each kill the file parses and holds the old or the new state — never
a mix, never a truncation — and the next open removes the temp files the dead writer left.

The writers are forked from the test process (a fork costs a millisecond, a fresh Python
a quarter second), so a few hundred kills take seconds.
"""

from __future__ import annotations

import os
import random
import select
import signal
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Self

import orjson
import pytest

from networkhabit.domain.model import Contact
from networkhabit.store import Store, storage, tempfiles
from networkhabit.store.backup import list_backups
from tests.conftest import TODAY, person, world

#: Makes each write a few hundred kB, so a random kill often lands inside the write itself.
PADDING = "x" * 2_000


def seed_store(db: Path, n: int = 150) -> None:
    Store(db).replace_all(world([person(f"seed {k}", notes=PADDING) for k in range(n)]))


def names(db: Path) -> set[str]:
    data = orjson.loads(db.read_bytes())  # raises if the file is not whole, valid JSON
    return {d["name"] for d in data["contacts"].values()}


def written(db: Path) -> list[int]:
    """The writer's record numbers in the file, sorted."""
    return sorted(int(n[1:]) for n in names(db) if n.startswith("w"))


def temp_files(db: Path) -> list[Path]:
    return [p for p in db.parent.rglob("*") if p.name.startswith(storage.TEMP_PREFIX)]


def fork(child: Callable[[], None]) -> int:
    """Run ``child`` in a forked process; it never returns into pytest."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 0
        try:
            child()
        except BaseException:  # noqa: BLE001 - reported by the exit code
            import traceback

            traceback.print_exc()
            code = 1
        finally:
            os._exit(code)
    return pid


def killed_or_done(pid: int) -> str:
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        assert os.WTERMSIG(status) == signal.SIGKILL
        return "killed"
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, (
        f"the writer failed (exit {os.WEXITSTATUS(status)})"
    )
    return "done"


_checked_backups: set[tuple[str, int, float]] = set()


def assert_whole_and_openable(db: Path) -> None:
    """The file parses, the store opens it, and opening removed every leftover temp file."""
    Store(db).check()
    assert Store(db).snapshot().contacts
    assert temp_files(db) == []
    for b in list_backups(db):
        key = (str(b.path), b.size, b.modified.timestamp())
        if key not in _checked_backups:
            orjson.loads(b.path.read_bytes())  # a backup is never half-made either
            _checked_backups.add(key)


# -- every step of a write -----------------------------------------------------------------


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def trap_every_step(kill_at: int) -> None:
    """In the child: SIGKILL at the ``kill_at``-th step (before or after each file-system call,
    and halfway through each file write) of the write that follows."""
    step = 0

    def tick() -> None:
        nonlocal step
        step += 1
        if step == kill_at:
            die()

    def wrap(module: object, name: str) -> None:
        real = getattr(module, name)

        def wrapped(*args: object, **kwargs: object) -> object:
            tick()
            result = real(*args, **kwargs)
            tick()
            return result

        setattr(module, name, wrapped)

    for module, name in (
        (tempfiles, "make_temp"),
        (os, "fsync"),
        (os, "replace"),
        (os, "utime"),
        (os, "unlink"),
        (os, "scandir"),
    ):
        wrap(module, name)
    real_fdopen = os.fdopen

    class HalfWay:
        """A file whose write can be killed halfway through."""

        def __init__(self, fh: object) -> None:
            self.fh = fh

        def write(self, raw: bytes) -> int:
            tick()
            self.fh.write(raw[: len(raw) // 2])
            self.fh.flush()
            tick()  # dies with half the bytes in the temp file
            self.fh.write(raw[len(raw) // 2 :])
            tick()
            return len(raw)

        def __getattr__(self, name: str) -> object:
            return getattr(self.fh, name)

        def __enter__(self) -> Self:
            return self

        def __exit__(self, *exc: object) -> None:
            self.fh.close()

    os.fdopen = lambda *a, **k: HalfWay(real_fdopen(*a, **k))  # type: ignore[assignment]


@pytest.mark.parametrize("new_day", [False, True], ids=["same-day", "first-write-of-the-day"])
def test_a_kill_at_every_step_of_a_write_leaves_the_old_or_the_new_file(
    db: Path, monkeypatch, new_day: bool
) -> None:
    seed_store(db, n=20)
    Store(db).add(Contact(uid="0" * 32, name="w0", created=TODAY))  # today's backup exists now
    kills = 0
    for kill_at in range(1, 200):
        if new_day:  # each round is a new day: the write first copies a backup and prunes
            monkeypatch.setenv("NETWORKHABIT_TODAY", (TODAY + timedelta(days=kill_at)).isoformat())
        before = db.read_bytes()
        n = kill_at

        def one_write(kill_at: int = kill_at, n: int = n) -> None:
            trap_every_step(kill_at)
            Store(db).add(Contact(uid=f"{n:032d}", name=f"w{n}", created=TODAY))

        outcome = killed_or_done(fork(one_write))
        old, new = names_from(before), names_from(before) | {f"w{n}"}
        assert names(db) in (old, new), f"neither old nor new after a kill at step {kill_at}"
        if names(db) == old:
            assert db.read_bytes() == before  # old means the very same bytes
        assert_whole_and_openable(db)
        if outcome == "done":
            assert written(db)[-1] == n
            break
        kills += 1
    else:
        pytest.fail("the write never finished: the traps are not counting")
    assert kills >= 10  # every traced step of the write was tried


def names_from(raw: bytes) -> set[str]:
    return {d["name"] for d in orjson.loads(raw)["contacts"].values()}


# -- random moments, hundreds of times ---------------------------------------------------------


class Acks:
    """The writer's acknowledgements ("this write is on disk"), read from a pipe."""

    def __init__(self) -> None:
        self.read_fd, self.write_fd = os.pipe()
        os.set_blocking(self.read_fd, False)
        self.buffer = b""
        self.last = 0

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.read_fd, 65536)
            except BlockingIOError:
                return
            if not chunk:
                return
            self.buffer += chunk
            *lines, self.buffer = self.buffer.split(b"\n")
            self.last = max([self.last, *(int(x) for x in lines if x)])

    def wait_for(self, n: int) -> None:
        """Until write ``n`` is acknowledged (a generous bound: a stuck writer fails the test)."""
        while self.last < n:
            ready, _, _ = select.select([self.read_fd], [], [], 30)
            assert ready, f"the writer did not get write {n} done in 30 s"
            self._read()

    def drain(self) -> int:
        self._read()
        return self.last

    def close(self) -> None:
        os.close(self.read_fd)
        os.close(self.write_fd)


def wait_for_a_write_in_progress(db: Path) -> bool:
    """Spin until a writer's temp file is in the folder (the write is under way)."""
    prefix = storage.TEMP_PREFIX + db.name
    for _ in range(200_000):
        with os.scandir(db.parent) as entries:
            if any(e.name.startswith(prefix) for e in entries):
                return True
    return False


def test_hundreds_of_random_kills_never_leave_a_broken_or_mixed_file(db: Path, monkeypatch) -> None:
    seed_store(db)
    rng = random.Random(20261120)
    acks = Acks()
    kills_mid_write = writes_seen = 0
    for cycle in range(240):
        if cycle % 10 == 0:  # now and then a new day: the kill may hit the backup copy too
            monkeypatch.setenv("NETWORKHABIT_TODAY", (TODAY + timedelta(days=cycle)).isoformat())
        start = len(written(db))

        def keep_writing(start: int = start) -> None:
            store = Store(db)
            n = start
            while True:
                n += 1
                store.add(Contact(uid=f"{n:032d}", name=f"w{n}", created=TODAY))
                os.write(acks.write_fd, b"%d\n" % n)  # acknowledged: this write is on disk

        pid = fork(keep_writing)
        try:
            mode = cycle % 3
            if mode == 0:  # after a few writes, at a random moment of the next ones
                acks.wait_for(start + rng.randint(1, 3))
                select.select([], [], [], rng.random() * 0.01)
            elif mode == 1:  # in the middle of a write: its temp file is there
                writes_seen += wait_for_a_write_in_progress(db)
            # mode 2: at once, while the writer is still starting or on its first write
        finally:
            os.kill(pid, signal.SIGKILL)
        assert killed_or_done(pid) == "killed"
        acked = max(acks.drain(), start)
        if temp_files(db):
            kills_mid_write += 1
        on_disk = written(db)
        # Old or new: everything acknowledged is there, at most the one unacknowledged write
        # that was in flight, and nothing out of order or half there.
        assert on_disk == list(range(1, len(on_disk) + 1)), (
            f"cycle {cycle}: records missing or mixed"
        )
        assert len(on_disk) in (acked, acked + 1), (
            f"cycle {cycle}: {len(on_disk)} on disk, {acked} acked"
        )
        assert_whole_and_openable(db)
    acks.close()
    assert len(written(db)) >= 80  # every third cycle waited for at least one write
    assert writes_seen == 80
    assert kills_mid_write >= 20  # many kills hit a write in progress (its temp file was left)
