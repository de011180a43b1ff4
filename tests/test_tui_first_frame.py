"""The app's first frame is not drawn twice (issue 15, light store start).

- the terminal's size, which the app is told twice as it starts, does not lay the Today
  screen out again once the app is idle (it is laid out at that size already); a real
  resize still does;
- the agenda's options are drawn once for the first frame: the agenda keeps room for its
  scrollbar (the width does not change as the scrollbar appears), and the size Textual
  tells it after that frame does not make it forget what it drew at that width; at a new
  width they are drawn again, to the new width;
- the Contacts table is laid out once as it opens: its rows do not depend on its width.

Pilot tests wait on conditions; no timing assertions.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from textual.containers import Vertical
from textual.pilot import Pilot
from textual.screen import Screen

from networkhabit.tui.app import NetworkhabitApp
from networkhabit.tui.screens.contacts import ContactsScreen
from networkhabit.tui.screens.today import TodayScreen
from networkhabit.tui.widgets.agenda import AgendaList
from networkhabit.tui.widgets.contact_table import ContactTable
from networkhabit.tui.widgets.text import WrappedLines
from tests.pilot import Scenario, ScreenSpy, drive, until


def run_from_start(db: Path, scenario: Scenario, size: tuple[int, int] = (120, 40)) -> None:
    """tests.pilot.drive (the spies the fixtures set see the start), a few idle rounds
    more before the scenario."""

    async def settled(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        for _ in range(3):
            await pilot.pause()
        await scenario(app, pilot)

    drive(db, settled, size)


@pytest.fixture
def resized(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many resizes Textual's handler took for each screen class (it lays the screen
    out and every screen behind it)."""
    counts: Counter[str] = Counter()
    real = Screen._on_resize

    async def counting(screen: Screen, event):  # type: ignore[no-untyped-def]
        counts[type(screen).__name__] += 1
        await real(screen, event)

    monkeypatch.setattr(Screen, "_on_resize", counting)
    return counts


def test_the_start_size_told_again_does_not_lay_today_out_again(
    demo_db: Path, resized: Counter[str]
) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        assert isinstance(app.screen, TodayScreen)
        assert resized["TodayScreen"] == 0, resized
        # A real resize goes through, and lays it out at the new size.
        await pilot.resize_terminal(100, 30)
        await until(pilot, lambda: resized["TodayScreen"] >= 1, "Today resized")
        await until(pilot, lambda: app.screen.outer_size == (100, 30), "at the new size")

    run_from_start(demo_db, scenario)


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """Each agenda option drawn: (the option's lines object, the width), in order."""
    made: list[tuple[int, int]] = []
    real = WrappedLines.render_strips

    def counting(self, width, height, style, options):  # type: ignore[no-untyped-def]
        made.append((id(self), width))
        return real(self, width, height, style, options)

    monkeypatch.setattr(WrappedLines, "render_strips", counting)
    return made


def test_the_agendas_options_are_drawn_once_for_the_first_frame(
    demo_db: Path, drawn: list[tuple[int, int]]
) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        agenda = app.screen.query_one(AgendaList)
        options = {id(option.prompt) for option in agenda.options}
        mine = [(option, width) for option, width in drawn if option in options]
        assert agenda.option_count >= 3 and mine  # (the spy sees the drawing)
        times = Counter(option for option, _width in mine)
        assert max(times.values()) == 1, times
        assert {w for _, w in mine} == {agenda.scrollable_content_region.width}

    run_from_start(demo_db, scenario)


def test_the_agenda_keeps_room_for_its_scrollbar(demo_db: Path) -> None:
    """Its content width is the same with the scrollbar and without it."""

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        agenda = app.screen.query_one(AgendaList)
        with_bar = agenda.scrollable_content_region.width
        assert agenda.scrollbar_size_vertical > 0  # the room is kept …
        # … whether or not the options overflow (the demo's do at 12 rows, not at 60).
        inside = agenda.region.width - agenda.styles.gutter.width  # (border and padding)
        assert inside - with_bar == agenda.scrollbar_size_vertical

    run_from_start(demo_db, scenario, size=(120, 12))
    run_from_start(demo_db, scenario, size=(120, 60))


def test_at_a_new_width_the_options_are_drawn_again_to_it(
    demo_db: Path, drawn: list[tuple[int, int]]
) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        agenda = app.screen.query_one(AgendaList)
        before = agenda.scrollable_content_region.width
        drawn.clear()
        await pilot.resize_terminal(100, 40)
        await until(pilot, lambda: agenda.scrollable_content_region.width != before, "narrower")
        width = agenda.scrollable_content_region.width
        options = {id(option.prompt) for option in agenda.options}
        await until(
            pilot, lambda: any(o in options and w == width for o, w in drawn), "drawn again"
        )
        for _ in range(3):
            await pilot.pause()
        # Every line on show is as wide as the list now (nothing kept from the old width).
        for y in range(agenda.scrollable_content_region.height):
            assert agenda.render_line(y).cell_length == width

    run_from_start(demo_db, scenario)


