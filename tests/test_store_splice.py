"""A write changes only what it changes (issue 15): the tables a write does not touch are
neither parsed nor serialised — their bytes are copied — and the file is still byte for byte
what a whole dump of its data would be."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import shutil
import zlib
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from networkhabit.actions import changes, touches
from networkhabit.actions.session import Session
from networkhabit.domain.model import CheckIn, Contact, Habit, Interaction, Link, new_uid
from networkhabit.store import Store, cache, splice, storage
from networkhabit.store.storage import dump_bytes
from tests.conftest import TODAY, days_ago, parse_sizes, person, run_cli, tables_parsed, world


def _unique_keys(raw: bytes) -> None:
    """Fails on a JSON object with a key twice (orjson would keep the last silently)."""

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [k for k, _ in pairs]
        assert len(keys) == len(set(keys)), f"a key twice: {sorted(keys)}"
        return dict(pairs)

    json.loads(raw, object_pairs_hook=hook)


def _canonical(raw: bytes) -> None:
    _unique_keys(raw)
    assert dump_bytes(orjson.loads(raw)) == raw


def _records(raw: bytes) -> dict[str, dict[str, Any]]:
    """uid → the record without its stamp, per table."""
    data = orjson.loads(raw)
    return {
        t: {d["uid"]: {k: v for k, v in d.items() if k != "modified"} for d in data[t].values()}
        for t in ("contacts", "interactions", "checkins", "links")
    }


def _busy(n: int = 40) -> Any:
    """A store with enough of everything that each table has many records."""
    people = [person(f"Person {i:02d}", cadence_days=14) for i in range(n)]
    touched = [(f"Person {i % n:02d}", i % 50) for i in range(3 * n)]
    touched += [(f"Person {i:02d}", 3, {"follow_up": days_ago(1)}) for i in range(0, n, 7)]
    links = [(f"Person {i:02d}", f"Person {(i + 1) % n:02d}") for i in range(n)]
    habit = Habit(new_uid(), "Reach out", created=days_ago(90))
    checks = [CheckIn(new_uid(), habit.uid, days_ago(d)) for d in range(1, 60)]
    return world(people, touched, links, [habit], checks)


def _remembered_right(memo: dict[str, Any], raw: bytes) -> None:
    """What a write remembered of the file it left is that file's: its content key and the
    crc32 of each table it kept one of (a crc joined wrongly would name another file)."""
    assert memo["content"] == cache.content_key(raw)
    spans = storage._sections(raw)
    for name, crc in (memo.get("crcs") or {}).items():
        a, b = spans[name]
        assert crc == zlib.crc32(raw[a:b]), name


def _span_bytes(raw: bytes) -> dict[str, bytes]:
    return {name: raw[a:b] for name, (a, b) in storage._sections(raw).items()}


def test_a_log_parses_only_the_tables_it_reads_and_copies_the_others(
    make_store, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_store(_busy())
    session = Session(db)
    changes.run(session, touches.log(["Person 03"], TODAY, note="first"))
    before = db.read_bytes()
    parsed = tables_parsed(monkeypatch)
    session = Session(db)  # a new process, as the CLI is
    change = changes.run(session, touches.log(["Person 07"], TODAY, note="call"))
    after = db.read_bytes()
    assert change.added and change.closed  # one touch added, Person 07's follow-up closed
    # the touches, links and check-ins were neither parsed nor serialised again ...
    assert not {"interactions", "links", "checkins"} & set(parsed), parsed
    old, new = _span_bytes(before), _span_bytes(after)
    assert set(new) == set(old)
    for name in ("links", "checkins", "habits", "breaks"):
        assert new[name] == old[name], name
    # ... and the file is what a whole dump of its data gives, the new touch in it
    _canonical(after)
    notes = [d.get("note") or "" for d in orjson.loads(after)["interactions"].values()]
    assert notes.count("call") == 1 and notes.count("first") == 1
    closed = [
        d
        for d in orjson.loads(after)["interactions"].values()
        if d.get("closed_by") == change.added[0].uid
    ]
    assert len(closed) == 1 and closed[0]["follow_up_done"] is True


def test_an_edit_of_one_contact_leaves_every_other_table_byte_identical(
    make_store, db: Path, cli
) -> None:
    make_store(_busy())
    assert cli("log", "Person 01").exit_code == 0
    before = _span_bytes(db.read_bytes())
    assert cli("edit", "Person 02", "--title", "CTO").exit_code == 0
    raw = db.read_bytes()
    after = _span_bytes(raw)
    assert [n for n in before if before[n] != after[n]] == ["contacts"]
    _canonical(raw)


def test_a_file_networkhabit_did_not_write_is_parsed_whole_and_written_whole(
    make_store, db: Path, cli
) -> None:
    make_store(_busy(10))
    data = json.loads(db.read_text())
    db.write_text(json.dumps(data, indent=2, sort_keys=True))  # another layout of the same data
    assert cli("log", "Person 01", "--note", "hand").exit_code == 0
    _canonical(db.read_bytes())


def test_a_table_broken_by_hand_is_refused_even_where_the_write_would_not_read_it(
    make_store, db: Path, cli
) -> None:
    make_store(_busy(10))
    assert cli("log", "Person 01").exit_code == 0  # the file is now the one networkhabit wrote
    raw = db.read_bytes()
    a, b = storage._sections(raw)["links"]
    broken = raw[:a] + raw[a:b].replace(b'"a": ', b'"a" ', 1) + raw[b:]
    with open(db, "r+b") as fh:  # edited in place, as an editor might
        fh.write(broken)
        fh.truncate()
    r = run_cli(db, "log", "Person 02")
    assert r.returncode == 1 and "not valid JSON" in r.stderr
    assert db.read_bytes() == broken


def test_a_copy_of_a_file_it_wrote_is_spliced_one_it_did_not_write_is_read_whole(
    make_store, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage, "CRC_KEPT", 64)  # (every table's crc kept: a small store)
    make_store(_busy(10))
    changes.run(Session(db), touches.log(["Person 01"], TODAY))
    copy = tmp_path / "copy.json"
    shutil.copy(db, copy)  # another file (inode, times), the same bytes: a backup put back
    parsed = tables_parsed(monkeypatch)
    changes.run(Session(copy), touches.log(["Person 02"], TODAY))
    assert parsed and "interactions" not in parsed  # known by its content: spliced
    _canonical(copy.read_bytes())
    memo = cache.last_written(copy)
    assert memo is not None and memo.get("crcs")  # the copy's tables' crcs, taken as read
    _remembered_right(memo, copy.read_bytes())
    data = json.loads(copy.read_text())
    data["contacts"]["1"]["title"] = "edited by hand"
    copy.write_text(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    parsed.clear()
    changes.run(Session(copy), touches.log(["Person 03"], TODAY))
    assert parsed == []  # bytes it never wrote: parsed whole, not table by table
    _canonical(copy.read_bytes())
    assert json.loads(copy.read_text())["contacts"]["1"]["title"] == "edited by hand"


def test_the_splice_never_duplicates_a_key_when_ids_have_gaps(make_store, db: Path) -> None:
    make_store(_busy(10))
    store = Store(db)
    snap = store.snapshot()
    # take out touches in the middle: the count + 1 is then an id still in use
    store.remove(Interaction, [t.uid for t in snap.interactions[3:9]])
    for n in range(3):
        Store(db).add(Interaction(new_uid(), (snap.contacts[0].uid,), TODAY, note=f"gap {n}"))
    raw = db.read_bytes()
    _canonical(raw)
    notes = [d.get("note") or "" for d in orjson.loads(raw)["interactions"].values()]
    assert sorted(n for n in notes if n.startswith("gap")) == ["gap 0", "gap 1", "gap 2"]


def test_the_bytes_level_helpers_agree_with_a_parse() -> None:
    table = {str(k): {"uid": f"u{k}", "n": k, "tags": ["a", "b"], "x": {}} for k in range(1, 30)}
    raw = dump_bytes({"contacts": {}, "interactions": table})
    span = storage._sections(raw)["interactions"]
    assert splice.count(raw, span) == 29
    found = splice.find_uid(raw, span, "u17")
    assert found is not None and found.key == "17" and found.doc == table["17"]
    assert splice.find_uid(raw, span, "u1") is not None
    assert splice.find_uid(raw, span, "u99") is None
    for key in map(str, range(1, 30)):
        assert splice.has_key(raw, span, key)
    assert not splice.has_key(raw, span, "30") and not splice.has_key(raw, span, "0")
    empty = storage._sections(raw)["contacts"]
    assert splice.splice_table(raw, empty, {}, {"1": {"uid": "x"}}) is None  # {}: parse it


_OPS = st.lists(
    st.tuples(
        st.sampled_from(["add", "touch", "follow", "close", "unlog", "check", "edit", "drop"]),
        st.integers(0, 10_000),
    ),
    min_size=1,
    max_size=14,
)


@contextlib.contextmanager
def crcs_kept_for_small_tables() -> Iterator[None]:
    """The tables' crcs kept even for a small store's tables (hypothesis runs many examples
    in one test: no function-scoped monkeypatch)."""
    kept, storage.CRC_KEPT = storage.CRC_KEPT, 64
    try:
        yield
    finally:
        storage.CRC_KEPT = kept


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=_OPS)
def test_any_sequence_of_writes_keeps_the_file_exact_and_canonical(
    tmp_path_factory: pytest.TempPathFactory, ops: list[tuple[str, int]]
) -> None:
    """Random writes, each by a new Store (a new process), against a model of the records: the
    file always holds exactly the model, with unique keys, in the layout of a whole dump."""
    path = tmp_path_factory.mktemp("splice") / "networkhabit.json"
    with crcs_kept_for_small_tables():
        _writes_keep_the_file_exact(path, ops)


def _writes_keep_the_file_exact(path: Path, ops: list[tuple[str, int]]) -> None:
    Store(path).replace_all(_busy(8))
    model = _records(path.read_bytes())  # the model: uid → record (as last written), per table
    habit = next(iter(orjson.loads(path.read_bytes())["habits"].values()))["uid"]
    for op, n in ops:
        store = Store(path)
        people = sorted(model["contacts"])
        touch_uids = sorted(model["interactions"])
        day = TODAY - timedelta(days=n % 40)
        want = {t: dict(records) for t, records in model.items()}
        if op == "add":
            c = Contact(new_uid(), f"New {n}", created=TODAY)
            store.add(c)
            want["contacts"][c.uid] = {"name": c.name}
        elif op in ("touch", "follow"):
            fu = day + timedelta(days=3) if op == "follow" else None
            t = Interaction(new_uid(), (people[n % len(people)],), day, follow_up=fu)
            store.add(t)
            want["interactions"][t.uid] = {"date": day.isoformat()}
        elif op == "close" and touch_uids:
            uid = touch_uids[n % len(touch_uids)]
            t = next(i for i in Store(path).snapshot().interactions if i.uid == uid)
            store.update(dataclasses.replace(t, follow_up_done=True, note=f"closed {n}"))
            closed: dict[str, Any] = {"note": f"closed {n}"}
            if want["interactions"][uid].get("follow_up"):
                closed["follow_up_done"] = True
            want["interactions"][uid] = {**want["interactions"][uid], **closed}
        elif op == "unlog" and touch_uids:
            uid = touch_uids[n % len(touch_uids)]
            store.remove(Interaction, [uid])
            del want["interactions"][uid]
        elif op == "check":
            ci = CheckIn(new_uid(), habit, date(2026, 1, 1) + timedelta(days=n % 300))
            store.add(ci)
            want["checkins"][ci.uid] = {"habit": habit}
        elif op == "edit":
            c = next(c for c in Store(path).people().contacts if c.uid == people[n % len(people)])
            store.update(dataclasses.replace(c, title=f"T{n}"))
            want["contacts"][c.uid] = {**want["contacts"][c.uid], "title": f"T{n}"}
        elif op == "drop" and model["links"]:
            uid = sorted(model["links"])[n % len(model["links"])]
            store.remove(Link, [uid])
            del want["links"][uid]
        raw = path.read_bytes()
        _canonical(raw)
        memo = cache.last_written(path)  # where the write says it put each table: right
        assert memo is not None and {k: tuple(v) for k, v in memo["spans"].items()} == dict(
            storage._sections(raw)
        )
        _remembered_right(memo, raw)
        model = _records(raw)
        for table, records in want.items():
            assert set(model[table]) == set(records), (op, table)
            for uid, fields in records.items():
                assert fields.items() <= model[table][uid].items(), (op, table, uid)
        fresh = Store(path).snapshot()  # a full read decodes the same records
        assert {i.uid for i in fresh.interactions} == set(model["interactions"])


@settings(max_examples=200, deadline=None)
@given(
    keys=st.sets(st.integers(1, 300), min_size=1, max_size=60),
    pad=st.integers(0, 40),
    probe=st.integers(0, 320),
)
def test_bisection_finds_every_key_and_every_place_as_a_parse_would(
    keys: set[int], pad: int, probe: int
) -> None:
    table = {str(k): {"uid": f"u{k}", "v": "x" * ((k * pad) % 37)} for k in keys}
    raw = dump_bytes({"contacts": {}, "interactions": table})
    span = storage._sections(raw)["interactions"]
    key = str(probe)
    assert splice.has_key(raw, span, key) == (key in table)
    at = splice.insertion_point(raw, span, key)
    greater = sorted(k for k in table if k.encode() > key.encode())
    if greater:
        assert at is not None and raw.startswith(b'\n    "' + greater[0].encode() + b'": ', at)
    else:
        assert at == span[1] - len(splice.TABLE_END)


@settings(max_examples=200, deadline=None)
@given(
    keys=st.sets(st.integers(1, 300), min_size=1, max_size=60),
    pad=st.integers(0, 40),
    probes=st.lists(
        st.tuples(st.sampled_from(["has", "locate", "place"]), st.integers(0, 320)), max_size=30
    ),
)
def test_a_tables_searches_asked_in_any_order_answer_as_each_search_alone(
    keys: set[int], pad: int, probes: list[tuple[str, int]]
) -> None:
    """splice.Places (a write's searches of one table, each key bisected once) gives what
    has_key, locate and insertion_point give, whatever was asked before."""
    table = {str(k): {"uid": f"u{k}", "v": "x" * ((k * pad) % 37)} for k in keys}
    raw = dump_bytes({"contacts": {}, "interactions": table})
    span = storage._sections(raw)["interactions"]
    places = splice.Places(raw, span)
    for what, n in probes:
        key = str(n)
        if what == "has":
            assert places.has_key(key) == splice.has_key(raw, span, key) == (key in table)
        elif what == "locate":
            assert places.locate(key) == splice.locate(raw, span, key)
            assert (places.locate(key) != -1) == (key in table)
        else:
            assert places.insertion_point(key) == splice.insertion_point(raw, span, key)


def test_the_spliced_file_is_still_a_tinydb_database(make_store, db: Path, cli) -> None:
    from tinydb import TinyDB

    make_store(_busy(6))
    assert cli("log", "Person 01", "--note", "spliced").exit_code == 0
    assert cli("edit", "Person 02", "--title", "CTO").exit_code == 0
    with TinyDB(db, access_mode="r") as tdb:
        notes = [d.get("note") for d in tdb.table("interactions").all()]
        titles = {d["name"]: d.get("title") for d in tdb.table("contacts").all()}
    assert "spliced" in notes and titles["Person 02"] == "CTO"


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=_OPS)
def test_a_long_lived_store_keeps_what_it_parsed_equal_to_the_file(
    tmp_path_factory: pytest.TempPathFactory, ops: list[tuple[str, int]]
) -> None:
    """As the app does: one Store reads (parsing some tables), writes on top of what it read
    (changes made on the bytes and in its parse), reads again. What it holds is always what
    the file holds, and the file stays canonical."""
    path = tmp_path_factory.mktemp("lived") / "networkhabit.json"
    with crcs_kept_for_small_tables():
        _a_long_lived_store_writes(path, ops)


def _a_long_lived_store_writes(path: Path, ops: list[tuple[str, int]]) -> None:
    Store(path).replace_all(_busy(8))
    store = Store(path)
    habit = store.indexed().habits[0].uid
    for op, n in ops:
        snap = store.indexed()  # the daily read: contacts, links, habits, check-ins parsed
        people = [c.uid for c in snap.contacts]
        day = TODAY - timedelta(days=n % 40)
        if op in ("add", "edit"):
            c = snap.contacts[n % len(snap.contacts)]
            store.update(dataclasses.replace(c, title=f"T{n}"))
        elif op in ("touch", "follow", "close"):
            fu = day + timedelta(days=3) if op == "follow" else None
            store.add(Interaction(new_uid(), (people[n % len(people)],), day, follow_up=fu))
        elif op in ("unlog", "drop") and snap.links:
            store.remove(Link, [snap.links[n % len(snap.links)].uid])
        else:
            store.add(CheckIn(new_uid(), habit, date(2026, 1, 1) + timedelta(days=n % 300)))
        raw = path.read_bytes()
        _canonical(raw)
        held = store.file.load()
        assert dict(held.items()) == orjson.loads(raw)  # what it holds is the file
        memo = cache.last_written(path)
        assert memo is not None
        _remembered_right(memo, raw)
        fresh = Store(path).indexed()
        again = store.indexed()
        assert {c.title for c in again.contacts} == {c.title for c in fresh.contacts}
        assert len(again.checkins) == len(fresh.checkins)
        assert again.index == fresh.index


def test_a_read_after_its_own_write_reads_only_the_tables_it_needs(
    make_store, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_store(_busy(10))
    changes.run(Session(db), touches.log(["Person 01"], TODAY, note="mine"))
    whole = Store(db).snapshot()

    def no(*_: Any, **__: Any) -> None:
        raise AssertionError("read the whole file")

    monkeypatch.setattr(storage.StoreFile, "_read_raw", no)
    snap = Session(db).daily()  # the file the write left: its tables read where it put them
    assert {c.uid for c in snap.contacts} == {c.uid for c in whole.contacts}
    assert len(snap.checkins) == len(whole.checkins) and len(snap.links) == len(whole.links)
    assert sum(snap.index.days.values()) == len(whole.interactions)
    monkeypatch.undo()
    with open(db, "r+b") as fh:  # changed by another program: read the usual way again
        fh.seek(0, 2)
        fh.write(b" ")
    monkeypatch.setattr(storage.StoreFile, "_read_raw", no)
    with pytest.raises(AssertionError, match="read the whole file"):
        Session(db).daily()


def test_many_changes_for_a_small_table_parse_it_instead_of_splicing(demo_db: Path) -> None:
    from networkhabit.store.storage import SPLICE_BYTES_EACH, SPLICE_MAX
    from networkhabit.store.store import _on_bytes

    store = Store(demo_db)
    with store.transaction():
        data = store.file.load()
        size = data.size_of("interactions")
        most = min(SPLICE_MAX, size // SPLICE_BYTES_EACH)
        assert 1 <= most < SPLICE_MAX  # the demo's touches: a small table
        assert _on_bytes(data, "interactions", most)
        assert not _on_bytes(data, "interactions", most + 1)  # then parsed and dumped
        assert data.size_of("no such table") == 0
        assert not _on_bytes(data, "no such table", 1)
    # many touches added at once into that table: the file is still exactly its dump
    touches = [
        Interaction(new_uid(), (store.snapshot().contacts[0].uid,), TODAY, "message")
        for _ in range(most + 5)
    ]
    store.add_many(touches)
    _canonical(demo_db.read_bytes())
    assert {t.uid for t in touches} <= {i.uid for i in Store(demo_db).snapshot().interactions}


@given(chunk=st.integers(1, 40), pad=st.integers(0, 60), records=st.integers(0, 12))
@settings(max_examples=200, deadline=None)
def test_a_count_a_piece_at_a_time_is_the_whole_count(chunk: int, pad: int, records: int) -> None:
    """splice.count counts in pieces (so a write never holds the interpreter for a whole
    table's search: see COUNT_CHUNK); whatever the piece size, every key line is counted
    once, in the piece where it starts, also across the pieces' edges."""
    table = {str(k): {"uid": f"u{k}", "note": "x" * (k * pad % 37)} for k in range(1, records + 1)}
    raw = dump_bytes({"contacts": {}, "interactions": table})
    span = storage._sections(raw)["interactions"]
    whole = raw.count(splice.KEY_LINE, span[0], span[1])
    assert whole == records
    real = splice.COUNT_CHUNK
    try:
        splice.COUNT_CHUNK = chunk
        assert splice.count(raw, span) == whole
    finally:
        splice.COUNT_CHUNK = real
    assert splice.count(raw, span) == whole


def test_the_powers_crc32_combine_takes_are_the_polynomials() -> None:
    powers = [1 << 30]  # x^1, reflected
    for _ in range(31):
        powers.append(cache._multmodp(powers[-1], powers[-1]))
    assert tuple(powers) == cache._X2N


@settings(max_examples=200, deadline=None)
@given(
    first=st.binary(max_size=300),
    second=st.binary(max_size=300),
    zeros=st.integers(0, 70_000),
)
def test_crc32_combine_is_the_crc_of_the_two_one_after_the_other(
    first: bytes, second: bytes, zeros: int
) -> None:
    second += bytes(zeros)  # (long ones too: every bit of the length counts)
    combined = cache.crc32_combine(zlib.crc32(first), zlib.crc32(second), len(second))
    assert combined == zlib.crc32(first + second)


@settings(max_examples=100, deadline=None)
@given(
    sizes=st.lists(st.integers(0, 3 * storage.CRC_KEPT), min_size=1, max_size=5),
    gaps=st.lists(st.integers(0, 40), min_size=6, max_size=6),
    split=st.integers(1, 7),
    use_known=st.booleans(),
)
def test_a_files_key_from_its_tables_crcs_is_its_key(
    sizes: list[int], gaps: list[int], split: int, use_known: bool
) -> None:
    """content_crcs names the file the pieces make as content_key does, whatever the pieces
    (a table in several, tables long and short), taking the crcs it is given for tables."""
    raw, spans, pieces = b"", {}, []
    for n, size in enumerate(sizes):
        gap = bytes([n]) * gaps[n]
        table = bytes((n * 7 + k) % 251 for k in range(size))
        spans[f"t{n}"] = (len(raw) + len(gap), len(raw) + len(gap) + size)
        pieces += [
            gap,
            *(table[k : k + max(1, size // split)] for k in range(0, size, max(1, size // split))),
        ]
        raw += gap + table
    pieces.append(b"tail" * gaps[-1])
    raw += b"tail" * gaps[-1]
    known = {n: zlib.crc32(raw[a:b]) for n, (a, b) in spans.items()} if use_known else {}
    key, crcs = storage.content_crcs(pieces, spans, known)
    assert key == cache.content_key(raw)
    assert storage.content_crcs(storage.cut(raw, spans), spans)[0] == key
    for name, crc in crcs.items():
        a, b = spans[name]
        assert b - a >= storage.CRC_KEPT and crc == zlib.crc32(raw[a:b])
    assert set(crcs) == {n for n, (a, b) in spans.items() if b - a >= storage.CRC_KEPT}


_TABLE_NAMES = st.sets(st.sampled_from([*storage.KNOWN_TABLES, storage.INDEX_KEY]))
_TEXT = st.text(
    alphabet=st.sampled_from(['"', "\n", " ", "a", ":", "{", "}", ",", "é"]), max_size=8
)


@given(
    names=_TABLE_NAMES,
    docs=st.lists(st.dictionaries(_TEXT, _TEXT, max_size=3), max_size=3),
    stray=st.one_of(st.none(), st.sampled_from(["aaa", "journal", "zzz", "links2"])),
)
@settings(max_examples=150, deadline=None)
def test_the_tables_are_found_where_a_parse_puts_them(
    names: set[str], docs: list[dict[str, str]], stray: str | None
) -> None:
    """Any set of tables, with keys and values full of quotes, newlines and colons: each
    span is exactly its table's value. A top-level key of no table is never taken for one
    (a span it falls in holds two values, so its parse fails: the file is read whole)."""
    data: dict[str, Any] = {n: {str(k + 1): d for k, d in enumerate(docs)} for n in names}
    if stray is not None:
        data[stray] = {"1": {"x": "y"}}
    raw = dump_bytes(data)
    spans = storage._sections(raw)
    tables = set(orjson.loads(raw)) - {stray}
    if stray is None:
        assert set(spans) == tables
    assert stray not in spans
    for name, (a, b) in spans.items():
        try:
            got = orjson.loads(raw[a:b])
        except orjson.JSONDecodeError:
            assert stray is not None  # (only a stray key makes a span that does not parse)
            continue
        assert got == data[name]  # a span holds its table, nothing more
        assert raw[a : a + 1] == b"{" and raw[b - 1 : b] == b"}"  # (not even a space)


def test_a_table_added_by_a_write_goes_in_at_its_place_and_the_rest_is_copied(
    make_store, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from networkhabit.actions import habits

    make_store(_busy())
    session = Session(db)
    changes.run(session, habits.check_in("Reach out", TODAY))  # a file networkhabit wrote
    before = db.read_bytes()
    assert "tombstones" not in orjson.loads(before)
    parsed = tables_parsed(monkeypatch)
    whole: list[int] = []
    real_dump = storage.dump_bytes
    monkeypatch.setattr(storage, "dump_bytes", lambda data: whole.append(1) or real_dump(data))
    change = changes.run(Session(db), habits.undone("Reach out", TODAY))  # the first tombstone
    after = db.read_bytes()
    assert change.removed and not whole  # spliced, not dumped whole
    assert not {"interactions", "links", "contacts"} & set(parsed), parsed
    _canonical(after)  # byte for byte what a whole dump gives, the new table at its place
    stones = orjson.loads(after)["tombstones"]
    assert [d["uid"] for d in stones.values()] == [change.removed[0].uid]
    old, new = _span_bytes(before), _span_bytes(after)
    assert set(new) == set(old) | {"tombstones"}
    for name in ("interactions", "links", "contacts", "habits", "breaks"):
        assert new[name] == old[name], name
    memo = cache.last_written(db)
    assert memo is not None and memo["spans"]["tombstones"] == list(
        storage._sections(after)["tombstones"]
    )
    _remembered_right(memo, after)
    # the next write splices the file it left (the new table among the others)
    changes.run(Session(db), habits.check_in("Reach out", TODAY))
    assert not whole
    _canonical(db.read_bytes())
    assert len(Store(db).snapshot().checkins) == len(orjson.loads(before)["checkins"])


def test_a_table_is_added_whole_to_a_file_laid_out_otherwise(db: Path) -> None:
    raw = dump_bytes({"checkins": {"1": {"a": 1}}, "interactions": {"2": {"b": 2}}})
    stone = {"1": {"uid": "x", "kind": "contacts", "when": "2026-01-01"}}

    def added(raw: bytes, name: str) -> bytes | None:
        tables = storage.Tables.of_file(raw, db, True)
        assert tables.spans  # read lazily: a splice could be made
        tables.begin()
        tables[name] = stone
        got = tables.spliced()
        if got is None:
            return None
        pieces, spans, _ = got
        out = b"".join(bytes(p) for p in pieces)
        assert {n: out[a:b] for n, (a, b) in spans.items()} == _span_bytes(out)
        return out

    for name in ("breaks", "contacts", "tombstones"):  # first, between two, last
        out = added(raw, name)
        assert out is not None
        _canonical(out)
        assert orjson.loads(out) == {**orjson.loads(raw), name: stone}
    assert added(raw, "plans") is None  # no table a read would find: the file is written whole
    # bytes around the tables that dump_bytes would not write: the file is written whole
    assert added(raw[:-1], "breaks") is None  # no newline at the end
    assert added(raw + b"\n", "breaks") is None  # a blank line at the end
    swapped = b'{\n  "links": {},\n  "contacts": {}\n}\n'  # not in name order
    assert added(swapped, "tombstones") is None


_value = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-(2**53), 2**53), st.text(max_size=12)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
_table = st.dictionaries(
    st.text(min_size=1, max_size=6), st.dictionaries(st.text(max_size=8), _value), max_size=12
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(table=_table, part=st.integers(1, 64), indent=st.sampled_from([None, 1, 2, 4, 8]))
def test_a_large_table_parsed_in_parts_is_what_one_parse_gives(
    table: dict[str, Any], part: int, indent: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In the store's layout or any other (where a cut may fall inside a record: then the
    table is parsed whole), and for keys and strings holding the very bytes a cut looks
    for."""
    monkeypatch.setattr(storage, "PARSE_PART", part)
    table = {**table, 'x",\n    "y': {"v": ',\n    "'}}
    raw = dump_bytes({"links": table})
    a, b = storage._sections(raw)["links"]
    assert storage.loads_table(raw, a, b) == orjson.loads(raw[a:b]) == table
    other = json.dumps(table, indent=indent).encode()
    assert storage.loads_table(b"  " + other + b"\n", 2) == table


def test_a_large_table_is_parsed_a_part_at_a_time_and_a_broken_one_refused_as_before(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(storage, "PARSE_PART", 200)
    table = {str(n): {"uid": f"u{n}", "note": "x" * (n % 50)} for n in range(300)}
    raw = dump_bytes({"links": table})
    a, b = storage._sections(raw)["links"]
    real = orjson.loads
    sizes = parse_sizes(monkeypatch)
    assert storage.loads_table(raw, a, b) == table
    assert len(sizes) > 20 and max(sizes) < 1_000  # never the whole table at once
    broken = raw.replace(b'"u150"', b'"u150', 1)  # one record cut short, in the middle
    with pytest.raises(orjson.JSONDecodeError) as got:
        storage.loads_table(broken, a, b)
    with pytest.raises(orjson.JSONDecodeError) as once:
        real(broken[a:b])
    assert str(got.value) == str(once.value)  # the error one parse of the table gives


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    tables=st.dictionaries(st.sampled_from(storage.KNOWN_TABLES), _table, max_size=5),
    stray=st.dictionaries(st.text(max_size=6), _value, max_size=2),
    part=st.integers(1, 64),
    indent=st.sampled_from([None, 1, 2, 4]),
)
def test_a_large_file_parsed_table_by_table_is_what_one_parse_gives(
    tables: dict[str, Any],
    stray: dict[str, Any],
    part: int,
    indent: int | None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Any tables, stray top-level keys of any value, in the store's layout or another."""
    monkeypatch.setattr(storage, "PARSE_PART", part)
    data = {**stray, **tables}
    for raw in (dump_bytes(data), json.dumps(data, indent=indent).encode() + b"\n"):
        assert storage.loads_file(raw) == orjson.loads(raw)
        assert list(storage.loads_file(raw)) == list(orjson.loads(raw))


def test_a_broken_large_file_is_refused_with_the_error_of_one_parse(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(storage, "PARSE_PART", 100)
    table = {str(n): {"uid": f"u{n}", "note": "x" * (n % 30)} for n in range(100)}
    raw = dump_bytes({"contacts": table, "links": table})
    for broken in (
        raw.replace(b'"u50"', b'"u50', 1),  # a record cut short
        raw.replace(b'"links": ', b'"links" ', 1),  # a table without its colon
        raw + b"{}",  # something after the end
        raw[:-3],  # the end cut off
    ):
        with pytest.raises(orjson.JSONDecodeError) as got:
            storage.loads_file(broken)
        with pytest.raises(orjson.JSONDecodeError) as once:
            orjson.loads(broken)
        assert str(got.value) == str(once.value)


def test_a_large_file_is_parsed_a_part_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(storage, "PARSE_PART", 200)
    table = {str(n): {"uid": f"u{n}", "note": "x" * (n % 50)} for n in range(300)}
    raw = dump_bytes({"contacts": table, "links": table, "meta": {"1": {"schema": 9}}})
    real = orjson.loads
    sizes = parse_sizes(monkeypatch)
    assert storage.parse_bytes(raw, Path("store.json")) == real(raw)
    assert len(sizes) > 40 and max(sizes) < 1_000  # never a table, let alone the file, at once
