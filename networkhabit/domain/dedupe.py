"""Duplicates: finding likely ones, and folding one contact into another (pure: no I/O).

:func:`likely_duplicates` pairs contacts with the same e-mail, the same profile URL, or the
same name at the same company. :func:`fold` plans a merge of B into A: B's touches (and
their follow-ups), links and introductions (the ledger) become A's; tags, needs and offers
are joined, notes appended; a field only B has fills A's; a field both have and that
differs keeps A's value unless it is taken from B (``take_theirs``) — every such difference
is reported. B's identities (profile URL, e-mail, vCard UID, our uid, name) are kept on A as
aliases in ``Contact.imported`` (keys ``aka:…``, see :data:`ALIAS_FIELDS`), and what the
file that made B said is remembered on A, so re-importing that file matches A and changes
nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from networkhabit.domain.errors import InputError
from networkhabit.domain.merge import (
    LIST_SEP,
    join_values,
    normalize_email,
    normalize_external_id,
    normalize_url,
)
from networkhabit.domain.model import Contact, Interaction, Link, Snapshot
from networkhabit.domain.names import fold
from networkhabit.domain.records import record

#: The identities kept as aliases: alias key in ``Contact.imported`` → how it compares.
ALIAS_FIELDS: dict[str, Any] = {
    "aka:url": normalize_url,
    "aka:email": normalize_email,
    "aka:external_id": normalize_external_id,
    "aka:uid": normalize_external_id,
    "aka:name": fold,
}
#: Fields where A and B may differ, in the order a merge reports them; ``--take-theirs``
#: takes one of these from B.
FIELDS: tuple[str, ...] = (
    "name",
    "company",
    "title",
    "email",
    "phone",
    "url",
    "birthday",
    "cadence_days",
    "max_days",
    "snoozed_until",
    "external_id",
)
_SAME: dict[str, Any] = {
    "name": fold,
    "company": fold,
    "title": fold,
    "email": normalize_email,
    "url": normalize_url,
    "external_id": normalize_external_id,
}


def aliases(c: Contact, key: str) -> list[str]:
    """The values of one alias field of ``c`` (``aka:url`` …)."""
    text = dict(c.imported).get(key, "")
    return [v for v in text.split(LIST_SEP) if v]


def _with_aliases(imported: dict[str, str], key: str, values: Iterable[str], current: str) -> None:
    """Add ``values`` to the alias ``key`` (leaving out ``current`` and repeats)."""
    norm = ALIAS_FIELDS[key]
    have = [v for v in imported.get(key, "").split(LIST_SEP) if v]
    seen = {norm(v) for v in have} | ({norm(current)} if current else set())
    for v in values:
        if v and norm(v) not in seen:
            seen.add(norm(v))
            have.append(v)
    if have:
        imported[key] = LIST_SEP.join(have)
    else:
        imported.pop(key, None)


@record
class Difference:
    """A field A and B both have, with different values; ``taken``: B's value won."""

    field: str
    ours: str
    theirs: str
    taken: bool


@record
class FoldPlan:
    """What merging B into A changes: A as it becomes, the touches and links changed or
    removed, and B (removed)."""

    kept: Contact
    gone: Contact
    merged: Contact
    touches_before: tuple[Interaction, ...]
    touches_after: tuple[Interaction, ...]
    links_before: tuple[Link, ...]
    links_after: tuple[Link, ...]
    links_removed: tuple[Link, ...]
    differences: tuple[Difference, ...]
    filled: tuple[str, ...]


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _same(name: str, a: Any, b: Any) -> bool:
    norm = _SAME.get(name)
    if norm is not None and isinstance(a, str) and isinstance(b, str):
        return bool(norm(a) == norm(b))
    return bool(a == b)


