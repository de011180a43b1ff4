"""The TUI driven like a user would (Textual's pilot), asserting on the screen and the store."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from textual.color import Color
from textual.command import CommandList
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static

from networkhabit.demo import build_demo
from networkhabit.domain.model import CheckIn, Habit, Interaction, new_uid
from networkhabit.store import Store
from networkhabit.tui.app import NetworkhabitApp, make_app
from networkhabit.tui.dialogs.log_touch import LogTouchDialog
from networkhabit.tui.screens.contact_detail import ContactDetailScreen
from networkhabit.tui.screens.contacts import ContactsScreen
from networkhabit.tui.screens.network import NetworkScreen
from networkhabit.tui.screens.review import ReviewScreen
from networkhabit.tui.screens.today import TodayScreen
from networkhabit.tui.screens.welcome import WelcomeScreen
from networkhabit.tui.screenshots import press, settle
from networkhabit.tui.widgets.agenda import AgendaList
from networkhabit.tui.widgets.contact_table import ContactTable
from tests.conftest import TODAY, days_ago, person, run_cli, world
from tests.pilot import drive
from tests.pilot import until as wait_for

Scenario = Callable[[NetworkhabitApp, Pilot[None]], Awaitable[None]]


def text_of(app: NetworkhabitApp, selector: str) -> str:
    """The plain text a Static shows."""
    return str(app.screen.query_one(selector, Static).render())


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type text key by key (a space is the "space" key)."""
    await pilot.press(*["space" if ch == " " else ch for ch in text])


def first_command(app: NetworkhabitApp) -> str:
    """The palette's first hit, as shown ("" while it has none)."""
    commands = app.screen.query(CommandList)
    if not commands or not commands.first().option_count:
        return ""
    return str(commands.first().get_option_at_index(0).prompt)


async def select_agenda(pilot: Pilot[None], title: str) -> None:
    """Move the agenda cursor down to the item whose title contains ``title``."""
    agenda = pilot.app.screen.query_one(AgendaList)
    for _ in range(len(agenda.items) + 10):
        item = agenda.selected_item
        if item is not None and title in item.title:
            return
        await pilot.press("down")
    raise AssertionError(f"no agenda item {title!r}: {[i.title for i in agenda.items]}")


def morning_world() -> tuple:
    """A habit due today, Ana (overdue), Bob (overdue), Cleo with a follow-up due today."""
    habit = Habit(new_uid(), "Reach out to 1 person", days_ago(30))
    ana = person("Ana Ruiz", cadence_days=14)
    bob = person("Bob Stone", cadence_days=7)
    cleo = person("Cleo Park", cadence_days=90)
    snap = world(
        [ana, bob, cleo],
        touches=[
            ("Ana Ruiz", 30),
            ("Bob Stone", 60),
            ("Cleo Park", 3, {"follow_up": TODAY, "note": "send deck"}),
        ],
        habits=[habit],
    )
    return snap, habit, ana, bob, cleo


# -- the morning check-in ------------------------------------------------------------------------


def test_the_snooze_dialog_takes_a_duration_without_a_sign(db: Path) -> None:
    """``10d`` in the snooze dialog is ten days from today, as ``snooze NAME 10d`` is."""
    snap, _, _, bob, _ = morning_world()
    Store(db).replace_all(snap)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await select_agenda(pilot, "Reach out to Bob Stone")
        await press(pilot, "s")
        app.screen.query_one("#until", Input).value = "10d"
        await press(pilot, "enter")

    drive(db, scenario)
    bob_now = next(c for c in Store(db).snapshot().contacts if c.uid == bob.uid)
    assert bob_now.snoozed_until == TODAY + timedelta(days=10)


