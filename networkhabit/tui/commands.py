"""The command palette (ctrl+p): switch screen, add a contact, log a touch, jump to a contact."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from networkhabit.tui.app import NetworkhabitApp

#: Contacts scanned between yields to the event loop (the palette stays responsive).
BATCH = 500
#: At most this many contacts are offered for one query.
MAX_CONTACT_HITS = 30


class NetworkhabitCommands(Provider):
    """networkhabit's own commands, and every contact by name."""

    @property
    def nh(self) -> NetworkhabitApp:
        """The app, typed."""
        return cast("NetworkhabitApp", self.app)

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
        yield "Add the starter routine", app.add_starter_routine, "three habits to begin with"
        yield "Undo", app.action_undo, "take back the last change (u)"
        from networkhabit.tui import sync

        yield (
            "Sync",
            partial(sync.sync_now, app),
            f"with your other machines · {sync.last_synced(app)}",
        )
        yield "Keys", app.action_help, "every key on one page (?)"

    async def discover(self) -> Hits:
        """The fixed commands, before anything is typed."""
        for name, callback, text in self.commands():
            yield DiscoveryHit(name, callback, help=text)

    async def search(self, query: str) -> Hits:
        """Commands matching the query, then contacts: "Open Ana", "Log touch with Ana"."""
        from networkhabit.tui import flows

        matcher = self.matcher(query)
        for name, callback, text in self.commands():
            score = matcher.match(name)
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
            score = matcher.match(label)
            if score <= 0:
                continue
            c = data.contacts[uid]
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
            found += 1
            if found >= MAX_CONTACT_HITS:
                return
