"""The decoded contacts, links and check-ins, cached beside the file as columns.

The daily paths, the people lookups and a write's read under its lock take the largest tables
they decode from a cache entry named by the checksum of the table's bytes, without parsing
them. An entry is trusted only
when it was made from exactly those bytes and has exactly the shape it is written in; any
other is refused and the table is parsed from the file, so every answer stays that of the
file.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from networkhabit.demo import build_demo
from networkhabit.domain.agenda import build_agenda
from networkhabit.domain.habits import histories
from networkhabit.domain.model import CheckIn, Contact, Link, Snapshot, new_uid
from networkhabit.store import Store, cache, codec
from networkhabit.store.store import _DECODERS as DECODERS
from networkhabit.store.store import DAILY_TABLES
from tests.conftest import TODAY, parse_sizes


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's own cache folder (entries of other tests never meet its stores)."""
    path = tmp_path / "cache"
    monkeypatch.setenv("NETWORKHABIT_CACHE", str(path))
    return path


def _store(db: Path) -> Store:
    snap = build_demo(TODAY)
    odd = (
        CheckIn(new_uid(), snap.habits[0].uid, TODAY, 0, True, "rest — “quoted” ✓"),
        CheckIn(new_uid(), snap.habits[0].uid, date(1999, 1, 2), codec.MAX_COUNT),
    )
    links = (Link(new_uid(), snap.contacts[0].uid, snap.contacts[1].uid, TODAY, "import", "x\ny"),)
    full = Contact(
        new_uid(),
        "Zoë Example-Fuller",
        date(2020, 2, 29),
        "Example Co",
        "CTO",
        "zoe@example.com",
        "+1 555 0100",
        "https://example.com/zoe",
        ("friend", "mentor"),
        14,
        60,
        ("designer",),
        ("sales engineer", "mentor"),
        "notes\nline two",
        "--02-29",
        False,
        TODAY + timedelta(days=3),
        True,
        "vcard",
        "urn:uuid:1",
        TODAY - timedelta(days=2),
        "Engineer at Old Co",
        (("email", "zoe@example.com"), ("name", "Zoë Fuller")),
        ("Fuller", "Zoë", "", "Dr.", ""),
    )
    store = Store(db)
    store.replace_all(
        replace(
            snap,
            contacts=(*snap.contacts, full),
            checkins=(*snap.checkins, *odd),
            links=(*snap.links, *links),
        )
    )
    return store


@contextlib.contextmanager
def no_document_decoded() -> Iterator[None]:
    """Within: decoding a contact, a link or a check-in from its document fails the test."""

    def refuse(docs: object) -> tuple[()]:
        if docs and not isinstance(docs, dict) and list(docs):  # type: ignore[call-overload]
            raise AssertionError("a document was decoded")
        return ()

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(codec, "links_from_docs", refuse)
        patch.setattr(codec, "checkins_from_docs", refuse)
        patch.setattr(codec, "contact_from_doc", lambda doc: refuse([doc]))
        yield


def _entries(folder: Path) -> dict[str, Path]:
    """The table entries in the cache, by table."""
    tables = cache.tables_folder()
    assert tables.parent == folder
    found = sorted(tables.glob("*.json")) if tables.is_dir() else []
    return {p.name.split("-", 1)[0]: p for p in found}


@pytest.mark.parametrize("table", sorted(codec.COLUMNS))
def test_columns_give_back_the_very_records(db: Path, folder: Path, table: str) -> None:
    whole = _store(db).snapshot()
    records = getattr(whole, table)
    assert len(records) > 2
    payload = orjson.loads(orjson.dumps(codec.columns_of(table, records)))
    assert codec.from_columns(table, payload) == records
    assert codec.from_columns(table, codec.columns_of(table, ())) == ()


def test_the_second_daily_read_takes_the_tables_from_the_cache(db: Path, folder: Path) -> None:
    _store(db)
    whole = Store(db).snapshot()
    first = Store(db).indexed()
    assert set(_entries(folder)) == set(codec.COLUMNS)
    got = Store(db).file.load_some(DAILY_TABLES, DECODERS)
    assert got is not None
    assert set(got.decoded) == set(codec.COLUMNS) and got.keys == {}
    assert not set(codec.COLUMNS) & set(got.tables)  # never parsed
    second = Store(db).indexed()
    for snap in (first, second):
        assert snap.checkins == whole.checkins and snap.links == whole.links
        assert build_agenda(snap, TODAY) == build_agenda(whole, TODAY)
        assert histories(snap, TODAY) == histories(whole, TODAY)


