"""The command palette (ctrl+p): switch screen, add a contact, log a touch, jump to a contact."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

if TYPE_CHECKING:
    from networkhabit.tui.host import Host

#: Contacts scanned between yields to the event loop (the palette stays responsive).
BATCH = 500
#: At most this many contacts are offered for one query.
MAX_CONTACT_HITS = 30


class NetworkhabitCommands(Provider):
    """networkhabit's own commands, and every contact by name."""

    @property
    def nh(self) -> Host:
        """The app, as the palette may use it."""
        return cast("Host", self.app)

    def commands(self) -> Iterator[tuple[str, Callable[[], object], str]]:
        """(name, callback, help) of the fixed commands."""
        from networkhabit.tui import flows

        app = self.nh
        for mode, title, text in (
            ("today", "Today", "the agenda, streaks and neglected contacts (t)"),
            ("contacts", "Contacts", "every contact, filter as you type (c)"),
            ("review", "Review", "the week in review and the heatmap (w)"),
            ("network", "Network", "warm paths and give-first introductions (n)"),
        ):
            yield f"Go to {title}", partial(app.action_go, mode), text
        yield "Add contact", partial(flows.add_contact, app), "a new contact or prospect"
        yield "Log touch", partial(flows.log_touch, app), "log a touch with anyone"
        yield from self.habit_commands()
        yield (
            "Archive a contact",
            partial(app.action_go, "contacts"),
            "on Contacts, x archives the selected one (or type 'archive' and a name)",
        )
        yield (
            "Merge two contacts",
            partial(flows.merge_contacts, app),
            "fold a duplicate into the contact to keep (u undoes)",
        )
        yield "Capture", partial(_capture_again, app), "run the last calendar/mail import again"
        yield "Undo", app.action_undo, "take back the last change (u)"
        from networkhabit.tui import sync

        yield (
            "Sync",
            partial(sync.sync_now, app),
            f"with your other machines · {sync.last_synced(app)}",
        )
        yield "Keys", app.action_help, "every key on one page (?)"

    def habit_commands(self) -> Iterator[tuple[str, Callable[[], object], str]]:
        """Add, edit, archive and count habits; breaks; the starter routine if it adds any."""
        from networkhabit.actions.habits import missing_starters
        from networkhabit.tui import flows

        app = self.nh
        yield "Add habit", partial(flows.add_habit, app), "a routine: N a day or a week (a)"
        data = app.data
        if data is None:
            return
        missing = missing_starters(data.snap)
        if missing:
            yield (
                "Add the starter routine",
                app.add_starter_routine,
                f"adds {missing} habit{'s' if missing != 1 else ''} to begin with",
            )
        for h in sorted(data.snap.habits, key=lambda h: h.name.casefold()):
            if h.archived:
                continue
            if h.target > 1:
                yield (
                    f"Count for habit {h.name}",
                    partial(flows.count_habit, app, h.uid),
                    "how many to add today (+)",
                )
            yield (
                f"Edit habit {h.name}",
                partial(flows.edit_habit, app, h.uid),
                "name, target, days (e)",
            )
            yield (
                f"Archive habit {h.name}",
                partial(flows.archive_habit, app, h.uid),
                "its history stays; u brings it back (x)",
            )
        yield "Plan a break", partial(flows.plan_break, app), "a vacation: every streak pauses (b)"
        yield "Breaks", partial(flows.list_breaks, app), "list the breaks, end one early"

    async def discover(self) -> Hits:
        """The fixed commands, before anything is typed."""
        for name, callback, text in self.commands():
            yield DiscoveryHit(name, callback, help=text)

    async def search(self, query: str) -> Hits:
        """Commands matching the query, then contacts: "Open Ana", "Log touch with Ana"."""
        from networkhabit.tui import flows

        matcher = self.matcher(query)
        verb, _, rest = query.strip().partition(" ")
        # "archive ana": the name after the verb finds the contact to archive.
        names = self.matcher(rest) if verb.lower() == "archive" and rest.strip() else matcher
        for name, callback, text in self.commands():
            if names is not matcher and name == "Archive a contact":
                continue  # "archive NAME" names the contact: its hit comes below
            score = matcher.match(name)
            if names is not matcher:
                score *= 0.5  # "archive NAME": a contact of that name first
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=text)
        data = self.nh.data
        if data is None or len(query.strip()) < 2:
            return
        found = 0
        for n, (uid, label) in enumerate(data.labels.items()):
            if n and n % BATCH == 0:
                await asyncio.sleep(0)
            if data.contacts[uid].archived:
                continue
            score = names.match(label)
            if score <= 0 and names is matcher:  # "open ana", "log touch with ana"
                score = max(
                    matcher.match(f"Open {label}"), matcher.match(f"Log touch with {label}")
                )
            if score <= 0:
                continue
            c = data.contacts[uid]
            if names is not matcher:  # "archive NAME": only the archive hit
                yield Hit(
                    score,
                    Content(f"Archive {label}"),
                    partial(flows.archive_contact, self.nh, uid),
                    text=f"Archive {label}",
                    help="u brings them back",
                )
                found += 1
                if found >= MAX_CONTACT_HITS:
                    return
                continue
            role = " at ".join(x for x in (c.title, c.company) if x)
            yield Hit(
                score * 0.9,
                matcher.highlight(f"Open {label}"),
                partial(self.nh.open_contact, uid),
                text=f"Open {label}",
                help=role or "open the contact",
            )
            yield Hit(
                score * 0.8,
                matcher.highlight(f"Log touch with {label}"),
                partial(flows.log_touch, self.nh, (uid,)),
                text=f"Log touch with {label}",
            )
            yield Hit(
                score * 0.6,
                matcher.highlight(f"Archive {label}"),
                partial(flows.archive_contact, self.nh, uid),
                text=f"Archive {label}",
                help="u brings them back",
            )
            found += 1
            if found >= MAX_CONTACT_HITS:
                return


def _capture_again(app: Host) -> None:
    from networkhabit.tui.capture import run_again

    run_again(app)
