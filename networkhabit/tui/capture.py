"""The palette's "Capture": run the last calendar/mail import again, in a worker."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from networkhabit.actions.capture import CaptureResult
    from networkhabit.tui.host import Host


def run_again(app: Host) -> None:
    """Import the last calendar or mailbox again; say what it found; show the new touches."""
    from networkhabit.actions.capture import capture_again, summary_lines, zone_from_env
    from networkhabit.actions.session import Session
    from networkhabit.clock import today as clock_today

    today = app.data.today if app.data is not None else clock_today()

    def work() -> CaptureResult:
        from datetime import datetime

        now = datetime.now().astimezone()
        return capture_again(
            Session(app.session.path, check=False),
            today,
            now=now if now.date() == today else None,
            local=zone_from_env(),
        )

    def done(result: CaptureResult) -> None:
        lines = summary_lines(result)
        app.notify("\n".join(lines[:4]), title=f"Capture: {result.kind}")
        app.reload()

    app.notify("Capture: importing again…", timeout=2)
    app.background(work, done, group="capture")
