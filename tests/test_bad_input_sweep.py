"""Bad input, every command: one clear line on stderr, exit 1 (click's usage errors: 2), no
traceback, and the store byte-identical afterwards. Odd-but-valid names round-trip."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from networkhabit.cli import main
from networkhabit.domain.model import Habit
from networkhabit.domain.touches import MAX_NOTE
from networkhabit.store import Store
from tests.conftest import TODAY, days_ago, person, run_cli, world


def base_world():
    return world(
        [
            person("Ana Ruiz", cadence_days=14, company="Northwind"),
            person("Bo Berg"),
            person("Cy Chen"),
        ],
        touches=[("Ana Ruiz", 20), (["Ana Ruiz", "Bo Berg"], 3)],
        links=[("Ana Ruiz", "Bo Berg")],
        habits=[Habit("h" * 32, "Reach out", days_ago(100))],
    )


@pytest.fixture
def stored(make_store, db: Path, tmp_path: Path, monkeypatch) -> bytes:
    """The base world on disk (and a temp working folder, for commands that write files)."""
    make_store(base_world())
    Store(db).add(person("Di Dee"))  # today's backup exists: later writes do not add files
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    return db.read_bytes()


def assert_refused(r: Result, db: Path, before: bytes, args: tuple[str, ...]) -> None:
    """The one shape every refusal has."""
    out = r.output + (r.stderr or "")
    assert r.exit_code in (1, 2), (args, r.exit_code, out)
    assert "Traceback" not in out and "internal error" not in out, (args, out)
    assert r.stdout == "" or r.exit_code == 2, (args, r.stdout)
    lines = r.stderr.strip().splitlines()
    if r.exit_code == 1:
        assert len(lines) == 1 and lines[0].startswith("Error: "), (args, r.stderr)
    else:
        assert lines[-1].startswith("Error: "), (args, r.stderr)
    assert db.read_bytes() == before, f"{args} changed the store"


LONG = "x" * (MAX_NOTE + 1)

#: (arguments, exit code, words the one line must hold)
CORE_CASES = [
    (("add", ""), 1, "cannot be empty"),
    (("add", "  \t "), 1, "cannot be empty"),
    (("add", "Ana\x07Ruiz"), 1, "control characters"),
    (("add", "x" * 201), 1, "at most 200"),
    (("add", "Ed", "--every", "0d"), 1, "at least 1 day"),
    (("add", "Ed", "--every", "0"), 1, "at least 1 day"),
    (("add", "Ed", "--every", "-3d"), 1, "invalid duration"),
    (("add", "Ed", "--every", "-3"), 1, "invalid duration"),
    (("add", "Ed", "--every", "fortnightly"), 1, "invalid duration"),
    (("add", "Ed", "--max", "0w"), 1, "at least 1 day"),
    (("add", "Ed", "--birthday", "1990-02-30"), 1, "no such day"),
    (("add", "Ed", "--birthday", "--13-01"), 1, "birthday"),
    (("add", "Ed", "--met-through", "Nobody"), 1, "no contact 'Nobody'"),
    (("add", "ana ruiz", "--company", "northwind"), 1, "already exists"),
    (("edit", "Ana", "--every", "0d"), 1, "at least 1 day"),
    (("edit", "Ana", "--rename", "   "), 1, "cannot be empty"),
    (("edit", "Nobody", "--company", "X"), 1, "no contact 'Nobody'"),
    (("edit", "Ana"), 1, "nothing to change"),
    (("show", ""), 1, "empty contact name"),
    (("show", "   "), 1, "empty contact name"),
    (("show", "Zed"), 1, "no contact 'Zed'"),
    (("archive", "Nobody"), 1, "no contact"),
    (("log", "Ana", "--date", "2026-02-30"), 1, "no such day"),
    (("log", "Ana", "--date", "2026-13-01"), 1, "no such day"),
    (("log", "Ana", "--date", "+1d"), 1, "in the future"),
    (("log", "Ana", "--date", "tomorrow"), 1, "in the future"),
    (("log", "Ana", "--date", "soonish"), 1, "invalid date"),
    (("log", "Ana", "--date", "-3d", "--follow-up", "-5d"), 1, "before the touch"),
    (("log", "Ana", "--follow-up", "2026-02-30"), 1, "no such day"),
    (("log", "Ana", "--note", LONG), 1, "note is too long"),
    (("log", "Ana", "--kind", "telepathy"), 2, "telepathy"),
    (("log", "Ana", "--kind", ""), 2, "Invalid value"),
    (("log",), 2, "Missing argument"),
    (("log", ""), 1, "empty contact name"),
    (("log", "Ana", "Nobody"), 1, "no contact 'Nobody'"),
    (("snooze", "Ana", "--until", "2026-02-30"), 1, "no such day"),
    (("snooze", "Ana", "--until", "yesterday"), 1, "after today"),
    (("snooze", "Ana", "--until", "today"), 1, "after today"),
    (("snooze", "Ana"), 2, "Missing option"),
    (("neglected", "--limit", "0"), 2, "--limit"),
    (("neglected", "--limit", "-1"), 2, "--limit"),
    (("neglected", "--limit", "many"), 2, "--limit"),
    (("demo",), 1, "already holds data"),
    (("no-such-command",), 2, "No such command"),
]


@pytest.mark.parametrize(
    "args, code, needle", CORE_CASES, ids=[" ".join(c[0])[:40] for c in CORE_CASES]
)
def test_core_commands_refuse_bad_input(
    cli, stored: bytes, db: Path, args, code: int, needle: str
) -> None:
    r = cli(*args)
    assert r.exit_code == code, (args, r.output)
    assert needle in r.stderr, (args, r.stderr)
    assert_refused(r, db, stored, args)


VALID_NAMES = [
    "O'Brien",
    'Dwayne "The Rock" Johnson',
    "Zoë Müller",
    "李小龙",
    "Ana 🚀 Ruiz",
    "👩🏽‍💻",
    "שרה כהן",
    "محمد علي",
    "Ιωάννης",
    "Łukasz Żółć",
    "a",
    "x" * 200,
    "Robert'); DROP TABLE contacts;--",
    "C:\\Users\\bob",
    "$(rm -rf ~)",
    "%s %n",
    "{0}",
    "\u200bzero width",
    "Zed\u00a0Nbsp",
]


@pytest.mark.parametrize("name", VALID_NAMES)
def test_odd_but_valid_names_round_trip(cli, stored: bytes, name: str) -> None:
    r = cli("add", "--note", "keep me", "--", name)
    assert r.exit_code == 0, r.output
    stored_name = " ".join(name.split())
    shown = json.loads(cli("show", "--json", "--", stored_name).stdout)
    assert shown["name"] == stored_name and shown["notes"] == "keep me"
    assert cli("log", "--note", name, "--", stored_name).exit_code == 0
    shown = json.loads(cli("show", "--json", "--", stored_name).stdout)
    assert [t["note"] for t in shown["timeline"]] == [name]
    listed = [c["name"] for c in json.loads(cli("contacts", "--json").stdout)]
    assert stored_name in listed


def test_a_note_of_exactly_the_limit_round_trips(cli, stored: bytes) -> None:
    note = ("Grüße 🚀 " * (MAX_NOTE // 9 + 1))[:MAX_NOTE]
    assert cli("log", "Cy", "--note", note).exit_code == 0
    shown = json.loads(cli("show", "Cy", "--json").stdout)
    assert shown["timeline"][0]["note"] == note


# -- property: any text as a name --------------------------------------------------------------

names = st.text(st.characters(exclude_categories=("Cs",)), min_size=0, max_size=60)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=names)
def test_any_text_as_a_name_is_accepted_and_round_trips_or_refused_cleanly(name: str) -> None:
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "s.json"
        env = {"NETWORKHABIT_TODAY": TODAY.isoformat(), "NETWORKHABIT_DB": str(db)}
        Store(db).replace_all(world([person("Zz Existing")]))
        before = db.read_bytes()
        r = runner.invoke(main, ["add", "--", name], env=env)
        if r.exit_code != 0:
            assert_refused(r, db, before, ("add", name))
            return
        assert r.exception is None
        stored_name = " ".join(name.split())
        contacts = {
            c["name"]: c
            for c in json.loads(runner.invoke(main, ["contacts", "--json"], env=env).stdout)
        }
        assert stored_name in contacts
        shown = runner.invoke(
            main, ["show", "--json", "--", contacts[stored_name]["label"]], env=env
        )
        assert shown.exit_code == 0, shown.output
        assert json.loads(shown.stdout)["name"] == stored_name


# -- the other commands (habits, introductions, import/export) --------------------------------

OTHER_CASES = [
    ("habit", "add", ""),
    ("habit", "add", "   "),
    ("habit", "add", "X", "--target", "0"),
    ("habit", "add", "X", "--target", "-1"),
    ("habit", "add", "X", "--per", "month"),
    ("habit", "add", "X", "--on", "funday"),
    ("habit", "add", "reach out"),
    ("habit", "archive", "Nobody"),
    ("done", "Reach out", "--count", "0"),
    ("done", "Reach out", "--count", "-1"),
    ("done", "Reach out", "--date", "2026-02-30"),
    ("done", "Reach out", "--date", "+1d"),
    ("done", "Nothing like it"),
    ("done", ""),
    ("skip", "Reach out", "--date", "tomorrow"),
    ("skip", "Reach out", "--date", "2026-02-30"),
    ("break", "--from", "2026-02-30", "--to", "2026-03-02"),
    ("break", "--from", "2026-12-10", "--to", "2026-12-01"),
    ("break", "--delete", "2026-02-30"),
    ("streaks", "--explain", "Nothing like it"),
    ("week", "--week", "2026-W60"),
    ("week", "--week", "soon"),
    ("knows", "Ana", "Ana"),
    ("knows", "Ana", "Nobody"),
    ("knows", "", "Bo"),
    ("intro", "path", "Nobody at all"),
    ("intro", "path", "Bo", "--limit", "0"),
    ("intro", "suggest", "--limit", "-1"),
    ("intro", "make", "Ana", "Ana"),
    ("intro", "make", "Ana", "Nobody"),
    ("import", "json", "no-such-file.json"),
    ("import", "linkedin", "no-such-file.csv"),
    ("import", "vcard", "no-such-file.vcf"),
    ("export", "yaml"),
    ("doctor", "--restore", "no-such-backup.json"),
]


@pytest.mark.parametrize("args", OTHER_CASES, ids=[" ".join(c)[:40] for c in OTHER_CASES])
def test_other_commands_refuse_bad_input(
    cli, stored: bytes, db: Path, args: tuple[str, ...]
) -> None:
    r = cli(*args)
    assert_refused(r, db, stored, args)


def test_importing_a_broken_file_changes_nothing(cli, stored: bytes, db: Path) -> None:
    for kind, content in (
        ("json", b"{not json"),
        ("json", b"[1, 2]"),
        ("linkedin", b"\x00\xff\xfe garbage"),
        ("google", b""),
        ("vcard", b"BEGIN:VCARD\nFN:\nEND:VCARD\n\xff"),
    ):
        bad = Path(f"bad.{kind}")
        bad.write_bytes(content)
        r = cli("import", kind, str(bad))
        if r.exit_code == 0:  # "nothing to import" is a fair answer too, if nothing was written
            assert db.read_bytes() == stored and "Traceback" not in r.output, (kind, content)
        else:
            assert_refused(r, db, stored, ("import", kind))


# -- every command, generically: no bad value may crash one or half-change the store ---------

BAD_VALUES = ["", "   ", "2026-02-30", "-1", "0", "0d", "nobody at all \u202e🙂", "x" * 100_001]
FILL = {
    "name": "Ana Ruiz",
    "names": "Ana Ruiz",
    "a": "Ana Ruiz",
    "b": "Bo Berg",
    "target": "Bo Berg",
    "habit": "Reach out",
    "query": "Ana",
}


def leaf_commands(
    group: click.Group, prefix: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], click.Command]]:
    out = []
    ctx = click.Context(group)
    for name in sorted(group.list_commands(ctx)):  # every command, lazily loaded ones too
        cmd = group.get_command(ctx, name)
        assert cmd is not None, name
        if isinstance(cmd, click.Group):
            out.extend(leaf_commands(cmd, (*prefix, name)))
        else:
            out.append(((*prefix, name), cmd))
    return out


def invocations() -> list[tuple[str, ...]]:
    """Each command with one parameter set to each bad value (the others filled sensibly)."""
    calls: list[tuple[str, ...]] = []
    for path, cmd in leaf_commands(main):
        if path == ("demo",):
            continue
        args = [p for p in cmd.params if isinstance(p, click.Argument)]
        fill: list[str] = []
        for a in args:
            if isinstance(a.type, click.Choice):
                fill.append(str(a.type.choices[0]))
            else:
                fill.append(FILL.get(a.name or "", "Ana Ruiz"))
        for n in range(len(args)):
            for v in BAD_VALUES:  # after "--", so "-1" reaches the command as a value
                calls.append((*path, "--", *fill[:n], v, *fill[n + 1 :]))
        for opt in cmd.params:
            if not isinstance(opt, click.Option) or opt.is_flag or opt.name in ("help",):
                continue
            flag = max(opt.opts, key=len)
            for v in BAD_VALUES:
                calls.append((*path, flag, v, *fill))
    return calls


def short(args: tuple[str, ...]) -> str:
    return " ".join(a if len(a) < 30 else a[:12] + f"…({len(a)} chars)" for a in args)


def test_every_command_survives_every_bad_value(stored: bytes, db: Path) -> None:
    runner = CliRunner()
    env = {"NETWORKHABIT_DB": str(db), "NETWORKHABIT_TODAY": TODAY.isoformat()}
    calls = invocations()
    assert len(calls) > 300  # every command and option is in the sweep
    wrong: list[str] = []  # every violation, so one run lists them all
    for args in calls:
        r = runner.invoke(main, list(args), env=env)
        out = r.output + (r.stderr or "")
        last = (r.stderr or "").strip().splitlines()[-1:] or [""]
        if r.exit_code not in (0, 1, 2) or "Traceback" in out or "internal error" in out:
            wrong.append(f"{short(args)}: exit {r.exit_code}: {last[0][:200]} {r.exception!r}")
        elif r.exit_code != 0 and not last[0].startswith("Error: "):
            wrong.append(f"{short(args)}: no 'Error:' line: {out[-200:]!r}")
        elif r.exit_code == 1 and len(r.stderr.strip().splitlines()) != 1:
            wrong.append(f"{short(args)}: more than one line: {r.stderr[-300:]!r}")
        if db.read_bytes() != stored:
            if r.exit_code != 0:
                wrong.append(f"{short(args)}: failed but changed the store")
            db.write_bytes(stored)  # an accepted value: back to the base for the next one
    assert not wrong, "\n".join(w[:300] for w in wrong)


# -- as a real process: no traceback ever reaches the terminal --------------------------------


def test_real_process_errors_are_one_line(tmp_path: Path) -> None:
    db = tmp_path / "s" / "networkhabit.json"
    assert run_cli(db, "add", "Ana").returncode == 0
    before = db.read_bytes()
    for args in (
        ("log", "Ana", "--date", "2026-02-30"),
        ("log", "Nobody"),
        ("add", "  "),
        ("--db", str(tmp_path), "today"),
    ):
        p = run_cli(db, *args)
        assert p.returncode == 1 and "Traceback" not in p.stderr, (args, p.stderr)
        assert len(p.stderr.strip().splitlines()) == 1 and p.stdout == ""
    assert db.read_bytes() == before
