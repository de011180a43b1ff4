"""The streaks panel: per habit the current and best streak, strength, and a 14-day strip."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

from networkhabit.domain.habits import STRIP_SYMBOLS, HabitStatus
from networkhabit.tui.widgets.text import LineByLine, LineKey

if TYPE_CHECKING:
    from textual.strip import Strip

#: Theme colour of each day state (only theme variables, so every theme works).
STATE_STYLES: dict[str, str] = {
    "met": "$success",
    "partial": "$warning",
    "missed": "$error",
    "skip": "$text-muted",
    "off": "$text-muted",
    "break": "$secondary",
    "open": "b $accent",
    "before": "$text-disabled",
    "future": "$text-disabled",
}
#: Short words for the legend under the strips.
SHORT_LABELS: dict[str, str] = {
    "met": "met",
    "partial": "part",
    "missed": "missed",
    "skip": "skip",
    "off": "off",
    "break": "break",
    "open": "today",
    "before": "",
    "future": "",
}


def strip_content(states: Sequence[str], gap: str = " ") -> Content:
    """A row of day symbols in their theme colours: one styled run per run of days in the
    same state, the gaps between them inside it (a gap shows no colour: the run draws as
    the symbols one by one would, with a few segments instead of one per day)."""
    parts: list[str | tuple[str, str]] = []
    run: list[str] = []
    style = ""
    for state in states:
        this = STATE_STYLES.get(state, "")
        if run and this != style:
            parts += [(gap.join(run), style), gap]
            run = []
        style = this
        run.append(STRIP_SYMBOLS.get(state, "?"))
    if run:
        parts.append((gap.join(run), style))
    return Content.assemble(*parts)


def legend(
    states: Sequence[str] = ("met", "partial", "missed", "skip", "break", "open"),
    width: int = 200,
    indent: str = "",
) -> Content:
    """``■ met  ◧ part  □ missed …`` in the strip's colours, on as many lines as ``width`` needs."""
    lines: list[Content] = []
    line = Content(indent)
    for state in states:
        item = Content.assemble(
            (STRIP_SYMBOLS[state], STATE_STYLES[state]),
            (f" {SHORT_LABELS[state]}  ", "$text-muted"),
        )
        if line.cell_length > len(indent) and line.cell_length + item.cell_length > width:
            lines.append(line)
            line = Content(indent)
        line = line + item
    lines.append(line)
    return Content("\n").join(lines)


def strength_style(strength: float) -> str:
    """Green when strong, amber in between, red when weak."""
    if strength >= 0.6:
        return "$text-success"
    if strength >= 0.3:
        return "$text-warning"
    return "$text-error"


def habit_lines(st: HabitStatus, width: int) -> list[Content]:
    """Two lines for one habit. Wide: name and numbers, then the strip. Narrow: the name,
    then a compact strip and the numbers."""
    unit = "wk" if st.unit == "week" else "d"
    numbers = Content.assemble(
        (f"{st.current}{unit}", "b"),
        (f" best {st.best}{unit} ", "$text-muted"),
        (f"{round(st.strength * 100):>3}%", strength_style(st.strength)),
    )
    if width >= 48:
        name_width = width - numbers.cell_length - 1
        name = Content(st.habit.name).truncate(name_width, ellipsis=True, pad=True)
        return [
            Content.assemble(name, " ", numbers),
            Content.assemble("  ", strip_content(st.strip)),
        ]
    name = Content(st.habit.name).truncate(width, ellipsis=True)
    compact = Content.assemble(
        (f"{st.current}{unit}", "b"),
        (f" best {st.best} ", "$text-muted"),
        (f"{round(st.strength * 100)}%", strength_style(st.strength)),
    )
    return [name, Content.assemble("  ", strip_content(st.strip, gap=""), " ", compact)]


class StreaksPanel(Static):
    """Every active habit's streaks; "no habits yet" otherwise."""

    DEFAULT_CSS = """
    StreaksPanel { height: auto; }
    """
    #: No links in it: Textual need not look for them in every segment of every line drawn
    #: (reading each segment's meta: most of the panel's time to draw).
    auto_links = False

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Content.from_markup("[$text-muted]reading…[/]"), id=id)
        self._statuses: list[HabitStatus] = []
        self._showing = False  # (a first show, even of no habits, replaces "reading…")
        #: Each line as last drawn: a habit whose streak did not change is not drawn again.
        self._drawn: dict[LineKey, list[Strip]] = {}

    def show(self, statuses: Sequence[HabitStatus]) -> None:
        """Show these habits (names truncated to the width it is drawn at); nothing is done
        if they are the ones shown (a refill that changed none: no layout, no paint)."""
        if self._statuses == list(statuses) and self._showing:
            return
        # Two lines per habit and the legend: as many habits as shown, as many lines (a
        # tick changes what they say, not the panel's height: no layout of the screen).
        same_height = self._showing and bool(statuses) and len(statuses) == len(self._statuses)
        self._showing = True
        self._statuses = list(statuses)
        if not self._statuses:
            self.update(
                Content.styled(
                    'No habits yet — ctrl+p, "Add the starter routine"; or '
                    "'networkhabit habit add NAME'",
                    "$text-muted",
                )
            )
            return
        shown = self._statuses
        content = LineByLine(lambda width: panel_content(shown, width), self._drawn)
        self.update(content, layout=not same_height)

    def notify_style_update(self) -> None:
        """The theme's colours are in the lines drawn: they are drawn again."""
        self._drawn.clear()
        super().notify_style_update()


def panel_content(statuses: Sequence[HabitStatus], width: int) -> Content:
    """Two lines per habit, then the legend, for ``width`` cells."""
    width = max(20, width)
    lines: list[Content] = []
    for st in statuses:
        lines.extend(habit_lines(st, width))
    lines.append(legend(width=width, indent="  "))
    return Content("\n").join(lines)
