"""A corrupt store is never overwritten; a failed write leaves the old file intact."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Self

import pytest

from networkhabit.store import Store, StoreError, storage, tempfiles
from tests.conftest import person, world

CORRUPT = {
    "truncated": b'{\n  "contacts": {\n    "1": {\n      "name": "Ana',
    "not json": b"this is not json\n",
    "a list": b"[1, 2, 3]\n",
    "a string": b'"networkhabit"\n',
    "tables that are not tables": b'{"contacts": [], "meta": {"1": {"schema": 1}}}\n',
    "binary": bytes(range(256)),
}
#: Every core command that could write, plus readers and the TUI (no arguments).
COMMANDS = [
    ("add", "Bo"),
    ("log", "Ana"),
    ("edit", "Ana", "--company", "X"),
    ("archive", "Ana"),
    ("snooze", "Ana", "--until", "+1w"),
    ("demo", "--force"),
    ("demo",),
    (),
    ("today",),
    ("contacts",),
    ("show", "Ana"),
    ("neglected",),
    ("status",),
]


def write_private(path: Path, raw: bytes) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.write_bytes(raw)
    path.chmod(0o600)


def one_line(text: str) -> bool:
    return len(text.strip().splitlines()) == 1


@pytest.mark.parametrize("kind", sorted(CORRUPT))
def test_a_corrupt_store_is_never_overwritten_by_any_command(cli, db: Path, kind: str) -> None:
    write_private(db, CORRUPT[kind])
    for args in COMMANDS:
        r = cli(*args)
        assert r.exit_code == 1, (args, r.output)
        assert one_line(r.stderr) and "Traceback" not in r.output, (args, r.stderr)
        assert str(db) in r.stderr and "doctor --restore" in r.stderr, (args, r.stderr)
        assert "the file was left untouched" in r.stderr
    assert db.read_bytes() == CORRUPT[kind]
    assert list_folder(db) == [db.name, db.name + ".lock"] or list_folder(db) == [db.name]


def list_folder(db: Path) -> list[str]:
    return sorted(p.name for p in db.parent.iterdir())


@pytest.mark.parametrize("kind", sorted(CORRUPT))
def test_the_store_api_refuses_to_write_over_a_corrupt_file(db: Path, kind: str) -> None:
    write_private(db, CORRUPT[kind])
    store = Store(db)
    for write in (
        lambda: store.add(person("Bo")),
        lambda: store.replace_all(world([person("Bo")])),
        lambda: store.remove(type(person("x")), ["x"]),
        store.snapshot,
        store.check,
    ):
        with pytest.raises(StoreError, match="the file was left untouched"):
            write()
    assert db.read_bytes() == CORRUPT[kind]


def test_a_malformed_record_is_reported_not_overwritten(cli, db: Path) -> None:
    write_private(db, b'{"contacts": {"1": {"uid": "x"}}, "meta": {"1": {"schema": 1}}}\n')
    before = db.read_bytes()
    for args in (("add", "Bo"), ("log", "Bo"), ("today",)):
        r = cli(*args)
        assert (
            r.exit_code == 1
            and one_line(r.stderr)
            and "malformed" in r.stderr
            and "doctor" in r.stderr
        )
    assert db.read_bytes() == before


# -- disk full, read-only, a folder in the way ------------------------------------------------


@pytest.fixture
def stored(make_store, db: Path) -> bytes:
    make_store(world([person("Ana")]))
    return db.read_bytes()


def no_temp_files(db: Path) -> bool:
    return not [p for p in db.parent.rglob("*") if p.name.startswith(storage.TEMP_PREFIX)]


def enospc(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_disk_full_on_fsync_is_a_clear_error_and_the_old_file_stays(
    cli, stored: bytes, db: Path, monkeypatch
) -> None:
    monkeypatch.setattr(os, "fsync", enospc)
    r = cli("log", "ana", "--note", "x")
    monkeypatch.undo()
    assert r.exit_code == 1 and "Traceback" not in r.output
    error = [line for line in r.stderr.splitlines() if line.startswith("Error:")]
    assert error == [f"Error: {db}: cannot write (disk full); the previous file is intact"]
    assert db.read_bytes() == stored and no_temp_files(db)


def test_disk_full_on_replace_leaves_the_old_file(
    cli, stored: bytes, db: Path, monkeypatch
) -> None:
    real_replace = os.replace

    def replace(src: str, dst: str) -> None:
        if Path(dst) == db:
            enospc()
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    r = cli("add", "Bo")
    monkeypatch.undo()
    assert r.exit_code == 1 and "disk full" in r.stderr and "previous file is intact" in r.stderr
    assert db.read_bytes() == stored and no_temp_files(db)


def test_a_write_error_halfway_through_the_temp_file(
    cli, stored: bytes, db: Path, monkeypatch
) -> None:
    real_fdopen = os.fdopen

    class HalfWriter:
        def __init__(self, fh) -> None:
            self.fh = fh

        def write(self, raw: bytes) -> int:
            self.fh.write(raw[: len(raw) // 2])
            enospc()
            return 0

        def __getattr__(self, name: str):
            return getattr(self.fh, name)

        def __enter__(self) -> Self:
            return self

        def __exit__(self, *exc: object) -> None:
            self.fh.close()

    monkeypatch.setattr(
        os, "fdopen", lambda fd, mode="r", *a, **k: HalfWriter(real_fdopen(fd, mode, *a, **k))
    )
    r = cli("log", "ana")
    monkeypatch.undo()
    assert r.exit_code == 1 and "cannot write (disk full)" in r.stderr
    assert db.read_bytes() == stored and no_temp_files(db)


def test_a_read_only_folder_is_a_clear_error(cli, stored: bytes, db: Path, monkeypatch) -> None:
    # Tests run as root, where chmod does not stop writes: the folder's refusal is simulated.
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(tempfiles, "make_temp", refuse)
    r = cli("add", "Bo")
    monkeypatch.undo()
    assert r.exit_code == 1 and one_line(r.stderr)
    assert (
        r.stderr.strip()
        == f"Error: {db}: cannot write (read-only file system); the previous file is intact"
    )
    assert db.read_bytes() == stored


def test_a_lock_that_cannot_be_made_is_a_clear_error(cli, db: Path, monkeypatch) -> None:
    real_open = os.open

    def open_(path, flags, *args):
        if str(path).endswith(".lock"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", open_)
    r = cli("add", "Bo")
    monkeypatch.undo()
    assert r.exit_code == 1 and r.stderr.strip() == f"Error: {db}: cannot lock (Permission denied)"
    assert not db.exists()


@pytest.mark.parametrize("args", [("add", "Bo"), ("today",), ("contacts", "--json"), ("demo",), ()])
def test_db_that_is_a_folder(cli, tmp_path: Path, args: tuple[str, ...]) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    r = cli("--db", str(folder), *args)
    assert r.exit_code == 1 and one_line(r.stderr) and "Traceback" not in r.output
    assert "is a folder, not a store file" in r.stderr
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("args", [("add", "Bo"), ("today",), ("log", "Bo"), ("demo",)])
def test_db_under_a_file(cli, tmp_path: Path, args: tuple[str, ...]) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("not a folder")
    r = cli("--db", str(blocker / "sub" / "networkhabit.json"), *args)
    assert r.exit_code == 1 and one_line(r.stderr) and "Traceback" not in r.output
    assert f"{blocker} is a file, not a folder" in r.stderr
    assert blocker.read_text() == "not a folder"


def test_reading_commands_do_not_create_the_store(cli, db: Path) -> None:
    for args in (("today",), ("contacts",), ("neglected", "--json"), ("status",), ("doctor",)):
        assert cli(*args).exit_code == 0, args
    assert not db.exists() and not db.parent.exists()
