"""Today's date at the edges of the app; ``NETWORKHABIT_TODAY=YYYY-MM-DD`` pins it."""

from __future__ import annotations

import os
from datetime import date

from networkhabit.paths import ENV_TODAY


class ClockError(ValueError):
    """NETWORKHABIT_TODAY holds something that is not a date."""


def today() -> date:
    """The local date, or the pinned one."""
    pinned = os.environ.get(ENV_TODAY, "").strip()
    if pinned:
        try:
            return date.fromisoformat(pinned)
        except ValueError:
            raise ClockError(f"{ENV_TODAY}={pinned!r} is not a date (use YYYY-MM-DD)") from None
    return date.today()
