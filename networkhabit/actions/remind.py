"""The morning reminder's user-level timer (what it shows is the status line:
:func:`networkhabit.views.today.status_line`) that shows it each morning — a systemd user timer on Linux, a launchd agent on macOS,
else the crontab line to add (a crontab is never edited by networkhabit itself).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import time
from pathlib import Path

#: The files the timer is made of (their names, so uninstall finds them).
SYSTEMD_NAME = "networkhabit-remind"
LAUNCHD_LABEL = "org.networkhabit.remind"


# -- the timer ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Installed:
    """What ``remind --install`` did: the files written (none for cron), and what the user
    still has to run or add."""

    kind: str  # "systemd", "launchd" or "cron"
    files: tuple[Path, ...]
    #: A command to start it now (systemd, launchd) or the crontab line to add (cron).
    then: str


def kind_for(platform: str) -> str:
    """Which timer this platform gets (``sys.platform``)."""
    if platform.startswith("linux"):
        return "systemd"
    if platform == "darwin":
        return "launchd"
    return "cron"


def systemd_dir(env: Mapping[str, str], home: Path) -> Path:
    """``$XDG_CONFIG_HOME/systemd/user`` (default ``~/.config/systemd/user``)."""
    base = env.get("XDG_CONFIG_HOME") or str(home / ".config")
    return Path(base) / "systemd" / "user"


def launchd_path(home: Path) -> Path:
    return home / "Library" / "LaunchAgents" / f"{LAUNCHD_LABEL}.plist"


def _quoted(args: Sequence[str]) -> str:
    """A command line systemd and a shell both read back as ``args``."""
    out = []
    for a in args:
        if a and all(ch.isalnum() or ch in "-_./=:@%+," for ch in a):
            out.append(a)
        else:
            out.append('"' + a.replace("\\", "\\\\").replace('"', '\\"') + '"')
    return " ".join(out)


def install(
    command: Sequence[str], at: time, platform: str, env: Mapping[str, str], home: Path
) -> Installed:
    """Write the timer that runs ``command`` every morning at ``at``."""
    kind = kind_for(platform)
    hhmm = at.strftime("%H:%M")
    if kind == "systemd":
        folder = systemd_dir(env, home)
        folder.mkdir(parents=True, exist_ok=True)
        service = folder / f"{SYSTEMD_NAME}.service"
        timer = folder / f"{SYSTEMD_NAME}.timer"
        service.write_text(
            "[Unit]\n"
            "Description=networkhabit: what networking work is due today\n\n"
            "[Service]\n"
            "Type=oneshot\n"
            f"ExecStart={_quoted(command)}\n"
        )
        timer.write_text(
            "[Unit]\n"
            f"Description=networkhabit morning reminder at {hhmm}\n\n"
            "[Timer]\n"
            f"OnCalendar=*-*-* {hhmm}:00\n"
            "Persistent=true\n\n"
            "[Install]\n"
            "WantedBy=timers.target\n"
        )
        return Installed(
            kind,
            (service, timer),
            f"systemctl --user daemon-reload && systemctl --user enable --now {timer.name}",
        )
    if kind == "launchd":
        import plistlib  # only here: the status line shares this module

        path = launchd_path(home)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(
            plistlib.dumps(
                {
                    "Label": LAUNCHD_LABEL,
                    "ProgramArguments": list(command),
                    "StartCalendarInterval": {"Hour": at.hour, "Minute": at.minute},
                    "RunAtLoad": False,
                }
            )
        )
        return Installed(kind, (path,), f"launchctl load -w {_quoted([str(path)])}")
    return Installed(kind, (), f"{at.minute} {at.hour} * * * {_quoted(command)}")


def uninstall(platform: str, env: Mapping[str, str], home: Path) -> tuple[str, tuple[Path, ...]]:
    """Remove the timer :func:`install` wrote; (kind, the files removed)."""
    kind = kind_for(platform)
    if kind == "systemd":
        folder = systemd_dir(env, home)
        candidates = [
            folder / "timers.target.wants" / f"{SYSTEMD_NAME}.timer",  # left by `enable`
            folder / f"{SYSTEMD_NAME}.timer",
            folder / f"{SYSTEMD_NAME}.service",
        ]
    elif kind == "launchd":
        candidates = [launchd_path(home)]
    else:
        return kind, ()
    removed = []
    for path in candidates:
        if path.is_symlink() or path.exists():
            path.unlink()
            removed.append(path)
    return kind, tuple(removed)
