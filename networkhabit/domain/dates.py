"""Parsing the dates and durations users type: ``2026-11-20``, ``-3d``, ``friday``, ``2w``."""

from __future__ import annotations

import re
from datetime import date, timedelta

from networkhabit.domain.errors import InputError
from networkhabit.domain.model import WEEKDAY_NAMES
from networkhabit.domain.safe import quote

_UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}
# Patterns, compiled (and cached) by ``re`` when first used: most commands parse no date.
_DURATION = r"(?i)^\s*(\d+)\s*([dwmy]?)\s*$"
_RELATIVE = r"(?i)^\s*([+-])\s*(\d+)\s*([dwmy]?)\s*$"
_FULL_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def parse_duration(text: str) -> int:
    """Days in a duration: ``30d``, ``2w``, ``3m`` (30 days), ``1y`` or plain days; at least 1."""
    match = re.match(_DURATION, text or "")
    if not match:
        raise InputError(
            f"invalid duration {quote(text)}: use e.g. 30d, 2w, 3m, 1y or a number of days"
        )
    days = int(match.group(1)) * _UNIT_DAYS[(match.group(2) or "d").lower()]
    if days < 1:
        raise InputError(f"invalid duration {quote(text)}: must be at least 1 day")
    if days > 36500:
        raise InputError(f"invalid duration {quote(text)}: at most 100 years")
    return days


def format_duration(days: int) -> str:
    """The shortest exact way to write ``days``: ``2w``, ``30d``, ``1y``."""
    if days % 365 == 0:
        return f"{days // 365}y"
    if days % 7 == 0:
        return f"{days // 7}w"
    return f"{days}d"


def weekday_number(name: str) -> int:
    """Monday=0 … Sunday=6 from ``mon``, ``monday``, ``Mo`` …"""
    key = name.strip().lower()
    if len(key) >= 2:
        for number, full in enumerate(_FULL_WEEKDAYS):
            if full.startswith(key):
                return number
    raise InputError(f"invalid weekday {quote(name)}: use mon, tue, wed, thu, fri, sat or sun")


def parse_weekdays(text: str) -> tuple[int, ...]:
    """Weekday numbers from ``mon,wed,fri`` or ``weekdays`` / ``weekends`` / ``all``."""
    key = (text or "").strip().lower()
    if key in ("all", "daily", "every day"):
        return (0, 1, 2, 3, 4, 5, 6)
    if key == "weekdays":
        return (0, 1, 2, 3, 4)
    if key == "weekends":
        return (5, 6)
    parts = [p for p in re.split(r"[,\s]+", key) if p]
    if not parts:
        raise InputError("no weekdays given: use e.g. mon,wed,fri")
    return tuple(sorted({weekday_number(p) for p in parts}))


def format_weekdays(days: tuple[int, ...]) -> str:
    """``mon,wed,fri``; ``every day`` and ``weekdays`` for the common sets."""
    if tuple(days) == (0, 1, 2, 3, 4, 5, 6):
        return "every day"
    if tuple(days) == (0, 1, 2, 3, 4):
        return "weekdays"
    return ",".join(WEEKDAY_NAMES[d] for d in days)


def parse_date(text: str, today: date) -> date:
    """A date from ``YYYY-MM-DD``, ``today``, ``yesterday``, ``tomorrow``, ``-3d``, ``+1w``,
    or a weekday name (the last one; :func:`parse_date_relative` can look ahead instead)."""
    return parse_date_relative(text, today, future=False)


def parse_date_relative(text: str, today: date, *, future: bool) -> date:
    """Like :func:`parse_date`; a weekday name means the next one if ``future`` else the last one
    (today itself counts as neither: ``friday`` on a Friday is a week away), and in a field
    that looks ahead (``future``) a duration without a sign is that long from today
    (``2w`` as ``+2w``: "snooze for two weeks")."""
    raw = (text or "").strip()
    key = raw.lower()
    if not key:
        raise InputError("empty date: use YYYY-MM-DD, today, yesterday, -3d, +1w or a weekday")
    if key == "today":
        return today
    if key == "yesterday":
        return today - timedelta(days=1)
    if key == "tomorrow":
        return today + timedelta(days=1)
    match = re.match(_RELATIVE, key)
    if match is None and future:  # a duration without a sign: ahead
        match = re.match(_RELATIVE, "+" + key)
    if match:
        sign, amount, unit = match.groups()
        days = int(amount) * _UNIT_DAYS[(unit or "d").lower()]
        if days > 36500:
            raise InputError(f"invalid date {quote(raw)}: too far away")
        return today + timedelta(days=days if sign == "+" else -days)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", key):
        try:
            return date.fromisoformat(key)
        except ValueError:
            raise InputError(f"invalid date {quote(raw)}: no such day") from None
    if key.isalpha():
        try:
            wanted = weekday_number(key)
        except InputError:
            pass
        else:
            if future:
                ahead = (wanted - today.weekday()) % 7 or 7
                return today + timedelta(days=ahead)
            back = (today.weekday() - wanted) % 7 or 7
            return today - timedelta(days=back)
    raise InputError(
        f"invalid date {quote(raw)}: use YYYY-MM-DD, today, yesterday, -3d, +1w or a weekday name"
    )


def parse_birthday(text: str, today: date | None = None) -> str:
    """A birthday as ``YYYY-MM-DD`` or ``--MM-DD`` (year unknown), validated; with ``today``,
    one after today is refused."""
    raw = (text or "").strip()
    m = re.fullmatch(r"(?:(\d{4})|--|-)-?(\d{2})-?(\d{2})", raw)
    if not m:
        raise InputError(f"invalid birthday {quote(raw)}: use YYYY-MM-DD or --MM-DD")
    year, month, day = m.groups()
    try:
        date(int(year) if year else 2000, int(month), int(day))  # 2000: leap year, Feb 29 ok
    except ValueError:
        raise InputError(f"invalid birthday {quote(raw)}: no such day") from None
    if year and today is not None and date(int(year), int(month), int(day)) > today:
        raise InputError(f"invalid birthday {quote(raw)}: it is in the future")
    return f"{year}-{month}-{day}" if year else f"--{month}-{day}"


def next_birthday(birthday: str, today: date) -> date | None:
    """The next occurrence of ``birthday`` on or after today (Feb 29 falls on Mar 1)."""
    m = re.fullmatch(r"(?:\d{4}|-)-(\d{2})-(\d{2})", birthday or "")
    if not m:
        return None
    month, day = int(m.group(1)), int(m.group(2))
    for year in (today.year, today.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            candidate = date(year, 3, 1)
        if candidate >= today:
            return candidate
    return None


def parse_iso_week(text: str) -> date:
    """The Monday of an ISO week written ``2026-W48`` (or ``2026W48``)."""
    m = re.fullmatch(r"\s*(\d{4})-?[wW](\d{1,2})\s*", text or "")
    if not m:
        raise InputError(f"invalid week {quote(text)}: use e.g. 2026-W48")
    try:
        return date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
    except ValueError:
        raise InputError(f"invalid week {quote(text)}: no such ISO week") from None
