"""Sync from the app: the command palette's "Sync" runs ``networkhabit sync`` in a worker."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from networkhabit.tui.app import NetworkhabitApp


#: How long the top bar's "synced … ago" is reused before git is asked again (seconds).
LABEL_FOR_S = 30.0
_labels: dict[Path, tuple[float, str | None]] = {}


def synced_label(db_path: Path) -> str:
    """``synced 3 minutes ago`` for the top bar; "" when the store does not sync. The stamp
    is read from git at most every :data:`LABEL_FOR_S` seconds (the bar redraws often)."""
    from networkhabit.actions import sync as actions
    from networkhabit.actions.session import Session

    now = time.monotonic()
    got = _labels.get(db_path)
    if got is None or now - got[0] > LABEL_FOR_S:
        try:
            stamp = actions.last_sync(Session(db_path, check=False))
        except Exception:  # noqa: BLE001 — the top bar must never break the app
            stamp = None
        got = _labels[db_path] = (now, stamp)
    return f"synced {actions.since(got[1])}" if got[1] else ""


def forget_label(db_path: Path) -> None:
    """After a sync: the next top bar asks git again."""
    _labels.pop(db_path, None)


def last_synced(app: NetworkhabitApp) -> str:
    """``last synced 3 minutes ago`` / how to set it up, for the palette (cached: see
    :func:`synced_label`, so typing in the palette never waits for git)."""
    label = synced_label(app.db_path)
    return f"last {label}" if label else "sync is not set up (networkhabit sync init REMOTE)"


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
        came = result.incoming.summary()
        lines = [f"sent: {result.committed}" if result.committed else "nothing to send"]
        lines.append(f"came in: {came}" if came else "nothing new came in")
        lines.extend(result.notes)
        return True, "\n".join(lines)

    def done(outcome: tuple[bool, str]) -> None:
        ok, message = outcome
        forget_label(app.db_path)
        if ok:
            app.notify(message, title="Synced")
            app.reload()
        else:
            app.notify(message, title="Sync failed", severity="error", timeout=15)

    app.background(work, done, group="sync")
