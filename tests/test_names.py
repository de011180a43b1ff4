"""Finding the contact a typed name means."""

import pytest

from networkhabit.domain.errors import InputError
from networkhabit.domain.names import display_names, resolve_contact
from tests.conftest import person

ANA = person("Ana Ruiz", company="Northwind")
JOHN_A = person("John Smith", company="Acme")
JOHN_G = person("John Smith", company="Globex")
JONAS = person("Jonas Berg")
PEOPLE = [ANA, JOHN_A, JOHN_G, JONAS]


def test_exact_is_case_insensitive() -> None:
    assert resolve_contact("ana ruiz", PEOPLE) is ANA
    assert resolve_contact("  ANA   RUIZ ", PEOPLE) is ANA


def test_unique_prefix() -> None:
    assert resolve_contact("an", PEOPLE) is ANA
    assert resolve_contact("jonas", PEOPLE) is JONAS


def test_same_names_are_told_apart_by_company() -> None:
    labels = display_names(PEOPLE)
    assert labels[JOHN_A.uid] == "John Smith (Acme)"
    assert labels[JOHN_G.uid] == "John Smith (Globex)"
    assert resolve_contact("john smith (globex)", PEOPLE) is JOHN_G
    with pytest.raises(InputError, match=r"2 contacts are called 'John Smith'.*Acme.*Globex"):
        resolve_contact("John Smith", PEOPLE)


def test_same_name_same_company_gets_a_number() -> None:
    a = person("Kim Lee", company="X")
    b = person("Kim Lee", company="X")
    labels = display_names([a, b])
    assert sorted(labels.values()) == ["Kim Lee #1", "Kim Lee #2"]


def test_did_you_mean() -> None:
    with pytest.raises(InputError) as err:
        resolve_contact("Jonah", [ANA, JONAS, person("John Smithers")])
    assert "no contact 'Jonah' — did you mean:" in str(err.value)
    assert "Jonas Berg" in str(err.value)
    assert "Ana Ruiz" not in str(err.value)


def test_ambiguous_prefix_lists_candidates() -> None:
    with pytest.raises(InputError, match="ambiguous"):
        resolve_contact("jo", PEOPLE)


def test_archived_only_when_asked() -> None:
    gone = person("Old Friend", archived=True)
    with pytest.raises(InputError):
        resolve_contact("old friend", [gone])
    assert resolve_contact("old friend", [gone], include_archived=True) is gone
