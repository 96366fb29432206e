"""Pure parsers for what users type: dates, clock times and time zones."""

from __future__ import annotations

import re
from datetime import date, time, timedelta
from functools import lru_cache
from zoneinfo import available_timezones

_OFFSET = re.compile(r"^(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$")
_TIME = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm)?$")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_AGO = re.compile(r"^(\d{1,3}|a|an|one)\s+(day|week|month)s?\s+ago$")


MAX_NAME = 40


def parse_name(text: str) -> str | None:
    """A name or nickname with its spacing tidied; None when empty or over MAX_NAME."""
    name = " ".join(text.split())
    return name if name and len(name) <= MAX_NAME else None


def parse_time(text: str) -> time | None:
    """'21:30', '9.30', '7pm', '07:00' -> a time; anything else -> None."""
    match = _TIME.match(text.strip().lower())
    if not match:
        return None
    hour, minute, meridiem = int(match[1]), int(match[2] or 0), match[3]
    if meridiem:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    elif match[2] is None:
        return None  # a bare number is too ambiguous to guess
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def parse_date(text: str, today: date) -> date | None:
    """ISO, day.month.year, 'today', 'yesterday', 'N days/weeks ago'; never in the future."""
    raw = text.strip().lower()
    found: date | None = None
    if raw == "today":
        found = today
    elif raw == "yesterday":
        found = today - timedelta(days=1)
    elif match := _AGO.match(raw):
        count = 1 if match[1] in ("a", "an", "one") else int(match[1])
        days = {"day": 1, "week": 7, "month": 30}[match[2]]
        found = today - timedelta(days=count * days)
    else:
        for pattern in (r"^(\d{4})-(\d{1,2})-(\d{1,2})$", r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$"):
            match = re.match(pattern, raw)
            if match:
                parts = [int(p) for p in match.groups()]
                year, month, day = parts if pattern.startswith("^(\\d{4})") else parts[::-1]
                try:
                    found = date(year, month, day)
                except ValueError:
                    return None
                break
    if found is None or found > today or found < today - timedelta(days=365 * 20):
        return None
    return found


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    """'berlin' -> 'Europe/Berlin', 'new york' -> 'America/New_York', from tzdata's own names."""
    table: dict[str, str] = {}
    for name in sorted(available_timezones()):
        if "/" not in name or name.startswith(("Etc/", "SystemV/", "US/")):
            continue
        city = name.rsplit("/", 1)[1].replace("_", " ").lower()
        table.setdefault(city, name)
    return table


def parse_timezone(text: str) -> str | None:
    """An IANA name, a city, or a UTC offset -> the name we store ('Europe/Berlin', 'UTC+05:30')."""
    raw = " ".join(text.strip().split())
    if not raw:
        return None
    lowered = raw.lower()
    if lowered in ("utc", "gmt", "z"):
        return "UTC"
    if match := _OFFSET.match(lowered.replace(" ", "")):
        sign, hours, minutes = match[1], int(match[2]), int(match[3] or 0)
        if hours > 14 or minutes not in (0, 15, 30, 45) or (hours == 14 and minutes):
            return None
        if hours == 0 and minutes == 0:
            return "UTC"
        return f"UTC{sign}{hours:02d}:{minutes:02d}"
    for candidate in (raw, raw.replace(" ", "_")):
        if "/" in candidate and (found := _iana_names().get(candidate.lower())):
            return found
    return _cities().get(lowered)


@lru_cache(maxsize=1)
def _iana_names() -> dict[str, str]:
    """'europe/berlin' -> 'Europe/Berlin'. Cached: available_timezones() walks the tzdata files
    on every call (about 14 ms, blocking every other chat while it runs)."""
    return {name.lower(): name for name in available_timezones()}


def parse_weekday(text: str) -> int | None:
    """'Sunday', 'sun', 'Mon' -> 0..6 (Python's weekday()); anything else -> None."""
    raw = text.strip().lower().rstrip(".")
    if len(raw) < 2:
        return None
    matches = [i for i, name in enumerate(WEEKDAYS) if name.startswith(raw)]
    return matches[0] if len(matches) == 1 else None
