"""The records networkhabit keeps, as frozen dataclasses.

Every record has a stable ``uid`` (uuid4 hex) so two copies of a store can be
merged later without collisions. Dates are :class:`datetime.date`; lists are
tuples so records stay hashable and immutable.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import field
from datetime import date

from networkhabit.domain.records import record

#: The kinds of touch a user can log.
KINDS: tuple[str, ...] = (
    "message",
    "email",
    "call",
    "coffee",
    "meeting",
    "event",
    "intro",
    "other",
)
#: Where a contact came from.
SOURCES: tuple[str, ...] = ("manual", "linkedin", "vcard", "google", "outlook", "json", "demo")
#: Where a link (who knows whom) came from; ``same-company`` links are inferred and weak.
LINK_SOURCES: tuple[str, ...] = ("manual", "introduced-by-me", "met-through", "same-company")
#: Habit periods.
PERIODS: tuple[str, ...] = ("day", "week")
#: What a habit counts besides manual check-ins (``Habit.counts``): nothing ("", manual
#: check-ins only), the distinct people touched, the introductions made, the follow-ups
#: closed by their date, the contacts added.
COUNTS: tuple[str, ...] = ("", "touches", "intros", "follow-ups", "new-contacts")
#: Weekday numbers as :meth:`date.weekday` gives them (Monday is 0).
ALL_DAYS: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 6)
WEEKDAY_NAMES: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


#: ``date`` under a name a record's own ``date`` field cannot shadow.
Day = date


#: How many uids one read of the system's random source makes (an import of a few thousand
#: contacts and their same-company links makes tens of thousands of uids).
_UID_BATCH = 256


def _uid_batch() -> Iterator[str]:
    """A batch of fresh uids (uuid4 hex, as ``uuid.uuid4().hex`` gives) from one
    ``os.urandom`` call."""
    text = os.urandom(16 * _UID_BATCH).hex()
    # In each uid's 32 hex digits: digit 12 (byte 6's high half) is the version, 4; digit 16
    # (byte 8's high half) keeps its two low bits under the RFC 4122 variant's 0b10.
    return iter(
        [
            f"{text[i : i + 12]}4{text[i + 13 : i + 16]}{_VARIANT[text[i + 16]]}{text[i + 17 : i + 32]}"
            for i in range(0, len(text), 32)
        ]
    )


#: A hex digit → the same digit with its two high bits made 0b10 (the RFC 4122 variant).
_VARIANT = {d: "89ab"[int(d, 16) & 3] for d in "0123456789abcdef"}


_uids: list[Iterator[str]] = [iter(())]
# A forked child must not hand out its parent's uids.
os.register_at_fork(after_in_child=lambda: _uids.__setitem__(0, iter(())))


def new_uid() -> str:
    """A fresh record uid (uuid4 hex). Taken from a batch (``next`` on a list iterator is
    atomic, so two threads never get the same one); a new batch when it is used up."""
    for _ in range(2):
        uid = next(_uids[0], None)
        if uid is not None:
            return uid
        _uids[0] = _uid_batch()
    raise AssertionError("a fresh batch of uids is never empty")  # pragma: no cover


@record
class Contact:
    """A person: someone I know (``known``) or a prospect I want to reach."""

    uid: str
    name: str
    created: date
    company: str = ""
    title: str = ""
    email: str = ""
    phone: str = ""
    url: str = ""
    tags: tuple[str, ...] = ()
    cadence_days: int | None = None
    max_days: int | None = None
    needs: tuple[str, ...] = ()
    offers: tuple[str, ...] = ()
    notes: str = ""
    birthday: str | None = None  # "YYYY-MM-DD" or "--MM-DD"
    known: bool = True
    snoozed_until: date | None = None
    archived: bool = False
    source: str = "manual"
    #: Identity from an import (vCard UID), used to match on re-import.
    external_id: str = ""
    #: Set by an import that finds a new company or title: a "congratulate" agenda item.
    job_changed_on: date | None = None
    previous_job: str = ""
    #: What the last import of this contact said, as sorted (field, value) pairs — name,
    #: company, title, email, phone, url, birthday, notes, tags (lists joined with ", ").
    #: A file value equal to it is no news, so a re-import keeps the user's own edits.
    imported: tuple[tuple[str, str], ...] = ()
    #: The name as an import split it — (family, given, additional, prefix, suffix), vCard's
    #: ``N`` — so ``export vcard`` writes it back as it came; () for a typed name.
    name_parts: tuple[str, ...] = ()


@record
class Interaction:
    """A touch: any contact with one or more people on one day."""

    uid: str
    contacts: tuple[str, ...]
    date: Day
    kind: str = "message"
    note: str = ""
    follow_up: Day | None = None
    follow_up_done: bool = False
    #: On a closed follow-up: the uid and the date of the touch that closed it (empty for a
    #: follow-up closed before these were kept, or closed by hand: then ``closed_on`` only).
    closed_by: str = ""
    closed_on: Day | None = None
    #: Identity from a capture (a calendar event's UID + occurrence, a mail's Message-ID),
    #: so importing the same file again adds nothing.
    external_id: str = ""


@record
class Plan:
    """A future meeting with contacts, from an imported calendar: on the agenda ("Meeting
    Ana on Thursday — prepare"), never a touch (it has not happened yet)."""

    uid: str
    contacts: tuple[str, ...]
    date: Day
    title: str = ""
    #: The event's UID + occurrence, as the touch it becomes will carry it.
    external_id: str = ""


@record
class Link:
    """Two contacts know each other."""

    uid: str
    a: str
    b: str
    created: date
    source: str = "manual"
    note: str = ""


@record
class Habit:
    """A networking routine: ``target`` times per ``period`` (day or week).

    Besides manual check-ins a habit may count what the user does (``counts``, one of
    :data:`COUNTS`): ``touches`` (the distinct people touched; only touches of ``kinds`` if
    given), ``intros`` (introductions made), ``follow-ups`` (follow-ups closed by their
    date) or ``new-contacts`` (contacts added)."""

    uid: str
    name: str
    created: date
    target: int = 1
    period: str = "day"
    days: tuple[int, ...] = ALL_DAYS
    archived: bool = False
    counts: str = ""
    kinds: tuple[str, ...] = ()


@record
class CheckIn:
    """Progress on a habit on one day (``count``), or a rest day (``skip``)."""

    uid: str
    habit: str
    date: date
    count: int = 1
    skip: bool = False
    note: str = ""


@record
class Break:
    """A vacation from ``start`` to ``end`` inclusive: every streak pauses."""

    uid: str
    start: date
    end: date
    note: str = ""


@record
class Settings:
    """User settings kept in the store's meta record."""

    default_cadence_by_tag: dict[str, int] = field(default_factory=dict)
    neglected_limit: int = 5
    drifting_days: int = 180
    week_start: int = 0
    backups_keep: int = 14
    #: The app's colour theme (a Textual theme name); empty for the default.
    theme: str = ""
    #: The user's own e-mail addresses (``settings set me a@x,b@y``), lower-case: who "I"
    #: am in an imported calendar or mailbox.
    my_emails: tuple[str, ...] = ()

    def __hash__(self) -> int:  # dict field: hash by identity of values
        return hash(
            (
                tuple(sorted(self.default_cadence_by_tag.items())),
                self.neglected_limit,
                self.drifting_days,
                self.week_start,
                self.backups_keep,
                self.theme,
                self.my_emails,
            )
        )


@record
class TouchIndex:
    """Every touch in the store summed up, so that rules over years of history need not
    hold each touch: per contact uid the ISO days of their touches, ascending (a touch with
    two people counts for both); per ISO day how many touches; per contact uid how many
    introductions (touches of kind ``intro``). For habits that count what the user does:
    per ISO day, per kind, the contact uids touched, sorted and joined by spaces into one
    text (one entry per touch and person, so the distinct people are
    ``set(text.split(" "))``; one text instead of a list keeps the index quick to read);
    per ISO day how many introductions were made; per ISO day how many follow-ups were
    closed on it on or before their date; per ISO day how many follow-ups are owed on it
    (due that day and not closed before it). Days are ``YYYY-MM-DD`` strings, which sort as
    the dates do."""

    touches: dict[str, list[str]] = field(default_factory=dict)
    days: dict[str, int] = field(default_factory=dict)
    intros: dict[str, int] = field(default_factory=dict)
    people: dict[str, dict[str, str]] = field(default_factory=dict)
    intro_days: dict[str, int] = field(default_factory=dict)
    closed_days: dict[str, int] = field(default_factory=dict)
    owed_days: dict[str, int] = field(default_factory=dict)

    def __hash__(self) -> int:  # dict fields: one index per snapshot, hash by identity
        return id(self)


@record
class Snapshot:
    """Everything in a store at one moment; the input of every domain rule.

    A *partial* snapshot holds, of the touches, only those with an open follow-up, and an
    ``index`` summing up all of them: what the daily paths need from years of history
    without decoding it. Rules that need touches one by one must be given a whole one."""

    contacts: tuple[Contact, ...] = ()
    interactions: tuple[Interaction, ...] = ()
    links: tuple[Link, ...] = ()
    habits: tuple[Habit, ...] = ()
    checkins: tuple[CheckIn, ...] = ()
    breaks: tuple[Break, ...] = ()
    settings: Settings = field(default_factory=Settings)
    index: TouchIndex | None = None
    partial: bool = False
    #: Future meetings from an imported calendar (kept in the store's meta, not a table).
    plans: tuple[Plan, ...] = ()

    def all_touches(self) -> tuple[Interaction, ...]:
        """Every touch, for a rule that needs them one by one; ``ValueError`` on a partial
        snapshot (a bug in the caller: it should have asked the store for a whole one)."""
        if self.partial:
            raise ValueError("this rule needs every touch; the snapshot holds an index of them")
        return self.interactions

    def record_groups(
        self,
    ) -> tuple[tuple[Contact | Interaction | Link | Habit | CheckIn | Break, ...], ...]:
        """Every kind of record, one tuple per kind (settings aside)."""
        return (
            self.contacts,
            self.interactions,
            self.links,
            self.habits,
            self.checkins,
            self.breaks,
        )

    def contact_by_uid(self) -> dict[str, Contact]:
        """Contacts keyed by uid."""
        return {c.uid: c for c in self.contacts}