def test_morning_check_in_done_log_snooze_and_undo(db: Path) -> None:
    snap, habit, ana, bob, _ = morning_world()
    Store(db).replace_all(snap)
    store = Store(db)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        assert isinstance(app.screen, TodayScreen)
        header = text_of(app, "#today-header")
        assert "Friday 20 November 2026" in header and "networking streak" in header

        # space on the habit: a check-in of 1 today
        await select_agenda(pilot, "Reach out to 1 person")
        await press(pilot, "space")
        checkins = store.snapshot().checkins
        assert [(c.habit, c.date, c.count, c.skip) for c in checkins] == [
            (habit.uid, TODAY, 1, False)
        ]

        # l on Ana: the modal, a note and a follow-up date
        await select_agenda(pilot, "Reach out to Ana Ruiz")
        await press(pilot, "l")
        assert app.screen.query_one("#who", Input).value == "Ana Ruiz"
        assert app.screen.focused is app.screen.query_one("#note", Input)
        await type_text(pilot, "coffee chat")
        app.screen.query_one("#follow-up", Input).value = "+3d"
        await press(pilot, "enter")
        touches = [i for i in store.snapshot().interactions if i.date == TODAY]
        assert len(touches) == 1
        assert touches[0].contacts == (ana.uid,) and touches[0].note == "coffee chat"
        assert touches[0].kind == "message" and touches[0].follow_up == TODAY + timedelta(days=3)

        # s on Bob: snoozed two weeks (the dialog's default)
        await select_agenda(pilot, "Reach out to Bob Stone")
        await press(pilot, "s", "enter")
        bob_now = next(c for c in store.snapshot().contacts if c.uid == bob.uid)
        assert bob_now.snoozed_until == TODAY + timedelta(days=14)
        assert "Reach out to Bob Stone" not in [
            i.title for i in app.screen.query_one(AgendaList).items
        ]

        # u, u, u: everything taken back exactly, newest first
        await press(pilot, "u")
        assert next(c for c in store.snapshot().contacts if c.uid == bob.uid) == bob
        await press(pilot, "u")
        assert [i for i in store.snapshot().interactions if i.date == TODAY] == []
        await press(pilot, "u")
        assert store.snapshot().checkins == ()
        assert store.snapshot() == snap
        await press(pilot, "u")  # nothing left: a message, no crash
        assert isinstance(app.screen, TodayScreen)

    drive(db, scenario)


def test_space_on_a_follow_up_logs_the_touch_and_closes_it_undo_reopens(db: Path) -> None:
    snap, _, _, _, cleo = morning_world()
    Store(db).replace_all(snap)
    store = Store(db)
    open_fu = next(i for i in snap.interactions if i.follow_up)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await select_agenda(pilot, "Follow up with Cleo Park")
        await press(pilot, "space")  # how? the log dialog, with Cleo and a note filled in
        assert isinstance(app.screen, LogTouchDialog)
        assert app.screen.query_one("#who", Input).value == "Cleo Park"
        app.screen.query_one("#kind", Select).value = "call"
        await press(pilot, "enter")
        now = store.snapshot()
        assert next(i for i in now.interactions if i.uid == open_fu.uid).follow_up_done is True
        new = [i for i in now.interactions if i.date == TODAY]
        assert len(new) == 1 and new[0].contacts == (cleo.uid,) and new[0].kind == "call"
        assert new[0].note == "followed up"
        await press(pilot, "u")
        assert store.snapshot() == snap

    drive(db, scenario)


def test_undo_keeps_fields_another_process_changed(db: Path) -> None:
    snap, _, _, bob, _ = morning_world()
    Store(db).replace_all(snap)
    store = Store(db)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await select_agenda(pilot, "Reach out to Bob Stone")
        await press(pilot, "s", "enter")
        current = next(c for c in store.snapshot().contacts if c.uid == bob.uid)
        store.update(replace(current, company="Acme"))  # "the CLI in another terminal"
        await press(pilot, "u")
        after = next(c for c in store.snapshot().contacts if c.uid == bob.uid)
        assert after.snoozed_until is None and after.company == "Acme"

    drive(db, scenario)


def test_skip_a_habit_with_s(db: Path) -> None:
    snap, habit, *_ = morning_world()
    Store(db).replace_all(snap)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await select_agenda(pilot, "Reach out to 1 person")
        await press(pilot, "s")
        assert [(c.habit, c.skip) for c in Store(db).snapshot().checkins] == [(habit.uid, True)]

    drive(db, scenario)


def test_space_twice_quickly_on_a_contact_logs_one_touch(db: Path) -> None:
    snap, _, _, bob, _ = morning_world()
    Store(db).replace_all(snap)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await select_agenda(pilot, "Reach out to Bob Stone")
        with app._store_lock:  # the first write is still in flight at the second press
            await pilot.press("space", "space")
        await settle(pilot)
        new = [i for i in Store(db).snapshot().interactions if i.date == TODAY]
        assert [i.contacts for i in new] == [(bob.uid,)]
        # once the agenda shows the write, space acts again, on the refreshed agenda
        titles = [i.title for i in app.screen.query_one(AgendaList).items]
        assert not any("Bob Stone" in t for t in titles)
        await select_agenda(pilot, "Reach out to 1 person")
        await press(pilot, "space")
        assert len(Store(db).snapshot().checkins) == 1

    drive(db, scenario)


