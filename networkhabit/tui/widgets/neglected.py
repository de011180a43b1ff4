"""The neglected panel: "Ana Ruiz · last talked 7 weeks ago · every 4 weeks"."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from textual.content import Content

from networkhabit.domain.contacts import Neglected
from networkhabit.domain.model import Contact
from networkhabit.domain.wording import ago, every
from networkhabit.tui.widgets.text import Hang, Line, Wrapped

#: Theme colour per contact status.
STATUS_STYLES: dict[str, str] = {
    "red": "$text-error",
    "yellow": "$text-warning",
    "due": "$text-accent",
    "ok": "$text-success",
    "none": "$text-muted",
    "prospect": "$text-secondary",
    "snoozed": "$text-muted",
    "archived": "$text-disabled",
}
#: How many neglected contacts the panel lists before "… and N more".
SHOWN = 12
#: How many drifting contacts (no rhythm, long silent) follow the neglected ones.
DRIFTING_SHOWN = 3
#: What the panel says while the store has no contacts at all.
NO_CONTACTS = (
    "No contacts yet — press c then a to add one, "
    "or run 'networkhabit import linkedin Connections.csv'"
)


def neglected_line(n: Neglected, label: str, today: date) -> Hang:
    """One contact: name in its status colour, then when and how often."""
    style = STATUS_STYLES.get(n.status, "")
    head = Content.assemble(("! " if n.status == "red" else "· ", style), (label, style), " · ")
    text = f"last talked {ago(n.last, today)} · {every(n.contact.cadence_days or 1)}"
    return Hang(head, text, "$text-muted", indent=4)


class NeglectedPanel(Wrapped):
    """The most overdue contacts first."""

    DEFAULT_CSS = """
    NeglectedPanel { height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Content.from_markup("[$text-muted]reading…[/]"), id=id)

    def show(
        self,
        rows: Sequence[Neglected],
        labels: Mapping[str, str],
        today: date,
        *,
        has_contacts: bool = True,
        drifting: Sequence[tuple[Contact, date, int]] = (),
    ) -> None:
        """Show the neglected contacts, then the drifting ones (no rhythm, long silent); with
        no contacts at all, how to add the first."""
        if not has_contacts:
            self.set_lines([Hang("", NO_CONTACTS, "$text-warning")])
            return
        lines: list[Line] = [
            neglected_line(n, labels.get(n.contact.uid, n.contact.name), today)
            for n in rows[:SHOWN]
        ]
        if not rows:
            lines.append(
                Content.assemble(
                    ("Nobody is slipping away", "$text-success"),
                    (" — everyone is within their keep-in-touch rhythm", "$text-muted"),
                )
            )
        if len(rows) > SHOWN:
            lines.append(
                Content.from_markup(
                    "[$text-muted]… and $n more (c for all contacts)[/]", n=f"{len(rows) - SHOWN:,}"
                )
            )
        if drifting:
            lines.append(
                Content.from_markup("[b $text-muted]Drifting[/] [$text-muted](no rhythm set)[/]")
            )
            for c, last, _days in drifting[:DRIFTING_SHOWN]:
                head = Content.assemble(("· ", "$text-muted"), labels.get(c.uid, c.name), " · ")
                lines.append(Hang(head, f"last talked {ago(last, today)}", "$text-muted", indent=4))
            if len(drifting) > DRIFTING_SHOWN:
                more = f"{len(drifting) - DRIFTING_SHOWN:,}"
                lines.append(Content.from_markup("[$text-muted]… and $n more[/]", n=more))
        self.set_lines(lines)
