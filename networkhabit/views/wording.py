"""Words for what an action did, shared by the CLI and the app."""

from __future__ import annotations

from datetime import date

from networkhabit.domain.model import Interaction
from networkhabit.domain.touches import closed_follow_up_text


def closed_text(follow_up: Interaction, today: date) -> str:
    """``closed the follow-up from Nov 12: send the deck``."""
    return closed_follow_up_text(follow_up, today)


def reopened_text(follow_up: Interaction, today: date) -> str:
    """``opened again the follow-up from Nov 12: send the deck`` (after an unlog)."""
    return "opened again" + closed_follow_up_text(follow_up, today).removeprefix("closed")
