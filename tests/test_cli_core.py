"""The contact and touch commands, in-process (CliRunner) and as real subprocesses."""

import json
from pathlib import Path

from networkhabit.store import Store
from tests.conftest import TODAY, days_ago, person, run_cli, world


def test_add_show_and_json(cli, db: Path) -> None:
    r = cli(
        "add",
        "Ana Ruiz",
        "--company",
        "Northwind",
        "--every",
        "4w",
        "--tag",
        "partner,sales",
        "--needs",
        "data engineer",
        "--email",
        "ana@example.com",
    )
    assert r.exit_code == 0, r.output
    assert "added contact Ana Ruiz · every 4 weeks" in r.output
    doc = json.loads(cli("show", "ana", "--json").output)
    assert doc["name"] == "Ana Ruiz" and doc["company"] == "Northwind"
    assert doc["cadence_days"] == 28 and doc["tags"] == ["partner", "sales"]
    assert doc["needs"] == ["data engineer"] and doc["status"] == "ok"
    assert doc["last_contact"] == TODAY.isoformat() and doc["timeline"] == []
    assert (db.stat().st_mode & 0o777) == 0o600


def test_add_refuses_a_duplicate_but_allows_another_company(cli) -> None:
    assert cli("add", "John Smith", "--company", "Acme").exit_code == 0
    dup = cli("add", "john smith", "--company", "acme")
    assert dup.exit_code == 1 and "already exists" in dup.stderr
    assert cli("add", "John Smith", "--company", "Globex").exit_code == 0
    out = cli("contacts").output
    assert "John Smith (Acme)" in out and "John Smith (Globex)" in out


def test_log_resets_the_timer_and_takes_options(cli, make_store, db: Path) -> None:
    make_store(world([person("Ana Ruiz", cadence_days=14)], touches=[("Ana Ruiz", 20)]))
    before = json.loads(cli("neglected", "--json").output)["neglected"]
    assert [(n["name"], n["overdue_days"]) for n in before] == [("Ana Ruiz", 6)]
    r = cli(
        "log",
        "ana",
        "--kind",
        "coffee",
        "--note",
        "roadmap",
        "--date",
        "yesterday",
        "--follow-up",
        "+3d",
    )
    assert r.exit_code == 0, r.output
    assert "logged coffee with Ana Ruiz on 2026-11-19 · follow up in 3 days" in r.output
    assert json.loads(cli("neglected", "--json").output)["neglected"] == []
    touch = Store(db).snapshot().interactions[-1]
    assert (touch.kind, touch.note, touch.date.isoformat(), touch.follow_up.isoformat()) == (
        "coffee",
        "roadmap",
        "2026-11-19",
        "2026-11-23",
    )


def test_log_several_people_in_one_touch(cli, make_store, db: Path) -> None:
    make_store(world([person("Ana"), person("Bo")]))
    assert cli("log", "ana", "bo", "--kind", "meeting").exit_code == 0
    [touch] = Store(db).snapshot().interactions
    assert len(touch.contacts) == 2


def test_snooze_hides_from_neglected_until_the_date(cli, make_store) -> None:
    make_store(world([person("Ana", cadence_days=7)], touches=[("Ana", 30)]))
    assert cli("snooze", "ana", "--until", "+1w").exit_code == 0
    assert json.loads(cli("neglected", "--json").output)["neglected"] == []
    assert json.loads(cli("show", "ana", "--json").output)["snoozed_until"] == "2026-11-27"
    bad = cli("snooze", "ana", "--until", "yesterday")
    assert bad.exit_code == 1 and "after today" in bad.stderr


def test_snooze_takes_the_date_as_a_second_word(cli, make_store) -> None:
    """``snooze NAME 2w``: a duration without a sign is that long from today."""
    make_store(world([person("Ana", cadence_days=7)], touches=[("Ana", 30)]))
    done = cli("snooze", "ana", "2w")
    assert done.exit_code == 0, done.stderr
    assert "until 2026-12-04" in done.output
    assert json.loads(cli("show", "ana", "--json").output)["snoozed_until"] == "2026-12-04"
    assert cli("snooze", "ana", "friday").exit_code == 0  # the next Friday, not today's
    assert json.loads(cli("show", "ana", "--json").output)["snoozed_until"] == "2026-11-27"


