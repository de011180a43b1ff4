"""The habit commands: habit add|list|archive, done, skip, break, streaks, and the streak in
today/status; in-process (CliRunner) and once as real subprocesses on the demo store."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from networkhabit.domain.habits import STRIP_SYMBOLS
from networkhabit.domain.model import Break, CheckIn, Habit, new_uid
from networkhabit.store import Store
from tests.conftest import TODAY, days_ago, person, run_cli, world


def _habits(db: Path) -> dict[str, Habit]:
    return {h.name: h for h in Store(db).snapshot().habits}


def test_habit_add_list_and_archive(cli, db: Path) -> None:
    r = cli("habit", "add", "Reach out to 3 people", "--target", "3", "--on", "weekdays")
    assert r.exit_code == 0, r.output
    assert r.output.strip() == "added habit Reach out to 3 people · 3 a day on weekdays"
    assert cli("habit", "add", "Make 1 introduction", "--per", "week").exit_code == 0
    assert cli("habit", "add", "Post", "--on", "tue,thu").exit_code == 0
    h = _habits(db)
    assert (h["Reach out to 3 people"].target, h["Reach out to 3 people"].days) == (
        3,
        (0, 1, 2, 3, 4),
    )
    assert (h["Make 1 introduction"].period, h["Post"].days) == ("week", (1, 3))
    assert h["Post"].created == TODAY
    doc = json.loads(cli("habit", "list", "--json").output)
    assert [d["name"] for d in doc] == ["Make 1 introduction", "Post", "Reach out to 3 people"]
    assert doc[2]["days"] == ["mon", "tue", "wed", "thu", "fri"] and doc[0]["rhythm"] == "1 a week"
    assert {"current", "best", "strength", "strength_pct", "unit"} <= set(doc[0])
    assert "3 a day on weekdays" in cli("habit", "list").output
    assert cli("habit", "archive", "post").output.strip() == "archived habit Post"
    assert [d["name"] for d in json.loads(cli("habit", "list", "--json").output)] == [
        "Make 1 introduction",
        "Reach out to 3 people",
    ]
    assert len(json.loads(cli("habit", "list", "--archived", "--json").output)) == 3
    archived = cli("done", "Post")
    assert (
        archived.exit_code == 1 and "is archived" in archived.stderr and "--undo" in archived.stderr
    )
    assert cli("habit", "archive", "post", "--undo").exit_code == 0
    assert not _habits(db)["Post"].archived


def test_habit_add_refuses_bad_input_and_writes_nothing(cli, db: Path) -> None:
    assert cli("habit", "add", "Reach out").exit_code == 0
    before = db.read_bytes()
    cases = [
        (("habit", "add", "REACH OUT"), "already exists"),
        (("habit", "add", "X", "--target", "0"), "at least 1"),
        (("habit", "add", "X", "--per", "week", "--on", "mon"), "--on is for daily habits"),
        (("habit", "add", "X", "--on", "funday"), "invalid weekday"),
        (("habit", "add", "   "), "cannot be empty"),
    ]
    for args, message in cases:
        r = cli(*args)
        assert r.exit_code == 1 and message in r.stderr, (args, r.stderr)
        assert r.stderr.count("\n") == 1  # one line
    assert db.read_bytes() == before


def test_done_unknown_habit_suggests_and_leaves_the_store_untouched(
    cli, make_store, db: Path
) -> None:
    h = Habit(new_uid(), "Reach out to 1 person", days_ago(10))
    make_store(
        world(habits=[h, Habit(new_uid(), "Make 1 introduction", days_ago(10), period="week")])
    )
    before = db.read_bytes()
    r = cli("done", "Unknown habit")
    assert r.exit_code == 1
    assert r.stderr.startswith("Error: no habit 'Unknown habit' — did you mean: ")
    assert "Reach out to 1 person" in r.stderr and r.stderr.count("\n") == 1
    typo = cli("done", "reach out to 1 persn")
    assert typo.exit_code == 1 and "did you mean: Reach out to 1 person?" in typo.stderr
    assert db.read_bytes() == before


def test_done_refuses_future_dates_and_bad_counts(cli, make_store, db: Path) -> None:
    make_store(world(habits=[Habit(new_uid(), "Reach out", days_ago(10))]))
    before = db.read_bytes()
    future = cli("done", "reach", "--date", "tomorrow")
    assert future.exit_code == 1 and "in the future (2026-11-21)" in future.stderr
    zero = cli("done", "reach", "--count", "0")
    assert zero.exit_code == 1 and "count must be at least 1" in zero.stderr
    skip_future = cli("skip", "reach", "--date", "+2d")
    assert skip_future.exit_code == 1 and "in the future" in skip_future.stderr
    assert db.read_bytes() == before


def test_done_adds_to_the_days_count_and_skip_marks_a_rest_day(cli, make_store, db: Path) -> None:
    h = Habit(new_uid(), "Reach out to 3 people", days_ago(10), 3, "day")
    make_store(
        world(habits=[h], checkins=[CheckIn(new_uid(), h.uid, days_ago(n), 3) for n in (1, 2)])
    )
    first = cli("done", "reach", "--count", "2")
    assert first.exit_code == 0, first.output
    assert first.output.strip() == "Reach out to 3 people: +2 · 2/3 today · streak 2 days"
    second = cli("done", "reach")
    assert "3/3 today ✓ · streak 3 days" in second.output
    doc = json.loads(cli("streaks", "--json").output)["habits"][0]
    assert (doc["done"], doc["met"], doc["current"], doc["strip"][-1]) == (3, True, 3, "met")
    rest = cli("skip", "reach", "--date", "-3d")
    assert (
        rest.output.strip() == "Reach out to 3 people: rest day 2026-11-17 · streak 3 days (paused)"
    )
    assert cli("skip", "reach", "--date", "-3d").output.strip().endswith("is already a rest day")
    assert sum(c.skip for c in Store(db).snapshot().checkins) == 1
    # Checking in on a rest day turns it back into a working day.
    back = cli("done", "reach", "--date", "-3d", "--count", "3")
    assert "no longer a rest day" in back.output
    assert sum(c.skip for c in Store(db).snapshot().checkins) == 0
    assert json.loads(cli("streaks", "--json").output)["habits"][0]["current"] == 4


def test_done_before_the_habit_started_moves_its_start(cli, make_store, db: Path) -> None:
    h = Habit(new_uid(), "Reach out", days_ago(1))
    make_store(world(habits=[h]))
    r = cli("done", "reach", "--date", "-3d")
    assert r.exit_code == 0 and "starts 2026-11-17 now" in r.output
    assert _habits(db)["Reach out"].created == days_ago(3)


def test_break_add_list_and_delete(cli, make_store, db: Path) -> None:
    make_store(world(habits=[Habit(new_uid(), "Reach out", days_ago(10))]))
    before = db.read_bytes()
    bad = cli("break", "--from", "2026-12-30", "--to", "2026-12-24")
    assert bad.exit_code == 1 and "--from 2026-12-30 is after --to 2026-12-24" in bad.stderr
    half = cli("break", "--from", "2026-12-24")
    assert half.exit_code == 1 and "needs both --from and --to" in half.stderr
    assert db.read_bytes() == before
    assert cli("break", "--list").output.startswith("no breaks yet")
    ok = cli("break", "--from", "2026-12-24", "--to", "2027-01-02", "--note", "holidays")
    assert ok.exit_code == 0
    assert (
        ok.output.strip()
        == "break 2026-12-24 – 2027-01-02 (10 days) · holidays · every streak pauses"
    )
    assert cli("break", "--from", "-5d", "--to", "-3d").exit_code == 0
    listed = json.loads(cli("break", "--list", "--json").output)
    assert [(b["from"], b["to"], b["days"], b["note"]) for b in listed] == [
        ("2026-12-24", "2027-01-02", 10, "holidays"),
        ("2026-11-15", "2026-11-17", 3, ""),
    ]
    assert "[planned]" in cli("break", "--list").output
    assert cli("break", "--delete", "2026-12-25").exit_code == 0
    assert len(Store(db).snapshot().breaks) == 1
    assert cli("break", "--delete", "2026-12-25").exit_code == 1


def test_a_break_keeps_the_streak_through_the_cli(cli, make_store) -> None:
    h = Habit(new_uid(), "Reach out", days_ago(20))
    make_store(
        world(
            habits=[h],
            checkins=[CheckIn(new_uid(), h.uid, days_ago(n), 1) for n in (1, 2, 10, 11, 12)],
        )
    )
    assert json.loads(cli("streaks", "--json").output)["habits"][0]["current"] == 2
    assert cli("break", "--from", "-9d", "--to", "-3d").exit_code == 0
    doc = json.loads(cli("streaks", "--json").output)
    assert doc["habits"][0]["current"] == 5
    assert "paused for a break Nov 11 – Nov 17" in doc["habits"][0]["explain_streak"]


def test_streaks_today_and_status_on_the_demo_store(cli, db: Path) -> None:
    assert cli("demo").exit_code == 0
    out = cli("streaks").output
    lines = out.splitlines()
    assert lines[0].startswith("Networking streak: ") and "days" in lines[0]
    head = next(i for i, line in enumerate(lines) if line.startswith("Habit"))
    rows = lines[head + 1 : head + 5]
    assert [r.split("  ")[0] for r in rows] == [
        "Follow up within 2 days",
        "Make 1 introduction",
        "Reach out to 1 person",
        "Send 3 messages",
    ]
    for row in rows:
        strip = row[-14:]
        assert len(strip) == 14 and set(strip) <= set(STRIP_SYMBOLS.values()), row
        assert " %" in row
    assert "■ met" in out and "why: networkhabit streaks --explain HABIT" in out

    doc = json.loads(cli("streaks", "--json").output)
    assert doc["date"] == TODAY.isoformat() and doc["networking_streak"] >= 7
    assert doc["networking_best"] >= doc["networking_streak"]
    for h in doc["habits"]:
        assert 0 <= h["current"] <= h["best"] and 0 <= h["strength"] <= 1
        assert len(h["strip"]) == 14 and h["explain_streak"] and h["explain_strength"]
    reach = next(h for h in doc["habits"] if h["name"] == "Reach out to 1 person")
    assert reach["met"] and reach["strip"][-1] == "met" and reach["current"] >= 5
    assert reach["strip"][-7:-5] == ["off", "off"]  # the weekend, not due

    explain = cli("streaks", "--explain", "reach out").output.splitlines()
    assert explain[0] == "Reach out to 1 person · 1 a day on weekdays"
    assert explain[1] == "  counts    the people you are in touch with, and your check-ins"
    assert explain[2].startswith(f"  streak    {reach['current']} days: met every due day since ")
    assert "weekends are not due" in explain[2]
    assert explain[3].startswith(f"  strength  {reach['strength_pct']} %: ")
    one = json.loads(cli("streaks", "--explain", "reach out", "--json").output)
    assert (
        one["name"] == "Reach out to 1 person" and one["explain_streak"] == reach["explain_streak"]
    )

    streak = doc["networking_streak"]
    today = cli("today")
    assert (
        today.output.splitlines()[0] == f"Friday 20 November 2026 · networking streak {streak} days"
    )
    assert "Habits" in today.output and "Send 3 messages · 0/3" in today.output
    agenda = json.loads(cli("today", "--json").output)
    assert agenda["networking_streak"] == streak and agenda["date"] == "2026-11-20"
    habits = [it for it in agenda["items"] if it["kind"] == "habit"]
    # Every habit due today is listed: those still open first, those met (ticked) last.
    assert [it["title"] for it in habits] == [
        h["name"] for h in doc["habits"] if h["due_today"] and not h["met"]
    ] + [h["name"] for h in doc["habits"] if h["due_today"] and h["met"]]
    met = [it for it in habits if it["progress"][0] >= it["progress"][1]]
    assert met and all(f"✓ {it['title']}" in today.output for it in met)
    assert all(it["progress"] == [0, 3] for it in habits if it["title"] == "Send 3 messages")
    status = cli("status").output
    assert agenda["counts"]["habits_open"] == len(habits) - len(met)
    assert (
        status.startswith(f"nh: 🔥{streak} · ")
        and f"{len(habits) - len(met)} habits open" in status
    )


def test_today_header_without_a_streak(cli, make_store) -> None:
    make_store(world([person("Ana")], touches=[("Ana", 3)]))
    assert cli("today").output.splitlines()[0] == (
        "Friday 20 November 2026 · start a networking streak today"
    )
    assert json.loads(cli("today", "--json").output)["networking_streak"] == 0
    assert "🔥" not in cli("status").output
    make_store(world([person("Ana")], touches=[("Ana", 0)]))
    assert cli("today").output.splitlines()[0].endswith("networking streak 1 day")


def test_weekly_habit_in_the_agenda(cli, make_store) -> None:
    monday = TODAY - timedelta(days=TODAY.weekday())
    h = Habit(new_uid(), "Coffee chats", monday - timedelta(weeks=2), 2, "week")
    make_store(world(habits=[h], checkins=[CheckIn(new_uid(), h.uid, days_ago(2), 1)]))
    agenda = json.loads(cli("today", "--json").output)
    [item] = agenda["items"]
    assert (item["title"], item["detail"], item["progress"], item["ref"]) == (
        "Coffee chats",
        "1/2 this week",
        [1, 2],
        h.uid,
    )
    assert "1 habit open" in cli("status").output


def test_the_commands_as_real_subprocesses(db: Path) -> None:
    assert run_cli(db, "demo").returncode == 0
    streaks = run_cli(db, "streaks", "--json")
    assert streaks.returncode == 0, streaks.stderr
    doc = json.loads(streaks.stdout)
    assert len(doc["habits"]) == 4 and doc["networking_streak"] > 0
    week = run_cli(db, "week", "--json")
    assert week.returncode == 0 and json.loads(week.stdout)["week"] == "2026-W47"
    today = run_cli(db, "today", "--json")
    assert json.loads(today.stdout)["networking_streak"] == doc["networking_streak"]
    text = run_cli(db, "streaks")
    assert text.returncode == 0 and text.stdout.startswith("Networking streak: ")
    before = db.read_bytes()
    unknown = run_cli(db, "done", "Unknown habit")
    assert unknown.returncode == 1 and "did you mean:" in unknown.stderr
    assert "Traceback" not in unknown.stderr and db.read_bytes() == before


def test_done_on_a_day_the_habit_is_not_due_says_so(cli, make_store) -> None:
    h = Habit(new_uid(), "Post", days_ago(30), 1, "day", (0, 2, 4))  # mon,wed,fri
    make_store(world(habits=[h], breaks=[Break(new_uid(), days_ago(4), days_ago(4))]))
    on_break = cli("done", "post", "--date", "2026-11-16")  # a Monday, on a break
    assert "(a break day)" in on_break.output and "✓" not in on_break.output
    r = cli("done", "post", "--date", "2026-11-19")  # a Thursday
    assert r.exit_code == 0, r.output
    assert "✓" not in r.output and "(met)" not in r.output
    assert "not due on thu" in r.output
    doc = json.loads(cli("streaks", "--json").output)["habits"][0]
    assert (doc["current"], doc["strip"][-2]) == (0, "off")  # counted for nothing, broke nothing


def test_a_weekly_rest_week_is_one_rest_week(cli, make_store, db: Path) -> None:
    h = Habit(new_uid(), "Intro", days_ago(30), 3, "week")
    make_store(world(habits=[h]))
    assert "rest week this week" in cli("skip", "intro", "--date", "2026-11-16").output
    again = cli("skip", "intro", "--date", "2026-11-18")
    assert again.output.strip().endswith("already a rest week")
    assert sum(c.skip for c in Store(db).snapshot().checkins) == 1
    # A check-in on another day of the rest week turns the whole week back into a working one.
    back = cli("done", "intro", "--date", "2026-11-17")
    assert "no longer a rest week" in back.output
    assert sum(c.skip for c in Store(db).snapshot().checkins) == 0
    doc = json.loads(cli("streaks", "--json").output)["habits"][0]
    assert "rest week" not in doc["explain_streak"] and doc["done"] == 1


def test_a_check_in_years_before_the_start_is_refused_as_a_likely_typo(cli, db) -> None:
    assert cli("habit", "add", "Reach out").exit_code == 0
    before = db.read_bytes()
    r = cli("done", "reach out", "--date", "1926-11-20")
    assert r.exit_code == 1 and "over a year before" in r.stderr
    assert db.read_bytes() == before
    ok = cli("done", "reach out", "--date", "-30d")
    assert ok.exit_code == 0 and "starts 2026-10-21 now" in ok.output


def test_today_and_status_show_each_habits_progress_without_walking_its_history(
    cli, db: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The agenda shows no streak: ``today`` and ``status`` read each habit's progress
    today, not its years of days (the app's Today, which shows the streaks, walks them)."""
    assert cli("demo").exit_code == 0
    from networkhabit.domain import habits

    walks: list[str] = []
    real = habits.history
    monkeypatch.setattr(habits, "history", lambda h, *a: walks.append(h.name) or real(h, *a))
    out = cli("today").output
    assert "Habits" in out and "Send 3 messages" in out
    assert "streak" in cli("status").output or "🔥" in cli("status").output
    assert walks == []
    cli("streaks")
    assert walks  # (the spy sees a walk when one is made)


