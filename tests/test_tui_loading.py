"""How the app reads the store and fills its screens: the partial snapshot, the start screen,
long agendas filled in chunks, late introduction suggestions, text made for its width, and
the footer. Pilot tests assert on what the screen shows; no timing assertions."""

from __future__ import annotations

import asyncio
import gc
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Static

from networkhabit.actions.session import Session
from networkhabit.demo import build_demo
from networkhabit.domain.agenda import introduction_items
from networkhabit.domain.model import Interaction, Snapshot, TouchIndex, new_uid
from networkhabit.domain.safe import terminal_safe
from networkhabit.store import Store
from networkhabit.tui import app as app_module
from networkhabit.tui.app import NetworkhabitApp, make_app
from networkhabit.tui.data import Loaded, load
from networkhabit.tui.screens import today as today_module
from networkhabit.tui.screens.contact_detail import ContactDetailScreen
from networkhabit.tui.screens.contacts import ContactsScreen
from networkhabit.tui.screens.today import TodayScreen
from networkhabit.tui.screenshots import press, settle
from networkhabit.tui.widgets import wrapping_list
from networkhabit.tui.widgets.agenda import AgendaList
from networkhabit.tui.widgets.contact_table import ContactTable
from networkhabit.tui.widgets.text import WrappedLines, hanging, wrapped
from tests.conftest import TODAY, days_ago, person, world
from tests.pilot import count_footer_builds, footer_keys


def run(db: Path, scenario, size: tuple[int, int] = (120, 40)) -> None:  # type: ignore[no-untyped-def]
    """Run the app on ``db`` and play ``scenario`` (it settles the app itself)."""

    async def main() -> None:
        app = make_app(db)
        async with app.run_test(size=size) as pilot:
            await scenario(app, pilot)

    asyncio.run(main())


def shown(app: NetworkhabitApp, selector: str) -> str:
    """The plain text a Static shows, on one line."""
    return " ".join(str(app.screen.query_one(selector, Static).render()).split())


# -- the load ---------------------------------------------------------------------------------


def test_the_load_is_a_partial_snapshot_with_every_touch_counted(db: Path) -> None:
    ana = person("Ana Ruiz", cadence_days=14)
    Store(db).replace_all(
        world(
            [ana],
            touches=[
                ("Ana Ruiz", 40, {"note": "old coffee"}),
                ("Ana Ruiz", 5, {"follow_up": days_ago(1), "follow_up_done": True}),
                ("Ana Ruiz", 3, {"follow_up": TODAY, "note": "send deck"}),
            ],
        )
    )
    data = load(Session(db), 1)
    assert data.snap.partial
    # Of the touches only the open follow-up is held; the statistics count all three.
    assert [i.note for i in data.snap.interactions] == ["send deck"]
    assert data.stats[ana.uid].count == 3 and data.stats[ana.uid].last == days_ago(3)
    assert not data.empty


def test_a_store_with_only_touches_is_not_empty() -> None:
    def loaded(snap: Snapshot) -> Loaded:
        return Loaded(snap, TODAY, None, 1, {}, {}, {})

    touched = TouchIndex({"x": ["2026-11-01"]}, {"2026-11-01": 1}, {})
    assert not loaded(Snapshot(index=touched, partial=True)).empty
    assert loaded(Snapshot(index=TouchIndex(), partial=True)).empty
    assert loaded(Snapshot()).empty


