"""Add or edit a contact."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from textual.widget import Widget
from textual.widgets import Checkbox, Input

from networkhabit.actions.contacts import ContactInput, check_unique, fields_of
from networkhabit.domain.dates import format_duration
from networkhabit.domain.errors import InputError
from networkhabit.domain.model import Contact, Settings, Snapshot
from networkhabit.tui.dialogs.base import FormDialog
from networkhabit.tui.widgets.form import FormCheckbox, FormInput

#: (field id, label, placeholder) of the text fields, in order.
TEXT_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("name", "Name", "required"),
    ("company", "Company", ""),
    ("title", "Title", ""),
    ("email", "Email", ""),
    ("phone", "Phone", ""),
    ("url", "URL", "e.g. their LinkedIn profile"),
    ("tags", "Tags", "comma-separated"),
    ("every", "Rhythm", "keep in touch every 30d / 2w / 3m, or none"),
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


class ContactDialog(FormDialog[ContactInput]):
    """Modal: a contact's fields. Returns what was typed (an edit: what changed)."""

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
                FormInput(
                    values.get(key, ""), placeholder=placeholder, id=f"f-{key}", compact=True
                ),
            )
        prospect = self.contact is not None and not self.contact.known
        yield (
            "Prospect",
            FormCheckbox(
                "someone I want to reach, not know yet", prospect, id="f-prospect", compact=True
            ),
        )

    def result(self) -> ContactInput:
        """The fields as typed (for an edit: only those changed), checked as the action will
        check them, so a mistake is shown in the form."""
        raw = {key: self.query_one(f"#f-{key}", Input).value for key, _, _ in TEXT_FIELDS}
        prospect = self.query_one("#f-prospect", Checkbox).value
        start = form_values(self.contact)
        if self.contact is not None:
            raw = {k: v for k, v in raw.items() if v.strip() != start.get(k, "").strip()}
        given = ContactInput(
            name=raw.get("name"),
            company=raw.get("company"),
            title=raw.get("title"),
            email=raw.get("email"),
            phone=raw.get("phone"),
            url=raw.get("url"),
            tags=[raw["tags"]] if "tags" in raw else None,
            every=raw.get("every"),
            needs=[raw["needs"]] if "needs" in raw else None,
            offers=[raw["offers"]] if "offers" in raw else None,
            birthday=raw.get("birthday"),
            notes=raw.get("notes"),
            known=None
            if self.contact is not None and self.contact.known == (not prospect)
            else not prospect,
        )
        if self.contact is None and given.name is None:
            raise InputError("a contact needs a name")
        values = fields_of(given, self.today)
        current = self.contact
        name = values.get("name", current.name if current else "")
        company = values.get("company", current.company if current else "")
        check_unique(
            Snapshot(contacts=tuple(self.contacts)), name, company, current and current.uid
        )
        return given
