"""Record uids come in batches (one read of the random source per 256): still uuid4 hex,
never the same twice, across threads and in a forked child."""

from __future__ import annotations

import os
import threading
import uuid

from networkhabit.commands.habits import COUNTED
from networkhabit.domain.model import new_uid


def test_uids_are_uuid4_hex_and_unique() -> None:
    uids = [new_uid() for _ in range(1000)]  # several batches
    assert len(set(uids)) == len(uids)
    assert all(uuid.UUID(u).version == 4 and uuid.UUID(u).hex == u for u in uids)


def test_a_batch_is_what_uuid_makes_of_the_same_random_bytes(monkeypatch) -> None:
    from networkhabit.domain import model

    raw = bytes(range(256)) * (16 * model._UID_BATCH // 256)  # every byte value, at every place
    raw = raw[7:] + raw[:7]
    monkeypatch.setattr(model.os, "urandom", lambda n: raw[:n])
    got = list(model._uid_batch())
    want = [uuid.UUID(bytes=raw[i : i + 16], version=4).hex for i in range(0, len(raw), 16)]
    assert got == want and len(got) == model._UID_BATCH


def test_threads_never_get_the_same_uid() -> None:
    got: list[list[str]] = [[] for _ in range(4)]

    def take(out: list[str]) -> None:
        out.extend(new_uid() for _ in range(3000))

    threads = [threading.Thread(target=take, args=(out,)) for out in got]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    every = [u for out in got for u in out]
    assert len(every) == 12000 and len(set(every)) == 12000


def test_a_forked_child_does_not_repeat_its_parents_uids() -> None:
    new_uid()  # the parent holds a batch in use
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report its next uids, leave at once
        os.write(write, " ".join(new_uid() for _ in range(5)).encode())
        os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    child = set(os.read(read, 4096).decode().split())
    os.close(read)
    parent = {new_uid() for _ in range(5)}
    assert len(child) == 5 and not child & parent


def test_habit_counts_choices_are_the_actions_own() -> None:
    from networkhabit.actions.habits import COUNTS

    assert COUNTED == COUNTS
