"""The touch index: what the daily paths read instead of 100,000 touches.

The store caches it outside the file (in the user cache folder, stamped with a checksum of
the touches' bytes) and reads it back without parsing the touches. Every answer from a partial
(indexed) snapshot must equal the answer from the whole one; a stale or missing index
must never be trusted.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from networkhabit.demo import build_demo
from networkhabit.domain import network
from networkhabit.domain.agenda import build_agenda
from networkhabit.domain.contacts import stats_of, touch_stats
from networkhabit.domain.habits import counted_days, histories, networking_streaks, owed_days
from networkhabit.domain.model import Contact, Habit, Interaction, Snapshot, TouchIndex, new_uid
from networkhabit.domain.review import activity_heatmap, week_review
from networkhabit.domain.touches import indexed_days, touch_index
from networkhabit.store import Store, cache, codec
from networkhabit.store.doctor import examine
from networkhabit.store.storage import INDEX_KEY, parse_bytes, read_tables, touches_checksum
from tests.conftest import TODAY, days_ago, person

UIDS = [new_uid() for _ in range(6)]


def _touch(
    people: list[str], back: int, kind: str, fu: int | None, done: bool, closed: int | None
) -> Interaction:
    day = days_ago(back)
    follow_up = day + timedelta(days=fu) if fu is not None else None
    closed_on = (
        day + timedelta(days=closed) if done and fu is not None and closed is not None else None
    )
    by = new_uid() if closed_on is not None else ""
    return Interaction(new_uid(), tuple(people), day, kind, "", follow_up, done, by, closed_on)


touches = st.lists(
    st.builds(
        _touch,
        st.lists(st.sampled_from(UIDS), max_size=3),  # none: a malformed touch, still summed
        st.integers(-3, 800),
        st.sampled_from(["message", "call", "intro", "coffee"]),
        st.none() | st.integers(0, 30),
        st.booleans(),
        st.none() | st.integers(0, 40),  # closed this many days after the touch (late or not)
    ),
    max_size=40,
)


@settings(max_examples=60, deadline=None)
@given(touches)
def test_the_stores_index_is_the_domains_index(items: list[Interaction]) -> None:
    data = {"interactions": {str(n): codec.interaction_to_doc(i) for n, i in enumerate(items)}}
    doc = codec.index_doc(data)
    assert doc is not None
    index, pending = codec.index_from_doc(orjson.loads(orjson.dumps(doc)))
    assert index == touch_index(items)
    assert {i.uid for i in pending} == {
        i.uid for i in items if i.follow_up is not None and not i.follow_up_done
    }


@settings(max_examples=60, deadline=None)
@given(touches, touches, st.data())
def test_patching_the_index_equals_building_it_anew(
    before: list[Interaction], added: list[Interaction], data: st.DataObject
) -> None:
    docs = {str(n): codec.interaction_to_doc(i) for n, i in enumerate(before)}
    base = codec.index_doc({"interactions": docs})
    assert base is not None
    frozen = orjson.dumps(base)
    changes: list[tuple[str, object, object]] = []
    after = dict(docs)
    for key in data.draw(st.lists(st.sampled_from(sorted(docs)), unique=True)) if docs else []:
        if data.draw(st.booleans()):  # removed
            changes.append((key, docs[key], None))
            del after[key]
        else:  # changed: closed (in time or late), moved, or of another kind
            old = codec.interaction_from_doc(docs[key])
            new = replace(
                old,
                kind=data.draw(st.sampled_from(["message", "intro", "coffee"])),
                follow_up_done=True,
                closed_on=old.date + timedelta(days=data.draw(st.integers(0, 40))),
                follow_up=old.follow_up or old.date + timedelta(days=3),
            )
            after[key] = codec.interaction_to_doc(new)
            changes.append((key, docs[key], after[key]))
    for n, it in enumerate(added, start=len(docs)):
        after[str(n)] = codec.interaction_to_doc(it)
        changes.append((str(n), None, after[str(n)]))
    patched = codec.patch_index(base, changes)
    assert patched == codec.index_doc({"interactions": after})
    assert orjson.dumps(base) == frozen  # the base is left as it was


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(touches, st.integers(-5, 400))
def test_stats_from_the_index_equal_stats_from_the_touches(
    items: list[Interaction], back: int
) -> None:
    people = tuple(person(f"P{k}", uid=uid, created=days_ago(k * 37)) for k, uid in enumerate(UIDS))
    habits = _counting_habits(days_ago(300 + back % 200))
    snap = Snapshot(contacts=people, interactions=tuple(items), habits=habits)
    pending = tuple(i for i in items if i.follow_up is not None and not i.follow_up_done)
    partial = Snapshot(
        contacts=people,
        interactions=pending,
        habits=habits,
        index=touch_index(items),
        partial=True,
    )
    day = days_ago(back)
    assert stats_of(partial, day) == touch_stats(items, day)
    assert networking_streaks(partial, day) == networking_streaks(snap, day)
    assert activity_heatmap(partial, day) == activity_heatmap(snap, day)
    assert histories(partial, day) == histories(snap, day)
    for h in habits:
        assert (
            counted_days(partial, h, day)
            == counted_days(snap, h, day)
            == _by_hand(h, items, people, day)
        )
        if h.counts == "follow-ups":
            end = day + timedelta(days=6 - day.weekday())
            owed = {
                i.follow_up.toordinal()
                for i in items
                if i.follow_up is not None
                and h.created <= i.follow_up <= end
                and (not i.follow_up_done or (i.closed_on or date.min) >= i.follow_up)
            }
            assert owed_days(partial, h, day) == owed_days(snap, h, day) == owed


def _counting_habits(created: date) -> tuple[Habit, ...]:
    """One habit of each thing a habit can count, daily and weekly."""
    return tuple(
        Habit(f"{what}-{per}", f"{what} a {per}", created, 2, per, counts=what, kinds=kinds)
        for what, kinds in (
            ("touches", ()),
            ("touches", ("call", "coffee")),
            ("intros", ()),
            ("follow-ups", ()),
            ("new-contacts", ()),
        )
        for per in ("day", "week")
    )


def _by_hand(
    h: Habit, items: list[Interaction], people: tuple[Contact, ...], today: date
) -> dict[int, int]:
    """What ``h`` counts per day, from the records themselves (the rule as the user reads it)."""
    days = [h.created + timedelta(days=k) for k in range((today - h.created).days + 1)]
    out: dict[int, int] = {}
    seen: dict[date, set[str]] = {}  # weekly: people counted so far, by Monday
    for d in days:
        if h.counts == "touches":
            who = {
                u
                for i in items
                if i.date == d and (not h.kinds or i.kind in h.kinds)
                for u in i.contacts
            }
            if h.period == "week":
                week = seen.setdefault(d - timedelta(days=d.weekday()), set())
                first_time = who - week
                week |= who
                who = first_time
            n = len(who)
        elif h.counts == "intros":
            n = sum(1 for i in items if i.date == d and i.kind == "intro")
        elif h.counts == "follow-ups":
            n = sum(
                1
                for i in items
                if i.follow_up_done
                and i.closed_on == d
                and i.follow_up is not None
                and d <= i.follow_up
            )
        else:
            n = sum(1 for c in people if c.created == d)
        if n:
            out[d.toordinal()] = n
    return out


def _demo_store(db: Path, counting: bool = False) -> Store:
    """The demo data in a store; with ``counting``, plus a habit of each thing habits count."""
    store = Store(db)
    snap = build_demo(TODAY)
    if counting:
        snap = replace(snap, habits=(*snap.habits, *_counting_habits(days_ago(90))))
    store.replace_all(snap)
    return store


@pytest.mark.parametrize("offset", [0, 3, 40])
def test_every_daily_answer_is_the_same_from_the_index(db: Path, offset: int) -> None:
    store = _demo_store(db, counting=True)
    whole = Store(db).snapshot()
    partial = Store(db).indexed()
    assert partial.partial and partial.index is not None
    assert len(partial.interactions) < len(whole.interactions)
    day = TODAY + timedelta(days=offset)
    assert stats_of(partial, day) == touch_stats(whole.interactions, day)
    assert build_agenda(partial, day) == build_agenda(whole, day)
    for week in (day, day - timedelta(days=7), day - timedelta(days=70)):
        assert week_review(partial, week, day) == week_review(whole, week, day)
    assert activity_heatmap(partial, day) == activity_heatmap(whole, day)
    assert networking_streaks(partial, day) == networking_streaks(whole, day)
    assert histories(partial, day) == histories(whole, day)
    counted = {h.habit.uid: h.counted for h in histories(whole, day)}
    assert all(counted[h.uid] for h in whole.habits if h.counts in ("touches", "new-contacts"))
    assert network.give_first(partial, day) == network.give_first(whole, day)
    for c in whole.contacts:
        assert network.ledger(partial, c.uid) == network.ledger(whole, c.uid)
    assert store.path == db


def test_a_partial_snapshot_refuses_rules_that_need_every_touch(db: Path) -> None:
    _demo_store(db)
    partial = Store(db).indexed()
    with pytest.raises(ValueError, match="needs every touch"):
        partial.all_touches()


def _entry(db: Path) -> Path:
    """The cache entry that serves the store file ``db`` as it is now."""
    checksum = touches_checksum(db.read_bytes())
    assert checksum is not None
    return cache.entry_path(checksum)


def test_the_index_lives_in_the_cache_not_in_the_file(db: Path) -> None:
    _demo_store(db)
    raw = db.read_bytes()
    doc = json.loads(raw)
    assert INDEX_KEY not in doc
    assert _entry(db).exists()
    assert not str(_entry(db)).startswith(str(db.parent))
    assert read_tables(raw, ("contacts",), db) is not None
    assert examine(db).problems == []
    assert examine(db).notes == []


def test_a_missing_or_foreign_cache_is_rebuilt_never_trusted(db: Path, tmp_path: Path) -> None:
    _demo_store(db)
    whole = Store(db).snapshot()
    _entry(db).unlink()
    assert read_tables(db.read_bytes(), (), db) is None
    assert build_agenda(Store(db).indexed(), TODAY) == build_agenda(whole, TODAY)
    assert read_tables(db.read_bytes(), (), db) is not None  # the read made it anew
    # another store's index under this store's name: refused (it says what it was made of)
    other = tmp_path / "other" / "networkhabit.json"
    Store(other).replace_all(build_demo(TODAY - timedelta(days=3)))
    _entry(db).write_bytes(_entry(other).read_bytes())
    assert read_tables(db.read_bytes(), (), db) is None
    assert build_agenda(Store(db).indexed(), TODAY) == build_agenda(whole, TODAY)
    # a copy of the file elsewhere (a backup put back, a git checkout) is served at once
    copy = tmp_path / "copy" / "networkhabit.json"
    copy.parent.mkdir()
    copy.write_bytes(db.read_bytes())
    assert read_tables(copy.read_bytes(), (), copy) is not None


def test_a_cache_that_cannot_be_written_never_fails_a_command(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli
) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("NETWORKHABIT_CACHE", str(blocker))
    _demo_store(db)
    name = Store(db).snapshot().contacts[0].name
    result = cli("log", name, "--note", "cache folder broken")
    assert result.exit_code == 0, result.output
    assert cli("today", "--json").exit_code == 0
    assert any(i.note == "cache folder broken" for i in Store(db).snapshot().interactions)


def test_an_old_index_inside_the_file_is_cleaned_on_the_next_write(db: Path) -> None:
    store = _demo_store(db)
    doc = json.loads(db.read_bytes())
    doc[INDEX_KEY] = {"version": 1, "touches": {}, "days": {}, "intros": {}, "open": {}}
    db.write_text(json.dumps(doc, indent=2, sort_keys=True) + "\n")
    assert INDEX_KEY not in parse_bytes(db.read_bytes(), db)
    assert any("older version" in n for n in examine(db).notes)
    whole = Store(db).snapshot()
    assert build_agenda(Store(db).indexed(), TODAY) == build_agenda(whole, TODAY)
    store.add(person("Zed Zimmer"))
    assert INDEX_KEY not in json.loads(db.read_bytes())


def _edit_a_touch_date(db: Path) -> tuple[str, str]:
    """Move the newest touch a year back by editing the bytes, keeping the layout."""
    doc = json.loads(db.read_bytes())
    newest = max(doc["interactions"].values(), key=lambda d: d["date"])
    old = newest["date"]
    new = (date.fromisoformat(old) - timedelta(days=365)).isoformat()
    raw = db.read_bytes()
    needle = f'"date": "{old}",\n      "kind"'.encode()
    assert raw.count(needle) >= 1
    db.write_bytes(raw.replace(needle, needle.replace(old.encode(), new.encode()), 1))
    return old, new


def test_a_stale_index_is_never_trusted(db: Path) -> None:
    _demo_store(db)
    _edit_a_touch_date(db)
    raw = db.read_bytes()
    assert read_tables(raw, ("contacts",), db) is None  # checksum no longer matches
    whole = Store(db).snapshot()
    partial = Store(db).indexed()
    assert stats_of(partial, TODAY) == touch_stats(whole.interactions, TODAY)
    assert build_agenda(partial, TODAY) == build_agenda(whole, TODAY)


def test_the_next_write_rebuilds_a_stale_index(db: Path) -> None:
    store = _demo_store(db)
    _edit_a_touch_date(db)
    store.add(person("Zed Zimmer"))
    assert read_tables(db.read_bytes(), ("contacts",), db) is not None
    whole = Store(db).snapshot()
    assert stats_of(Store(db).indexed(), TODAY) == touch_stats(whole.interactions, TODAY)


def test_a_file_in_another_layout_is_read_the_slow_way(db: Path) -> None:
    _demo_store(db)
    doc = json.loads(db.read_bytes())
    db.write_text(json.dumps(doc, indent=4))  # e.g. reformatted in an editor
    assert read_tables(db.read_bytes(), (), db) is None
    whole = Store(db).snapshot()
    partial = Store(db).indexed()
    assert build_agenda(partial, TODAY) == build_agenda(whole, TODAY)


def test_a_date_in_another_form_falls_back_to_decoding(db: Path) -> None:
    _demo_store(db)
    doc = json.loads(db.read_bytes())
    first = next(iter(doc["interactions"].values()))
    first["date"] = first["date"].replace("-", "")  # 20261101: Python reads it, sorting does not
    db.write_text(json.dumps(doc, indent=2))
    assert codec.index_doc(doc) is None
    whole = Store(db).snapshot()
    partial = Store(db).indexed()
    assert stats_of(partial, TODAY) == touch_stats(whole.interactions, TODAY)


def test_cli_answers_match_after_a_write_from_another_process(db: Path, cli) -> None:  # type: ignore[no-untyped-def]
    _demo_store(db)
    before = cli("neglected", "--json").output
    name = json.loads(before)["neglected"][0]["name"]
    assert cli("log", name, "--note", "caught up").exit_code == 0
    after = json.loads(cli("neglected", "--json").output)
    assert name not in [n["name"] for n in after["neglected"]]
    shown = json.loads(cli("contacts", "--json").output)
    assert next(c for c in shown if c["name"] == name)["last_contact"] == TODAY.isoformat()


def _file_index(db: Path) -> dict[str, object]:
    got = read_tables(db.read_bytes(), (), db)
    assert got is not None, "the cached index must match the file's touches"
    index = dict(got[1])
    del index["checksum"]
    return index


ops = st.lists(
    st.tuples(
        st.sampled_from(["add", "close", "move", "remove", "contact", "settings"]),
        st.integers(0, 50),
        st.integers(0, 400),
    ),
    min_size=1,
    max_size=8,
)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops)
def test_writes_keep_the_index_equal_to_a_fresh_one(tmp_path_factory, steps) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path_factory.mktemp("ix") / "store.json"
    store = _demo_store(db, counting=True)
    for op, pick, back in steps:
        snap = store.snapshot()
        assert histories(store.indexed(), TODAY) == histories(snap, TODAY)
        touches = snap.interactions
        it = touches[pick % len(touches)] if touches else None
        if op == "add":
            c = snap.contacts[pick % len(snap.contacts)]
            kind = "intro" if pick % 3 == 0 else "call"
            fu = days_ago(back) + timedelta(days=3) if pick % 2 else None
            store.add(Interaction(new_uid(), (c.uid,), days_ago(back), kind, "", fu))
        elif op == "close" and it is not None:
            done = pick % 2 == 0
            closed_on = days_ago(max(0, back + 2 - pick % 5)) if done else None  # late or not
            store.update_many(
                [
                    replace(
                        it,
                        follow_up=days_ago(back),
                        follow_up_done=done,
                        closed_by=new_uid() if done else "",
                        closed_on=closed_on,
                    )
                ]
            )
        elif op == "move" and it is not None:
            store.update(replace(it, date=days_ago(back)))
        elif op == "remove" and it is not None:
            store.remove(Interaction, [it.uid])
        elif op == "contact":
            store.add(person(f"New Person {pick}"))
        elif op == "settings":
            store.save_settings(replace(snap.settings, neglected_limit=1 + pick % 9))
        fresh = codec.index_doc(store.raw())
        assert fresh is not None
        assert _file_index(db) == orjson.loads(orjson.dumps(fresh))


def test_a_small_write_patches_the_index_instead_of_rebuilding_it(db: Path) -> None:
    store = _demo_store(db)
    store.snapshot()  # reads the file: its index is the base of the next write
    built: list[int] = []
    derive = store.file.derive
    assert derive is not None

    def counting(data):  # type: ignore[no-untyped-def]
        built.append(1)
        return derive(data)

    store.file.derive = counting
    c = store.snapshot().contacts[0]
    store.add(Interaction(new_uid(), (c.uid,), TODAY, "call", "patched"))
    assert built == []  # patched, not rebuilt
    assert _file_index(db) == {
        k: v for k, v in orjson.loads(orjson.dumps(codec.index_doc(store.raw()))).items()
    }
    store.remove(Interaction, [store.snapshot().interactions[0].uid])
    store.replace_all(store.snapshot())  # a whole new set of tables: rebuilt
    assert built == [1]


def test_touches_of_one_contact_are_those_of_the_whole_snapshot(db: Path) -> None:
    _demo_store(db)
    whole = Store(db).snapshot()
    for c in whole.contacts:
        mine = {i.uid for i in whole.interactions if c.uid in i.contacts}
        assert {i.uid for i in Store(db).touches_of(c.uid)} == mine


def test_the_cache_folder_is_platformdirs_own_without_importing_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import sys

    from platformdirs import user_cache_dir

    monkeypatch.delenv("NETWORKHABIT_CACHE")
    for xdg in (None, str(tmp_path / "xdg"), "relative/ignored"):
        if xdg is None:
            monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
        else:
            monkeypatch.setenv("XDG_CACHE_HOME", xdg)
        if sys.platform.startswith("linux"):
            assert cache.cache_dir() == Path(user_cache_dir("networkhabit", appauthor=False))
    monkeypatch.setenv("NETWORKHABIT_CACHE", str(tmp_path / "mine"))
    assert cache.cache_dir() == tmp_path / "mine"


@given(
    days=st.dictionaries(st.dates(date(2020, 1, 1), date(2020, 3, 1)), st.integers(1, 5)),
    start=st.dates(date(2019, 12, 20), date(2020, 3, 10)),
    span=st.integers(0, 80),
)
@settings(max_examples=200, deadline=None)
def test_touches_per_day_are_those_of_the_days_asked_for(
    days: dict[date, int], start: date, span: int
) -> None:
    end = start + timedelta(days=span)
    ix = TouchIndex(days={d.isoformat(): n for d, n in days.items()})
    expected = {d.toordinal(): n for d, n in days.items() if start <= d <= end}
    assert indexed_days(ix, start, end) == expected
    assert indexed_days(ix, date.min, date.max) == {d.toordinal(): n for d, n in days.items()}
