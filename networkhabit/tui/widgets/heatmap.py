"""Activity heatmap: weeks as columns, weekdays as rows, darker = more touches and check-ins."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual.content import Content
from textual.widgets import Static

from networkhabit.domain.wording import count

#: Theme styles for activity levels 0 (nothing) to 4 (the busiest days).
LEVEL_STYLES = ("$text-disabled", "$success 35%", "$success 60%", "$success 80%", "b $success")
LEVEL_SYMBOLS = ("·", "■", "■", "■", "■")
DAY_LABELS = ("Mon", "", "Wed", "", "Fri", "", "Sun")


def level(count: int, top: int) -> int:
    """0 for none, else 1–4 in proportion to the busiest day."""
    if count <= 0 or top <= 0:
        return 0
    return max(1, min(4, -(-4 * count // top)))


def heatmap_content(days: Sequence[tuple[date, int]], today: date) -> Content:
    """Month labels, then one line per weekday, then a legend."""
    if not days:
        return Content("")
    first = days[0][0]
    counts = {d: n for d, n in days}
    weeks = (len(days) + first.weekday() + 6) // 7
    top = max((n for _, n in days), default=0)
    months = [" "] * (weeks * 2)
    last_month = None
    free_from = 0  # labels never overlap: a month starting right after a label goes unnamed
    for w in range(weeks):
        monday = date.fromordinal(first.toordinal() - first.weekday() + 7 * w)
        if monday.month != last_month:
            label = f"{monday:%b}"
            if w * 2 >= free_from and w * 2 + len(label) <= len(months):
                months[w * 2 : w * 2 + len(label)] = list(label)
                free_from = w * 2 + len(label) + 1
            last_month = monday.month
    lines = [Content.assemble("    ", ("".join(months).rstrip(), "$text-muted"))]
    for wd in range(7):
        parts: list[str | tuple[str, str]] = [(f"{DAY_LABELS[wd]:<4}", "$text-muted")]
        for w in range(weeks):
            day = date.fromordinal(first.toordinal() - first.weekday() + 7 * w + wd)
            if day > today or day < first:
                parts.append("  ")
                continue
            lv = level(counts.get(day, 0), top)
            parts.append((LEVEL_SYMBOLS[lv], LEVEL_STYLES[lv]))
            parts.append(" ")
        lines.append(Content.assemble(*parts))
    legend: list[str | tuple[str, str]] = [("    less ", "$text-muted")]
    for lv in range(5):
        legend.extend([(LEVEL_SYMBOLS[lv], LEVEL_STYLES[lv]), " "])
    legend.append(("more", "$text-muted"))
    total = sum(n for _, n in days)
    active = sum(1 for _, n in days if n)
    legend.append(
        (
            f"   {total:,} touches and check-ins on {active} of {count(len(days), 'day')}",
            "$text-muted",
        )
    )
    lines.append(Content.assemble(*legend))
    return Content("\n").join(lines)


class Heatmap(Static):
    """The last 26 weeks of activity."""

    DEFAULT_CSS = """
    Heatmap { height: auto; width: auto; }
    """

    def show(self, days: Sequence[tuple[date, int]], today: date) -> None:
        """Show the days (oldest first)."""
        self.update(heatmap_content(days, today))
