"""Sync from the app: the command palette's "Sync" runs ``networkhabit sync`` in a worker."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from networkhabit.tui.app import NetworkhabitApp


#: How long the top bar's "synced … ago" is reused before git is asked again (seconds).
LABEL_FOR_S = 30.0
#: How long after the app starts git is first asked (seconds).
FIRST_ASK_AFTER_S = 2.0
_labels: dict[Path, tuple[float, str | None]] = {}
_asking: set[Path] = set()
_lock = threading.Lock()


def refresh_label(db_path: Path) -> None:
    """Ask git when the store last synced (one git call, no network; blocks: call it off the
    UI thread)."""
    from networkhabit.actions import sync as actions
    from networkhabit.actions.session import Session

    try:
        stamp = actions.last_sync(Session(db_path, check=False))
    except Exception:  # noqa: BLE001 — the top bar must never break the app
        stamp = None
    with _lock:
        _labels[db_path] = (time.monotonic(), stamp)
        _asking.discard(db_path)


def may_sync(db_path: Path) -> bool:
    """Whether the store may be in a git work tree — a ``.git`` in its folder or one above
    (or ``GIT_DIR`` set) — seen with a few stats, no git call: a store that does not sync
    (most) costs the app no thread, no git and no sync code."""
    if os.environ.get("GIT_DIR"):
        return True
    folder = db_path.absolute().parent
    return any((place / ".git").exists() for place in (folder, *folder.parents))


def synced_label(db_path: Path) -> str:
    """``synced 3 minutes ago`` for the top bar; "" when the store does not sync (or it is not
    known yet). Never waits for git: a stale answer is renewed in a thread, at most every
    :data:`LABEL_FOR_S` seconds (the bar redraws often)."""
    with _lock:
        got = _labels.get(db_path)
        stale = got is None or time.monotonic() - got[0] > LABEL_FOR_S
        if stale and db_path not in _asking:
            if may_sync(db_path):
                _asking.add(db_path)
                # The first time a little later: the app's start has better things to do.
                ask = threading.Timer(FIRST_ASK_AFTER_S if got is None else 0.0, refresh_label)
                ask.args, ask.daemon = (db_path,), True
                ask.start()
            else:
                got = _labels[db_path] = (time.monotonic(), None)  # no repository: no git
    if got is None or not got[1]:
        return ""  # (git's code is not imported for that: the first frame does not wait for it)
    from networkhabit.actions import sync as actions

    return f"synced {actions.since(got[1])}"


def last_synced(app: NetworkhabitApp) -> str:
    """``last synced 3 minutes ago`` / how to set it up, for the palette: what the top bar
    last learnt (no git call, no thread: the palette asks on every keystroke)."""
    from networkhabit.actions import sync as actions

    got = _labels.get(app.db_path)
    if got is None:
        return "commit, merge what came in, push"
    if got[1] is None:
        return "sync is not set up (networkhabit sync init REMOTE)"
    return f"last synced {actions.since(got[1])}"


def sync_now(app: NetworkhabitApp) -> None:
    """Commit, merge what came in, push — in a worker; say what happened, then re-read."""
    from networkhabit.actions import sync as actions
    from networkhabit.actions.session import Session

    app.notify("Syncing…", timeout=3)

    def work() -> tuple[bool, str]:
        try:
            result = actions.sync(Session(app.db_path))
        except (actions.GitError, actions.StoreError) as exc:
            return False, str(exc)
        refresh_label(app.db_path)  # the top bar shows this sync from now on
        came = result.incoming.summary()
        lines = [f"sent: {result.committed}" if result.committed else "nothing to send"]
        lines.append(f"came in: {came}" if came else "nothing new came in")
        lines.extend(result.notes)
        return True, "\n".join(lines)

    def done(outcome: tuple[bool, str]) -> None:
        ok, message = outcome
        if ok:
            app.notify(message, title="Synced")
            app.reload()
        else:
            app.notify(message, title="Sync failed", severity="error", timeout=15)

    app.background(work, done, group="sync")