def test_the_list_and_the_explanation_say_what_a_habit_counts(cli, db: Path) -> None:
    """A habit that ticks itself says so (and what it counts), one ticked by hand too: in
    ``habit list``, its JSON and ``streaks --explain``."""
    assert cli("habit", "add", "Send 3 messages", "--target", "3").exit_code == 0
    added = cli("habit", "add", "Talk to 1 person", "--counts", "touches", "--kind", "coffee,call")
    assert added.exit_code == 0, added.output
    assert cli("habit", "add", "Make 1 introduction", "--counts", "intros").exit_code == 0
    lines = {line.split("  ")[0]: line for line in cli("habit", "list").output.splitlines()}
    assert lines["Send 3 messages"].endswith("by hand")
    assert lines["Talk to 1 person"].endswith("counts touches (call, coffee)")
    assert lines["Make 1 introduction"].endswith("counts intros")
    doc = {d["name"]: d for d in json.loads(cli("habit", "list", "--json").output)}
    assert (doc["Send 3 messages"]["counts"], doc["Send 3 messages"]["kinds"]) == (None, [])
    assert (doc["Talk to 1 person"]["counts"], doc["Talk to 1 person"]["kinds"]) == (
        "touches",
        ["call", "coffee"],
    )
    explained = cli("streaks", "--explain", "Talk to 1 person").output.splitlines()
    assert explained[1] == (
        "  counts    the people you are in touch with by call or coffee, and your check-ins"
    )
    by_hand = cli("streaks", "--explain", "Send 3 messages").output.splitlines()
    assert by_hand[1] == "  counts    check-ins only"
