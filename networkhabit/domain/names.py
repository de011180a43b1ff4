"""Finding the record a user means by a typed name.

Exact (case-insensitive) match first, then a unique prefix; otherwise an
:class:`InputError` with "did you mean" from the closest names. Two people may
share a name: they are told apart by company (``John Smith (Acme)``) or, failing
that, by a ``#2`` suffix, and either label can be typed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from networkhabit.domain.errors import InputError
from networkhabit.domain.model import Contact
from networkhabit.domain.safe import has_controls, quote

T = TypeVar("T")


def fold(text: str) -> str:
    """Case- and space-insensitive key of a name."""
    return " ".join(text.casefold().split())


def clean_name(name: str, what: str = "contact", max_len: int = 200) -> str:
    """A name as stored: trimmed, inner spaces folded; never empty, no control characters."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise InputError(f"a {what} name cannot be empty")
    if len(cleaned) > max_len:
        raise InputError(f"a {what} name can be at most {max_len} characters")
    if has_controls(cleaned):  # C0, DEL and C1 (U+009B is a terminal's CSI)
        raise InputError(f"a {what} name cannot contain control characters")
    return cleaned


def split_values(values: Sequence[str]) -> tuple[str, ...]:
    """Tags / needs / offers from repeated values or commas: trimmed, de-duplicated
    (case-insensitively), order kept."""
    out: list[str] = []
    seen: set[str] = set()
    for v in values:
        for part in v.split(","):
            p = " ".join(part.split())
            if p and fold(p) not in seen:
                seen.add(fold(p))
                out.append(p)
    return tuple(out)


_LAST_LABELS: list[tuple[Sequence[Contact], dict[str, str]]] = []


def display_names(contacts: Sequence[Contact]) -> dict[str, str]:
    """A unique label per contact uid: the name, plus company or ``#n`` where names clash.
    (The answer for the same tuple of contacts is remembered: several rules of one command
    ask for it. Do not change the dict you get.)"""
    last = _LAST_LABELS[0] if _LAST_LABELS else None  # one read: TUI workers share this
    if last is not None and last[0] is contacts and isinstance(contacts, tuple):
        return last[1]
    labels = _display_names(contacts)
    _LAST_LABELS[:] = [(contacts, labels)]
    return labels


def _display_names(contacts: Sequence[Contact]) -> dict[str, str]:
    by_name: dict[str, list[Contact]] = {}
    for c in contacts:
        by_name.setdefault(fold(c.name), []).append(c)
    labels: dict[str, str] = {}
    for group in by_name.values():
        if len(group) == 1:
            labels[group[0].uid] = group[0].name
            continue
        companies = [fold(c.company) for c in group]
        ordered = sorted(group, key=lambda c: (c.created, c.uid))
        for n, c in enumerate(ordered, start=1):
            if c.company and companies.count(fold(c.company)) == 1:
                labels[c.uid] = f"{c.name} ({c.company})"
            else:
                labels[c.uid] = f"{c.name} #{n}"
    return labels


def resolve(
    query: str,
    items: Sequence[T],
    labels: Callable[[T], Sequence[str]],
    what: str = "contact",
) -> T:
    """The one item whose label matches ``query``: exact, then unique prefix.

    ``labels`` gives every name an item answers to (the first is shown in messages).
    """
    key = fold(query)
    if not key:
        raise InputError(f"empty {what} name")
    exact = [it for it in items if any(fold(lb) == key for lb in labels(it))]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        shown = ", ".join(sorted(labels(it)[0] for it in exact))
        raise InputError(
            f"{len(exact)} {what}s are called {quote(query.strip())}: {shown} — type one of these"
        )
    prefix = [it for it in items if any(fold(lb).startswith(key) for lb in labels(it))]
    if len(prefix) == 1:
        return prefix[0]
    if len(prefix) > 1:
        shown = ", ".join(sorted(labels(it)[0] for it in prefix)[:5])
        more = f" and {len(prefix) - 5} more" if len(prefix) > 5 else ""
        raise InputError(f"{what} {quote(query.strip())} is ambiguous: {shown}{more}")
    raise InputError(not_found_message(query, [labels(it)[0] for it in items], what))


def not_found_message(query: str, names: Sequence[str], what: str = "contact") -> str:
    """``no contact 'Jon' — did you mean: John Smith, Jonas Berg?``"""
    import difflib  # (here: only a name not found needs it)

    key = fold(query)
    folded = {fold(n): n for n in names}
    close = difflib.get_close_matches(key, list(folded), n=3, cutoff=0.5)
    # Also offer names where a word starts like the query ("berg" → "Jonas Berg").
    for f in folded:
        if len(close) >= 3:
            break
        if f not in close and key and any(w.startswith(key[:3]) for w in f.split()):
            close.append(f)
    base = f"no {what} {quote(query.strip())}"
    if close:
        return f"{base} — did you mean: {', '.join(folded[c] for c in close)}?"
    return base


def resolve_contact(
    query: str, contacts: Sequence[Contact], include_archived: bool = False
) -> Contact:
    """The contact a typed name means (archived ones only if asked)."""
    pool = [c for c in contacts if include_archived or not c.archived]
    labels = display_names(pool)
    return resolve(
        query, pool, lambda c: (labels[c.uid], c.name) if labels[c.uid] != c.name else (c.name,)
    )
