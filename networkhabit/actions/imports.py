"""Importing a file's people (or our own JSON export) into the store.

The file is read before (by :mod:`networkhabit.importers`); here the import is planned
against the store inside one transaction — so a write by another process in between is
not lost — and written with one ``add_many`` and one ``update_many``: nothing at all when
nothing changed, or with ``dry_run``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from networkhabit.actions.session import Session
from networkhabit.domain import merge
from networkhabit.domain.merge import ParsedFile, Plan, Progress
from networkhabit.domain.model import Snapshot
from networkhabit.domain.records import record


@record
class ImportResult:
    """What an import did (or, with ``dry_run``, would do) and whether it wrote."""

    plan: Plan
    written: bool


def import_people(
    session: Session,
    parsed: ParsedFile,
    today: date,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Merge the people an importer read (LinkedIn, Google, Outlook, vCard) into the store."""

    def make(reader: Any) -> Plan:
        return merge.plan_import(
            reader.people(("contacts",)),
            parsed,
            today,
            progress=progress,
            stored_links=lambda: reader.people(("links",)).links,
        )

    return _apply(session, make, dry_run)


def import_json(
    session: Session,
    incoming: Snapshot,
    today: date,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Merge (or, into an empty store, restore) a file written by ``export json``."""

    def make(reader: Any) -> Plan:
        return merge.plan_json(reader.snapshot(), incoming, today, progress=progress)

    return _apply(session, make, dry_run)


def _apply(session: Session, make: Callable[[Any], Plan], dry_run: bool) -> ImportResult:
    """Plan with ``make`` (given something with ``people()`` and ``snapshot()``) and write."""
    if dry_run:
        return ImportResult(make(session), False)
    with session.transaction() as tx:
        plan = make(tx)
        if not plan.has_changes():
            return ImportResult(plan, False)
        additions = plan.additions()
        if additions:
            tx.add_many(additions)
        changed = plan.changed()
        if changed:
            tx.update_many(changed)
        if plan.settings is not None:
            tx.save_settings(plan.settings)
    return ImportResult(plan, True)
