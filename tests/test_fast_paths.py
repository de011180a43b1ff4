"""Hand-made fast versions of library calls give what the library would."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from networkhabit.domain.model import new_uid
from networkhabit.importers.files import parse_file_date
from networkhabit.store import codec


def test_new_uids_are_uuid4_hex_and_distinct() -> None:
    uids = [new_uid() for _ in range(2000)]
    assert len(set(uids)) == len(uids)
    for u in uids[:200]:
        parsed = uuid.UUID(hex=u)
        assert parsed.hex == u and parsed.version == 4 and parsed.variant == uuid.RFC_4122


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_linkedin_dates_read_as_strptime_reads_them(day: date) -> None:
    text = day.strftime("%d %b %Y")
    assert parse_file_date(text) == datetime.strptime(text, "%d %b %Y").date() == day
    assert parse_file_date(text.lower()) == day
    assert parse_file_date(day.strftime("%-d %b %Y")) == day


def test_impossible_day_month_year_dates_are_refused() -> None:
    assert parse_file_date("31 Feb 2024") is None
    assert parse_file_date("12 Foo 2024") is None


def test_the_fast_decoders_match_the_documents() -> None:
    doc = {
        "uid": "u1",
        "name": "Ana",
        "created": "2026-01-02",
        "tags": ["a"],
        "snoozed_until": "2026-02-03",
        "job_changed_on": None,
        "imported": {"name": "Ana", "bad": 3},
        "known": False,
    }
    c = codec.contact_from_doc(doc)
    assert (c.created, c.snoozed_until, c.job_changed_on) == (
        date(2026, 1, 2),
        date(2026, 2, 3),
        None,
    )
    assert c.imported == (("name", "Ana"),) and c.known is False and c.tags == ("a",)
    assert codec.contact_from_doc(codec.contact_to_doc(c)) == c
    ci = codec.checkin_from_doc({"uid": "x", "habit": "h", "date": "2026-01-05", "count": 2})
    assert ci.count == 2 and ci.skip is False
    with pytest.raises(codec.BadRecord, match="count is text"):  # named, not coerced (issue 18)
        codec.checkin_from_doc({"uid": "x", "habit": "h", "date": "2026-01-05", "count": "2"})
