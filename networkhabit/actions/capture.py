"""Capture: touches from an imported calendar or mailbox, so the log fills itself.

``import calendar FILE``: every past event you were at with a contact among its attendees
becomes a ``meeting`` touch (the event's title as note, dated on the local day); future
ones become :class:`~networkhabit.domain.model.Plan` records for the agenda. ``import mail
PATH``: every message you sent becomes an ``email`` touch with the contacts among its
recipients (and, with ``received``, every reply a contact sent you one with them).

People are matched by e-mail address, then by name where exactly one contact has it.
Each touch carries the event's UID + occurrence or the message's Message-ID as its
``external_id``, so importing the same file again adds nothing. Everything happens in one
transaction on data read inside it; a dry run reads and plans but writes nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any

from networkhabit.actions.session import Session
from networkhabit.domain.errors import InputError
from networkhabit.domain.model import Contact, Interaction, Plan, Snapshot, new_uid
from networkhabit.domain.names import fold
from networkhabit.domain.safe import clean_line, clean_record
from networkhabit.domain.touches import log_touch
from networkhabit.domain.wording import count

#: What the meta record keeps about the last import (the app's "Capture" runs it again).
CAPTURE_KEY = "capture"
#: How far ahead future meetings are kept for the agenda.
PLAN_DAYS = 60

KINDS = ("calendar", "mail")
#: An attendee's answer that says they were not there (another went in their place).
NOT_THERE = ("DECLINED", "DELEGATED")
NO_ME_PROSPECTS = (
    "--add-unknown needs your own addresses (or you would be added as a prospect): "
    "networkhabit settings set me you@example.com"
)
NO_ME = (
    "which messages are yours? set your addresses first: "
    "networkhabit settings set me you@example.com"
)


@dataclass(frozen=True, slots=True)
class Stranger:
    """An attendee or recipient who is not among the contacts."""

    email: str
    name: str = ""


@dataclass(frozen=True, slots=True)
class CaptureResult:
    """What an import found and did (or, for a dry run, would do)."""

    kind: str  # "calendar" or "mail"
    path: str
    #: The new touches (written unless ``dry_run``).
    touches: tuple[Interaction, ...] = ()
    #: Events/messages with contacts that were imported before (nothing added for them).
    already: int = 0
    #: Events/messages looked at (within --since).
    seen: int = 0
    #: Distinct contacts in the new touches.
    contacts: int = 0
    #: People not in the contacts (added as prospects with ``add_unknown``).
    unknown: tuple[Stranger, ...] = ()
    added: tuple[Contact, ...] = ()
    #: Names that fit several contacts (left out: which one was meant cannot be told).
    ambiguous: tuple[str, ...] = ()
    #: Future meetings with contacts now on the agenda.
    plans: tuple[Plan, ...] = ()
    #: Left out: invitations you declined, events you were not at, cancelled events.
    declined: int = 0
    absent: int = 0
    cancelled: int = 0
    #: Open follow-ups the new touches answered.
    closed: int = 0
    dry_run: bool = False
    #: Your own addresses are not set (declined invitations cannot be told apart).
    no_me: bool = False
    #: The names of the contacts in the new touches, most touches first.
    names: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LastCapture:
    """The last calendar/mail import, as the app's "Capture" runs it again."""

    kind: str
    path: str
    received: bool = False
    add_unknown: bool = False


# -- matching -------------------------------------------------------------------------------


_SPLIT = re.compile(r"[,;\s]+")


class Matcher:
    """Contacts by e-mail address and by (unique) name; archived contacts are left out."""

    def __init__(self, contacts: Iterable[Contact], mine: Iterable[str]) -> None:
        self.mine = {e.lower() for e in mine}
        self.by_email: dict[str, str] = {}
        self.by_name: dict[str, list[str]] = {}
        self.archived: set[str] = set()
        for c in contacts:
            emails = [e.lower() for e in _SPLIT.split(c.email) if "@" in e]
            if c.archived:
                self.archived.update(emails)
                continue
            for e in emails:
                self.by_email.setdefault(e, c.uid)
            self.by_name.setdefault(fold(c.name), []).append(c.uid)

    def is_me(self, email: str) -> bool:
        return email.lower() in self.mine

    def match(self, email: str, name: str) -> str | list[str] | None:
        """A contact uid; several uids for a name many contacts share; None if nobody."""
        if email and email in self.by_email:
            return self.by_email[email]
        if email and email in self.archived:
            return []  # known, archived: neither matched nor a stranger
        uids = self.by_name.get(fold(name)) if name.strip() else None
        if uids:
            return uids[0] if len(uids) == 1 else list(uids)
        return None


