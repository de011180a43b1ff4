"""A key's frames draw only what changed (issue 15): one agenda option drawn again, not all;
the streaks panel's unchanged lines kept as drawn; a write's worker brings the introduction
suggestions with the rest, so the agenda is filled once per write; and the collector's full
collections wait until the app is idle. Pilot tests: every wait is a bounded poll."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from textual.content import Content
from textual.pilot import Pilot
from textual.visual import Visual
from textual.widgets.option_list import Option

from networkhabit.tui import app as app_module
from networkhabit.tui.app import NetworkhabitApp
from networkhabit.tui.screens import today as today_module
from networkhabit.tui.screens.today import TodayScreen
from networkhabit.tui.screenshots import settle
from networkhabit.tui.widgets import streaks as streaks_module
from networkhabit.tui.widgets.agenda import AgendaList
from networkhabit.tui.widgets.streaks import StreaksPanel
from networkhabit.tui.widgets.text import ForWidth, LineByLine, WrappedLines
from networkhabit.tui.widgets.wrapping_list import WrappingList
from tests.pilot import drive, until


def option_key(agenda: AgendaList, kind: str) -> str:
    return next(k for k, it in zip(agenda._keys, agenda.items, strict=True) if it.kind == kind)


# -- one option drawn again -----------------------------------------------------------------


def test_optionlist_still_has_the_caches_replace_prompt_uses(demo_db: Path) -> None:
    """WrappingList.replace_prompt, render_lines and _set_options_kept reach into
    OptionList: this fails if Textual changes what they use (then they must change with it)."""

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        agenda = app.screen.query_one(AgendaList)
        assert hasattr(agenda._option_render_cache, "keys")
        assert hasattr(agenda._option_render_cache, "discard")
        assert isinstance(agenda._line_cache.heights, dict)
        assert callable(agenda._get_left_gutter_width)
        assert callable(Option._set_prompt)
        key = next(iter(agenda._option_render_cache.keys()))
        assert isinstance(key[0], Option)  # (option, style, padding)
        assert callable(agenda._option_render_cache.set)
        # The option before a separator draws the rule under it (kept options are reset).
        assert any(o._divider for o in agenda.options) and not agenda.options[-1]._divider
        # What render_lines forgets at a new width (OptionList's own resize handler does too).
        agenda._option_render_cache.clear()
        agenda._line_cache.clear()
        assert not list(agenda._option_render_cache.keys()) and not agenda._line_cache.heights

    drive(demo_db, scenario)


def test_a_prompt_of_the_same_height_draws_only_its_option_again(demo_db: Path) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        agenda = app.screen.query_one(AgendaList)
        key = option_key(agenda, "habit")
        index = agenda.get_option_index(key)
        option = agenda.get_option_at_index(index)
        drawn_before = list(agenda._option_render_cache.keys())
        others = [k for k in drawn_before if k[0] is not option]
        assert others and len(others) < len(drawn_before)
        height = agenda._line_cache.heights[index]
        agenda.replace_prompt(key, WrappedLines([Content("  Changed in place")], None))
        kept = list(agenda._option_render_cache.keys())
        assert all(k in kept for k in others)  # every other option as it was drawn
        assert not any(k[0] is option for k in kept)  # this one to draw again
        assert agenda._line_cache.heights[index] == height  # nothing measured again
        await pilot.pause()
        await until(
            pilot,
            lambda: any("Changed in place" in s.text for s in agenda.render_lines(agenda.region)),
            "the new prompt drawn",
        )

    drive(demo_db, scenario)


def test_a_prompt_of_the_same_height_paints_only_its_rows_again(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows: list[int] = []
    real = AgendaList.render_line

    def counting(self, y):  # type: ignore[no-untyped-def]
        rows.append(y)
        return real(self, y)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        agenda = app.screen.query_one(AgendaList)
        key = option_key(agenda, "habit")
        index = agenda.get_option_index(key)
        first = agenda._line_cache.index_to_line[index]
        height = agenda._line_cache.heights[index]
        monkeypatch.setattr(AgendaList, "render_line", counting)
        agenda.replace_prompt(key, WrappedLines([Content("  Changed_in_place")], None))
        await until(pilot, lambda: "Changed_in_place" in app.export_screenshot(), "shown")
        top = first - round(agenda.scroll_offset.y)
        assert sorted(set(rows)) == list(range(top, top + height))  # its rows, no others

    drive(demo_db, scenario)


def test_a_prompt_of_another_height_measures_the_list_again(demo_db: Path) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        agenda = app.screen.query_one(AgendaList)
        key = option_key(agenda, "habit")
        index = agenda.get_option_index(key)
        lines_before = len(agenda._line_cache.lines)
        height = agenda._line_cache.heights[index]
        taller = [Content(f"  line {n}") for n in range(height + 2)]
        agenda.replace_prompt(key, WrappedLines(taller, None))
        assert agenda._line_cache.lines == []  # forgotten: measured again when drawn
        await until(
            pilot,
            lambda: len(agenda._line_cache.lines) == lines_before + 2,
            "the list measured again, two lines longer",
        )

    drive(demo_db, scenario)


def drawn_options(agenda: AgendaList) -> dict[Option, list]:  # type: ignore[type-arg]
    cache = agenda._option_render_cache
    return {k[0]: cache.get(k) for k in list(cache.keys())}


def test_a_list_set_again_keeps_what_it_drew_where_it_stays(demo_db: Path) -> None:
    """The agenda set again with two habits swapped: every other option is the one made
    before and keeps its drawing (it stays at its index, with its separator); the two
    swapped are drawn again — a drawing holds its option's index, for the mouse."""

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        agenda = app.screen.query_one(AgendaList)
        items = list(agenda.items)
        a, b = [n for n, it in enumerate(items) if it.kind == "habit"][:2]
        before = list(agenda.options)
        drawn = drawn_options(agenda).keys()
        assert before[agenda.get_option_index(agenda._keys[a])] in drawn
        items[a], items[b] = items[b], items[a]
        agenda.show(items, "")
        after = list(agenda.options)
        moved = {n for n in range(len(after)) if after[n] is not before[n]}
        assert len(moved) == 2  # the two swapped: the same options, at each other's index
        assert {after[n] for n in moved} == {before[n] for n in moved}
        assert drawn_options(agenda).keys() == drawn - {after[n] for n in moved}
        await until(
            pilot,
            lambda: all(after[n] in drawn_options(agenda) for n in moved),
            "the two drawn again",
        )
        for n in moved:
            strips = drawn_options(agenda)[after[n]]
            assert {seg.style.meta.get("option") for seg in strips[0] if seg.style} == {n}

    drive(demo_db, scenario)


