"""One rule, one place: the CLI and the app reach the same action, so they cannot drift."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import Input

from networkhabit.store import Store
from networkhabit.tui.app import make_app
from networkhabit.tui.dialogs.contact_form import ContactDialog
from networkhabit.tui.screenshots import press, settle
from tests.conftest import TODAY, run_cli


def test_a_rhythm_set_for_a_tag_applies_whatever_its_case_from_the_cli_and_the_app(
    db: Path,
) -> None:
    assert run_cli(db, "settings", "rhythm", "Client", "30d").returncode == 0
    assert run_cli(db, "add", "Ana Ruiz", "--tag", "client").returncode == 0

    async def main() -> None:
        app = make_app(db)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await press(pilot, "c", "a")
            dialog = app.screen
            assert isinstance(dialog, ContactDialog)
            dialog.query_one("#f-name", Input).value = "Bo Berg"
            dialog.query_one("#f-tags", Input).value = "CLIENT"
            dialog.query_one("#f-name", Input).focus()
            await press(pilot, "enter")
            assert not isinstance(app.screen, ContactDialog)

    asyncio.run(main())
    rhythms = {c.name: c.cadence_days for c in Store(db).snapshot().contacts}
    assert rhythms == {"Ana Ruiz": 30, "Bo Berg": 30}


def test_the_app_refuses_a_birthday_in_the_future_as_the_cli_does(db: Path) -> None:
    assert run_cli(db, "add", "Cleo Park").returncode == 0
    cli = run_cli(db, "add", "Ana Ruiz", "--birthday", "2030-01-01")
    assert cli.returncode == 1 and "2030-01-01" in cli.stderr

    async def main() -> None:
        app = make_app(db)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await press(pilot, "c", "a")
            dialog = app.screen
            dialog.query_one("#f-name", Input).value = "Bo Berg"
            dialog.query_one("#f-birthday", Input).value = "2030-01-01"
            dialog.query_one("#f-name", Input).focus()
            await press(pilot, "enter")
            assert isinstance(app.screen, ContactDialog)  # still open: the error is shown there

    asyncio.run(main())
    assert [c.name for c in Store(db).snapshot().contacts] == ["Cleo Park"]
    assert TODAY.year < 2030


def test_a_tag_rhythm_applied_changes_exactly_the_tagged_contacts_without_one(db: Path) -> None:
    from networkhabit.demo import build_demo

    Store(db).replace_all(build_demo(TODAY))
    before = {c.uid: c for c in Store(db).snapshot().contacts}
    tagged = {u for u, c in before.items() if "partner" in {t.casefold() for t in c.tags}}
    without = {u for u in tagged if before[u].cadence_days is None}
    assert without and tagged - without  # the demo has both kinds
    r = run_cli(db, "settings", "cadence", "partner", "10d", "--apply")
    assert r.returncode == 0 and f"set the rhythm of {len(without)} existing contact" in r.stdout
    after = {c.uid: c for c in Store(db).snapshot().contacts}
    changed = {u for u in before if before[u] != after[u]}
    assert changed == without and all(after[u].cadence_days == 10 for u in without)
    everyone = run_cli(db, "settings", "rhythm", "partner", "2w", "--apply", "--all")
    assert everyone.returncode == 0 and f"of {len(tagged)} existing contact" in everyone.stdout