class _Tally:
    """What one import collects while it goes through the events or messages."""

    def __init__(self, snap: Snapshot, mine: Iterable[str]) -> None:
        self.matcher = Matcher(snap.contacts, mine)
        self.existing = {i.external_id for i in snap.interactions if i.external_id}
        #: (event UID, day) of the touches from calendars: a series whose time was changed
        #: gives its past occurrences new keys, yet they are the same meetings.
        self.event_days = {
            (event_uid(i.external_id), i.date)
            for i in snap.interactions
            if i.external_id.startswith("ics:")
        }
        self.unknown: dict[str, Stranger] = {}
        self.ambiguous: set[str] = set()

    def people(self, who: Iterable[tuple[str, str]]) -> tuple[list[str], list[Stranger]]:
        """The contact uids among ``who`` (email, name), and the strangers."""
        found: list[str] = []
        strangers: list[Stranger] = []
        for email, name in who:
            if email and self.matcher.is_me(email):
                continue
            got = self.matcher.match(email, name)
            if isinstance(got, str):
                found.append(got)
            elif isinstance(got, list):
                if got:
                    self.ambiguous.add(name)
            elif email:
                strangers.append(Stranger(email, name))
        return list(dict.fromkeys(found)), strangers

    def note_strangers(self, strangers: Iterable[Stranger]) -> None:
        for s in strangers:
            known = self.unknown.get(s.email)
            if known is None or (not known.name and s.name):
                self.unknown[s.email] = s


def _prospects(strangers: Iterable[Stranger], today: date, source: str) -> list[Contact]:
    """New prospects for the strangers (named by their name, else their address)."""
    return [
        clean_record(
            Contact(
                uid=new_uid(),
                name=(" ".join(s.name.split()) or s.email.split("@")[0])[:200],
                created=today,
                email=s.email,
                known=False,
                source=source,
                notes=f"added by 'import {source}'",
            )
        )
        for s in strangers
    ]


def _write_touches(
    snap: Snapshot,
    wanted: Sequence[tuple[tuple[str, ...], date, str, str, str]],
    today: date,
) -> tuple[list[Interaction], list[Interaction]]:
    """The touches (uids, day, kind, note, key) as records, and the follow-ups they close."""
    touches: list[Interaction] = []
    closed: dict[str, Interaction] = {}
    for uids, day, kind, note, key in wanted:
        touch, answers = log_touch(snap, uids, day, today, kind, note[:500])
        touches.append(clean_record(replace(touch, external_id=key)))
        for c in answers:
            closed.setdefault(c.uid, c)
    return touches, list(closed.values())


def _names(touches: Iterable[Interaction], contacts: Sequence[Contact]) -> tuple[str, ...]:
    """The contacts in ``touches`` as the user reads them, most touches first."""
    from networkhabit.domain.names import display_names

    labels = display_names(contacts)
    seen = Counter(u for t in touches for u in t.contacts)
    return tuple(
        labels.get(u, u)
        for u, _n in sorted(seen.items(), key=lambda x: (-x[1], labels.get(x[0], "")))
    )


def _absolute(path: str | Path) -> str:
    """``path`` made absolute (what "Capture" runs again); :class:`InputError` if it cannot be."""
    try:
        return str(Path(path).resolve())
    except (OSError, ValueError) as exc:
        from networkhabit.importers.calendar import shorten

        raise InputError(f"{shorten(path)}: not a usable path ({exc})") from None


def _remember(tx: Any, last: LastCapture) -> None:
    tx.save_meta(
        CAPTURE_KEY,
        {
            "kind": last.kind,
            "path": last.path,
            "received": last.received,
            "add_unknown": last.add_unknown,
        },
    )


