"""Today: the date and networking streak, the agenda, streaks, neglected contacts."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static

from networkhabit.domain.agenda import (
    AgendaItem,
    habit_detail,
    in_agenda_order,
    introduction_items,
)
from networkhabit.tui.data import Loaded
from networkhabit.tui.host import OpenContact, Write
from networkhabit.tui.screens.base import DataScreen, retitle
from networkhabit.tui.widgets.agenda import AgendaList
from networkhabit.tui.widgets.ahead import planned_room
from networkhabit.tui.widgets.modal import QuickScreen
from networkhabit.tui.widgets.neglected import NeglectedPanel
from networkhabit.tui.widgets.streaks import StreaksPanel
from networkhabit.views import effects
from networkhabit.views import today as views
from networkhabit.views.today import TodayView

if TYPE_CHECKING:
    from networkhabit.actions.changes import Builder
    from networkhabit.tui.flows import Submit

#: Agenda kinds that are about one contact to reach (space logs a message, s snoozes them).
CONTACT_KINDS = ("neglected", "birthday", "congratulate")
#: Up to this many contacts the introduction suggestions are worked out with the rest of
#: the view (a few milliseconds); above it they join the agenda :data:`INTROS_AFTER` seconds
#: after it is shown (on 5,000 contacts they cost more than all the rest of the screen).
INLINE_INTROS = 1000
INTROS_AFTER = 0.2


def shown_done(item: AgendaItem, done: str) -> AgendaItem:
    """How an item looks once done, before the write is made: a habit's progress one up
    (ticked once met, as the agenda lists it then), anything else with ``done`` as its
    detail."""
    if item.kind == "habit" and item.progress is not None and done == effects.CHECKED_IN:
        count, target = item.progress
        weekly = item.detail.endswith("this week")
        return replace(
            item,
            detail=habit_detail(count + 1, target, weekly),
            progress=(count + 1, target),
            done=count + 1 >= target,
        )
    return replace(item, detail=done)


def today_view(data: Loaded, intros: bool = False) -> TodayView:
    """The view for the loaded day; on a large network (or before the links are read)
    without the introduction suggestions (they follow: :func:`introductions`), unless
    ``intros`` asks for them with the rest (a write's worker: the agenda it shows is then
    filled once, not again when they follow)."""
    inline = data.complete and (intros or len(data.snap.contacts) <= INLINE_INTROS)
    return views.today_view(data.snap, data.today, data.stats, data.labels, inline)


def introductions(data: Loaded) -> list[AgendaItem]:
    """The agenda's last items: one introduction to make, one to ask for."""
    return introduction_items(data.snap, data.today)


def header(data: Loaded, view: TodayView) -> Content:
    """``Friday 20 November 2026 · networking streak 12 days (best 40)`` and the counts."""
    days = "day" if view.streak == 1 else "days"
    streak_style = "b $text-success" if view.streak else "b $text-warning"
    todo = view.counts.parts() or ["nothing open"]
    return Content.assemble(
        (f"{data.today:%A %-d %B %Y}", "b"),
        "   ",
        ("networking streak ", "$text-muted"),
        (f"{view.streak} {days}", streak_style),
        (f" (best {view.best_streak})", "$text-muted"),
        "\n",
        (" · ".join(todo), "$text-muted"),
    )


