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

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.pilot import Pilot
from textual.renderables.background_screen import BackgroundScreen
from textual.screen import Screen

from networkhabit.demo import build_demo
from networkhabit.store import Store
from networkhabit.tui.app import NetworkhabitApp
from networkhabit.tui.dialogs.log_touch import LogTouchDialog
from networkhabit.tui.widgets.tint import TintedScreen, tint_behind
from tests.conftest import TODAY
from tests.pilot import drive, until


@pytest.fixture(autouse=True)
def _collector_unfrozen() -> Iterator[None]:
    """The app freezes what its start made (see tests/test_tui_loading.py)."""
    yield
    gc.unfreeze()


@pytest.fixture
def demo_db(db: Path) -> Path:
    Store(db).replace_all(build_demo(TODAY))
    return db


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
