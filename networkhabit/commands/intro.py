"""Who knows whom: ``knows A B`` and the ``intro`` group (``path``, ``suggest``, ``make``).

JSON shapes (stable):

- ``intro path --json``: ``{"target": {"kind", "label", "uids"}, "max_hops", "paths": [{"hops":
  [{"uid", "name", "label", "company", "known"}], "sources": [...], "inferred", "warmth",
  "direct", "advice"}], "unreachable": [{"uid", "label"}], "message"}`` — ``message`` is the
  no-path explanation, or null.
- ``intro suggest --json``: ``[{"needs": {"uid", "label"}, "offers": {"uid", "label"},
  "topics": [...], "score", "reason", "why"}]``, best first.
"""

from __future__ import annotations

from typing import Any

import click

from networkhabit.commands.base import Context, command, command_group, emit_json, pass_ctx
from networkhabit.domain import network as rules
from networkhabit.domain.model import Contact, Link, Snapshot
from networkhabit.domain.names import display_names, resolve_contact
from networkhabit.domain.touches import closed_follow_up_text
from networkhabit.views.intros import SUGGESTIONS, none_message, suggestions

#: Paths shown for a person unless --limit says otherwise.
PERSON_PATHS = 5


def _two_people(snap: Snapshot, a: str, b: str) -> tuple[Contact, Contact]:
    first = resolve_contact(a, snap.contacts)
    second = resolve_contact(b, snap.contacts)
    return first, second


@command("knows")
@click.argument("a", metavar="A")
@click.argument("b", metavar="B")
@click.option("--note", "-n", default=None, help="How they know each other.")
@pass_ctx
def knows(obj: Context, a: str, b: str, note: str | None) -> None:
    """Record that A and B know each other (a link; either order, never twice)."""
    from networkhabit.actions import changes, intros

    change = changes.run(obj.session, intros.knows(a, b, obj.today, note))
    pair, link = change.info["pair"], change.subject
    tail = f" — {link.note}" if isinstance(link, Link) and link.note else ""
    if change.info["linked"]:
        click.echo(f"linked {pair}: they know each other{tail}")
    elif change.info["updated"]:
        click.echo(f"updated the link between {pair}{tail}")
    else:
        click.echo(f"{pair} are already linked — nothing to change")


@command_group("intro")
def intro() -> None:
    """Warm introductions: paths to people you want to meet, introductions you could make."""


def _hop_json(snap: Snapshot, uid: str, labels: dict[str, str]) -> dict[str, Any]:
    c = snap.contact_by_uid()[uid]
    return {
        "uid": uid,
        "name": c.name,
        "label": labels[uid],
        "company": c.company,
        "known": c.known,
    }


@intro.command("path")
@click.argument("target")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=None,
    help=f"At most N paths (default: {PERSON_PATHS} for a person, everyone at a company).",
)
@click.option("--json", "as_json", is_flag=True, help="JSON output.")
@pass_ctx
def path(obj: Context, target: str, limit: int | None, as_json: bool) -> None:
    """Warm paths to TARGET (a contact or a company), at most 3 hops, best first."""
    today = obj.today
    snap = obj.daily("contacts", "links")
    goal = rules.resolve_target(target, snap)
    if limit is None:
        limit = max(1, len(goal.uids)) if goal.kind == "company" else PERSON_PATHS
    paths = rules.intro_paths(snap, goal, today, limit=limit)
    labels = display_names(snap.contacts)
    reached = {p.hops[-1] for p in paths}
    # Everyone at a company without a path (a --limit cut is not "unreachable").
    unreachable = [] if len(paths) >= limit else [u for u in goal.uids if u not in reached]
    message = rules.no_path_message(snap, goal) if not paths else None
    if as_json:
        emit_json(
            {
                "target": {"kind": goal.kind, "label": goal.label, "uids": list(goal.uids)},
                "max_hops": rules.MAX_HOPS,
                "paths": [
                    {
                        "hops": [_hop_json(snap, u, labels) for u in p.hops],
                        "sources": list(p.sources),
                        "inferred": p.inferred,
                        "warmth": round(p.warmth, 3),
                        "direct": len(p.hops) == 1,
                        "advice": rules.describe_path(snap, p, today),
                    }
                    for p in paths
                ],
                "unreachable": [{"uid": u, "label": labels[u]} for u in unreachable],
                "message": message,
            }
        )
        return
    if message is not None:
        click.echo(message)
        return
    if goal.kind == "person" and len(paths) == 1 and len(paths[0].hops) == 1:
        click.echo(rules.describe_path(snap, paths[0], today))
        return
    by_uid = snap.contact_by_uid()
    if goal.kind == "person":
        c = by_uid[goal.uids[0]]
        role = " at ".join(x for x in (c.title, c.company) if x)
        head = f"Warm paths to {goal.label}" + (f" ({role})" if role else "")
    else:
        people = len(goal.uids)
        head = f"Warm paths to {goal.label} · {people} {'person' if people == 1 else 'people'}"
    click.echo(click.style(head, bold=True))
    for n, p in enumerate(paths, start=1):
        click.echo(f"  {n}. {rules.describe_path(snap, p, today)}")
    if unreachable:
        names = ", ".join(labels[u] for u in unreachable)
        click.echo(f"\nno warm path yet to: {names}")


