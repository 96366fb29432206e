"""Pure time arithmetic for daily schedules in the user's own zone, correct across DST."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo


def local_instant(day: date, at: time, tz: tzinfo) -> datetime:
    """The UTC instant of wall-clock `at` on `day` in `tz`.

    A time that does not exist (the spring-forward gap) lands at the end of the gap; an ambiguous
    time (fall-back) takes its first occurrence, so each local day yields exactly one instant.
    """
    naive = datetime.combine(day, at)
    first = naive.replace(tzinfo=tz, fold=0)
    utc = first.astimezone(UTC)
    # Round-trip check: in a gap, the wall time read back differs from the one asked for.
    back = utc.astimezone(tz).replace(tzinfo=None)
    if back != naive:
        # Inside the gap: the first instant after it (02:30 on a 02:00->03:00 day is 03:00).
        utc = _gap_end(naive, tz)
    return utc


def _gap_end(naive: datetime, tz: tzinfo) -> datetime:
    """The first real UTC instant whose local wall time is at or after `naive` on that day."""
    probe = naive.replace(tzinfo=tz, fold=0).astimezone(UTC) - timedelta(hours=3)
    step = timedelta(minutes=1)
    for _ in range(6 * 60):
        local = probe.astimezone(tz).replace(tzinfo=None)
        if local >= naive:
            return probe
        probe += step
    return naive.replace(tzinfo=tz).astimezone(UTC)


def next_daily(at: time, tz: tzinfo, after: datetime) -> datetime:
    """The first instant strictly after `after` at which the local clock in `tz` shows `at`
    (or, on a spring-forward day, the moment just past the gap)."""
    local_day = after.astimezone(tz).date()
    for offset in range(3):
        candidate = local_instant(local_day + timedelta(days=offset), at, tz)
        if candidate > after:
            return candidate
    raise AssertionError("unreachable: a day always has a next occurrence")


def local_date_of(when: datetime, tz: tzinfo) -> date:
    return when.astimezone(tz).date()


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
