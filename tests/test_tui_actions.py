"""Everything from the app (issue 16): habits, counts, ticked habits, breaks, links, merge,
archive, asking along a warm path, and the form fixes — driven as a user would, asserting
on the screen and the store."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, OptionList, Select, Static, TextArea

from networkhabit.domain.model import CheckIn, Habit, new_uid
from networkhabit.store import Store
from networkhabit.tui.app import NetworkhabitApp
from networkhabit.tui.dialogs.habit_form import BreakDialog, BreaksDialog, CountDialog, HabitDialog
from networkhabit.tui.dialogs.people import AskDialog, KnowsDialog, MergeDialog, UnlinkDialog
from networkhabit.tui.screens.contact_detail import ContactDetailScreen
from networkhabit.tui.screens.contacts import ContactsScreen
from networkhabit.tui.screens.network import NetworkScreen
from networkhabit.tui.screens.today import TodayScreen
from networkhabit.tui.screenshots import press, settle
from networkhabit.tui.widgets.agenda import AgendaList
from networkhabit.tui.widgets.contact_table import ContactTable
from networkhabit.tui.widgets.wrapping_list import WrappingList
from tests.conftest import TODAY, days_ago, person, world
from tests.test_tui import drive, first_command, select_agenda, text_of, type_text, wait_for


def habit_items(app: NetworkhabitApp) -> list[tuple[str, bool]]:
    """The Habits section of the agenda as shown: (title, ticked)."""
    items = app.screen.query_one(AgendaList).items
    return [(i.title, i.done) for i in items if i.kind == "habit"]


def agenda_text(app: NetworkhabitApp) -> str:
    agenda = app.screen.query_one(AgendaList)
    return "\n".join(str(agenda.get_option_at_index(n).prompt) for n in range(agenda.option_count))


async def wait_screen(pilot: Pilot[None], kind: type) -> None:
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, kind), kind.__name__)


def simple_world(*habits: Habit, checkins: tuple[CheckIn, ...] = ()) -> tuple:
    ana = person("Ana Ruiz", cadence_days=14)
    bob = person("Bob Stone", cadence_days=7, company="Globex")
    snap = world(
        [ana, bob], touches=[("Ana Ruiz", 30), ("Bob Stone", 60)], habits=habits, checkins=checkins
    )
    return snap, ana, bob


# -- habits ------------------------------------------------------------------------------------


def test_add_edit_and_archive_a_habit_from_today(db: Path) -> None:
    snap, *_ = simple_world(Habit(new_uid(), "Reach out to 1 person", days_ago(30)))
    Store(db).replace_all(snap)
    store = Store(db)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await press(pilot, "a")
        assert isinstance(app.screen, HabitDialog)
        await type_text(pilot, "Coffee chats")
        await pilot.press("tab", "backspace", "2")  # the target
        await press(pilot, "enter")
        assert isinstance(app.screen, TodayScreen)
        [added] = [h for h in store.snapshot().habits if h.name == "Coffee chats"]
        assert (added.target, added.period, added.counts) == (2, "day", "")
        assert ("Coffee chats", False) in habit_items(app)
        assert "Coffee chats  ▱▱ 0/2" in agenda_text(app)

        # e on it: rename, weekdays only
        await select_agenda(pilot, "Coffee chats")
        await press(pilot, "e")
        dialog = app.screen
        assert isinstance(dialog, HabitDialog)
        assert dialog.query_one("#h-name", Input).value == "Coffee chats"
        dialog.query_one("#h-name", Input).value = "Coffee with a peer"
        dialog.query_one("#h-on", Input).value = "weekdays"
        dialog.query_one("#h-counts", Select).value = "touches"
        dialog.query_one("#h-kinds", Input).value = "coffee"
        dialog.query_one("#h-name", Input).focus()
        await press(pilot, "enter")
        edited = next(h for h in store.snapshot().habits if h.uid == added.uid)
        assert (edited.name, edited.days, edited.target) == (
            "Coffee with a peer",
            (0, 1, 2, 3, 4),
            2,
        )
        # What it counts, as written (the store keeps it once the codec stores the fields:
        # the habits-domain branch).
        [written] = app.undo_stack[-1].after
        assert isinstance(written, Habit) and written.uid == added.uid
        assert (written.counts, written.kinds) == ("touches", ("coffee",))
        await wait_for(
            pilot, lambda: ("Coffee with a peer", False) in habit_items(app), "renamed on screen"
        )

        # a name already taken: said in the dialog, which stays open; nothing written
        await press(pilot, "a")
        await type_text(pilot, "reach out to 1 person")
        await press(pilot, "enter")
        assert isinstance(app.screen, HabitDialog)
        assert "already exists" in str(app.screen.query_one(".dialog-error", Static).render())
        await press(pilot, "escape")
        assert len(store.snapshot().habits) == 2

        # x archives it: gone from the agenda, kept in the store; u brings it back
        await select_agenda(pilot, "Coffee with a peer")
        await press(pilot, "x")
        assert next(h for h in store.snapshot().habits if h.uid == added.uid).archived
        assert "Coffee with a peer" not in [t for t, _ in habit_items(app)]
        await press(pilot, "u")
        assert not next(h for h in store.snapshot().habits if h.uid == added.uid).archived

    drive(db, scenario)


def test_space_adds_one_plus_asks_how_many_and_a_met_habit_stays_ticked(db: Path) -> None:
    three = Habit(new_uid(), "Send 3 messages", days_ago(10), target=3)
    snap, *_ = simple_world(three, Habit(new_uid(), "Reach out to 1 person", days_ago(30)))
    Store(db).replace_all(snap)
    store = Store(db)

    def today_count() -> int:
        return sum(c.count for c in store.snapshot().checkins if c.habit == three.uid)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await select_agenda(pilot, "Send 3 messages")
        await press(pilot, "space")
        assert today_count() == 1
        assert "Send 3 messages  ▰▱▱ 1/3" in agenda_text(app)

        await select_agenda(pilot, "Send 3 messages")
        await press(pilot, "plus")
        dialog = app.screen
        assert isinstance(dialog, CountDialog)
        assert dialog.query_one("#count", Input).value == "2"  # what is left to do
        assert "1 of 3 today" in str(dialog.query_one(".dialog-hint", Static).render())
        await press(pilot, "enter")
        assert today_count() == 3
        # met: still on the agenda, ticked, last in the Habits section
        assert habit_items(app) == [("Reach out to 1 person", False), ("Send 3 messages", True)]
        assert "✓ Send 3 messages  ▰▰▰ 3/3" in agenda_text(app)
        assert "1 habit open" in text_of(app, "#today-header")

    drive(db, scenario)


def test_space_on_a_ticked_habit_takes_the_last_check_in_back_and_undo_redoes_it(db: Path) -> None:
    habit = Habit(new_uid(), "Reach out to 1 person", days_ago(30))
    done = CheckIn(new_uid(), habit.uid, TODAY, 1)
    snap, *_ = simple_world(habit, checkins=(done,))
    Store(db).replace_all(snap)
    store = Store(db)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        assert habit_items(app) == [("Reach out to 1 person", True)]
        assert "✓ Reach out to 1 person" in agenda_text(app)
        await select_agenda(pilot, "Reach out to 1 person")
        await press(pilot, "space")
        assert store.snapshot().checkins == ()
        assert habit_items(app) == [("Reach out to 1 person", False)]
        await press(pilot, "u")
        assert store.snapshot().checkins == (done,)
        assert habit_items(app) == [("Reach out to 1 person", True)]

    drive(db, scenario)


def test_plan_a_break_list_it_and_end_it_early(db: Path) -> None:
    snap, *_ = simple_world(Habit(new_uid(), "Reach out to 1 person", days_ago(30)))
    Store(db).replace_all(snap)
    store = Store(db)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await press(pilot, "b")
        dialog = app.screen
        assert isinstance(dialog, BreakDialog)
        dialog.query_one("#b-from", Input).value = "-2d"
        dialog.query_one("#b-to", Input).value = "+1w"
        await wait_for(
            pilot,
            lambda: "(10 days)" in str(dialog.query_one(".dialog-error", Static).render()),
            "the days previewed",
        )
        await press(pilot, "enter")
        [b] = store.snapshot().breaks
        assert (b.start, b.end) == (TODAY - timedelta(days=2), TODAY + timedelta(days=7))
        assert habit_items(app) == []  # nothing is due on a break

        # the palette finds the breaks; enter on one ends it early (yesterday)
        await pilot.press("ctrl+p")
        await type_text(pilot, "breaks")
        await wait_for(pilot, lambda: first_command(app).startswith("Breaks"), "Breaks found")
        await press(pilot, "enter")
        assert isinstance(app.screen, BreaksDialog)
        assert "2026-11-18 – 2026-11-27" in str(
            app.screen.query_one(OptionList).get_option_at_index(0).prompt
        )
        await press(pilot, "enter")
        [ended] = store.snapshot().breaks
        assert ended.end == TODAY - timedelta(days=1)
        assert habit_items(app) == [("Reach out to 1 person", False)]

    drive(db, scenario)


def test_the_palette_finds_habit_archive_and_break_and_offers_the_starters_only_if_missing(
    db: Path,
) -> None:
    from networkhabit.actions.habits import STARTER_ROUTINE

    habits = [
        Habit(new_uid(), name, days_ago(5), target, per) for name, target, per, _ in STARTER_ROUTINE
    ]
    snap, ana, _ = simple_world(*habits)
    Store(db).replace_all(snap)
    store = Store(db)

    async def search(pilot: Pilot[None], app: NetworkhabitApp, query: str) -> str:
        await pilot.press("ctrl+p")
        await type_text(pilot, query)
        await wait_for(pilot, lambda: bool(first_command(app)), f"a hit for {query!r}")
        return first_command(app)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        assert "habit" in (await search(pilot, app, "habit")).lower()
        await press(pilot, "escape")
        assert "break" in (await search(pilot, app, "break")).lower()
        await press(pilot, "escape")
        assert (await search(pilot, app, "starter")) != "Add the starter routine"
        await press(pilot, "escape")
        assert (await search(pilot, app, "archive ana")).startswith("Archive Ana Ruiz")
        await press(pilot, "enter")
        assert next(c for c in store.snapshot().contacts if c.uid == ana.uid).archived

    drive(db, scenario)


# -- contacts: archive, knows, unlink, merge --------------------------------------------------------


def test_archive_a_contact_from_the_contacts_screen(db: Path) -> None:
    snap, ana, _ = simple_world()
    Store(db).replace_all(snap)
    store = Store(db)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await press(pilot, "c")
        assert isinstance(app.screen, ContactsScreen)
        table = app.screen.query_one(ContactTable)
        while table.current is not None and table.current.uid != ana.uid:
            await press(pilot, "down")
        await press(pilot, "x")
        assert next(c for c in store.snapshot().contacts if c.uid == ana.uid).archived
        await press(pilot, "t")
        assert "Reach out to Ana Ruiz" not in agenda_text(app)

    drive(db, scenario)


def test_knows_and_unlink_from_a_contacts_page(db: Path) -> None:
    snap, ana, bob = simple_world()
    Store(db).replace_all(snap)
    store = Store(db)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        app.open_contact(ana.uid)
        await wait_screen(pilot, ContactDetailScreen)
        await settle(pilot)
        await press(pilot, "k")
        assert isinstance(app.screen, KnowsDialog)
        await type_text(pilot, "bob")
        await pilot.press("tab")
        await type_text(pilot, "worked together")
        await press(pilot, "enter")
        [link] = store.snapshot().links
        assert {link.a, link.b} == {ana.uid, bob.uid} and link.note == "worked together"
        await wait_for(pilot, lambda: "Bob Stone" in text_of(app, "#detail-knows"), "Bob shown")

        await press(pilot, "r")
        assert isinstance(app.screen, UnlinkDialog)
        assert app.screen.query_one("#other", Input).value == "Bob Stone"  # the only link
        await press(pilot, "enter")
        assert store.snapshot().links == ()
        await wait_for(pilot, lambda: "Bob Stone" not in text_of(app, "#detail-knows"), "unlinked")
        await press(pilot, "u")
        assert [lk.uid for lk in store.snapshot().links] == [link.uid]

    drive(db, scenario)


def test_merge_from_a_contacts_page_and_undo(db: Path) -> None:
    ana = person("Ana Ruiz", cadence_days=14, url="https://www.linkedin.com/in/ana-old")
    dup = person("Ana R.", email="ana@example.com", url="https://www.linkedin.com/in/ana-new")
    tom = person("Tom Berg")
    snap = world(
        [ana, dup, tom],
        touches=[("Ana Ruiz", 30), ("Ana R.", 3, {"follow_up": TODAY + timedelta(days=2)})],
        links=[("Ana R.", "Tom Berg")],
    )
    Store(db).replace_all(snap)
    store = Store(db)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        app.open_contact(ana.uid)
        await wait_screen(pilot, ContactDetailScreen)
        await settle(pilot)
        await press(pilot, "M")
        dialog = app.screen
        assert isinstance(dialog, MergeDialog)
        assert dialog.query_one("#keep", Input).value == "Ana Ruiz"
        await type_text(pilot, "Ana R.")
        await wait_for(
            pilot,
            lambda: (
                "url: 'https://www.linkedin.com/in/ana-old' kept"
                in str(dialog.query_one(".dialog-error", Static).render())
            ),
            "the differences previewed",
        )
        await press(pilot, "enter")
        now = store.snapshot()
        assert [c.uid for c in now.contacts] == [ana.uid, tom.uid]
        merged = now.contacts[0]
        assert merged.email == "ana@example.com" and merged.url == ana.url
        assert all(t.contacts == (ana.uid,) for t in now.interactions)
        assert any(t.follow_up for t in now.interactions)
        assert {(lk.a, lk.b) for lk in now.links} == {(ana.uid, tom.uid)}
        await wait_for(pilot, lambda: "Tom Berg" in text_of(app, "#detail-knows"), "link moved")

        await press(pilot, "u")
        back = store.snapshot()
        assert sorted(back.contacts, key=lambda c: c.uid) == sorted(
            snap.contacts, key=lambda c: c.uid
        )
        assert sorted(back.interactions, key=lambda t: t.uid) == sorted(
            snap.interactions, key=lambda t: t.uid
        )
        assert back.links == snap.links

    drive(db, scenario)


# -- network: ask along a warm path ------------------------------------------------------------


def test_enter_on_a_warm_path_asks_the_first_person_with_a_draft(db: Path) -> None:
    ana = person("Ana Ruiz")
    rita = person("Rita Gomez", company="Initech", title="CTO", known=False)
    snap = world([ana, rita], touches=[("Ana Ruiz", 5)], links=[("Ana Ruiz", "Rita Gomez")])
    Store(db).replace_all(snap)
    store = Store(db)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await press(pilot, "n")
        assert isinstance(app.screen, NetworkScreen)
        paths = app.screen.query_one("#paths", WrappingList)
        paths.focus()
        await settle(pilot)
        assert paths.highlighted_id == "p-1"
        await press(pilot, "enter")
        dialog = app.screen
        assert isinstance(dialog, AskDialog)
        draft = dialog.query_one("#draft", TextArea).text
        assert draft.startswith("Hi Ana,") and "Rita Gomez (CTO at Initech)" in draft
        await press(pilot, "enter")  # "Log the ask" has the focus
        [asked] = [t for t in store.snapshot().interactions if t.date == TODAY]
        assert asked.contacts == (ana.uid,) and "Rita Gomez" in asked.note

    drive(db, scenario)


# -- forms -----------------------------------------------------------------------------------


def test_keys_typed_right_after_tab_land_in_the_next_field(db: Path) -> None:
    snap, *_ = simple_world()
    Store(db).replace_all(snap)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await press(pilot, "a")
        assert isinstance(app.screen, HabitDialog)
        # As a fast typist's terminal delivers them: all queued before any is handled.
        for key, char in (("c", "c"), ("tab", "\t"), ("7", "7"), ("8", "8")):
            app.post_message(events.Key(key, char))
        await wait_for(  # (Tab selects the target's text: typing replaces it)
            pilot, lambda: app.screen.query_one("#h-target", Input).value == "78", "78 in Target"
        )
        assert app.screen.query_one("#h-name", Input).value == "c"

    drive(db, scenario)


def test_enter_on_a_checkbox_saves_the_form(db: Path) -> None:
    snap, *_ = simple_world()
    Store(db).replace_all(snap)
    store = Store(db)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await press(pilot, "c", "a")
        await type_text(pilot, "Zed Quinn")
        box = app.screen.query_one("#f-prospect", Checkbox)
        box.focus()
        await press(pilot, "space")
        assert box.value
        await press(pilot, "enter")
        assert isinstance(app.screen, ContactsScreen)
        [zed] = [c for c in store.snapshot().contacts if c.name == "Zed Quinn"]
        assert not zed.known

    drive(db, scenario)


def test_at_80_by_24_a_weekly_habit_keeps_this_week_on_one_line(db: Path) -> None:
    weekly = Habit(new_uid(), "Make 1 introduction to someone", days_ago(30), period="week")
    snap, *_ = simple_world(weekly, checkins=(CheckIn(new_uid(), weekly.uid, TODAY, 1),))
    Store(db).replace_all(snap)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        shown = agenda_text(app)
        assert "✓ Make 1 introduction to someone" in shown
        assert "▰ 1/1 this week" in shown  # the count and its unit together, never split
        [row] = [r for r in shown.splitlines() if "1/1" in r]
        assert row.endswith("1/1 this week")

    drive(db, scenario, size=(80, 24))


def test_the_log_dialog_previews_the_follow_up_and_move_labels_its_date(db: Path) -> None:
    snap, *_ = simple_world()
    fu = person("Cleo Park")
    snap = world(
        [*snap.contacts, fu], touches=[("Cleo Park", 3, {"follow_up": TODAY, "note": "deck"})]
    )
    Store(db).replace_all(snap)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await select_agenda(pilot, "Reach out to Ana Ruiz")
        await press(pilot, "l")
        app.screen.query_one("#follow-up", Input).value = "+3d"
        await wait_for(
            pilot,
            lambda: (
                "follow up Monday 23 November 2026 (in 3 days)"
                in str(app.screen.query_one(".dialog-error", Static).render())
            ),
            "the follow-up previewed",
        )
        await press(pilot, "escape")
        await select_agenda(pilot, "Follow up with Cleo Park")
        await press(pilot, "s")
        labels = [str(w.render()) for w in app.screen.query(".form-label")]
        assert labels == ["Follow up on"]

    drive(db, scenario)
