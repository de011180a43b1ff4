"""What the app holds between reloads: one snapshot of the store plus what every screen needs.

Built in a worker thread (reading a large store takes a while); no Textual here. A large
store is read in two steps: everything the Today and Contacts screens show, then the links
(who knows whom: tens of thousands on a large network), which only the Network screen, a
contact's page and the introduction suggestions need (see :attr:`Loaded.complete`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from networkhabit.actions.session import DAILY_TABLES, Session, Signature
from networkhabit.clock import today as clock_today
from networkhabit.domain.contacts import TouchStats, stats_of
from networkhabit.domain.model import Contact, Link, Snapshot
from networkhabit.domain.names import display_names
from networkhabit.domain.records import record

if TYPE_CHECKING:
    from networkhabit.actions.changes import Change  # (imported by the first write)


@record
class Loaded:
    """The store as read at ``sig``, for ``today``; ``version`` counts the reloads."""

    snap: Snapshot
    today: date
    sig: Signature | None
    version: int
    labels: dict[str, str]
    stats: dict[str, TouchStats]
    contacts: dict[str, Contact]
    #: Screen views worked out with the load (by the loading worker), by screen name.
    views: dict[str, Any] = field(default_factory=dict)
    #: False while the links are still to be read (``snap.links`` is empty meanwhile).
    complete: bool = True

    def with_links(self, links: tuple[Link, ...]) -> Loaded:
        """This load with the links read in the second step: complete."""
        return replace(self, snap=replace(self.snap, links=links), complete=True)

    @property
    def empty(self) -> bool:
        """No contacts, habits or touches yet: the first run."""
        snap = self.snap
        touched = snap.interactions or (snap.index is not None and snap.index.days)
        return not (snap.contacts or snap.habits or touched)

    def label(self, uid: str) -> str:
        """A contact's unique display name ("?" if it is gone)."""
        return self.labels.get(uid, "?")


#: What the first step of a two-step read leaves out.
LATER_TABLES: Collection[str] = ("links",)


def load(store: Session, version: int, complete: bool = True) -> Loaded:
    """Read the store the fast way (a partial snapshot: the touches summed up in an index,
    only those with an open follow-up kept whole) and work out the labels and touch
    statistics; if not ``complete``, without the links (then :func:`read_links`). What needs
    every touch one by one (a contact's timeline) reads them itself."""
    sig = store.signature()
    tables = DAILY_TABLES if complete else [t for t in DAILY_TABLES if t not in LATER_TABLES]
    snap = store.daily(tables)
    today = clock_today()
    return Loaded(
        snap,
        today,
        sig,
        version,
        display_names(snap.contacts),
        stats_of(snap, today),
        snap.contact_by_uid(),
        complete=complete,
    )


def after_change(store: Session, data: Loaded, change: Change, version: int) -> Loaded | None:
    """The load after ``change``, just written by this session over the store as ``data``
    holds it: the change made to ``data``'s snapshot, the touches' index and open follow-ups
    as written — nothing read again. None if that cannot be (the write started from another
    state of the file, another process wrote since, the links are not read yet): then read
    the store again."""
    from networkhabit.actions.changes import applied  # (the write imported it)

    written = store.written()
    if written is None or not data.complete or not data.snap.partial:
        return None
    before, sig, index, pending = written
    if before is None or before != data.sig:
        return None
    snap = replace(applied(data.snap, change), interactions=pending, index=index)
    today = clock_today()
    contacts_changed = any(
        isinstance(r, Contact) for r in (*change.added, *change.after, *change.removed)
    )
    return Loaded(
        snap,
        today,
        sig,
        version,
        display_names(snap.contacts) if contacts_changed else data.labels,
        stats_of(snap, today),
        snap.contact_by_uid() if contacts_changed else data.contacts,
        complete=True,
    )


def read_links(store: Session, sig: Signature | None) -> tuple[Link, ...] | None:
    """The second step of a two-step read: the links, if the file is still the one read at
    ``sig`` (else None: it is to be read again)."""
    if sig is None or store.signature() != sig:
        return None
    links = store.daily(LATER_TABLES).links
    return links if store.signature() == sig else None
