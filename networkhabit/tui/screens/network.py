"""Network: warm paths to a person or company, and introductions I could make ("give first")."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.suggester import Suggester
from textual.widgets import Input, OptionList

from networkhabit.actions import intros
from networkhabit.domain.errors import InputError
from networkhabit.domain.names import fold
from networkhabit.domain.network import (
    IntroPath,
    Suggestion,
    Target,
    company_names,
    describe_path,
    intro_paths,
    no_path_message,
    resolve_target,
)
from networkhabit.domain.wording import count
from networkhabit.tui.data import Loaded
from networkhabit.tui.host import Write
from networkhabit.tui.screens.base import DataScreen, retitle, small
from networkhabit.tui.widgets.modal import QuickScreen
from networkhabit.tui.widgets.text import Hang, Line
from networkhabit.tui.widgets.wrapping_list import Entry, WrappingList
from networkhabit.views.intros import none_message, suggestions

HINT = "Type a person or a company above (/) for every warm path."


class TargetSuggester(Suggester):
    """Completes contact and company names."""

    def __init__(self, names: Iterable[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.names = sorted(set(names), key=str.casefold)
        self.folded = [fold(n) for n in self.names]

    async def get_suggestion(self, value: str) -> str | None:
        """The first name starting like the typed text."""
        key = fold(value)
        if not key:
            return None
        pairs = zip(self.names, self.folded, strict=True)
        return next((n for n, f in pairs if f.startswith(key)), None)


@dataclass(frozen=True)
class PathsView:
    """The warm paths shown: one entry per line (a path can be selected: enter asks for
    the introduction), and the paths by entry id."""

    entries: list[Entry | None]
    paths: dict[str, IntroPath] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The plain text shown (for tests and screen readers)."""
        return "\n".join(
            str(line.render(80) if isinstance(line, Hang) else line)
            for e in self.entries
            if e is not None
            for line in e.lines
        )


def _info(n: int, *lines: Line) -> Entry:
    return Entry(f"i-{n}", lines, disabled=True)


def path_view(data: Loaded, query: str) -> PathsView:
    """The warm paths to what was typed, or why there are none."""
    if not query.strip():
        return prospect_view(data)
    try:
        target = resolve_target(query, data.snap)
    except InputError as exc:
        return PathsView([_info(0, Hang("", str(exc), "$text-warning"))])
    found = intro_paths(data.snap, target, data.today, limit=10)
    people = (
        f"  ({count(len(target.uids), 'person', 'people')})" if target.kind == "company" else ""
    )
    entries: list[Entry | None] = [
        _info(0, Content.assemble((target.label, "b"), (people, "$text-muted"))),
        None,
    ]
    if not found:
        entries.append(_info(1, Hang("", no_path_message(data.snap, target), "$text-warning")))
        return PathsView(entries)
    paths: dict[str, IntroPath] = {}
    for n, path in enumerate(found, start=1):
        weak = " (guessed from a shared company)" if path.inferred else ""
        text = describe_path(data.snap, path, data.today) + weak
        key = f"p-{n}"
        paths[key] = path
        entries.append(Entry(key, (Hang(Content.styled(f"{n:>2}. ", "$text-accent"), text),)))
    return PathsView(entries, paths)


def prospect_view(data: Loaded, limit: int = 8) -> PathsView:
    """Before anything is typed: the best way in to each prospect."""
    entries: list[Entry | None] = [
        _info(0, Hang("", f"{HINT} Your prospects, best way in first:", "$text-muted")),
        None,
    ]
    prospects = sorted(
        (c for c in data.snap.contacts if not c.known and not c.archived),
        key=lambda c: (c.created, data.label(c.uid).casefold()),
    )
    paths: dict[str, IntroPath] = {}
    for c in prospects:
        target = Target("person", data.label(c.uid), (c.uid,))
        found = intro_paths(data.snap, target, data.today, limit=1)
        if not found:
            continue
        role = " at ".join(x for x in (c.title, c.company) if x)
        key = f"p-{len(paths) + 1}"
        paths[key] = found[0]
        entries.append(
            Entry(
                key,
                (
                    Content.assemble(
                        (data.label(c.uid), "b"), (f"  {role}" if role else "", "$text-muted")
                    ),
                    Hang("  ", describe_path(data.snap, found[0], data.today)),
                ),
            )
        )
        if len(paths) >= limit:
            break
    if not paths:
        entries.append(
            _info(
                1,
                Hang(
                    "",
                    "No warm paths to prospects yet: add someone you want to meet "
                    "(c, a, tick Prospect) and who knows whom (k on a contact's page).",
                    "$text-muted",
                ),
            )
        )
    return PathsView(entries, paths)


def suggestion_entry(data: Loaded, n: int, s: Suggestion) -> Entry:
    """``Introduce A to B`` and, indented under it, why."""
    head = Content.assemble(
        ("Introduce ", "$text-muted"),
        (data.label(s.needs), "b"),
        (" to ", "$text-muted"),
        (data.label(s.offers), "b"),
    )
    return Entry(f"s-{n}", (head, Hang("    ", s.why or s.reason, "$text-muted")))