def test_a_copy_of_the_file_elsewhere_is_served_too(db: Path, folder: Path, tmp_path: Path) -> None:
    _store(db)
    Store(db).indexed()
    copy = tmp_path / "copy" / "networkhabit.json"
    copy.parent.mkdir()
    shutil.copyfile(db, copy)  # not this program's write: the file is read whole, then split
    got = Store(copy).file.load_some(DAILY_TABLES, DECODERS)
    assert got is not None and set(got.decoded) == set(codec.COLUMNS)
    assert Store(copy).indexed().checkins == Store(db).snapshot().checkins


def test_a_write_that_changes_a_table_is_never_served_the_old_records(
    db: Path, folder: Path, cli
) -> None:  # type: ignore[no-untyped-def]
    store = _store(db)
    Store(db).indexed()
    habit = store.snapshot().habits[0]
    assert cli("done", habit.name).exit_code == 0
    got = Store(db).file.load_some(DAILY_TABLES, DECODERS)
    assert got is not None
    assert "checkins" in got.keys and "checkins" not in got.decoded  # its bytes changed
    assert set(got.decoded) == set(codec.COLUMNS) - {"checkins"}  # the others did not
    fresh = Store(db).indexed()
    assert fresh.checkins == Store(db).snapshot().checkins
    assert len(fresh.checkins) == len(store.snapshot().checkins)
    again = Store(db).file.load_some(DAILY_TABLES, DECODERS)
    assert again is not None and set(again.decoded) == set(codec.COLUMNS)  # cached anew


def _damage(payload: dict, how: str) -> dict:  # type: ignore[type-arg]
    columns = payload["columns"]
    fields = payload["fields"]
    if how == "a tag as number":
        columns[fields.index("tags")][0] = [3]
    elif how == "a pair of three":
        columns[fields.index("imported")][0] = [["name", "Ana", "x"]]
    elif how == "a pair as text":
        columns[fields.index("imported")][0] = ["name"]
    elif how == "cadence out of range":
        columns[fields.index("cadence_days")][0] = 0
    elif how == "birthday as number":
        columns[fields.index("birthday")][0] = 229
    elif how == "snoozed as number":
        columns[fields.index("snoozed_until")][0] = 20261120
    elif how == "fields":
        payload["fields"] = [*payload["fields"][:-1], "memo"]
    elif how == "short column":
        columns[1] = columns[1][:-1]
    elif how == "count as text":
        columns[3][0] = "3"
    elif how == "count too big":
        columns[3][0] = codec.MAX_COUNT + 1
    elif how == "not a day":
        columns[2][0] = "2026-02-30"
    elif how == "uid as number":
        columns[0][0] = 7
    elif how == "skip as text":
        columns[4][0] = "yes"
    elif how == "columns missing":
        del payload["columns"]
    elif how == "format":
        payload["format"] = cache.TABLE_FORMAT + 1
    elif how == "checksum":
        payload["checksum"] = "crc32:00000000:1"
    return payload


def _refused_when_damaged(db: Path, folder: Path, table: str, how: str) -> Snapshot:
    """The store's whole snapshot, after checking that the cached entry of ``table``,
    damaged ``how``, is refused (the table parsed instead)."""
    _store(db)
    whole = Store(db).snapshot()
    Store(db).indexed()
    entry = _entries(folder)[table]
    if how == "not json":
        entry.write_bytes(b'{"columns": [')
    else:
        entry.write_bytes(orjson.dumps(_damage(orjson.loads(entry.read_bytes()), how)))
    got = Store(db).file.load_some(DAILY_TABLES, DECODERS)
    assert got is not None and table not in got.decoded and table in got.keys
    return whole


@pytest.mark.parametrize(
    "how",
    [
        "fields",
        "short column",
        "count as text",
        "count too big",
        "not a day",
        "uid as number",
        "skip as text",
        "columns missing",
        "format",
        "checksum",
        "not json",
    ],
)
def test_a_damaged_entry_is_refused_and_the_table_parsed(db: Path, folder: Path, how: str) -> None:
    whole = _refused_when_damaged(db, folder, "checkins", how)
    snap = Store(db).indexed()
    assert snap.checkins == whole.checkins
    assert histories(snap, TODAY) == histories(whole, TODAY)


@pytest.mark.parametrize(
    "how",
    [
        "a tag as number",
        "a pair of three",
        "a pair as text",
        "cadence out of range",
        "birthday as number",
        "snoozed as number",
        "not a day",
        "short column",
    ],
)
def test_a_damaged_contacts_entry_is_refused(db: Path, folder: Path, how: str) -> None:
    whole = _refused_when_damaged(db, folder, "contacts", how)
    assert Store(db).indexed().contacts == whole.contacts


