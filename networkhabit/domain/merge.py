"""Matching imported people to the store and planning the changes (pure: no I/O).

An importer turns a file into :class:`Incoming` people; :func:`plan_import` (or
:func:`plan_json` for our own JSON export) compares them with a :class:`Snapshot`
and returns a :class:`Plan`: the new contacts, the updates with their reasons,
what was skipped and the links to add. The command writes the plan in one
transaction, or only reports it (``--dry-run``).

Matching, first hit wins: our uid (JSON only), the profile URL (normalised:
lowercase host without ``www.``, https, no query, fragment or trailing slash),
the vCard UID (``external_id``, or our own uid that ``export vcard`` writes), an
e-mail address, then the exact name (case- and space-insensitive). A candidate is
never taken when both sides have a URL (or an external id) and they differ: two
"John Smith" with different profiles are two people. Among several people with
the name, the one at the same company is taken; a person at another company is a
new contact; a row with no company that could be any of them is skipped (and
counted), so a re-import never adds a duplicate.

Merging never erases: empty imported fields keep what the store has; tags,
needs and offers are joined; an imported note is appended unless the contact's
notes already hold it; the created date only moves earlier. A new company, or a
new title where there was one, is a job change: ``job_changed_on`` = today and
``previous_job`` = "Title at Company", which the agenda turns into "congratulate".

The user's own edits survive a re-import (a three-way merge): each import remembers, in
``Contact.imported``, what the file said of the contact (see :data:`IMPORTED_FIELDS`). A
file value equal to what the last import brought is no news and changes nothing, so a
company or e-mail the user edited by hand stays; a value the source changed is taken
as before, and wins over the user's edit (a new job is reported). A field with nothing
remembered (contacts imported before this existed) merges as it always did; a field
the file leaves empty keeps what was remembered. Only the file imports remember:
``import json`` merges as before and keeps a contact's ``imported`` as it is. A contact
that remembers nothing starts to when an import changes it (a no-op import writes nothing).

Same-company links: each new contact (or one whose company changed) is linked to
at most :data:`MAX_COLLEAGUE_LINKS` colleagues — the earliest-known people at
that company — so a company of 300 people gives at most 3 x 300 links, not 45k
pairs, while everyone there is still within two hops of each other.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import field, replace
from datetime import date
from functools import lru_cache, partial
from typing import Any
from urllib.parse import unquote

from networkhabit.domain.contacts import default_cadence
from networkhabit.domain.model import (
    Break,
    CheckIn,
    Contact,
    Habit,
    Interaction,
    Link,
    Settings,
    Snapshot,
    new_uid,
)
from networkhabit.domain.names import fold
from networkhabit.domain.records import record

#: Each new contact gets a "same-company" link to at most this many colleagues.
MAX_COLLEAGUE_LINKS = 3
#: How many job changes the one-line summary names before "and N more".
SUMMARY_JOB_CHANGES = 3
#: How many faulty rows (with their line) the one-line summary names before "and N more".
SUMMARY_SKIPPED = 3

Record = Contact | Interaction | Link | Habit | CheckIn | Break
Progress = Callable[[int], None]


@record
class Incoming:
    """One person as an importer read them from a file (every field optional but the name)."""

    name: str
    row: int = 0  # line or card number, for messages
    company: str = ""
    title: str = ""
    emails: tuple[str, ...] = ()  # the first is the primary one
    phones: tuple[str, ...] = ()
    url: str = ""
    tags: tuple[str, ...] = ()
    notes: str = ""
    birthday: str | None = None
    created: date | None = None
    external_id: str = ""
    #: (external id of another card, relation type), e.g. vCard RELATED.
    related: tuple[tuple[str, str], ...] = ()
    # Only from our own JSON export:
    uid: str = ""
    needs: tuple[str, ...] = ()
    offers: tuple[str, ...] = ()
    cadence_days: int | None = None
    #: The name as the file split it: (family, given, additional, prefix, suffix), as vCard's
    #: ``N`` orders them; empty when the file gives only a whole name.
    name_parts: tuple[str, ...] = ()
    #: The file gave no name: the name was taken from this ("company", "e-mail", "phone").
    named_from: str = ""


#: A skipped row or card: (line where it starts, reason as counted, what exactly; may be "").
SkippedRow = tuple[int, str, str]


@record(frozen=False)
class ParsedFile:
    """What an importer read: the people, what it skipped (reason → count, and each skipped row
    with its line), and the row count."""

    source: str
    people: list[Incoming] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    rows: int = 0
    skipped_rows: list[SkippedRow] = field(default_factory=list)

    def skip(self, reason: str, line: int = 0, detail: str = "") -> None:
        """Count one skipped row (``detail``: what was wrong with it, shown with its line)."""
        self.skipped[reason] = self.skipped.get(reason, 0) + 1
        self.skipped_rows.append((line, reason, detail))


@record
class Update:
    """An existing contact with new details: which fields changed, and a job change if any."""

    before: Contact
    after: Contact
    fields: tuple[str, ...]
    job_change: str = ""  # "now CTO at Hooli"


@record(frozen=False)
class Plan:
    """Everything an import would change; empty when the file holds nothing new."""

    source: str
    new: list[Contact] = field(default_factory=list)
    updates: list[Update] = field(default_factory=list)
    unchanged: int = 0
    #: Contacts whose only change is what the import remembers (``imported``); counted as
    #: unchanged, written so that the user's later edits survive the next re-import.
    remembered: list[Contact] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    #: Touches, habits, check-ins and breaks to add (JSON import only).
    records: list[Record] = field(default_factory=list)
    #: Settings to store (JSON import into an empty store only).
    settings: Settings | None = None
    #: Every skipped row or card with its line (when it has one).
    skipped_rows: list[SkippedRow] = field(default_factory=list)
    #: People the file gave no name: (line, the name they got, what it was taken from).
    named: list[tuple[int, str, str]] = field(default_factory=list)

    def skip(self, reason: str, n: int = 1, *, line: int = 0, detail: str = "") -> None:
        """Count ``n`` skipped items (one at ``line``, when given)."""
        if n:
            self.skipped[reason] = self.skipped.get(reason, 0) + n
            if line:
                self.skipped_rows.append((line, reason, detail))

    def has_changes(self) -> bool:
        """Whether writing the plan would change the store."""
        return bool(
            self.new
            or self.updates
            or self.remembered
            or self.links
            or self.records
            or self.settings is not None
        )

    def additions(self) -> list[Record]:
        """Every record to insert."""
        return [*self.new, *self.links, *self.records]

    def changed(self) -> list[Contact]:
        """Every contact to replace."""
        return [u.after for u in self.updates] + self.remembered

    def record_counts(self) -> dict[str, int]:
        """How many touches, habits, check-ins and breaks are added."""
        counts = {"touches": 0, "habits": 0, "checkins": 0, "breaks": 0}
        names = {Interaction: "touches", Habit: "habits", CheckIn: "checkins", Break: "breaks"}
        for r in self.records:
            counts[names[type(r)]] += 1
        return counts

    def summary(self) -> str:
        """One line: ``12 new, 3 updated (job change: Ana Ruiz now CTO at Hooli),
        1 skipped (hidden profile)``."""
        parts = [f"{len(self.new)} new"]
        updated = f"{len(self.updates)} updated"
        jobs = [f"{u.after.name} {u.job_change}" for u in self.updates if u.job_change]
        if jobs:
            shown = "; ".join(jobs[:SUMMARY_JOB_CHANGES])
            more = (
                f" and {len(jobs) - SUMMARY_JOB_CHANGES} more"
                if len(jobs) > SUMMARY_JOB_CHANGES
                else ""
            )
            updated += f" (job change{'s' if len(jobs) > 1 else ''}: {shown}{more})"
        parts.append(updated)
        if self.unchanged:
            parts.append(f"{self.unchanged} unchanged")
        total_skipped = sum(self.skipped.values())
        if total_skipped:
            if len(self.skipped) == 1:
                reasons = next(iter(self.skipped))
            else:
                reasons = ", ".join(f"{n} {r}" for r, n in sorted(self.skipped.items()))
            parts.append(f"{total_skipped} skipped ({reasons}{self._skipped_lines()})")
        if self.named:
            n = len(self.named)
            noun = ("card", "cards") if self.source == "vcard" else ("row", "rows")
            froms = list(dict.fromkeys(f for _line, _name, f in self.named))
            their = ", ".join(froms[:-1]) + " or " + froms[-1] if len(froms) > 1 else froms[0]
            parts.append(f"{n} {noun[n != 1]} without a name, named after their {their}")
        by_source: dict[str, int] = {}
        for lk in self.links:
            if self.source == "json":
                what = ""  # the export's own links, whatever their source
            else:
                what = "same company" if lk.source == "same-company" else "from the file"
            by_source[what] = by_source.get(what, 0) + 1
        for what, n in sorted(by_source.items()):
            parts.append(f"{n} link{'s' if n != 1 else ''}" + (f" ({what})" if what else ""))
        counts = self.record_counts()
        labels = {
            "touches": ("touch", "touches"),
            "habits": ("habit", "habits"),
            "checkins": ("check-in", "check-ins"),
            "breaks": ("break", "breaks"),
        }
        extra = [f"{n} {labels[k][n != 1]}" for k, n in counts.items() if n]
        if extra:
            parts.append("added " + ", ".join(extra))
        if self.settings is not None:
            parts.append("settings taken from the file")
        return ", ".join(parts)

    def _skipped_lines(self) -> str:
        """``: line 6 (no END:VCARD); line 9 (…)``: the rows skipped for a fault of the file,
        the first few (rows skipped by rule, such as hidden profiles, are only counted)."""
        faults = [(line, detail) for line, _reason, detail in self.skipped_rows if detail]
        if not faults:
            return ""
        shown = "; ".join(f"line {line}: {detail}" for line, detail in faults[:SUMMARY_SKIPPED])
        more = (
            f"; and {len(faults) - SUMMARY_SKIPPED} more" if len(faults) > SUMMARY_SKIPPED else ""
        )
        return f" — {shown}{more}"

    def report(self) -> dict[str, Any]:
        """The documented ``import --json`` report (without the file and dry-run keys)."""
        return {
            "source": self.source,
            "new": len(self.new),
            "updated": len(self.updates),
            "unchanged": self.unchanged,
            "skipped": sum(self.skipped.values()),
            "skipped_reasons": dict(sorted(self.skipped.items())),
            "skipped_rows": [
                {"line": line, "reason": reason, "detail": detail}
                for line, reason, detail in sorted(self.skipped_rows, key=lambda r: r[0])
            ],
            "named_after": [
                {"line": line, "name": name, "from": what} for line, name, what in self.named
            ],
            "links": len(self.links),
            "records": self.record_counts(),
            "new_contacts": [
                {"uid": c.uid, "name": c.name, "company": c.company} for c in self.new
            ],
            "updates": [
                {"uid": u.after.uid, "name": u.after.name, "fields": list(u.fields)}
                for u in self.updates
            ],
            "job_changes": [
                {
                    "uid": u.after.uid,
                    "name": u.after.name,
                    "was": u.after.previous_job,
                    "now": role(u.after.title, u.after.company),
                }
                for u in self.updates
                if u.job_change
            ],
            "summary": self.summary(),
        }


# -- normalising keys ------------------------------------------------------------------------


_URL = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*)://([^/?#]*)([^?#]*)")


@lru_cache(maxsize=4096)  # (an import asks for each profile URL two or three times)
def normalize_url(url: str) -> str:
    """The identity of a profile URL: https, lowercase host without ``www.``, no query, fragment
    or trailing slash; LinkedIn's country hosts (``uk.linkedin.com``) and path case fold too."""
    raw = (url or "").strip()
    if not raw:
        return ""
    m = _URL.match(raw) or _URL.match("https://" + raw)
    if m is None:
        return raw.casefold()
    scheme, host, path = m.group(1).lower(), m.group(2).lower(), m.group(3)
    if scheme == "http":
        scheme = "https"
    host = host.removeprefix("www.")
    if "%" in path:
        path = unquote(path)
    path = path.rstrip("/")
    if host == "linkedin.com" or host.endswith(".linkedin.com"):
        host = "linkedin.com"
        path = path.casefold()
    return f"{scheme}://{host}{path}"


