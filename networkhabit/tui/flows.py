"""Dialog → change flows shared by the screens and the command palette."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from networkhabit.views import effects

if TYPE_CHECKING:
    from networkhabit.actions.changes import Builder
    from networkhabit.actions.contacts import ContactInput
    from networkhabit.domain.model import Habit
    from networkhabit.domain.network import IntroPath
    from networkhabit.tui.dialogs.log_touch import LogRequest
    from networkhabit.tui.host import Host

#: How a screen makes the write a dialog it opened asks for: ``submit(build, shown, about)``
#: with ``shown`` the words for the effect as a list shows it before the write is made
#: ("✓ logged", "snoozed until Dec 9": :mod:`networkhabit.views.effects`) and ``about`` the
#: contacts the write is about. The screen shows the effect at once and writes (see
#: :meth:`~networkhabit.tui.screens.base.DataScreen.write_ahead`); without one, the app
#: writes and the screens follow with the reload.
Submit = Callable[["Builder", str, tuple[str, ...]], None]


def _submitter(app: Host, submit: Submit | None) -> Submit:
    if submit is not None:
        return submit
    return lambda build, _shown, _about: app.write(build)


def log_touch(
    app: Host,
    uids: Sequence[str] = (),
    kind: str = "message",
    note: str = "",
    submit: Submit | None = None,
) -> None:
    """Ask for a touch's details, then log it."""
    from networkhabit.tui.dialogs.log_touch import LogTouchDialog

    data = app.data
    if data is None:
        return
    make = _submitter(app, submit)

    def logged(request: LogRequest | None) -> None:
        if request is not None:
            from networkhabit.actions import touches  # once asked: not on the dialog's way

            build = touches.log(
                request.uids,
                data.today,
                request.kind,
                request.note,
                request.follow_up,
                request.day,
            )
            make(build, effects.LOGGED, request.uids)

    app.push_screen(LogTouchDialog(data.snap.contacts, data.today, uids, kind, note), logged)


def add_contact(app: Host) -> None:
    """Ask for a new contact's details, then add it."""
    from networkhabit.actions import contacts
    from networkhabit.tui.dialogs.contact_form import ContactDialog

    data = app.data
    if data is None:
        return

    def added(values: ContactInput | None) -> None:
        if values is not None:
            app.write(contacts.add(values, data.today))

    app.push_screen(ContactDialog(data.snap.contacts, data.today, data.snap.settings), added)


def edit_contact(app: Host, uid: str) -> None:
    """Show a contact's details for editing, then save what changed."""
    from networkhabit.actions import contacts
    from networkhabit.tui.dialogs.contact_form import ContactDialog

    data = app.data
    contact = data.contacts.get(uid) if data is not None else None
    if data is None or contact is None:
        return

    def edited(values: ContactInput | None) -> None:
        if values is not None and values.given():
            app.write(contacts.edit(uid, values, data.today))

    app.push_screen(
        ContactDialog(data.snap.contacts, data.today, data.snap.settings, contact), edited
    )


def snooze_contact(app: Host, uid: str, submit: Submit | None = None) -> None:
    """Ask until when, then snooze the contact."""
    from networkhabit.tui.dialogs.snooze import DateDialog

    data = app.data
    if data is None:
        return
    today = data.today
    make = _submitter(app, submit)

    def snoozed(day: date | None) -> None:
        if day is not None:
            from networkhabit.actions import contacts  # once asked: not on the dialog's way

            make(contacts.snooze(uid, day, today), effects.snoozed_until(day, today), (uid,))

    app.push_screen(
        DateDialog(
            f"Snooze {data.label(uid)}", "Keep them out of the neglected list until:", today
        ),
        snoozed,
    )


def move_follow_up(
    app: Host, interaction_uid: str, title: str, submit: Submit | None = None
) -> None:
    """Ask for a later day, then move the follow-up there."""
    from networkhabit.tui.dialogs.snooze import DateDialog

    data = app.data
    if data is None:
        return
    today = data.today
    make = _submitter(app, submit)

    def moved(day: date | None) -> None:
        if day is not None:
            from networkhabit.actions import touches  # once asked: not on the dialog's way

            build = touches.move_follow_up(interaction_uid, day, today)
            make(build, effects.moved_to(day, today), ())

    app.push_screen(
        DateDialog(
            "Move the follow-up",
            f"{title} — move the follow-up to a later day.",
            today,
            "+2d",
            label="Follow up on",
        ),
        moved,
    )


# -- habits and breaks ---------------------------------------------------------------------


def add_habit(app: Host) -> None:
    """Ask for a new habit's name, target, days and what it counts, then add it."""
    from networkhabit.tui.dialogs.habit_form import HabitDialog

    data = app.data
    if data is None:
        return
    app.push_screen(HabitDialog(data.snap, data.today), _write_built(app))


def edit_habit(app: Host, uid: str) -> None:
    """Show a habit's settings for editing, then save what changed."""
    from networkhabit.tui.dialogs.habit_form import HabitDialog

    data = app.data
    habit = _habit(app, uid)
    if data is None or habit is None:
        return
    app.push_screen(HabitDialog(data.snap, data.today, habit), _write_built(app))


