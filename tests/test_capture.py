"""Capture: `import calendar` and `import mail` fill the log; future meetings reach the agenda."""

from __future__ import annotations

import json
import mailbox
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from networkhabit.actions import capture
from networkhabit.actions.session import Session
from networkhabit.domain.model import Settings
from networkhabit.store import Store
from tests.conftest import TODAY, days_ago, person, world

ME = "me@example.com"
BERLIN = ZoneInfo("Europe/Berlin")


# -- fixtures made in code ------------------------------------------------------------------


def vevent(
    uid: str,
    start: str,
    summary: str = "Meeting",
    attendees: tuple[str, ...] = (),
    extra: tuple[str, ...] = (),
) -> str:
    """One VEVENT; ``start`` is a full DTSTART property value (``:2026...`` or ``;TZID=...``);
    an attendee is ``email`` or ``email|CN|PARTSTAT``."""
    lines = ["BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20261101T000000Z", f"DTSTART{start}"]
    lines.append(f"SUMMARY:{summary}")
    for a in attendees:
        email, _, rest = a.partition("|")
        cn, _, partstat = rest.partition("|")
        params = (f";CN={cn}" if cn else "") + f";PARTSTAT={partstat or 'ACCEPTED'}"
        lines.append(f"ATTENDEE{params}:mailto:{email}" if email else f"ATTENDEE{params}:")
    lines.extend(extra)
    lines.append("END:VEVENT")
    return "\r\n".join(lines)


def ics(tmp_path: Path, *events: str, header: tuple[str, ...] = (), name: str = "cal.ics") -> Path:
    path = tmp_path / name
    body = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//networkhabit tests//EN", *header]
    path.write_text("\r\n".join([*body, *events, "END:VCALENDAR", ""]), newline="")
    return path


def stamp(day: date, hh: int = 10) -> str:
    return f":{day.strftime('%Y%m%d')}T{hh:02d}0000Z"


def people_world(**settings: object):  # type: ignore[no-untyped-def]
    return world(
        [
            person("Ana Ruiz", email="ana@example.com", cadence_days=14),
            person("Bo Chen", email="bo@example.com"),
            person("Dana Lee"),
        ],
        touches=[("Ana Ruiz", 30)],
        settings=Settings(my_emails=(ME,), **settings),  # type: ignore[arg-type]
    )


def touches(db: Path) -> list:  # type: ignore[type-arg]
    return [i for i in Store(db).snapshot().interactions if i.external_id]


def names_of(db: Path, uids: tuple[str, ...]) -> set[str]:
    by = Store(db).snapshot().contact_by_uid()
    return {by[u].name for u in uids}


# -- calendar --------------------------------------------------------------------------------


def test_a_weekly_meeting_gives_a_touch_per_occurrence_once(cli, db, make_store, tmp_path):
    make_store(people_world())
    first = TODAY - timedelta(weeks=12)
    path = ics(
        tmp_path,
        vevent(
            "weekly@example.com",
            stamp(first),
            "Weekly sync",
            (f"{ME}|Me", "ana@example.com|Ana Ruiz"),
            ("RRULE:FREQ=WEEKLY;COUNT=12",),
        ),
    )
    r = cli("import", "calendar", str(path))
    assert r.exit_code == 0, r.output
    assert "12 events with 1 contact" in r.output
    got = touches(db)
    assert len(got) == 12
    assert {t.kind for t in got} == {"meeting"} and {t.note for t in got} == {"Weekly sync"}
    assert sorted(t.date for t in got) == [first + timedelta(weeks=n) for n in range(12)]
    assert len({t.external_id for t in got}) == 12
    again = cli("import", "calendar", str(path), "--json")
    report = json.loads(again.output)
    assert report["touches"] == 0 and report["already"] == 12
    assert len(touches(db)) == 12


def test_an_all_day_event_is_dated_on_its_day(cli, db, make_store, tmp_path):
    make_store(people_world())
    path = ics(
        tmp_path,
        vevent(
            "allday@example.com",
            ";VALUE=DATE:20261110",
            "Offsite",
            ("bo@example.com",),
            (f"ORGANIZER;CN=Me:mailto:{ME}",),
        ),
    )
    assert cli("import", "calendar", str(path)).exit_code == 0
    [t] = touches(db)
    assert t.date == date(2026, 11, 10) and names_of(db, t.contacts) == {"Bo Chen"}