class TodayScreen(QuickScreen, DataScreen):
    """The start screen."""

    TAB = "today"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "space",
            "done",
            "Done",
            tooltip="Do the item: tick the habit, log the touch, make the intro",
        ),
        Binding("l", "log", "Log touch", tooltip="Log a touch with a note and a follow-up date"),
        Binding(
            "s",
            "snooze",
            "Snooze",
            tooltip="Snooze the contact / move the follow-up / skip the habit",
        ),
        Binding("enter", "open", "Open", show=False),
        Binding("plus", "count", "Count", key_display="+", tooltip="How many to add to a habit"),
        Binding("a", "add_habit", "Add habit", show=False),
        Binding("e", "edit_habit", "Edit habit", show=False),
        Binding("x", "archive", "Archive", show=False, tooltip="Archive the habit or contact"),
        Binding("b", "plan_break", "Break", show=False, tooltip="Plan a break: streaks pause"),
    ]

    def __init__(self) -> None:
        super().__init__()
        #: The load version the panels were last filled from.
        self._filled = -1
        #: The agenda without / with the introduction suggestions, for the version filled.
        self._items: list[AgendaItem] = []
        self._intros: list[AgendaItem] = []
        #: The load version the introduction suggestions shown are for.
        self._intros_for = -1
        self._view: TodayView | None = None
        #: The follow-ups past the agenda's few are shown too (enter on "+N more").
        self._all_follow_ups = False
        #: The header shown (a refill with the same one leaves it be).
        self._header_shown: Content | None = None

    @property
    def pending(self) -> bool:
        """Whether the introduction suggestions are still to join the agenda."""
        return self._intros_for != self._filled

    def compose(self) -> ComposeResult:
        """Everything draws at once: with the data if it is there (see
        :meth:`~networkhabit.tui.screens.base.DataScreen.fill_first`), else it fills in
        when the data comes."""
        self._header = Static(
            Content.from_markup("[$text-muted]reading the store…[/]"), id="today-header"
        )
        # Each panel draws its own border and title: no box around it (a container per
        # panel cost more to mount, lay out and paint than the panel itself).
        self._agenda = AgendaList(id="agenda")
        self._agenda.border_title = "Agenda"
        self._agenda.border_subtitle = "space done · l log · s snooze"  # fits 80 columns
        self._streaks = StreaksPanel(id="streaks")
        self._streaks.border_title = "Streaks"
        self._neglected = NeglectedPanel(id="neglected")
        self._neglected.border_title = "Neglected"
        self.fill_first()
        for panel in (self._agenda, self._streaks, self._neglected):
            panel.add_class("panel", update=False)  # styled as it mounts, not before too
        yield from self.compose_top()
        yield self._header
        with Horizontal(id="today-body"):
            yield self._agenda
            with VerticalScroll(id="today-side"):
                yield self._streaks
                yield self._neglected

    def on_mount(self) -> None:
        """The agenda has the keyboard, and is measured for the size it will have (see
        :meth:`~networkhabit.tui.widgets.wrapping_list.WrappingList.laid_out_ahead`)."""
        self._agenda.focus()
        room = planned_room(self._agenda)
        if room is not None:
            self._agenda.laid_out_ahead(room)

    def show(self, data: Loaded) -> None:
        """Fill the panels with the view worked out with the load, else from a worker."""
        view = data.views.get("today")
        if isinstance(view, TodayView):
            self._fill(data, view)
            return
        self.nh.background(
            lambda: today_view(data), lambda view: self._fill(data, view), group="today-view"
        )

    def _fill(self, data: Loaded, view: TodayView) -> None:
        if view.intros is not None:
            self._intros, self._intros_for = view.intros, data.version
        elif self._filled != data.version:
            # Those of the version shown until now may be done already: they go, and the new
            # ones join once the screen is shown and painted.
            self._intros = []
            self.set_timer(INTROS_AFTER, lambda: self._find_introductions(data))
        self._filled = data.version
        self._view = view
        self._items = view.items
        if self._all_follow_ups and any(it.kind == "more" for it in view.items):
            self._items = self._expanded(data, view.items)
        top = header(data, view)
        if top != self._header_shown:  # (unchanged by a write: no layout, no paint)
            self._header_shown = top
            self._header.update(top, layout=False)  # (two lines high, whatever it says)
        self._show_agenda(data)
        self._streaks.show(view.statuses)
        self._neglected.show(
            view.neglected,
            data.labels,
            data.today,
            has_contacts=bool(data.snap.contacts),
            drifting=view.drifting,
        )
        retitle(self._neglected, f"Neglected ({len(view.neglected):,})")

    def _find_introductions(self, data: Loaded) -> None:
        current = self.nh.data
        if data.version != self._filled or current is None or current.version != data.version:
            return  # a newer load was shown meanwhile: it looks for its own
        if not current.complete:  # the suggestions need the links: wait for them
            self.set_timer(INTROS_AFTER / 2, lambda: self._find_introductions(data))
            return
        self.nh.background(
            lambda: introductions(current),
            lambda found: self._fill_introductions(current, found),
            group="today-intros",
        )

    def _fill_introductions(self, data: Loaded, found: list[AgendaItem]) -> None:
        if data.version != self._filled:
            return
        self._intros_for = data.version
        if found != self._intros:
            self._intros = found
            self._show_agenda(data)

    def _expanded(self, data: Loaded, items: list[AgendaItem]) -> list[AgendaItem]:
        """``items`` with every follow-up due in place of the few and "+N more"."""
        from networkhabit.domain.agenda import follow_up_items

        rest = [it for it in items if it.kind not in ("follow_up", "more")]
        return follow_up_items(data.snap, data.today, data.labels, None) + rest

    def _show_more(self, item: AgendaItem) -> None:
        """Enter or space on a "+N more" item: every follow-up in place; the people to reach
        are all in the Neglected panel beside the agenda."""
        if item.ref == "follow_up":
            self._show_all_follow_ups()
        else:
            self.notify("The Neglected panel lists everyone to reach; Contacts (c) too")

    def _show_all_follow_ups(self) -> None:
        """Enter or space on "+N more follow-ups": the list shows them all, in place."""
        data = self.data
        if data is None:
            return
        self._all_follow_ups = True
        self._items = self._expanded(data, self._items)
        self._show_agenda(data)

    def _show_agenda(self, data: Loaded) -> None:
        self._agenda.show([*self._items, *self._intros], self._empty_text(data))

    def _empty_text(self, data: Loaded) -> str:
        """What the agenda says when nothing is on it."""
        view = self._view
        return views.empty_message(data.snap, view, app=True) if view is not None else ""

    # -- actions ---------------------------------------------------------------------------------
    @property
    def item(self) -> AgendaItem | None:
        """The agenda item under the cursor."""
        return self._agenda.selected_item

    def _write(self, build: Builder, done: str = "", key: str | None = None) -> bool:
        """Write for the item under the cursor (or the item ``key``), unless a write for it
        is still in flight (or made but not shown yet): a quick second press must not do it
        twice (then False, and nothing written).

        With ``done`` ("✓ logged", "snoozed until Dec 9") the item shows it at once, in
        place (a habit: its progress one up), before the write is made; the reload after the
        write reconciles the list, a failed write puts the item back (the app says why)."""
        key = self._agenda.highlighted_id if key is None else key
        if key is None:
            return False
        item = self._agenda.item_of(key)
        if self.busy(f"today:{key}", self._filled_version):
            return False
        if not done or item is None:
            self.post_message(Write(build, key=f"today:{key}"))
            return True
        return self.write_ahead(
            build,
            f"today:{key}",
            lambda: self._show_ahead(key, item, shown_done(item, done)),
            self._put_back,
            self._filled_version,
        )

    def _show_ahead(self, key: str, item: AgendaItem, changed: AgendaItem) -> None:
        """The item ``key`` shown as ``changed``: in place, or — a habit now met — moved
        where the agenda lists it once written (with the habits met), so the reload after
        the write finds the list as it shows it."""
        view, data = self._view, self.data
        if changed.done == item.done or view is None or data is None:  # (stays where it is)
            self._agenda.change(key, changed)
            return
        shown = [changed if it is item else it for it in self._agenda.items]
        order = [st.habit.uid for st in view.progress]
        self._agenda.show(in_agenda_order(shown, order), self._empty_text(data))

    def _filled_version(self) -> int:
        """The load version the agenda was last filled from."""
        return self._filled

    def _put_back(self) -> None:
        """The agenda as the load shown has it (a write shown ahead failed)."""
        if self.data is not None:
            self._show_agenda(self.data)

    def _submit_for(self, who: tuple[str, ...] = ()) -> Submit:
        """What a dialog opened for the item under the cursor does once submitted: the item
        shows the effect at once (:meth:`_write`) if the write is about it — for a touch:
        with all of ``who`` — else (or while a write for it is in flight) the app just
        writes, and the list follows with the reload."""
        key = self._agenda.highlighted_id

        def submit(build: Builder, done: str, about: tuple[str, ...]) -> None:
            covered = not who or (set(who) <= set(about))
            if key is None or not covered or not self._write(build, done, key):
                self.nh.write(build)

        return submit

    def action_done(self) -> None:
        """Space: do what the item asks."""
        from networkhabit.actions import habits, intros, touches  # imported when first used

        item, data = self.item, self.data
        if item is None or data is None:
            return
        today = data.today
        if item.kind == "more":
            self._show_more(item)
        elif item.kind == "habit" and item.done:  # ticked: space takes the last check-in back
            self._write(habits.take_back(item.ref, today))
        elif item.kind == "habit":
            self._write(habits.check_in(item.ref, today), effects.CHECKED_IN)
        elif item.kind == "give_first" and len(item.contacts) >= 2:
            self._write(intros.make(item.contacts[0], item.contacts[1], today), effects.INTRODUCED)
        elif item.kind == "ask_intro" and len(item.contacts) >= 2:
            self._write(intros.ask(item.contacts[-1], today, via=item.contacts[0]), effects.ASKED)
        elif item.kind == "follow_up":  # how did you follow up? the kind, as l asks it
            from networkhabit.tui import flows

            flows.log_touch(
                self.nh, item.contacts, "message", "followed up", self._submit_for(item.contacts)
            )
        elif item.kind == "prepare":  # a meeting still to come: prepare on their page
            self.post_message(OpenContact(item.contacts[0]))
        elif item.contacts:
            note = {"birthday": "happy birthday", "congratulate": "congratulated on the new role"}
            log = touches.log(item.contacts[:1], today, "message", note.get(item.kind, ""))
            self._write(log, effects.LOGGED)

    def action_log(self) -> None:
        """l: log a touch with the item's people (or anyone) through the dialog."""
        from networkhabit.tui import flows  # the dialogs: imported when first used

        item = self.item
        who: tuple[str, ...] = ()
        if item is not None and item.kind != "habit":
            who = item.contacts[:1] if item.kind == "ask_intro" else item.contacts
        kind = "intro" if item is not None and item.kind == "give_first" else "message"
        if not who or item is None or item.kind == "more":
            flows.log_touch(self.nh, who, kind)  # about nobody on the agenda: the reload shows it
            return
        flows.log_touch(self.nh, who, kind, submit=self._submit_for(who))

    def action_snooze(self) -> None:
        """s: snooze the contact, move the follow-up, or skip the habit today."""
        from networkhabit.actions import habits
        from networkhabit.tui import flows

        item, data = self.item, self.data
        if item is None or data is None:
            return
        if item.kind == "habit":
            self._write(habits.skip(item.ref, data.today), effects.SKIPPED)
        elif item.kind == "follow_up":
            flows.move_follow_up(self.nh, item.ref, item.title, self._submit_for())
        elif item.kind in CONTACT_KINDS and item.contacts:
            flows.snooze_contact(self.nh, item.contacts[0], self._submit_for())
        else:
            what = "makes the introduction" if item.kind == "give_first" else "asks for it"
            self.notify(f"Nothing to snooze here — space {what}, l logs a touch")

    def action_count(self) -> None:
        """+: how many to add to the habit's count (space adds one)."""
        from networkhabit.tui import flows

        item = self.item
        if item is not None and item.kind == "habit":
            flows.count_habit(self.nh, item.ref)
        else:
            self.notify("+ enters a habit's count — put the cursor on a habit")

    def action_add_habit(self) -> None:
        """a: add a habit."""
        from networkhabit.tui import flows

        flows.add_habit(self.nh)

    def action_edit_habit(self) -> None:
        """e: edit the habit under the cursor."""
        from networkhabit.tui import flows

        item = self.item
        if item is not None and item.kind == "habit":
            flows.edit_habit(self.nh, item.ref)
        else:
            self.notify("e edits a habit — put the cursor on one (a adds one)")

    def action_archive(self) -> None:
        """x: archive the habit, or the contact the item is about (u brings it back)."""
        from networkhabit.tui import flows

        item = self.item
        if item is None:
            return
        if item.kind == "habit":
            flows.archive_habit(self.nh, item.ref)
        elif item.kind in CONTACT_KINDS and item.contacts:
            flows.archive_contact(self.nh, item.contacts[0])
        else:
            self.notify("x archives a habit or a contact to reach — not this item")

    def action_plan_break(self) -> None:
        """b: plan a break (every streak pauses)."""
        from networkhabit.tui import flows

        flows.plan_break(self.nh)

    def action_open(self) -> None:
        """Enter: open the item's contact."""
        item = self.item
        if item is not None and item.kind == "more":
            self._show_more(item)
        elif item is not None and item.contacts:
            target = item.contacts[-1] if item.kind == "ask_intro" else item.contacts[0]
            self.post_message(OpenContact(target))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter (or a double click) on an item opens its contact."""
        event.stop()
        self.action_open()