def normalize_email(email: str) -> str:
    """An e-mail address as a key: trimmed, lowercase, without ``mailto:``."""
    e = (email or "").strip().casefold()
    return e.removeprefix("mailto:")


def normalize_external_id(uid: str) -> str:
    """A vCard UID as a key: without ``urn:uuid:``, lowercase."""
    u = (uid or "").strip().casefold()
    return u.removeprefix("urn:uuid:")


def normalize_phone(phone: str) -> str:
    """A phone number as a key: its digits (and a leading +)."""
    p = (phone or "").strip()
    digits = re.sub(r"\D", "", p)
    return ("+" + digits) if p.startswith("+") else digits


def role(title: str, company: str) -> str:
    """``CTO at Hooli``, ``CTO`` or ``Hooli``."""
    return " at ".join(x for x in (title, company) if x)


def join_values(old: Sequence[str], new: Sequence[str]) -> tuple[str, ...]:
    """``old`` plus the values of ``new`` it lacks (case-insensitive), order kept."""
    seen = {fold(x) for x in old}
    out = list(old)
    for x in new:
        if x and fold(x) not in seen:
            seen.add(fold(x))
            out.append(x)
    return tuple(out)


class Ambiguous(Exception):
    """Several contacts have the imported person's name and nothing tells which one is meant."""


