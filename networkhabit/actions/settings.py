"""Settings: change one, and the keep-in-touch rhythm by tag (optionally applied to the
contacts that already carry the tag). Each runs in one transaction on the settings read
under the lock."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from networkhabit.actions.changes import write
from networkhabit.actions.contacts import apply_rhythm
from networkhabit.actions.session import Session
from networkhabit.domain.errors import InputError
from networkhabit.domain.model import Settings
from networkhabit.domain.names import fold


def read(session: Session) -> Settings:
    """The settings now."""
    return session.people(()).settings


def set_value(session: Session, field: str, value: Any) -> Settings:
    """Set one settings field; returns the new settings."""
    if field not in Settings.__dataclass_fields__:
        raise InputError(f"unknown setting {field!r}")
    with session.transaction() as tx:
        new = replace(tx.people(()).settings, **{field: value})
        tx.save_settings(new)
    return new


@dataclass(frozen=True)
class RhythmResult:
    tag: str
    days: int | None
    applied: int  # existing contacts whose rhythm was set


def set_tag_rhythm(
    session: Session, tag: str, days: int | None, apply: bool = False, override: bool = False
) -> RhythmResult:
    """Contacts added with ``tag`` (any case) get a rhythm of ``days`` (None: no default);
    ``apply``: also every existing contact with the tag that has none (``override``: all)."""
    name = " ".join(tag.split())
    if not name:
        raise InputError("a tag cannot be empty")
    if override and not apply:
        raise InputError("--all goes with --apply")
    if apply and not days:
        raise InputError("--apply needs a rhythm to apply")
    applied = 0
    with session.transaction() as tx:
        current = tx.people(()).settings
        by_tag = {t: d for t, d in current.default_cadence_by_tag.items() if fold(t) != fold(name)}
        if days:
            by_tag[name] = days
        tx.save_settings(replace(current, default_cadence_by_tag=by_tag))
        if apply and days:
            applied = len(write(session, apply_rhythm(name, days, override)).after)
    return RhythmResult(name, days, applied)
