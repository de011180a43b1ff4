"""The app's "Capture" palette entry runs the last calendar/mail import again."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandList
from textual.pilot import Pilot

from networkhabit.domain.model import Settings
from networkhabit.store import Store
from networkhabit.tui.app import NetworkhabitApp
from networkhabit.tui.screenshots import press
from tests.conftest import days_ago, person, world
from tests.test_capture import ME, ics, stamp, vevent
from tests.test_tui import drive, type_text


def test_capture_in_the_palette_imports_the_last_calendar_again(
    cli, db: Path, make_store, tmp_path: Path
) -> None:
    make_store(
        world(
            [
                person("Ana Ruiz", email="ana@example.com"),
                person("Bo Chen", email="bo@example.com"),
            ],
            settings=Settings(my_emails=(ME,)),
        )
    )
    one = vevent("one@example.com", stamp(days_ago(3)), "First", (ME, "ana@example.com"))
    path = ics(tmp_path, one)
    assert cli("import", "calendar", str(path)).exit_code == 0
    ics(
        tmp_path,
        one,
        vevent("two@example.com", stamp(days_ago(1)), "Second", (ME, "bo@example.com")),
    )

    def captured() -> list[str]:
        return sorted(i.note for i in Store(db).snapshot().interactions if i.external_id)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+p")
        await type_text(pilot, "Capture")
        commands = app.screen.query_one(CommandList)
        for _ in range(1500):  # a generous bound: the condition ends it
            await pilot.pause(0.02)
            if commands.option_count and "Capture" in str(commands.get_option_at_index(0).prompt):
                break
        assert "Capture" in str(commands.get_option_at_index(0).prompt)
        await press(pilot, "enter")
        for _ in range(1500):
            if captured() == ["First", "Second"] and any(
                "Capture: calendar" in str(n.title) for n in app._notifications
            ):
                break
            await pilot.pause(0.02)
        assert captured() == ["First", "Second"]
        messages = [str(n.message) for n in app._notifications if "Capture" in str(n.title)]
        assert any("1 event with 1 contact" in m for m in messages), messages

    drive(db, scenario)


def test_a_coming_meeting_on_the_agenda_opens_the_contact_and_logs_nothing(
    cli, db: Path, make_store, tmp_path: Path
) -> None:
    from datetime import timedelta

    from networkhabit.tui.screens.contact_detail import ContactDetailScreen
    from tests.conftest import TODAY
    from tests.test_tui import select_agenda

    make_store(
        world([person("Ana Ruiz", email="ana@example.com")], settings=Settings(my_emails=(ME,)))
    )
    soon = vevent(
        "s@example.com", stamp(TODAY + timedelta(days=2)), "Review", (ME, "ana@example.com")
    )
    assert cli("import", "calendar", str(ics(tmp_path, soon))).exit_code == 0
    before = Store(db).snapshot().interactions

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await select_agenda(pilot, "Meeting Ana Ruiz on Sunday")
        await press(pilot, "space")
        assert isinstance(app.screen, ContactDetailScreen)
        assert Store(db).snapshot().interactions == before

    drive(db, scenario)