def archive_habit(app: Host, uid: str) -> None:
    """Archive a habit (u brings it back): its history stays, it leaves the agenda."""
    from networkhabit.actions import habits

    if _habit(app, uid) is not None:
        app.write(habits.archive(uid))


def count_habit(app: Host, uid: str) -> None:
    """Ask how many to add to a habit's count today, then check in that many."""
    from networkhabit.domain.habits import habit_statuses
    from networkhabit.tui.dialogs.habit_form import CountDialog

    data = app.data
    habit = _habit(app, uid)
    if data is None or habit is None:
        return
    done = next((s.done for s in habit_statuses(data.snap, data.today) if s.habit.uid == uid), 0)
    app.push_screen(CountDialog(data.snap, data.today, habit, done), _write_built(app))


def plan_break(app: Host) -> None:
    """Ask for a break's first and last day, then record it."""
    from networkhabit.tui.dialogs.habit_form import BreakDialog

    data = app.data
    if data is not None:
        app.push_screen(BreakDialog(data.snap, data.today), _write_built(app))


def list_breaks(app: Host) -> None:
    """Show the breaks; enter on one ends it early."""
    from networkhabit.actions import habits
    from networkhabit.tui.dialogs.habit_form import BreaksDialog

    data = app.data
    if data is None:
        return
    today = data.today

    def chosen(uid: str | None) -> None:
        if uid is not None:
            app.write(habits.end_break(uid, today))

    app.push_screen(BreaksDialog(data.snap, today), chosen)


def _habit(app: Host, uid: str) -> Habit | None:
    data = app.data
    if data is None:
        return None
    return next((h for h in data.snap.habits if h.uid == uid and not h.archived), None)


def _write_built(app: Host) -> Callable[[Builder | None], None]:
    """A dialog's callback: write the builder it returned (nothing if cancelled)."""

    def done(build: Builder | None) -> None:
        if build is not None:
            app.write(build)

    return done


# -- contacts: archive, links, merge ------------------------------------------------------


def archive_contact(app: Host, uid: str) -> None:
    """Archive a contact (u brings them back): they leave the agenda and the lists."""
    from networkhabit.actions import contacts

    data = app.data
    contact = data.contacts.get(uid) if data is not None else None
    if contact is None:
        return
    app.write(contacts.archive(uid, undo=contact.archived))


def delete_contact(app: Host, uid: str) -> None:
    """Ask, then delete a contact for good (u undoes it): they, their links and the
    touches only they were in go; shared touches keep the others."""
    from networkhabit.actions.delete import delete, describe
    from networkhabit.tui.dialogs.people import DeleteDialog

    data = app.data
    contact = data.contacts.get(uid) if data is not None else None
    if data is None or contact is None:
        return
    what = describe(data.snap, uid)

    def answered(yes: bool | None) -> None:
        if yes:
            app.write(delete(uid), then=lambda _change: app.action_go("contacts"))

    app.push_screen(DeleteDialog(data.label(uid), what), answered)


def knows(app: Host, uid: str) -> None:
    """Ask who a contact knows, then link them."""
    from networkhabit.tui.dialogs.people import KnowsDialog

    data = app.data
    contact = data.contacts.get(uid) if data is not None else None
    if data is None or contact is None:
        return
    app.push_screen(KnowsDialog(data.snap, data.today, contact), _write_built(app))


def unlink(app: Host, uid: str) -> None:
    """Ask which of a contact's links to remove, then remove it."""
    from networkhabit.tui.dialogs.people import UnlinkDialog

    data = app.data
    contact = data.contacts.get(uid) if data is not None else None
    if data is None or contact is None:
        return
    app.push_screen(UnlinkDialog(data.snap, contact), _write_built(app))


def merge_contacts(app: Host, keep: str | None = None) -> None:
    """Ask which contact to keep and which duplicate to fold into it, then merge."""
    from networkhabit.tui.dialogs.people import MergeDialog

    data = app.data
    if data is None:
        return
    contact = data.contacts.get(keep) if keep is not None else None
    app.push_screen(MergeDialog(data.snap, contact), _write_built(app))


def ask_intro(app: Host, path: IntroPath) -> None:
    """Show the ask along a warm path (and a draft message to copy); log it if asked to."""
    from networkhabit.actions import intros
    from networkhabit.domain.network import describe_path
    from networkhabit.tui.dialogs.people import AskDialog
    from networkhabit.views.intros import ask_draft

    data = app.data
    hops = path.hops
    if data is None or not hops or any(u not in data.contacts for u in hops):
        return
    if len(hops) < 2:
        app.notify(f"You know {data.label(hops[0])} directly — l logs a touch with them")
        return
    today = data.today

    def chosen(log: bool | None) -> None:
        if log:
            app.write(intros.ask(hops[-1], today, via=hops[0]))

    app.push_screen(
        AskDialog(
            f"Ask {data.label(hops[0])} for an introduction",
            describe_path(data.snap, path, today),
            ask_draft(data.snap, hops),
        ),
        chosen,
    )
