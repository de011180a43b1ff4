"""Two machines, one network: ``sync`` through a real git and a bare remote in a temp folder.

Every test here runs the real ``git`` (the merge driver as git calls it: a subprocess of
this Python); HOME, the git identity and the system config are the test's own.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from networkhabit.cli import main
from networkhabit.store import Store
from tests.conftest import TODAY

Run = Callable[..., Result]


@pytest.fixture
def git_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """HOME, git identity and no system or global git config: the test's own."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    for who in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{who}_NAME", "Test Person")
        monkeypatch.setenv(f"GIT_{who}_EMAIL", "test@example.com")
    monkeypatch.setenv("NETWORKHABIT_TODAY", TODAY.isoformat())
    monkeypatch.delenv("NETWORKHABIT_DB", raising=False)
    return home


@pytest.fixture
def remote(tmp_path: Path, git_env: Path) -> Path:
    """An empty bare repository: the 'drive' both machines sync through."""
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    return bare


def machine(path: Path) -> Run:
    """Run CLI commands on one machine's store."""
    runner = CliRunner()

    def run(*args: str, ok: bool = True) -> Result:
        result = runner.invoke(main, ["--db", str(path), *args], catch_exceptions=False)
        if ok:
            assert result.exit_code == 0, (args, result.output, result.stderr)
        return result

    return run


