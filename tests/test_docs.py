"""The docs stay true: every test the store-guarantees table names exists; the README
keeps exactly two set-up commands, and CI runs the README's test command."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_test_named_in_the_guarantees_table_exists() -> None:
    doc = (ROOT / "docs" / "store-guarantees.md").read_text(encoding="utf-8")
    named = re.findall(r"`(?:(tests/[\w/]+\.py))?::(\w+)`", doc)
    assert len(named) > 20
    sources = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_*.py")}
    everything = "".join(sources.values())
    for path, name in named:
        where = sources[Path(path).name] if path else everything
        assert f"def {name}(" in where, (path, name)


def test_readme_set_up_is_two_commands_and_ci_runs_the_test_one() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set up", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.+?)\n```", setup, re.DOTALL)
    venv = "python3 -m venv .venv && . .venv/bin/activate && "
    assert commands == [
        venv + "pip install . && networkhabit",
        venv + "pip install -e '.[test]' && pytest",
    ]
    assert "quit the app first" in setup
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
