"""Checking and repairing a store file, and restoring a backup (``networkhabit doctor``).

Works on any file, including one the store refuses to open: :func:`examine` never
raises for what is inside the file, it reports. :func:`fix` repairs only what is safe
(references pointing nowhere, duplicate uids, odd doc ids), after saving a copy aside.
"""

from __future__ import annotations

import copy
import os
import stat
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import orjson

from networkhabit import clock
from networkhabit.domain.dates import parse_birthday
from networkhabit.domain.errors import InputError
from networkhabit.domain.model import COUNTS, KINDS, LINK_SOURCES, PERIODS, new_uid
from networkhabit.domain.touches import MAX_NOTE
from networkhabit.store import backup, codec, migrations
from networkhabit.store.codec import META_TABLE, TABLES
from networkhabit.store.storage import (
    INDEX_KEY,
    SCHEMA_VERSION,
    Data,
    StoreError,
    StoreFile,
    not_a_file,
)

#: Plain words for each table's records.
NOUNS = {
    "contacts": "contact",
    "interactions": "touch",
    "links": "link",
    "habits": "habit",
    "checkins": "check-in",
    "breaks": "break",
}


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong in the file, in plain words; ``fixable`` if ``doctor --fix`` repairs it."""

    message: str
    fixable: bool = False


@dataclass
class Report:
    """What :func:`examine` found."""

    path: Path
    exists: bool = False
    size: int = 0
    schema: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: The file cannot be opened at all (not JSON, wrong shape, newer schema, unreadable).
    fatal: bool = False
    #: Not problems, but worth saying (wide permissions, an older schema).
    notes: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        """No problems found."""
        return not self.problems


# -- examining -----------------------------------------------------------------------------


def examine(path: Path) -> Report:
    """Check the store file at ``path``: readable, valid JSON, a store this version reads,
    every record well-formed, every reference pointing at a record, no duplicate uids."""
    path = Path(path)
    report = Report(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return report
    except NotADirectoryError:
        report.exists, report.fatal = True, True
        report.problems.append(Problem("its folder path goes through a file, not a folder"))
        return report
    except OSError as exc:
        report.exists, report.fatal = True, True
        report.problems.append(Problem(f"the file cannot be read ({exc.strerror})"))
        return report
    report.exists = True
    if stat.S_ISDIR(st.st_mode):
        report.fatal = True
        report.problems.append(Problem("it is a folder, not a store file"))
        return report
    if not stat.S_ISREG(st.st_mode):  # a device, FIFO or socket: never read (a FIFO would hang)
        report.fatal = True
        problem = not_a_file(path, st)
        report.problems.append(Problem(str(problem).split(": ", 1)[-1]))
        return report
    report.size = st.st_size
    if st.st_mode & 0o077:
        report.notes.append(
            f"other users can read it (mode {stat.S_IMODE(st.st_mode):04o}); "
            "--fix makes it private (0600)"
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        report.fatal = True
        report.problems.append(Problem(f"the file cannot be read ({exc.strerror})"))
        return report
    examine_bytes(raw, report)
    blocked = backup.blocked_backup(path, clock.today())
    if blocked is not None:
        report.problems.append(Problem(blocked))
    return report


def examine_bytes(raw: bytes, report: Report) -> Report:
    """Fill ``report`` from the file's bytes (see :func:`examine`)."""
    if not raw.strip():
        report.notes.append("the file is empty (a store with nothing in it yet)")
        report.schema = SCHEMA_VERSION
        return report
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        report.fatal = True
        report.problems.append(
            Problem(f"it is not valid JSON ({exc}) — probably cut short or edited by hand")
        )
        return report
    if not isinstance(data, dict):
        report.fatal = True
        report.problems.append(
            Problem(
                f"it is JSON but not a networkhabit store (a {type(data).__name__}"
                ", not an object of tables)"
            )
        )
        return report
    not_tables = sorted(k for k, v in data.items() if not isinstance(v, dict))
    if not_tables:
        report.fatal = True
        report.problems.append(
            Problem(
                f"it is JSON but not a networkhabit store ({', '.join(map(repr, not_tables))}"
                " should be tables of records)"
            )
        )
        return report
    if INDEX_KEY in data:
        del data[INDEX_KEY]  # an older version's index inside the file: derived, not a table
        report.notes.append(
            "it still holds an index of touches from an older version (now kept in the cache "
            "folder); the next change takes it out of the file"
        )
    version = _schema(data, report)
    if version is None:
        return report
    report.schema = version
    if version < SCHEMA_VERSION:
        report.notes.append(
            f"it uses the older schema {version}; it is upgraded (after a backup) "
            "the next time networkhabit opens it"
        )
        fresh = orjson.loads(raw)
        fresh.pop(INDEX_KEY, None)
        data = migrations.migrate(fresh, version)
    report.counts = {t: len(data.get(t) or {}) for t in TABLES.values()}
    report.problems.extend(check_data(data))
    return report


