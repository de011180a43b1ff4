"""Daily backups, copies saved aside, and file permissions."""

from __future__ import annotations

import os
import stat
from datetime import date, timedelta
from pathlib import Path

import pytest

from networkhabit.domain.model import Settings
from networkhabit.store import Store
from networkhabit.store.backup import daily_path, list_backups
from tests.conftest import TODAY, person, world


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_first_write_of_the_day_backs_up_the_previous_file(
    make_store, db: Path, monkeypatch
) -> None:
    store = make_store(world([person("Ana")]))
    yesterday_state = db.read_bytes()
    store.add(
        person("Bo")
    )  # first write "today" with a file on disk: the copy is the state before it
    copy = daily_path(db, TODAY)
    assert copy.read_bytes() == yesterday_state
    store.add(person("Cy"))  # second write the same day: the morning copy stays as it was
    assert copy.read_bytes() == yesterday_state
    monkeypatch.setenv("NETWORKHABIT_TODAY", (TODAY + timedelta(days=1)).isoformat())
    before_tomorrow = db.read_bytes()
    store.add(person("Di"))
    assert daily_path(db, TODAY + timedelta(days=1)).read_bytes() == before_tomorrow
    assert sorted(b.day for b in list_backups(db) if b.day) == [TODAY, TODAY + timedelta(days=1)]


def test_backups_are_private_in_a_private_folder(make_store, db: Path) -> None:
    store = make_store(world([person("Ana")]))
    store.add(person("Bo"))
    folder = db.parent / "backups"
    assert mode(folder) == 0o700
    assert mode(db.parent) == 0o700
    assert mode(db) == 0o600
    assert mode(db.with_name(db.name + ".lock")) == 0o600
    assert [mode(b.path) for b in list_backups(db)] == [0o600]


def test_a_backup_is_private_even_when_the_store_was_not(make_store, db: Path) -> None:
    store = make_store(world([person("Ana")]))
    os.chmod(db, 0o644)
    store.add(person("Bo"))
    assert mode(daily_path(db, TODAY)) == 0o600
    assert mode(db) == 0o600  # the write made the store private again


def test_only_the_newest_backups_are_kept(make_store, db: Path, monkeypatch) -> None:
    store = make_store(world([person("Ana")], settings=Settings(backups_keep=3)))
    for n in range(6):
        monkeypatch.setenv("NETWORKHABIT_TODAY", (TODAY + timedelta(days=n)).isoformat())
        store.add(person(f"P{n}"))
    days = sorted(b.day for b in list_backups(db) if b.day)
    assert days == [TODAY + timedelta(days=n) for n in (3, 4, 5)]


def test_fourteen_are_kept_by_default(make_store, db: Path, monkeypatch) -> None:
    store = make_store(world([person("Ana")]))
    for n in range(16):
        monkeypatch.setenv("NETWORKHABIT_TODAY", (TODAY + timedelta(days=n)).isoformat())
        store.add(person(f"P{n}"))
    days = sorted(b.day for b in list_backups(db) if b.day)
    assert days == [TODAY + timedelta(days=n) for n in range(2, 16)]


def test_backups_keep_zero_turns_daily_backups_off(make_store, db: Path) -> None:
    store = make_store(world([person("Ana")], settings=Settings(backups_keep=0)))
    store.add(person("Bo"))
    assert list_backups(db) == []


def test_pruning_leaves_other_stores_and_saved_copies_alone(
    make_store, db: Path, monkeypatch
) -> None:
    store = make_store(world([person("Ana")], settings=Settings(backups_keep=1)))
    folder = db.parent / "backups"
    folder.mkdir(mode=0o700)
    other = folder / "networkhabit-work-2020-01-01.json"
    other.write_text("{}")
    aside = folder / "networkhabit-before-restore-2020-01-01-120000.json"
    aside.write_text("{}")
    for n in range(3):
        monkeypatch.setenv("NETWORKHABIT_TODAY", (TODAY + timedelta(days=n)).isoformat())
        store.add(person(f"P{n}"))
    assert other.exists() and aside.exists()
    assert [b.day for b in list_backups(db) if b.day] == [TODAY + timedelta(days=2)]
    assert other.name not in [b.name for b in list_backups(db)]