def test_an_entry_of_other_bytes_is_never_used(db: Path, folder: Path, tmp_path: Path) -> None:
    _store(db)
    Store(db).indexed()
    mine = _entries(folder)
    shutil.rmtree(cache.tables_folder())
    other = tmp_path / "other" / "networkhabit.json"
    Store(other).replace_all(build_demo(TODAY - timedelta(days=9)))
    Store(other).indexed()
    theirs = _entries(folder)
    assert set(mine) == set(theirs) == set(codec.COLUMNS)
    for table, path in theirs.items():  # under this store's name, the other store's entry
        assert path.name != mine[table].name
        mine[table].write_bytes(path.read_bytes())
        path.unlink()
    refused = Store(db).file.load_some(DAILY_TABLES, DECODERS)
    assert refused is not None and refused.decoded == {}  # it says it was made of other bytes
    assert set(refused.keys) == set(codec.COLUMNS)
    assert Store(db).indexed().links == Store(db).snapshot().links


def test_only_the_newest_entries_stay(db: Path, folder: Path) -> None:
    store = _store(db)
    habit = store.snapshot().habits[0]
    for n in range(cache.KEEP_TABLES + 3):
        store.add(CheckIn(new_uid(), habit.uid, TODAY - timedelta(days=400 + n)))
        Store(db).indexed()
    kept = sorted(cache.tables_folder().glob("*.json"))
    assert len(kept) == cache.KEEP_TABLES
    assert Store(db).file.load_some(DAILY_TABLES, DECODERS).decoded.keys() == set(codec.COLUMNS)  # type: ignore[union-attr]


