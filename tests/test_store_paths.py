"""What the store path may be, and what beside the store is never harmed (issue 18): a device,
FIFO, socket or folder is refused before anything is opened for writing; a symlinked store is
written through; a read-only or foreign store is reported, not replaced; the lock, temp files
and backups never follow a symlink; pruning deletes only backups the store made."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

from networkhabit.store import Store
from networkhabit.store import backup as backups
from networkhabit.store.doctor import examine
from tests.conftest import TODAY, person, run_cli, world


def _cli_refuses(db: Path, *args: str, words: str) -> None:
    r = run_cli(db, *args, timeout=20)
    assert r.returncode == 1, (args, r.stdout, r.stderr)
    assert "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0], r.stderr


def test_a_fifo_as_the_store_is_refused_at_once_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "store.json"
    os.mkfifo(fifo)
    for args in (("today",), ("add", "Ana Ruiz"), ("contacts",), ("doctor",)):
        r = run_cli(fifo, *args, timeout=20)  # before the fix: hung forever (timeout)
        assert r.returncode == 1 and "named pipe (FIFO)" in r.stdout + r.stderr, (args, r)
        assert "Traceback" not in r.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_character_device_as_the_store_is_never_replaced(tmp_path: Path) -> None:
    # Never /dev/null itself while we may write /dev (root): a regression would destroy it
    # (which is what the finding was). A node of the same device in a temp folder instead.
    dev = tmp_path / "null"
    try:
        os.mknod(dev, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:  # not root: /dev cannot be written, /dev/null is safe to use
        dev = Path("/dev/null")
    _cli_refuses(dev, "add", "Ana Ruiz", words="character device")
    _cli_refuses(dev, "today", words="character device")
    assert stat.S_ISCHR(os.lstat(dev).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == (
        ["null"] if dev.parent == tmp_path else []
    )


def test_a_socket_or_folder_as_the_store_is_refused(tmp_path: Path) -> None:
    sock_path = tmp_path / "s.json"
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(sock_path))
        _cli_refuses(sock_path, "add", "Ana Ruiz", words="a socket")
    finally:
        sock.close()
    folder = tmp_path / "folder.json"
    folder.mkdir()
    _cli_refuses(folder, "add", "Ana Ruiz", words="folder")


def test_a_symlinked_store_is_written_through_to_its_target(tmp_path: Path) -> None:
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    target = dotfiles / "networkhabit.json"
    data = tmp_path / "data"
    data.mkdir()
    link = data / "networkhabit.json"
    link.symlink_to(target)
    for name in ("Ana Ruiz", "Bo Berg"):
        r = run_cli(link, "add", name)
        assert r.returncode == 0, r.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)  # the link stays a link
    assert {c.name for c in Store(target).snapshot().contacts} == {"Ana Ruiz", "Bo Berg"}
    # the lock, temp files and backups live beside the target
    assert (dotfiles / "networkhabit.json.lock").exists()
    assert not (data / "networkhabit.json.lock").exists()
    assert sorted(p.name for p in data.iterdir()) == ["networkhabit.json"]
    # a write through the target path is seen through the link (one file, one lock)
    assert run_cli(target, "add", "Cy Chen").returncode == 0
    assert run_cli(link, "show", "Cy").returncode == 0


def test_a_read_only_store_is_reported_not_replaced(make_store, db: Path) -> None:
    make_store(world([person("Ana Ruiz")]))
    os.chmod(db, 0o400)
    before = db.read_bytes()
    ino = os.stat(db).st_ino
    # as root the kernel would allow the write: the mode bits decide
    _cli_refuses(db, "add", "Bo Berg", words="read-only (mode 0400)")
    assert db.read_bytes() == before and os.stat(db).st_ino == ino
    assert stat.S_IMODE(os.stat(db).st_mode) == 0o400
    r = run_cli(db, "contacts")  # reading still works
    assert r.returncode == 0 and "Ana Ruiz" in r.stdout


def test_a_store_owned_by_another_user_is_not_taken_over(
    make_store, db: Path, cli, monkeypatch
) -> None:
    make_store(world([person("Ana Ruiz")]))
    before = db.read_bytes()
    owner = os.stat(db).st_uid
    monkeypatch.setattr(os, "geteuid", lambda: owner + 1)  # as if another user ran it
    r = cli("add", "Bo Berg")
    assert r.exit_code == 1 and "belongs to another user" in r.stderr
    assert db.read_bytes() == before and os.stat(db).st_uid == owner


def test_a_symlinked_lock_file_is_never_followed(make_store, db: Path, tmp_path: Path) -> None:
    make_store(world([person("Ana Ruiz")]))
    lock = db.with_name(db.name + ".lock")
    lock.unlink(missing_ok=True)
    elsewhere = tmp_path / "elsewhere" / "victim"
    elsewhere.parent.mkdir()
    lock.symlink_to(elsewhere)
    before = db.read_bytes()
    _cli_refuses(db, "add", "Bo Berg", words="is a symbolic link")
    assert not elsewhere.exists()  # before the fix: created at the link's target
    assert db.read_bytes() == before


def _old_backups(db: Path) -> None:
    """A store and 16 days of daily backups of it, made through the CLI."""
    for n in range(16):
        day = TODAY.replace(day=1 + n)
        r = run_cli(db, "add", f"Person {n}", today=day)
        assert r.returncode == 0, r.stderr


def test_a_backups_symlink_is_not_followed_and_its_target_is_not_pruned(
    db: Path, tmp_path: Path
) -> None:
    db.parent.mkdir(parents=True)
    assert run_cli(db, "add", "Ana Ruiz").returncode == 0
    victim = tmp_path / "victim"
    victim.mkdir()
    lookalikes = [victim / f"networkhabit-2026-10-{d:02d}.json" for d in range(1, 20)]
    for p in lookalikes:
        p.write_text('{"my": {"own": "file"}}')
    (victim / ".nh-tmp-networkhabit.json.x").write_text("mine")
    (db.parent / "backups").symlink_to(victim)
    r = run_cli(db, "add", "Bo Berg", today=TODAY.replace(day=21))
    assert r.returncode == 0
    assert "symbolic link" in r.stderr and "no daily backup" in r.stderr
    assert sorted(victim.iterdir()) == sorted([*lookalikes, victim / ".nh-tmp-networkhabit.json.x"])
    assert backups.list_backups(db) == []
    report = examine(db)
    assert any("symbolic link" in p.message for p in report.problems)


def test_pruning_deletes_only_backups_the_store_made(db: Path) -> None:
    _old_backups(db)
    folder = db.parent / "backups"
    planted = folder / "networkhabit-2026-10-01.json"  # the oldest by name: pruned first
    planted.write_text("my notes, not a backup")
    linked = folder / "networkhabit-2026-10-02.json"
    linked.symlink_to(db.parent / "elsewhere.json")
    (db.parent / "elsewhere.json").write_text("{}")
    r = run_cli(db, "add", "Late", today=TODAY.replace(day=17))
    assert r.returncode == 0, r.stderr
    assert planted.read_text() == "my notes, not a backup"
    assert linked.is_symlink() and (db.parent / "elsewhere.json").read_text() == "{}"
    made = [b for b in backups.list_backups(db) if b.day and backups.made_by_store(b.path)]
    assert len(made) == 14  # the store's own were pruned to 14 as before


def test_a_file_in_the_way_of_todays_backup_is_reported(make_store, db: Path) -> None:
    make_store(world([person("Ana Ruiz")]))
    target = backups.daily_path(db, TODAY.replace(day=21))
    target.parent.mkdir(exist_ok=True)
    target.write_text("not a backup")
    r = run_cli(db, "add", "Bo Berg", today=TODAY.replace(day=21))
    assert r.returncode == 0
    assert "in the way of today's backup" in r.stderr  # before the fix: silently no backup
    assert target.read_text() == "not a backup"
    r = run_cli(db, "doctor", today=TODAY.replace(day=21))
    assert r.returncode == 1 and "in the way of today's backup" in r.stdout


def test_temp_files_in_a_linked_backups_folder_are_left_alone(
    make_store, db: Path, tmp_path: Path
) -> None:
    store = make_store(world([person("Ana Ruiz")]))
    victim = tmp_path / "victim"
    victim.mkdir()
    leftover = victim / f".nh-tmp-{db.name}.abc"
    leftover.write_text("someone else's")
    (db.parent / "backups").symlink_to(victim)
    assert store.file.clean_temp_files() == 0
    assert leftover.exists()


def test_no_export_may_target_the_store_its_lock_or_its_backups(
    make_store, db: Path, cli, tmp_path: Path
) -> None:
    make_store(world([person("Ana Ruiz")]))
    assert cli("add", "Bo Berg").exit_code == 0  # a lock file and today's backup exist
    lock = db.with_name(db.name + ".lock")
    daily = backups.daily_path(db, TODAY)
    link = tmp_path / "innocent.json"
    link.symlink_to(lock)
    files = {p: p.read_bytes() for p in (db, lock, daily)}
    for target, words in (
        (db, "the store itself"),
        (lock, "the store's lock file"),  # before the fix: replaced by the export
        (daily, "in the store's backups folder"),
        (daily.parent / "new.json", "in the store's backups folder"),
        (link, "the store's lock file"),
    ):
        for kind in ("json", "csv"):
            r = cli("export", kind, "-o", str(target))
            assert r.exit_code == 1 and words in r.stderr, (target, r.stderr)
    assert {p: p.read_bytes() for p in files} == files
    assert not (daily.parent / "new.json").exists()
    assert cli("export", "json", "-o", str(tmp_path / "out.json")).exit_code == 0
