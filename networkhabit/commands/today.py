"""The daily views: the agenda, the neglected list, the status line."""

from __future__ import annotations

import click

from networkhabit.commands.base import (
    Context,
    command,
    emit_json,
    pass_ctx,
)
from networkhabit.domain import contacts as rules
from networkhabit.domain.names import (
    display_names,
)
from networkhabit.domain.wording import ago, count, every, overdue


@command()
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most N contacts.")
@click.option("--json", "as_json", is_flag=True, help="JSON output.")
@pass_ctx
def neglected(obj: Context, limit: int | None, as_json: bool) -> None:
    """Contacts past their keep-in-touch date, most overdue first; then the drifting ones."""
    today = obj.today
    snap = obj.daily("contacts")
    stats = rules.stats_of(snap, today)
    labels = display_names(snap.contacts)
    rows = rules.neglected(snap.contacts, stats, today)
    drift = rules.drifting(snap.contacts, stats, today, snap.settings.drifting_days)
    if limit:
        rows, drift = rows[:limit], drift[:limit]
    if as_json:
        emit_json(
            {
                "neglected": [
                    {
                        "uid": n.contact.uid,
                        "name": n.contact.name,
                        "label": labels[n.contact.uid],
                        "company": n.contact.company,
                        "last_contact": n.last.isoformat(),
                        "days_since": n.days_since,
                        "cadence_days": n.contact.cadence_days,
                        "overdue_days": n.overdue,
                        "status": n.status,
                    }
                    for n in rows
                ],
                "drifting": [
                    {
                        "uid": c.uid,
                        "name": c.name,
                        "label": labels[c.uid],
                        "company": c.company,
                        "last_contact": last.isoformat(),
                        "days_since": days,
                    }
                    for c, last, days in drift
                ],
            }
        )
        return
    if not rows and not drift:
        click.echo("nobody is slipping away — everyone is within their keep-in-touch rhythm")
        return
    for n in rows:
        c = n.contact
        mark = "!!" if n.status == "red" else "! "
        over = overdue(n.overdue)
        click.echo(
            f"{mark}{labels[c.uid]} · last talked {ago(n.last, today)} · "
            f"{every(c.cadence_days or 1)} · {over}"
        )
    if drift:
        click.echo(f"\nDrifting (no rhythm set, silent over {snap.settings.drifting_days} days)")
        for c, last, _days in drift:
            click.echo(f"  {labels[c.uid]} · last talked {ago(last, today)}")


@command()
@click.option("--all", "show_all", is_flag=True, help="List every follow-up due.")
@click.option("--json", "as_json", is_flag=True, help="JSON output.")
@pass_ctx
def today(obj: Context, show_all: bool, as_json: bool) -> None:
    """Today's agenda: follow-ups (the most overdue few, or --all), habits, people to reach,
    introductions."""
    from networkhabit.domain.agenda import FOLLOW_UPS, SECTION_TITLES
    from networkhabit.views.today import empty_message, today_view

    day = obj.today
    snap = obj.daily()
    view = today_view(snap, day, follow_ups=None if show_all else FOLLOW_UPS, streaks=False)
    items = [*view.items, *(view.intros or ())]
    counts = view.counts
    if as_json:
        from networkhabit.views.json_shapes import agenda_json, counts_json

        emit_json(
            {
                "date": day.isoformat(),
                "items": agenda_json(items),
                "networking_streak": view.streak,
                "counts": counts_json(counts),
            }
        )
        return
    streak_txt = (
        f"networking streak {count(view.streak, 'day')}"
        if view.streak
        else "start a networking streak today"
    )
    click.echo(click.style(f"{day.strftime('%A %-d %B %Y')} · {streak_txt}", bold=True))
    if not items:
        click.echo(f"\n{empty_message(snap, view)}")
        return
    heading = None
    for it in items:
        if it.kind == "more":  # the rest of the section above
            where = (
                "networkhabit neglected" if it.ref == "neglected" else "networkhabit today --all"
            )
            click.echo(f"  … {it.title} — {where}")
            continue
        if it.kind != heading:
            heading = it.kind
            click.echo(f"\n{SECTION_TITLES.get(it.kind, it.kind)}")
        detail = f" · {it.detail}" if it.detail else ""
        click.echo(f"  {'✓' if it.done else '•'} {it.title}{detail}")
    if all(it.done for it in items):  # only ticked habits: the day's work is done
        click.echo(f"\n{empty_message(snap, view)}")


@command()
@pass_ctx
def status(obj: Context) -> None:
    """One short line for a shell prompt or tmux status bar."""
    from networkhabit.commands.remind import status_line  # the line `remind` shows too

    click.echo(status_line(obj)[1])


def register(group: click.Group) -> None:
    group.add_command(neglected)
    group.add_command(today)
    group.add_command(status)