class NetworkScreen(QuickScreen, DataScreen):
    """Warm paths and give-first introductions."""

    TAB = "network"
    #: Its part of the app's CSS (see :mod:`networkhabit.tui.sheets`).
    SHEET = """
    #network-body { height: 1fr; }
    #paths-box { width: 1fr; height: 1fr; }
    #give-box { width: 1fr; height: 1fr; }
    .-narrow #network-body { layout: vertical; }
    .-narrow #paths-box, .-narrow #give-box { width: 1fr; height: 1fr; }
    #target { margin: 1 0; }
    #paths { border: none; padding: 0; background: transparent; height: 1fr; }
    #give-first { border: none; padding: 0; background: transparent; height: 1fr; }
    """

    NEEDS_LINKS = True
    #: The suggestions have the keyboard from the start (not the input above the paths).
    AUTO_FOCUS = "#give-first"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "target", "Find a path", key_display="/"),
        Binding("m", "make", "Make intro", tooltip="Make the selected introduction"),
        Binding("escape", "leave_input", "List", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.suggestions: list[Suggestion] = []
        #: The warm paths shown, by entry id (enter on one asks for the introduction).
        self.paths = PathsView([])
        #: The load version the suggestions were last worked out from.
        self._filled = -1

    def compose(self) -> ComposeResult:
        """The target and its paths on the left, give-first suggestions on the right."""
        yield from self.compose_top()
        with Horizontal(id="network-body"):
            with Vertical(id="paths-box", classes="panel") as box:
                box.border_title = "Warm paths"
                box.border_subtitle = "enter asks for the introduction"
                yield Input(
                    placeholder="/ who do you want to meet? a person or a company",
                    id="target",
                    compact=True,
                )
                yield WrappingList(id="paths")
            with Vertical(id="give-box", classes="panel") as box:
                box.border_title = "Give first"
                box.border_subtitle = "m makes the introduction"
                yield WrappingList(id="give-first")

    def on_mount(self) -> None:
        """The suggestions have the keyboard (letters switch screens)."""
        self.query_one("#give-first", WrappingList).focus()

    def show(self, data: Loaded) -> None:
        """Suggestions (and the paths for the current target) from a worker."""
        active = [c for c in data.snap.contacts if not c.archived]
        names = [*data.labels.values(), *company_names(active).values()]
        self.query_one("#target", Input).suggester = TargetSuggester(names)
        if small(data):
            self._fill(data, suggestions(data.snap, data.today))
            self.find_paths()
            return
        self.nh.background(
            lambda: suggestions(data.snap, data.today),
            lambda found: self._fill(data, found),
            group="network-view",
        )
        self.find_paths()

    def _fill(self, data: Loaded, found: list[Suggestion]) -> None:
        self.suggestions = found
        self._filled = data.version
        entries: list[Entry | None] = [suggestion_entry(data, n, s) for n, s in enumerate(found)]
        if not entries:
            entries = [
                Entry(
                    "none",
                    (Hang("", sentence(none_message(data.snap)), "$text-muted"),),
                    disabled=True,
                )
            ]
        self.query_one("#give-first", WrappingList).set_entries(entries)
        retitle(self.query_one("#give-box"), f"Give first ({len(found)})")

    def find_paths(self) -> None:
        """Work out the paths to the typed target in a worker."""
        data = self.data
        if data is None:
            return
        query = self.query_one("#target", Input).value
        if small(data):
            self._fill_paths(path_view(data, query))
            return
        self.nh.background(lambda: path_view(data, query), self._fill_paths, group="network-paths")

    def _fill_paths(self, view: PathsView) -> None:
        self.paths = view
        self.query_one("#paths", WrappingList).set_entries(view.entries)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a warm path: ask its first person for the introduction."""
        event.stop()
        if event.option_list.id != "paths":
            return
        path = self.paths.paths.get(event.option.id or "")
        if path is not None:
            from networkhabit.tui import flows

            flows.ask_intro(self.nh, path)

    def on_input_changed(self, event: Input.Changed) -> None:
        """Paths follow the typing."""
        self.find_paths()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: to the paths found (enter on one asks for the introduction)."""
        self.set_focus(self.query_one("#paths", WrappingList))

    def action_target(self) -> None:
        """Type a target (focused at once: the keys typed right behind the ``/`` go there)."""
        self.set_focus(self.query_one("#target", Input))

    def action_leave_input(self) -> None:
        """Escape: back to the suggestions."""
        self.set_focus(self.query_one("#give-first", WrappingList))

    def action_make(self) -> None:
        """Make the selected introduction: an intro touch with both and a link."""
        data = self.data
        key = self.query_one("#give-first", WrappingList).highlighted_id
        index = int(key.removeprefix("s-")) if key and key.startswith("s-") else None
        if data is None or index is None or index >= len(self.suggestions):
            self.notify("Pick an introduction in the Give first list", severity="warning")
            return
        s = self.suggestions[index]
        # A quick second m waits for the list without this introduction in it.
        if not self.nh.writing(f"network:{key}", self._filled):
            self.post_message(
                Write(intros.make(s.needs, s.offers, data.today), key=f"network:{key}")
            )


def sentence(text: str) -> str:
    """``text`` as a sentence: capitalised, with a full stop."""
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")