def zone_from_env() -> tzinfo | None:
    """The zone events and mails are dated in: ``TZ`` when it names one (tests, a user who
    sets it), else None (the system's local zone)."""
    import os

    name = os.environ.get("TZ", "").lstrip(":")
    if not name:
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def last_capture(session: Session) -> LastCapture | None:
    """The last calendar/mail import (None if there was none)."""
    doc = session.store.meta_value(CAPTURE_KEY)
    if not isinstance(doc, dict) or doc.get("kind") not in KINDS or not doc.get("path"):
        return None
    return LastCapture(
        str(doc["kind"]),
        str(doc["path"]),
        bool(doc.get("received")),
        bool(doc.get("add_unknown")),
    )


def capture_again(
    session: Session, today: date, now: datetime | None = None, local: tzinfo | None = None
) -> CaptureResult:
    """Run the last calendar/mail import again; :class:`InputError` if there was none."""
    last = last_capture(session)
    if last is None:
        raise InputError(
            "no calendar or mail import yet: run 'networkhabit import calendar FILE.ics' "
            "or 'networkhabit import mail PATH' once"
        )
    if last.kind == "calendar":
        return import_calendar(
            session, last.path, today, now=now, local=local, add_unknown=last.add_unknown
        )
    return import_mail(
        session,
        last.path,
        today,
        local=local,
        received=last.received,
        add_unknown=last.add_unknown,
    )


# -- calendar -------------------------------------------------------------------------------


def import_calendar(
    session: Session,
    path: str | Path,
    today: date,
    *,
    since: date | None = None,
    now: datetime | None = None,
    local: tzinfo | None = None,
    dry_run: bool = False,
    add_unknown: bool = False,
) -> CaptureResult:
    """Touches from the past events of the .ics file at ``path`` and plans from its future
    ones (see the module). ``now`` tells which of today's events are over (default: all
    of them); ``local`` is the zone events are dated in (default: the system's)."""
    from networkhabit.importers import calendar

    source = _absolute(path)
    occurrences = calendar.read(path, since, date.fromordinal(today.toordinal() + PLAN_DAYS), local)
    with session.transaction() as tx:
        snap = tx.snapshot()
        mine = snap.settings.my_emails
        if add_unknown and not mine:
            raise InputError(NO_ME_PROSPECTS)
        tally = _Tally(snap, mine)
        past: list[tuple[list[str], list[Any], Any]] = []
        future: list[tuple[list[str], Any]] = []
        declined = absent = cancelled = already = seen = 0
        for occ in occurrences:
            seen += 1
            if occ.cancelled:
                cancelled += 1
                continue
            everyone = [*occ.attendees, *([occ.organizer] if occ.organizer else [])]
            me = [a for a in everyone if a.email and tally.matcher.is_me(a.email)]
            if mine and occ.attendees and not me:
                absent += 1
                continue
            if occ.organizer not in me and any(a.partstat in NOT_THERE for a in me):
                declined += 1
                continue
            others = [
                (a.email, a.name)
                for a in dict.fromkeys(everyone)
                if a.partstat not in NOT_THERE or a is occ.organizer
            ]
            uids, strangers = tally.people(others)
            over = occ.day < today or (
                occ.day == today and (occ.start is None or now is None or occ.start <= now)
            )
            if over:
                if occ.key in tally.existing or (
                    occ.uid and (occ.uid, occ.day) in tally.event_days
                ):
                    already += 1 if uids else 0
                    continue
                tally.note_strangers(strangers)
                past.append((uids, strangers, occ))
            elif uids:
                future.append((uids, occ))

        added = _prospects(tally.unknown.values(), today, "calendar") if add_unknown else []
        new_uids = {a.email: a.uid for a in added}
        wanted: list[tuple[tuple[str, ...], date, str, str, str]] = []
        for uids, strangers, occ in past:
            people = [*uids, *(new_uids[s.email] for s in strangers if s.email in new_uids)]
            if people:
                tally.existing.add(occ.key)
                tally.event_days.add((occ.uid, occ.day))
                wanted.append(
                    (tuple(dict.fromkeys(people)), occ.day, "meeting", occ.title, occ.key)
                )
        touches, closed = _write_touches(snap, wanted, today)
        plans, upcoming = _plans(snap.plans, future, occurrences, today)
        if not dry_run:
            _store(tx, added, touches, closed)
            tx.save_plans(plans)
            _remember(tx, LastCapture("calendar", source, add_unknown=add_unknown))
    return _result(
        "calendar",
        source,
        snap,
        tally,
        (touches, added, closed),
        (already, seen, dry_run),
        plans=tuple(upcoming),
        declined=declined,
        absent=absent,
        cancelled=cancelled,
        no_me=not mine,
    )


