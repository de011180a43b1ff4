"""Several processes at once: nothing lost, no half-written file seen, no lock left stale."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import threading
from pathlib import Path

import orjson
import pytest

from networkhabit.domain.model import Interaction
from networkhabit.store import Store, StoreError, storage
from tests.conftest import TODAY, person, world

#: A CLI process: ``log`` N touches with one contact, each through the real command line entry.
CLI_WRITER = """
import sys
from networkhabit.cli import main
tag, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    try:
        main(["log", "Ana", "--note", f"{tag}-{i}"], standalone_mode=False)
    except SystemExit as exc:
        if exc.code:
            raise
"""

#: A TUI-like process: one long-lived Store, reading a snapshot before each change, as the
#: app does, and editing a contact it read earlier (which must not undo anyone's touches).
TUI_WRITER = """
import sys
from dataclasses import replace
from datetime import date
from networkhabit.domain.model import Interaction, new_uid
from networkhabit.store import Store
store = Store(sys.argv[1])
n = int(sys.argv[2])
for i in range(n):
    snap = store.snapshot()
    ana = next(c for c in snap.contacts if c.name == "Ana")
    with store.transaction() as tx:
        tx.add(Interaction(new_uid(), (ana.uid,), date(2026, 11, 20), "call", f"tui-{i}"))
        tx.update(replace(ana, notes=f"edited {i}"))
"""


def spawn(db: Path, code: str, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "NETWORKHABIT_DB": str(db), "NETWORKHABIT_TODAY": TODAY.isoformat()}
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def finish(procs: list[subprocess.Popen[str]]) -> None:
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err


class Reader(threading.Thread):
    """Reads the file over and over while others write: every read must be a whole store."""

    def __init__(self, db: Path) -> None:
        super().__init__(daemon=True)
        self.db, self.stop, self.reads, self.counts, self.errors = db, threading.Event(), 0, [], []

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                raw = self.db.read_bytes()
                data = orjson.loads(raw)
                self.counts.append(len(data["interactions"]))
                self.reads += 1
            except Exception as exc:  # noqa: BLE001 - collected, asserted on below
                self.errors.append(repr(exc))
            self.stop.wait(0.002)  # leave the two cores to the writers


def notes(db: Path) -> list[str]:
    return sorted(i.note for i in Store(db).snapshot().interactions)


def test_ten_processes_logging_20_touches_each_leave_exactly_200(make_store, db: Path) -> None:
    make_store(world([person("Ana")]))
    reader = Reader(db)
    reader.start()
    procs = [spawn(db, CLI_WRITER, f"p{k}", "20") for k in range(10)]
    finish(procs)
    reader.stop.set()
    reader.join()
    assert notes(db) == sorted(f"p{k}-{i}" for k in range(10) for i in range(20))
    # A reader never saw a half-written file, and never saw the count go backwards.
    assert reader.errors == [] and reader.reads > 0
    assert reader.counts == sorted(reader.counts)


def test_the_tui_and_cli_processes_writing_at_once_lose_nothing(make_store, db: Path) -> None:
    make_store(world([person("Ana"), person("Bo")]))
    procs = [spawn(db, TUI_WRITER, str(db), "25")] + [
        spawn(db, CLI_WRITER, f"c{k}", "15") for k in range(4)
    ]
    finish(procs)
    expected = [f"tui-{i}" for i in range(25)] + [f"c{k}-{i}" for k in range(4) for i in range(15)]
    assert notes(db) == sorted(expected)
    ana = next(c for c in Store(db).snapshot().contacts if c.name == "Ana")
    assert ana.notes == "edited 24"


def test_a_long_lived_store_sees_other_processes_writes(make_store, db: Path) -> None:
    store = make_store(world([person("Ana")]))
    assert len(store.snapshot().interactions) == 0
    finish([spawn(db, CLI_WRITER, "other", "2")])
    assert [i.note for i in store.snapshot().interactions] == ["other-0", "other-1"]
    store.add(Interaction("x" * 32, (store.snapshot().contacts[0].uid,), TODAY, "call", "mine"))
    assert len(Store(db).snapshot().interactions) == 3


# -- a writer that dies ------------------------------------------------------------------------


@pytest.fixture
def children():
    """Forked children, killed at the end of the test whatever happened."""
    pids: list[int] = []
    yield pids
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass


def fork_and_wait(children: list[int], child_body, read_fd: int) -> int:
    """Fork a child running ``child_body``; return once it wrote "!" to the pipe."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            child_body()
        finally:
            os._exit(1)
    children.append(pid)
    ready, _, _ = select.select([read_fd], [], [], 30)
    assert ready and os.read(read_fd, 1) == b"!", "the child did not get going"
    return pid


def test_a_killed_lock_holder_does_not_block_the_next_write(make_store, db: Path, children) -> None:
    make_store(world([person("Ana")]))
    read_fd, write_fd = os.pipe()

    def hold_the_lock_forever() -> None:
        with Store(db).file.locked():
            os.write(write_fd, b"!")
            select.select([], [], [])  # until killed

    pid = fork_and_wait(children, hold_the_lock_forever, read_fd)
    impatient = Store(db)
    impatient.file.lock_timeout = 0.05
    with pytest.raises(StoreError, match="another networkhabit process has held the lock"):
        impatient.add(person("Bo"))  # the lock really is held
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    # The kernel released the flock with the process: the next write gets it at once
    # (a 5-second bound turns a stale lock into a failure instead of a hang).
    store = Store(db)
    store.file.lock_timeout = 5
    store.add(person("Bo"))
    assert {c.name for c in Store(db).snapshot().contacts} == {"Ana", "Bo"}
    os.close(read_fd)
    os.close(write_fd)


def test_a_live_writers_temp_file_is_kept_and_a_dead_ones_removed(
    make_store, db: Path, children
) -> None:
    make_store(world([person("Ana")]))
    before = db.read_bytes()
    read_fd, write_fd = os.pipe()

    def stop_just_before_the_rename() -> None:
        real_replace = os.replace

        def paused(src: str, dst: str) -> None:
            if Path(dst) != db:
                return real_replace(src, dst)  # today's backup: let it through
            os.write(write_fd, b"!")
            select.select([], [], [])  # until killed

        os.replace = paused  # type: ignore[assignment]
        Store(db).add(person("Bo"))

    pid = fork_and_wait(children, stop_just_before_the_rename, read_fd)
    prefix = storage.TEMP_PREFIX + db.name
    [temp] = [p for p in db.parent.iterdir() if p.name.startswith(prefix)]
    Store(db).check()  # opening while a live writer holds the lock: its temp file is not stale
    assert temp.exists()
    assert db.read_bytes() == before  # readers see the old file whole until the rename
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    Store(db).check()
    assert not temp.exists()
    assert db.read_bytes() == before
    os.close(read_fd)
    os.close(write_fd)


def test_an_old_temp_file_is_removed_on_open(make_store, db: Path) -> None:
    make_store(world([person("Ana")]))
    left = [
        db.parent / f"{storage.TEMP_PREFIX}{db.name}.abc123",
        db.parent / "backups" / f"{storage.TEMP_PREFIX}{db.name}.def456",
    ]
    left[1].parent.mkdir(mode=0o700)
    for p in left:
        p.write_bytes(b'{"half": ')
    other_store_temp = db.parent / f"{storage.TEMP_PREFIX}other.json.xyz"
    other_store_temp.write_bytes(b"{")
    Store(db).check()
    assert not any(p.exists() for p in left)
    assert other_store_temp.exists()  # another store's file in the same folder is not ours
