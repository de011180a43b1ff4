"""What the app holds between reloads: one snapshot of the store plus what every screen needs.

Built in a worker thread (reading a large store takes a while); no Textual here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from networkhabit.clock import today as clock_today
from networkhabit.domain.contacts import TouchStats, touch_stats
from networkhabit.domain.model import Contact, Snapshot
from networkhabit.domain.names import display_names
from networkhabit.store import Store
from networkhabit.store.storage import Signature


@dataclass(frozen=True)
class Loaded:
    """The store as read at ``sig``, for ``today``; ``version`` counts the reloads."""

    snap: Snapshot
    today: date
    sig: Signature | None
    version: int
    labels: dict[str, str]
    stats: dict[str, TouchStats]
    contacts: dict[str, Contact]

    @property
    def empty(self) -> bool:
        """No contacts, habits or touches yet: the first run."""
        return not (self.snap.contacts or self.snap.habits or self.snap.interactions)

    def label(self, uid: str) -> str:
        """A contact's unique display name ("?" if it is gone)."""
        return self.labels.get(uid, "?")


def load(store: Store, version: int) -> Loaded:
    """Read the store and work out the labels and touch statistics."""
    sig = store.signature()
    snap = store.snapshot()
    today = clock_today()
    return Loaded(
        snap,
        today,
        sig,
        version,
        display_names(snap.contacts),
        touch_stats(snap.interactions, today),
        snap.contact_by_uid(),
    )