def _plans(
    old: Iterable[Plan],
    future: Sequence[tuple[list[str], Any]],
    occurrences: Iterable[Any],
    today: date,
) -> tuple[list[Plan], list[Plan]]:
    """The store's future meetings after this import — the earlier ones not from this file's
    events (and not past), then this file's (keeping their uids) — and this file's alone."""
    events = {occ.uid for occ in occurrences if occ.uid}
    by_key = {p.external_id: p for p in old}
    kept = [p for p in old if p.date >= today and _uid_of(p) not in events]
    new = [
        Plan(
            uid=by_key[occ.key].uid if occ.key in by_key else new_uid(),
            contacts=tuple(uids),
            date=occ.day,
            title=clean_line(occ.title),
            external_id=occ.key,
        )
        for uids, occ in future
    ]
    return [*kept, *new], new


def _uid_of(p: Plan) -> str:
    return event_uid(p.external_id)


def event_uid(key: str) -> str:
    """The event UID inside an ``ics:UID:occurrence`` key (a UID may hold colons itself)."""
    return key.removeprefix("ics:").rsplit(":", 1)[0]


# -- mail -----------------------------------------------------------------------------------


def import_mail(
    session: Session,
    path: str | Path,
    today: date,
    *,
    since: date | None = None,
    local: tzinfo | None = None,
    received: bool = False,
    dry_run: bool = False,
    add_unknown: bool = False,
) -> CaptureResult:
    """Touches from the messages in the mbox file or Maildir folder at ``path`` (see the
    module). :class:`InputError` if your own addresses are not set."""
    from networkhabit.importers import mail

    source = _absolute(path)
    if not session.people(()).settings.my_emails:  # before reading a large mailbox for nothing
        raise InputError(NO_ME)
    messages = mail.read(path, local)
    with session.transaction() as tx:
        snap = tx.snapshot()
        mine = snap.settings.my_emails
        if not mine:
            raise InputError(NO_ME)
        tally = _Tally(snap, mine)
        picked: list[tuple[list[str], list[Stranger], Any]] = []
        copies: set[str] = set()
        already = seen = 0
        for msg in messages:
            if (since is not None and msg.day < since) or msg.day > today or msg.sender is None:
                continue
            if msg.key in copies:
                continue  # the same message twice in the file (a thread, a copy in two folders)
            copies.add(msg.key)
            seen += 1
            if tally.matcher.is_me(msg.sender.email):
                who = [(a.email, a.name) for a in msg.recipients]
            elif received and msg.reply:
                who = [(msg.sender.email, msg.sender.name)]
            else:
                seen -= 1
                continue
            uids, strangers = tally.people(who)
            if msg.key in tally.existing:
                already += 1 if uids else 0
                continue
            tally.existing.add(msg.key)
            tally.note_strangers(strangers)
            picked.append((uids, strangers, msg))

        added = _prospects(tally.unknown.values(), today, "mail") if add_unknown else []
        new_uids = {a.email: a.uid for a in added}
        wanted: list[tuple[tuple[str, ...], date, str, str, str]] = []
        for uids, strangers, msg in picked:
            people = [*uids, *(new_uids[s.email] for s in strangers if s.email in new_uids)]
            if people:
                wanted.append(
                    (tuple(dict.fromkeys(people)), msg.day, "email", msg.subject, msg.key)
                )
        touches, closed = _write_touches(snap, wanted, today)
        if not dry_run:
            _store(tx, added, touches, closed)
            _remember(tx, LastCapture("mail", source, received, add_unknown))
    return _result("mail", source, snap, tally, (touches, added, closed), (already, seen, dry_run))


