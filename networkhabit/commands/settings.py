"""``settings``: see and change the store's settings.

    networkhabit settings [--json]                    every setting
    networkhabit settings set KEY VALUE               neglected-limit 8 · drifting 6m · backups-keep 30
    networkhabit settings rhythm TAG DURATION|none    a default keep-in-touch rhythm for a tag
                                                      (--apply: existing contacts too; "cadence" is the same)

``settings --json`` prints ``{"neglected_limit", "drifting_days", "backups_keep",
"theme", "default_cadence_by_tag": {tag: days}}``.
"""

from __future__ import annotations

from typing import Any

import click

from networkhabit.actions import settings as settings_actions
from networkhabit.commands.base import Command, Context, emit_json, pass_ctx, user_cadence
from networkhabit.domain.dates import parse_duration
from networkhabit.domain.errors import InputError
from networkhabit.domain.model import Settings
from networkhabit.domain.wording import count, every, span


def _count(text: str, low: int, high: int, what: str) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        raise InputError(f"{what} must be a whole number (got {text!r})") from None
    if not low <= value <= high:
        raise InputError(f"{what} must be between {low} and {high} (got {value})")
    return value


#: key → (what it means, how to read a typed value into the Settings field).
KEYS: dict[str, tuple[str, str]] = {
    "neglected-limit": ("neglected_limit", "how many neglected contacts today's agenda lists"),
    "drifting": ("drifting_days", "silence after which a contact without a rhythm is drifting"),
    "backups-keep": ("backups_keep", "how many daily backups to keep (0 turns them off)"),
    "me": ("my_emails", "your own e-mail addresses, a@x,b@y: who you are in imported mail"),
    "theme": ("theme", "the app's colour theme (a name from ctrl+p → theme, or default)"),
}


def theme_names() -> list[str]:
    """The app's themes (Textual's built-in ones), sorted."""
    from textual.theme import BUILTIN_THEMES  # only for 'settings set theme': the CLI stays fast

    return sorted(BUILTIN_THEMES)


def _theme(value: str) -> str:
    name = value.strip().lower()
    if name in ("", "default", "none"):
        return ""
    names = theme_names()
    if name not in names:
        raise InputError(f"unknown theme {value!r}: use one of {', '.join(names)}, or default")
    return name


def parse_setting(key: str, value: str) -> tuple[str, Any]:
    """The Settings field and value for a typed ``settings set KEY VALUE``."""
    if key == "neglected-limit":
        return "neglected_limit", _count(value, 0, 1000, "neglected-limit")
    if key == "drifting":
        return "drifting_days", parse_duration(value)
    if key == "backups-keep":
        return "backups_keep", _count(value, 0, 1000, "backups-keep")
    if key == "me":
        from networkhabit.actions.capture import parse_my_emails

        return "my_emails", parse_my_emails(value)
    if key == "theme":
        return "theme", _theme(value)
    raise InputError(f"unknown setting {key!r}: use one of {', '.join(KEYS)}")


def settings_json(s: Settings) -> dict[str, Any]:
    """The documented JSON shape of the settings."""
    return {
        "neglected_limit": s.neglected_limit,
        "drifting_days": s.drifting_days,
        "backups_keep": s.backups_keep,
        "theme": s.theme,
        "default_cadence_by_tag": dict(sorted(s.default_cadence_by_tag.items())),
    }


def register(group: click.Group) -> None:
    """Add the ``settings`` group to the CLI."""

    @group.group("settings", invoke_without_command=True)
    @click.option("--json", "as_json", is_flag=True, help="JSON output.")
    @click.pass_context
    def settings_cmd(ctx: click.Context, as_json: bool) -> None:
        """See and change settings (see 'settings set --help', 'settings rhythm --help')."""
        if ctx.invoked_subcommand is not None:
            return
        obj: Context = ctx.obj
        s = settings_actions.read(obj.session)
        if as_json:
            emit_json(settings_json(s))
            return
        click.echo(f"neglected-limit  {s.neglected_limit}  ({KEYS['neglected-limit'][1]})")
        click.echo(f"drifting         {span(s.drifting_days)}  ({KEYS['drifting'][1]})")
        click.echo(f"backups-keep     {s.backups_keep}  ({KEYS['backups-keep'][1]})")
        click.echo(
            f"theme            {s.theme or 'default'}  (ctrl+p → theme in the app, or 'settings set theme NAME')"
        )
        click.echo(f"me               {', '.join(s.my_emails) or 'not set'}  ({KEYS['me'][1]})")
        if s.default_cadence_by_tag:
            click.echo("rhythm by tag")
            for tag, days in sorted(s.default_cadence_by_tag.items()):
                click.echo(f"  {tag:<14} {every(days)}")
        else:
            click.echo(
                "rhythm by tag    none  (new contacts with a tag get its rhythm: 'settings rhythm TAG 30d')"
            )

    @settings_cmd.command("set")
    @click.argument("key", type=click.Choice(list(KEYS), case_sensitive=False))
    @click.argument("value")
    @pass_ctx
    def set_cmd(obj: Context, key: str, value: str) -> None:
        """Change a setting: neglected-limit N, drifting DURATION, backups-keep N, theme NAME."""
        field, parsed = parse_setting(key.lower(), value)
        settings_actions.set_value(obj.session, field, parsed)
        shown = span(parsed) if field == "drifting_days" else parsed
        if field == "my_emails":
            shown = ", ".join(parsed) or "none"
        if field == "theme":
            shown = f"{parsed or 'default'} (the app uses it from its next start)"
        click.echo(f"{key.lower()} is now {shown}")

    @settings_cmd.command("rhythm")
    @click.argument("tag")
    @click.argument("duration")
    @click.option(
        "--apply",
        is_flag=True,
        help="Also give it to existing contacts with the tag and no rhythm.",
    )
    @click.option("--all", "override", is_flag=True, help="With --apply: every one, theirs too.")
    @pass_ctx
    def cadence_cmd(obj: Context, tag: str, duration: str, apply: bool, override: bool) -> None:
        """Give contacts with TAG a keep-in-touch rhythm (DURATION, or 'none' to drop it).

        Applies to contacts added or imported from now on; with --apply also to the existing
        contacts with the tag that have no rhythm (--all: to every one of them)."""
        days = user_cadence(duration)
        got = settings_actions.set_tag_rhythm(obj.session, tag, days or None, apply, override)
        if days:
            click.echo(f"contacts tagged {got.tag!r} get a rhythm of {every(days)}")
        else:
            click.echo(f"contacts tagged {got.tag!r} get no default rhythm")
        if apply:
            click.echo(f"set the rhythm of {count(got.applied, 'existing contact')}")

    # The old spelling stays: ``settings cadence`` is ``settings rhythm``.
    settings_cmd.add_command(
        Command(
            "cadence",
            callback=cadence_cmd.callback,
            params=cadence_cmd.params,
            help="The same as 'settings rhythm'.",
            hidden=True,
        )
    )
