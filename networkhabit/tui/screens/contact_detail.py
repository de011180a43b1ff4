"""One contact: details, the timeline of touches, who they know, and warm paths to them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer, Vertical, VerticalScroll
from textual.content import Content

from networkhabit.domain import contacts as rules
from networkhabit.domain.model import Contact, Interaction
from networkhabit.domain.network import (
    Target,
    colleagues,
    describe_path,
    intro_paths,
    no_path_message,
)
from networkhabit.domain.wording import ago, count, every
from networkhabit.tui import flows
from networkhabit.tui.data import Loaded
from networkhabit.tui.screens.base import DataScreen, small
from networkhabit.tui.screens.contacts import STATUS_TEXT
from networkhabit.tui.widgets.modal import QuickScreen
from networkhabit.tui.widgets.neglected import STATUS_STYLES
from networkhabit.tui.widgets.text import Hang, Line, Wrapped
from networkhabit.views.contact_page import links_of

if TYPE_CHECKING:
    from networkhabit.actions.changes import Builder

#: Touches shown in the timeline (older ones are summed up).
TIMELINE_LIMIT = 200


@dataclass(frozen=True)
class DetailView:
    """Everything the page shows, worked out in a worker."""

    contact: Contact
    details: list[Line]
    knows: list[Line]
    paths: list[Line]
    #: None until the contact's touches are read (see :meth:`ContactDetailScreen.show`).
    timeline: list[Line] | None


def _field(label: str, value: str) -> Hang:
    return Hang(Content.styled(f"{label:<10}", "$text-muted"), value)


def details(data: Loaded, c: Contact, shown: str = "") -> list[Line]:
    """Role, ways to reach them, tags and topics, rhythm and status (``shown``: the status
    as a write being made leaves it, e.g. "✓ logged", shown before the write is made)."""
    today, stats = data.today, data.stats
    status = rules.status(c, stats, today)
    lines: list[Line] = [
        Content.assemble(
            (data.label(c.uid), "b"),
            ("  prospect" if not c.known else "", "$text-secondary"),
            ("  archived" if c.archived else "", "$text-muted"),
        )
    ]
    if rules.role(c):
        lines.append(Hang("", rules.role(c)))
    lines.append(Content(""))
    for label, value in rules.detail_fields(c):
        lines.append(_field(label, value))
    s = stats.get(c.uid)
    if s is not None and s.last is not None:
        lines.append(
            _field(
                "last",
                f"talked {ago(s.last, today)} ({s.last.isoformat()}) · {count(s.count, 'touch')}",
            )
        )
    else:
        lines.append(_field("last", f"no touches yet (added {ago(c.created, today)})"))
    if c.cadence_days:
        due = rules.due_date(c, stats)
        when = f" · due {ago(due, today)}" if due else ""
        lines.append(_field("rhythm", f"{every(c.cadence_days)}{when}"))
    text = STATUS_TEXT.get(status, status)
    if status == "snoozed" and c.snoozed_until:
        text += f" until {c.snoozed_until.isoformat()}"
    style = STATUS_STYLES.get(status, "")
    if shown:
        text, style = shown, "$text-success"
    lines.append(Content.assemble(("status    ", "$text-muted"), (text, style)))
    if c.notes:
        lines.append(_field("notes", c.notes))
    return lines


def knows(data: Loaded, c: Contact) -> list[Line]:
    """The people linked to them, then colleagues guessed from a shared company."""
    rows = [(name, lk.source, lk.note) for name, lk in links_of(data.snap, c.uid, data.labels)]
    guessed = colleagues(data.snap, c.uid, data.today)[:10]
    rows += [(data.label(u), "same company, inferred", "") for u in guessed]
    if not rows:
        return [Hang("", "nobody recorded yet — k links someone they know", "$text-muted")]
    lines: list[Line] = [
        Hang(
            Content.assemble("• ", name, " "),
            " · ".join(x for x in (source if source != "manual" else "", note) if x),
            "$text-muted",
            indent=2,
        )
        for name, source, note in rows[:30]
    ]
    if len(rows) > 30:
        lines.append(Content(f"… and {len(rows) - 30:,} more"))
    return lines


def paths(data: Loaded, c: Contact) -> list[Line]:
    """Warm introduction paths to a prospect (or that I know them directly)."""
    if c.known:
        return [Hang("", f"you know {data.label(c.uid)} directly", "$text-muted")]
    target = Target("person", data.label(c.uid), (c.uid,))
    found = intro_paths(data.snap, target, data.today, limit=5)
    if not found:
        return [Hang("", no_path_message(data.snap, target), "$text-warning")]
    return [
        Hang(Content.styled(f"{n}. ", "$text-accent"), describe_path(data.snap, p, data.today))
        for n, p in enumerate(found, start=1)
    ]


def timeline(data: Loaded, c: Contact, touches: list[Interaction]) -> list[Line]:
    """Touches (``touches``: the contact's, newest first): date and kind, then the note, who
    else, an open follow-up."""
    if not touches:
        return [Hang("", "no touches yet — l logs one", "$text-muted")]
    lines: list[Line] = []
    for it in touches[:TIMELINE_LIMIT]:
        others = [data.label(u) for u in it.contacts if u != c.uid]
        text = it.note or "—"
        if others:
            text += f" · with {', '.join(others)}"
        if it.follow_up and not it.follow_up_done:
            text += f" → follow up {ago(it.follow_up, data.today)}"
        head = Content.assemble(
            (it.date.isoformat(), "$text-muted"), " ", (f"{it.kind:<8}", "$text-accent"), " "
        )
        lines.append(Hang(head, text))
    if len(touches) > TIMELINE_LIMIT:
        lines.append(Content(f"… and {len(touches) - TIMELINE_LIMIT:,} earlier"))
    return lines


def detail_view(
    data: Loaded, uid: str, touches: list[Interaction] | None = None
) -> DetailView | None:
    """The page for a contact, or None if it is gone. ``touches``: the contact's touches,
    newest first (None: the timeline is left for later)."""
    c = data.contacts.get(uid)
    if c is None:
        return None
    lines = timeline(data, c, touches) if touches is not None else None
    return DetailView(c, details(data, c), knows(data, c), paths(data, c), lines)


class ContactDetailScreen(QuickScreen, DataScreen):
    """One contact's page (pushed over the Contacts screen)."""

    TAB = "contacts"
    NEEDS_LINKS = True
    #: Its part of the app's CSS (see :mod:`networkhabit.tui.sheets`).
    SHEET = """
    #detail-body { height: 1fr; layout: horizontal; overflow-x: hidden; }
    #detail-left { width: 1fr; height: 1fr; }
    #detail-timeline { width: 1fr; height: 1fr; }
    .-narrow #detail-body { layout: vertical; }
    .-narrow #detail-left, .-narrow #detail-timeline { width: 1fr; height: auto; }
    .-narrow #detail-body { overflow-y: auto; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("e", "edit", "Edit"),
        Binding("l", "log", "Log touch"),
        Binding("s", "snooze", "Snooze"),
        Binding("k", "knows", "Knows", show=False, tooltip="Link them to someone they know"),
        Binding("r", "unlink", "Unlink", show=False, tooltip="Remove one of their links"),
        Binding("x", "archive", "Archive", show=False, tooltip="Archive them (u brings them back)"),
        Binding("M", "merge", "Merge", show=False, tooltip="Fold a duplicate into this contact"),
        Binding("D", "delete", "Delete", show=False, tooltip="Delete them for good (u undoes)"),
    ]

    def __init__(self, uid: str) -> None:
        super().__init__()
        self.uid = uid

    def compose(self) -> ComposeResult:
        """Details and network on the left, the timeline on the right."""
        yield from self.compose_top()
        # Below 100 columns the panels stack and the body scrolls: the keys the panels
        # cannot use (nothing to scroll in them) scroll the body.
        with ScrollableContainer(id="detail-body", can_focus=False):
            with VerticalScroll(id="detail-left"):
                with Vertical(classes="panel") as box:
                    box.border_title = "Contact"
                    yield Wrapped("reading…", id="detail-info")
                with Vertical(classes="panel") as box:
                    box.border_title = "Knows"
                    box.border_subtitle = "k link · r unlink"
                    yield Wrapped("", id="detail-knows")
                with Vertical(classes="panel") as box:
                    box.border_title = "Warm paths to them"
                    yield Wrapped("", id="detail-paths")
            with VerticalScroll(id="detail-timeline", classes="panel") as box:
                box.border_title = "Timeline"
                yield Wrapped(Content.styled("reading…", "$text-muted"), id="detail-touches")

    def show(self, data: Loaded) -> None:
        """Work the page out (at once on a small store, else in a worker); the timeline in a
        worker when the contact's touches are read from the store (a moment on a large one),
        at once when the load holds them all."""
        uid = self.uid
        if small(data):
            self._fill(detail_view(data, uid))
        else:
            self.nh.background(lambda: detail_view(data, uid), self._fill, group="detail-view")
        if not data.snap.partial and small(data):  # every touch is in the load already
            c = data.contacts.get(uid)
            if c is not None:
                self._fill_timeline(timeline(data, c, self.nh.touches_of(data, uid)))
            return

        def touches() -> list[Line] | None:
            c = data.contacts.get(uid)
            return None if c is None else timeline(data, c, self.nh.touches_of(data, uid))

        self.nh.background(touches, self._fill_timeline, group="detail-touches")

    def _fill(self, view: DetailView | None) -> None:
        if not self.is_attached:
            return  # left meanwhile
        if view is None:
            self.notify("That contact is no longer in the store", severity="warning")
            if self.is_current:
                self.dismiss()
            return
        self.query_one("#detail-info", Wrapped).set_lines(view.details)
        self.query_one("#detail-knows", Wrapped).set_lines(view.knows)
        self.query_one("#detail-paths", Wrapped).set_lines(view.paths)
        if view.timeline is not None:
            self._fill_timeline(view.timeline)

    def _fill_timeline(self, lines: list[Line] | None) -> None:
        if lines is not None and self.is_attached:
            self.query_one("#detail-touches", Wrapped).set_lines(lines)

    def action_back(self) -> None:
        """Back to the table."""
        self.dismiss()

    def action_edit(self) -> None:
        """Edit this contact."""
        flows.edit_contact(self.nh, self.uid)

    def action_log(self) -> None:
        """Log a touch with this contact (the page shows it as the dialog is submitted)."""
        flows.log_touch(self.nh, (self.uid,), submit=self._submit)

    def action_snooze(self) -> None:
        """Snooze this contact (the page shows it as the dialog is submitted)."""
        flows.snooze_contact(self.nh, self.uid, self._submit)

    def _submit(self, build: Builder, done: str, about: tuple[str, ...]) -> None:
        """A dialog's write about this contact: its status shows ``done`` at once, until the
        reload shows the store (a failed write: the status as it was)."""
        if self.uid not in about or not self.write_ahead(
            build, f"contact:{self.uid}", lambda: self._show_status(done), self._show_status
        ):
            self.nh.write(build)

    def _show_status(self, shown: str = "") -> None:
        """The details as the load shown has them, the status ``shown`` if given."""
        data = self.data
        c = data.contacts.get(self.uid) if data is not None else None
        if data is not None and c is not None and self.is_attached:
            self.query_one("#detail-info", Wrapped).set_lines(details(data, c, shown))

    def action_knows(self) -> None:
        """Link this contact to someone they know."""
        flows.knows(self.nh, self.uid)

    def action_unlink(self) -> None:
        """Remove one of this contact's links."""
        flows.unlink(self.nh, self.uid)

    def action_archive(self) -> None:
        """Archive this contact (or bring an archived one back)."""
        flows.archive_contact(self.nh, self.uid)

    def action_merge(self) -> None:
        """Fold a duplicate into this contact."""
        flows.merge_contacts(self.nh, self.uid)

    def action_delete(self) -> None:
        """Delete this contact for good (after asking; u undoes)."""
        flows.delete_contact(self.nh, self.uid)
