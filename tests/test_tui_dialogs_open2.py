"""A dialog opens in one pass and shows the same frame (issue 15, continued).

- it settles with its first frame: Textual's second layout and paint (asked for by the sizes
  its own first layout set, and by the children's mounting) are not done, as that frame
  answers them; what is asked for later still goes through;
- a form's first field is focused before that frame, not after it;
- the form's message line is not updated (laid out again) with the text it already shows.

Pilot tests wait on conditions; no timing assertions.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, Static

from networkhabit.tui.app import NetworkhabitApp
from networkhabit.tui.dialogs.base import FormDialog
from networkhabit.tui.dialogs.contact_form import ContactDialog
from networkhabit.tui.dialogs.log_touch import LogTouchDialog
from networkhabit.tui.dialogs.snooze import DateDialog
from networkhabit.tui.screens.contacts import ContactsScreen
from networkhabit.tui.screens.help import HelpScreen
from networkhabit.tui.screens.today import TodayScreen
from networkhabit.tui.widgets.modal import QuickModal
from tests.conftest import TODAY
from tests.pilot import ScreenSpy, drive, until


@pytest.fixture
def layouts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The screens laid out (by class name), in order."""
    return ScreenSpy(monkeypatch).laid_out


async def shown(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
    """Until the top screen has been painted and then gone idle a few times over."""
    done: list[bool] = []
    app.screen.call_after_refresh(lambda: done.append(True))
    await until(pilot, lambda: bool(done), "the screen painted")
    for _ in range(3):
        await pilot.pause()


async def to_contacts(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
    await pilot.press("c")
    await until(pilot, lambda: isinstance(app.screen, ContactsScreen), "contacts")
    await shown(app, pilot)


OPENINGS: dict[str, tuple[bool, str, type[Screen]]] = {
    # name: (from the Contacts screen?, key, what opens)
    "log a touch": (False, "l", LogTouchDialog),
    "add a contact": (True, "a", ContactDialog),
    "edit a contact": (True, "e", ContactDialog),
    # Its scroller starts with the scrollbar it will need (see HelpScreen.on_mount).
    "help": (False, "question_mark", HelpScreen),
}
SAME_FRAME = OPENINGS


@pytest.mark.parametrize("name", sorted(OPENINGS))
def test_a_dialog_is_laid_out_once_as_it_opens(
    demo_db: Path, layouts: list[str], name: str
) -> None:
    contacts, key, kind = OPENINGS[name]

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        if contacts:
            await to_contacts(app, pilot)
        layouts.clear()
        await pilot.press(key)
        await until(pilot, lambda: isinstance(app.screen, kind), f"{name} open")
        await shown(app, pilot)
        # Textual lays a new screen out a second time (the sizes its first layout set, and
        # the children mounted, ask for it); the dialog's first frame answers that.
        assert layouts.count(kind.__name__) == 1, layouts
        assert isinstance(app.screen, QuickModal) and app.screen.size == app.size
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, QuickModal), "closed")

    drive(demo_db, scenario)


def test_textual_still_keeps_the_requests_the_dialog_drops(demo_db: Path) -> None:
    """QuickModal clears Textual's private request flags: if Textual renames them, this
    fails (and the dialog would open in two passes again)."""

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        static = app.screen.query(Static).first()
        await pilot.pause()
        assert static._layout_required is False and static._repaint_required is False
        static.refresh(layout=True)
        assert static._layout_required is True and static._repaint_required is True
        await until(
            pilot,
            lambda: not static._layout_required and not static._repaint_required,
            "Textual took the requests",
        )

    drive(demo_db, scenario)