AMBIGUOUS = "same name as several contacts, nothing to tell them apart"


# -- the index -------------------------------------------------------------------------------


def _aka(c: Contact, key: str) -> list[str]:
    """Identities of contacts merged into ``c`` (see :mod:`networkhabit.domain.dedupe`)."""
    if not c.imported:
        return []
    for k, v in c.imported:
        if k == key:
            return [x for x in v.split(LIST_SEP) if x]
    return []


#: A contact with no ``aka:…`` entries (most): :func:`_akas` gives this one empty mapping.
_NO_AKAS: dict[str, list[str]] = {}


def _akas(c: Contact) -> dict[str, list[str]]:
    """Every ``aka:…`` key of ``c.imported`` with its identities, as :func:`_aka` gives each
    (read in one pass: an index adds every contact, and most have none)."""
    out: dict[str, list[str]] = _NO_AKAS
    for k, v in c.imported:
        if k.startswith("aka:") and k not in out:
            if out is _NO_AKAS:
                out = {}
            out[k] = [x for x in v.split(LIST_SEP) if x]
    return out


class _Index:
    """Dict indexes over the contacts, updated as the plan adds and changes them."""

    def __init__(self, contacts: Iterable[Contact], shared_emails: Iterable[str] = ()) -> None:
        self.current: dict[str, Contact] = {}
        self.by_url: dict[str, str] = {}
        self.by_ext: dict[str, str] = {}
        self.by_email: dict[str, str] = {}
        self.by_name: dict[str, list[str]] = {}
        #: The uids of contacts merged into another (``networkhabit merge``): that one's uid.
        self.by_old_uid: dict[str, str] = {}
        #: E-mails (normalised) that name more than one person, in the file or in the store
        #: (a family or office address): never matched on.
        self.shared_emails: set[str] = set(shared_emails)
        #: Contacts that a row of this file already matched or made.
        self.claimed: set[str] = set()
        for c in contacts:
            self.add(c)

    def add(self, c: Contact) -> None:
        """Index a contact (again, after a change: old keys keep pointing at it), with the
        identities of contacts merged into it (``aka:…`` in ``imported``)."""
        self.current[c.uid] = c
        aka = _akas(c)
        if aka is _NO_AKAS:  # (most contacts: the same as below, each identity once)
            uid = c.uid
            if c.url:
                self.by_url.setdefault(normalize_url(c.url), uid)
            if c.external_id:
                self.by_ext.setdefault(normalize_external_id(c.external_id), uid)
            self.by_ext.setdefault(normalize_external_id(uid), uid)
            if c.email:
                email = normalize_email(c.email)
                if self.by_email.setdefault(email, uid) != uid:
                    self.shared_emails.add(email)
            uids = self.by_name.setdefault(fold(c.name), [])
            if uid not in uids:
                uids.append(uid)
            return
        for url in (c.url, *aka.get("aka:url", ())):
            if url:
                self.by_url.setdefault(normalize_url(url), c.uid)
        old_uids = aka.get("aka:uid", ())
        for ext in (c.external_id, *aka.get("aka:external_id", ()), *old_uids):
            if ext:
                self.by_ext.setdefault(normalize_external_id(ext), c.uid)
        self.by_ext.setdefault(normalize_external_id(c.uid), c.uid)  # `export vcard` writes our uid
        for uid in old_uids:
            self.by_old_uid.setdefault(uid, c.uid)
        for address in (c.email, *aka.get("aka:email", ())):
            if address:
                email = normalize_email(address)
                if self.by_email.setdefault(email, c.uid) != c.uid:
                    self.shared_emails.add(email)
        for name in (c.name, *aka.get("aka:name", ())):
            uids = self.by_name.setdefault(fold(name), [])
            if c.uid not in uids:
                uids.append(c.uid)

    def _conflict(self, c: Contact, inc: Incoming, same_file_check: bool) -> bool:
        if inc.uid and c.uid in self.claimed:
            return True  # two records of our own export are never one person
        if (
            c.url
            and inc.url
            and normalize_url(inc.url)
            not in {normalize_url(u) for u in (c.url, *_aka(c, "aka:url"))}
        ):
            return True
        if (
            c.external_id
            and inc.external_id
            and normalize_external_id(inc.external_id)
            not in {
                normalize_external_id(x)
                for x in (c.external_id, *_aka(c, "aka:external_id"), *_aka(c, "aka:uid"))
            }
        ):
            return True
        if same_file_check and c.uid in self.claimed:
            # Another row of this file already is this person: only a true repeat merges.
            if fold(c.name) != fold(inc.name):
                return True
            if c.company and inc.company and fold(c.company) != fold(inc.company):
                return True
        return False

    def match(self, inc: Incoming) -> tuple[Contact, str] | None:
        """The contact ``inc`` is, and how it was found (uid, url, uid, email, name)."""
        if inc.uid and inc.uid in self.current:
            return self.current[inc.uid], "uid"
        if inc.uid and inc.uid in self.by_old_uid:
            merged = self.current[self.by_old_uid[inc.uid]]
            if not (merged.uid in self.claimed):
                return merged, "uid"
        if inc.url:
            uid = self.by_url.get(normalize_url(inc.url))
            if uid is not None and not self._conflict(self.current[uid], inc, True):
                return self.current[uid], "url"
        if inc.external_id:
            uid = self.by_ext.get(normalize_external_id(inc.external_id))
            if uid is not None and not self._conflict(self.current[uid], inc, True):
                return self.current[uid], "external_id"
        for email in inc.emails:
            key = normalize_email(email)
            if key in self.shared_emails:
                continue
            uid = self.by_email.get(key)
            if uid is not None and not self._conflict(self.current[uid], inc, True):
                return self.current[uid], "email"
        candidates = [self.current[u] for u in self.by_name.get(fold(inc.name), ())]
        candidates = [
            c
            for c in candidates
            if fold(inc.name) in {fold(n) for n in (c.name, *_aka(c, "aka:name"))}
            and not self._conflict(c, inc, True)
        ]
        if len(candidates) > 1 and inc.company:
            candidates = [c for c in candidates if fold(c.company) == fold(inc.company)]
        if len(candidates) == 1:
            return candidates[0], "name"
        if len(candidates) > 1 and not inc.uid:
            raise Ambiguous(inc.name)
        return None


