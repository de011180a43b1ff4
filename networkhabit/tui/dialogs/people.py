"""Who knows whom and duplicates, from the app: link two people, remove a link, merge two
contacts, ask for an introduction along a warm path (with a draft message to copy).

The form dialogs return a builder (an action) tried on the store as last read, so a
mistake shows in the dialog; the write checks again under the store's lock.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static, TextArea

from networkhabit.actions import intros
from networkhabit.actions import merge as merging
from networkhabit.actions.changes import Builder
from networkhabit.domain.errors import InputError
from networkhabit.domain.model import Contact, Snapshot
from networkhabit.domain.names import display_names, resolve_contact
from networkhabit.domain.wording import count
from networkhabit.tui.dialogs.base import FormDialog
from networkhabit.tui.dialogs.habit_form import try_build
from networkhabit.tui.dialogs.log_touch import NamesSuggester
from networkhabit.tui.widgets.form import FormButton, FormInput
from networkhabit.tui.widgets.modal import QuickModal


def _person(text: str, pool: Sequence[Contact], what: str) -> Contact:
    if not text.strip():
        raise InputError(f"type the name of {what}")
    return resolve_contact(text, pool)


class KnowsDialog(FormDialog[Builder]):
    """Modal: who this contact knows (a link), with an optional note."""

    OK_LABEL = "Link"

    def __init__(self, snap: Snapshot, today: date, contact: Contact) -> None:
        super().__init__()
        self.snap = snap
        self.today = today
        self.contact = contact
        self.pool = [c for c in snap.contacts if not c.archived and c.uid != contact.uid]
        self.labels = display_names(snap.contacts)
        self.TITLE_TEXT = f"Who does {self.labels[contact.uid]} know?"

    def fields(self) -> Iterable[tuple[str, Widget]]:
        """The other person, a note."""
        names = [self.labels[c.uid] for c in self.pool]
        yield (
            "Knows",
            FormInput(
                placeholder="a contact's name",
                id="other",
                compact=True,
                suggester=NamesSuggester(names),
            ),
        )
        yield "Note", FormInput(placeholder="optional: how they know each other", id="link-note")

    def result(self) -> Builder:
        """The link, tried on the store as last read."""
        other = _person(self.query_one("#other", Input).value, self.pool, "the other person")
        note = self.query_one("#link-note", Input).value.strip() or None
        return try_build(intros.knows(self.contact.uid, other.uid, self.today, note), self.snap)


class UnlinkDialog(FormDialog[Builder]):
    """Modal: remove a link of this contact's (pick the other person)."""

    OK_LABEL = "Remove"

    def __init__(self, snap: Snapshot, contact: Contact) -> None:
        super().__init__()
        self.snap = snap
        self.contact = contact
        self.labels = display_names(snap.contacts)
        linked = {
            lk.b if lk.a == contact.uid else lk.a
            for lk in snap.links
            if contact.uid in (lk.a, lk.b)
        }
        self.pool = [c for c in snap.contacts if c.uid in linked]
        self.TITLE_TEXT = f"Remove a link of {self.labels[contact.uid]}'s"

    def intro(self) -> Iterable[Widget]:
        """Who they are linked to."""
        names = sorted((self.labels[c.uid] for c in self.pool), key=str.casefold)
        text = ", ".join(names) if names else "nobody yet"
        yield Static(f"Linked to: {text}", classes="dialog-hint")

    def fields(self) -> Iterable[tuple[str, Widget]]:
        """The other person."""
        names = [self.labels[c.uid] for c in self.pool]
        yield (
            "With",
            FormInput(
                names[0] if len(names) == 1 else "",
                placeholder="the person to unlink",
                id="other",
                compact=True,
                suggester=NamesSuggester(names),
            ),
        )

    def result(self) -> Builder:
        """The unlink, tried on the store as last read."""
        if not self.pool:
            raise InputError("no links to remove — escape closes")
        other = _person(self.query_one("#other", Input).value, self.pool, "a linked person")
        return try_build(intros.unlink(self.contact.uid, other.uid), self.snap)


