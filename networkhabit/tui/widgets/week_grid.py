"""The week grid: habits × days, with totals against targets."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from networkhabit.domain.habits import STRIP_SYMBOLS
from networkhabit.domain.review import WeekReview
from networkhabit.tui.widgets.streaks import STATE_STYLES, legend

NAME_WIDTH = 28


def total_style(total: int, target: int) -> str:
    """Met: success; some: warning; none: error."""
    if target and total >= target:
        return "b $text-success"
    return "$text-warning" if total else "$text-error"


def grid_content(review: WeekReview) -> Content:
    """Header row of weekdays, one row per habit, then the legend."""
    head: list[str | tuple[str, str]] = [("Habit".ljust(NAME_WIDTH), "b")]
    for d in review.days:
        head.append((f" {d:%a}"[:4].ljust(5), "b"))
    head.append((" total", "b"))
    lines = [Content.assemble(*head)]
    lines.append(
        Content.assemble(
            " " * NAME_WIDTH, *[(f" {d.day:>2}  ", "$text-muted") for d in review.days]
        )
    )
    if not review.rows:
        lines.append(Content.from_markup("[$text-muted]no habits this week[/]"))
    for row in review.rows:
        parts: list[str | tuple[str, str] | Content] = [
            Content(row.habit.name).truncate(NAME_WIDTH - 1, ellipsis=True, pad=True),
            " ",
        ]
        for cell in row.cells:
            parts.append(("  ", ""))
            parts.append((STRIP_SYMBOLS.get(cell, "?"), STATE_STYLES.get(cell, "")))
            parts.append(("  ", ""))
        unit = " /wk" if row.habit.period == "week" else ""
        parts.append((f" {row.total}/{row.target}{unit}", total_style(row.total, row.target)))
        lines.append(Content.assemble(*parts))
    lines.append(Content(""))
    lines.append(legend())
    return Content("\n").join(lines)


class WeekGrid(Static):
    """Habits × days of one week."""

    DEFAULT_CSS = """
    WeekGrid { height: auto; width: auto; }
    """

    def show(self, review: WeekReview) -> None:
        """Show a week."""
        self.update(grid_content(review))