# -- what the last import said --------------------------------------------------------------

#: The fields an import remembers in ``Contact.imported``. Lists (e-mails, phones, tags) are
#: kept as one text joined with :data:`LIST_SEP`.
IMPORTED_FIELDS: tuple[str, ...] = (
    "name",
    "company",
    "title",
    "email",
    "phone",
    "url",
    "birthday",
    "notes",
    "tags",
)
LIST_SEP = ", "


def _list_key(norm: Callable[[str], str]) -> Callable[[str], object]:
    def key(value: str) -> object:
        return frozenset(norm(x) for x in value.split(LIST_SEP))

    return key


#: How two remembered values compare: as the merge compares the store with the file.
_KEYS: dict[str, Callable[[str], object]] = {
    "name": fold,
    "company": fold,
    "title": fold,
    "email": _list_key(normalize_email),
    "phone": _list_key(normalize_phone),
    "url": normalize_url,
    "birthday": str,
    "notes": str,
    "tags": _list_key(fold),
}


def _joined(values: tuple[str, ...]) -> str:
    return LIST_SEP.join([v for v in values if v]) if values else ""


def imported_values(inc: Incoming) -> dict[str, str]:
    """What the file says of a person, as ``Contact.imported`` keeps it (empty fields left out),
    in the order of :data:`IMPORTED_FIELDS`."""
    values: dict[str, str] = {}
    for name, value in (
        ("name", inc.name),
        ("company", inc.company),
        ("title", inc.title),
        ("email", _joined(inc.emails)),
        ("phone", _joined(inc.phones)),
        ("url", inc.url),
        ("birthday", inc.birthday or ""),
        ("notes", inc.notes.strip() if inc.notes else ""),
        ("tags", _joined(inc.tags)),
    ):
        if value:
            values[name] = value
    return values


