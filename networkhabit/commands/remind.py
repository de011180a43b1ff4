"""``remind``: what is due today, as a desktop notification (else printed); ``--install``
writes the timer that runs it each morning, ``--uninstall`` removes it.

Start-up stays lean: nothing heavy is imported until the command runs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

import click

from networkhabit.actions.session import HABIT_TABLES
from networkhabit.commands.base import Context, can_show, command, fail, pass_ctx


def status_line(obj: Context) -> tuple[bool, str]:
    """(nothing due, the status line) for today — what ``status`` shows too."""
    from networkhabit.views.today import status_line as line
    from networkhabit.views.today import today_view

    snap = obj.daily(*HABIT_TABLES)
    view = today_view(snap, obj.today, introductions=False, streaks=False)
    return not view.counts.parts(), line(view, flame=can_show("🔥"))


def headless(env: Mapping[str, str], platform: str) -> bool:
    """No desktop to show a notification on (a server, ssh, CI, a test)."""
    if env.get("NETWORKHABIT_NO_NOTIFY"):
        return True
    if platform.startswith("linux"):
        return not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))
    return platform != "darwin"


def notify(title: str, text: str) -> bool:
    """Show a desktop notification (freedesktop's ``notify-send`` on Linux, Notification
    Center on macOS); False where none can be shown."""
    if headless(os.environ, sys.platform):
        return False
    import shutil
    import subprocess

    if sys.platform == "darwin":
        tool = shutil.which("osascript")
        script = f"display notification {_applescript(text)} with title {_applescript(title)}"
        args = [tool, "-e", script] if tool else None
    else:
        tool = shutil.which("notify-send")
        args = [tool, "--app-name=networkhabit", title, text] if tool else None
    if args is None:
        return False
    try:
        done = subprocess.run(args, capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def _applescript(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _at(text: str) -> object:
    from datetime import time

    try:
        hours, _, minutes = text.strip().partition(":")
        return time(int(hours), int(minutes or 0))
    except ValueError:
        fail(f"--at {text!r} is not a time of day: use HH:MM, e.g. 08:30")


@command()
@click.option("--install", "install_", is_flag=True, help="Run it every morning (a user timer).")
@click.option("--uninstall", is_flag=True, help="Remove the morning timer.")
@click.option(
    "--at", "at_", default="08:30", show_default=True, metavar="HH:MM", help="With --install."
)
@click.option("--print", "just_print", is_flag=True, help="Print, never notify.")
@pass_ctx
def remind(obj: Context, install_: bool, uninstall: bool, at_: str, just_print: bool) -> None:
    """What is due today, as a desktop notification where one can be shown, else printed.

    --install writes a user-level timer that runs 'networkhabit remind' each morning (a
    systemd user timer on Linux, a launchd agent on macOS, else it prints the crontab line
    to add); --uninstall removes it. networkhabit never edits a crontab itself."""
    from networkhabit.actions import remind as reminder

    if install_ and uninstall:
        fail("--install and --uninstall cannot go together")
    home = Path.home()
    if uninstall:
        kind, removed = reminder.uninstall(sys.platform, os.environ, home)
        if kind == "cron":
            click.echo("remove the 'networkhabit … remind' line with 'crontab -e'")
        elif not removed:
            click.echo("no morning reminder was installed")
        else:
            for path in removed:
                click.echo(f"removed {path}")
            if kind == "systemd":
                click.echo("then: systemctl --user daemon-reload")
        return
    if install_:
        at = _at(at_)
        command = [sys.executable, "-m", "networkhabit", "--db", str(obj.path), "remind"]
        done = reminder.install(command, at, sys.platform, os.environ, home)  # type: ignore[arg-type]
        if done.kind == "cron":
            click.echo("add this line with 'crontab -e' (networkhabit does not edit it):")
            click.echo(done.then)
            return
        for path in done.files:
            click.echo(f"wrote {path}")
        click.echo(f"start it now: {done.then}")
        return
    nothing, line = status_line(obj)
    if not nothing and not just_print:
        notify("networkhabit", line.removeprefix("nh: "))
    click.echo(line)


def register(group: click.Group) -> None:
    group.add_command(remind)
