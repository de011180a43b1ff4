"""Delete a contact for good — from the CLI and the app — and take it back with undo."""

from __future__ import annotations

import asyncio
from pathlib import Path

import orjson

from networkhabit.actions import changes
from networkhabit.actions.delete import delete
from networkhabit.actions.session import Session
from networkhabit.store import Store
from networkhabit.tui.app import make_app
from networkhabit.tui.dialogs.people import DeleteDialog
from networkhabit.tui.screens.contact_detail import ContactDetailScreen
from networkhabit.tui.screenshots import press, settle
from tests.conftest import person, run_cli, world


def tom_world():  # type: ignore[no-untyped-def]
    return world(
        [person("Ana Ruiz"), person("Tom Berg"), person("Cleo Park")],
        touches=[("Tom Berg", 10, {"note": "alone"}), (["Tom Berg", "Ana Ruiz"], 5)],
        links=[("Tom Berg", "Cleo Park"), ("Ana Ruiz", "Cleo Park")],
    )


def records(db: Path) -> tuple:  # type: ignore[type-arg]
    snap = Store(db).snapshot()
    return (
        tuple(sorted(snap.contacts, key=lambda c: c.uid)),
        tuple(sorted(snap.links, key=lambda lk: lk.uid)),
        tuple(sorted(snap.interactions, key=lambda i: i.uid)),
    )


def test_delete_then_undo_restores_the_contact_its_links_and_touches(db: Path) -> None:
    Store(db).replace_all(tom_world())
    before = records(db)
    session = Session(db)
    change = changes.run(session, delete("Tom Berg"))
    contacts, links, touches = records(db)
    assert [c.name for c in contacts if c.name == "Tom Berg"] == []
    assert len(links) == 1 and len(touches) == 1  # the shared touch keeps Ana
    raw = orjson.loads(db.read_bytes())
    assert {d["uid"] for d in raw["tombstones"].values()} >= {c.uid for c in change.removed}
    changes.undo(session, change)
    assert records(db) == before  # every field of every record as it was
    raw = orjson.loads(db.read_bytes())
    assert not raw.get("tombstones")  # restored: no longer deleted for a sync


def test_the_cli_deletes_with_yes_and_refuses_without_a_terminal(db: Path) -> None:
    Store(db).replace_all(tom_world())
    asked = run_cli(db, "delete", "Tom Berg")
    assert asked.returncode == 1 and "--yes" in asked.stderr
    assert "Tom Berg" in {c.name for c in Store(db).snapshot().contacts}
    done = run_cli(db, "delete", "Tom Berg", "--yes")
    assert done.returncode == 0 and "deleted Tom Berg" in done.stdout
    assert "Tom Berg" not in {c.name for c in Store(db).snapshot().contacts}


def test_the_app_deletes_from_a_contacts_page_after_asking_and_u_undoes(db: Path) -> None:
    Store(db).replace_all(tom_world())
    before = records(db)
    tom = next(c for c in before[0] if c.name == "Tom Berg")

    async def scenario() -> None:
        app = make_app(db)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            app.open_contact(tom.uid)
            await settle(pilot)
            assert isinstance(app.screen, ContactDetailScreen)
            await press(pilot, "D")
            assert isinstance(app.screen, DeleteDialog)
            await press(pilot, "escape")  # changed my mind: nothing happens
            assert records(db) == before
            await press(pilot, "D", "y")
            assert not isinstance(app.screen, (ContactDetailScreen, DeleteDialog))
            assert "Tom Berg" not in {c.name for c in records(db)[0]}
            await press(pilot, "u")
            assert records(db) == before

    asyncio.run(scenario())