def test_a_list_set_again_stays_scrolled_where_it_was(demo_db: Path) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        agenda = app.screen.query_one(AgendaList)
        assert agenda.max_scroll_y > 1
        await pilot.press("end", "up", "up", "up")  # the cursor mid-screen, scrolled down
        await until(pilot, lambda: agenda.scroll_y == agenda.max_scroll_y, "scrolled")
        at = agenda.highlighted
        items = list(agenda.items)
        a, b = [n for n, it in enumerate(items) if it.kind == "habit"][:2]
        items[a], items[b] = items[b], items[a]
        agenda.show(items, "")
        await pilot.pause()
        assert agenda.highlighted == at and agenda.scroll_y == agenda.max_scroll_y

    drive(demo_db, scenario)


def test_the_lists_look_for_no_links() -> None:
    # (Textual would read every segment's meta of every line drawn, for links we never show.)
    assert WrappingList.auto_links is False  # type: ignore[comparison-overlap]
    assert StreaksPanel.auto_links is False  # type: ignore[comparison-overlap]


# -- the streaks panel, line by line ----------------------------------------------------------


def test_a_strip_is_one_run_per_state_and_shows_each_day_in_its_colour() -> None:
    """Days in a row in the same state are one styled run (the gaps inside it): each
    symbol has its state's style, and the row reads the same, with fewer segments."""
    from networkhabit.domain.habits import STRIP_SYMBOLS

    states = ["met", "met", "missed", "met", "met", "met", "skip", "open"]
    for gap in (" ", ""):
        content = streaks_module.strip_content(states, gap)
        assert content.plain == gap.join(STRIP_SYMBOLS[s] for s in states)
        assert len(content.spans) == 5  # met×2, missed, met×3, skip, open
        for n, state in enumerate(states):
            at = n * (1 + len(gap))  # the symbol's cell
            styles = {str(sp.style) for sp in content.spans if sp.start <= at < sp.end}
            assert styles == {streaks_module.STATE_STYLES[state]}


