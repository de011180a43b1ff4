"""The CLI starts lean: commands load their module when used, read paths skip the heavy
libraries. (Import checks, not timings: the benchmarks time it.)"""

from __future__ import annotations

import subprocess
import sys

import click

from networkhabit.cli import main
from networkhabit.commands import COMMANDS, register_all


def test_the_command_table_names_what_each_module_registers() -> None:
    group = click.Group()
    register_all(group)
    assert set(group.commands) == set(COMMANDS)
    for name, module in COMMANDS.items():
        assert group.commands[name].callback.__module__ == f"networkhabit.commands.{module}"


def test_help_lists_every_command(cli) -> None:  # type: ignore[no-untyped-def]
    out = cli("--help").output
    for name in (*COMMANDS, "today", "log", "neglected"):
        assert f"  {name} " in out or f"  {name}\n" in out, name
    assert set(COMMANDS) <= set(main.list_commands(click.Context(main)))


def _walk(group: click.Group, ctx: click.Context, path: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        assert cmd is not None, name
        yield (*path, name), cmd
        if isinstance(cmd, click.Group):
            yield from _walk(cmd, click.Context(cmd, parent=ctx, info_name=name), (*path, name))


def test_every_command_is_ours_and_makes_its_help_option_without_gettext(cli) -> None:  # type: ignore[no-untyped-def]
    from networkhabit.commands.base import HELP_TEXT, Command, Group

    root = click.Context(main, info_name="networkhabit", **main.context_settings)
    found = dict(_walk(main, root))
    assert {"today", "import linkedin", "import calendar", "habit add", "settings cadence"} <= {
        " ".join(p) for p in found
    }
    for path, cmd in found.items():
        # made by networkhabit.commands.base.command / command_group (not plain click)
        assert isinstance(cmd, Group if isinstance(cmd, click.Group) else Command), path
        option = cmd.get_help_option(click.Context(cmd, parent=root, info_name=path[-1]))
        assert option is not None and option.help == HELP_TEXT, path
        result = cli(*path, "--help")
        assert result.exit_code == 0, path
        assert "-h, --help" in result.output and HELP_TEXT in result.output, path
    wrong = cli("today", "--bogus")
    assert wrong.exit_code == 2
    assert "Try 'main today --help' for help." in wrong.output  # (CliRunner's program name)


def test_a_command_does_not_import_locale(db) -> None:  # type: ignore[no-untyped-def]
    """click's own help and version options make their texts through gettext, which imports
    locale and looks for translations on every run."""
    code = (
        "import sys\nfrom networkhabit.cli import main\n"
        f"sys.argv=['networkhabit','--db',{str(db)!r},'neglected']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )
    assert "locale" not in _modules_after(code)
    version = subprocess.run(
        [sys.executable, "-m", "networkhabit", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert version.returncode == 0
    assert version.stdout == "networkhabit, version 0.1.0\n"


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(out.split())


def test_importing_the_cli_leaves_the_heavy_parts_out() -> None:
    loaded = _modules_after("import networkhabit.cli")
    for heavy in (
        "textual",
        "tinydb",
        "networkhabit.domain.merge",
        "networkhabit.domain.network",
        "networkhabit.importers",
        "networkhabit.commands.io",
        "vobject",
        "icalendar",
        "tempfile",
    ):
        assert heavy not in loaded, heavy


def test_a_read_command_does_not_load_tinydb(db) -> None:  # type: ignore[no-untyped-def]
    from networkhabit.demo import build_demo
    from networkhabit.store import Store
    from tests.conftest import TODAY

    Store(db).replace_all(build_demo(TODAY))
    code = (
        "import sys\nfrom networkhabit.cli import main\n"
        f"sys.argv=['networkhabit','--db',{str(db)!r},'neglected']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )
    loaded = _modules_after(code)
    assert "networkhabit.store.store" in loaded
    assert "tinydb" not in loaded
    assert "networkhabit.commands.habits" not in loaded


def test_a_real_process_ends_with_all_output_and_the_right_status(db) -> None:  # type: ignore[no-untyped-def]
    import json

    from networkhabit.demo import build_demo
    from networkhabit.store import Store
    from tests.conftest import TODAY, run_cli

    Store(db).replace_all(build_demo(TODAY))
    ok = run_cli(db, "contacts", "--json")
    assert ok.returncode == 0 and len(json.loads(ok.stdout)) == len(Store(db).snapshot().contacts)
    bad = run_cli(db, "log", "Nobody")
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and "Nobody" in bad.stderr
    usage = run_cli(db, "no-such-command")
    assert usage.returncode == 2 and "No such command" in usage.stderr
    wrote = run_cli(db, "add", "Zed Zimmer")
    assert wrote.returncode == 0
    assert any(c.name == "Zed Zimmer" for c in Store(db).snapshot().contacts)
