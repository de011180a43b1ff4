"""The bulk decoders (check-ins, links: tens of thousands on a large store) give exactly what
the one-record decoders give, and refuse what they refuse, with the same message."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from networkhabit.store import codec

_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 10**7),
    st.sampled_from(["", "u1", "h1", "2026-11-20", "2026-02-30", "note"]),
    st.lists(st.text(max_size=3), max_size=2),
)


def _outcome(decode: Any, docs: list[Any]) -> Any:
    try:
        return ("ok", decode(docs))
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:
        return ("error", type(exc), str(exc))


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries(
            {"uid": st.one_of(st.just("u1"), _VALUES), "habit": st.one_of(st.just("h1"), _VALUES)},
            optional={
                "date": st.one_of(st.just("2026-11-20"), _VALUES),
                "count": _VALUES,
                "skip": _VALUES,
                "note": _VALUES,
            },
        ),
        max_size=4,
    )
)
def test_checkins_in_bulk_are_the_one_by_one_decoding(docs: list[dict[str, Any]]) -> None:
    one = _outcome(lambda ds: tuple(codec.checkin_from_doc(d) for d in ds), docs)
    assert _outcome(codec.checkins_from_docs, docs) == one


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries(
            {"uid": st.one_of(st.just("l1"), _VALUES), "a": st.one_of(st.just("c1"), _VALUES)},
            optional={
                "b": st.one_of(st.just("c2"), _VALUES),
                "created": st.one_of(st.just("2026-11-20"), _VALUES),
                "source": _VALUES,
                "note": _VALUES,
            },
        ),
        max_size=4,
    )
)
def test_links_in_bulk_are_the_one_by_one_decoding(docs: list[dict[str, Any]]) -> None:
    one = _outcome(lambda ds: tuple(codec.link_from_doc(d) for d in ds), docs)
    assert _outcome(codec.links_from_docs, docs) == one