def freeze_cursors(monkeypatch: pytest.MonkeyPatch) -> None:
    """No blinking: a screenshot shows the text cursor at any moment."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)


@pytest.mark.parametrize("name", sorted(SAME_FRAME))
def test_the_first_frame_is_the_frame_of_a_second_pass(
    demo_db: Path, layouts: list[str], monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    contacts, key, kind = SAME_FRAME[name]
    freeze_cursors(monkeypatch)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        if contacts:
            await to_contacts(app, pilot)
        await pilot.press(key)
        await until(pilot, lambda: isinstance(app.screen, kind), f"{name} open")
        await shown(app, pilot)
        dialog = app.screen
        first = app.export_screenshot()
        placed = {w: w.region for w in dialog.walk_children()}
        # What Textual's second pass would do: every widget laid out and painted again.
        before = layouts.count(kind.__name__)
        for widget in dialog.walk_children(with_self=True):
            widget.refresh(layout=True)
        await until(pilot, lambda: layouts.count(kind.__name__) > before, "laid out again")
        await shown(app, pilot)
        assert {w: w.region for w in dialog.walk_children()} == placed
        assert app.export_screenshot() == first

    drive(demo_db, scenario)


def test_what_is_asked_after_the_first_frame_is_done(demo_db: Path, layouts: list[str]) -> None:
    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await pilot.press("l")
        await until(pilot, lambda: isinstance(app.screen, LogTouchDialog), "the log dialog")
        await shown(app, pilot)
        dialog = app.screen
        line = dialog.query_one(".dialog-error", Static)
        assert line.content == "" and layouts.count("LogTouchDialog") == 1

        def shows() -> str:
            return "".join(segment.text for segment in line.render_line(0))

        dialog.query_one("#follow-up", Input).focus()
        await pilot.press(*"+3d")
        # The message line gets its text, is laid out again and painted with it.
        await until(pilot, lambda: str(line.content).startswith("follow up "), "the date told")
        await until(pilot, lambda: layouts.count("LogTouchDialog") >= 2, "laid out again")
        await until(pilot, lambda: "follow up " in shows(), "the line painted")

    drive(demo_db, scenario)


def test_the_message_line_is_left_alone_when_its_text_stays(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    updates: list[str] = []
    update = Static.update

    def counting(self: Static, content: object = "", **kwargs: object) -> None:
        if self.has_class("dialog-error"):
            updates.append(str(content))
        update(self, content, **kwargs)  # type: ignore[arg-type]

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        monkeypatch.setattr(Static, "update", counting)
        await pilot.press("l")
        await until(pilot, lambda: isinstance(app.screen, LogTouchDialog), "the log dialog")
        await shown(app, pilot)
        # The fields' first values ("today" in When) leave the empty line empty: no update.
        assert updates == []
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        dialog.show_error("a problem")
        dialog.show_error("a problem")
        dialog.show_error("")
        assert updates == ["a problem", ""]
        assert dialog.query_one(".dialog-error", Static).content == ""

    drive(demo_db, scenario)


def first_focus_spy(
    monkeypatch: pytest.MonkeyPatch, kind: type[Screen]
) -> Callable[[], list[object]]:
    """What was focused in a ``kind`` dialog as it was first laid out (and painted)."""
    focused: list[object] = []
    layout = Screen._refresh_layout

    def spying(self: Screen, *args, **kwargs):  # type: ignore[no-untyped-def]
        if isinstance(self, kind) and not focused:
            focused.append(self.focused)
        return layout(self, *args, **kwargs)

    monkeypatch.setattr(Screen, "_refresh_layout", spying)
    return lambda: focused


async def log_dialog_for_someone(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
    """The log dialog opened for a contact (so it starts in the note), shown."""
    data = app.data
    assert data is not None
    uid = next(c.uid for c in data.snap.contacts if not c.archived)
    app.push_screen(LogTouchDialog(data.snap.contacts, data.today, who=[uid]))
    await until(pilot, lambda: isinstance(app.screen, LogTouchDialog), "the log dialog")
    await shown(app, pilot)


def test_the_first_frame_has_the_focus_where_typing_starts(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the names given the log dialog starts in the note (not in Who, Textual's first)."""
    seen = first_focus_spy(monkeypatch, LogTouchDialog)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await log_dialog_for_someone(app, pilot)
        note = app.screen.query_one("#note", Input)
        assert seen() == [note]
        assert note.has_focus
        await pilot.press(*"hi")
        await until(pilot, lambda: note.value == "hi", "typed in the note")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, TodayScreen), "closed")

    drive(demo_db, scenario)