def test_a_declined_invitation_and_an_event_you_were_not_at_are_left_out(
    cli, db, make_store, tmp_path
):
    make_store(people_world())
    path = ics(
        tmp_path,
        vevent(
            "declined@example.com",
            stamp(days_ago(3)),
            "Declined",
            (f"{ME}||DECLINED", "ana@example.com"),
        ),
        vevent(
            "notme@example.com",
            stamp(days_ago(4)),
            "Their meeting",
            ("ana@example.com", "bo@example.com"),
        ),
        vevent(
            "cancelled@example.com",
            stamp(days_ago(5)),
            "Cancelled",
            (ME, "bo@example.com"),
            ("STATUS:CANCELLED",),
        ),
    )
    report = json.loads(cli("import", "calendar", str(path), "--json").output)
    assert report["touches"] == 0
    assert (report["declined"], report["absent"], report["cancelled"]) == (1, 1, 1)
    assert touches(db) == []


def test_an_attendee_who_declined_is_not_touched(cli, db, make_store, tmp_path):
    make_store(people_world())
    path = ics(
        tmp_path,
        vevent(
            "mixed@example.com",
            stamp(days_ago(2)),
            "Lunch",
            (ME, "ana@example.com", "bo@example.com||DECLINED"),
        ),
    )
    cli("import", "calendar", str(path))
    [t] = touches(db)
    assert names_of(db, t.contacts) == {"Ana Ruiz"}


@pytest.mark.parametrize(
    ("zone", "expected"),
    [("Europe/Berlin", date(2026, 11, 18)), ("America/Los_Angeles", date(2026, 11, 17))],
)
def test_an_event_in_another_zone_near_midnight_gets_the_local_date(
    cli, db, make_store, tmp_path, monkeypatch, zone, expected
):
    # 20:30 in New York on the 17th is 02:30 on the 18th in Berlin, 17:30 on the 17th in LA
    monkeypatch.setenv("TZ", zone)
    make_store(people_world())
    path = ics(
        tmp_path,
        vevent(
            "ny@example.com",
            ";TZID=America/New_York:20261117T203000",
            "Call",
            (ME, "ana@example.com"),
        ),
    )
    assert cli("import", "calendar", str(path)).exit_code == 0
    assert [t.date for t in touches(db)] == [expected]


def test_google_exports_zone_in_x_wr_timezone_is_applied(make_store, db, tmp_path):
    make_store(people_world())
    # a floating 08:00 in Auckland (UTC+13) is 20:00 the evening before in Berlin
    path = ics(
        tmp_path,
        vevent("nz@example.com", ":20261118T080000", "Kiwi call", (ME, "ana@example.com")),
        header=("X-WR-TIMEZONE:Pacific/Auckland",),
    )
    result = capture.import_calendar(Session(db), path, TODAY, local=BERLIN)
    assert [t.date for t in result.touches] == [date(2026, 11, 17)]


def test_a_future_meeting_is_on_the_agenda_not_a_touch(cli, db, make_store, tmp_path):
    make_store(people_world())
    thursday = TODAY + timedelta(days=6)  # TODAY is a Friday
    path = ics(
        tmp_path,
        vevent("soon@example.com", stamp(thursday), "Quarterly review", (ME, "ana@example.com")),
        vevent(
            "later@example.com",
            stamp(TODAY + timedelta(days=30)),
            "Far off",
            (ME, "ana@example.com"),
        ),
    )
    r = cli("import", "calendar", str(path))
    assert "2 meetings with contacts coming up" in r.output
    assert touches(db) == []
    items = json.loads(cli("today", "--json").output)["items"]
    prepare = [i for i in items if i["kind"] == "prepare"]
    assert [i["title"] for i in prepare] == ["Meeting Ana Ruiz on Thursday"]
    assert "prepare" in prepare[0]["detail"] and "Quarterly review" in prepare[0]["detail"]
    assert "Coming up" in cli("today").output
    # importing again keeps one plan per occurrence (not two)
    cli("import", "calendar", str(path))
    assert len(Store(db).snapshot().plans) == 2


