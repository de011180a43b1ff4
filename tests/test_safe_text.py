"""domain/safe.py: the one rule for control characters, on the way out and on the way in."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from networkhabit.domain.errors import InputError
from networkhabit.domain.model import Contact
from networkhabit.domain.safe import (
    MAX_NOTE,
    check_argument,
    clean_line,
    clean_record,
    clean_text,
    quote,
    refuse_controls,
    terminal_safe,
)

ACTING = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def test_controls_are_shown_visibly() -> None:
    assert terminal_safe("a\x1b]0;t\x07b") == "a␛]0;t␇b"
    assert terminal_safe("x\x9b31m") == "x\\x9b31m"
    assert terminal_safe("cr\rdel\x7f") == "cr␍del␡"
    assert terminal_safe("keeps\tlayout\n") == "keeps\tlayout\n"
    assert terminal_safe("tab\tnl\n", keep_layout=False) == "tab␉nl␊"
    plain = "Ana Ruiz 🙂 \u202e"
    assert terminal_safe(plain) is plain


@given(st.text())
def test_nothing_that_acts_on_a_terminal_survives(text: str) -> None:
    assert ACTING.search(terminal_safe(text)) is None
    assert ACTING.search(clean_line(text)) is None and "\n" not in clean_line(text)
    assert ACTING.search(clean_text(text)) is None


def test_importers_strip_and_cap() -> None:
    assert clean_line("  Acme\x1b[2J\x9b  Inc \r\n") == "Acme [2J Inc"
    assert clean_text("one\r\ntwo\rthree\x1b\x9b") == "one\ntwo\nthree"
    assert len(clean_text("n" * 1_000_000)) == MAX_NOTE
    ana = Contact(
        "u" * 32, "Ana\x1b]0;x\x07", date(2026, 1, 1), company="Acme\x9b", tags=("a\x7f",)
    )
    cleaned = clean_record(ana)
    assert (cleaned.name, cleaned.company, cleaned.tags) == ("Ana ]0;x", "Acme", ("a",))
    fine = Contact("u" * 32, "Bo", date(2026, 1, 1))
    assert clean_record(fine) is fine


def test_typed_values_are_refused_in_one_line() -> None:
    with pytest.raises(InputError, match="control characters"):
        refuse_controls("Acme\x1b[2J", "company")
    with pytest.raises(InputError, match="too long"):
        refuse_controls("x" * 1001, "company")
    assert refuse_controls("two\nlines", "note", multiline=True) == "two\nlines"
    with pytest.raises(InputError, match="not valid UTF-8"):
        check_argument("bad\udcff")
    with pytest.raises(InputError, match="too long") as exc:
        check_argument("x" * 131_000)
    assert len(str(exc.value)) < 200


def test_a_message_quotes_at_most_80_characters() -> None:
    assert quote("Ana") == "'Ana'"
    long = quote("y" * 5000)
    assert long.startswith("'" + "y" * 80 + "'…") and "5,000 characters" in long
    assert "\x1b" not in quote("a\x1bb")


def test_every_error_line_quotes_at_most_80_characters_of_a_value(cli) -> None:
    from networkhabit.domain.safe import shorten_quoted

    long = "k" * 4000
    for args in (("done", long), ("show", long), ("log", long), ("snooze", long, "--until", "+1w")):
        r = cli(*args)  # before: `done` echoed all 4,000 characters
        assert r.exit_code == 1 and len(r.stderr) < 400, (args[0], len(r.stderr))
        assert "4,000 characters" in r.stderr
    path = "'/a/very/long/" + "p" * 100 + "/networkhabit.json'"
    assert shorten_quoted(f"restore with --db {path}") == f"restore with --db {path}"


def test_a_quote_that_ends_a_short_value_opens_nothing(cli, db: Path) -> None:
    """A corrupt store's error (orjson's "expected 'true'" before the restore hint): the
    quote that ends 'true' paired with the hint's own, so the hint lost "networkhabit --db"
    as a "long quoted value"; the hint stays whole now, and a long value is still cut."""
    from networkhabit.domain.safe import shorten_quoted

    db.parent.mkdir(parents=True, exist_ok=True)
    db.write_bytes(b"this is not json\n")
    db.chmod(0o600)
    r = cli("today")
    assert r.exit_code == 1 and "characters)" not in r.stderr, r.stderr
    assert f"networkhabit --db '{db}' doctor --restore FILE" in r.stderr
    assert f"(see: networkhabit --db '{db}' doctor)" in r.stderr
    long = "k" * 200
    assert shorten_quoted(f"can't find '{long}': no such contact") == (
        f"can't find '{'k' * 80}'… (200 characters): no such contact"
    )
    assert shorten_quoted(f'"{long}" and "{long}"') == (
        f'"{"k" * 80}"… (200 characters) and "{"k" * 80}"… (200 characters)'
    )
