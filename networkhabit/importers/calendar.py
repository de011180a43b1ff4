"""Read an .ics calendar (an export from Google Calendar, Outlook, Apple Calendar,
Thunderbird, or a CalDAV download) into plain occurrences: one per event and day it
happens, recurring events expanded, each dated in the local time zone.

icalendar parses the file; ``x-wr-timezone`` applies the zone Google's exports name only in
``X-WR-TIMEZONE``; ``recurring-ical-events`` expands RRULE/RDATE/EXDATE and moved
occurrences (RECURRENCE-ID). Nothing here touches the store: :mod:`networkhabit.actions.capture`
decides what becomes a touch.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, tzinfo
from pathlib import Path
from typing import Any

from networkhabit.domain.errors import InputError

#: How far back recurring events are expanded when no ``--since`` is given.
DEFAULT_YEARS_BACK = 10


@dataclass(frozen=True, slots=True)
class Attendee:
    """Someone on an event: address (lower-case, may be empty), name, and their answer."""

    email: str
    name: str = ""
    partstat: str = ""  # ACCEPTED, DECLINED, TENTATIVE, NEEDS-ACTION, DELEGATED ("" unknown)


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One time an event happens."""

    #: Stable across imports: the event's UID and which occurrence this is.
    key: str
    uid: str
    title: str
    #: The local date it happens on.
    day: date
    #: When it starts, in the local zone (None for an all-day event).
    start: datetime | None
    all_day: bool
    organizer: Attendee | None
    attendees: tuple[Attendee, ...]
    cancelled: bool = False


def read(
    path: str | Path, since: date | None, until: date, local: tzinfo | None = None
) -> list[Occurrence]:
    """Every occurrence in the .ics file at ``path`` (or in every .ics file of a folder, as a
    CalDAV download by vdirsyncer lays them out) from ``since`` (default: ten years back)
    to ``until`` (inclusive),
    dated in ``local`` (default: the system's local zone, which ``TZ`` sets).
    :class:`InputError` for a file that cannot be read or is not a calendar."""
    import icalendar
    import recurring_ical_events  # type: ignore[import-untyped]
    import x_wr_timezone  # type: ignore[import-untyped]

    p = Path(path)
    try:
        files = sorted(p.glob("*.ics")) if p.is_dir() else [p]
    except (OSError, ValueError) as exc:
        raise InputError(f"{shorten(path)}: cannot read ({exc})") from None
    if not files:
        raise InputError(f"{path}: no .ics files in this folder")
    start = since or date(until.year - DEFAULT_YEARS_BACK, 1, 1)
    out: list[Occurrence] = []
    for f in files:
        shown = f if p.is_dir() else path
        try:
            raw = f.read_bytes()
        except OSError as exc:
            raise InputError(f"{shorten(shown)}: cannot read ({exc.strerror or exc})") from None
        try:
            calendars = icalendar.Calendar.from_ical(raw, multiple=True)
        except (ValueError, IndexError, KeyError) as exc:
            raise InputError(f"{shown}: not an iCalendar file ({exc})") from None
        calendars = [c for c in calendars if c.name == "VCALENDAR"]  # (a vCard parses too)
        if not calendars:
            from networkhabit.importers.files import other_kind

            hint = other_kind(raw, but="import calendar")
            raise InputError(f"{shown}: not an iCalendar file (no VCALENDAR in it){hint}")
        for cal in calendars:
            try:
                cal = x_wr_timezone.to_standard(cal)
                events = recurring_ical_events.of(cal).between(start, _next(until))
            except Exception as exc:  # noqa: BLE001 — the libraries raise many kinds on bad input
                raise InputError(f"{shown}: the calendar cannot be read ({exc})") from None
            for event in events:
                if event.name != "VEVENT":
                    continue
                occ = _occurrence(event, local)
                if occ is not None and start <= occ.day <= until:
                    out.append(occ)
    out.sort(key=lambda o: (o.day, o.key))
    return out


def shorten(path: str | Path) -> str:
    """A path for a message: whole unless absurdly long, then its start and its end."""
    text = str(path)
    return text if len(text) <= 160 else f"{text[:80]}…{text[-60:]}"


def _next(day: date) -> date:
    return date.fromordinal(day.toordinal() + 1)


def _occurrence(event: Any, local: tzinfo | None) -> Occurrence | None:
    dtstart = event.get("DTSTART")
    if dtstart is None:
        return None
    when = dtstart.dt
    uid = str(event.get("UID") or "")
    title = " ".join(str(event.get("SUMMARY") or "").split())
    if isinstance(when, datetime):
        start = _local(when, local)
        day, all_day = start.date(), False
    else:
        start, day, all_day = None, when, True
    rid = event.get("RECURRENCE-ID")
    which = _stamp(rid.dt if rid is not None else when)
    organizer = _person(event.get("ORGANIZER"))
    raw = event.get("ATTENDEE")
    listed = raw if isinstance(raw, list) else [raw] if raw is not None else []
    attendees = tuple(a for a in (_person(x) for x in listed) if a is not None)
    status = str(event.get("STATUS") or "").upper()
    return Occurrence(
        key=f"ics:{uid or title}:{which}",
        uid=uid,
        title=title,
        day=day,
        start=start,
        all_day=all_day,
        organizer=organizer,
        attendees=attendees,
        cancelled=status == "CANCELLED",
    )


def _local(when: datetime, local: tzinfo | None) -> datetime:
    """``when`` in the local zone; a floating time (no zone) is local already."""
    if when.tzinfo is None:
        return when.replace(tzinfo=local) if local is not None else when.astimezone()
    return when.astimezone(local) if local is not None else when.astimezone()


def _stamp(value: date | datetime) -> str:
    """An occurrence's identity as text: UTC for a time with a zone, as written otherwise."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        return value.strftime("%Y%m%dT%H%M%S")
    return datetime.combine(value, time()).strftime("%Y%m%d")


def _person(prop: Any) -> Attendee | None:
    if prop is None:
        return None
    text = str(prop).strip()
    email = text[7:] if text.lower().startswith("mailto:") else text if "@" in text else ""
    params = getattr(prop, "params", {}) or {}
    name = " ".join(str(params.get("CN") or "").split()).strip('"')
    if not email and not name:
        return None
    return Attendee(email.strip().lower(), name, str(params.get("PARTSTAT") or "").upper())