def test_a_meeting_yesterday_takes_ana_off_the_neglected_list(cli, db, make_store, tmp_path):
    make_store(people_world())
    before = json.loads(cli("neglected", "--json").output)["neglected"]
    assert [n["name"] for n in before] == ["Ana Ruiz"]
    path = ics(
        tmp_path,
        vevent("y@example.com", stamp(days_ago(1)), "Coffee", (ME, "ana@example.com")),
    )
    assert cli("import", "calendar", str(path)).exit_code == 0
    assert json.loads(cli("neglected", "--json").output)["neglected"] == []
    # the touch counts like any other: yesterday is a networking day now, and a habit that
    # counts touches (meetings, or any kind) is met yesterday with no check-in
    streaks = json.loads(cli("streaks", "--json").output)
    assert streaks["networking_streak"] >= 1
    r = cli("habit", "add", "Meet someone", "--counts", "touches", "--kind", "meeting")
    assert r.exit_code == 0, r.output
    store = Store(db)
    (habit,) = [h for h in store.snapshot().habits if h.name == "Meet someone"]
    store.update(replace(habit, created=days_ago(7)))  # (added a week ago)
    meet = next(
        h
        for h in json.loads(cli("streaks", "--json").output)["habits"]
        if h["name"] == "Meet someone"
    )
    assert meet["strip"][-2] == "met" and meet["done"] == 0  # yesterday met; today still open


def test_names_match_where_unique_and_strangers_can_be_added(cli, db, make_store, tmp_path):
    make_store(people_world())
    path = ics(
        tmp_path,
        vevent(
            "names@example.com",
            stamp(days_ago(2)),
            "Panel",
            (ME, "dana.lee@elsewhere.example.com|Dana Lee", "zoe@example.com|Zoe Stranger"),
        ),
    )
    dry = cli("import", "calendar", str(path), "--dry-run")
    assert "dry run" in dry.output and "1 attendee not in your contacts" in dry.output
    assert touches(db) == []
    r = cli("import", "calendar", str(path), "--add-unknown")
    assert "added 1 prospect (Zoe Stranger)" in r.output
    [t] = touches(db)
    assert names_of(db, t.contacts) == {"Dana Lee", "Zoe Stranger"}
    zoe = next(c for c in Store(db).snapshot().contacts if c.name == "Zoe Stranger")
    assert not zoe.known and zoe.email == "zoe@example.com" and zoe.source == "calendar"


def test_since_leaves_older_events_out(cli, db, make_store, tmp_path):
    make_store(people_world())
    path = ics(
        tmp_path,
        vevent("old@example.com", stamp(days_ago(40)), "Old", (ME, "ana@example.com")),
        vevent("new@example.com", stamp(days_ago(5)), "New", (ME, "ana@example.com")),
    )
    cli("import", "calendar", str(path), "--since", "-2w")
    assert [t.note for t in touches(db)] == ["New"]


def test_dry_run_writes_nothing(cli, db, make_store, tmp_path):
    make_store(people_world())
    before = db.read_bytes()
    path = ics(tmp_path, vevent("d@example.com", stamp(days_ago(2)), "X", (ME, "ana@example.com")))
    r = cli("import", "calendar", str(path), "--dry-run")
    assert r.exit_code == 0 and "would log 1 touch" in r.output
    assert db.read_bytes() == before


