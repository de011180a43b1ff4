"""A session: the front ends' one handle on a store.

``commands/`` and ``tui/`` never import ``networkhabit.store``; they open a
:class:`Session` and hand it to actions and views. What the store does for speed
(partial snapshots, which tables a read needs) stays behind this interface.
"""

from __future__ import annotations

import contextlib
from collections.abc import Collection, Iterator
from pathlib import Path

from networkhabit.domain.model import Interaction, Snapshot, TouchIndex
from networkhabit.store import Store, StoreError
from networkhabit.store.storage import Signature, writes_made
from networkhabit.store.store import DAILY_TABLES, HABIT_TABLES, PEOPLE_TABLES

__all__ = ["DAILY_TABLES", "HABIT_TABLES", "Session", "Signature", "StoreError", "changes_saved"]


def changes_saved() -> int:
    """How many changes this process has saved to a store (any session)."""
    return writes_made()


class Session:
    """One store file, opened for a command or the app."""

    def __init__(self, path: str | Path, *, check: bool = True) -> None:
        self.store = Store(path)
        if check:
            self.store.check()

    @property
    def path(self) -> Path:
        return self.store.path

    def exists(self) -> bool:
        return self.store.exists()

    def is_empty(self) -> bool:
        return self.store.is_empty()

    def signature(self) -> Signature | None:
        """Changes whenever the file is replaced; cheap enough to poll."""
        return self.store.signature()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Store]:
        """One lock, data read under it, one atomic write at the end (nothing on error)."""
        with self.store.transaction() as tx:
            yield tx

    def snapshot(self) -> Snapshot:
        """Everything, every touch decoded (for paths that list touches one by one)."""
        return self.store.snapshot()

    def daily(self, tables: Collection[str] = DAILY_TABLES) -> Snapshot:
        """A partial snapshot of ``tables`` with the touch index and the open follow-ups."""
        return self.store.indexed(tables or DAILY_TABLES)

    def people(self, tables: Collection[str] = PEOPLE_TABLES) -> Snapshot:
        """Contacts, links and settings only (``tables``: which of the contacts and links)."""
        return self.store.people(tables)

    def read_whole(self) -> None:
        """Parse the whole file now (and keep it): what follows reads from that one parse."""
        self.store.raw()

    def replace_all(self, snap: Snapshot) -> None:
        """Make the store hold exactly ``snap`` (a store that held anything is saved aside)."""
        self.store.replace_all(snap)

    def written(
        self,
    ) -> tuple[Signature | None, Signature, TouchIndex, tuple[Interaction, ...]] | None:
        """After this session's last write, if the file is still the one it left: its identity
        before and after the write, the index of its touches and the touches with an open
        follow-up, as written (what a reader would find, without reading)."""
        got = self.store.written()
        if got is None:
            return None
        from networkhabit.store import codec

        try:
            index = codec.index_from_doc(got[2])
        except (KeyError, TypeError, ValueError, AttributeError):
            return None
        if index is None:
            return None
        return got[0], got[1], index[0], index[1]

    def touches_of(self, uid: str) -> tuple[Interaction, ...]:
        """Every touch with one contact."""
        return self.store.touches_of(uid)

    def refuses_output(self, target: str | Path) -> str | None:
        """Why a command must not write ``target`` (the store, its lock, temp files or
        backups), as one line; None if it may."""
        from networkhabit.store.storage import store_file_role

        role = store_file_role(self.path, Path(target))
        if role is None:
            return None
        return f"{target}: is {role}; choose another file (nothing was written)"
