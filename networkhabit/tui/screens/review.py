"""Review: one week's habits × days, totals vs targets, touches vs last week, the heatmap."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from networkhabit.domain.model import Contact
from networkhabit.domain.review import WeekReview, activity_heatmap, monday_of, week_review
from networkhabit.tui.data import Loaded
from networkhabit.tui.screens.base import DataScreen, retitle, small
from networkhabit.tui.widgets.heatmap import Heatmap
from networkhabit.tui.widgets.modal import QuickScreen
from networkhabit.tui.widgets.text import Hang, Line, Wrapped
from networkhabit.tui.widgets.week_grid import WeekGrid

HEATMAP_WEEKS = 26


@dataclass(frozen=True)
class ReviewView:
    """One week's review and the heatmap."""

    review: WeekReview
    heatmap: list[tuple[date, int]]


def review_view(data: Loaded, monday: date) -> ReviewView:
    """The review of the week starting ``monday`` and the last 26 weeks of activity."""
    return ReviewView(
        week_review(data.snap, monday, data.today),
        activity_heatmap(data.snap, data.today, HEATMAP_WEEKS),
    )


def week_title(monday: date, today: date) -> str:
    """``Week 47 · 16 – 22 Nov 2026 (this week)``."""
    sunday = monday + timedelta(days=6)
    _, week, _ = monday.isocalendar()
    span = f"{monday.day} {monday:%b} – {sunday.day} {sunday:%b %Y}"
    this = monday_of(today)
    when = {this: " (this week)", this - timedelta(days=7): " (last week)"}.get(monday, "")
    return f"Week {week} · {span}{when}"


def _label(text: str) -> Content:
    return Content.styled(f"{text:<12}", "$text-muted")


def names(data: Loaded, people: Sequence[Contact], limit: int = 12) -> str:
    """``Ana Ruiz, Mei Chen and 3 more``."""
    text = ", ".join(data.label(c.uid) for c in people[:limit])
    return text + (f" and {len(people) - limit:,} more" if len(people) > limit else "")


def summary(review: WeekReview, data: Loaded) -> list[Line]:
    """Habits done vs targets, touches vs last week, people reached, new contacts, neglected."""
    diff = review.touches_this_week - review.touches_last_week
    trend_style = "$text-success" if diff > 0 else "$text-warning" if diff < 0 else "$text-muted"
    trend = f"+{diff}" if diff > 0 else str(diff) if diff else "±0"
    done = sum(min(r.total, r.target) for r in review.rows)
    owed = sum(r.target for r in review.rows)
    share = f"  {round(100 * done / owed)}% of the targets" if owed else ""
    people = "person" if len(review.reached) == 1 else "people"
    past = review.week_start < monday_of(data.today)
    lines: list[Line] = [
        Content.assemble(_label("Habits"), (f"{done}/{owed}", "b"), (share, "$text-muted")),
        Content.assemble(
            _label("Touches"),
            (f"{review.touches_this_week}", "b"),
            (f"  vs {review.touches_last_week} the week before ", "$text-muted"),
            (trend, trend_style),
        ),
        Content.assemble(_label("Reached"), (f"{len(review.reached)} {people}", "b")),
    ]
    if review.reached:
        lines.append(Hang(" " * 12, names(data, review.reached), "$text-muted"))
    lines.append(Content.assemble(_label("New"), (f"{len(review.new_contacts)}", "b")))
    if review.new_contacts:
        lines.append(Hang(" " * 12, names(data, review.new_contacts), "$text-muted"))
    lines.append(
        Content.assemble(
            _label("Neglected"),
            (
                f"{review.neglected_count}",
                "b $text-warning" if review.neglected_count else "b $text-success",
            ),
            ("  at the end of the week" if past else "  now", "$text-muted"),
        )
    )
    notes = [(row.habit.name, day, note) for row in review.rows for day, note in row.notes]
    if notes:
        lines.append(Content.assemble(_label("Notes"), (f"{len(notes)}", "b")))
        for name, day, note in notes:
            lines.append(Hang(" " * 12, f"{day:%a} · {name}: {note}", "$text-muted"))
    return lines


class ReviewScreen(QuickScreen, DataScreen):
    """The week in review."""

    TAB = "review"
    #: Its part of the app's CSS (see :mod:`networkhabit.tui.sheets`).
    SHEET = """
    #review-title { height: 1; padding: 0 1; margin: 1 0 0 0; }
    #review-body { height: 1fr; }
    #review-top { height: auto; }
    #grid-box { width: auto; }
    #summary-box { width: 1fr; }
    .-narrow #review-top { layout: vertical; }
    .-narrow #grid-box { width: 1fr; }
    #heatmap-box { width: auto; }
    .-narrow #heatmap-box { width: 1fr; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left_square_bracket", "week(-1)", "Previous week", key_display="["),
        Binding("right_square_bracket", "week(1)", "Next week", key_display="]"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.monday: date | None = None

    def compose(self) -> ComposeResult:
        """Title, grid and numbers side by side, the heatmap under them."""
        yield from self.compose_top()
        yield Static("reading the store…", id="review-title")
        with VerticalScroll(id="review-body"):
            with Horizontal(id="review-top"):
                with Vertical(id="grid-box", classes="panel") as box:
                    box.border_title = "Habits"
                    yield WeekGrid(id="week-grid")
                with Vertical(id="summary-box", classes="panel") as box:
                    box.border_title = "This week"
                    yield Wrapped("", id="review-summary")
            with Vertical(id="heatmap-box", classes="panel") as box:
                box.border_title = f"Activity, last {HEATMAP_WEEKS} weeks"
                yield Heatmap(id="heatmap")

    def show(self, data: Loaded) -> None:
        """Review the chosen week (this week at first)."""
        if self.monday is None or self.monday > monday_of(data.today):
            self.monday = monday_of(data.today)
        monday = self.monday
        if small(data):
            self._fill(data, review_view(data, monday))
            return
        self.nh.background(
            lambda: review_view(data, monday), lambda v: self._fill(data, v), group="review-view"
        )

    def _fill(self, data: Loaded, view: ReviewView) -> None:
        review = view.review
        title = Content.assemble(
            (week_title(review.week_start, data.today), "b"),
            ("   [ previous week · ] next week", "$text-muted"),
        )
        self.query_one("#review-title", Static).update(title)
        retitle(
            self.query_one("#summary-box"),
            "This week" if review.week_start == monday_of(data.today) else "That week",
        )
        self.query_one(WeekGrid).show(review)
        self.query_one("#review-summary", Wrapped).set_lines(summary(review, data))
        self.query_one(Heatmap).show(view.heatmap, data.today)

    def action_week(self, step: int) -> None:
        """Move a week back or forward (not past this week)."""
        data = self.data
        if data is None or self.monday is None:
            return
        monday = self.monday + timedelta(days=7 * step)
        if monday > monday_of(data.today):
            self.notify("This is the current week", severity="information")
            return
        self.monday = monday
        self.refresh_data(force=True)