@pytest.mark.parametrize(
    "content", ["not a calendar at all\n", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n"]
)
def test_a_bad_calendar_fails_with_one_line_and_changes_nothing(
    cli, db, make_store, tmp_path, content
):
    make_store(people_world())
    before = db.read_bytes()
    bad = tmp_path / "bad.ics"
    bad.write_text(content)
    r = cli("import", "calendar", str(bad))
    assert r.exit_code == 1
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert db.read_bytes() == before
    missing = cli("import", "calendar", str(tmp_path / "nope.ics"))
    assert missing.exit_code == 1 and "nope.ics" in missing.stderr


# -- mail ------------------------------------------------------------------------------------


def message(
    mid: str | None,
    frm: str,
    to: str,
    day: date,
    subject: str = "Hello",
    cc: str = "",
    reply_to: str = "",
) -> bytes:
    headers = [
        f"From: {frm}",
        f"To: {to}",
        *([f"Cc: {cc}"] if cc else []),
        f"Subject: {subject}",
        f"Date: {day.strftime('%a, %d %b %Y')} 09:30:00 +0000",
        *([f"Message-ID: <{mid}>"] if mid else []),
        *([f"In-Reply-To: <{reply_to}>"] if reply_to else []),
    ]
    return ("\n".join(headers) + "\n\nSECRET-BODY-TEXT do not keep me\n").encode()


def mbox(tmp_path: Path, *messages: bytes) -> Path:
    path = tmp_path / "mail.mbox"
    box = mailbox.mbox(path)
    for m in messages:
        box.add(m)
    box.flush()
    box.close()
    return path


def test_a_sent_mail_to_two_contacts_and_a_stranger(cli, db, make_store, tmp_path):
    make_store(people_world())
    path = mbox(
        tmp_path,
        message(
            "m1@example.com",
            f"Me <{ME}>",
            "Ana Ruiz <ana@example.com>, stranger@example.com",
            days_ago(2),
            "Intro",
            cc="Bo <BO@example.com>",
        ),
    )
    r = cli("import", "mail", str(path))
    assert r.exit_code == 0, r.output
    assert "1 message with 2 contacts" in r.output
    assert "1 person not in your contacts" in r.output
    [t] = touches(db)
    assert t.kind == "email" and t.note == "Intro" and t.date == days_ago(2)
    assert names_of(db, t.contacts) == {"Ana Ruiz", "Bo Chen"}
    assert b"SECRET-BODY" not in db.read_bytes()


def test_a_thread_with_the_same_message_id_twice_is_one_touch(cli, db, make_store, tmp_path):
    make_store(people_world())
    same = message("dup@example.com", ME, "ana@example.com", days_ago(3), "Re: plans")
    path = mbox(tmp_path, same, same, message(None, ME, "bo@example.com", days_ago(1)))
    cli("import", "mail", str(path))
    got = touches(db)
    assert sorted(t.note for t in got) == ["Hello", "Re: plans"]
    report = json.loads(cli("import", "mail", str(path), "--json").output)
    assert report["touches"] == 0 and report["already"] == 2
    assert len(touches(db)) == 2


def test_replies_received_count_only_with_received(cli, db, make_store, tmp_path):
    make_store(people_world())
    path = mbox(
        tmp_path,
        message("r1@example.com", "ana@example.com", ME, days_ago(1), "Re: x", reply_to="o@x"),
        message("n1@example.com", "bo@example.com", ME, days_ago(1), "Newsletter"),
    )
    assert json.loads(cli("import", "mail", str(path), "--json").output)["touches"] == 0
    cli("import", "mail", str(path), "--received")
    [t] = touches(db)
    assert names_of(db, t.contacts) == {"Ana Ruiz"}


def test_a_maildir_folder_is_read_too(cli, db, make_store, tmp_path):
    make_store(people_world())
    folder = tmp_path / "Maildir"
    box = mailbox.Maildir(folder)
    box.add(message("md1@example.com", ME, "ana@example.com", days_ago(4), "From Maildir"))
    box.close()
    assert cli("import", "mail", str(folder)).exit_code == 0
    assert [t.note for t in touches(db)] == ["From Maildir"]


def test_mail_needs_your_own_addresses(cli, db, make_store, tmp_path):
    make_store(world([person("Ana", email="ana@example.com")]))
    path = mbox(tmp_path, message("x@example.com", ME, "ana@example.com", days_ago(1)))
    r = cli("import", "mail", str(path))
    assert r.exit_code == 1 and "settings set me" in r.stderr
    assert cli("settings", "set", "me", f"{ME.upper()}, other@example.com").exit_code == 0
    assert Store(db).snapshot().settings.my_emails == (ME, "other@example.com")
    assert cli("import", "mail", str(path)).exit_code == 0
    assert len(touches(db)) == 1
    bad = cli("settings", "set", "me", "not-an-address")
    assert bad.exit_code == 1 and "not an e-mail address" in bad.stderr


def test_not_a_mailbox_fails_with_one_line(cli, db, make_store, tmp_path):
    make_store(people_world())
    junk = tmp_path / "junk.txt"
    junk.write_text("hello\n")
    r = cli("import", "mail", str(junk))
    assert r.exit_code == 1 and "not an mbox file" in r.stderr
    empty_dir = tmp_path / "empty"
    empty_dir.mkdir()
    assert cli("import", "mail", str(empty_dir)).exit_code == 1


# -- capture again ---------------------------------------------------------------------------


def test_capture_again_runs_the_last_import(cli, db, make_store, tmp_path):
    make_store(people_world())
    path = ics(
        tmp_path, vevent("a@example.com", stamp(days_ago(2)), "One", (ME, "ana@example.com"))
    )
    with pytest.raises(Exception, match="no calendar or mail import yet"):
        capture.capture_again(Session(db), TODAY)
    cli("import", "calendar", str(path))
    # the file grows a second event; "Capture" picks it up
    ics(
        tmp_path,
        vevent("a@example.com", stamp(days_ago(2)), "One", (ME, "ana@example.com")),
        vevent("b@example.com", stamp(days_ago(1)), "Two", (ME, "bo@example.com")),
    )
    result = capture.capture_again(Session(db), TODAY)
    assert result.kind == "calendar" and [t.note for t in result.touches] == ["Two"]
    assert sorted(t.note for t in touches(db)) == ["One", "Two"]


# -- more of the rules -----------------------------------------------------------------------


def test_todays_event_is_a_touch_once_it_has_started(make_store, db, tmp_path):
    make_store(people_world())
    path = ics(
        tmp_path,
        vevent(
            "today@example.com",
            ";TZID=Europe/Berlin:20261120T160000",
            "Afternoon",
            (ME, "ana@example.com"),
        ),
    )
    morning = datetime(2026, 11, 20, 9, 0, tzinfo=BERLIN)
    early = capture.import_calendar(Session(db), path, TODAY, now=morning, local=BERLIN)
    assert early.touches == () and [p.title for p in early.plans] == ["Afternoon"]
    evening = datetime(2026, 11, 20, 17, 0, tzinfo=BERLIN)
    late = capture.import_calendar(Session(db), path, TODAY, now=evening, local=BERLIN)
    assert [t.note for t in late.touches] == ["Afternoon"] and late.plans == ()
    assert Store(db).snapshot().plans == ()  # the plan it was is gone: it happened


def test_a_name_two_contacts_share_is_left_out_and_archived_ones_are_not_strangers(
    cli, db, make_store, tmp_path
):
    make_store(
        world(
            [
                person("John Smith", company="Initech"),
                person("John Smith", company="Hooli"),
                person("Old Friend", email="old@example.com", archived=True),
            ],
            settings=Settings(my_emails=(ME,)),
        )
    )
    path = ics(
        tmp_path,
        vevent(
            "js@example.com",
            stamp(days_ago(2)),
            "Sync",
            (ME, "john@elsewhere.example.com|John Smith", "old@example.com|Old Friend"),
        ),
    )
    report = json.loads(cli("import", "calendar", str(path), "--json").output)
    assert report["touches"] == 0 and report["ambiguous"] == ["John Smith"]
    assert report["unknown"] == []


def test_a_captured_touch_answers_follow_ups_as_a_logged_one_does(cli, db, make_store, tmp_path):
    snap = world(
        [person("Ana Ruiz", email="ana@example.com")],
        touches=[
            ("Ana Ruiz", 10, {"follow_up": days_ago(5)}),
            ("Ana Ruiz", 1, {"follow_up": TODAY + timedelta(days=3)}),
        ],
        settings=Settings(my_emails=(ME,)),
    )
    make_store(snap)
    path = ics(
        tmp_path, vevent("f@example.com", stamp(days_ago(2)), "Catch-up", (ME, "ana@example.com"))
    )
    r = cli("import", "calendar", str(path))
    assert "answered 1 open follow-up" in r.output
    done = {i.follow_up: i.follow_up_done for i in Store(db).snapshot().interactions if i.follow_up}
    # the one asked for before the meeting is answered; the one asked for after it is not
    assert done == {days_ago(5): True, TODAY + timedelta(days=3): False}


def test_an_import_without_your_addresses_still_logs_and_gives_a_tip(cli, db, make_store, tmp_path):
    make_store(world([person("Ana Ruiz", email="ana@example.com")]))
    path = ics(tmp_path, vevent("n@example.com", stamp(days_ago(2)), "Chat", ("ana@example.com",)))
    r = cli("import", "calendar", str(path))
    assert "1 event with 1 contact" in r.output and "settings set me" in r.output


def test_add_unknown_needs_your_addresses_so_you_are_not_added(cli, db, make_store, tmp_path):
    make_store(world([person("Ana Ruiz", email="ana@example.com")]))
    before = db.read_bytes()
    path = ics(
        tmp_path, vevent("u@example.com", stamp(days_ago(2)), "Chat", (ME, "ana@example.com"))
    )
    r = cli("import", "calendar", str(path), "--add-unknown")
    assert r.exit_code == 1 and "settings set me" in r.stderr
    assert db.read_bytes() == before


# -- as a real process -----------------------------------------------------------------------


def test_the_installed_cli_dates_by_the_tz_it_runs_in(db, make_store, tmp_path):
    import os
    import subprocess
    import sys

    make_store(people_world())
    path = ics(
        tmp_path,
        vevent("tz@example.com", ":20261118T233000Z", "Late call", (ME, "ana@example.com")),
    )

    def run(zone: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "NETWORKHABIT_DB": str(db), "NETWORKHABIT_TODAY": TODAY.isoformat()}
        env["TZ"] = zone
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "networkhabit",
                "import",
                "calendar",
                str(path),
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )

    # 23:30 UTC on the 18th is already the 19th in Tokyo, still the 18th in New York
    for zone, day in (("Asia/Tokyo", date(2026, 11, 19)), ("America/New_York", date(2026, 11, 18))):
        make_store(people_world())
        done = run(zone)
        assert done.returncode == 0, done.stderr
        assert [t.date for t in touches(db)] == [day]


