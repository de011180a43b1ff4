"""`settings`: see and change the store's settings; they take effect."""

import json
from pathlib import Path

from tests.conftest import person, world


def test_settings_list_and_json_show_the_defaults(cli, make_store) -> None:
    make_store(world([person("Ana")]))
    out = cli("settings").output
    assert "neglected-limit  5" in out and "drifting         6 months" in out
    assert json.loads(cli("settings", "--json").output) == {
        "neglected_limit": 5,
        "drifting_days": 180,
        "backups_keep": 14,
        "theme": "",
        "default_cadence_by_tag": {},
    }


def test_neglected_limit_changes_the_agenda(cli, make_store) -> None:
    make_store(world([person(f"P{n}", cadence_days=5) for n in range(9)]))
    kinds = lambda: [i["kind"] for i in json.loads(cli("today", "--json").output)["items"]]
    assert kinds().count("neglected") == 5
    r = cli("settings", "set", "neglected-limit", "8")
    assert r.exit_code == 0 and "neglected-limit is now 8" in r.output
    assert kinds().count("neglected") == 8


def test_drifting_threshold_changes_the_drifting_list(cli, make_store) -> None:
    make_store(world([person("Quiet")], touches=[("Quiet", 100)]))
    assert json.loads(cli("neglected", "--json").output)["drifting"] == []
    assert cli("settings", "set", "drifting", "3m").exit_code == 0
    assert [d["name"] for d in json.loads(cli("neglected", "--json").output)["drifting"]] == [
        "Quiet"
    ]


def test_cadence_by_tag_applies_to_new_contacts_case_insensitively(cli, make_store) -> None:
    make_store(world([person("Ana")]))
    r = cli("settings", "cadence", "Client", "2w")
    assert r.exit_code == 0 and "every 2 weeks" in r.output
    assert cli("add", "Bo", "--tag", "client").exit_code == 0
    assert json.loads(cli("show", "bo", "--json").output)["cadence_days"] == 14
    assert json.loads(cli("settings", "--json").output)["default_cadence_by_tag"] == {"Client": 14}
    assert cli("settings", "cadence", "CLIENT", "none").exit_code == 0
    assert json.loads(cli("settings", "--json").output)["default_cadence_by_tag"] == {}


def test_bad_settings_are_refused_and_change_nothing(cli, make_store, db: Path) -> None:
    make_store(world([person("Ana")]))
    before = db.read_bytes()
    for args, needle in [
        (("settings", "set", "neglected-limit", "2000"), "between 0 and 1000"),
        (("settings", "set", "neglected-limit", "many"), "whole number"),
        (("settings", "set", "drifting", "0d"), "at least 1 day"),
        (("settings", "cadence", "client", "soon"), "invalid duration"),
        (("settings", "cadence", "  ", "2w"), "tag cannot be empty"),
    ]:
        r = cli(*args)
        assert r.exit_code == 1, args
        assert needle in r.stderr and "Traceback" not in r.stderr
    assert cli("settings", "set", "colour", "red").exit_code == 2
    assert db.read_bytes() == before


def test_settings_set_theme_from_the_cli(cli, db: Path) -> None:
    out = cli("settings", "set", "theme", "Nord")
    assert out.exit_code == 0 and "theme is now nord" in out.output
    assert json.loads(cli("settings", "--json").output)["theme"] == "nord"
    raw = db.read_bytes()
    bad = cli("settings", "set", "theme", "purple")
    assert bad.exit_code == 1 and "unknown theme 'purple'" in bad.stderr
    assert "Traceback" not in bad.stderr and db.read_bytes() == raw
    assert cli("settings", "set", "theme", "default").exit_code == 0
    assert json.loads(cli("settings", "--json").output)["theme"] == ""