def git(folder: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=folder, capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def two(tmp_path: Path, remote: Path) -> tuple[Path, Run, Path, Run]:
    """Machine A with a small network, synced to the remote; machine B set up empty."""
    a_db, b_db = tmp_path / "A" / "networkhabit.json", tmp_path / "B" / "networkhabit.json"
    a, b = machine(a_db), machine(b_db)
    a("add", "Ana Ruiz", "--company", "Acme", "--title", "Engineer", "--tag", "work")
    a("add", "Tom Baker", "--company", "Initech")
    a("add", "Ben Okafor")
    a("add", "Cy Lindqvist")
    a("add", "Dee Park")
    a("knows", "Tom Baker", "Ben Okafor")
    a("habit", "add", "Reach out")
    a("habit", "add", "Follow up")
    a("log", "Tom Baker", "Ben Okafor", "--date", "-10d", "--note", "lunch")
    out = a("sync", "init", str(remote)).output
    assert "sent the store" in out
    out = b("sync", "init", str(remote)).output
    assert "took the store" in out
    assert a_db.read_bytes() == b_db.read_bytes()
    return a_db, a, b_db, b


def test_two_machines_edit_apart_and_end_identical(two) -> None:  # type: ignore[no-untyped-def]
    a_db, a, b_db, b = two
    # A: 3 touches, 2 habits checked in, Ana's title
    a("log", "Ben Okafor", "--note", "a1")
    a("log", "Cy Lindqvist", "--note", "a2")
    a("log", "Ana Ruiz", "--kind", "call", "--note", "a3")
    a("done", "Reach out")
    a("done", "Follow up")
    a("edit", "Ana Ruiz", "--title", "CTO")
    # B: 2 other touches, a check-in on another day, Ana's company, Tom deleted
    b("log", "Dee Park", "--note", "b1")
    b("log", "Cy Lindqvist", "--date", "yesterday", "--note", "b2")
    b("done", "Reach out", "--date", "yesterday")
    b("edit", "Ana Ruiz", "--company", "Globex")
    b("delete", "Tom Baker", "--yes")

    first = a("sync").output
    assert "3 touches" in first and "2 check-ins" in first and "Ana Ruiz edited" in first
    second = b("sync").output
    assert "came in" in second and "3 touches" in second
    a("sync")
    b("sync")

    assert a_db.read_bytes() == b_db.read_bytes()
    snap = Store(a_db).snapshot()
    notes = sorted(i.note for i in snap.interactions)
    assert notes == ["a1", "a2", "a3", "b1", "b2", "lunch"]
    assert len(snap.checkins) == 3
    assert {c.date for c in snap.checkins} == {TODAY, TODAY.fromordinal(TODAY.toordinal() - 1)}
    ana = next(c for c in snap.contacts if c.name == "Ana Ruiz")
    assert (ana.title, ana.company) == ("CTO", "Globex")
    assert "Tom Baker" not in {c.name for c in snap.contacts}
    tom_gone = all(len(i.contacts) >= 1 for i in snap.interactions)
    assert tom_gone and not snap.links  # his link went with him
    lunch = next(i for i in snap.interactions if i.note == "lunch")
    assert len(lunch.contacts) == 1  # Tom taken out of the touch he shared with Ben
    for folder in (a_db.parent, b_db.parent):
        text = (folder / "networkhabit.json").read_text()
        assert "<<<<<<<" not in text and ">>>>>>>" not in text and "=======" not in text
        assert git(folder, "status", "--porcelain") == ""
    assert git(a_db.parent, "rev-parse", "HEAD") == git(b_db.parent, "rev-parse", "HEAD")


def test_the_same_field_on_both_sides_takes_the_later_change(two) -> None:  # type: ignore[no-untyped-def]
    a_db, a, b_db, b = two
    a("edit", "Ana Ruiz", "--title", "Head of Platform")
    b("edit", "Ana Ruiz", "--title", "VP Engineering")  # later
    a("sync")
    out = b("sync").output
    assert "Ana Ruiz: title changed on both machines" in out
    a("sync")
    assert a_db.read_bytes() == b_db.read_bytes()
    ana = next(c for c in Store(a_db).snapshot().contacts if c.name == "Ana Ruiz")
    assert ana.title == "VP Engineering"


def test_after_one_log_git_diff_shows_only_that_touch(two) -> None:  # type: ignore[no-untyped-def]
    a_db, a, _b_db, _b = two
    a("log", "Cy Lindqvist", "--note", "just this")
    diff = git(a_db.parent, "diff", "-U0", "--", "networkhabit.json")
    changed = [
        ln for ln in diff.splitlines() if ln[:1] in "+-" and not ln.startswith(("+++", "---"))
    ]
    assert changed and all(ln.startswith("+") for ln in changed)  # only added lines
    added = "\n".join(ln[1:] for ln in changed)
    assert "just this" in added and "~index" not in added
    assert added.count('"uid"') == 1  # one record: the touch
    assert len(changed) <= 14


def test_sync_status_says_what_is_unsynced_and_when(two) -> None:  # type: ignore[no-untyped-def]
    _a_db, a, _b_db, _b = two
    a("log", "Ben Okafor")
    out = a("sync", "status").output
    assert "not synced yet: 1 touch" in out
    assert "last sync:" in out and "never" not in out
    a("sync")
    assert "no unsynced changes" in a("sync", "status").output
    data = json.loads(a("sync", "status", "--json").output)
    assert data["set_up"] and data["unsynced"] == "" and data["last_sync"]


def test_an_unreachable_remote_is_one_line_and_the_next_sync_works(two, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a_db, a, b_db, b = two
    a("log", "Ben Okafor", "--note", "offline")
    remote = tmp_path / "remote.git"
    moved = tmp_path / "remote-away.git"
    remote.rename(moved)  # the drive is not plugged in
    before = a_db.read_bytes()
    result = a("sync", ok=False)
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "cannot reach" in result.stderr
    assert "Traceback" not in result.output
    assert a_db.read_bytes() == before
    moved.rename(remote)
    a("sync")
    b("sync")
    assert a_db.read_bytes() == b_db.read_bytes()
    assert "offline" in {i.note for i in Store(b_db).snapshot().interactions}


def test_without_git_sync_says_so_in_one_line(
    two, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    a_db, a, _b_db, _b = two
    empty = tmp_path / "no-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    before = a_db.read_bytes()
    for args in (("sync",), ("sync", "status"), ("sync", "init", "/nowhere")):
        result = a(*args, ok=False)
        assert result.exit_code == 1
        assert result.stderr.strip() == (
            "Error: git is not installed: sync needs it (install git, e.g. 'apt install git')"
        )
    assert a_db.read_bytes() == before


def test_sync_before_init_is_a_clear_error(tmp_path: Path, git_env: Path) -> None:
    c = machine(tmp_path / "C" / "networkhabit.json")
    c("add", "Eve Example")
    result = c("sync", ok=False)
    assert result.exit_code == 1 and "sync init REMOTE" in result.stderr


def test_init_on_a_second_machine_with_its_own_store_merges_both(
    tmp_path: Path, remote: Path
) -> None:
    a_db, b_db = tmp_path / "A" / "networkhabit.json", tmp_path / "B" / "networkhabit.json"
    a, b = machine(a_db), machine(b_db)
    a("add", "Ana Ruiz")
    a("habit", "add", "Reach out")
    a("done", "Reach out")
    a("sync", "init", str(remote))
    b("add", "Bo Example")
    b("log", "Bo Example", "--note", "from b")
    out = b("sync", "init", str(remote)).output
    assert "merged" in out
    a("sync")
    assert a_db.read_bytes() == b_db.read_bytes()
    snap = Store(a_db).snapshot()
    assert {c.name for c in snap.contacts} == {"Ana Ruiz", "Bo Example"}
    assert len(snap.checkins) == 1 and [i.note for i in snap.interactions] == ["from b"]
    text = b_db.read_text()
    assert "<<<<<<<" not in text
    assert git(b_db.parent, "status", "--porcelain") == ""
    ignored = (b_db.parent / ".gitignore").read_text()
    assert "backups/" in ignored and "*.lock" in ignored


def test_the_merge_driver_follows_gits_contract(tmp_path: Path, git_env: Path) -> None:
    a_db = tmp_path / "A" / "networkhabit.json"
    a = machine(a_db)
    a("add", "Ana Ruiz", "--title", "Engineer")
    base = a_db.read_bytes()
    a("edit", "Ana Ruiz", "--title", "CTO")
    ours = a_db.read_bytes()
    a_db.write_bytes(base)
    a("edit", "Ana Ruiz", "--company", "Globex")
    theirs = a_db.read_bytes()
    files = {}
    for name, raw in (("O", base), ("A", ours), ("B", theirs)):
        files[name] = tmp_path / f"merge-{name}.json"
        files[name].write_bytes(raw)
    result = CliRunner().invoke(
        main, ["sync", "merge-driver", str(files["O"]), str(files["A"]), str(files["B"])]
    )
    assert result.exit_code == 0, result.output
    merged = json.loads(files["A"].read_text())
    (ana,) = merged["contacts"].values()
    assert (ana["title"], ana["company"]) == ("CTO", "Globex")
    assert files["B"].read_bytes() == theirs  # only OURS is written
    files["B"].write_text("not json")
    result = CliRunner().invoke(
        main, ["sync", "merge-driver", str(files["O"]), str(files["A"]), str(files["B"])]
    )
    assert result.exit_code == 1 and "not valid JSON" in result.stderr


def test_export_on_b_import_on_a_keeps_every_check_in_of_both(two, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a_db, a, b_db, b = two
    a("done", "Reach out")
    a("done", "Follow up", "--date", "-2d")
    b("done", "Reach out")  # the same habit on the same day, on the other machine
    b("done", "Follow up", "--date", "yesterday")
    b("log", "Dee Park", "--note", "from b")
    b("edit", "Ana Ruiz", "--title", "CTO")
    out = tmp_path / "b-export.json"
    b("export", "json", "-o", str(out))
    exported = json.loads(out.read_text())
    assert all("modified" in c for c in exported["contacts"])
    result = a("import", "json", str(out))
    assert "updated" in result.output
    snap = Store(a_db).snapshot()
    b_snap = Store(b_db).snapshot()
    want = {c.uid for c in Store(b_db).snapshot().checkins} | {
        c.uid for c in Store(a_db).snapshot().checkins
    }
    assert len(want) == 4 and {c.uid for c in snap.checkins} == want
    assert "from b" in {i.note for i in snap.interactions}
    assert next(c for c in snap.contacts if c.name == "Ana Ruiz").title == "CTO"
    assert len(snap.contacts) == len(b_snap.contacts)
    again = a_db.read_bytes()
    assert "0 new, 0 updated" in a("import", "json", str(out)).output
    assert a_db.read_bytes() == again  # a second import changes nothing


def test_delete_asks_first_and_leaves_tombstones(tmp_path: Path, git_env: Path) -> None:
    db = tmp_path / "C" / "networkhabit.json"
    c = machine(db)
    c("add", "Tom Baker")
    c("add", "Ben Okafor")
    c("knows", "Tom Baker", "Ben Okafor")
    c("log", "Tom Baker", "--note", "alone")
    c("log", "Tom Baker", "Ben Okafor", "--note", "together")
    before = db.read_bytes()
    refused = c("delete", "Tom Baker", ok=False)
    assert refused.exit_code == 1 and "--yes" in refused.stderr
    assert db.read_bytes() == before
    assert "no contact" in c("delete", "Nobody Here", "--yes", ok=False).stderr
    out = c("delete", "Tom Baker", "--yes").output
    assert "deleted Tom Baker (1 touch and 1 link; taken out of 1 shared touch)" in out
    snap = Store(db).snapshot()
    assert [x.name for x in snap.contacts] == ["Ben Okafor"]
    assert [i.note for i in snap.interactions] == ["together"] and not snap.links
    stones = json.loads(db.read_text())["tombstones"]
    assert {d["kind"] for d in stones.values()} == {"contacts", "interactions", "links"}
    assert all(d["when"].endswith("Z") for d in stones.values())


def test_every_change_bumps_modified(tmp_path: Path, git_env: Path) -> None:
    db = tmp_path / "C" / "networkhabit.json"
    c = machine(db)
    c("add", "Ana Ruiz")
    first = json.loads(db.read_text())["contacts"]["1"]["modified"]
    c("add", "Ben Okafor")
    assert json.loads(db.read_text())["contacts"]["1"]["modified"] == first  # untouched
    c("edit", "Ana Ruiz", "--title", "CTO")
    assert json.loads(db.read_text())["contacts"]["1"]["modified"] > first


def test_doctor_lists_conflict_copies_and_merge_folds_one_in(tmp_path: Path, git_env: Path) -> None:
    db = tmp_path / "Sync" / "networkhabit.json"
    c = machine(db)
    c("add", "Ana Ruiz")
    c("habit", "add", "Reach out")
    c("done", "Reach out")
    base = db.read_bytes()
    c("log", "Ana Ruiz", "--note", "on the laptop")
    laptop = db.read_bytes()
    db.write_bytes(base)  # the desktop's version won the file; the laptop's is a copy
    c("add", "Bo Example")
    c("done", "Reach out", "--date", "yesterday")
    names = [
        "networkhabit.sync-conflict-20261120-101010-ABCDEFG.json",
        "networkhabit (Ana's conflicted copy 2026-11-20).json",
        "networkhabit (conflict 2026-11-20).json",
    ]
    for name in names:
        (db.parent / name).write_bytes(laptop)
    (db.parent / "notes.txt").write_text("not a copy")
    listed = c("doctor").output
    for name in names:
        assert name in listed
    assert "notes.txt" not in listed and "doctor --merge" in listed
    out = c("doctor", "--merge", names[0]).output
    assert "merged" in out and "added 1 touch" in out
    snap = Store(db).snapshot()
    assert {x.name for x in snap.contacts} == {"Ana Ruiz", "Bo Example"}
    assert [i.note for i in snap.interactions] == ["on the laptop"]
    assert len(snap.checkins) == 2
    assert not (db.parent / names[0]).exists()
    assert (db.parent / "backups" / names[0]).exists()
    assert names[0] not in c("doctor").output
    before = db.read_bytes()
    bad = c("doctor", "--merge", "no-such-copy.json", ok=False)
    assert bad.exit_code == 1 and len(bad.stderr.strip().splitlines()) == 1
    (db.parent / names[1]).write_text("{ broken")
    bad = c("doctor", "--merge", names[1], ok=False)
    assert bad.exit_code == 1 and "not valid JSON" in bad.stderr
    assert db.read_bytes() == before and (db.parent / names[1]).exists()


def test_the_app_offers_sync_and_shows_the_last_one(two) -> None:  # type: ignore[no-untyped-def]
    import asyncio

    from networkhabit.tui.app import make_app
    from networkhabit.tui.commands import NetworkhabitCommands
    from networkhabit.tui.sync import refresh_label, sync_now
    from networkhabit.tui.widgets.topbar import TopBar

    a_db, a, b_db, b = two
    a("log", "Ben Okafor", "--note", "from the app's machine")
    refresh_label(a_db)  # as the app's thread does in the background
    app = make_app(a_db)

    async def main() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            provider = NetworkhabitCommands(app.screen)
            offered = {name: text for name, _cb, text in provider.commands()}
            assert "last synced" in offered["Sync"]
            assert "synced" in str(app.screen.query_one(TopBar).render())
            sync_now(app)
            await app.workers.wait_for_complete()
            await pilot.pause()
            said = [n.message for n in app._notifications]
            assert any("sent: 1 touch" in m for m in said), said

    asyncio.run(main())
    b("sync")
    assert "from the app's machine" in {i.note for i in Store(b_db).snapshot().interactions}


def test_a_machine_git_does_not_know_is_told_how_to_fix_it(
    tmp_path: Path, remote: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for who in ("AUTHOR", "COMMITTER"):
        monkeypatch.delenv(f"GIT_{who}_NAME")
        monkeypatch.delenv(f"GIT_{who}_EMAIL")
    monkeypatch.delenv("EMAIL", raising=False)
    # git must not make one up from the host name either
    (tmp_path / "home" / ".gitconfig").write_text("[user]\n\tuseConfigOnly = true\n")
    c = machine(tmp_path / "C" / "networkhabit.json")
    c("add", "Eve Example")
    before = (tmp_path / "C" / "networkhabit.json").read_bytes()
    result = c("sync", "init", str(remote), ok=False)
    assert result.exit_code == 1 and "git config --global user.email" in result.stderr
    assert (tmp_path / "C" / "networkhabit.json").read_bytes() == before


def test_init_never_repoints_a_repository_the_store_happens_to_be_in(
    tmp_path: Path, remote: Path
) -> None:
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    git(dotfiles, "init", "-q")
    git(dotfiles, "remote", "add", "origin", "https://example.com/me/dotfiles.git")
    c = machine(dotfiles / "nh" / "networkhabit.json")
    c("add", "Eve Example")
    result = c("sync", "init", str(remote), ok=False)
    assert result.exit_code == 1 and "which syncs with https://example.com" in result.stderr
    assert git(dotfiles, "remote", "get-url", "origin").strip().endswith("dotfiles.git")
    assert git(dotfiles, "status", "--porcelain", "--untracked-files=no") == ""
