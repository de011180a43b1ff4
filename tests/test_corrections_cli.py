"""`unlog` and `undone`: taking back a mistyped `log` or `done`."""

from pathlib import Path

from networkhabit.store import Store
from tests.conftest import person, world


def test_unlog_removes_the_touch_logged_last(cli, make_store, db: Path) -> None:
    make_store(world([person("Ana Ruiz", cadence_days=7)], touches=[("Ana Ruiz", 10)]))
    assert cli("log", "ana", "--note", "first").exit_code == 0
    assert cli("log", "ana", "--note", "oops").exit_code == 0
    r = cli("unlog", "ana")
    assert (
        r.exit_code == 0
        and "removed the message with Ana Ruiz" in r.output
        and "(oops)" in r.output
    )
    notes = sorted(i.note for i in Store(db).snapshot().interactions)
    assert notes == ["", "first"]
    r = cli("unlog", "ana", "--date", "-10d")
    assert r.exit_code == 0
    assert [i.note for i in Store(db).snapshot().interactions] == ["first"]


def test_unlog_without_a_touch_changes_nothing(cli, make_store, db: Path) -> None:
    make_store(world([person("Ana Ruiz")], touches=[("Ana Ruiz", 3)]))
    before = db.read_bytes()
    r = cli("unlog", "ana", "--date", "today")
    assert r.exit_code == 1 and "no touch with Ana Ruiz on 2026-11-20" in r.stderr
    assert cli("unlog", "nobody").exit_code == 1
    assert db.read_bytes() == before


def test_undone_removes_the_last_check_in_of_the_day(cli, db: Path) -> None:
    assert cli("habit", "add", "Send messages", "--target", "3").exit_code == 0
    assert cli("done", "send", "--count", "2").exit_code == 0
    assert cli("done", "send").exit_code == 0
    r = cli("undone", "send")
    assert r.exit_code == 0 and "removed the check-in of 1" in r.output and "2/3 left" in r.output
    assert [c.count for c in Store(db).snapshot().checkins] == [2]
    before = db.read_bytes()
    r = cli("undone", "send", "--date", "yesterday")
    assert r.exit_code == 1 and "no check-in" in r.stderr
    assert db.read_bytes() == before
