"""Records of the wrong type inside valid JSON (issue 18): named by every command, repaired
by ``doctor --fix`` where the meaning is plain; integers keep their exact value; schema -1
is refused the same way by read commands and doctor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from networkhabit.store import Store, codec
from networkhabit.store.doctor import examine
from networkhabit.store.storage import has_huge_int
from tests.conftest import person, run_cli, world

READERS = [
    ("contacts",),
    ("show", "Ana"),
    ("today",),
    ("neglected",),
    ("contacts", "--json"),
    ("intro", "suggest"),
    ("edit", "Ana", "--title", "CTO"),
]


def _plant(db: Path, **fields: object) -> bytes:
    """Set raw ``fields`` on the first contact (Ana Ruiz) of the file."""
    data = json.loads(db.read_text())
    data["contacts"]["1"].update(fields)
    db.write_text(json.dumps(data, indent=2, sort_keys=True))
    return db.read_bytes()


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"tags": "client"}, "contact 1 'Ana Ruiz': tags is text, not a list"),
        ({"tags": [["client"]]}, "contact 1 'Ana Ruiz': tags holds a list, not only text"),
        ({"cadence_days": "30"}, "cadence_days is text, not a whole number"),
        ({"cadence_days": 10**15}, "cadence_days 1000000000000000 is out of range"),
        ({"name": 12}, "contact 1: name is a number, not text"),
        ({"name": None}, "contact 1: name is missing"),
        ({"archived": "no"}, "archived is text, not true/false"),
        ({"company": ["Acme"]}, "company is a list, not text"),
    ],
)
def test_a_record_of_the_wrong_type_is_named_by_every_command(
    make_store, db: Path, cli, fields: dict[str, object], words: str
) -> None:
    make_store(world([person("Ana Ruiz", cadence_days=14), person("Bo Berg")]))
    before = _plant(db, **fields)
    for args in READERS:
        r = cli(*args)
        # before the fix: "c, l, i, e, n, t", or "internal error: TypeError / OverflowError"
        assert r.exit_code == 1, (args, r.output)
        line = r.stderr.strip()
        assert "\n" not in line and words in line and "run networkhabit doctor" in line, line
        assert "internal error" not in line
    assert db.read_bytes() == before  # `edit` did not save the letters


def test_doctor_fix_repairs_plain_type_mistakes(make_store, db: Path, cli) -> None:
    make_store(world([person("Ana Ruiz"), person("Bo Berg")]))
    _plant(db, tags="client, vip", cadence_days="30", name=12, needs=[["a", "b"]], known=1)
    report = examine(db)
    assert report.problems and all(p.fixable for p in report.problems), report.problems
    r = cli("doctor", "--fix")
    assert r.exit_code == 0, r.output
    contact = next(c for c in Store(db).snapshot().contacts if c.name == "12")
    assert contact.tags == ("client", "vip") and contact.cadence_days == 30
    assert contact.needs == ("a", "b") and contact.known is True
    assert examine(db).healthy


def test_a_huge_integer_keeps_its_exact_value_through_writes(make_store, db: Path, cli) -> None:
    make_store(world([person("Ana Ruiz")]))
    data = json.loads(db.read_text())
    data["meta"]["1"]["counter"] = 2**70 + 1
    data["meta"]["1"]["low"] = -(2**63) - 1
    db.write_text(json.dumps(data, indent=2, sort_keys=True))
    assert cli("add", "Bo Berg").exit_code == 0
    assert cli("log", "Bo").exit_code == 0
    text = db.read_text()
    # before the fix: 1.1805916207174113e+21 after the first write
    assert '"counter": 1180591620717411303425' in text and '"low": -9223372036854775809' in text
    assert json.loads(text)["meta"]["1"]["counter"] == 2**70 + 1
    assert {c.name for c in Store(db).snapshot().contacts} == {"Ana Ruiz", "Bo Berg"}


def test_the_huge_integer_scan() -> None:
    assert has_huge_int(b'{"a": [18446744073709551616]}')
    assert has_huge_int(b'{"a": -9223372036854775809}')
    assert not has_huge_int(b'{"a": 18446744073709551615, "b": -9223372036854775808}')
    assert not has_huge_int(b'{"uid": "ab12345678901234567890123cd"}')  # digits in a string
    assert not has_huge_int(b'{"a": 12345678901234567890.5}')  # a float is a float


@pytest.mark.parametrize("schema", [-1, True, "1", 1.5])
def test_an_impossible_schema_is_refused_alike_by_reads_and_doctor(
    make_store, db: Path, schema: object
) -> None:
    make_store(world([person("Ana Ruiz")]))
    data = json.loads(db.read_text())
    data["meta"]["1"]["schema"] = schema
    db.write_text(json.dumps(data, indent=2, sort_keys=True))
    before = db.read_bytes()
    for args in (("contacts",), ("today",), ("add", "Bo")):
        r = run_cli(db, *args)  # before the fix: -1 was "migrated" by a read command
        assert r.returncode == 1 and "is not a version number" in r.stderr, (args, r.stderr)
    r = run_cli(db, "doctor")
    assert r.returncode == 1 and "is not a version number" in r.stdout
    r = run_cli(db, "doctor", "--fix")
    assert r.returncode == 1 and "cannot repair" in r.stderr
    assert db.read_bytes() == before


_ANY = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 40_000),
    st.text(max_size=4),
    st.sampled_from(["2026-01-02", " ", "Ana"]),
    st.lists(st.one_of(st.text(max_size=3), st.integers(0, 3)), max_size=3),
    st.dictionaries(st.text(max_size=2), st.text(max_size=2), max_size=2),
)
_FIELDS = (
    *codec._CONTACT_TEXT,
    *("tags", "needs", "offers", "cadence_days", "max_days", "known", "archived", "imported"),
)


@settings(max_examples=400, deadline=None)
@given(
    doc=st.dictionaries(st.sampled_from(_FIELDS), _ANY, max_size=len(_FIELDS)),
    good=st.booleans(),
)
def test_a_contact_is_checked_in_full_exactly_when_the_cheap_check_fails(
    doc: dict[str, object], good: bool
) -> None:
    """contact_from_doc reads each field once and checks it inline: the full check (which
    names the problem) runs for exactly the documents codec._contact_ok refuses, and what it
    decodes is what the full check and a plain read give."""
    if good:  # most documents: a well-formed contact with some of the fields drawn
        doc = {"uid": "u1", "name": "Ana", "created": "2026-01-02"} | {
            k: v for k, v in doc.items() if k in ("tags", "cadence_days", "known", "archived")
        }
    checked: list[object] = []
    real = codec._check

    def spy(table: str, d: object) -> None:
        checked.append(d)
        real(table, d)

    codec._check = spy  # type: ignore[assignment]
    try:
        try:
            got: object = codec.contact_from_doc(doc)  # type: ignore[arg-type]
        except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:
            got = type(exc)
    finally:
        codec._check = real  # type: ignore[assignment]
    assert bool(checked) == (not codec._contact_ok(doc))  # type: ignore[arg-type]
    if not isinstance(got, type):
        assert got.uid == doc["uid"] and got.name == doc["name"]  # type: ignore[attr-defined]
        assert got.tags == tuple(doc.get("tags") or ())  # type: ignore[attr-defined]
        assert got.known is bool(doc.get("known", True))  # type: ignore[attr-defined]
