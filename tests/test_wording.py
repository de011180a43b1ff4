"""Human-facing times and counts."""

from datetime import timedelta

import pytest

from networkhabit.domain.wording import ago, count, every, span
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