def test_edit_rename_and_archive(cli, make_store) -> None:
    make_store(world([person("Ana", cadence_days=7, company="Old")]))
    assert (
        cli("edit", "ana", "--rename", "Ana Ruiz", "--company", "New", "--every", "none").exit_code
        == 0
    )
    doc = json.loads(cli("show", "ana ruiz", "--json").output)
    assert (doc["company"], doc["cadence_days"]) == ("New", None)
    assert cli("archive", "ana").exit_code == 0
    assert json.loads(cli("contacts", "--json").output) == []
    assert len(json.loads(cli("contacts", "--archived", "--json").output)) == 1
    assert cli("archive", "ana", "--undo").exit_code == 0
    assert cli("edit", "ana").exit_code == 1  # nothing to change


def test_contacts_filters(cli, make_store) -> None:
    make_store(
        world(
            [
                person("Ana", tags=["partner"], company="Northwind"),
                person("Bo", notes="met at PyCon"),
                person("Cy", known=False),
            ]
        )
    )
    names = lambda *a: [c["name"] for c in json.loads(cli("contacts", "--json", *a).output)]
    assert names() == ["Ana", "Bo", "Cy"]
    assert names("--tag", "PARTNER") == ["Ana"]
    assert names("--search", "pycon") == ["Bo"]
    assert names("--search", "northwind") == ["Ana"]
    assert names("--prospects") == ["Cy"]


def test_today_and_status(cli, make_store) -> None:
    make_store(
        world([person("Ana", cadence_days=7)], touches=[("Ana", 10, {"follow_up": days_ago(1)})])
    )
    out = cli("today").output
    assert out.startswith("Friday 20 November 2026")
    assert "Follow-ups due" in out and "Follow up with Ana · due yesterday" in out
    assert "Reach out to Ana · last talked 10 days ago · every week" in out
    doc = json.loads(cli("today", "--json").output)
    assert doc["date"] == "2026-11-20"
    assert [i["kind"] for i in doc["items"]][:2] == ["follow_up", "neglected"]
    status = cli("status").output
    assert status.startswith("nh") and "1 follow-up" in status and "1 person to reach" in status


def test_bad_input_is_one_line_exit_1_and_changes_nothing(cli, make_store, db: Path) -> None:
    make_store(world([person("John Smith"), person("Jonas Berg")]))
    before = db.read_bytes()
    for args, needle in [
        (("log", "Nobody"), "no contact 'Nobody'"),
        (("log", "Jonah"), "did you mean: Jonas Berg"),
        (("log", "jonas", "--date", "2026-02-30"), "no such day"),
        (("log", "jonas", "--date", "+2d"), "in the future"),
        (("add", "X", "--every", "0d"), "at least 1 day"),
        (("add", "X", "--every", "soon"), "invalid duration"),
        (("add", "   "), "cannot be empty"),
        (("show", "Zed"), "no contact 'Zed'"),
    ]:
        r = cli(*args)
        assert r.exit_code == 1, (args, r.output)
        assert needle in r.stderr, (args, r.stderr)
        assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert db.read_bytes() == before


def test_unknown_kind_is_a_usage_error(cli, make_store, db: Path) -> None:
    make_store(world([person("Ana")]))
    before = db.read_bytes()
    r = cli("log", "ana", "--kind", "telepathy")
    assert r.exit_code == 2 and "telepathy" in r.stderr
    assert db.read_bytes() == before


def test_broken_store_is_left_untouched(cli, db: Path) -> None:
    db.parent.mkdir(parents=True)
    db.write_text("{broken")
    for args in (("today",), ("add", "Ana"), ("log", "Ana"), ("demo", "--force"), ()):
        r = cli(*args)
        assert r.exit_code == 1, args
        assert str(db) in r.stderr and "not valid JSON" in r.stderr
    assert db.read_text() == "{broken"


def test_newer_schema_is_refused(cli, db: Path) -> None:
    db.parent.mkdir(parents=True)
    db.write_text('{"meta": {"1": {"schema": 999}}, "contacts": {}}')
    r = cli("add", "Ana")
    assert r.exit_code == 1 and "newer networkhabit" in r.stderr
    assert "999" in db.read_text()