def remember(imported: tuple[tuple[str, str], ...], inc: Incoming) -> tuple[tuple[str, str], ...]:
    """``imported`` with what ``inc`` says; a value equal (as compared) to the old one is kept."""
    if not imported:  # (a new contact: what the file says, as it says it)
        return tuple(sorted(imported_values(inc).items()))
    out = dict(imported)
    for name, value in imported_values(inc).items():
        if name not in out or _KEYS[name](out[name]) != _KEYS[name](value):
            out[name] = value
    return tuple(sorted(out.items()))


def _no_news(c: Contact, inc: Incoming) -> set[str]:
    """The fields where the file says what the last import already said."""
    said = dict(c.imported)
    return {
        name
        for name, value in imported_values(inc).items()
        if name in said and _KEYS[name](said[name]) == _KEYS[name](value)
    }


#: Each remembered field as ``Incoming`` holds it, and the value that says nothing.
_BLANK: dict[str, tuple[str, Any]] = {
    "name": ("name", ""),
    "company": ("company", ""),
    "title": ("title", ""),
    "email": ("emails", ()),
    "phone": ("phones", ()),
    "url": ("url", ""),
    "birthday": ("birthday", None),
    "notes": ("notes", ""),
    "tags": ("tags", ()),
}


def _without(inc: Incoming, names: Iterable[str]) -> Incoming:
    """``inc`` saying nothing of ``names`` (a merge never erases, so those fields stay)."""
    changes = dict(_BLANK[name] for name in names)
    return replace(inc, **changes) if changes else inc


# -- merging one person ----------------------------------------------------------------------


def _birthday_differs(old: str | None, new: str) -> bool:
    if old == new:
        return False
    # A birthday without a year never replaces the same day with a year.
    return not (old and new.startswith("--") and old.endswith(new[1:]))


def merge_contact(
    c: Contact,
    inc: Incoming,
    today: date,
    how: str,
    *,
    fill_only: bool = False,
    track: bool = True,
) -> tuple[Contact, tuple[str, ...], str]:
    """``c`` with what ``inc`` adds or changes: (new contact, changed fields, job change text).

    ``fill_only`` (a repeat of a person already read from the same file): only empty fields
    are filled and lists joined, so the first row of a person wins and re-imports are stable.
    ``track``: a field the file says as the last import did is left alone (the user may have
    edited it), and ``imported`` remembers the file's values; a change to ``imported`` alone
    is not among the changed fields.
    """
    if fill_only:
        return _fill(c, inc)
    changes: dict[str, Any] = {}
    said = inc
    if track:
        no_news = _no_news(c, inc)
        if "company" not in no_news and inc.company and fold(inc.company) != fold(c.company):
            no_news.discard("title")  # a new job's title comes with it
        inc = _without(inc, no_news)
        remembered = remember(c.imported, said)
        if remembered != c.imported:
            changes["imported"] = remembered
    if how != "name" and inc.name and fold(inc.name) != fold(c.name):
        changes["name"] = inc.name
    parts = _name_parts(c, said, changes.get("name", c.name))
    if parts is not None:
        changes["name_parts"] = parts
    job_change = ""
    new_company = inc.company and fold(inc.company) != fold(c.company)
    new_title = inc.title and fold(inc.title) != fold(c.title)
    if new_company:
        changes["company"] = inc.company
        if fold(inc.title) != fold(c.title):
            changes["title"] = inc.title  # the old title belonged to the old company
    elif new_title:
        changes["title"] = inc.title
    if (new_company and c.company) or (new_title and c.title):
        title = changes.get("title", c.title)
        company = changes.get("company", c.company)
        changes["previous_job"] = role(c.title, c.company)
        changes["job_changed_on"] = today
        job_change = f"now {role(title, company)}"
    if inc.emails:
        known = {normalize_email(e) for e in inc.emails}
        if normalize_email(c.email) not in known:
            changes["email"] = inc.emails[0]
    if inc.phones:
        known = {normalize_phone(p) for p in inc.phones}
        if normalize_phone(c.phone) not in known:
            changes["phone"] = inc.phones[0]
    if inc.url and normalize_url(inc.url) != normalize_url(c.url):
        changes["url"] = inc.url
    if inc.birthday and _birthday_differs(c.birthday, inc.birthday):
        changes["birthday"] = inc.birthday
    changes.update(_additions(c, inc))
    if not changes or (set(changes) <= {"imported", "name_parts"} and not c.imported):
        # A contact that never remembered anything (imported before this existed, or our own
        # vCard export read back) is left as it is when nothing else changes: no write.
        return c, (), ""
    quiet = ("previous_job", "job_changed_on", "imported", "name_parts")
    fields = tuple(sorted(k for k in changes if k not in quiet))
    return replace(c, **changes), fields, job_change


