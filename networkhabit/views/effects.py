"""How an item reads once the user has acted on it, before the write is made: the app shows
this in place at once (the agenda, the contacts table, a contact's page), and the reload
after the write shows what was written. One wording for every list that shows it."""

from __future__ import annotations

from datetime import date

from networkhabit.domain.wording import short_date

CHECKED_IN = "✓ checked in"
SKIPPED = "✓ skipped today"
LOGGED = "✓ logged"
INTRODUCED = "✓ introduced"
ASKED = "✓ asked"


def snoozed_until(day: date, today: date) -> str:
    """``snoozed until Dec 9`` (with the year when it is not this year's)."""
    return f"snoozed until {short_date(day, today)}"


def moved_to(day: date, today: date) -> str:
    """``moved to Dec 3``: a follow-up put off to a later day."""
    return f"moved to {short_date(day, today)}"