class MergeDialog(FormDialog[Builder]):
    """Modal: fold a duplicate into the contact to keep; the fields that differ are shown
    as the names are typed (the kept contact's values stay unless taken from the other)."""

    TITLE_TEXT = "Merge two contacts"
    OK_LABEL = "Merge"

    def __init__(self, snap: Snapshot, keep: Contact | None = None) -> None:
        super().__init__()
        self.snap = snap
        self.keep = keep
        self.labels = display_names(snap.contacts)
        # The preview needs no touches one by one: what differs is in the contacts.
        self.people = replace(snap, interactions=(), partial=False)

    def intro(self) -> Iterable[Widget]:
        """What a merge does."""
        yield Static(
            "The duplicate's touches, follow-ups, links, tags and notes move to the contact "
            "kept, and the duplicate goes; a re-import then finds the one kept. u undoes.",
            classes="dialog-hint",
        )

    def fields(self) -> Iterable[tuple[str, Widget]]:
        """Keep, the duplicate, the fields to take from it."""
        names = NamesSuggester(self.labels[c.uid] for c in self.snap.contacts)
        keep = self.labels[self.keep.uid] if self.keep is not None else ""
        yield (
            "Keep",
            FormInput(
                keep, placeholder="the contact to keep", id="keep", compact=True, suggester=names
            ),
        )
        yield (
            "Duplicate",
            FormInput(
                placeholder="the contact to fold in", id="dup", compact=True, suggester=names
            ),
        )
        yield (
            "Take theirs",
            FormInput(
                placeholder="optional: fields to take from the duplicate (url, email)",
                id="take",
                compact=True,
            ),
        )

    def initial_focus(self) -> Widget | None:
        """The duplicate when the contact to keep is given."""
        return self.query_one("#dup" if self.keep is not None else "#keep", Input)

    def _take(self) -> list[str]:
        return [f for f in self.query_one("#take", Input).value.split(",") if f.strip()]

    def _names(self) -> tuple[str, str]:
        return self.query_one("#keep", Input).value, self.query_one("#dup", Input).value

    def on_input_changed(self, event: Input.Changed) -> None:
        """Show what the merge would change (or why it cannot be made)."""
        keep, dup = self._names()
        if not keep.strip() or not dup.strip():
            self.show_error("")
            return
        try:
            plan = merging.plan(self.people, keep, dup, self._take())
        except InputError as exc:
            self.show_error(str(exc))
            return
        links = sum(1 for lk in self.snap.links if plan.gone.uid in (lk.a, lk.b))
        lines = [
            f"{self.labels[plan.gone.uid]} → {self.labels[plan.kept.uid]}: {count(links, 'link')} move"
        ]
        if plan.filled:
            lines.append(f"filled in: {', '.join(plan.filled)}")
        for d in plan.differences:
            lines.append(
                f"{d.field}: {d.theirs!r} taken (was {d.ours!r})"
                if d.taken
                else f"{d.field}: {d.ours!r} kept (theirs {d.theirs!r})"
            )
        self.show_error("\n".join(lines))

    def result(self) -> Builder:
        """The merge, tried on the contacts as last read."""
        keep, dup = self._names()
        if not keep.strip() or not dup.strip():
            raise InputError("name the contact to keep and the duplicate")
        plan = merging.plan(self.people, keep, dup, self._take())
        return merging.merge(plan.kept.uid, plan.gone.uid, self._take())


class AskDialog(QuickModal[bool | None]):
    """Modal: ask the first person on a warm path for the introduction — a draft message
    to copy, and a button that logs the ask (as ``intro ask``). Returns True to log it."""

    #: Its part of the app's CSS (see :mod:`networkhabit.tui.sheets`).
    SHEET = """
    #draft { height: 9; margin-bottom: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, advice: str, draft: str) -> None:
        super().__init__()
        self.title_text = title
        self.advice = advice
        self.draft = draft

    def compose(self) -> ComposeResult:
        """The advice, the draft, the buttons."""
        with Vertical(classes="dialog", id="ask"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.advice, classes="dialog-hint")
            yield TextArea(self.draft, id="draft", soft_wrap=True, compact=True)
            with Horizontal(classes="dialog-buttons"):
                yield FormButton("Log the ask", variant="primary", id="ok", compact=True)
                yield FormButton("Copy the message", id="copy", compact=True)
                yield FormButton("Cancel", id="cancel", compact=True)

    def on_mount(self) -> None:
        """The log button first: enter logs the ask."""
        self.query_one("#ok", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Log, copy, or close."""
        event.stop()
        if event.button.id == "ok":
            self.dismiss(True)
        elif event.button.id == "copy":
            self.app.copy_to_clipboard(self.query_one("#draft", TextArea).text)
            self.notify("The message is on the clipboard")
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        """Close without logging."""
        self.dismiss(None)


class DeleteDialog(QuickModal[bool | None]):
    """Modal: delete a contact for good? Says what goes with them; returns True to delete.
    (``u`` undoes it afterwards, as any change.)"""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("y", "delete", "Delete", show=False),
    ]

    def __init__(self, name: str, what: str) -> None:
        super().__init__()
        self.name_text = name
        self.what = what

    def compose(self) -> ComposeResult:
        """The question and two buttons (Cancel has the focus: enter does no harm)."""
        with Vertical(classes="dialog", id="delete"):
            yield Label(f"Delete {self.name_text}?", classes="dialog-title")
            yield Static(
                f"This also removes {self.what}. Archive (x) keeps them out of every list "
                "instead; u undoes a delete.",
                classes="dialog-hint",
            )
            with Horizontal(classes="dialog-buttons"):
                yield FormButton("Delete (y)", variant="error", id="ok", compact=True)
                yield FormButton("Cancel", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(True if event.button.id == "ok" else None)

    def action_delete(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(None)
