"""``networkhabit merge A B``: fold a duplicate contact (B) into the one to keep (A)."""

from __future__ import annotations

import click

from networkhabit.actions import changes
from networkhabit.actions import merge as actions
from networkhabit.commands.base import Context, command, complete_contact, emit_json, fail, pass_ctx
from networkhabit.domain.dedupe import FIELDS, FoldPlan
from networkhabit.domain.names import display_names
from networkhabit.domain.wording import count


def describe(plan: FoldPlan, labels: dict[str, str]) -> list[str]:
    """What a merge moves, and each field where the two differ (and whose value stays)."""
    keep, gone = (
        labels.get(plan.kept.uid, plan.kept.name),
        labels.get(plan.gone.uid, plan.gone.name),
    )
    lines = [
        f"merge {gone} into {keep}: {count(len(plan.touches_after), 'touch', 'touches')}, "
        f"{count(len(plan.links_after), 'link')} move to {keep}"
        + (
            f" ({count(len(plan.links_removed), 'link')} already there)"
            if plan.links_removed
            else ""
        )
    ]
    if plan.filled:
        lines.append(f"  taken from {gone} (empty in {keep}): {', '.join(plan.filled)}")
    for d in plan.differences:
        if d.taken:
            lines.append(f"  {d.field}: {d.theirs!r} taken from {gone} (was {d.ours!r})")
        else:
            lines.append(f"  {d.field}: {d.ours!r} kept · {gone} has {d.theirs!r}")
    if any(not d.taken for d in plan.differences):
        lines.append(f"  ({keep}'s values stay; --take-theirs FIELD takes {gone}'s)")
    return lines


@command()
@click.argument("keep", shell_complete=complete_contact)
@click.argument("duplicate", shell_complete=complete_contact)
@click.option(
    "--take-theirs",
    "take",
    multiple=True,
    metavar="FIELD",
    help=f"Take the duplicate's value of FIELD where both differ ({', '.join(FIELDS)}); repeatable.",
)
@click.option("--yes", "-y", is_flag=True, help="Do not ask before merging.")
@click.option("--dry-run", is_flag=True, help="Show what would change, write nothing.")
@click.option("--json", "as_json", is_flag=True, help="JSON output (implies --yes).")
@pass_ctx
def merge(
    obj: Context,
    keep: str,
    duplicate: str,
    take: tuple[str, ...],
    yes: bool,
    dry_run: bool,
    as_json: bool,
) -> None:
    """Fold DUPLICATE into KEEP: touches, follow-ups, links, introductions, tags, notes and
    imported identities move to KEEP (so a re-import matches KEEP); DUPLICATE goes.
    Where both have a field and it differs, KEEP's value stays unless --take-theirs FIELD.
    The app's u undoes a merge made there; 'networkhabit doctor' lists likely duplicates."""
    snap = obj.snapshot()
    plan = actions.plan(snap, keep, duplicate, take)
    labels = display_names(snap.contacts)
    lines = describe(plan, labels)
    if as_json:
        yes = True
    elif not dry_run:
        for line in lines:
            click.echo(line)
    if dry_run:
        if as_json:
            emit_json(_json(plan, labels, written=False))
        else:
            for line in lines:
                click.echo(line)
            click.echo("dry run: nothing written")
        return
    if not yes:
        try:
            sure = click.confirm("merge them?", default=False)
        except click.Abort:  # no answer (end of input, ctrl+c): no
            sure = False
        if not sure:
            fail("not merged (--yes merges without asking)")
    change = changes.run(obj.session, actions.merge(plan.kept.uid, plan.gone.uid, take))
    if as_json:
        emit_json(_json(change.info["plan"], labels, written=True))
        return
    click.echo(change.message)


def _json(plan: FoldPlan, labels: dict[str, str], written: bool) -> dict[str, object]:
    return {
        "kept": {"uid": plan.kept.uid, "label": labels.get(plan.kept.uid, plan.kept.name)},
        "merged": {"uid": plan.gone.uid, "label": labels.get(plan.gone.uid, plan.gone.name)},
        "touches": len(plan.touches_after),
        "links": len(plan.links_after),
        "links_dropped": len(plan.links_removed),
        "filled": list(plan.filled),
        "differences": [
            {"field": d.field, "kept": d.ours, "theirs": d.theirs, "taken": d.taken}
            for d in plan.differences
        ],
        "written": written,
    }


def register(group: click.Group) -> None:
    group.add_command(merge)
