"""Typed clock times and weekdays ("21:30", "7pm", "half past 8", "Sunday", "sun").

Dates live in bot/listening/dates.py and places (zones, cities, offsets) in places.py; with the
scales, yes/no, pronouns and names of answers.py these are the parsers of typed answers."""

from __future__ import annotations

import re
from datetime import time

from bot.listening.normalise import fold

_TIME = re.compile(r"^(?:at |around |about |by )?(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a m|p m)?"
                   r"(?: ?(?:o ?clock|oclock|hrs|h))?$")
_WORD_HOURS = {"noon": time(12, 0), "midday": time(12, 0), "midnight": time(0, 0)}
_HALF_PAST = re.compile(r"^half (?:past )?(\d{1,2})\s*(am|pm)?$")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def parse_time(text: str) -> time | None:
    """'21:30', '9.30', '7pm', '7 pm', '07:00', 'noon', 'half past 8 pm' -> a time; a bare
    number ('7') is too ambiguous to guess -> None."""
    raw = " ".join(fold(text).strip().rstrip(".!").split())
    if raw in _WORD_HOURS:
        return _WORD_HOURS[raw]
    if match := _HALF_PAST.match(raw):
        return _clock(int(match[1]), 30, match[2], had_minutes=True)
    match = _TIME.match(raw)
    if not match:
        return None
    meridiem = (match[3] or "").replace(" ", "") or None
    return _clock(int(match[1]), int(match[2] or 0), meridiem, had_minutes=match[2] is not None)


def _clock(hour: int, minute: int, meridiem: str | None, *, had_minutes: bool) -> time | None:
    if meridiem:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    elif not had_minutes:
        return None
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def parse_weekday(text: str) -> int | None:
    """'Sunday', 'sun', 'Mon', 'on fridays' -> 0..6 (Python's weekday()); else None."""
    raw = fold(text).strip().rstrip(".!").removeprefix("on ").removesuffix("s")
    if len(raw) < 2:
        return None
    matches = [i for i, name in enumerate(WEEKDAYS) if name.startswith(raw)]
    return matches[0] if len(matches) == 1 else None
