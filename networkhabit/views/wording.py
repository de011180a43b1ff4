"""Words for what an action did, shared by the CLI and the app."""

from __future__ import annotations

from datetime import date

from networkhabit.domain.model import Interaction


def short_day(day: date, today: date) -> str:
    """``12 Nov`` (with the year when it is not this year's)."""
    text = f"{day.day} {day:%b}"
    return text if day.year == today.year else f"{text} {day.year}"


def closed_text(follow_up: Interaction, today: date) -> str:
    """``closed the follow-up from 12 Nov: send the deck``."""
    note = f": {follow_up.note}" if follow_up.note else ""
    return f"closed the follow-up from {short_day(follow_up.date, today)}{note}"


def reopened_text(follow_up: Interaction, today: date) -> str:
    """``opened again the follow-up from 12 Nov: send the deck``."""
    note = f": {follow_up.note}" if follow_up.note else ""
    return f"opened again the follow-up from {short_day(follow_up.date, today)}{note}"
