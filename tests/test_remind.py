"""`remind`: the status line's counts, notified or printed; the morning timer."""

from __future__ import annotations

import os
import plistlib
import stat
import sys
from datetime import time
from pathlib import Path

import pytest

from networkhabit.actions import remind
from networkhabit.domain.model import Habit
from tests.conftest import days_ago, person, world


@pytest.fixture
def headless(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "NETWORKHABIT_NO_NOTIFY"):
        monkeypatch.delenv(name, raising=False)


def test_remind_headless_prints_the_status_summary_and_exits_0(cli, make_store, headless):
    make_store(
        world(
            [person("Ana", cadence_days=7), person("Bo", cadence_days=7)],
            touches=[("Ana", 30), ("Bo", 20)],
            habits=[Habit("h1", "Reach out", days_ago(30))],
        )
    )
    r = cli("remind")
    assert r.exit_code == 0
    assert r.output.strip() == cli("status").output.strip()
    assert "2 people to reach" in r.output and "1 habit open" in r.output


def test_remind_with_nothing_due_says_so_and_exits_0(cli, make_store, headless):
    make_store(world([person("Ana")]))
    r = cli("remind")
    assert r.exit_code == 0 and r.output.strip() == "nh: all done"


def test_remind_with_a_desktop_notifies_through_notify_send(cli, make_store, tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "notified.txt"
    fake = bin_dir / "notify-send"
    fake.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > {log}\n')
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.delenv("NETWORKHABIT_NO_NOTIFY", raising=False)
    make_store(world([person("Ana", cadence_days=7)], touches=[("Ana", 30)]))
    r = cli("remind")
    assert r.exit_code == 0 and "1 person to reach" in r.output
    sent = log.read_text().splitlines()
    assert "networkhabit" in sent and "1 person to reach" in sent


def test_install_writes_a_systemd_user_timer_and_uninstall_removes_it(
    cli, db, tmp_path, monkeypatch
):
    if not sys.platform.startswith("linux"):
        monkeypatch.setattr(sys, "platform", "linux")
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    r = cli("remind", "--install", "--at", "7:45")
    assert r.exit_code == 0, r.output
    folder = home / ".config" / "systemd" / "user"
    service = folder / "networkhabit-remind.service"
    timer = folder / "networkhabit-remind.timer"
    assert "OnCalendar=*-*-* 07:45:00" in timer.read_text()
    text = service.read_text()
    assert "ExecStart=" in text and text.rstrip().endswith("remind") and str(db) in text
    assert "systemctl --user" in r.output
    # enabling it leaves a link in timers.target.wants: uninstall takes that away too
    wants = folder / "timers.target.wants"
    wants.mkdir()
    (wants / timer.name).symlink_to(timer)
    r = cli("remind", "--uninstall")
    assert r.exit_code == 0 and "removed" in r.output
    assert not service.exists() and not timer.exists() and not (wants / timer.name).is_symlink()
    assert "no morning reminder" in cli("remind", "--uninstall").output


def test_install_honours_xdg_config_home(cli, tmp_path, monkeypatch):
    if not sys.platform.startswith("linux"):
        monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert cli("remind", "--install").exit_code == 0
    assert (tmp_path / "xdg" / "systemd" / "user" / "networkhabit-remind.timer").exists()


def test_a_launchd_agent_on_macos_and_a_crontab_line_elsewhere(tmp_path):
    command = ["/usr/bin/python3", "-m", "networkhabit", "remind"]
    done = remind.install(command, time(8, 5), "darwin", {}, tmp_path)
    [plist] = done.files
    assert plist == tmp_path / "Library" / "LaunchAgents" / "org.networkhabit.remind.plist"
    agent = plistlib.loads(plist.read_bytes())
    assert agent["ProgramArguments"] == command
    assert agent["StartCalendarInterval"] == {"Hour": 8, "Minute": 5}
    assert remind.uninstall("darwin", {}, tmp_path) == ("launchd", (plist,))
    assert not plist.exists()
    cron = remind.install(command, time(8, 5), "freebsd14", {}, tmp_path)
    assert cron.files == () and cron.then == "5 8 * * * /usr/bin/python3 -m networkhabit remind"
    assert list(Path(tmp_path).iterdir()) == [tmp_path / "Library"]  # nothing else written


def test_a_bad_time_is_one_line_exit_1(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    r = cli("remind", "--install", "--at", "quarter past")
    assert r.exit_code == 1 and "HH:MM" in r.stderr
    assert not (tmp_path / ".config").exists()


def test_the_installed_cli_reminds_headless_and_exits_0(db, make_store):
    import subprocess

    make_store(world([person("Ana", cadence_days=7)], touches=[("Ana", 30)]))
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS")
    }
    env.update(NETWORKHABIT_DB=str(db), NETWORKHABIT_TODAY="2026-11-20", PYTHONIOENCODING="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "networkhabit", "remind"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "nh: 1 person to reach" and done.stderr == ""