def test_a_failed_write_does_not_block_the_item(db: Path) -> None:
    snap, habit, *_ = morning_world()
    Store(db).replace_all(snap)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await select_agenda(pilot, "Reach out to 1 person")
        Store(db).replace_all(replace(snap, habits=()))  # gone behind the app's back
        await pilot.press("space")
        await settle(pilot)
        assert any("no longer in the store" in n.message for n in app._notifications)
        Store(db).replace_all(snap)
        await settle(pilot)
        for _ in range(300):  # the poll brings the habit back
            await pilot.pause(0.02)
            if app.screen.query_one(AgendaList).selected_item is not None:
                break
        await select_agenda(pilot, "Reach out to 1 person")
        await press(pilot, "space")
        assert [c.habit for c in Store(db).snapshot().checkins] == [habit.uid]

    drive(db, scenario)


# -- screens and keys ------------------------------------------------------------------------------


def test_s_on_an_introduction_item_says_what_space_does_and_writes_nothing(
    demo_db: Path,
) -> None:
    before = Store(demo_db).snapshot()

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await select_agenda(pilot, "Introduce Jonas Berg")
        await press(pilot, "s")
        await select_agenda(pilot, "Ask Linus Berg")
        await press(pilot, "s")
        said = [n.message for n in app._notifications]
        assert any("space makes the introduction" in m for m in said)
        assert any("space asks for it" in m for m in said)
        assert Store(demo_db).snapshot() == before

    drive(demo_db, scenario)


def test_screen_keys_switch_from_anywhere_but_not_while_typing(demo_db: Path) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        for key, screen in (
            ("c", ContactsScreen),
            ("w", ReviewScreen),
            ("n", NetworkScreen),
            ("t", TodayScreen),
            ("n", NetworkScreen),
            ("c", ContactsScreen),
        ):
            await press(pilot, key)
            assert isinstance(app.screen, screen), key
        await press(pilot, "slash", "w", "t")
        assert isinstance(app.screen, ContactsScreen)
        assert app.screen.query_one("#filter", Input).value == "wt"
        await press(pilot, "escape", "escape")
        assert app.screen.query_one("#filter", Input).value == ""
        await press(pilot, "enter")
        assert isinstance(app.screen, ContactDetailScreen)
        await press(pilot, "c")
        assert isinstance(app.screen, ContactsScreen)
        await press(pilot, "question_mark")
        assert "Keys" in str(app.screen.query_one(".dialog-title", Static).render())
        await press(pilot, "t")  # a dialog is open: screen keys wait
        assert not isinstance(app.screen, TodayScreen)
        await press(pilot, "escape", "t")
        assert isinstance(app.screen, TodayScreen)

    drive(demo_db, scenario)


def test_filter_as_you_type_and_open_a_contact(demo_db: Path) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await press(pilot, "c")
        table = app.screen.query_one(ContactTable)
        assert len(table.rows) == len(build_demo(TODAY).contacts)
        await press(pilot, "slash", *"northwind")
        assert len(table.rows) == 4
        assert {r.company for r in table.rows} == {"Northwind Traders"}
        assert "4 of 44 contacts" in text_of(app, "#contacts-summary")
        await type_text(pilot, " ana")
        await settle(pilot)
        assert [r.name for r in table.rows] == ["Ana Ruiz"]
        await press(pilot, "enter", "enter")
        assert isinstance(app.screen, ContactDetailScreen)
        assert "Head of Partnerships at Northwind Traders" in text_of(app, "#detail-info")
        knows = text_of(app, "#detail-knows")
        assert "Mei Chen" in knows
        assert "Claire Dupont same company, inferred" in " ".join(knows.split())
        await press(pilot, "escape")
        assert isinstance(app.screen, ContactsScreen)

    drive(demo_db, scenario)


