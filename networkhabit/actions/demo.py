"""Sample data: fill a store with the demo network."""

from __future__ import annotations

from datetime import date

from networkhabit.actions.session import Session
from networkhabit.domain.errors import InputError
from networkhabit.domain.model import Snapshot


def fill_empty(session: Session, today: date) -> Snapshot:
    """Fill the (still empty) store with the demo data; refuse if someone wrote meanwhile."""
    from networkhabit.demo import build_demo

    snap = build_demo(today)
    with session.transaction() as tx:
        if not tx.is_empty():
            raise InputError(
                "the store is no longer empty (another program wrote to it); "
                "the demo data was not written"
            )
        tx.replace_all(snap)
    return snap


def fill(session: Session, today: date, force: bool = False) -> Snapshot:
    """Fill the store with the demo data: an empty one, or any with ``force`` (what it held
    is saved aside to backups first)."""
    from networkhabit.demo import build_demo

    snap = build_demo(today)
    with session.transaction() as tx:
        if not force and not tx.is_empty():
            raise InputError(
                f"{session.path} already holds data; use 'demo --force' to replace it "
                "(or --db another file)"
            )
        tx.replace_all(snap)
    return snap