def _name_parts(c: Contact, inc: Incoming, name: str) -> tuple[str, ...] | None:
    """The file's split of the name, when it is new and the contact keeps the name it splits
    (a name the user changed by hand is not given the file's parts)."""
    if not inc.name_parts or inc.name_parts == c.name_parts or fold(inc.name) != fold(name):
        return None
    return inc.name_parts


def _fill(c: Contact, inc: Incoming) -> tuple[Contact, tuple[str, ...], str]:
    changes: dict[str, Any] = {}
    if not c.company and inc.company:
        changes["company"] = inc.company
    if (
        not c.title
        and inc.title
        and (not c.company or not inc.company or fold(c.company) == fold(inc.company))
    ):
        changes["title"] = inc.title
    for name, values in (("email", inc.emails), ("phone", inc.phones)):
        if not getattr(c, name) and values:
            changes[name] = values[0]
    if not c.url and inc.url:
        changes["url"] = inc.url
    if not c.birthday and inc.birthday:
        changes["birthday"] = inc.birthday
    changes.update(_additions(c, inc))
    if not changes:
        return c, (), ""
    return replace(c, **changes), tuple(sorted(changes)), ""


def _additions(c: Contact, inc: Incoming) -> dict[str, Any]:
    """What ``inc`` adds without replacing anything: lists, notes, an earlier date, ids."""
    changes: dict[str, Any] = {}
    note = inc.notes.strip()
    if note and note not in c.notes:
        changes["notes"] = f"{c.notes.rstrip()}\n\n{note}" if c.notes.strip() else note
    for name in ("tags", "needs", "offers"):
        joined = join_values(getattr(c, name), getattr(inc, name))
        if joined != getattr(c, name):
            changes[name] = joined
    if (
        inc.external_id
        and not c.external_id
        and normalize_external_id(inc.external_id) != normalize_external_id(c.uid)
    ):
        changes["external_id"] = (
            inc.external_id
        )  # (our own uid, from `export vcard`, is not kept twice)
    if inc.created and inc.created < c.created:
        changes["created"] = inc.created
    if inc.cadence_days and not c.cadence_days:
        changes["cadence_days"] = inc.cadence_days
    return changes


def new_contact(inc: Incoming, source: str, today: date, settings: Settings) -> Contact:
    """A contact made from an imported person."""
    return Contact(
        uid=new_uid(),
        name=inc.name,
        created=inc.created or today,
        company=inc.company,
        title=inc.title,
        email=inc.emails[0] if inc.emails else "",
        phone=inc.phones[0] if inc.phones else "",
        url=inc.url,
        tags=inc.tags,
        cadence_days=inc.cadence_days or default_cadence(inc.tags, settings),
        needs=inc.needs,
        offers=inc.offers,
        notes=inc.notes.strip(),
        birthday=inc.birthday,
        source=source,
        external_id=inc.external_id,
        imported=remember((), inc),
        name_parts=inc.name_parts,
    )


# -- planning --------------------------------------------------------------------------------


