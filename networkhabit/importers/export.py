"""Taking the network out: CSV, vCard and iCalendar (JSON lives in :mod:`jsonio`).

Every function turns a :class:`Snapshot` into bytes; :func:`files.write_output`
writes them (atomically, mode 0600) or the command prints them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta

from networkhabit import __version__
from networkhabit.domain import contacts as rules
from networkhabit.domain.dates import next_birthday
from networkhabit.domain.model import Contact, Snapshot
from networkhabit.domain.names import display_names

#: A cell starting with one of these is a formula to a spreadsheet: it gets a leading quote.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PRODID = f"-//networkhabit//networkhabit {__version__}//EN"

CONTACT_COLUMNS = (
    "uid",
    "name",
    "company",
    "title",
    "email",
    "phone",
    "url",
    "tags",
    "cadence_days",
    "max_days",
    "needs",
    "offers",
    "birthday",
    "known",
    "archived",
    "snoozed_until",
    "created",
    "source",
    "last_contact",
    "touches",
    "notes",
)
TOUCH_COLUMNS = (
    "uid",
    "date",
    "kind",
    "contacts",
    "contact_uids",
    "note",
    "follow_up",
    "follow_up_done",
)


def safe_cell(value: object) -> str:
    """A CSV cell a spreadsheet will not run: text starting with = + - @ tab or CR gets a ``'``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    if isinstance(value, str) and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def _csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return out.getvalue().encode("utf-8")


def contacts_csv(snap: Snapshot, today: date) -> bytes:
    """One row per contact (archived ones too), lists joined with ``; ``."""
    stats = rules.touch_stats(snap.interactions, today)
    rows = []
    for c in sorted(snap.contacts, key=lambda c: (c.name.casefold(), c.company.casefold(), c.uid)):
        s = stats.get(c.uid)
        rows.append(
            (
                c.uid,
                c.name,
                c.company,
                c.title,
                c.email,
                c.phone,
                c.url,
                "; ".join(c.tags),
                c.cadence_days,
                c.max_days,
                "; ".join(c.needs),
                "; ".join(c.offers),
                c.birthday or "",
                c.known,
                c.archived,
                c.snoozed_until.isoformat() if c.snoozed_until else "",
                c.created.isoformat(),
                c.source,
                rules.last_contact(c, stats).isoformat(),
                s.count if s else 0,
                c.notes,
            )
        )
    return _csv(CONTACT_COLUMNS, rows)


def touches_csv(snap: Snapshot) -> bytes:
    """One row per touch, newest first; contacts by name (and uid)."""
    labels = display_names(snap.contacts)
    rows = []
    for i in sorted(snap.interactions, key=lambda i: (i.date, i.uid), reverse=True):
        rows.append(
            (
                i.uid,
                i.date.isoformat(),
                i.kind,
                "; ".join(labels.get(u, "?") for u in i.contacts),
                " ".join(i.contacts),
                i.note,
                i.follow_up.isoformat() if i.follow_up else "",
                i.follow_up_done,
            )
        )
    return _csv(TOUCH_COLUMNS, rows)


#: Words before a name that are a form of address (folded, without the dot).
PREFIXES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "sir",
        "dame",
        "lady",
        "lord",
        "rev",
        "fr",
        "hon",
        "capt",
        "col",
        "gen",
        "lt",
        "sgt",
    ]
)
#: Words after a name (without a comma) that are a generational or academic suffix.
SUFFIXES = frozenset(["jr", "sr", "ii", "iii", "iv", "phd", "md", "esq", "mba", "cpa"])
#: Lowercase words that start a family name: "Ludwig van Beethoven".
PARTICLES = frozenset(
    [
        "van",
        "von",
        "de",
        "da",
        "di",
        "del",
        "della",
        "der",
        "den",
        "du",
        "la",
        "le",
        "dos",
        "das",
        "ter",
        "ten",
        "bin",
        "ibn",
        "al",
    ]
)


def _bare(word: str) -> str:
    return word.casefold().replace(".", "")


def _post_nominal(piece: str) -> bool:
    """``CFP®``, ``PhD``, ``Esq.``, ``III``: what follows a comma after a name; not ``Ana``
    (``Ruiz, Ana`` is family, given)."""
    if _bare(piece) in SUFFIXES or any(ch in piece for ch in "®™"):
        return True
    letters = [ch for ch in piece if ch.isalpha()]
    return len(letters) >= 2 and sum(ch.isupper() for ch in letters) >= 2


def split_name(name: str) -> tuple[str, str, str, str, str]:
    """A typed name as vCard's N: (family, given, additional, prefix, suffix).

    ``Dr. John Q. Public, III`` → (Public, John, Q., Dr., III); ``Elliot Sandvig, CFP®,
    AAMS™`` → (Sandvig, Elliot, '', '', 'CFP®, AAMS™'); ``Ruiz, Ana`` → (Ruiz, Ana, …);
    ``Ludwig van Beethoven`` → (van Beethoven, Ludwig, …); one word (or a name written
    without spaces, as in Chinese or Japanese) is the given name.
    """
    head, *pieces = [x.strip() for x in name.split(",")]
    suffixes = [x for x in pieces if x]
    if suffixes and not all(_post_nominal(x) for x in suffixes):
        if len(suffixes) == 1 and " " not in head:  # "Ruiz, Ana": family, given
            return head, suffixes[0], "", "", ""
        head, suffixes = name.strip(), []
    words = head.split()
    prefixes: list[str] = []
    while len(words) > 1 and _bare(words[0]) in PREFIXES:
        prefixes.append(words.pop(0))
    trailing: list[str] = []
    while len(words) > 1 and _bare(words[-1]) in SUFFIXES:
        trailing.insert(0, words.pop())
    suffix = ", ".join([" ".join(trailing), *suffixes] if trailing else suffixes)
    if len(words) < 2:
        return "", " ".join(words), "", " ".join(prefixes), suffix
    family = [words.pop()]
    while len(words) > 1 and words[-1] in PARTICLES:
        family.insert(0, words.pop())
    return " ".join(family), words[0], " ".join(words[1:]), " ".join(prefixes), suffix


