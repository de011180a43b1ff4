"""The whole file is written, and scanned for integers beyond 64 bits, a part at a time
(issue 15: a write of a file networkhabit did not write dumps it whole; one orjson call on
a 46 MB store held the interpreter 90 ms, one translation of it 60-75 ms, and the app's
loop waited meanwhile) — with the bytes and the answer of doing it at once."""

from __future__ import annotations

from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from networkhabit.store import storage
from networkhabit.store.storage import _DUMP, dump_bytes, has_huge_int, table_bytes

_KEYS = st.text(min_size=0, max_size=6)
_SCALARS = st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text(max_size=8)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=3),
    max_leaves=8,
)
_TABLES = st.dictionaries(
    st.sampled_from(["contacts", "interactions", "links", "meta", "zz", "é", "A"]),
    st.dictionaries(_KEYS, _VALUES, max_size=12) | _VALUES,
    max_size=5,
)


@settings(max_examples=300, deadline=None)
@given(data=_TABLES, part=st.integers(1, 5))
def test_a_dump_in_parts_is_the_bytes_of_one_dump(data: dict[str, Any], part: int) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(storage, "DUMP_PART", part)
        assert dump_bytes(data) == orjson.dumps(data, option=_DUMP)
        for name, table in data.items():
            if isinstance(table, dict):
                whole = orjson.dumps({name: table}, option=_DUMP)
                assert table_bytes(name, table) == whole[len(storage._frame(name, 0)) : -3]


def test_no_part_of_a_dump_is_larger_than_its_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """A large table goes to orjson :data:`DUMP_PART` records at a time; a huge integer
    still makes the standard library's dump of the whole, in the same layout."""
    table = {str(n): {"uid": f"u{n}", "n": n} for n in range(1, 1001)}
    data = {"interactions": table, "meta": {"1": {"schema": 9}}}
    monkeypatch.setattr(storage, "DUMP_PART", 64)
    sizes: list[int] = []
    real = orjson.dumps

    def spy(value: Any, option: int = 0) -> bytes:
        inner = next(iter(value.values())) if isinstance(value, dict) and value else None
        sizes.append(len(inner) if isinstance(inner, dict) else 0)
        return real(value, option=option)

    monkeypatch.setattr(storage.orjson, "dumps", spy)
    assert dump_bytes(data) == real(data, option=_DUMP)
    assert sizes and max(sizes) <= 64
    huge = {**data, "meta": {"1": {"schema": 9, "big": 2**70}}}
    assert dump_bytes(huge).endswith(
        b'"big": 1180591620717411303424,\n      "schema": 9\n    }\n  }\n}\n'
    )


def _reference(raw: bytes) -> bool:
    """:func:`has_huge_int` as it was: one translation of the whole."""
    digits = raw.translate(storage._DIGITS)
    at = digits.find(storage._RUN)
    while at >= 0:
        end = at
        while end < len(digits) and digits[end] == 0x30:
            end += 1
        start = at - 1 if at and raw[at - 1] == 0x2D else at
        before = raw[start - 1 : start]
        if before in (b" ", b"[", b":", b",", b"\n", b"\t", b"\r") and raw[end : end + 1] not in (
            b".",
            b"e",
            b"E",
        ):
            try:
                if not -(2**63) <= int(raw[start:end]) < 2**64:
                    return True
            except ValueError:
                pass
        at = digits.find(storage._RUN, end)
    return False


_PIECES = st.sampled_from(
    [
        b"1",
        b"9" * 19,
        b"18446744073709551616",
        b"18446744073709551615",
        b"-",
        b'"',
        b" ",
        b":",
        b",",
        b"[",
        b"]",
        b".5",
        b"e3",
        b"a",
        b"\n",
        b"12345678901234567890",
    ]
)


@settings(max_examples=500, deadline=None)
@given(pieces=st.lists(_PIECES, max_size=30), part=st.integers(1, 40))
def test_the_scan_in_parts_answers_as_one_scan(pieces: list[bytes], part: int) -> None:
    raw = b"".join(pieces)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(storage, "HUGE_PART", part)
        assert has_huge_int(raw) == _reference(raw)


def test_a_huge_integer_is_found_across_a_part_s_end(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(storage, "HUGE_PART", 16)
    for pad in range(40):
        raw = b'{"a": ' + b" " * pad + b"123456789012345678901234}"
        assert has_huge_int(raw), pad
        assert not has_huge_int(b'{"a": "' + b"x" * pad + b'123456789012345678901234"}'), pad
