"""A file networkhabit did not write (a git checkout, a copy, a hand edit) is found out once.

Its first daily read looks for its tables in its bytes and checksums them; what it found is
remembered with the file's identity (device, inode, size, times), so the next read of the
same file reads only the tables it needs (and not those the cache has decoded) — as for a
file networkhabit wrote. The identity of a file changed in the last few seconds may not tell
a change made next (a coarse clock), so such a file is not remembered; and being read never
makes a file count as one networkhabit wrote.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from networkhabit.domain.model import CheckIn, Habit, new_uid
from networkhabit.store import Store, cache, storage
from tests.conftest import days_ago, person, tables_parsed, world


def _foreign(db: Path) -> Path:
    """A store file in networkhabit's layout that networkhabit did not write at its path."""
    people = [person(f"Person {i:02d}", cadence_days=14) for i in range(12)]
    touched = [(f"Person {i:02d}", i) for i in range(6)]
    touched += [("Person 07", 2, {"follow_up": days_ago(1)})]
    links = [(f"Person {i:02d}", f"Person {i + 1:02d}") for i in range(11)]
    habit = Habit(new_uid(), "Reach out", created=days_ago(30))
    checks = [CheckIn(new_uid(), habit.uid, days_ago(d)) for d in range(1, 20)]
    Store(db).replace_all(world(people, touched, links, [habit], checks))
    other = db.with_name("checkout.json")
    other.write_bytes(db.read_bytes())  # the same bytes, another file: a git checkout
    os.chmod(other, 0o600)
    return other


