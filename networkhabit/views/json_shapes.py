"""The documented ``--json`` shapes (see README, "JSON output") shared by the commands."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from networkhabit.domain.agenda import AgendaItem
from networkhabit.views.today import TodayCounts


def agenda_json(items: Iterable[AgendaItem]) -> list[dict[str, Any]]:
    """Agenda items: ``{"kind", "title", "detail", "contacts", "ref", "progress"}``."""
    return [
        {
            "kind": it.kind,
            "title": it.title,
            "detail": it.detail,
            "contacts": list(it.contacts),
            "ref": it.ref,
            "progress": list(it.progress) if it.progress else None,
        }
        for it in items
    ]


def counts_json(counts: TodayCounts) -> dict[str, int]:
    """Today's counts: ``{"follow_ups", "follow_ups_listed", "habits_open", "to_reach",
    "reach_listed"}``."""
    return {
        "follow_ups": counts.follow_ups,
        "follow_ups_listed": counts.follow_ups_listed,
        "habits_open": counts.habits_open,
        "to_reach": counts.to_reach,
        "reach_listed": counts.reach_listed,
    }
