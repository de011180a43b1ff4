"""A dialog opens in fewer passes and looks and works the same (issue 15).

- the screen behind is tinted one style at a time (widgets/tint.py), exactly as Textual
  tints it segment by segment;
- the form fields are not styled while detached (widgets/form.py), and are styled right once
  mounted;
- a dialog that has just been mounted is not styled again as it resumes, and the size it is
  told right after its first layout does not lay it and the screen behind out again; a real
  resize still reaches both.

Pilot tests wait on conditions; no timing assertions.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.pilot import Pilot
from textual.renderables.background_screen import BackgroundScreen
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Input, Select

from networkhabit.tui.app import NetworkhabitApp
from networkhabit.tui.dialogs.base import FormDialog
from networkhabit.tui.dialogs.contact_form import ContactDialog
from networkhabit.tui.dialogs.log_touch import LogTouchDialog
from networkhabit.tui.screens.contacts import ContactsScreen
from networkhabit.tui.screens.today import TodayScreen
from networkhabit.tui.widgets.form import FormButton, FormCheckbox, FormInput, FormSelect
from networkhabit.tui.widgets.modal import QuickModal
from networkhabit.tui.widgets.tint import TintedScreen, tint_behind, tinted_style
from tests.pilot import ScreenSpy, drive, resize_under, until

# -- the tint ------------------------------------------------------------------------------

SEGMENTS = [
    Segment("plain"),
    Segment("none", None),
    Segment("red on blue", Style.parse("bold red on blue")),
    Segment("again", Style.parse("bold red on blue")),
    Segment("fg only", Style(color="#aabbcc")),
    Segment("bg only", Style(bgcolor="#102030", italic=True)),
    Segment("link", Style(color="green", link="https://example.org")),
    Segment("meta", Style.from_meta({"@click": "app.bell()"}) + Style(color="yellow")),
    Segment("\x1b[0m", None, [(1,)]),  # type: ignore[list-item]  (a control segment)
]


@pytest.mark.parametrize("color", [Color(18, 18, 18, a=0.6), Color(255, 255, 255, a=0.3)])
def test_the_tint_is_textuals_segment_for_segment(color: Color) -> None:
    ours = list(TintedScreen.process_segments(SEGMENTS * 3, color))
    theirs = list(BackgroundScreen.process_segments(SEGMENTS * 3, color))
    assert ours == theirs
    assert [s.style for s in ours] == [s.style for s in theirs]
    assert all(not (s.style and (s.style.link or s.style.meta)) for s in ours if not s.control)


def test_styles_that_differ_only_in_meta_tint_as_textual_tints_each() -> None:
    color = Color(10, 20, 30, a=0.5)
    look = Style.parse("italic #aabbcc on #102030")
    lines = [look + Style.from_meta({"offset": (0, y)}) for y in range(3)]
    linked = look + Style(link="https://example.org")
    for style in [look, *lines, linked]:  # the first memoises the look the others share
        (theirs,) = BackgroundScreen.process_segments([Segment(" ", style)], color)
        assert tinted_style(style, color) == theirs.style


def test_only_textuals_background_is_swapped() -> None:
    behind = BackgroundScreen(Screen(), Color(0, 0, 0, a=0.5))
    swapped = tint_behind(behind)
    assert type(swapped) is TintedScreen
    assert swapped.screen is behind.screen and swapped.color == behind.color
    other = "not a background"
    assert tint_behind(other) is other


def test_an_open_dialog_paints_the_screen_behind_with_the_tint(demo_db: Path) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await pilot.press("l")
        await until(pilot, lambda: isinstance(app.screen, LogTouchDialog), "the log dialog")
        await pilot.pause()
        # Textual still tints the screen behind through a BackgroundScreen (if it stops,
        # tint_behind has nothing to swap and this fails): the dialog gives ours.
        from textual._context import visible_screen_stack

        token = visible_screen_stack.set([app.screen_stack[-2]])
        try:
            rendered = app.screen.render()
        finally:
            visible_screen_stack.reset(token)
        assert type(rendered) is TintedScreen

    drive(demo_db, scenario)


@pytest.mark.parametrize("key", ["l", "question_mark"])
def test_the_tinted_screen_draws_the_lines_textual_draws(demo_db: Path, key: str) -> None:
    """As a Visual, the tinted screen behind gives the strips Textual's BackgroundScreen
    gives through Rich: the same segments, styles and lengths."""
    from textual._context import visible_screen_stack
    from textual.visual import RichVisual, Visual

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await pilot.press(key)
        await until(pilot, lambda: isinstance(app.screen, QuickModal), "the dialog")
        await pilot.pause()
        dialog = app.screen
        token = visible_screen_stack.set([app.screen_stack[-2]])
        try:
            ours = dialog.render()
            assert isinstance(ours, TintedScreen)
            theirs = RichVisual(dialog, BackgroundScreen(ours.screen, ours.color))
            width, height = dialog.size
            drawn = [
                Visual.to_strips(dialog, visual, width, height, dialog.visual_style)
                for visual in (ours, theirs)
            ]
        finally:
            visible_screen_stack.reset(token)
        mine, textuals = drawn
        assert len(mine) == len(textuals) == height
        assert [list(s) for s in mine] == [list(s) for s in textuals]
        assert [s.cell_length for s in mine] == [s.cell_length for s in textuals]
        await pilot.press("escape")

    drive(demo_db, scenario)


# -- the form fields -----------------------------------------------------------------------


def test_form_fields_are_textuals_widgets() -> None:
    assert issubclass(FormInput, Input)
    assert issubclass(FormButton, Button)
    assert issubclass(FormCheckbox, Checkbox)
    assert issubclass(FormSelect, Select)


def test_a_detached_field_is_not_styled_and_a_mounted_one_is_styled_right(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    styled: list[object] = []

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        update = app.stylesheet.update_nodes

        def spy(nodes, animate=False):  # type: ignore[no-untyped-def]
            nodes = list(nodes)
            styled.extend(nodes)
            return update(nodes, animate=animate)

        monkeypatch.setattr(app.stylesheet, "update_nodes", spy)
        asked: list[object] = []
        update_styles = app.update_styles

        def ask(node, animate=True):  # type: ignore[no-untyped-def]
            asked.append(node)
            return update_styles(node, animate)

        monkeypatch.setattr(app, "update_styles", ask)
        plain = Input("a value", compact=True)
        # Textual asks the app to style a detached Input for its classes (if it stops, the
        # app's update_styles needs no help and this tells): the app leaves it alone until
        # it is mounted.
        assert plain in asked
        assert plain not in styled
        styled.clear()
        ours = [
            FormInput("a value", compact=True),
            FormButton("OK", variant="primary", compact=True),
            FormCheckbox("tick", True, compact=True),
            FormSelect([("a", "a")], value="a", allow_blank=False, compact=True),
        ]
        assert not [w for w in styled if w in ours]
        assert "-valid" in ours[0].classes and "-textual-compact" in ours[0].classes

        # In a dialog: the fields are styled as Textual would style them, once mounted.
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, ContactsScreen), "contacts")
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, ContactDialog), "the edit form")
        await pilot.pause()
        dialog = app.screen
        fields = [*dialog.query(Input), *dialog.query(Checkbox), *dialog.query(Button)]
        assert len(fields) == 12 + 1 + 2
        before = {
            id(w): (w.styles.base.css, {k: v.base.css for k, v in w._component_styles.items()})
            for w in fields
        }
        monkeypatch.setattr(app.stylesheet, "update_nodes", update)
        for field in fields:
            app.stylesheet.apply(field, animate=False)
        after = {
            id(w): (w.styles.base.css, {k: v.base.css for k, v in w._component_styles.items()})
            for w in fields
        }
        assert after == before
        name = dialog.query_one("#f-name", Input)
        assert name.value and "-valid" in name.classes and name.has_focus

    drive(demo_db, scenario)


# -- resume and the first size ------------------------------------------------------------


def test_opening_a_dialog_neither_restyles_it_nor_lays_out_the_screen_behind(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        spy = ScreenSpy(monkeypatch)
        laid_out, restyled = spy.laid_out, spy.restyled
        await pilot.press("l")
        await until(pilot, lambda: isinstance(app.screen, LogTouchDialog), "the log dialog")
        await pilot.pause()
        await pilot.pause()
        assert "LogTouchDialog" in laid_out  # it is laid out (the spy works) …
        assert "TodayScreen" not in laid_out  # … the screen behind is not
        assert "LogTouchDialog" not in restyled
        dialog = app.screen
        field = dialog.initial_focus()
        assert isinstance(field, Input) and field.has_focus
        assert dialog.size == app.size
        # Typing lands where it starts.
        start = field.value
        await pilot.press(*"abc")
        await until(pilot, lambda: field.value == start + "abc", "typed")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, TodayScreen), "closed")

    drive(demo_db, scenario)


def test_a_real_resize_reaches_the_dialog_and_the_screen_behind(demo_db: Path) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await pilot.press("l")
        await until(pilot, lambda: isinstance(app.screen, FormDialog), "the log dialog")
        await pilot.pause()
        _dialog, behind = await resize_under(pilot, "dialog")
        assert behind.has_class("-narrow")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, TodayScreen), "closed")
        assert app.screen.size == (90, 30)

    drive(demo_db, scenario)


@pytest.mark.parametrize("key", ["question_mark", "b"])
def test_help_and_other_modals_open_the_same_way(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch, key: str
) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        laid_out = ScreenSpy(monkeypatch).laid_out
        await pilot.press(key)
        await until(pilot, lambda: isinstance(app.screen, QuickModal), "the modal open")
        await pilot.pause()
        await pilot.pause()
        assert type(app.screen).__name__ in laid_out
        assert "TodayScreen" not in laid_out
        assert app.screen.has_class("-wide")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, TodayScreen), "closed")

    drive(demo_db, scenario)
