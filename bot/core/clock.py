"""Time comes from one Clock so tests and benchmarks can move it; all stored times are UTC;
zone() turns a stored zone name into a tzinfo; is_late_night() is the one late-night window."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class Clock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class ManualClock(Clock):
    """A clock that only moves when told to: for tests and the console's time travel."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("ManualClock needs an aware datetime")
        self._now = start.astimezone(UTC)

    def now(self) -> datetime:
        return self._now

    def set(self, when: datetime) -> None:
        self._now = when.astimezone(UTC)

    def advance(self, **delta: float) -> datetime:
        self._now += timedelta(**delta)
        return self._now


def iso(when: datetime) -> str:
    """The one stored form: UTC, seconds, sortable as text."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def zone(name: str) -> tzinfo:
    """The tzinfo for a stored zone name: IANA via zoneinfo, or a fixed 'UTC+hh:mm' offset."""
    if name.startswith("UTC") and len(name) == 9:
        sign = 1 if name[3] == "+" else -1
        return timezone(sign * timedelta(hours=int(name[4:6]), minutes=int(name[7:9])))
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


LATE_START, LATE_END = 22, 5  # the late-night window, local hours 22:00-05:00


def is_late_night(hour: int) -> bool:
    """True for a local hour in the late-night window (22:00-05:00)."""
    return hour >= LATE_START or hour < LATE_END