def test_add_edit_and_undo_a_contact_through_the_dialog(demo_db: Path) -> None:
    store = Store(demo_db)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await press(pilot, "c", "a")
        await type_text(pilot, "Zoe Newman")
        app.screen.query_one("#f-company", Input).value = "Initech"
        app.screen.query_one("#f-every", Input).value = "3w"
        await press(pilot, "enter")
        zoe = next(c for c in store.snapshot().contacts if c.name == "Zoe Newman")
        assert zoe.company == "Initech" and zoe.cadence_days == 21 and zoe.created == TODAY
        await press(pilot, "slash")
        await type_text(pilot, "zoe new")
        await press(pilot, "enter", "e")
        app.screen.query_one("#f-every", Input).value = "bogus"
        await press(pilot, "enter")
        assert "invalid duration" in str(app.screen.query_one(".dialog-error", Static).render())
        app.screen.query_one("#f-every", Input).value = ""
        app.screen.query_one("#f-title", Input).value = "CTO"
        await press(pilot, "enter")
        zoe2 = next(c for c in store.snapshot().contacts if c.uid == zoe.uid)
        assert zoe2.title == "CTO" and zoe2.cadence_days is None
        await press(pilot, "u")
        assert next(c for c in store.snapshot().contacts if c.uid == zoe.uid) == zoe

    drive(demo_db, scenario)


def test_review_moves_between_weeks(demo_db: Path) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await press(pilot, "w")
        assert "Week 47" in text_of(app, "#review-title")
        await press(pilot, "left_square_bracket")
        assert "Week 46 · 9 Nov – 15 Nov 2026 (last week)" in text_of(app, "#review-title")
        await press(pilot, "right_square_bracket", "right_square_bracket")
        assert "Week 47" in text_of(app, "#review-title")

    drive(demo_db, scenario)


def test_network_paths_and_making_an_introduction(demo_db: Path) -> None:
    store = Store(demo_db)
    before = store.snapshot()

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await press(pilot, "n", "slash", *"Stripe")
        assert isinstance(app.screen, NetworkScreen)
        assert "Ask Ingrid Larsen" in app.screen.paths.text
        await press(pilot, "escape", "m")
        after = store.snapshot()
        new = [i for i in after.interactions if i.kind == "intro" and i.date == TODAY]
        assert len(new) == 1 and len(new[0].contacts) == 2
        link = [lk for lk in after.links if lk.source == "introduced-by-me"]
        assert len(link) == 1 and {link[0].a, link[0].b} == set(new[0].contacts)
        await press(pilot, "u")
        assert store.snapshot() == before

    drive(demo_db, scenario)


def test_network_m_twice_quickly_makes_one_introduction_and_counts_people(
    demo_db: Path,
) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await press(pilot, "n", "slash", *"Spotify")
        assert isinstance(app.screen, NetworkScreen)
        assert "Spotify  (1 person)" in app.screen.paths.text
        await press(pilot, "escape")
        with app._store_lock:  # the first introduction is still being written
            await pilot.press("m", "m")
        await settle(pilot)
        new = [i for i in Store(demo_db).snapshot().interactions if i.date == TODAY]
        assert [i.kind for i in new] == ["intro"]

    drive(demo_db, scenario)


def test_command_palette_jumps_to_a_contact(demo_db: Path) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+p")
        await type_text(pilot, "Open Grace")
        await wait_for(pilot, lambda: "Open Grace Hopper" in first_command(app), "Grace found")
        await press(pilot, "enter")
        assert isinstance(app.screen, ContactDetailScreen)
        assert "Grace Hopper" in text_of(app, "#detail-info")

        await pilot.press("ctrl+p")
        await type_text(pilot, "go to review")
        await wait_for(pilot, lambda: "Review" in first_command(app), "Go to Review found")
        await press(pilot, "enter")
        assert isinstance(app.screen, ReviewScreen)

    drive(demo_db, scenario)


# -- first run, live reload, errors ------------------------------------------------------------


def test_welcome_offers_demo_data(db: Path) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        assert isinstance(app.screen, WelcomeScreen)
        await press(pilot, "c")  # screen keys wait until a choice is made
        assert isinstance(app.screen, WelcomeScreen)
        await press(pilot, "d")
        assert isinstance(app.screen, TodayScreen)
        snap = Store(db).snapshot()
        assert len(snap.contacts) == len(build_demo(TODAY).contacts) and len(snap.habits) == 4
        assert app.screen.query_one(AgendaList).items

    drive(db, scenario)


def test_welcome_starter_routine(db: Path) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await press(pilot, "r")
        habits = Store(db).snapshot().habits
        assert sorted((h.name, h.period) for h in habits) == [
            ("Follow up within 2 days", "day"),
            ("Make 1 introduction", "week"),
            ("Reach out to 1 person", "day"),
        ]
        assert "Reach out to 1 person" in text_of(app, "#streaks")

    drive(db, scenario)


