"""The import's faster paths give what the plain ones give: the index reads a contact's
merged identities (``aka:…``) in one pass, as each one-key lookup reads them."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from networkhabit.domain.merge import _aka, _akas
from networkhabit.domain.model import Contact

KEYS = ("aka:url", "aka:uid", "aka:external_id", "aka:email", "aka:name", "name", "company")
VALUES = st.lists(st.sampled_from(["", "a", "b c", "x@y.z", "https://l.in/in/q"]), max_size=4)


@given(st.lists(st.tuples(st.sampled_from(KEYS), VALUES), max_size=8))
def test_every_aka_read_in_one_pass_is_what_each_lookup_reads(
    entries: list[tuple[str, list[str]]],
) -> None:
    imported = tuple((k, ", ".join(v)) for k, v in entries)  # repeated keys too: first wins
    c = Contact("u" * 32, "Ana", date(2026, 1, 1), imported=imported)
    akas = _akas(c)
    for key in (k for k in KEYS if k.startswith("aka:")):  # (what the index reads)
        assert akas.get(key, []) == _aka(c, key)
    assert all(k.startswith("aka:") for k in akas)


def test_a_contact_without_akas_gets_the_one_empty_mapping() -> None:
    c = Contact("u" * 32, "Ana", date(2026, 1, 1), imported=(("name", "Ana"),))
    assert _akas(c) == {}
    assert _akas(c) is _akas(Contact("v" * 32, "Bo", date(2026, 1, 1)))