def test_a_failed_backup_warns_but_the_write_lands(make_store, db: Path, capsys) -> None:
    store = make_store(world([person("Ana")]))
    (db.parent / "backups").write_text("a file where the backups folder should be")
    store.add(person("Bo"))
    assert {c.name for c in Store(db).snapshot().contacts} == {"Ana", "Bo"}
    err = capsys.readouterr().err
    assert "could not save today's backup" in err and err.count("\n") == 1


def test_the_first_write_of_a_new_store_needs_no_backup(db: Path) -> None:
    Store(db).add(person("Ana"))
    assert list_backups(db) == []


def test_demo_force_saves_the_old_store_aside(cli, make_store, db: Path) -> None:
    make_store(world([person("Ana")]))
    old = db.read_bytes()
    r = cli("demo", "--force")
    assert r.exit_code == 0, r.output
    saved = [b for b in list_backups(db) if b.name.startswith("networkhabit-before-replace-")]
    assert [b.path.read_bytes() for b in saved] == [old]


def test_wide_permissions_warn_once_per_command(cli, make_store, db: Path) -> None:
    make_store(world([person("Ana")]))
    os.chmod(db, 0o644)
    r = cli("contacts")
    assert r.exit_code == 0
    assert r.stderr.count("can be read by other users (mode 0644)") == 1
    assert r.stderr.count("\n") == 1
    r = cli("log", "ana")  # reads, then writes: still one warning
    assert r.exit_code == 0 and r.stderr.count("warning") == 1
    assert mode(db) == 0o600
    assert cli("contacts").stderr == ""  # private now: no more warning


def test_private_store_gives_no_warning(cli, make_store) -> None:
    make_store(world([person("Ana")]))
    assert cli("contacts").stderr == ""


@pytest.mark.parametrize("keep", [1, 2])
def test_daily_copy_name_uses_the_store_stem(tmp_path: Path, monkeypatch, keep: int) -> None:
    monkeypatch.setenv("NETWORKHABIT_TODAY", "2026-11-20")
    path = tmp_path / "work.json"
    store = Store(path)
    store.add(person("Ana"))
    store.save_settings(Settings(backups_keep=keep))
    assert [b.name for b in list_backups(path)] == ["work-2026-11-20.json"]
    assert daily_path(path, date(2026, 11, 20)) == tmp_path / "backups" / "work-2026-11-20.json"


@pytest.mark.parametrize("kernel", [True, False])
def test_a_copy_is_exact_in_the_kernel_or_through_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kernel: bool
) -> None:
    import errno

    from networkhabit.store import backup

    sent: list[int] = []
    real = os.sendfile

    def sendfile(out_fd: int, in_fd: int, offset: int, count: int) -> int:
        if not kernel:
            raise OSError(errno.EINVAL, "no sendfile between files here")
        n = real(out_fd, in_fd, offset, min(count, 1 << 20))  # several rounds
        sent.append(n)
        return n

    monkeypatch.setattr(os, "sendfile", sendfile)
    src, dest = tmp_path / "store.json", tmp_path / "copy.json"
    data = os.urandom(3 * (1 << 20) + 12345)
    src.write_bytes(data)
    os.utime(src, ns=(1_000_000_000, 2_000_000_000))
    backup.copy_private(src, dest, ".nh-test-")
    assert dest.read_bytes() == data
    assert stat.S_IMODE(dest.stat().st_mode) == 0o600
    assert dest.stat().st_mtime_ns == 2_000_000_000
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".nh-test-")]
    if kernel:
        assert sum(sent) == len(data) and sent[-1] == 0 and len(sent) > 2