def fold_contacts(
    snap: Snapshot, keep: Contact, gone: Contact, take_theirs: Sequence[str] = ()
) -> FoldPlan:
    """Plan folding ``gone`` into ``keep`` (``snap`` must hold every touch)."""
    if keep.uid == gone.uid:
        raise InputError("that is the same contact twice — name two different ones")
    wanted = [f.strip().lower().replace("-", "_") for f in take_theirs if f.strip()]
    for f in wanted:
        if f not in FIELDS:
            raise InputError(f"--take-theirs takes one of {', '.join(FIELDS)} (not {f!r})")
    values: dict[str, Any] = {}
    differences: list[Difference] = []
    filled: list[str] = []
    for name in FIELDS:
        ours, theirs = getattr(keep, name), getattr(gone, name)
        if theirs in (None, "") or _same(name, ours, theirs):
            continue
        if ours in (None, ""):
            values[name] = theirs
            filled.append(name)
            continue
        taken = name in wanted
        differences.append(Difference(name, _shown(ours), _shown(theirs), taken))
        if taken:
            values[name] = theirs
    for name in ("tags", "needs", "offers"):
        joined = join_values(getattr(keep, name), getattr(gone, name))
        if joined != getattr(keep, name):
            values[name] = joined
    note = gone.notes.strip()
    if note and note not in keep.notes:
        values["notes"] = f"{keep.notes.rstrip()}\n\n{note}" if keep.notes.strip() else note
    if gone.created < keep.created:
        values["created"] = gone.created
    if gone.known and not keep.known:
        values["known"] = True
    if keep.job_changed_on is None and gone.job_changed_on is not None:
        values["job_changed_on"] = gone.job_changed_on
        values["previous_job"] = gone.previous_job
    merged = replace(keep, **values)
    if not merged.name_parts and gone.name_parts and fold(gone.name) == fold(merged.name):
        merged = replace(merged, name_parts=gone.name_parts)
    merged = replace(merged, imported=_merged_imported(keep, gone, merged))

    before: list[Interaction] = []
    after: list[Interaction] = []
    for it in snap.all_touches():
        if gone.uid not in it.contacts:
            continue
        people: list[str] = []
        for u in it.contacts:
            u = keep.uid if u == gone.uid else u
            if u not in people:
                people.append(u)
        before.append(it)
        after.append(replace(it, contacts=tuple(people)))

    links_before: list[Link] = []
    links_after: list[Link] = []
    removed: list[Link] = []
    pairs = {frozenset((lk.a, lk.b)) for lk in snap.links if gone.uid not in (lk.a, lk.b)}
    for lk in snap.links:
        if gone.uid not in (lk.a, lk.b):
            continue
        a = keep.uid if lk.a == gone.uid else lk.a
        b = keep.uid if lk.b == gone.uid else lk.b
        pair = frozenset((a, b))
        if a == b or pair in pairs:
            removed.append(lk)  # a link between the two, or one A already has
            continue
        pairs.add(pair)
        links_before.append(lk)
        links_after.append(replace(lk, a=a, b=b))
    return FoldPlan(
        keep,
        gone,
        merged,
        tuple(before),
        tuple(after),
        tuple(links_before),
        tuple(links_after),
        tuple(removed),
        tuple(differences),
        tuple(filled),
    )


def _merged_imported(keep: Contact, gone: Contact, merged: Contact) -> tuple[tuple[str, str], ...]:
    """What the imports said of either (what made B wins: it is the file most likely to be
    imported again), and every identity of both that A does not hold itself, as aliases."""
    out = {k: v for k, v in keep.imported if not k.startswith("aka:")}
    out.update({k: v for k, v in gone.imported if not k.startswith("aka:")})
    for k, v in (*keep.imported, *gone.imported):
        if k.startswith("aka:"):
            out[k] = LIST_SEP.join(x for x in (out.get(k, ""), v) if x)
    _with_aliases(out, "aka:url", (keep.url, gone.url, *aliases(gone, "aka:url")), merged.url)
    _with_aliases(
        out, "aka:email", (keep.email, gone.email, *aliases(gone, "aka:email")), merged.email
    )
    _with_aliases(
        out,
        "aka:external_id",
        (keep.external_id, gone.external_id, *aliases(gone, "aka:external_id")),
        merged.external_id,
    )
    _with_aliases(out, "aka:uid", (gone.uid, *aliases(gone, "aka:uid")), merged.uid)
    _with_aliases(out, "aka:name", (keep.name, gone.name, *aliases(gone, "aka:name")), merged.name)
    return tuple(sorted(out.items()))


# -- likely duplicates -----------------------------------------------------------------------


@record
class Duplicate:
    """Two contacts that are likely one person, and why (``same e-mail`` …)."""

    a: Contact
    b: Contact
    reason: str


def likely_duplicates(contacts: Iterable[Contact]) -> list[Duplicate]:
    """Pairs with the same e-mail, the same profile URL, or the same name at the same company
    (archived contacts left out); each pair once, with its first reason, oldest first."""
    people = sorted((c for c in contacts if not c.archived), key=lambda c: c.created)
    keys: list[tuple[str, Any]] = [
        ("same e-mail", lambda c: normalize_email(c.email) if c.email else ""),
        ("same profile URL", lambda c: normalize_url(c.url) if c.url else ""),
        (
            "same name at the same company",
            lambda c: f"{fold(c.name)}\n{fold(c.company)}" if c.company else "",
        ),
    ]
    seen: set[frozenset[str]] = set()
    found: list[Duplicate] = []
    for reason, key in keys:
        groups: dict[str, list[Contact]] = {}
        for c in people:
            k = key(c)
            if k:
                groups.setdefault(k, []).append(c)
        for group in groups.values():
            first = group[0]
            for other in group[1:]:
                pair = frozenset((first.uid, other.uid))
                if pair not in seen:
                    seen.add(pair)
                    found.append(Duplicate(first, other, reason))
    return found
