"""The footer: one widget that shows the keys Textual's footer would, and works as it does.

- on every main screen, the same keys in the same order, with the same descriptions,
  enabled states and tooltips, as a Textual Footer mounted on that screen makes (this fails
  if Textual's footer changes what it shows);
- drawn as Textual's pads them (`` key `` then ``description ``), the command palette's key
  on the right after a thin bar, also on a narrow terminal;
- a click on a key presses it; the key under the mouse is highlighted and its tooltip
  shown; a disabled key rings the bell instead;
- it is one widget (no widget per key), and is given new keys only when they change.

Pilot tests wait on conditions; no timing assertions.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from networkhabit.tui.app import NetworkhabitApp
from networkhabit.tui.screens.help import HelpScreen
from networkhabit.tui.screenshots import press
from networkhabit.tui.widgets.footer import BAR, FooterEntry, KeysFooter
from tests.pilot import drive, until


def fields(entry: FooterEntry) -> tuple[object, ...]:
    return (entry.key, entry.display, entry.description, entry.action, entry.enabled)


def textuals(key: FooterKey) -> tuple[object, ...]:
    return (key.key, key.key_display, key.description, key.action, not key._disabled)


@pytest.mark.parametrize("key", ["t", "c", "w", "n"])
def test_it_shows_the_keys_textuals_footer_shows(demo_db: Path, key: str) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await press(pilot, key)
        screen = app.screen
        ours = screen.query_one(KeysFooter)
        theirs = Footer()
        await screen.mount(theirs)
        screen.refresh_bindings()  # its bindings signal: both footers follow it
        await until(pilot, lambda: bool(theirs.query(FooterKey)), "Textual's footer keys")
        keys = list(theirs.query(FooterKey))
        assert [fields(e) for e in ours.keys] == [textuals(k) for k in keys]
        palette = [k for k in keys if k.has_class("-command-palette")]
        assert [e.palette for e in ours.keys] == [k in palette for k in keys]
        assert [e.tooltip or "" for e in ours.keys] == [str(k.tooltip or "") for k in keys]
        assert not ours.children  # one widget: no widget per key

    drive(demo_db, scenario)


def drawn(footer: KeysFooter) -> str:
    return footer.render_line(0).text


def test_it_draws_the_keys_as_textual_pads_them_and_the_palette_on_the_right(
    demo_db: Path,
) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        footer = app.screen.query_one(KeysFooter)
        line = drawn(footer)
        assert line.startswith(" space Done  l Log touch  s Snooze ")
        assert line.rstrip().endswith(f"{BAR}^p palette")
        assert len(line) == app.size.width
        await pilot.resize_terminal(60, 30)
        await until(pilot, lambda: len(drawn(footer)) == 60, "narrow")
        narrow = drawn(footer)
        assert narrow.startswith(" space Done ")  # the keys give way to the palette's
        assert narrow.rstrip().endswith(f"{BAR}^p palette")

    drive(demo_db, scenario)


def x_of(footer: KeysFooter, description: str) -> int:
    return next(a for a, _b, e in footer._spans if e.description == description)


def test_a_click_on_a_key_presses_it(demo_db: Path) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        footer = app.screen.query_one(KeysFooter)
        await pilot.click(KeysFooter, offset=(x_of(footer, "Help") + 1, 0))
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "Help open")

    drive(demo_db, scenario)


def test_the_key_under_the_mouse_is_highlighted(demo_db: Path) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        footer = app.screen.query_one(KeysFooter)
        x = x_of(footer, "Undo")
        plain = footer.render_line(0)
        await pilot.hover(KeysFooter, offset=(x + 1, 0))
        await until(pilot, lambda: footer._hover is not None, "hovered")
        assert footer._hover is not None and footer._hover.description == "Undo"
        lit = footer.render_line(0)
        assert lit.text == plain.text  # the same text …
        hovered = {s.style.bgcolor for s in lit.crop(x, x + 3)}
        assert hovered != {s.style.bgcolor for s in plain.crop(x, x + 3)}  # … lit
        await pilot.hover("#agenda", offset=(5, 5))
        await until(pilot, lambda: footer._hover is None, "left")

    drive(demo_db, scenario)


def test_a_tooltip_and_a_disabled_key(demo_db: Path) -> None:
    """A key with a tooltip shows it under the mouse; a disabled one rings the bell; one
    without a description is drawn as its key alone."""

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        footer = app.screen.query_one(KeysFooter)
        bells: list[bool] = []
        app.bell = lambda: bells.append(True)  # type: ignore[method-assign]
        pressed: list[str] = []
        app.simulate_key = pressed.append  # type: ignore[method-assign]
        footer.keys = (
            FooterEntry("x", "x", "Ex", "ex", tooltip="does x"),
            FooterEntry("y", "y", "Why", "why", enabled=False),
            FooterEntry("f1", "F1", "", "help"),  # no description: the key alone
        )
        footer.refresh()
        await until(pilot, lambda: drawn(footer).startswith(" x Ex  y Why F1"), "drawn")
        await pilot.hover(KeysFooter, offset=(1, 0))
        await until(pilot, lambda: footer.tooltip == "does x", "the tooltip")
        await pilot.click(KeysFooter, offset=(x_of(footer, "Why") + 1, 0))
        await pilot.click(KeysFooter, offset=(1, 0))
        await until(pilot, lambda: bool(bells) and bool(pressed), "bell and press")
        assert bells == [True] and pressed == ["x"]

    drive(demo_db, scenario)
