"""Merge two contacts (B folded into A), and the likely duplicates ``doctor`` lists.

One builder for the CLI's ``merge`` and the app's merge dialog; one change, so ``u`` (and
:func:`networkhabit.actions.changes.undo`) puts both contacts back as they were.
"""

from __future__ import annotations

from collections.abc import Sequence

from networkhabit.actions.changes import Builder, Change, needs_whole
from networkhabit.actions.contacts import find
from networkhabit.domain.dedupe import Duplicate, FoldPlan, fold_contacts, likely_duplicates
from networkhabit.domain.model import Snapshot
from networkhabit.domain.names import display_names
from networkhabit.domain.wording import count


def plan(snap: Snapshot, a: str, b: str, take_theirs: Sequence[str] = ()) -> FoldPlan:
    """What merging B into A would change (``snap`` must hold every touch)."""
    keep = find(snap, a, include_archived=True)
    gone = find(snap, b, include_archived=True)
    return fold_contacts(snap, keep, gone, take_theirs)


def merge(a: str, b: str, take_theirs: Sequence[str] = ()) -> Builder:
    """Fold contact B into A: B's touches, follow-ups, links, introductions, tags, notes and
    imported identities become A's; B goes. Where both have a field and it differs, A's
    value stays unless the field is in ``take_theirs``."""

    @needs_whole
    def build(snap: Snapshot) -> Change:
        p = plan(snap, a, b, take_theirs)
        labels = display_names(snap.contacts)
        parts = [count(len(p.touches_after), "touch", "touches")]
        if p.links_after or p.links_removed:
            parts.append(count(len(p.links_after), "link"))
        message = (
            f"Merged {labels[p.gone.uid]} into {labels[p.kept.uid]} ({', '.join(parts)} moved)"
        )
        return Change(
            message,
            before=(p.kept, *p.touches_before, *p.links_before),
            after=(p.merged, *p.touches_after, *p.links_after),
            removed=(p.gone, *p.links_removed),
            subject=p.merged,
            info={"plan": p},
        )

    return build


def duplicates(snap: Snapshot) -> list[Duplicate]:
    """Likely duplicates among the contacts (same e-mail, profile URL, or name and company)."""
    return likely_duplicates(snap.contacts)
