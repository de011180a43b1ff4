"""Human-facing times: "3 weeks ago", "in 2 days", "every 4 weeks".

Days and weeks are counted exactly, because humanize rounds 20 days up to "a month", which
reads wrong for a keep-in-touch timer; months and years are worded as humanize's
``naturaldelta`` words them (months of 30.5 days), here too: importing humanize cost a
light command a twentieth of its time for one word.
"""

from __future__ import annotations

from datetime import date


def span(days: int) -> str:
    """A length of time: "1 day", "12 days", "3 weeks", "2 months", "1 year, 1 month"."""
    days = abs(days)
    if days < 14:
        return f"{days} day{'s' if days != 1 else ''}"
    if days < 60:
        weeks = round(days / 7)
        return f"{weeks} weeks"
    years, rest = divmod(days, 365)
    months = round(rest / 30.5)
    if years == 0:
        return "a year" if months == 12 else f"{months} months"
    if years == 1:
        if months == 0:
            return "a year" if rest == 0 else f"1 year, {rest} day{'s' if rest != 1 else ''}"
        if months == 12:
            return "2 years"
        return f"1 year, {months} month{'s' if months != 1 else ''}"
    return f"{round(days / 365):,} years"


def ago(when: date, today: date) -> str:
    """ "today", "yesterday", "3 days ago", "7 weeks ago", "in 2 days", "tomorrow"."""
    delta = (today - when).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "yesterday"
    if delta == -1:
        return "tomorrow"
    if delta > 0:
        return f"{span(delta)} ago"
    return f"in {span(-delta)}"


def every(days: int) -> str:
    """A cadence: "every day", "every 2 weeks", "every 30 days", "every year"."""
    if days == 1:
        return "every day"
    if days % 365 == 0:
        n = days // 365
        return "every year" if n == 1 else f"every {n} years"
    if days % 7 == 0:
        n = days // 7
        return "every week" if n == 1 else f"every {n} weeks"
    return f"every {days} days"


def count(n: int, noun: str, plural: str | None = None) -> str:
    """ "1 touch", "1,204 touches", "3 people" (humanize.intcomma for thousands)."""
    if n == 1:
        word = noun
    elif plural is not None:
        word = plural
    else:
        word = noun + "es" if noun.endswith(("s", "ch", "sh", "x")) else noun + "s"
    if -1000 < n < 1000:  # no thousands to separate: what humanize.intcomma would give
        return f"{n} {word}"
    import humanize

    return f"{humanize.intcomma(n)} {word}"


def short_date(day: date, today: date) -> str:
    """``Nov 8``; with the year when it is not this year's."""
    text = f"{day:%b} {day.day}"
    return text if day.year == today.year else f"{text} {day.year}"


def clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, ending in "…" where it was cut."""
    return text if len(text) <= limit else text[: max(0, limit - 1)].rstrip() + "…"


def overdue(days: int) -> str:
    """How late something is, in exact days: "1 day overdue", "3 days overdue", "due
    today"; early: "due in 2 days"."""
    if days == 0:
        return "due today"
    if days < 0:
        return f"due in {count(-days, 'day')}"
    return f"{count(days, 'day')} overdue"