def test_demo_fills_an_empty_store_only(cli, db: Path) -> None:
    r = cli("demo")
    assert r.exit_code == 0 and "contacts" in r.output
    snap = Store(db).snapshot()
    assert 35 <= sum(c.known for c in snap.contacts) <= 45
    assert 250 <= len(snap.interactions) <= 600
    assert any(not c.known for c in snap.contacts) and snap.links and snap.habits
    assert cli("demo").exit_code == 1
    assert cli("demo", "--force").exit_code == 0


def test_the_acceptance_walkthrough_as_a_real_subprocess(tmp_path: Path) -> None:
    db = tmp_path / "x.json"
    assert run_cli(db, "demo").returncode == 0
    today = run_cli(db, "today")
    assert (
        today.returncode == 0 and "Follow-ups due" in today.stdout and "Reach out" in today.stdout
    )
    neglected = run_cli(db, "neglected")
    assert neglected.returncode == 0 and "last talked" in neglected.stdout
    contacts = json.loads(run_cli(db, "contacts", "--json").stdout)
    assert len(contacts) >= 35
    show = run_cli(db, "show", "Ana Ruiz")
    assert show.returncode == 0 and "Northwind Traders" in show.stdout and "Timeline" in show.stdout
    bad = run_cli(db, "log", "Nobody")
    assert bad.returncode == 1 and bad.stderr.startswith("Error: no contact 'Nobody'")
    assert "Traceback" not in bad.stderr


def test_version_and_help(cli) -> None:
    assert "0.1.0" in cli("--version").output
    assert "log" in cli("--help").output


def test_shell_completion_offers_contact_names(make_store, db: Path) -> None:
    import os
    import subprocess
    import sys

    make_store(
        world(
            [
                person("John Smith", company="Acme"),
                person("John Smith", company="Globex"),
                person("Jonas Berg"),
                person("Ana Ruiz"),
            ]
        )
    )
    env = {
        **os.environ,
        "NETWORKHABIT_DB": str(db),
        "COMP_WORDS": "networkhabit show Jo",
        "COMP_CWORD": "2",
        "_NETWORKHABIT_COMPLETE": "bash_complete",
    }
    out = subprocess.run(
        [sys.executable, "-m", "networkhabit"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,  # (no arguments: the app must not open)
    )
    assert out.stdout.splitlines() == [
        "plain,John Smith (Acme)",
        "plain,John Smith (Globex)",
        "plain,Jonas Berg",
    ]


def test_a_later_touch_closes_open_follow_ups(cli, make_store, db: Path) -> None:
    make_store(
        world(
            [person("Ana"), person("Bo")],
            touches=[("Ana", 5, {"follow_up": days_ago(1)}), ("Bo", 5, {"follow_up": days_ago(1)})],
        )
    )
    r = cli("log", "ana", "--note", "followed up")
    assert r.exit_code == 0 and "closed the follow-up from Nov 15" in r.output
    snap = Store(db).snapshot()
    done = {
        snap.contact_by_uid()[i.contacts[0]].name: i.follow_up_done
        for i in snap.interactions
        if i.follow_up
    }
    assert done == {"Ana": True, "Bo": False}
    assert [i["kind"] for i in json.loads(cli("today", "--json").output)["items"]] == ["follow_up"]


def test_store_update_replaces_the_whole_record(make_store, db: Path) -> None:
    from dataclasses import replace

    from networkhabit.domain.model import CheckIn, Habit, new_uid

    habit = Habit(new_uid(), "Reach out", days_ago(10))
    skip = CheckIn(new_uid(), habit.uid, days_ago(1), 1, skip=True)
    store = make_store(
        world(
            [person("Ana")],
            touches=[("Ana", 3, {"follow_up": TODAY})],
            habits=[habit],
            checkins=[skip],
        )
    )
    touch = store.snapshot().interactions[0]
    store.update(replace(touch, follow_up=None))
    store.update(replace(skip, skip=False))
    snap = Store(db).snapshot()
    assert snap.interactions[0].follow_up is None
    assert snap.checkins[0].skip is False