def _spy(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[Any]]:
    """What each read does: the layout searches, the checksums, the bytes read by range."""
    seen: dict[str, list[Any]] = {"sections": [], "checksums": [], "pread": []}
    sections, checksum, pread = storage._sections, storage._checksum_of, os.pread

    def spy_sections(raw: bytes) -> Any:
        seen["sections"].append(len(raw))
        return sections(raw)

    def spy_checksum(pieces: Any) -> Any:
        seen["checksums"].append(sum(len(p) for p in pieces))
        return checksum(pieces)

    def spy_pread(fd: int, n: int, at: int) -> bytes:
        seen["pread"].append(n)
        return pread(fd, n, at)

    monkeypatch.setattr(storage, "_sections", spy_sections)
    monkeypatch.setattr(storage, "_checksum_of", spy_checksum)
    monkeypatch.setattr(os, "pread", spy_pread)
    return seen


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file counts as changed long enough ago (the tests' files are seconds old)."""
    monkeypatch.setattr(cache, "RACY_S", -1.0)


def test_the_second_read_of_a_file_it_did_not_write_reads_only_what_it_needs(
    db: Path, monkeypatch: pytest.MonkeyPatch, settled: None
) -> None:
    path = _foreign(db)
    first = Store(path).indexed()
    assert cache.last_read(path, storage._signature(os.stat(path))) is not None
    seen = _spy(monkeypatch)
    second = Store(path).indexed()
    assert second == first
    assert seen["sections"] == [] and seen["checksums"] == []  # nothing searched or summed
    spans = storage._sections(path.read_bytes())
    big = {spans[t][1] - spans[t][0] for t in ("contacts", "links", "checkins", "interactions")}
    assert seen["pread"] and not big & set(seen["pread"])  # only the small tables' bytes read


def test_a_file_changed_since_is_read_anew(
    db: Path, monkeypatch: pytest.MonkeyPatch, settled: None
) -> None:
    path = _foreign(db)
    Store(path).indexed()
    raw = path.read_bytes()
    edited = raw.replace(b'"Person 03"', b'"Person X3"', 1)  # the same size, in place
    assert edited != raw and len(edited) == len(raw)
    with open(path, "r+b") as fh:
        fh.write(edited)
    names = {c.name for c in Store(path).indexed().contacts}
    assert "Person X3" in names and "Person 03" not in names


def test_a_file_changed_just_now_is_not_remembered(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "RACY_S", 3600.0)  # (every test file is younger than that)
    path = _foreign(db)
    Store(path).indexed()
    assert cache.last_read(path, storage._signature(os.stat(path))) is None
    seen = _spy(monkeypatch)
    Store(path).indexed()
    assert seen["sections"]  # looked for again


def test_a_read_never_makes_a_file_count_as_one_it_wrote(
    db: Path, monkeypatch: pytest.MonkeyPatch, settled: None, cli: Any
) -> None:
    path = _foreign(db)
    data = json.loads(path.read_text())
    data["contacts"]["1"]["title"] = "edited by hand"
    path.write_text(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    os.chmod(path, 0o600)
    Store(path).indexed()
    Store(path).indexed()  # (remembered as read, and read from the memo)
    assert cache.last_read(path, storage._signature(os.stat(path))) is not None
    parsed = tables_parsed(monkeypatch)
    monkeypatch.setenv("NETWORKHABIT_DB", str(path))
    assert cli("log", "Person 01", "--note", "hand").exit_code == 0
    assert parsed == []  # bytes it never wrote: parsed whole, not table by table
    assert json.loads(path.read_text())["contacts"]["1"]["title"] == "edited by hand"


def test_a_wrong_memo_of_another_identity_is_never_used(
    db: Path, monkeypatch: pytest.MonkeyPatch, settled: None
) -> None:
    path = _foreign(db)
    Store(path).indexed()
    st = os.stat(path)
    assert cache.last_read(path, (*storage._signature(st)[:3], st.st_mtime_ns + 1, 0)) is None
    assert cache.last_read(path.with_name("other.json"), storage._signature(st)) is None


def test_the_files_it_wrote_are_pruned_to_the_newest_now_and_then(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Remembering a write prunes the folder only for about one write in PRUNE_EVERY (by
    the content's crc32); then to the newest KEEP_CHECKED entries, the stores' memos
    counted apart (see the next test)."""
    monkeypatch.setenv("NETWORKHABIT_CACHE", str(tmp_path / "own-cache"))
    folder = cache._checked_folder()
    folder.mkdir(parents=True)
    monkeypatch.setattr(cache, "KEEP_CHECKED", 5)
    for n in range(8):
        entry = folder / f"{n:08x}-1.json"
        entry.write_text("{}")
        os.utime(entry, (1_000 + n, 1_000 + n))
    last = folder / "last-0badf00d.json"
    last.write_text("{}")
    os.utime(last, (1, 1))
    skipped = f"{1:08x}-10"  # crc 1: not one in 16
    cache.remember_written(db, (1, 2, 3, 4, 5), skipped)
    assert len(list(folder.glob("0000000*-1.json"))) == 8  # nothing pruned
    pruning = f"{16 * 7:08x}-10"
    cache.remember_written(db, (1, 2, 3, 4, 6), pruning)
    left = {p.name for p in folder.iterdir()}
    assert f"{pruning}.json" in left and last.name in left  # the newest, and a last write
    assert len([n for n in left if not n.startswith("last-")]) == 5
    assert "00000000-1.json" not in left and "00000007-1.json" in left


def test_the_memos_of_stores_left_alone_longest_are_pruned_too(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A memo per store path ever written or read (``last-*``): the newest KEEP_LAST stay,
    the current store's among them; the contents are pruned on their own count."""
    monkeypatch.setenv("NETWORKHABIT_CACHE", str(tmp_path / "own-cache"))
    folder = cache._checked_folder()
    folder.mkdir(parents=True)
    monkeypatch.setattr(cache, "KEEP_LAST", 3)
    monkeypatch.setattr(cache, "KEEP_CHECKED", 50)
    for n in range(6):
        for kind in ("last", "last-read"):
            memo = folder / f"{kind}-{n:08x}.json"
            memo.write_text("{}")
            os.utime(memo, (1_000 + n, 1_000 + n))
    cache.remember_written(db, (1, 2, 3, 4, 6), f"{16 * 7:08x}-10")  # one that prunes
    left = {p.name for p in folder.iterdir()}
    mine = cache._last_path(db).name
    assert mine in left and f"{16 * 7:08x}-10.json" in left
    assert sorted(n for n in left if n.startswith("last-") and n != mine) == [
        "last-00000005.json",
        "last-read-00000005.json",
    ]


def test_a_read_looks_up_what_is_remembered_of_the_file_once(
    db: Path, monkeypatch: pytest.MonkeyPatch, settled: None
) -> None:
    """Opening the store (its peek) and reading it ask the cache of the same identity once
    each: one look at the last write's memo, one at the last read's."""
    path = _foreign(db)
    Store(path).indexed()  # (remembered as read)
    asked: list[str] = []
    for name in ("last_written", "last_read"):
        real = getattr(cache, name)
        monkeypatch.setattr(
            cache, name, lambda *a, _real=real, _name=name: asked.append(_name) or _real(*a)
        )
    store = Store(path)
    store.check()
    store.indexed()
    assert sorted(asked) == ["last_read", "last_written"]
