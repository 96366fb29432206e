"""Pure weekly-summary arithmetic: the next summary instant and typed weekday names."""

from __future__ import annotations

from datetime import datetime, time, timedelta, tzinfo

from bot.schedule_math import local_instant

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def next_weekly(weekday: int, at: time, tz: tzinfo, after: datetime) -> datetime:
    """The first instant strictly after `after` when it is `at` on `weekday` (0=Monday) in `tz`.
    On a spring-forward day a time inside the gap lands just past it, like the daily check-in."""
    if not 0 <= weekday <= 6:
        raise ValueError("weekday is 0 (Monday) to 6 (Sunday)")
    local_day = after.astimezone(tz).date()
    ahead = (weekday - local_day.weekday()) % 7
    for offset in (ahead, ahead + 7):
        candidate = local_instant(local_day + timedelta(days=offset), at, tz)
        if candidate > after:
            return candidate
    raise AssertionError("unreachable: the same weekday a week later is always after")


def parse_weekday(text: str) -> int | None:
    """'Sunday', 'sun', 'Mon' -> 0..6 (Python's weekday()); anything else -> None."""
    raw = text.strip().lower().rstrip(".")
    if len(raw) < 2:
        return None
    matches = [i for i, name in enumerate(WEEKDAYS) if name.startswith(raw)]
    return matches[0] if len(matches) == 1 else None
