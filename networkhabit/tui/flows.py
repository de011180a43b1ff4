"""Dialog → change flows shared by the screens and the command palette."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from networkhabit.tui import changes
from networkhabit.tui.dialogs.contact_form import ContactDialog, changed_fields, new_contact
from networkhabit.tui.dialogs.log_touch import LogRequest, LogTouchDialog
from networkhabit.tui.dialogs.snooze import DateDialog

if TYPE_CHECKING:
    from networkhabit.tui.app import NetworkhabitApp


def log_touch(app: NetworkhabitApp, uids: Sequence[str] = (), kind: str = "message") -> None:
    """Ask for a touch's details, then log it."""
    data = app.data
    if data is None:
        return

    def logged(request: LogRequest | None) -> None:
        if request is not None:
            app.write(
                changes.touch(
                    request.uids,
                    data.today,
                    request.kind,
                    request.note,
                    request.follow_up,
                    request.day,
                    request.label,
                )
            )

    app.push_screen(LogTouchDialog(data.snap.contacts, data.today, uids, kind), logged)


def add_contact(app: NetworkhabitApp) -> None:
    """Ask for a new contact's details, then add it."""
    data = app.data
    if data is None:
        return

    def added(values: dict[str, Any] | None) -> None:
        if values is not None:
            app.write(changes.add_contact(new_contact(values, data.today)))

    app.push_screen(ContactDialog(data.snap.contacts, data.today, data.snap.settings), added)


def edit_contact(app: NetworkhabitApp, uid: str) -> None:
    """Show a contact's details for editing, then save what changed."""
    data = app.data
    contact = data.contacts.get(uid) if data is not None else None
    if data is None or contact is None:
        return

    def edited(values: dict[str, Any] | None) -> None:
        diff = changed_fields(contact, values) if values is not None else {}
        if diff:
            app.write(changes.edit_contact(uid, diff))

    app.push_screen(
        ContactDialog(data.snap.contacts, data.today, data.snap.settings, contact), edited
    )


def snooze_contact(app: NetworkhabitApp, uid: str) -> None:
    """Ask until when, then snooze the contact."""
    data = app.data
    if data is None:
        return
    today = data.today

    def snoozed(day: date | None) -> None:
        if day is not None:
            app.write(changes.snooze(uid, day, today))

    app.push_screen(
        DateDialog(
            f"Snooze {data.label(uid)}", "Keep them out of the neglected list until:", today
        ),
        snoozed,
    )


def move_follow_up(app: NetworkhabitApp, interaction_uid: str, title: str) -> None:
    """Ask for a later day, then move the follow-up there."""
    data = app.data
    if data is None:
        return
    today = data.today

    def moved(day: date | None) -> None:
        if day is not None:
            app.write(changes.move_follow_up(interaction_uid, day, today))

    app.push_screen(
        DateDialog(
            "Move the follow-up", f"{title} — move the follow-up to a later day.", today, "+2d"
        ),
        moved,
    )