def test_contacts_opens_in_one_layout(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        spy = ScreenSpy(monkeypatch)
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, ContactsScreen), "Contacts")
        table = app.screen.query_one(ContactTable)
        await until(pilot, lambda: len(table.rows) > 0 and table.size.height > 2, "rows")
        for _ in range(3):
            await pilot.pause()
        assert spy.laid_out.count("ContactsScreen") == 1, spy.laid_out
        # The rows fill the width all the same, and it scrolls down, never sideways.
        width = table.scrollable_content_region.width
        assert table.render_line(1).cell_length == width
        assert table.max_scroll_x == 0

    run_from_start(demo_db, scenario)


def test_todays_panels_draw_their_own_borders(demo_db: Path) -> None:
    """No container per panel (each cost more to mount, lay out and paint than its panel):
    the agenda, the streaks and the neglected list carry the panel border and title."""

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        screen = app.screen
        assert not screen.query(Vertical)
        for selector, title in (
            ("#agenda", "Agenda"),
            ("#streaks", "Streaks"),
            ("#neglected", "Neglected ("),
        ):
            panel = screen.query_one(selector)
            assert panel.has_class("panel") and str(panel.border_title).startswith(title)
            assert panel.styles.border_top[0] == "round"
        agenda = screen.query_one(AgendaList)
        assert (
            agenda.has_focus
            and agenda.styles.border_top[1] != (screen.query_one("#streaks").styles.border_top[1])
        )  # the focused panel's border is lit

    run_from_start(demo_db, scenario)


@pytest.fixture
def restyled_unmounted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The widgets Textual restyled before they were mounted (each is styled as it mounts:
    a restyle before that is the same work twice)."""
    from textual.css.stylesheet import Stylesheet

    seen: list[str] = []
    real = Stylesheet.update_nodes

    def spying(self, nodes, animate=False):  # type: ignore[no-untyped-def]
        nodes = list(nodes)
        seen.extend(f"{type(n).__name__}#{n.id}" for n in nodes if not n.is_mounted)
        return real(self, nodes, animate)

    monkeypatch.setattr(Stylesheet, "update_nodes", spying)
    return seen


def test_no_widget_of_today_is_restyled_before_it_mounts(
    demo_db: Path, restyled_unmounted: list[str]
) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        assert isinstance(app.screen, TodayScreen)
        # The panels have their class and its border from the start.
        assert app.screen.query_one("#streaks").has_class("panel")
        assert app.screen.query_one("#streaks").styles.border_top[0] == "round"
        assert restyled_unmounted == []

    run_from_start(demo_db, scenario)


def test_a_mode_switch_holds_no_frame_back(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from textual.app import App

    delays: list[float] = []
    real = App.delay_update

    def spying(self, delay=0.05):  # type: ignore[no-untyped-def]
        delays.append(delay)
        return real(self, delay)

    monkeypatch.setattr(App, "delay_update", spying)

    # Textual's switch_mode holds frames back (if it stops, the app's override is moot and
    # this tells): a bare app with two modes.
    class Bare(App[None]):
        MODES = {"a": Screen, "b": Screen}  # noqa: RUF012

    async def bare() -> None:
        app = Bare()
        async with app.run_test():
            await app.switch_mode("a")
            assert delays

    import asyncio

    asyncio.run(bare())
    delays.clear()

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        # The start switched to Today with no frame held back, and so does a key.
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, ContactsScreen), "contacts")
        assert delays == []
        assert app._batch_count == 0  # frames reach the terminal (Textual's counter)

    run_from_start(demo_db, scenario)


@pytest.mark.parametrize("size", [(120, 40), (90, 30)])
def test_the_agenda_is_laid_out_once_with_its_scrollbar(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    # OptionList measures its options as it first draws them, after the first layout: the
    # height it sets and the scrollbar that shows asked for a second layout, and the options
    # were wrapped and drawn again (the bar took room). Measured ahead, at the size the
    # layout then gives the agenda, it is laid out once.
    from networkhabit.tui.widgets import ahead

    layouts: list[str] = []
    real = Screen._refresh_layout

    def counting(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        layouts.append(type(self).__name__)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Screen, "_refresh_layout", counting)
    planned: list[object] = []
    real_planned = ahead.planned_size

    def recording(widget):  # type: ignore[no-untyped-def]
        planned.append(real_planned(widget))
        return planned[-1]

    monkeypatch.setattr(ahead, "planned_size", recording)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        agenda = app.screen.query_one(AgendaList)
        assert planned == [agenda.outer_size]  # the size it was given, told ahead
        assert agenda.show_vertical_scrollbar and agenda.vertical_scrollbar.display
        assert agenda.virtual_size.height > agenda.scrollable_content_region.height
        assert layouts.count("TodayScreen") == 1, layouts

    run_from_start(demo_db, scenario, size)
