"""Typed clock times and weekdays ("21:30", "7pm", "half past 8", "Sunday", "sun").

Dates live in bot/listening/dates.py and places (zones, cities, offsets) in places.py; with the
scales, yes/no, pronouns and names of answers.py these are the parsers of typed answers."""

from __future__ import annotations

import re
from datetime import time

from bot.listening.normalise import fold

_TIME = re.compile(r"^(?:at |around |about |by |maybe |say |like )?(\d{1,2})(?:[:.h](\d{2}))?\s*"
                   r"(?:ish )?(am|pm|a m|p m)?(?: ?(?:o ?clock|oclock|hrs|h|ish))?$")
# "9 in the evening", "8 at night", "7 in the morning": the part of the day says am or pm
_PART_OF_DAY = re.compile(r" ?(?:in the |at |this |tonight|every )?(evening|night|nite|tonight|"
                          r"afternoon|morning|mornings|evenings|nights)$")
_NIGHT = frozenset({"night", "nights", "nite", "tonight"})  # "12 at night" is midnight
_PM_PARTS = _NIGHT | {"evening", "evenings", "afternoon"}
_WORD_HOURS = {"noon": time(12, 0), "midday": time(12, 0), "midnight": time(0, 0)}
_HALF_PAST = re.compile(r"^half (?:past )?(\d{1,2})\s*(am|pm)?$")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def parse_time(text: str) -> time | None:
    """'21:30', '9.30', '7pm', '7 pm', '07:00', 'noon', 'half past 8 pm', '9 in the evening',
    '8ish pm', '21h' -> a time; a bare number of the morning or evening ('7', 'around 9') is
    too ambiguous to guess -> None."""
    raw = " ".join(fold(text).strip().rstrip(".!").split())
    if raw in _WORD_HOURS:
        return _WORD_HOURS[raw]
    if match := _HALF_PAST.match(raw):
        return _clock(int(match[1]), 30, match[2], had_minutes=True)
    part = _PART_OF_DAY.search(raw)
    if part is not None and part.start() > 0:
        raw = raw[:part.start()].strip()
    match = _TIME.match(raw)
    if not match:
        return None
    meridiem = (match[3] or "").replace(" ", "") or None
    hour = int(match[1])
    if meridiem is None and part is not None and 1 <= hour <= 12:
        meridiem = "pm" if part[1] in _PM_PARTS and not (part[1] in _NIGHT and hour == 12) else "am"
    if meridiem is None and hour > 12:  # "21h", "21 hrs", "18": only a 24-hour clock says that
        return _clock(hour, int(match[2] or 0), None, had_minutes=True)
    return _clock(hour, int(match[2] or 0), meridiem, had_minutes=match[2] is not None)


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