@pytest.mark.parametrize("start", ["r", "e"])
def test_an_empty_start_says_how_to_add_the_first_contact(db: Path, start: str) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await press(pilot, start)
        assert isinstance(app.screen, TodayScreen)
        hint = " ".join(text_of(app, "#neglected").split())
        assert "No contacts yet — press c then a to add one" in hint
        assert "networkhabit import linkedin" in hint
        await press(pilot, "c", "a")
        await type_text(pilot, "Ana Ruiz")
        await press(pilot, "enter", "t")
        assert "No contacts yet" not in text_of(app, "#neglected")

    drive(db, scenario, size=(80, 24))


def test_cli_writes_in_another_process_show_up_without_restart(demo_db: Path) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await press(pilot, "c")
        result = await asyncio.to_thread(
            run_cli, demo_db, "add", "Quentin Blake", "--company", "Puffin"
        )
        assert result.returncode == 0, result.stderr
        table = app.screen.query_one(ContactTable)
        for _ in range(300):  # the poll runs every second
            await pilot.pause(0.02)
            if any(r.name == "Quentin Blake" for r in table.rows):
                break
        assert any(r.name == "Quentin Blake" and r.company == "Puffin" for r in table.rows)
        # and the TUI's next write keeps it
        await press(pilot, "t", "space")
        assert any(c.name == "Quentin Blake" for c in Store(demo_db).snapshot().contacts)

    drive(demo_db, scenario)


def test_a_broken_store_is_reported_never_overwritten(demo_db: Path) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        demo_db.write_text("{ not json")
        for _ in range(300):
            await pilot.pause(0.02)
            if any("not valid JSON" in n.message for n in app._notifications):
                break
        assert any("not valid JSON" in n.message for n in app._notifications)
        # a write attempt (space on the first item, a follow-up: its log dialog, enter logs):
        # refused, reported, no crash
        await press(pilot, "space", "enter", "escape", "c", "t")
        assert demo_db.read_text() == "{ not json"
        assert isinstance(app.screen, TodayScreen)

    drive(demo_db, scenario)


# -- a heavy store ----------------------------------------------------------------------------


def heavy_store(path: Path, contacts: int = 5_000, touches: int = 100_000) -> None:
    """A big store, quickly: many contacts and touches, a few habits and check-ins."""
    import random

    rng = random.Random(5)
    people = [
        person(
            f"Person {n:04d}",
            company=f"Company {n % 300}",
            cadence_days=rng.choice([None, 30, 60]),
            tags=("client",),
            offers=("design",) if n % 50 == 0 else (),
            needs=("design",) if n % 70 == 0 else (),
        )
        for n in range(contacts)
    ]
    its = tuple(
        Interaction(new_uid(), (rng.choice(people).uid,), days_ago(rng.randint(0, 900)), "message")
        for _ in range(touches)
    )
    habits = tuple(Habit(new_uid(), f"Habit {n}", days_ago(400)) for n in range(5))
    checks = tuple(CheckIn(new_uid(), h.uid, days_ago(d)) for h in habits for d in range(0, 400, 2))
    snap = world(people, habits=habits, checkins=checks)
    Store(path).replace_all(replace(snap, interactions=its))


def test_a_heavy_store_opens_without_freezing(db: Path) -> None:
    heavy_store(db)

    async def main() -> None:
        app = make_app(db)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            # The first frame is drawn before the data: it says so, and keys work.
            if app.data is None:
                assert "reading the store" in text_of(app, "#starting")
            await pilot.press("c")
            assert isinstance(app.screen, ContactsScreen)
            await settle(pilot)
            table = app.screen.query_one(ContactTable)
            assert len(table.rows) == 5_000
            await press(pilot, "end")
            assert table.current is not None and table.current.name == "Person 4999"
            await press(pilot, "slash")
            await type_text(pilot, "person 42")
            await settle(pilot)
            assert table.rows[0].name == "Person 0042"
            assert len(table.rows) < 5_000
            await press(pilot, "escape", "t")
            assert len(app.screen.query_one(AgendaList).items) > 3

    asyncio.run(main())


# -- every size, every theme, theme colours only ------------------------------------------------


