"""Dialog → change flows shared by the screens and the command palette."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from networkhabit.actions import contacts, touches
from networkhabit.actions.contacts import ContactInput
from networkhabit.tui.dialogs.contact_form import ContactDialog
from networkhabit.tui.dialogs.log_touch import LogRequest, LogTouchDialog
from networkhabit.tui.dialogs.snooze import DateDialog

if TYPE_CHECKING:
    from networkhabit.tui.host import Host


def log_touch(app: Host, uids: Sequence[str] = (), kind: str = "message", note: str = "") -> None:
    """Ask for a touch's details, then log it."""
    data = app.data
    if data is None:
        return

    def logged(request: LogRequest | None) -> None:
        if request is not None:
            app.write(
                touches.log(
                    request.uids,
                    data.today,
                    request.kind,
                    request.note,
                    request.follow_up,
                    request.day,
                )
            )

    app.push_screen(LogTouchDialog(data.snap.contacts, data.today, uids, kind, note), logged)


def add_contact(app: Host) -> None:
    """Ask for a new contact's details, then add it."""
    data = app.data
    if data is None:
        return

    def added(values: ContactInput | None) -> None:
        if values is not None:
            app.write(contacts.add(values, data.today))

    app.push_screen(ContactDialog(data.snap.contacts, data.today, data.snap.settings), added)


def edit_contact(app: Host, uid: str) -> None:
    """Show a contact's details for editing, then save what changed."""
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


def snooze_contact(app: Host, uid: str) -> None:
    """Ask until when, then snooze the contact."""
    data = app.data
    if data is None:
        return
    today = data.today

    def snoozed(day: date | None) -> None:
        if day is not None:
            app.write(contacts.snooze(uid, day, today))

    app.push_screen(
        DateDialog(
            f"Snooze {data.label(uid)}", "Keep them out of the neglected list until:", today
        ),
        snoozed,
    )


def move_follow_up(app: Host, interaction_uid: str, title: str) -> None:
    """Ask for a later day, then move the follow-up there."""
    data = app.data
    if data is None:
        return
    today = data.today

    def moved(day: date | None) -> None:
        if day is not None:
            app.write(touches.move_follow_up(interaction_uid, day, today))

    app.push_screen(
        DateDialog(
            "Move the follow-up", f"{title} — move the follow-up to a later day.", today, "+2d"
        ),
        moved,
    )