class _Planner:
    """Shared state of one plan: the index, the plan and who changed."""

    def __init__(
        self,
        snap: Snapshot,
        source: str,
        today: date,
        shared_emails: Iterable[str] = (),
        *,
        fresh: bool = False,
        stored_links: Callable[[], Iterable[Link]] | None = None,
    ) -> None:
        self.snap = snap
        self.today = today
        self.index = _Index(snap.contacts, shared_emails)
        self.plan = Plan(source)
        self.original = {c.uid: c for c in snap.contacts}
        self.updated: dict[str, tuple[set[str], str]] = {}  # uid → (fields, job change)
        self.new_uids: list[str] = []
        #: Whether the contacts this plan makes get fresh uids (``new_uid``), which no stored
        #: link can name: then whether two know each other, when one is such a contact, is
        #: asked of this plan's links alone.
        self.fresh = fresh
        self._fresh: set[str] = set()
        self._made: set[frozenset[str]] = set()  # the pairs this plan links
        self._stored: set[frozenset[str]] | None = None  # the stored links' (when first asked)
        #: Where the stored links come from when first asked for (``snap.links`` if None).
        self._stored_links = stored_links

    def take(self, inc: Incoming, make: Callable[[], Contact]) -> str | None:
        """Match or create the contact for ``inc``; returns its uid (None: skipped)."""
        try:
            found = self.index.match(inc)
        except Ambiguous:
            self.plan.skip(AMBIGUOUS, line=inc.row)
            return None
        if found is None:
            c = make()
            if self.fresh:
                self._fresh.add(c.uid)
            self.index.add(c)
            self.index.claimed.add(c.uid)
            self.new_uids.append(c.uid)
            return c.uid
        c, how = found
        if c.uid in self.index.claimed:
            self.plan.skip("duplicate of an earlier row", line=inc.row)
        merged, fields, job = merge_contact(
            c,
            inc,
            self.today,
            how,
            fill_only=c.uid in self.index.claimed,
            track=self.plan.source != "json",
        )
        if merged != c:
            self.index.add(merged)
            if c.uid in self.original:
                old_fields, old_job = self.updated.get(c.uid, (set(), ""))
                self.updated[c.uid] = (old_fields | set(fields), job or old_job)
        self.index.claimed.add(c.uid)
        return c.uid

    def finish(self) -> Plan:
        """Fill the plan's contact lists from the index."""
        current = self.index.current
        self.plan.new = [current[u] for u in self.new_uids]
        for uid, (fields, job) in self.updated.items():
            before, after = self.original[uid], current[uid]
            if before != after and fields:
                self.plan.updates.append(Update(before, after, tuple(sorted(fields)), job))
            elif before != after:
                self.plan.remembered.append(after)
        touched = self.index.claimed - set(self.new_uids)
        self.plan.unchanged = len(touched) - len(self.plan.updates)
        return self.plan

    def knows(self, a: str, b: str) -> bool:
        """Whether a stored link or one of this plan's joins ``a`` and ``b``."""
        pair = frozenset((a, b))
        if pair in self._made:
            return True
        if a in self._fresh or b in self._fresh:
            return False  # (a contact this plan made: in no stored link)
        if self._stored is None:
            links = self.snap.links if self._stored_links is None else self._stored_links()
            self._stored = {frozenset((lk.a, lk.b)) for lk in links}
        return pair in self._stored

    def link(self, a: str, b: str, source: str, note: str) -> bool:
        """Add a link unless the two already know each other."""
        if a == b or self.knows(a, b):
            return False
        self._made.add(frozenset((a, b)))
        self.plan.links.append(Link(new_uid(), a, b, self.today, source, note))
        return True


def plan_import(
    snap: Snapshot,
    parsed: ParsedFile,
    today: date,
    *,
    infer_links: bool = True,
    progress: Progress | None = None,
    stored_links: Callable[[], Iterable[Link]] | None = None,
) -> Plan:
    """What importing ``parsed`` into ``snap`` would change. ``stored_links``: what gives the
    stored links, asked only when two stored contacts may get a link (a relation, a changed
    company) — a file of new people needs none of them; None: ``snap.links``."""
    p = _Planner(
        snap,
        parsed.source,
        today,
        _shared_emails(parsed.people),
        fresh=True,
        stored_links=stored_links,
    )
    for reason, n in parsed.skipped.items():
        p.plan.skip(reason, n)
    p.plan.skipped_rows.extend(parsed.skipped_rows)
    p.plan.named = [(inc.row, inc.name, inc.named_from) for inc in parsed.people if inc.named_from]
    uids: list[str | None] = []
    for inc in parsed.people:
        if inc.created is not None and inc.created > today:
            inc = replace(inc, created=today)  # a date in the future would make no one due
        uids.append(p.take(inc, partial(new_contact, inc, parsed.source, today, snap.settings)))
        if progress is not None:
            progress(1)
    plan = p.finish()
    for inc, uid in zip(parsed.people, uids, strict=True):
        if uid is None:
            continue
        for ext, kind in inc.related:
            other = p.index.by_ext.get(normalize_external_id(ext))
            if other is None:
                plan.skip("relation to a card not found", line=inc.row)
                continue
            p.link(uid, other, "manual", f"vCard RELATED{': ' + kind if kind else ''}")
    if infer_links:
        _colleague_links(p)
    return plan


def _shared_emails(people: Iterable[Incoming]) -> set[str]:
    """The e-mails (normalised) that more than one person of the file gives: a family or
    office address says nothing about which of them a contact is. Rows repeating a person
    (same name) do not make their address shared."""
    owner: dict[str, str] = {}
    shared: set[str] = set()
    for inc in people:
        name = fold(inc.name)
        for email in inc.emails:
            key = normalize_email(email)
            if owner.setdefault(key, name) != name:
                shared.add(key)
    return shared