def _schema(data: Data, report: Report) -> int | None:
    meta = data.get(META_TABLE) or {}
    version: Any = 0
    for doc in meta.values():
        if isinstance(doc, dict) and "schema" in doc:
            version = doc["schema"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        report.fatal = True
        report.problems.append(Problem(f"its schema version {version!r} is not a version number"))
        return None
    if version > SCHEMA_VERSION:
        report.fatal = True
        report.problems.append(
            Problem(
                f"it was made by a newer networkhabit (schema {version}; this one "
                f"reads up to {SCHEMA_VERSION}) — upgrade networkhabit"
            )
        )
        return None
    return version


def _describe(table: str, doc: Any) -> str:
    """A record in words: "the touch of 2026-03-01", "contact 'Ana Ruiz'"."""
    noun = NOUNS.get(table, table)
    if not isinstance(doc, dict):
        return noun
    if isinstance(doc.get("name"), str) and doc["name"]:
        return f"{noun} {doc['name']!r}"
    if table == "interactions" and isinstance(doc.get("date"), str):
        return f"the touch of {doc['date']}"
    if table == "checkins" and isinstance(doc.get("date"), str):
        return f"the check-in of {doc['date']}"
    if table == "breaks" and isinstance(doc.get("from"), str):
        return f"the break from {doc['from']}"
    return f"{noun} {str(doc.get('uid', '?'))[:8]}"


def _date_ok(value: Any, optional: bool = False) -> bool:
    if value is None:
        return optional
    if not isinstance(value, str):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def _int_ok(value: Any, low: int, optional: bool = False) -> bool:
    if value is None:
        return optional
    return isinstance(value, int) and not isinstance(value, bool) and value >= low


def _strings_ok(value: Any) -> bool:
    return value is None or (isinstance(value, list) and all(isinstance(v, str) for v in value))


def _text_ok(value: Any) -> bool:
    return value is None or isinstance(value, str)


def _contact_problems(d: dict[str, Any]) -> list[str]:
    out = []
    if not isinstance(d.get("name"), str) or not d["name"].strip():
        out.append("has no name")
    if not _date_ok(d.get("created")):
        out.append(f"has an invalid created date {d.get('created')!r}")
    if not _int_ok(d.get("cadence_days"), 1, optional=True):
        out.append(
            f"has an invalid keep-in-touch cadence {d.get('cadence_days')!r} (days, at least 1)"
        )
    if not _int_ok(d.get("max_days"), 1, optional=True):
        out.append(f"has an invalid limit {d.get('max_days')!r} (days, at least 1)")
    if not _date_ok(d.get("snoozed_until"), optional=True):
        out.append(f"has an invalid snooze date {d.get('snoozed_until')!r}")
    if not _date_ok(d.get("job_changed_on"), optional=True):
        out.append(f"has an invalid job-change date {d.get('job_changed_on')!r}")
    birthday = d.get("birthday")
    if birthday is not None:
        try:
            ok = isinstance(birthday, str) and parse_birthday(birthday) == birthday
        except InputError:
            ok = False
        if not ok:
            out.append(f"has an invalid birthday {birthday!r} (YYYY-MM-DD or --MM-DD)")
    for key in ("tags", "needs", "offers"):
        if not _strings_ok(d.get(key)):
            out.append(f"has {key} that are not a list of words")
    for key in ("company", "title", "email", "phone", "url", "notes", "source"):
        if not _text_ok(d.get(key)):
            out.append(f"has a {key} that is not text")
    return out


def _touch_problems(d: dict[str, Any]) -> list[str]:
    out = []
    if not _date_ok(d.get("date")):
        out.append(f"has an invalid date {d.get('date')!r}")
    if not _date_ok(d.get("follow_up"), optional=True):
        out.append(f"has an invalid follow-up date {d.get('follow_up')!r}")
    if d.get("kind") not in KINDS:
        out.append(f"has an unknown kind {d.get('kind')!r} (one of {', '.join(KINDS)})")
    if not isinstance(d.get("contacts"), list) or not all(
        isinstance(u, str) for u in d["contacts"]
    ):
        out.append("has no list of contacts")
    note = d.get("note")
    if not _text_ok(note):
        out.append("has a note that is not text")
    elif note and len(note) > MAX_NOTE:
        out.append(f"has a note longer than {MAX_NOTE:,} characters")
    if not _date_ok(d.get("closed_on"), optional=True):
        out.append(f"has an invalid follow-up closing date {d.get('closed_on')!r}")
    if not _text_ok(d.get("closed_by")):
        out.append("has a closing touch that is not a uid")
    return out


def _link_problems(d: dict[str, Any]) -> list[str]:
    out = []
    if not isinstance(d.get("a"), str) or not isinstance(d.get("b"), str):
        out.append("does not name two contacts")
    if not _date_ok(d.get("created")):
        out.append(f"has an invalid created date {d.get('created')!r}")
    if d.get("source", "manual") not in LINK_SOURCES:
        out.append(f"has an unknown source {d.get('source')!r}")
    return out


def _habit_problems(d: dict[str, Any]) -> list[str]:
    out = []
    if not isinstance(d.get("name"), str) or not d["name"].strip():
        out.append("has no name")
    if not _date_ok(d.get("created")):
        out.append(f"has an invalid created date {d.get('created')!r}")
    if not _int_ok(d.get("target", 1), 1):
        out.append(f"has an invalid target {d.get('target')!r} (at least 1)")
    if d.get("period", "day") not in PERIODS:
        out.append(f"has an unknown period {d.get('period')!r} (day or week)")
    days = d.get("days")
    if days is not None and (
        not isinstance(days, list) or not all(_int_ok(x, 0) and x <= 6 for x in days)
    ):
        out.append(f"has invalid weekdays {days!r} (numbers 0-6)")
    if (d.get("counts") or "") not in COUNTS:
        choices = ", ".join(c for c in COUNTS if c)
        out.append(f"has an unknown count {d.get('counts')!r} (one of {choices})")
    kinds = d.get("kinds")
    if kinds is not None and (not isinstance(kinds, list) or not all(k in KINDS for k in kinds)):
        out.append(f"has invalid touch kinds {kinds!r} (any of {', '.join(KINDS)})")
    return out


def _checkin_problems(d: dict[str, Any]) -> list[str]:
    out = []
    if not isinstance(d.get("habit"), str):
        out.append("does not name a habit")
    if not _date_ok(d.get("date")):
        out.append(f"has an invalid date {d.get('date')!r}")
    if not _int_ok(d.get("count", 1), 0 if d.get("skip") else 1):
        out.append(f"has an invalid count {d.get('count')!r} (at least 1)")
    if not _text_ok(d.get("note")):
        out.append("has a note that is not text")
    return out


def _break_problems(d: dict[str, Any]) -> list[str]:
    out = []
    if not _date_ok(d.get("from")) or not _date_ok(d.get("to")):
        out.append(f"has invalid dates {d.get('from')!r} to {d.get('to')!r}")
    elif d["from"] > d["to"]:
        out.append(f"ends ({d['to']}) before it starts ({d['from']})")
    return out


SHAPE_CHECKS: dict[str, Callable[[dict[str, Any]], list[str]]] = {
    "contacts": _contact_problems,
    "interactions": _touch_problems,
    "links": _link_problems,
    "habits": _habit_problems,
    "checkins": _checkin_problems,
    "breaks": _break_problems,
}
_FROM_DOC = {TABLES[t]: fn for t, fn in codec.FROM_DOC.items()}


def check_data(data: Data) -> list[Problem]:
    """Every problem in a parsed store of the current schema, in plain words."""
    problems: list[Problem] = []
    for table in sorted(set(data) - set(TABLES.values()) - {META_TABLE, "tombstones"}):
        n = len(data[table])
        problems.append(
            Problem(
                f"unknown table {table!r} ({n} record{'s' if n != 1 else ''}) — "
                "not made by this networkhabit; it is kept but not used"
            )
        )
    problems.extend(_meta_problems(data.get(META_TABLE) or {}))
    for table, check in SHAPE_CHECKS.items():
        docs = data.get(table) or {}
        bad_ids = [k for k in docs if not (k.isdigit() and int(k) > 0)]
        if bad_ids:
            problems.append(
                Problem(
                    f"{len(bad_ids)} {table} record(s) have odd ids "
                    f"({', '.join(map(repr, bad_ids[:3]))}); --fix renumbers them",
                    True,
                )
            )
        for doc in docs.values():
            what = _describe(table, doc)
            if not isinstance(doc, dict):
                problems.append(Problem(f"a {NOUNS[table]} is not a record ({str(doc)[:40]!r})"))
                continue
            if not isinstance(doc.get("uid"), str) or not doc["uid"]:
                problems.append(Problem(f"{what} has no uid"))
            found = [f"{what} {message}" for message in check(doc)]
            if not found:  # the shape every command checks when it reads the record
                found = [f"{what}: {message}" for message in codec.record_problems(table, doc)]
            if found:
                trial = copy.deepcopy(doc)
                repair_record(table, trial)
                fixable = not check(trial) and not codec.record_problems(table, trial)
                hint = " — --fix repairs it" if fixable else ""
                problems.extend(Problem(message + hint, fixable) for message in found)
            else:
                try:
                    _FROM_DOC[table](doc)
                except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:
                    problems.append(Problem(f"{what} cannot be read ({type(exc).__name__}: {exc})"))
        problems.extend(_duplicate_problems(table, docs))
    problems.extend(_reference_problems(data))
    return problems


def _meta_problems(meta: dict[str, Any]) -> list[Problem]:
    settings = next((d.get("settings") for d in meta.values() if isinstance(d, dict)), None)
    if settings is None:
        return []
    try:
        codec.settings_from_doc(settings)
    except (TypeError, ValueError, AttributeError) as exc:
        return [Problem(f"the settings cannot be read ({type(exc).__name__}: {exc})")]
    return []


def _duplicate_problems(table: str, docs: dict[str, Any]) -> list[Problem]:
    uids: Counter[str] = Counter(
        d["uid"] for d in docs.values() if isinstance(d, dict) and isinstance(d.get("uid"), str)
    )
    return [
        Problem(
            f"{n} {table} share the uid {uid[:12]} — --fix keeps one (or gives the others "
            "new uids if they differ)",
            True,
        )
        for uid, n in uids.items()
        if n > 1
    ]


def _uids(data: Data, table: str) -> set[str]:
    return {
        d["uid"]
        for d in (data.get(table) or {}).values()
        if isinstance(d, dict) and isinstance(d.get("uid"), str)
    }


def _reference_problems(data: Data) -> list[Problem]:
    problems: list[Problem] = []
    contacts, habits = _uids(data, "contacts"), _uids(data, "habits")
    for doc in (data.get("interactions") or {}).values():
        people = doc.get("contacts") if isinstance(doc, dict) else None
        if not isinstance(people, list):
            continue
        missing = [u for u in people if u not in contacts]
        if missing:
            what = _describe("interactions", doc)
            if len(missing) == len(people):
                problems.append(
                    Problem(
                        f"{what} names no existing contact — --fix removes it "
                        "(a copy of the file is kept)",
                        True,
                    )
                )
            else:
                problems.append(
                    Problem(
                        f"{what} names {len(missing)} contact(s) that do not exist — "
                        "--fix drops them from it",
                        True,
                    )
                )
    for doc in (data.get("links") or {}).values():
        if (
            not isinstance(doc, dict)
            or not isinstance(doc.get("a"), str)
            or not isinstance(doc.get("b"), str)
        ):
            continue
        if doc["a"] not in contacts or doc["b"] not in contacts:
            problems.append(
                Problem(
                    f"a link ({doc.get('created', '?')}) points at a contact that does not "
                    "exist — --fix removes it",
                    True,
                )
            )
        elif doc["a"] == doc["b"]:
            problems.append(Problem("a link joins a contact to themself — --fix removes it", True))
    for doc in (data.get("checkins") or {}).values():
        if (
            isinstance(doc, dict)
            and isinstance(doc.get("habit"), str)
            and doc["habit"] not in habits
        ):
            problems.append(
                Problem(
                    f"{_describe('checkins', doc)} is for a habit that does not exist — "
                    "--fix removes it",
                    True,
                )
            )
    return problems


# -- repairing -----------------------------------------------------------------------------


def _as_words(value: Any) -> list[str] | None:
    """A list of words from text ("a, b"), a number, or a nested list; None if hopeless."""
    if isinstance(value, str):
        return [w.strip() for w in value.split(",") if w.strip()]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [str(value)]
    if isinstance(value, list):
        out: list[str] = []
        for item in value:
            words = [] if item is None else _as_words(item)
            if words is None:
                return None
            out.extend(w for w in words if w not in out)
        return out
    return None


def _as_whole(value: Any) -> int | None:
    """A whole number from text ("30") or a float without a fraction (30.0)."""
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return None


_FLAGS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


def repair_record(table: str, doc: Any) -> list[str]:
    """Repair, in place, the fields of a record whose type is wrong but whose meaning is plain:
    a number where text belongs becomes that text, ``"client, vip"`` where a list belongs
    becomes ``["client", "vip"]``, nested lists are flattened, ``"30"`` where days belong
    becomes 30, ``"true"`` / 1 where true/false belongs becomes true. Returns what it did."""
    if not isinstance(doc, dict):
        return []
    done: list[str] = []
    for name, kind, _required in codec.SHAPES.get(table, ()):
        value = doc.get(name)
        if value is None or codec._field_problem(name, kind, value) is None:
            continue
        new: Any = None
        if kind == codec._TEXT and isinstance(value, (int, float)) and not isinstance(value, bool):
            new = str(value)
        elif kind == codec._WORDS:
            new = _as_words(value)
        elif kind in (codec._SPAN, codec._COUNT):
            new = _as_whole(value)
        elif kind == codec._FLAG:
            if isinstance(value, int) and value in (0, 1):
                new = bool(value)
            elif isinstance(value, str):
                new = _FLAGS.get(value.strip().lower())
        if new is not None and codec._field_problem(name, kind, new) is None:
            doc[name] = new
            done.append(f"{name} {codec.kind_of(value)} → {codec.kind_of(new)}")
    return done


def fix_data(data: Data) -> list[str]:
    """Repair, in place, what is safe to repair; returns what was done, in plain words."""
    done: list[str] = []
    for table in TABLES.values():
        for doc in (data.get(table) or {}).values():
            what = _describe(table, doc)
            repaired = repair_record(table, doc)
            if repaired:
                done.append(f"repaired {what}: {', '.join(repaired)}")
    for table in TABLES.values():
        docs = data.get(table)
        if not docs:
            continue
        if any(not (k.isdigit() and int(k) > 0) for k in docs):
            data[table] = {str(n): doc for n, doc in enumerate(docs.values(), start=1)}
            done.append(f"renumbered the {table} records")
        seen: dict[str, Any] = {}
        for doc_id, doc in list(data[table].items()):
            if not isinstance(doc, dict) or not isinstance(doc.get("uid"), str):
                continue
            first = seen.get(doc["uid"])
            if first is None:
                seen[doc["uid"]] = doc
            elif first == doc:
                del data[table][doc_id]
                done.append(f"removed a duplicate copy of {_describe(table, doc)}")
            else:
                doc["uid"] = new_uid()
                done.append(
                    f"gave {_describe(table, doc)} a new uid (it shared one with another record)"
                )
    contacts, habits = _uids(data, "contacts"), _uids(data, "habits")
    touches = data.get("interactions") or {}
    for doc_id, doc in list(touches.items()):
        people = doc.get("contacts") if isinstance(doc, dict) else None
        if not isinstance(people, list):
            continue
        kept = [u for u in people if u in contacts]
        if len(kept) == len(people):
            continue
        if kept:
            doc["contacts"] = kept
            gone = len(people) - len(kept)
            done.append(f"dropped {gone} missing contact(s) from {_describe('interactions', doc)}")
        else:
            del touches[doc_id]
            done.append(f"removed {_describe('interactions', doc)}: none of its contacts exist")
    links = data.get("links") or {}
    for doc_id, doc in list(links.items()):
        if (
            not isinstance(doc, dict)
            or not isinstance(doc.get("a"), str)
            or not isinstance(doc.get("b"), str)
        ):
            continue
        if doc["a"] not in contacts or doc["b"] not in contacts or doc["a"] == doc["b"]:
            del links[doc_id]
            done.append(f"removed a link ({doc.get('created', '?')}) that pointed nowhere")
    checkins = data.get("checkins") or {}
    for doc_id, doc in list(checkins.items()):
        if (
            isinstance(doc, dict)
            and isinstance(doc.get("habit"), str)
            and doc["habit"] not in habits
        ):
            del checkins[doc_id]
            done.append(f"removed {_describe('checkins', doc)}: its habit does not exist")
    return done


def fix(path: Path) -> tuple[list[str], Path | None]:
    """Repair the store at ``path`` under its lock (a copy saved aside first when anything
    changes); returns what was done and where the copy went. :class:`StoreError` if the
    file cannot be opened (restore a backup instead)."""
    from networkhabit.store.store import Store

    store = Store(path)
    done: list[str] = []
    aside: Path | None = None
    with store.transaction():
        data = store.file.load()
        done = fix_data(data)
        if done:
            aside = backup.save_aside(store.file, "before-fix")
            store.file.mark_dirty(data)
    if path.exists() and os.stat(path).st_mode & 0o077:
        os.chmod(path, 0o600)
        done.append("made the file private (0600)")
    return done, aside


# -- restoring -----------------------------------------------------------------------------


def find_backup(path: Path, name: str) -> Path:
    """The backup ``name`` means: a path, or a file name in ``backups/``."""
    for candidate in (Path(name).expanduser(), backup.backup_dir(path) / name):
        try:
            if candidate.is_file():
                return candidate
        except (OSError, ValueError):  # a name too long for the file system, a NUL byte
            continue
    shown = name if len(name) <= 80 else name[:77] + "..."
    raise StoreError(
        f"no backup {shown!r} (neither a file nor in {backup.backup_dir(path)}); "
        "see 'networkhabit doctor' for the list"
    )


def restore(path: Path, source: Path) -> tuple[Report, Path | None]:
    """Put the backup ``source`` in place of the store at ``path``, after validating it and
    saving the current file (whatever state it is in) aside. Returns the backup's report and
    where the old file went. :class:`StoreError` if the backup is not a usable store."""
    path, source = Path(path), Path(source)
    if source.resolve() == path.resolve():
        raise StoreError(f"{source} is the store itself; give a backup file")
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise StoreError(f"{source}: cannot read ({exc.strerror}); nothing was changed") from None
    report = examine_bytes(raw, Report(source, exists=True, size=len(raw)))
    if report.fatal:
        raise StoreError(
            f"{source} is not a usable store: {report.problems[0].message}; nothing was changed"
        )
    if not raw.strip() or not any(report.counts.values()):
        raise StoreError(f"{source} holds no records; nothing was changed")
    file = StoreFile(path)
    with file.locked():
        aside = backup.save_aside(file, "before-restore")
        file.write_bytes(raw)
    return report, aside


# -- conflict copies that file-sync tools leave beside the store -------------------------

#: What Syncthing, Dropbox, Nextcloud and the like call the copy they make when two
#: machines changed the file at once (beside the store, its name first).
CONFLICT_PATTERNS = ("*.sync-conflict-*", "* (*conflicted copy *)*", "*(conflict*")


def conflict_copies(path: Path) -> list[Path]:
    """The conflict copies of the store at ``path`` in its folder, oldest first."""
    import fnmatch

    stem = path.stem
    found: list[Path] = []
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return []
    for entry in entries:
        name = entry.name
        if name == path.name or not name.startswith(stem) or not entry.is_file():
            continue
        if any(fnmatch.fnmatch(name, pattern) for pattern in CONFLICT_PATTERNS):
            found.append(Path(entry.path))
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name))


def find_conflict_copy(path: Path, name: str) -> Path:
    """A conflict copy by path or by its name beside the store; :class:`InputError` if none."""
    for candidate in (Path(name).expanduser(), path.parent / name):
        try:
            if candidate.is_file():
                return candidate
        except (OSError, ValueError):  # a name too long, a NUL in it: no such file
            continue
    listed = ", ".join(p.name for p in conflict_copies(path)) or "none"
    raise InputError(f"no file {name[:80]!r} (conflict copies beside the store: {listed})")


def move_to_backups(path: Path, copy: Path) -> Path:
    """Move a folded-in conflict copy into the store's ``backups/`` (never over another)."""
    try:
        folder = backup.ensure_backup_dir(path)
    except OSError as exc:
        raise StoreError(
            f"{copy}: merged, but cannot make {path.parent / 'backups'} ({exc.strerror})"
        ) from None
    target = folder / copy.name
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{copy.stem}-{n}{copy.suffix}"
    try:
        os.replace(copy, target)
    except OSError as exc:
        raise StoreError(
            f"{copy}: merged, but cannot move it to {folder} ({exc.strerror})"
        ) from None
    return target