def test_a_contact_page_shows_every_touch_read_from_the_store(db: Path) -> None:
    ana, bob = person("Ana Ruiz", cadence_days=14), person("Bob Stone")
    Store(db).replace_all(
        world(
            [ana, bob],
            touches=[
                ("Ana Ruiz", 60, {"note": "met at the meetup", "kind": "event"}),
                (["Ana Ruiz", "Bob Stone"], 20, {"note": "lunch together", "kind": "coffee"}),
                ("Ana Ruiz", 5, {"follow_up": days_ago(1), "follow_up_done": True}),
                ("Bob Stone", 2, {"note": "only bob"}),
            ],
        )
    )

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await settle(pilot)
        assert app.data is not None and app.data.snap.partial
        app.open_contact(ana.uid)
        await settle(pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        timeline = shown(app, "#detail-touches")
        assert "lunch together · with Bob Stone" in timeline
        assert "met at the meetup" in timeline and "only bob" not in timeline
        # newest first
        assert timeline.index(days_ago(5).isoformat()) < timeline.index("lunch together")
        assert timeline.index("lunch together") < timeline.index("met at the meetup")
        assert "3 touches" in shown(app, "#detail-info")

    run(db, scenario)


def test_the_collector_is_on_again_after_a_load(demo_db: Path) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await settle(pilot)
        assert gc.isenabled()

    run(demo_db, scenario)


# -- the start screen -------------------------------------------------------------------------


def test_the_first_frame_says_the_store_is_read_and_keys_work_meanwhile(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    real_load = app_module.load

    def slow_load(store: Session, version: int, complete: bool = True) -> Loaded:
        release.wait(30)
        return real_load(store, version, complete)

    monkeypatch.setattr(app_module, "load", slow_load)
    monkeypatch.setattr(app_module, "READ_AT_ONCE_BELOW", 0)  # read it as a large store

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await pilot.pause()
        assert app.data is None
        assert "reading the store" in shown(app, "#starting")
        await pilot.press("c")  # a screen key works before the data is there
        assert isinstance(app.screen, ContactsScreen)
        release.set()
        await settle(pilot)
        # The load does not take the user back to Today; the table fills in.
        assert isinstance(app.screen, ContactsScreen)
        assert len(app.screen.query_one(ContactTable).rows) == len(build_demo(TODAY).contacts)
        await press(pilot, "t")
        assert isinstance(app.screen, TodayScreen)
        assert len(app.screen.query_one(AgendaList).items) > 3

    run(demo_db, scenario)


def test_a_small_store_is_read_before_the_first_frame(demo_db: Path) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        # No start screen: the first screen shown is Today, with its data.
        assert app.data is not None
        assert isinstance(app.screen, TodayScreen)
        await pilot.pause()
        assert len(app.screen.query_one(AgendaList).items) > 3
        assert "networking streak" in shown(app, "#today-header")

    run(demo_db, scenario)


def test_a_store_that_cannot_be_read_is_reported_on_the_today_screen(db: Path) -> None:
    db.parent.mkdir(parents=True, exist_ok=True)
    db.write_text("{ not json", encoding="utf-8")

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        for _ in range(300):
            await pilot.pause(0.01)
            if app._notifications:
                break
        assert isinstance(app.screen, TodayScreen)
        assert app.data is None
        assert any("not valid JSON" in n.message for n in app._notifications)

    run(db, scenario)
    assert db.read_text(encoding="utf-8") == "{ not json"


def test_a_large_store_is_read_in_two_steps_and_every_screen_gets_the_links(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "READ_AT_ONCE_BELOW", 0)  # read it as a large store
    steps: list[bool] = []
    real_load = app_module.load

    def counting_load(store: Session, version: int, complete: bool = True) -> Loaded:
        steps.append(complete)
        return real_load(store, version, complete)

    monkeypatch.setattr(app_module, "load", counting_load)
    links = len(Store(demo_db).snapshot().links)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await settle(pilot)
        assert steps == [False]  # the first step left the links out …
        assert app.data is not None and app.data.complete  # … the second read them
        assert len(app.data.snap.links) == links
        items = app.screen.query_one(AgendaList).items
        # The suggestions were worked out with the links (not from the first step without).
        expected = introduction_items(Store(demo_db).snapshot(), TODAY)
        assert [(i.kind, i.title) for i in items[-2:]] == [(i.kind, i.title) for i in expected]
        await press(pilot, "n")
        assert app.screen.query_one("#give-box").border_title != "Give first"  # counted

    run(demo_db, scenario)


def test_a_write_before_the_links_are_read_does_not_duplicate_a_link(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from networkhabit.actions import intros

    monkeypatch.setattr(app_module, "READ_AT_ONCE_BELOW", 0)
    monkeypatch.setattr(app_module, "LINKS_AFTER", 3600.0)  # the second step never comes
    before = Store(demo_db).snapshot()
    link = before.links[0]

    def intros_today() -> list[Interaction]:
        touches = Store(demo_db).snapshot().interactions
        return [i for i in touches if i.kind == "intro" and i.date == TODAY]

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await first_agenda(app, pilot)  # (settle would wait for the suggestions: never here)
        assert app.data is not None and not app.data.complete
        app.write(intros.make(link.a, link.b, TODAY))  # they know each other already
        for _ in range(1000):
            await pilot.pause(0.01)
            if intros_today():
                break

    run(demo_db, scenario)
    after = Store(demo_db).snapshot()
    assert len(after.links) == len(before.links)  # no second link between them
    assert [set(i.contacts) for i in intros_today()] == [{link.a, link.b}]


# -- long agendas and late introductions ------------------------------------------------------


def follow_up_world(n: int) -> Snapshot:
    """``n`` contacts, each with a follow-up due today."""
    people = [person(f"Person {k:03d}") for k in range(n)]
    touches = [(p.name, 3, {"follow_up": TODAY, "note": f"note {k}"}) for k, p in enumerate(people)]
    return world(people, touches=touches)


async def first_agenda(app: NetworkhabitApp, pilot: Pilot[None]) -> AgendaList:
    """The Today screen's agenda, once it shows the first items (not waiting for the rest)."""
    for _ in range(1000):
        await pilot.pause(0.01)
        lists = app.screen.query(AgendaList)
        if isinstance(app.screen, TodayScreen) and lists and lists.first().items:
            return lists.first()
    raise AssertionError("the agenda never showed its items")


async def all_follow_ups(app: NetworkhabitApp, pilot: Pilot[None]) -> AgendaList:
    """The agenda once enter on "+N more follow-ups" has made it long (it lists a few)."""
    agenda = await first_agenda(app, pilot)
    while agenda.selected_item is None or agenda.selected_item.kind != "more":
        await pilot.press("down")
    await pilot.press("enter")
    assert "more" not in [i.kind for i in agenda.items]
    agenda.highlighted = 1
    return agenda


def test_a_long_agenda_fills_in_and_the_last_item_is_one_key_away(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    n = 3 * wrapping_list.FIRST_CHUNK + 7
    Store(db).replace_all(follow_up_world(n))
    monkeypatch.setattr(wrapping_list, "REST_AFTER", 60.0)  # the rest only when asked for

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        agenda = await all_follow_ups(app, pilot)
        assert len(agenda.items) == n
        assert agenda.filling  # the first screenfuls only
        assert agenda.option_count < n
        await pilot.press("end")  # made at once when asked for
        assert agenda.selected_item is agenda.items[-1]
        assert not agenda.filling
        assert agenda.option_count == n + 1  # and the heading
        await pilot.press("home")
        assert agenda.selected_item is agenda.items[0]

    run(db, scenario)


def test_the_rest_of_a_long_agenda_follows_by_itself(db: Path) -> None:
    n = 3 * wrapping_list.FIRST_CHUNK + 7
    Store(db).replace_all(follow_up_world(n))

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await all_follow_ups(app, pilot)
        await settle(pilot)  # waits for the list to fill
        agenda = app.screen.query_one(AgendaList)
        assert not agenda.filling
        assert agenda.option_count == n + 1
        assert [agenda.get_option_at_index(k + 1).id for k in range(n)] == agenda._keys

    run(db, scenario)


def test_down_at_the_end_of_what_is_made_does_not_wrap_to_the_top(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    n = 2 * wrapping_list.FIRST_CHUNK
    Store(db).replace_all(follow_up_world(n))
    monkeypatch.setattr(wrapping_list, "REST_AFTER", 60.0)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        agenda = await all_follow_ups(app, pilot)
        assert agenda.filling
        last_made = agenda.option_count - 1
        agenda.highlighted = last_made
        await pilot.press("down")
        assert agenda.highlighted == last_made + 1
        assert agenda.selected_item is agenda.items[last_made]  # index 0 is the heading

    run(db, scenario)


def test_introductions_join_a_large_networks_agenda_once_it_is_shown(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(today_module, "INLINE_INTROS", 0)  # every network counts as large

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TodayScreen) and not screen.pending
        kinds = [i.kind for i in screen.query_one(AgendaList).items]
        assert kinds[-2:] == ["give_first", "ask_intro"]
        # After a write the suggestions are worked out again for the new load.
        await press(pilot, "space")
        kinds = [i.kind for i in screen.query_one(AgendaList).items]
        assert kinds[-2:] == ["give_first", "ask_intro"]

    run(demo_db, scenario)


def test_the_agenda_cursor_stays_on_its_item_when_the_agenda_is_filled_again(
    demo_db: Path,
) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await settle(pilot)
        agenda = app.screen.query_one(AgendaList)
        kinds = [i.kind for i in agenda.items]
        target = agenda.items[kinds.index("neglected") + 1]  # two sections down
        for _ in range(len(agenda.items) + 5):
            if agenda.selected_item == target:
                break
            await pilot.press("down")
        assert agenda.selected_item == target
        app.reload()  # the same store read again: the agenda is made anew
        await settle(pilot)
        assert agenda.selected_item == target
        await pilot.resize_terminal(90, 40)
        await settle(pilot)
        assert agenda.selected_item == target

    run(demo_db, scenario)


# -- text made for its width --------------------------------------------------------------------


def reference_hanging(prefix: str, body: str, style: str, width: int, indent: int | None) -> str:
    """What hanging() made before its one-line shortcut: textwrap every time."""
    head = Content(prefix)
    pad = head.cell_length if indent is None else indent
    width = max(width, head.cell_length + 10, pad + 10)
    return wrapped(head, body, style, width, pad).markup


@settings(max_examples=300, deadline=None)
@given(
    body=st.text(alphabet=st.sampled_from(list("ab -\t\n\xa0漢\x08")), max_size=40) | st.text(),
    width=st.integers(0, 60),
    prefix=st.sampled_from(["", "  ", "• ", "漢 "]),
    indent=st.sampled_from([None, 0, 2, 4]),
)
def test_hanging_text_wraps_as_textwrap_does(
    body: str, width: int, prefix: str, indent: int | None
) -> None:
    made = hanging(prefix, body, "$text-muted", width, indent).markup
    body = terminal_safe(body)  # control characters are shown visibly (issue 18)
    assert made == reference_hanging(prefix, body, "$text-muted", width, indent)


def test_wrapped_lines_measure_as_the_content_wraps() -> None:
    from networkhabit.tui.widgets.text import Hang

    lines = [Hang("• ", "a fairly long line of text that has to wrap somewhere " * 2), Content("x")]
    visual = WrappedLines(lines)
    for width in (20, 33, 50, 120):
        content = visual.content_for(width)
        assert visual.get_height({}, width) == content.get_height({}, width)
    # Made for 50 cells, drawn in 30: measured as the content wraps it again.
    narrow = WrappedLines(lines, wrap_width=lambda _width: 50)
    assert narrow.get_height({}, 30) == narrow.content_for(30).get_height({}, 30)


# -- the footer -----------------------------------------------------------------------------------


def test_the_footer_shows_each_screens_keys_and_is_made_again_only_when_they_change(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = count_footer_builds(monkeypatch)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await settle(pilot)
        assert {"Done", "Log touch", "Snooze", "Undo", "Help", "Quit"} <= set(
            footer_keys(app.screen)
        )
        before = len(made)
        await press(pilot, "down", "down", "down", "up")  # same keys: the footer stays
        assert len(made) == before
        await press(pilot, "c")
        assert "Filter" in footer_keys(app.screen) and "Done" not in footer_keys(app.screen)
        await press(pilot, "slash")  # typing in the filter: letters are text, not keys
        assert "Add" not in footer_keys(app.screen)
        await press(pilot, "escape")
        assert "Add" in footer_keys(app.screen)
        await press(pilot, "t")
        assert "Done" in footer_keys(app.screen)

    run(demo_db, scenario)


def test_a_touch_logged_today_is_in_the_timeline_after_the_write(db: Path) -> None:
    ana = person("Ana Ruiz", cadence_days=14)
    Store(db).replace_all(world([ana], touches=[("Ana Ruiz", 30, {"note": "first chat"})]))

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await settle(pilot)
        app.open_contact(ana.uid)
        await settle(pilot)
        Store(db).add(Interaction(new_uid(), (ana.uid,), TODAY - timedelta(days=0), note="hi"))
        app.reload()
        await settle(pilot)
        timeline = shown(app, "#detail-touches")
        assert f"{TODAY.isoformat()} message hi" in timeline and "first chat" in timeline

    run(db, scenario)