def test_a_folder_of_ics_files_as_a_caldav_download(cli, db, make_store, tmp_path):
    make_store(people_world())
    folder = tmp_path / "caldav"
    folder.mkdir()
    ics(
        folder,
        vevent("c1@example.com", stamp(days_ago(2)), "One", (ME, "ana@example.com")),
        name="c1.ics",
    )
    ics(
        folder,
        vevent("c2@example.com", stamp(days_ago(1)), "Two", (ME, "bo@example.com")),
        name="c2.ics",
    )
    assert cli("import", "calendar", str(folder)).exit_code == 0
    assert sorted(t.note for t in touches(db)) == ["One", "Two"]
    empty = tmp_path / "empty"
    empty.mkdir()
    r = cli("import", "calendar", str(empty))
    assert r.exit_code == 1 and "no .ics files" in r.stderr


def test_a_series_moved_to_another_hour_adds_no_second_touches(cli, db, make_store, tmp_path):
    make_store(people_world())
    first = TODAY - timedelta(weeks=4)
    rule = ("RRULE:FREQ=WEEKLY;COUNT=4",)
    people = (ME, "ana@example.com")
    path = ics(tmp_path, vevent("series@example.com", stamp(first, 9), "Sync", people, rule))
    cli("import", "calendar", str(path))
    # every occurrence now an hour later (edited "all events" in the calendar app)
    ics(tmp_path, vevent("series@example.com", stamp(first, 10), "Sync", people, rule))
    report = json.loads(cli("import", "calendar", str(path), "--json").output)
    assert report["touches"] == 0 and report["already"] == 4
    assert len(touches(db)) == 4


def test_a_malformed_plan_in_the_file_is_left_out_not_fatal(cli, db, make_store, tmp_path):
    make_store(people_world())
    path = ics(
        tmp_path,
        vevent("p@example.com", stamp(TODAY + timedelta(days=1)), "Soon", (ME, "ana@example.com")),
    )
    cli("import", "calendar", str(path))
    data = json.loads(db.read_text())
    data["meta"]["1"]["upcoming"]["broken"] = {"uid": "x", "date": "not a date"}
    db.write_text(json.dumps(data))
    r = cli("today", "--json")
    assert r.exit_code == 0
    assert [i["title"] for i in json.loads(r.output)["items"] if i["kind"] == "prepare"] == [
        "Meeting Ana Ruiz tomorrow"
    ]