def _colleague_links(p: _Planner) -> None:
    """Same-company links for new contacts and those whose company changed (capped)."""
    current = p.index.current
    targets = list(p.new_uids) + [u.after.uid for u in p.plan.updates if "company" in u.fields]
    if not targets:
        return
    groups: dict[str, list[str]] = {}
    new = set(p.new_uids)
    existing = sorted(
        (c for c in current.values() if c.uid not in new and not c.archived),
        key=lambda c: (c.created, c.uid),
    )
    for c in [*existing, *(current[u] for u in p.new_uids)]:
        if c.company:
            groups.setdefault(fold(c.company), []).append(c.uid)
    for uid in targets:
        c = current[uid]
        if not c.company:
            continue
        made = 0
        for other in groups.get(fold(c.company), ()):
            if made >= MAX_COLLEAGUE_LINKS:
                break
            if other != uid and p.link(uid, other, "same-company", f"both at {c.company}"):
                made += 1


def _same(c: Contact) -> Contact:
    return c


def _incoming_from_contact(c: Contact) -> Incoming:
    return Incoming(
        name=c.name,
        company=c.company,
        title=c.title,
        emails=(c.email,) if c.email else (),
        phones=(c.phone,) if c.phone else (),
        url=c.url,
        tags=c.tags,
        notes=c.notes,
        birthday=c.birthday,
        created=c.created,
        external_id=c.external_id,
        uid=c.uid,
        needs=c.needs,
        offers=c.offers,
        cadence_days=c.cadence_days,
    )


def is_empty(snap: Snapshot) -> bool:
    """No records at all."""
    return not (
        snap.contacts
        or snap.interactions
        or snap.links
        or snap.habits
        or snap.checkins
        or snap.breaks
    )


def plan_json(
    snap: Snapshot, incoming: Snapshot, today: date, *, progress: Progress | None = None
) -> Plan:
    """What merging an exported store ``incoming`` into ``snap`` would change.

    Contacts match by uid, then as in every import; a contact of the file that
    matched someone else's uid has its touches and links moved to that contact.
    Other records already in the store (same uid, or the same habit name, check-in
    day, break or touch) are kept as they are. Into an empty store the file's
    records and settings are taken exactly.
    """
    p = _Planner(snap, "json", today)
    plan = p.plan
    remap: dict[str, str] = {}
    for c in incoming.contacts:
        uid = p.take(_incoming_from_contact(c), partial(_same, c))
        assert uid is not None  # records of our own export are never ambiguous
        remap[c.uid] = uid
        if progress is not None:
            progress(1)
    p.finish()
    current = p.index.current

    # Duplicates are looked for in the store only: the file is a store too and may hold
    # two equal touches on purpose; a round trip must give them back.
    link_uids = {lk.uid for lk in snap.links}
    for lk in incoming.links:
        a, b = remap.get(lk.a, lk.a), remap.get(lk.b, lk.b)
        if a not in current or b not in current:
            plan.skip("link to an unknown contact")
            continue
        if lk.uid in link_uids or a == b or p.knows(a, b):
            continue
        plan.links.append(replace(lk, a=a, b=b))

    touch_uids = {i.uid for i in snap.interactions}
    same_touch = {(i.date, i.kind, i.note, frozenset(i.contacts)) for i in snap.interactions}
    for it in incoming.interactions:
        if it.uid in touch_uids:
            continue
        people = tuple(
            dict.fromkeys(remap.get(u, u) for u in it.contacts if remap.get(u, u) in current)
        )
        if not people:
            plan.skip("touch with unknown contacts")
            continue
        if (it.date, it.kind, it.note, frozenset(people)) in same_touch:
            continue
        plan.records.append(replace(it, contacts=people))

    habit_uids = {h.uid for h in snap.habits}
    habit_by_name = {fold(h.name): h.uid for h in snap.habits}
    habit_map: dict[str, str] = {}
    for h in incoming.habits:
        if h.uid in habit_uids:
            habit_map[h.uid] = h.uid
        elif fold(h.name) in habit_by_name:
            habit_map[h.uid] = habit_by_name[fold(h.name)]
        else:
            habit_map[h.uid] = h.uid
            habit_by_name[fold(h.name)] = h.uid
            habit_uids.add(h.uid)
            plan.records.append(h)

    checkin_uids = {ci.uid for ci in snap.checkins}
    checkin_days = {(ci.habit, ci.date) for ci in snap.checkins}
    for ci in incoming.checkins:
        habit = habit_map.get(ci.habit)
        if habit is None:
            plan.skip("check-in of an unknown habit")
            continue
        if ci.uid in checkin_uids or (habit, ci.date) in checkin_days:
            continue
        plan.records.append(replace(ci, habit=habit))

    break_keys = {b.uid for b in snap.breaks} | {(b.start, b.end) for b in snap.breaks}
    for br in incoming.breaks:
        if br.uid in break_keys or (br.start, br.end) in break_keys:
            continue
        plan.records.append(br)

    if is_empty(snap) and incoming.settings != snap.settings:
        plan.settings = incoming.settings
    return plan
