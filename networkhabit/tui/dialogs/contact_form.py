"""Add or edit a contact."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from textual.widget import Widget
from textual.widgets import Checkbox, Input

from networkhabit.domain.dates import format_duration, parse_birthday, parse_duration
from networkhabit.domain.errors import InputError
from networkhabit.domain.model import Contact, Settings, new_uid
from networkhabit.domain.names import clean_name, fold, split_values
from networkhabit.tui.dialogs.base import FormDialog

#: (field id, label, placeholder) of the text fields, in order.
TEXT_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("name", "Name", "required"),
    ("company", "Company", ""),
    ("title", "Title", ""),
    ("email", "Email", ""),
    ("phone", "Phone", ""),
    ("url", "URL", "e.g. their LinkedIn profile"),
    ("tags", "Tags", "comma-separated"),
    ("every", "Keep in touch", "every 30d / 2w / 3m, or none"),
    ("needs", "Needs", "topics they look for, comma-separated"),
    ("offers", "Offers", "topics they can give, comma-separated"),
    ("birthday", "Birthday", "YYYY-MM-DD or --MM-DD"),
    ("notes", "Notes", ""),
)


def form_values(contact: Contact | None) -> dict[str, str]:
    """The text each field starts with."""
    if contact is None:
        return {}
    return {
        "name": contact.name,
        "company": contact.company,
        "title": contact.title,
        "email": contact.email,
        "phone": contact.phone,
        "url": contact.url,
        "tags": ", ".join(contact.tags),
        "needs": ", ".join(contact.needs),
        "offers": ", ".join(contact.offers),
        "birthday": contact.birthday or "",
        "notes": contact.notes,
        "every": format_duration(contact.cadence_days) if contact.cadence_days else "",
    }


def parse_fields(raw: dict[str, str], prospect: bool) -> dict[str, Any]:
    """Contact fields from the form's text."""
    every = raw["every"].strip()
    cadence = None if every.lower() in ("", "none", "off", "never", "-") else parse_duration(every)
    birthday = raw["birthday"].strip()
    return {
        "name": clean_name(raw["name"]),
        "company": raw["company"].strip(),
        "title": raw["title"].strip(),
        "email": raw["email"].strip(),
        "phone": raw["phone"].strip(),
        "url": raw["url"].strip(),
        "tags": split_values([raw["tags"]]),
        "needs": split_values([raw["needs"]]),
        "offers": split_values([raw["offers"]]),
        "notes": raw["notes"].strip(),
        "cadence_days": cadence,
        "birthday": parse_birthday(birthday) if birthday else None,
        "known": not prospect,
    }


class ContactDialog(FormDialog[dict[str, Any]]):
    """Modal: a contact's fields. Returns the parsed fields (all of them)."""

    OK_LABEL = "Save"

    def __init__(
        self,
        contacts: Sequence[Contact],
        today: date,
        settings: Settings,
        contact: Contact | None = None,
    ) -> None:
        super().__init__()
        self.TITLE_TEXT = f"Edit {contact.name}" if contact else "Add a contact"
        self.contacts = contacts
        self.today = today
        self.settings = settings
        self.contact = contact

    def fields(self) -> Iterable[tuple[str, Widget]]:
        """One input per field, and whether this is a prospect."""
        values = form_values(self.contact)
        for key, label, placeholder in TEXT_FIELDS:
            yield (
                label,
                Input(values.get(key, ""), placeholder=placeholder, id=f"f-{key}", compact=True),
            )
        prospect = self.contact is not None and not self.contact.known
        yield (
            "Prospect",
            Checkbox(
                "someone I want to reach, not know yet", prospect, id="f-prospect", compact=True
            ),
        )

    def result(self) -> dict[str, Any]:
        """Check the fields; an added contact gets a cadence from its tags if none is given."""
        raw = {key: self.query_one(f"#f-{key}", Input).value for key, _, _ in TEXT_FIELDS}
        values = parse_fields(raw, self.query_one("#f-prospect", Checkbox).value)
        mine = self.contact.uid if self.contact else None
        for c in self.contacts:
            if (
                c.uid != mine
                and not c.archived
                and fold(c.name) == fold(values["name"])
                and fold(c.company) == fold(values["company"])
            ):
                where = f" at {c.company}" if c.company else ""
                raise InputError(
                    f"{c.name}{where} already exists — give a company to tell them apart"
                )
        if self.contact is None and values["cadence_days"] is None:
            by_tag = self.settings.default_cadence_by_tag
            values["cadence_days"] = next((by_tag[t] for t in values["tags"] if t in by_tag), None)
        return values


def new_contact(values: dict[str, Any], today: date) -> Contact:
    """A contact from the form's values."""
    return Contact(uid=new_uid(), created=today, **values)


def changed_fields(contact: Contact, values: dict[str, Any]) -> dict[str, Any]:
    """Only the fields the form changed."""
    return {k: v for k, v in values.items() if getattr(contact, k) != v}
