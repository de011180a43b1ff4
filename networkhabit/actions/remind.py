"""The morning reminder: what is due today (the counts ``status`` shows), and the user-level
timer that shows it each morning — a systemd user timer on Linux, a launchd agent on macOS,
else the crontab line to add (a crontab is never edited by networkhabit itself).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path

from networkhabit.actions.session import Session

#: The files the timer is made of (their names, so uninstall finds them).
SYSTEMD_NAME = "networkhabit-remind"
LAUNCHD_LABEL = "org.networkhabit.remind"


@dataclass(frozen=True, slots=True)
class DueToday:
    """What is due today, counted as the status line counts it."""

    follow_ups: int = 0
    habits: int = 0
    to_reach: int = 0
    streak: int = 0

    @property
    def nothing_due(self) -> bool:
        return not (self.follow_ups or self.habits or self.to_reach)

    def parts(self, flame: bool = True) -> list[str]:
        """The summary's pieces: "🔥4", "2 follow-ups", "1 habit open", "3 to reach"."""
        import humanize

        from networkhabit.domain.wording import count

        parts = []
        if self.streak:
            parts.append(f"🔥{self.streak}" if flame else f"streak {self.streak}")
        if self.follow_ups:
            parts.append(count(self.follow_ups, "follow-up"))
        if self.habits:
            parts.append(f"{count(self.habits, 'habit')} open")
        if self.to_reach:
            parts.append(f"{humanize.intcomma(self.to_reach)} to reach")
        return parts

    def line(self, flame: bool = True) -> str:
        """The status line: ``nh: 🔥4 · 2 follow-ups · 1 habit open · 3 to reach``."""
        parts = self.parts(flame)
        return "nh: " + (" · ".join(parts) if parts else "all done")


def due_today(session: Session, today: date) -> DueToday:
    """Follow-ups due, habits due and not met, contacts to reach, and the networking streak."""
    from networkhabit.domain.agenda import build_agenda
    from networkhabit.domain.habits import networking_streak

    snap = session.daily(("contacts", "habits", "checkins", "breaks"))
    items = build_agenda(snap, today, neglected_limit=10**9, introductions=False)
    kinds = [it.kind for it in items]
    return DueToday(
        follow_ups=kinds.count("follow_up"),
        habits=kinds.count("habit"),
        to_reach=kinds.count("neglected"),
        streak=networking_streak(snap, today),
    )


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