def test_the_date_dialog_starts_in_its_date(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = first_focus_spy(monkeypatch, DateDialog)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        app.push_screen(DateDialog("Snooze", "Until when?", TODAY))
        await until(pilot, lambda: isinstance(app.screen, DateDialog), "the date dialog")
        await shown(app, pilot)
        until_field = app.screen.query_one("#until", Input)
        assert seen() == [until_field] and until_field.has_focus

    drive(demo_db, scenario)


def test_the_focus_goes_once_to_where_typing_starts(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No field is focused on the way there (Textual's automatic focus on the first field,
    then a move to the note): each focus change restyles the field, so only the note is."""
    from networkhabit.tui.widgets.form import FormInput

    restyled: list[str | None] = []
    restyle = FormInput.update_node_styles

    def spying(self: FormInput, animate: bool = True) -> None:
        if self.is_attached:
            restyled.append(self.id)
        restyle(self, animate)

    monkeypatch.setattr(FormInput, "update_node_styles", spying)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await log_dialog_for_someone(app, pilot)
        assert restyled == ["note"]
        assert app.screen.focused is app.screen.query_one("#note", Input)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, TodayScreen), "closed")

    drive(demo_db, scenario)


def test_a_form_without_text_fields_starts_on_its_first_focusable_widget(demo_db: Path) -> None:
    """With no automatic focus, a form of no text field still starts on its first control."""
    from textual.widgets import Checkbox

    from networkhabit.tui.widgets.form import FormCheckbox

    class Ticks(FormDialog[bool]):
        def fields(self):  # type: ignore[no-untyped-def]
            yield "Tick", FormCheckbox("this", id="tick", compact=True)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        app.push_screen(Ticks())
        await until(pilot, lambda: isinstance(app.screen, Ticks), "the dialog")
        await shown(app, pilot)
        assert app.screen.focused is app.screen.query_one("#tick", Checkbox)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, TodayScreen), "closed")

    drive(demo_db, scenario)


@pytest.mark.parametrize("size", [(120, 40), (120, 70), (60, 20)])
@pytest.mark.parametrize("guess", ["right", "wrong"])
def test_help_starts_with_the_scrollbar_it_keeps(
    demo_db: Path,
    layouts: list[str],
    monkeypatch: pytest.MonkeyPatch,
    size: tuple[int, int],
    guess: str,
) -> None:
    """Help guesses, before its first layout, whether the keys overflow their box: right, it
    is laid out once; wrong (forced here), Textual's further passes put it right, and it
    ends as it would have."""
    from textual.containers import VerticalScroll

    made: list[bool] = []
    overflows = HelpScreen._overflows

    def guessing(self: HelpScreen, *args):  # type: ignore[no-untyped-def]
        made.append(overflows(self, *args))
        return made[-1] if guess == "right" else not made[-1]

    monkeypatch.setattr(HelpScreen, "_overflows", guessing)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        layouts.clear()
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "help open")
        await shown(app, pilot)
        scroller = app.screen.query_one(VerticalScroll)
        assert made == [scroller.virtual_size.height > scroller.size.height]
        assert scroller.show_vertical_scrollbar == made[0]  # (the guess, else as corrected)
        if guess == "right":
            assert layouts.count("HelpScreen") == 1, layouts
        else:
            assert layouts.count("HelpScreen") > 1, layouts
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, TodayScreen), "closed")

    drive(demo_db, scenario, size=size)


def test_a_forms_labels_are_one_widget_each_beside_its_field(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The labels column is one widget spanning the rows: each label on its field's row,
    in the grid's first column, the fields in the second; made with its class (not
    restyled for it before it is mounted)."""
    from textual.containers import Grid
    from textual.widgets import Label

    detached: list[Label] = []
    restyle = Label.update_node_styles

    def spying(self: Label, animate: bool = True) -> None:
        if not self.is_attached:
            detached.append(self)
        restyle(self, animate)

    monkeypatch.setattr(Label, "update_node_styles", spying)

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await to_contacts(app, pilot)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, ContactDialog), "the add dialog")
        await shown(app, pilot)
        grid = app.screen.query_one(".form", Grid)
        labels, *fields = grid.children
        assert labels.has_class("form-label") and len(fields) == 13
        lines = str(labels.render()).split("\n")
        assert lines[:2] == ["Name", "Company"] and lines[-1] == "Prospect"
        assert len(lines) == len(fields)
        for row, field in enumerate(fields):
            assert field.region.y == labels.region.y + row
            assert field.region.x == labels.region.x + 14 + 1  # the 14-cell column, a gap
        assert labels not in detached
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ContactsScreen), "closed")

    drive(demo_db, scenario)