def name_parts(c: Contact) -> tuple[str, str, str, str, str]:
    """The contact's name as vCard's N: as it was imported while the name is still the one
    imported (its family, given and additional names are in it; a prefix or suffix may not
    be), else :func:`split_name` of the name."""
    parts = (tuple(c.name_parts) + ("",) * 5)[:5]
    folded = c.name.casefold()
    if any(parts[:3]) and all(p.casefold() in folded for p in parts[:3] if p):
        return parts[0], parts[1], parts[2], parts[3], parts[4]
    return split_name(c.name)


def contact_vcard(c: Contact, version: str = "3.0") -> str:
    """One contact as a vCard (3.0 or 4.0)."""
    import vobject

    card = vobject.vCard()
    card.add("version").value = version
    family, given, additional, prefix, suffix = name_parts(c)
    card.add("n").value = vobject.vcard.Name(
        family=family, given=given, additional=additional, prefix=prefix, suffix=suffix
    )
    card.add("fn").value = c.name
    if c.company:
        card.add("org").value = [c.company]
    if c.title:
        card.add("title").value = c.title
    if c.email:
        line = card.add("email")
        line.value = c.email
        line.type_param = "INTERNET" if version == "3.0" else "work"
    if c.phone:
        card.add("tel").value = c.phone
    if c.url:
        card.add("url").value = c.url
    if c.tags:
        card.add("categories").value = list(c.tags)
    if c.notes:
        card.add("note").value = c.notes
    if c.birthday:
        line = card.add("bday")
        if c.birthday.startswith("--"):
            if version == "4.0":
                line.value = "--" + c.birthday[2:].replace("-", "")
            else:  # Apple's convention for a birthday without a year
                line.value = "1604" + c.birthday[1:]
                line.params["X-APPLE-OMIT-YEAR"] = ["1604"]
        else:
            line.value = c.birthday
    card.add("uid").value = c.external_id or c.uid
    return str(card.serialize())


def vcards(snap: Snapshot, *, include_archived: bool = False, version: str = "3.0") -> bytes:
    """Every contact (not archived, unless asked) as vCards, by name."""
    people = sorted(
        (c for c in snap.contacts if include_archived or not c.archived),
        key=lambda c: (c.name.casefold(), c.uid),
    )
    return "".join(contact_vcard(c, version) for c in people).encode("utf-8")


def calendar(
    snap: Snapshot, today: date, *, now: datetime | None = None, events: bool = False
) -> bytes:
    """Open follow-ups and contacts to reach as to-dos (or all-day events), birthdays as yearly
    events; every component has UID and DTSTAMP, so calendar apps accept and update them."""
    from icalendar import Calendar, Event, Todo

    stamp = now or datetime.now(UTC)
    labels = display_names(snap.contacts)
    by_uid = snap.contact_by_uid()
    stats = rules.touch_stats(snap.interactions, today)

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "networkhabit")

    def item(uid: str, summary: str, due: date, description: str = "") -> None:
        comp = Event() if events else Todo()
        comp.add("uid", f"{uid}@networkhabit")
        comp.add("dtstamp", stamp)
        comp.add("summary", summary)
        if events:
            comp.add("dtstart", due)
            comp.add("dtend", due + timedelta(days=1))
            comp.add("transp", "TRANSPARENT")
        else:
            comp.add("due", due)
            comp.add("status", "NEEDS-ACTION")
        if description:
            comp.add("description", description)
        cal.add_component(comp)

    for it in sorted(snap.interactions, key=lambda i: (i.follow_up or today, i.uid)):
        if it.follow_up is None or it.follow_up_done:
            continue
        people = [labels[u] for u in it.contacts if u in by_uid and not by_uid[u].archived]
        if not people:
            continue
        detail = f"{it.kind} on {it.date.isoformat()}" + (f": {it.note}" if it.note else "")
        item(f"follow-up-{it.uid}", f"Follow up with {', '.join(people)}", it.follow_up, detail)

    for c in sorted(snap.contacts, key=lambda c: (c.name.casefold(), c.uid)):
        if c.archived or not c.known or not c.cadence_days:
            continue
        due = rules.due_date(c, stats)
        assert due is not None
        if c.snoozed_until is not None and c.snoozed_until > due:
            due = c.snoozed_until
        last = rules.last_contact(c, stats)
        item(
            f"reach-{c.uid}",
            f"Reach out to {labels[c.uid]}",
            due,
            f"last talked {last.isoformat()} · every {c.cadence_days} days",
        )

    for c in sorted(snap.contacts, key=lambda c: (c.name.casefold(), c.uid)):
        if c.archived or not c.birthday:
            continue
        start = next_birthday(c.birthday, today)
        if start is None:
            continue
        ev = Event()
        ev.add("uid", f"birthday-{c.uid}@networkhabit")
        ev.add("dtstamp", stamp)
        ev.add("summary", f"Birthday: {labels[c.uid]}")
        ev.add("dtstart", start)
        ev.add("dtend", start + timedelta(days=1))
        ev.add("rrule", {"freq": "yearly"})
        ev.add("transp", "TRANSPARENT")
        cal.add_component(ev)
    return bytes(cal.to_ical())