def _store(
    tx: Any, added: Sequence[Contact], touches: Sequence[Interaction], closed: Sequence[Interaction]
) -> None:
    """Write what a capture found: the new prospects and touches, the follow-ups closed."""
    if added or touches:
        tx.add_many([*added, *touches])
    if closed:
        tx.update_many(closed)


def _result(
    kind: str,
    source: str,
    snap: Snapshot,
    tally: Any,
    written: tuple[Sequence[Interaction], Sequence[Contact], Sequence[Interaction]],
    counts: tuple[int, int, bool],
    **extra: Any,
) -> CaptureResult:
    """What a capture did, for the front ends to word."""
    touches, added, closed = written
    already, seen, dry_run = counts
    return CaptureResult(
        kind=kind,
        path=source,
        touches=tuple(touches),
        already=already,
        seen=seen,
        contacts=len({u for t in touches for u in t.contacts}),
        names=_names(touches, [*snap.contacts, *added]),
        unknown=tuple(sorted(tally.unknown.values(), key=lambda s: s.email)),
        added=tuple(added),
        ambiguous=tuple(sorted(tally.ambiguous)),
        closed=len(closed),
        dry_run=dry_run,
        **extra,
    )


def parse_my_emails(text: str) -> tuple[str, ...]:
    """``a@x, b@y`` as the Settings field: lower-case, each once; :class:`InputError` for
    something that is not an address (``none`` clears them)."""
    if text.strip().lower() in ("", "none", "-"):
        return ()
    found: list[str] = []
    for part in _SPLIT.split(text.strip()):
        if not part:
            continue
        email = part.strip("<>").lower()
        local, at, domain = email.partition("@")
        if not at or not local or "." not in domain:
            raise InputError(f"{part!r} is not an e-mail address (e.g. you@example.com)")
        found.append(email)
    return tuple(dict.fromkeys(found))


def summary_lines(r: CaptureResult) -> list[str]:
    """The report in a few lines: what was matched, what could not be."""
    noun = ("event", "events") if r.kind == "calendar" else ("message", "messages")
    n = len(r.touches)
    lines = []
    if n:
        matched = ", ".join(r.names[:4]) + (", …" if len(r.names) > 4 else "")
        lines.append(
            f"{count(n, *noun)} with {count(r.contacts, 'contact')} ({matched}) — "
            f"{'would log' if r.dry_run else 'logged'} {count(n, 'touch', 'touches')}"
        )
    else:
        lines.append("no new touches")
    if r.already:
        lines.append(f"{count(r.already, *noun)} with contacts imported before (left as they are)")
    left = []
    if r.declined:
        left.append(f"{count(r.declined, 'declined invitation')}")
    if r.absent:
        left.append(f"{count(r.absent, *noun)} you were not at")
    if r.cancelled:
        left.append(f"{r.cancelled} cancelled")
    if left:
        lines.append("left out: " + ", ".join(left))
    if r.closed:
        lines.append(f"answered {count(r.closed, 'open follow-up')}")
    if r.plans:
        where = "would go on the agenda" if r.dry_run else "on the agenda"
        lines.append(f"{count(len(r.plans), 'meeting')} with contacts coming up ({where})")
    who = ("attendee", "attendees") if r.kind == "calendar" else ("person", "people")
    if r.added:
        lines.append(
            f"{'would add' if r.dry_run else 'added'} {count(len(r.added), 'prospect')} "
            f"({', '.join(c.name for c in r.added[:5])}{', …' if len(r.added) > 5 else ''})"
        )
    elif r.unknown:
        strangers = ", ".join(x.name or x.email for x in r.unknown[:3]) + (
            ", …" if len(r.unknown) > 3 else ""
        )
        lines.append(
            f"{count(len(r.unknown), *who)} not in your contacts ({strangers}) — "
            "--add-unknown to add them as prospects"
        )
    if r.ambiguous:
        lines.append(
            "left out (several contacts have the name): " + ", ".join(sorted(r.ambiguous)[:5])
        )
    if r.kind == "calendar" and r.no_me:
        lines.append(
            "tip: 'networkhabit settings set me you@example.com' leaves out invitations you declined"
        )
    return lines