# -- the collector, held off while a dialog opens ---------------------------------------------


@pytest.mark.parametrize(("key", "kind"), [("l", LogTouchDialog), ("question_mark", HelpScreen)])
def test_no_collection_runs_while_a_dialog_opens_and_the_collector_is_on_after(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch, key: str, kind: type[Screen]
) -> None:
    """From the dialog's making until the collector is on again (after its first frame),
    the collector makes none of its own collections."""
    import gc

    from networkhabit.tui.widgets.collector import CollectorHeld

    collections: list[int] = []
    held: list[bool] = []
    released: list[tuple[int, int]] = []  # (collections by then, the dialog's frames by then)
    hold, release = CollectorHeld._hold_collector, CollectorHeld._release_collector

    def holding(self: CollectorHeld) -> None:
        held.append(True)
        hold(self)

    def releasing(self: CollectorHeld) -> None:
        if self._collector_held is not None:
            released.append((len(collections), self._layouts))  # type: ignore[attr-defined]
        release(self)

    monkeypatch.setattr(CollectorHeld, "_hold_collector", holding)
    monkeypatch.setattr(CollectorHeld, "_release_collector", releasing)

    def seen(phase: str, info: dict[str, int]) -> None:
        # The collector's own (young) collections; not the app's idle full collection.
        if phase == "start" and held and not released and info["generation"] < 2:
            collections.append(info["generation"])

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await until(pilot, gc.isenabled, "the start over (the collector on)")
        gc.callbacks.append(seen)
        try:
            await pilot.press(key)
            await until(pilot, lambda: isinstance(app.screen, kind), "the dialog")
            await until(pilot, lambda: bool(released), "the collector released")
            assert gc.isenabled()
            (by_then,) = released
            assert by_then[0] == 0  # no collection from the dialog's making …
            assert by_then[1] >= 1  # … to after its first frame
        finally:
            gc.callbacks.remove(seen)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, TodayScreen), "closed")
        assert gc.isenabled()

    drive(demo_db, scenario)


def test_a_dialog_closed_at_once_leaves_the_collector_on(demo_db: Path) -> None:
    import gc

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await until(pilot, gc.isenabled, "the start over (the collector on)")
        data = app.data
        assert data is not None
        dialog = LogTouchDialog(data.snap.contacts, data.today)
        dialog.COLLECT_AFTER = 600.0  # (never, in this test)
        app.push_screen(dialog)
        await until(pilot, lambda: app.screen is dialog and dialog.is_mounted, "pushed")
        assert not gc.isenabled()
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, TodayScreen), "closed")
        await until(pilot, gc.isenabled, "the collector on again")

    drive(demo_db, scenario)


def test_the_start_turns_the_collector_on_once_a_pause_is_over() -> None:
    import gc

    from networkhabit.tui.gc_pause import collector_on, gc_paused

    was = gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            collector_on()
            assert not gc.isenabled()  # held off while the pause lasts …
        assert gc.isenabled()  # … on as it ends
        gc.disable()
        collector_on()
        assert gc.isenabled()  # no pause: on at once
    finally:
        (gc.enable if was else gc.disable)()


@pytest.mark.parametrize(("start", "then"), [((120, 40), (120, 70)), ((120, 70), (120, 40))])
def test_help_follows_a_resize_with_its_scrollbar(
    demo_db: Path, start: tuple[int, int], then: tuple[int, int]
) -> None:
    """The scrollbar Help starts with is Textual's to change: a resize that makes the keys
    fit (or not) drops it (or shows it), as for any scroller."""
    from textual.containers import VerticalScroll

    async def scenario(app: NetworkhabitApp, pilot: Pilot[None]) -> None:
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "help open")
        await shown(app, pilot)
        scroller = app.screen.query_one(VerticalScroll)
        fits_at_start = scroller.virtual_size.height <= scroller.size.height
        assert scroller.show_vertical_scrollbar is not fits_at_start
        await pilot.resize_terminal(*then)
        await until(pilot, lambda: app.screen.size == then, "resized")
        await shown(app, pilot)
        fits = scroller.virtual_size.height <= scroller.size.height
        assert fits is not fits_at_start
        await until(
            pilot, lambda: scroller.show_vertical_scrollbar is not fits, "the scrollbar follows"
        )

    drive(demo_db, scenario, size=start)
