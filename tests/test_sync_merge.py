"""The three-way merge by uid (domain/sync_merge.py), on plain store tables."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from networkhabit.domain.sync_merge import changes_between, merge_stores

T0, T1, T2 = (
    "2026-11-20T08:00:00.000000Z",
    "2026-11-20T09:00:00.000000Z",
    "2026-11-20T10:00:00.000000Z",
)


def contact(uid: str, name: str, when: str = T0, **fields: Any) -> dict[str, Any]:
    return {"uid": uid, "name": name, "created": "2026-01-01", "modified": when, **fields}


def touch(uid: str, people: list[str], day: str, when: str = T0) -> dict[str, Any]:
    return {"uid": uid, "contacts": people, "date": day, "kind": "call", "modified": when}


def store(**tables: dict[str, Any]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {"meta": {"1": {"schema": 1, "settings": {"theme": ""}}}}
    out.update(tables)
    return out


BASE = store(
    contacts={
        "1": contact("ana", "Ana Ruiz", title="Engineer", company="Acme", tags=["a", "b"]),
        "2": contact("tom", "Tom Baker"),
    },
    interactions={"1": touch("t1", ["ana", "tom"], "2026-11-01")},
    links={"1": {"uid": "l1", "a": "ana", "b": "tom", "created": "2026-01-01"}},
)


def edited(data: dict[str, Any], table: str, key: str, when: str, **fields: Any) -> dict[str, Any]:
    out = copy.deepcopy(data)
    out[table][key].update(fields, modified=when)
    return out


def test_a_field_changed_on_one_side_takes_that_change() -> None:
    ours = edited(BASE, "contacts", "1", T1, title="CTO")
    theirs = edited(BASE, "contacts", "1", T2, company="Globex")
    got = merge_stores(BASE, ours, theirs)
    ana = got.data["contacts"]["1"]
    assert (ana["title"], ana["company"], ana["modified"]) == ("CTO", "Globex", T2)
    assert got.conflicts == ()


def test_the_same_field_on_both_sides_takes_the_later_and_reports_it() -> None:
    ours = edited(BASE, "contacts", "1", T2, title="CTO")
    theirs = edited(BASE, "contacts", "1", T1, title="VP")
    for a, b in ((ours, theirs), (theirs, ours)):
        got = merge_stores(BASE, a, b)
        assert got.data["contacts"]["1"]["title"] == "CTO"
        assert [(c.label, c.field) for c in got.conflicts] == [("Ana Ruiz", "title")]


def test_lists_merge_as_sets_with_removals_honoured() -> None:
    ours = edited(BASE, "contacts", "1", T1, tags=["a", "b", "c"])  # adds c
    theirs = edited(BASE, "contacts", "1", T2, tags=["b", "d"])  # removes a, adds d
    got = merge_stores(BASE, ours, theirs)
    assert got.data["contacts"]["1"]["tags"] == ["b", "c", "d"]
    assert got.conflicts == ()


def test_deleted_on_one_side_and_changed_on_the_other_is_kept_and_reported() -> None:
    ours = edited(BASE, "contacts", "2", T1, title="Founder")
    theirs = copy.deepcopy(BASE)
    del theirs["contacts"]["2"]
    theirs["tombstones"] = {"1": {"uid": "tom", "kind": "contacts", "when": T2}}
    got = merge_stores(BASE, ours, theirs)
    assert got.data["contacts"]["2"]["title"] == "Founder"
    assert [k.label for k in got.kept] == ["Tom Baker"]
    assert "tom" not in {d["uid"] for d in got.data.get("tombstones", {}).values()}


def test_a_deletion_takes_links_and_lonely_touches_along() -> None:
    ours = copy.deepcopy(BASE)
    ours["interactions"]["2"] = touch("t2", ["tom"], "2026-11-19", T1)  # logged on this side
    theirs = copy.deepcopy(BASE)
    del theirs["contacts"]["2"]
    theirs["links"] = {}
    theirs["interactions"]["1"] = touch("t1", ["ana"], "2026-11-01", T1)
    got = merge_stores(BASE, ours, theirs)
    assert {d["uid"] for d in got.data["contacts"].values()} == {"ana"}
    assert [d["contacts"] for d in got.data["interactions"].values()] == [["ana"]]
    assert got.data["links"] == {}
    assert ("interactions", "t2") in got.dropped


def test_records_added_on_both_sides_get_the_same_ids_whoever_merges() -> None:
    ours = copy.deepcopy(BASE)
    ours["interactions"]["2"] = touch("aaa", ["ana"], "2026-11-19")
    ours["interactions"]["3"] = touch("ccc", ["ana"], "2026-11-19")
    theirs = copy.deepcopy(BASE)
    theirs["interactions"]["2"] = touch("bbb", ["tom"], "2026-11-18")
    one = merge_stores(BASE, ours, theirs).data
    two = merge_stores(BASE, theirs, ours).data
    assert json.dumps(one, sort_keys=True) == json.dumps(two, sort_keys=True)
    assert sorted(one["interactions"]) == ["1", "2", "3", "4"]
    assert one["interactions"]["1"]["uid"] == "t1"  # the base's ids are kept


def test_without_a_base_a_newer_tombstone_deletes_and_an_older_one_does_not() -> None:
    ours = store(contacts={"1": contact("x", "Xena Example", T1)})
    theirs = store(tombstones={"1": {"uid": "x", "kind": "contacts", "when": T2}})
    assert merge_stores(None, ours, theirs).data["contacts"] == {}
    ours = store(contacts={"1": contact("x", "Xena Example", T2)})
    theirs = store(tombstones={"1": {"uid": "x", "kind": "contacts", "when": T1}})
    got = merge_stores(None, ours, theirs)
    assert [d["name"] for d in got.data["contacts"].values()] == ["Xena Example"]


def test_settings_merge_field_by_field() -> None:
    base = store()
    ours = copy.deepcopy(base)
    ours["meta"]["1"]["settings"] = {"theme": "nord", "neglected_limit": 5}
    ours["meta"]["1"]["modified"] = T1
    theirs = copy.deepcopy(base)
    theirs["meta"]["1"]["settings"] = {"theme": "", "neglected_limit": 9}
    theirs["meta"]["1"]["modified"] = T2
    got = merge_stores(base, ours, theirs).data["meta"]["1"]["settings"]
    assert got == {"theme": "nord", "neglected_limit": 9}


def test_the_summary_names_what_changed() -> None:
    new = edited(BASE, "contacts", "1", T1, title="CTO")
    new["interactions"]["2"] = touch("t2", ["ana"], "2026-11-19")
    new["interactions"]["3"] = touch("t3", ["ana"], "2026-11-19")
    new["checkins"] = {"1": {"uid": "c1", "habit": "h", "date": "2026-11-20", "count": 1}}
    assert changes_between(BASE, new).summary() == "2 touches, 1 check-in, Ana Ruiz edited"
    assert changes_between(BASE, BASE).summary() == ""


names = st.sampled_from(["Ana", "Ben", "Cy"])
times = st.sampled_from([T0, T1, T2])
side = st.dictionaries(
    st.sampled_from(["ana", "tom", "new1", "new2"]),
    st.tuples(names, times, st.lists(st.sampled_from(["a", "b", "c"]), max_size=3)),
    max_size=4,
)


def _side(spec: dict[str, tuple[str, str, list[str]]]) -> dict[str, dict[str, Any]]:
    docs = {
        str(n): contact(uid, name, when, tags=tags)
        for n, (uid, (name, when, tags)) in enumerate(sorted(spec.items()), start=1)
    }
    return store(contacts=docs)


@settings(max_examples=80, deadline=None)
@given(side, side)
def test_the_merge_does_not_depend_on_which_side_merges(a: Any, b: Any) -> None:
    ours, theirs = _side(a), _side(b)
    one = merge_stores(BASE, ours, theirs)
    two = merge_stores(BASE, theirs, ours)
    assert json.dumps(one.data, sort_keys=True) == json.dumps(two.data, sort_keys=True)
    text = json.dumps(one.data)
    assert "<<<<<<<" not in text
    # a record on either side and in the base on neither is in the result
    added = (set(a) | set(b)) - {"ana", "tom"}
    assert added <= {d["uid"] for d in one.data["contacts"].values()}


def test_a_deleted_habit_takes_the_other_sides_new_check_ins_along() -> None:
    base = store(habits={"1": {"uid": "h", "name": "Reach out", "created": "2026-01-01"}})
    ours = copy.deepcopy(base)
    ours["checkins"] = {"1": {"uid": "c1", "habit": "h", "date": "2026-11-20", "count": 1}}
    theirs = copy.deepcopy(base)
    theirs["habits"] = {}
    got = merge_stores(base, ours, theirs)
    assert got.data["habits"] == {} and got.data["checkins"] == {}
    assert got.dropped == (("checkins", "c1"),)
    assert "1 record of deleted contacts or habits removed" in got.notes()