def test_a_cache_that_cannot_be_written_still_answers(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("NETWORKHABIT_CACHE", str(blocker))
    _store(db)
    whole = Store(db).snapshot()
    for _ in range(2):
        snap = Store(db).indexed()
        assert snap.checkins == whole.checkins and snap.links == whole.links
    assert blocker.read_text() == "x"


@pytest.mark.parametrize("read", ["indexed", "people"])
def test_a_served_read_decodes_no_document_of_those_tables(
    db: Path, folder: Path, read: str
) -> None:
    _store(db)
    whole = Store(db).snapshot()
    first = getattr(Store(db), read)()  # decodes the documents, caches the columns
    assert first.contacts == whole.contacts and first.links == whole.links

    with no_document_decoded():
        served = getattr(Store(db), read)()
    assert served.contacts == whole.contacts and served.links == whole.links
    if read == "indexed":
        assert served.checkins == whole.checkins


def test_a_write_reads_the_tables_it_does_not_change_from_the_cache(
    db: Path, folder: Path, cli
) -> None:  # type: ignore[no-untyped-def]
    store = _store(db)
    habit = store.snapshot().habits[0]
    Store(db).indexed()  # the columns cached
    before = Store(db).snapshot()

    with no_document_decoded():  # its transaction reads contacts and links, under the lock
        result = cli("done", habit.name)
    assert result.exit_code == 0, result.output
    after = Store(db).snapshot()
    assert after.contacts == before.contacts and after.links == before.links

    def done_today(snap: Snapshot) -> int:
        return sum(c.count for c in snap.checkins if c.habit == habit.uid and c.date == TODAY)

    assert done_today(after) == done_today(before) + 1


def test_a_write_caches_no_decoded_form_of_the_bytes_it_replaces(
    db: Path, folder: Path, cli
) -> None:  # type: ignore[no-untyped-def]
    store = _store(db)
    habit = store.snapshot().habits[0]
    Store(db).indexed()
    assert cli("done", habit.name).exit_code == 0  # checkins changed: their entry is stale
    before = set(cache.tables_folder().glob("*.json"))
    assert cli("done", habit.name).exit_code == 0  # reads the changed checkins, writes them
    assert set(cache.tables_folder().glob("*.json")) == before  # nothing cached for them
    Store(db).indexed()  # a read caches the table as it is now
    assert len(set(cache.tables_folder().glob("*.json")) - before) == 1


def test_a_deleted_contact_leaves_no_copy_in_the_cache(db: Path, folder: Path, cli) -> None:  # type: ignore[no-untyped-def]
    _store(db)
    Store(db).indexed()
    Store(db).people()
    assert "Zoë Example-Fuller".encode() in _entries(folder)["contacts"].read_bytes()
    result = cli("delete", "Zoë Example-Fuller", "--yes")
    assert result.exit_code == 0, result.output
    for entry in cache.tables_folder().glob("*.json"):
        assert "Zoë Example-Fuller".encode() not in entry.read_bytes()
        assert b"zoe@example.com" not in entry.read_bytes()
    assert "contacts" not in _entries(folder)
    assert all(c.name != "Zoë Example-Fuller" for c in Store(db).indexed().contacts)


def test_an_import_finds_people_from_the_cache_under_its_lock(db: Path, folder: Path, cli) -> None:  # type: ignore[no-untyped-def]
    _store(db)
    Store(db).people()  # the columns cached
    before = Store(db).snapshot()

    export = Path(__file__).parent / "data" / "linkedin_Connections.csv"
    with no_document_decoded():
        result = cli("import", "linkedin", str(export))
    assert result.exit_code == 0, result.output
    after = Store(db).snapshot()
    assert {c.uid for c in before.contacts} < {c.uid for c in after.contacts}
    assert set(before.links) <= set(after.links)


_scalar = st.one_of(st.none(), st.booleans(), st.integers(-(2**40), 2**40), st.text(max_size=8))
_doc = st.dictionaries(
    st.text(min_size=1, max_size=6).filter(lambda k: k != cache.PARTS_KEY),
    st.one_of(
        _scalar,
        st.lists(_scalar, max_size=30),
        st.lists(st.lists(_scalar, max_size=30), max_size=4),  # columns
        st.dictionaries(st.text(max_size=6), st.one_of(_scalar, st.lists(_scalar)), max_size=30),
    ),
    max_size=6,
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(doc=_doc)
def test_an_entry_in_parts_reads_back_as_it_was_written(
    doc: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "PART_ITEMS", {dict: 3, list: 5})
    raw = cache._dump_entry(doc)
    assert cache._load_entry(raw) == doc
    if b"\n" in raw:  # in parts: no part is larger than its limit
        for line in raw.split(b"\n")[1:]:
            _path, items = orjson.loads(line)
            assert len(items) <= {dict: 3, list: 5}[type(items)]
    else:
        assert raw == orjson.dumps(doc)  # a small entry is one line, as before


def test_a_large_entry_is_parsed_a_part_at_a_time_and_a_damaged_one_refused(
    db: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _store(db)
    Store(db).indexed()  # the entries made
    monkeypatch.setattr(cache, "PART_ITEMS", {dict: 4, list: 16})
    checkins = _entries(folder)["checkins"]
    payload = orjson.loads(checkins.read_bytes())
    assert max(len(c) for c in payload["columns"]) > 16
    checkins.write_bytes(cache._dump_entry(payload))  # (as a large store's would be written)
    sizes = parse_sizes(monkeypatch)
    checksum = payload["checksum"]
    assert cache.read_table("checkins", checksum) == payload
    assert len(sizes) > 3 and max(sizes) < len(checkins.read_bytes()) / 3
    lines = checkins.read_bytes().split(b"\n")
    for damaged in (
        b"\n".join(lines[:-1]),  # a part missing
        b"\n".join([*lines, lines[-1]]),  # a part too many
        b"\n".join([lines[0], b'[["columns", 99], [1]]', *lines[2:]]),  # a part of nothing
        b"\n".join([lines[0], b'[["columns", 0], {"a": 1}]', *lines[2:]]),  # of another kind
        b"\n".join([lines[0], b"[1, 2, 3]", *lines[2:]]),  # not a part
        b"\n".join([lines[0], lines[1][:-3], *lines[2:]]),  # cut short
    ):
        checkins.write_bytes(damaged)
        assert cache.read_table("checkins", checksum) is None
    got = Store(db).indexed()  # refused: parsed from the file, the same records
    assert got.checkins == Store(db).snapshot().checkins


def test_the_second_step_of_a_two_step_read_takes_the_links_from_the_cache(
    db: Path, folder: Path, tmp_path: Path
) -> None:
    """The app reads a large store without its links first, then the links: from their
    cached decoded form, as a one-step read does (parsing 7 MB of links held the app's UI
    thread for 60-80 ms)."""
    from networkhabit.actions import changes, touches
    from networkhabit.actions.session import Session

    _store(db)
    copy = tmp_path / "copy.json"
    shutil.copy(db, copy)  # a file this process has not written: read the full way
    store = Store(copy)  # the app's
    name = store.indexed().contacts[0].name  # every table's entry made
    changes.run(Session(copy), touches.log([name], TODAY))  # another process writes
    first = store.indexed([t for t in DAILY_TABLES if t != "links"])
    assert first.links == ()
    with no_document_decoded():
        links = store.indexed(["links"]).links
    assert links == Store(copy).snapshot().links