def test_the_streaks_panel_draws_line_by_line_as_it_draws_whole(demo_db: Path) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        panel = app.screen.query_one(StreaksPanel)
        statuses = list(panel._statuses)
        assert len(statuses) >= 2

        def build(width: int) -> Content:
            return streaks_module.panel_content(statuses, width)

        style = panel.visual_style
        width = panel.content_region.width
        drawn: dict = {}  # type: ignore[type-arg]
        by_line = Visual.to_strips(panel, LineByLine(build, drawn), width, None, style)
        whole = Visual.to_strips(panel, ForWidth(build), width, None, style)
        assert [list(s) for s in by_line] == [list(s) for s in whole]
        lines = len(drawn)
        assert lines >= 2 * len(statuses)
        # The same lines again: nothing new drawn.
        Visual.to_strips(panel, LineByLine(build, drawn), width, None, style)
        assert len(drawn) == lines
        # A theme change: the colours are in the strips, so they are drawn again.
        panel.notify_style_update()
        assert panel._drawn == {}

    drive(demo_db, scenario)


# -- one fill per write -------------------------------------------------------------------------


def test_a_write_brings_the_introductions_so_the_agenda_fills_once(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(today_module, "INLINE_INTROS", 0)  # every network counts as large
    fills: list[int] = []
    real = WrappingList.set_entries

    def counting(self: WrappingList, *args: object, **kwargs: object) -> None:
        fills.append(1)
        real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(WrappingList, "set_entries", counting)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        agenda = screen.query_one(AgendaList)
        await until(pilot, lambda: not screen.pending, "the first suggestions")
        agenda.highlighted = agenda.get_option_index(option_key(agenda, "habit"))
        await pilot.pause()
        version = app.data.version if app.data else -1
        fills.clear()
        await pilot.press("space")
        await until(
            pilot,
            lambda: app.data is not None and app.data.version > version and not app._writes,
            "the write shown",
        )
        assert not screen.pending  # the suggestions came with it: none to follow
        assert [i.kind for i in agenda.items][-2:] == ["give_first", "ask_intro"]
        await settle(pilot)
        assert len(fills) == 1  # the agenda was filled once for the write, not twice

    drive(demo_db, scenario)


# -- full collections when idle ----------------------------------------------------------------


def test_full_collections_wait_until_nothing_happened_for_a_while(demo_db: Path) -> None:
    found = gc.get_threshold()

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await until(pilot, lambda: not app._starting, "the start over")
        assert gc.get_threshold()[2] == app_module.NO_FULL_COLLECTIONS
        app.active()
        assert app.collect_when_idle() is False  # something just happened
        app._active_at -= app_module.COLLECT_WHEN_IDLE_FOR + 1
        assert app.collect_when_idle() is True
        assert app.collect_when_idle() is False  # once per quiet spell
        await pilot.press("down")  # a key counts as something happening
        assert app.collect_when_idle() is False

    drive(demo_db, scenario)
    assert gc.get_threshold() == found  # the collector as the app found it


def test_a_writes_new_objects_are_frozen_until_a_full_collection_when_idle(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The import-ahead thread (0.5 s after the start) would import, and free, meanwhile:
    # the frozen count below must be this test's alone.
    monkeypatch.setattr(NetworkhabitApp, "_import_ahead_then_warm_up", lambda self: None)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await until(pilot, lambda: not app._starting, "the start over")
        agenda = app.screen.query_one(AgendaList)
        agenda.highlighted = agenda.get_option_index(option_key(agenda, "habit"))
        await pilot.pause()
        app._active_at -= app_module.COLLECT_WHEN_IDLE_FOR + 1
        app.collect_when_idle()  # (whatever the start left)
        before = gc.get_freeze_count()
        version = app.data.version if app.data else -1
        await pilot.press("space")
        await until(
            pilot,
            lambda: app.data is not None and app.data.version > version and not app._writes,
            "the write shown",
        )
        assert gc.get_freeze_count() > before  # the write's load: out of young collections
        # Idle, with few frozen since the last full collection: only the young are collected.
        app._active_at -= app_module.COLLECT_WHEN_IDLE_FOR + 1
        app._frozen_at_full = gc.get_freeze_count()
        full_at = app._full_at
        assert app.collect_when_idle() is True
        assert app._full_at == full_at
        # Many frozen since: a full collection looks at them all, and freezes what lives on.
        app.active()
        app._active_at -= app_module.COLLECT_WHEN_IDLE_FOR + 1
        app._frozen_at_full = -app_module.FULL_AFTER_FROZEN
        assert app.collect_when_idle() is True
        assert app._full_at > full_at
        assert app._frozen_at_full > 0
        # (the count as it was then: a frozen object freed since takes one off)
        assert abs(app._frozen_at_full - gc.get_freeze_count()) < 100

    drive(demo_db, scenario)


def test_a_reload_after_another_process_wrote_freezes_what_it_read_too(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process writes the store; the app reads it again: what that read made is out
    of the young collections' sight too, as a write's is (left to them, it was walked right
    after, 20-30 ms at a time on the UI thread of a large store)."""
    from networkhabit.actions import changes, touches
    from networkhabit.actions.session import Session

    monkeypatch.setattr(NetworkhabitApp, "_import_ahead_then_warm_up", lambda self: None)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await until(pilot, lambda: not app._starting, "the start over")
        app._active_at -= app_module.COLLECT_WHEN_IDLE_FOR + 1
        app.collect_when_idle()
        assert app.data is not None
        version, before = app.data.version, gc.get_freeze_count()
        name = app.data.snap.contacts[0].name
        changes.run(Session(demo_db), touches.log([name], app.data.today))  # another process
        app.poll_store()
        await until(
            pilot,
            lambda: app.data is not None and app.data.version > version,
            "the store read again",
        )
        assert gc.get_freeze_count() > before

    drive(demo_db, scenario)


def test_a_load_a_write_replaced_is_freed_at_once_not_left_to_the_collector(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No reference cycle keeps an old load alive (a finished worker used to hold the
    closures that held it: tens of thousands of objects for the collector each write)."""
    from networkhabit.tui.data import Loaded

    shown: set[int] = set()  # the loads this app showed (ids: a reference would keep them)
    show = NetworkhabitApp._loaded

    def loaded(self: NetworkhabitApp, data: Loaded) -> None:
        shown.add(id(data))
        show(self, data)

    monkeypatch.setattr(NetworkhabitApp, "_loaded", loaded)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await until(pilot, lambda: not app._starting, "the start over")
        for _ in range(2):
            agenda = app.screen.query_one(AgendaList)
            agenda.highlighted = agenda.get_option_index(option_key(agenda, "habit"))
            await pilot.pause()
            version = app.data.version if app.data else -1
            await pilot.press("space")
            await until(
                pilot,
                lambda: app.data is not None and app.data.version > version and not app._writes,  # noqa: B023
                "the write shown",
            )
        await settle(pilot)
        gc.unfreeze()
        gc.set_debug(gc.DEBUG_SAVEALL)
        try:
            gc.collect()
            held = [o for o in gc.garbage if isinstance(o, Loaded) and id(o) in shown]
            garbage = {id(o) for o in gc.garbage}
            chains = []
            for o in held:  # who holds it, for the message
                chain, at = [], o
                for _ in range(6):
                    up = [r for r in gc.get_referrers(at) if id(r) in garbage and r not in chain]
                    if not up:
                        break
                    at = up[0]
                    chain.append(at)
                chains.append(
                    " <- ".join(getattr(r, "__qualname__", type(r).__name__) for r in chain)
                )
        finally:
            gc.set_debug(0)
            gc.garbage.clear()
        assert held == [], chains

    drive(demo_db, scenario)


def test_a_tick_lays_nothing_out_again(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Space on a habit changes what the header and the streaks panel say, not their size:
    none of them asks for a layout of the screen (a whole screen's layout on each key was
    the largest part of a key's work on the UI thread); each is drawn again, and what the
    tick does not change (the Neglected panel, the top bar's date) is not."""
    from textual.widget import Widget

    asked: list[str] = []
    painted: list[str] = []
    real = Widget.refresh

    def spy(self: Widget, *regions: object, **kwargs: object) -> Widget:
        name = type(self).__name__ if self.id is None else f"#{self.id}"
        if kwargs.get("layout"):
            asked.append(name)
        elif kwargs.get("repaint", True):
            painted.append(name)
        return real(self, *regions, **kwargs)  # type: ignore[arg-type]

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        agenda = screen.query_one(AgendaList)
        await until(pilot, lambda: not screen.pending and not app._writes, "settled")
        agenda.highlighted = agenda.get_option_index(option_key(agenda, "habit"))
        await pilot.pause()
        streaks = screen.query_one(StreaksPanel)
        before = str(streaks.content)
        version = app.data.version if app.data else -1
        monkeypatch.setattr(Widget, "refresh", spy)
        await pilot.press("space")
        await until(
            pilot,
            lambda: app.data is not None and app.data.version > version and not app._writes,
            "the write shown",
        )
        await settle(pilot)
        shown = {"TopBar", "StreaksPanel", "#today-header", "#streaks"}
        assert not shown & set(asked), asked
        assert {"#streaks", "#today-header"} & set(painted)  # (drawn again, in place)
        assert str(streaks.content) != before or streaks._statuses
        # What a tick does not change is not drawn again: the Neglected panel (setting its
        # unchanged title drew all its lines again, a third of the frame on a light store).
        assert "#neglected" not in painted, painted
        assert "TopBar" not in painted, painted  # (the same day, the same sync)

    drive(demo_db, scenario)
