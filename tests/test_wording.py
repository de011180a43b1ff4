"""Human-facing times and counts."""

from datetime import timedelta

import pytest

from networkhabit.domain.wording import ago, clip, count, every, overdue, short_date, span
from tests.conftest import TODAY


@pytest.mark.parametrize(
    ("days", "text"),
    [
        (0, "today"),
        (1, "yesterday"),
        (-1, "tomorrow"),
        (3, "3 days ago"),
        (-2, "in 2 days"),
        (20, "3 weeks ago"),
        (49, "7 weeks ago"),
        (70, "2 months ago"),
        (400, "1 year, 1 month ago"),
    ],
)
def test_ago(days: int, text: str) -> None:
    assert ago(TODAY - timedelta(days=days), TODAY) == text


def test_span_never_rounds_weeks_up_to_a_month() -> None:
    assert span(20) == "3 weeks"
    assert span(13) == "13 days"


@pytest.mark.parametrize(
    ("days", "text"),
    [
        (1, "every day"),
        (7, "every week"),
        (14, "every 2 weeks"),
        (30, "every 30 days"),
        (365, "every year"),
    ],
)
def test_every(days: int, text: str) -> None:
    assert every(days) == text


def test_count() -> None:
    assert count(1, "touch") == "1 touch"
    assert count(1204, "touch") == "1,204 touches"
    assert count(3, "person", "people") == "3 people"
    assert count(1, "person", "people") == "1 person"
    assert count(0, "habit") == "0 habits"


def test_counts_and_overdue_days_agree_in_number() -> None:
    assert (count(1, "touch"), count(2, "touch"), count(1_204, "touch")) == (
        "1 touch",
        "2 touches",
        "1,204 touches",
    )
    assert (overdue(1), overdue(3), overdue(0), overdue(-1)) == (
        "1 day overdue",
        "3 days overdue",
        "due today",
        "due in 1 day",
    )


def test_short_dates_and_clipped_text() -> None:
    assert short_date(TODAY - timedelta(days=8), TODAY) == "Nov 12"
    assert short_date(TODAY - timedelta(days=400), TODAY) == "Oct 16 2025"
    assert clip("send the deck", 60) == "send the deck"
    assert clip("abcdef", 4) == "abc…" and len(clip("x" * 99, 10)) == 10


@pytest.mark.parametrize(
    ("days", "text"),
    [
        (60, "2 months"),
        (350, "11 months"),
        (364, "a year"),
        (365, "a year"),
        (366, "1 year, 1 day"),
        (380, "1 year, 15 days"),
        (396, "1 year, 1 month"),
        (712, "1 year, 11 months"),
        (720, "2 years"),
        (1000, "3 years"),
        (365_003, "1,000 years"),
    ],
)
def test_months_and_years_read_as_humanize_words_them(days: int, text: str) -> None:
    # (humanize 4.17's naturaldelta gives the same for every span from 60 to 40,000 days)
    assert span(days) == text
