"""Typed dates and durations."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from networkhabit.domain.dates import (
    format_duration,
    next_birthday,
    parse_birthday,
    parse_date,
    parse_date_relative,
    parse_duration,
    parse_iso_week,
    parse_weekdays,
)
from networkhabit.domain.errors import InputError

FRI = date(2026, 11, 20)


@pytest.mark.parametrize(
    ("text", "days"),
    [("30d", 30), ("2w", 14), ("3m", 90), ("1y", 365), ("45", 45), (" 2W ", 14)],
)
def test_durations(text: str, days: int) -> None:
    assert parse_duration(text) == days


@pytest.mark.parametrize("text", ["", "0d", "-3d", "abc", "2x", "3.5d", "0"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(InputError, match="duration"):
        parse_duration(text)


@given(st.integers(min_value=1, max_value=36500))
def test_format_duration_round_trips(days: int) -> None:
    assert parse_duration(format_duration(days)) == days


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-02", date(2026, 11, 2)),
        ("today", FRI),
        ("yesterday", date(2026, 11, 19)),
        ("tomorrow", date(2026, 11, 21)),
        ("-3d", date(2026, 11, 17)),
        ("+1w", date(2026, 11, 27)),
        ("-1m", date(2026, 10, 21)),
        ("monday", date(2026, 11, 16)),
        ("fri", date(2026, 11, 13)),  # the last one, not today
        ("Thursday", date(2026, 11, 19)),
    ],
)
def test_dates_look_back(text: str, expected: date) -> None:
    assert parse_date(text, FRI) == expected


def test_weekday_looks_forward_for_future_fields() -> None:
    assert parse_date_relative("monday", FRI, future=True) == date(2026, 11, 23)
    assert parse_date_relative("friday", FRI, future=True) == date(2026, 11, 27)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2w", date(2026, 12, 4)), ("10d", date(2026, 11, 30)), ("3", date(2026, 11, 23))],
)
def test_a_duration_without_a_sign_is_ahead_in_future_fields(text: str, expected: date) -> None:
    """``snooze ana 2w``, a follow-up in ``3d``: that long from today; in a field that looks
    back (``log --date``) it stays an error, since which way is not said."""
    assert parse_date_relative(text, FRI, future=True) == expected
    with pytest.raises(InputError, match="invalid date"):
        parse_date(text, FRI)


@pytest.mark.parametrize("text", ["2026-02-30", "2026-13-01", "", "someday", "20261120", "+d"])
def test_bad_dates(text: str) -> None:
    with pytest.raises(InputError, match="date"):
        parse_date(text, FRI)


def test_birthdays() -> None:
    assert parse_birthday("1990-04-15") == "1990-04-15"
    assert parse_birthday("--04-15") == "--04-15"
    assert parse_birthday("--0415") == "--04-15"
    with pytest.raises(InputError):
        parse_birthday("--02-30")
    assert next_birthday("--11-22", FRI) == date(2026, 11, 22)
    assert next_birthday("1980-01-03", FRI) == date(2027, 1, 3)
    assert next_birthday("2000-02-29", date(2027, 1, 1)) == date(2027, 3, 1)


def test_weekdays_and_weeks() -> None:
    assert parse_weekdays("mon,wed,fri") == (0, 2, 4)
    assert parse_weekdays("weekdays") == (0, 1, 2, 3, 4)
    with pytest.raises(InputError):
        parse_weekdays("mon,funday")
    assert parse_iso_week("2026-W48") == date(2026, 11, 23)
    with pytest.raises(InputError):
        parse_iso_week("2026-W60")


def test_a_birthday_in_the_future_is_refused() -> None:
    with pytest.raises(InputError, match="future"):
        parse_birthday("2030-01-01", FRI)
    assert parse_birthday("--01-01", FRI) == "--01-01"
    assert parse_birthday("2000-01-01", FRI) == "2000-01-01"