@intro.command("suggest")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=SUGGESTIONS,
    show_default=True,
    help="At most N suggestions.",
)
@click.option("--json", "as_json", is_flag=True, help="JSON output.")
@pass_ctx
def suggest(obj: Context, limit: int, as_json: bool) -> None:
    """Give first: introductions you could make, where one's needs meet another's offers."""
    today = obj.today
    snap = obj.daily("contacts", "links")
    found = suggestions(snap, today, limit)
    labels = display_names(snap.contacts)
    if as_json:
        emit_json(
            [
                {
                    "needs": {"uid": s.needs, "label": labels[s.needs]},
                    "offers": {"uid": s.offers, "label": labels[s.offers]},
                    "topics": list(s.topics),
                    "score": s.score,
                    "reason": s.reason,
                    "why": s.why,
                }
                for s in found
            ]
        )
        return
    if not found:
        click.echo(none_message(snap))
        return
    click.echo(click.style("Introductions you could make", bold=True))
    for s in found:
        click.echo(f"  • {s.reason}")
    click.echo("\nmake one with 'networkhabit intro make A B'")


@intro.command("make")
@click.argument("a", metavar="A")
@click.argument("b", metavar="B")
@click.option("--note", "-n", default="", help="What the introduction is about.")
@pass_ctx
def make(obj: Context, a: str, b: str, note: str) -> None:
    """Introduce A to B: logs an intro touch with both and links them."""
    from networkhabit.actions import changes, intros

    today = obj.today
    change = changes.run(obj.session, intros.make(a, b, today, note))
    msg = f"introduced {change.info['names']} · logged an intro with both"
    msg += " · linked them" if change.info["linked"] else " · they were linked already"
    click.echo(msg)
    for closed in change.closed:
        click.echo(f"  {closed_follow_up_text(closed, today)}")


@intro.command("ask")
@click.argument("target")
@click.option(
    "--via", metavar="NAME", help="Who to ask (default: the first hop of the warmest path)."
)
@click.option(
    "--note", "-n", default="", help="What you asked (default: 'asked for an introduction to …')."
)
@pass_ctx
def ask(obj: Context, target: str, via: str | None, note: str) -> None:
    """Log that you asked someone to introduce you to TARGET; TARGET rests two weeks
    before the agenda suggests asking about them again."""
    from networkhabit.actions import changes, intros

    today = obj.today
    change = changes.run(obj.session, intros.ask(target, today, via, note))
    info = change.info
    click.echo(
        f"asked {info['via']} to introduce you to {info['target']} · logged a message"
        f" · {info['target']} rests until {info['rested'].snoozed_until}"
    )
    for closed in change.closed:
        click.echo(f"  {closed_follow_up_text(closed, today)}")


def register(group: click.Group) -> None:
    """Add ``knows`` and the ``intro`` group to the CLI."""
    group.add_command(knows)
    group.add_command(intro)