def test_every_screen_and_dialog_works_at_80_by_24(demo_db: Path) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        for keys in (
            ("l", "escape"),
            ("s", "escape"),
            ("c", "a", "escape"),
            ("enter", "e", "escape"),
            ("l", "escape", "s", "escape", "escape"),
            ("w", "left_square_bracket"),
            ("n", "slash", "h", "escape"),
            ("question_mark", "escape"),
            ("t",),
        ):
            await press(pilot, *keys)
            app.export_screenshot()  # renders without an error
        assert isinstance(app.screen, TodayScreen)
        box = app.screen.query_one("#agenda")
        assert len(str(box.border_subtitle)) + 4 <= box.outer_size.width  # not cut off
        await press(pilot, "c")
        summary = app.screen.query_one("#contacts-summary", Static)
        assert summary.outer_size.width == len(str(summary.render())) <= 78  # not cut off
        assert app.screen.query_one("#contacts-hint").display is False  # no room for it

    drive(demo_db, scenario, size=(80, 24))


def test_a_contact_page_at_80_by_24_scrolls_to_the_timeline_by_keyboard(demo_db: Path) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await press(pilot, "c", "enter")
        assert isinstance(app.screen, ContactDetailScreen)
        body = app.screen.query_one("#detail-body")
        assert body.max_scroll_y > 0  # the stacked panels do not fit
        await press(pilot, "pagedown")
        assert body.scroll_y > 0
        await press(pilot, "end")
        for _ in range(100):  # the scroll may animate
            if body.scroll_y == body.max_scroll_y:
                break
            await pilot.pause(0.02)
        assert body.scroll_y == body.max_scroll_y

    drive(demo_db, scenario, size=(80, 24))


def test_every_builtin_theme_renders_in_its_own_colours(demo_db: Path) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        themes = sorted(app.available_themes)
        assert len(themes) > 10
        for theme in themes:
            app.theme = theme
            await pilot.pause()
            svg = app.export_screenshot().lower()
            primary = Color.parse(app.current_theme.primary)
            if primary.ansi is None:  # ansi themes leave the colours to the terminal
                assert primary.hex.lower() in svg, theme

    drive(demo_db, scenario)


def test_tui_colours_come_only_from_theme_variables() -> None:
    root = Path(__file__).resolve().parents[1] / "networkhabit" / "tui"
    hex_colour = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b|rgba?\(")
    names = r"(?:red|green|yellow|blue|magenta|cyan|white|black|orange|purple|grey|gray)"
    named = re.compile(
        rf"(?:color|background)\s*:\s*{names}\b|\[(?:[a-z]+ )*{names}(?: [^\]]*)?\]|on {names}\b"
    )
    offenders = []
    for path in list(root.rglob("*.py")) + list(root.rglob("*.tcss")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if hex_colour.search(line) or named.search(line):
                offenders.append(f"{path.name}:{n}: {line.strip()}")
    assert offenders == []


def test_the_chosen_theme_is_kept_for_the_next_start(demo_db: Path) -> None:
    async def choose(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        app.theme = "nord"
        for _ in range(50):
            await pilot.pause(0.05)
            if Store(demo_db).people().settings.theme == "nord":
                break
        assert Store(demo_db).people().settings.theme == "nord"

    async def reopen(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        assert app.theme == "nord"

    drive(demo_db, choose)
    drive(demo_db, reopen)


def test_space_on_an_ask_item_logs_the_ask_rests_the_prospect_and_undo_restores(
    demo_db: Path,
) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await select_agenda(pilot, "Ask Linus Berg")
        await press(pilot, "space")
        await settle(pilot)
        snap = Store(demo_db).snapshot()
        marta = next(c for c in snap.contacts if c.name == "Marta Lindqvist")
        assert marta.snoozed_until is not None and marta.snoozed_until > TODAY
        assert any(
            i.note == "asked for an introduction to Marta Lindqvist" for i in snap.interactions
        )
        titles = [i.title for i in app.screen.query_one(AgendaList).items]
        assert not any("Marta Lindqvist" in t for t in titles)
        await press(pilot, "u")
        await settle(pilot)
        snap = Store(demo_db).snapshot()
        marta = next(c for c in snap.contacts if c.name == "Marta Lindqvist")
        assert marta.snoozed_until is None
        assert not any("Marta Lindqvist" in i.note for i in snap.interactions)

    drive(demo_db, scenario)


def test_the_neglected_panel_also_lists_drifting_contacts(db: Path) -> None:
    Store(db).replace_all(
        world(
            [person("Ana Ruiz", cadence_days=7), person("Quiet Quinn", created=days_ago(900))],
            touches=[("Ana Ruiz", 2), ("Quiet Quinn", 200)],
        )
    )

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        text = " ".join(text_of(app, "#neglected").split())
        assert "Nobody is slipping away" in text
        assert "Drifting (no rhythm set)" in text
        assert "Quiet Quinn · last talked 7 months ago" in text

    drive(db, scenario)
