"""Pure shaping of progress figures: daily series for the chart, averages and the mood trend."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from bot.core.streaks import is_milestone, next_milestone
from bot.storage.models import DayPoint

# A 7-day mood average this far above or below the 30-day one counts as a real change.
TREND_MARGIN = 0.3


def window(today: date, days: int) -> tuple[date, date]:
    """The first and last local date of the `days` days that end today."""
    return today - timedelta(days=days - 1), today


def daily_series(points: Iterable[DayPoint], today: date, days: int = 30) -> list[DayPoint]:
    """One point per day of the window, oldest first; days without a check-in are gaps."""
    first, _ = window(today, days)
    by_day = {p.day: p for p in points if first <= p.day <= today}
    return [by_day.get(first + timedelta(days=i), DayPoint(first + timedelta(days=i)))
            for i in range(days)]


def average(values: Iterable[int | None]) -> float | None:
    present = [v for v in values if v is not None]
    return round(sum(present) / len(present), 1) if present else None


def mood_average(points: Sequence[DayPoint], today: date, days: int) -> float | None:
    return average(p.mood for p in daily_series(points, today, days))


def urge_average(points: Sequence[DayPoint], today: date, days: int) -> float | None:
    return average(p.urge for p in daily_series(points, today, days))


def answered_days(points: Sequence[DayPoint], today: date, days: int) -> int:
    return sum(1 for p in daily_series(points, today, days) if p.mood is not None or p.urge is not None)


def mood_trend(recent: float | None, longer: float | None) -> str | None:
    """'up', 'down' or 'steady' for the last week against the last month; None without data."""
    if recent is None or longer is None:
        return None
    if recent >= longer + TREND_MARGIN:
        return "up"
    if recent <= longer - TREND_MARGIN:
        return "down"
    return "steady"


def has_chart_data(series: Sequence[DayPoint]) -> bool:
    return any(p.mood is not None or p.urge is not None for p in series)


def badges(longest: int) -> tuple[int, ...]:
    """The milestone days reached in the longest run so far: earned once, kept after a slip."""
    return tuple(day for day in range(1, longest + 1) if is_milestone(day))


def next_badge(current: int, earned: tuple[int, ...]) -> int:
    """The next milestone the current run can reach that is not earned yet."""
    day = next_milestone(current)
    while day in earned:
        day = next_milestone(day)
    return day
