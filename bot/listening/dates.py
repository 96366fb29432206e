"""Typed dates ("two weeks ago", "last saturday", "3 March", "last night", "on new year's eve",
"2024-03-03", "3.3.2024") in the user's own calendar, never in the future.

Most answers are caught by a cheap path (word tables in data/dates.json, a few regexes); only the
rest goes to `dateparser` (a maintained parser of dates in 200+ languages), imported on first need
because its import and first call take a few hundred milliseconds. It is set to prefer past dates
and to read "3/4" day-first except in zones that write month-first (America/*).
"""

from __future__ import annotations

import calendar
import json
import re
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.listening.normalise import fold

_DATA = json.loads((Path(__file__).with_name("data") / "dates.json").read_text("utf-8"))
_MONTHS: dict[str, int] = _DATA["months"]
_WEEKDAYS: dict[str, int] = _DATA["weekdays"]
_COUNTS: dict[str, int] = _DATA["counts"]
_UNITS: dict[str, str] = _DATA["units"]
_FIXED: dict[str, int] = _DATA["fixed"]
_HOLIDAYS: dict[str, list[int]] = _DATA["holidays"]
_FILLERS = frozenset(_DATA["fillers"])
_FOREIGN_COUNTS: dict[str, int] = _DATA["foreign_counts"]
_FOREIGN_UNITS: dict[str, str] = _DATA["foreign_units"]
_MONTH_PARTS: dict[str, int] = _DATA["month_parts"]
_DATEISH = frozenset(_DATA["dateish"]) | frozenset(_MONTHS) | frozenset(_WEEKDAYS)
_LANGUAGES = ["en", "es", "pt", "de", "fr", "it", "nl"]
MAX_AGE_DAYS = 366 * 20
_FUTURE = frozenset({"next", "tomorrow", "upcoming", "coming", "proximo", "proxima", "naechste",
                     "nachste", "prochain", "prochaine", "prossimo", "prossima", "volgende"})

_CLEAN = re.compile(r"[^a-z0-9./\- ]+")
_ISO = re.compile(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b")
_NUMERIC = re.compile(r"\b(\d{1,2})[./\-](\d{1,2})(?:[./\-](\d{2}|\d{4}))?\b")
_AGO = re.compile(r"(?<![\d.,])\b(\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                  r"(?:a )?couple(?: of)?|(?:a )?few|several)\s+(days?|weeks?|wks?|months?|mos?|"
                  r"years?|yrs?|fortnights?)\s+(?:ago|back|before now)\b")
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th|er|o|e)?(?:\s+of|\s+de|\.)?\s+([a-z]+)"
                        r"(?:\s+(\d{4}))?\b")
_MONTH_DAY = re.compile(r"\b([a-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?(?:\s+(\d{4}))?\b")
# "hace dos semanas", "ha 3 dias", "vor drei tagen", "il y a deux semaines", "due settimane fa",
# "twee weken geleden", "3 dias atras"
_FOREIGN_AGO = re.compile(r"^(?:hace|ha|faz|vor|il y a)\s+(\d+|[a-z]+(?: de)?)\s+([a-z]+)$|"
                          r"^(\d+|[a-z]+)\s+([a-z]+)\s+(?:fa|geleden|atras)$")
_DAY_ONLY = re.compile(r"^(?:on |it was |about |around )?(?:the )?(\d{1,2})(?:st|nd|rd|th)$")
# A season names its middle: "last summer" is mid-July of the last summer that has begun (mid-
# January south of the equator, where the zones below keep their summers)
_SEASONS = {"spring": 4, "summer": 7, "autumn": 10, "fall": 10, "winter": 1}
_SOUTH = ("Australia/", "Pacific/Auckland", "Africa/Johannesburg", "America/Sao_Paulo",
          "America/Argentina/", "America/Santiago", "America/Montevideo", "America/Asuncion")
_SEASON = re.compile(r"^(?:last |this |this past |in the |over the |during the |in |the |back in the "
                     r"|around |about )?(spring|summer|autumn|fall|winter)(?: time)?$")
_WEEKENDS = frozenset((
    "weekend", "the weekend", "last weekend", "this weekend", "this past weekend",
    "over the weekend", "at the weekend", "on the weekend", "past weekend", "weekend just gone",
    "the weekend just gone"))
_WEEKENDS_BEFORE = frozenset(("the weekend before last", "weekend before last",
                              "the weekend before that"))
# "sunday just gone", "the tuesday that just passed": the latest such day before today
_JUST_GONE = ("just gone", "that just went", "that just passed", "just passed", "gone")
# "early this month", "mid last month", "the end of last month"
_BEEN = re.compile(r"^(?:it s |its |it has |it |has |s )?been (?:about |like |almost |nearly |over "
                   r"|around |just over |just under |roughly )?((?:\d+|an?|one|two|three|four|five|six|"
                   r"seven|eight|nine|ten|eleven|twelve|a couple of|a couple|a few|few) [a-z]+)"
                   r"(?: now| already| today)?$")
_GLUED = re.compile(r"\b(\d+)(days?|weeks?|wks?|months?|mos?|years?|yrs?)\b")
_YEARS_BACK = (" last year", " the year before last", " two years ago")
_PARTS_OF_DAY = frozenset(("night", "nite", "morning", "evening", "afternoon", "arvo", "lunchtime"))
_BEFORE_LAST = re.compile(r"^(?:the |on the )?([a-z]+) before last$")
_THIS_OR_LAST_MONTH = re.compile(r"^(.*?)\s*\b(this|last|the previous|previous) month$")


def parse_date(text: str, today: date, tz: str | None = None) -> date | None:
    """The date the text names, in the user's calendar (`today` is their local date), or None
    when it names none, names one in the future, or one over twenty years back."""
    raw = _CLEAN.sub(" ", fold(text).replace("'", " ")).strip()
    raw = " ".join(raw.split())
    if not raw or len(raw) > 80 or not _FUTURE.isdisjoint(raw.split()):
        return None  # "next tuesday" is never last tuesday
    if "been" in raw and (match := _BEEN.match(raw)):
        raw = f"{match[1]} ago"  # "it's been 2 weeks"
    if any(c.isdigit() for c in raw):
        raw = _GLUED.sub(r"\1 \2", raw)  # "3wks ago", "6mo ago"
    if "half" in raw or ".5 " in raw or ",5 " in raw:
        raw = _HALVES.sub(_halved, raw)  # "a year and a half ago" is 18 months ago
    found = None
    if raw.endswith(_YEARS_BACK):  # "14 feb last year": the year said last
        found = _day_or_season(raw, today, tz)
    if found is None:
        found = _cheap(raw, today, month_first=_month_first(tz))
    if found is None:
        found = _day_or_season(raw, today, tz)
    if found is None and _worth_a_parser(raw):
        found = _dateparser(raw, today, _month_first(tz))
    if found is None or found > today or found < today - timedelta(days=MAX_AGE_DAYS):
        return None
    return found


# "half a year", "a month and a half", "two and a half weeks", "1.5 years": counted in the next
# smaller unit ("18 months"), which the cheap path reads
_HALVES = re.compile(
    r"\b(?:half an? (?P<half>year|month|week|day)"
    r"|(?P<count>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten)(?: and a half| ?[.,]5)?"
    r" (?P<unit>years?|yrs?|months?|weeks?|wks?)(?P<tail> and a half)?"
    r"|(?P<decimal>\d+)[.,]5 (?P<dunit>years?|yrs?|months?|weeks?|wks?))\b")
_SMALLER = {"y": ("months", 12), "m": ("weeks", 4), "w": ("days", 7), "d": ("days", 1)}


def _halved(match: re.Match[str]) -> str:
    if match["half"]:
        unit, size = _SMALLER[match["half"][0]]
        return f"{size // 2} {unit}" if size > 1 else "0 days"
    if match["decimal"]:
        count, unit_word, half = int(match["decimal"]), match["dunit"], True
    else:
        count = int(match["count"]) if match["count"].isdigit() else _COUNTS.get(match["count"], 0)
        unit_word, half = match["unit"], bool(match["tail"]) or "half" in match[0] or ".5" in \
            match[0] or ",5" in match[0]
    if not half or not count:
        return match[0]
    unit, size = _SMALLER[_UNITS.get(unit_word, "d")]
    return f"{count * size + size // 2} {unit}"


def _easter(year: int) -> date:
    from dateutil.easter import easter  # type: ignore[import-untyped]  # (a dependency of dateparser; no stubs shipped)

    return easter(year)


def _labor_day(year: int) -> date:
    first = date(year, 9, 1)
    return first + timedelta(days=(0 - first.weekday()) % 7)  # the first Monday of September


def _memorial_day(year: int) -> date:
    last = date(year, 5, 31)
    return last - timedelta(days=last.weekday())  # the last Monday of May


def _thanksgiving(year: int) -> date:
    first = date(year, 11, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 21)  # the fourth Thursday


_MOVABLE = {"easter": _easter, "easter sunday": _easter, "thanksgiving": _thanksgiving,
            "thanksgiving day": _thanksgiving, "labor day": _labor_day,
            "labour day": _labor_day, "labor day weekend": _labor_day,
            "memorial day": _memorial_day, "memorial day weekend": _memorial_day}


def _day_or_season(raw: str, today: date, tz: str | None) -> date | None:
    """"the 14th" (the latest 14th up to today), "last summer" (its middle, in the user's
    hemisphere) and "christmas last year" (a holiday a year further back)."""
    if match := _DAY_ONLY.match(raw):
        day = int(match[1])
        if 1 <= day <= 31:
            month_start = today.replace(day=1)
            for back in range(3):  # this month, or the last one that has that day
                if back:
                    month_start = (month_start - timedelta(days=1)).replace(day=1)
                found = _safe(month_start.year, month_start.month, day)
                if found is not None and found <= today:
                    return found
        return None
    if match := _SEASON.match(raw):
        month = _SEASONS[match[1]]
        if tz and str(tz).startswith(_SOUTH):
            month = (month + 5) % 12 + 1
        middle = _safe(today.year, month, 15)
        assert middle is not None
        return middle if middle <= today else _safe(today.year - 1, month, 15)
    key = raw.removeprefix("on ").removeprefix("last ").removeprefix("at ")
    if key in _HOLIDAYS:  # "last christmas", "at halloween"
        return _last(today, *_HOLIDAYS[key])
    if key in _MOVABLE:  # "easter", "thanksgiving": this year's, or last year's while to come
        found = _MOVABLE[key](today.year)
        return found if found <= today else _MOVABLE[key](today.year - 1)
    if (match := _BEFORE_LAST.match(raw)) and match[1] in _WEEKDAYS:  # "the saturday before last"
        back = (today.weekday() - _WEEKDAYS[match[1]]) % 7
        return today - timedelta(days=(back or 7) + 7)
    if match and match[1] in ("week", "month", "year"):  # "the week before last"
        return today - timedelta(days=14) if match[1] == "week" else _months_back(
            today, 2 if match[1] == "month" else 24)
    for suffix, years in zip(_YEARS_BACK, (1, 2, 2), strict=True):
        if not raw.endswith(suffix):
            continue
        if (key := raw.removesuffix(suffix).removeprefix("on ")) in _HOLIDAYS:
            month, day = _HOLIDAYS[key]
            return _safe(today.year - years, month, day)
        # "in march last year", "end of june last year", "14 feb of last year": that year's
        year_end = date(today.year - years, 12, 31)
        key = key.removesuffix(" of").removesuffix(" in")
        inner = (_cheap(key, year_end, month_first=_month_first(tz))
                 or _day_or_season(_strip(key), year_end, tz))
        return inner if inner is not None and inner.year == year_end.year else None
    return None


def _month_first(tz: str | None) -> bool:
    """US-style zones write 4/5 as April 5th; South America writes it day-first."""
    day_first = ("America/Sao_Paulo", "America/Argentina", "America/Bogota", "America/Lima",
                 "America/Santiago", "America/Caracas", "America/Montevideo")
    return bool(tz) and str(tz).startswith("America/") and not str(tz).startswith(day_first)


def _strip(raw: str) -> str:
    return " ".join(w for w in raw.split() if w not in _FILLERS or w == "ago")


def _cheap(raw: str, today: date, *, month_first: bool) -> date | None:
    core = _strip(raw)
    if core in _FIXED:
        return today - timedelta(days=_FIXED[core])
    if raw in _FIXED:
        return today - timedelta(days=_FIXED[raw])
    for key in (core, raw, core.removeprefix("on ")):
        if key in _HOLIDAYS:
            return _last(today, *_HOLIDAYS[key])
    if match := _ISO.search(raw):
        return _safe(int(match[1]), int(match[2]), int(match[3]))
    if match := _AGO.search(raw):
        return _ago(today, match[1], match[2])
    if match := _NUMERIC.search(raw):
        first, second, year = int(match[1]), int(match[2]), match[3]
        day, month = (second, first) if month_first and first <= 12 else (first, second)
        if month > 12 and day <= 12:
            day, month = month, day
        return _with_year(today, month, day, year)
    for regex, day_group, month_group in ((_DAY_MONTH, 1, 2), (_MONTH_DAY, 2, 1)):
        for match in regex.finditer(raw):
            if match[month_group] in _MONTHS:
                return _with_year(today, _MONTHS[match[month_group]], int(match[day_group]),
                                  match[3])
    gone = next((raw.removesuffix(f" {tail}") for tail in _JUST_GONE if raw.endswith(f" {tail}")),
                None)
    words = [w for w in (gone or raw).split() if w not in ("on", "the", "it", "was", "about", "like")]
    if len(words) >= 2 and words[-1] in _PARTS_OF_DAY and words[-2] in _WEEKDAYS:
        words.pop()  # "friday night", "last sunday morning": the day itself
    if 1 <= len(words) <= 3 and words[-1] in _WEEKDAYS:
        # "last saturday", "saturday just gone": before today; "saturday": today counts
        strict = len(words) > 1 or gone is not None
        back = (today.weekday() - _WEEKDAYS[words[-1]]) % 7
        return today - timedelta(days=back or (7 if strict else 0))
    if raw in _WEEKENDS or core in _WEEKENDS or raw in _WEEKENDS_BEFORE:
        back = (today.weekday() - 5) % 7
        return today - timedelta(days=(back or 7) + (7 if raw in _WEEKENDS_BEFORE else 0))
    if (match := _THIS_OR_LAST_MONTH.match(raw)) and (
            (part_day := _MONTH_PARTS.get(match[1]) if match[1] else 1) is not None):
        named = today if match[2] == "this" else _months_back(today.replace(day=1), 1)
        return _safe(named.year, named.month, part_day)  # a part still to come is refused
    if match := _FOREIGN_AGO.match(raw):
        count_word, unit_word = (match[1], match[2]) if match[1] else (match[3], match[4])
        count = int(count_word) if count_word.isdigit() else _FOREIGN_COUNTS.get(
            count_word, _COUNTS.get(count_word, 0))
        unit = _FOREIGN_UNITS.get(unit_word) or _UNITS.get(unit_word)
        if count and unit:
            return _ago(today, str(count), {"d": "days", "w": "weeks", "m": "months",
                                            "y": "years"}[unit])
    if words and words[-1] in _MONTHS and len(words) <= 4:
        part = " ".join(words[:-1])
        part_day = _MONTH_PARTS.get(part) if part else 1
        if part_day is not None:
            return _with_year(today, _MONTHS[words[-1]], part_day, None)
    if core in ("last month", "a month ago"):
        return _months_back(today, 1)
    if core in ("last year", "a year ago"):
        return _months_back(today, 12)
    return None


def _ago(today: date, count_word: str, unit_word: str) -> date | None:
    count = int(count_word) if count_word.isdigit() else _COUNTS.get(count_word, 0)
    unit = _UNITS.get(unit_word)
    if not count or unit is None or count > 500:
        return None
    if unit == "d":
        return today - timedelta(days=count)
    if unit in ("w", "f"):
        return today - timedelta(weeks=count * (2 if unit == "f" else 1))
    return _months_back(today, count * (12 if unit == "y" else 1))


def _months_back(today: date, months: int) -> date:
    total = today.year * 12 + today.month - 1 - months
    year, month = divmod(total, 12)
    day = min(today.day, calendar.monthrange(year, month + 1)[1])
    return date(year, month + 1, day)


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _with_year(today: date, month: int, day: int, year: str | None) -> date | None:
    if year:
        full = int(year) + (2000 if len(year) == 2 else 0)
        return _safe(full, month, day)
    found = _safe(today.year, month, day)
    if found is not None and found > today:
        found = _safe(today.year - 1, month, day)
    return found


def _last(today: date, month: int, day: int) -> date | None:
    """The most recent `month`/`day` on or before today (a holiday)."""
    return _with_year(today, month, day, None)


def _worth_a_parser(raw: str) -> bool:
    return any(c.isdigit() for c in raw) or not _DATEISH.isdisjoint(raw.split())


@lru_cache(maxsize=1)
def _parser() -> Any:
    import dateparser  # lazy: slow to import, and most answers never need it

    return dateparser


def _dateparser(raw: str, today: date, month_first: bool) -> date | None:
    settings = {
        "PREFER_DATES_FROM": "past",
        "RELATIVE_BASE": datetime.combine(today, time(12, 0)),
        "PREFER_DAY_OF_MONTH": "first",
        "DATE_ORDER": "MDY" if month_first else "DMY",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    try:
        found = _parser().parse(raw, languages=_LANGUAGES, settings=settings)
    except (ValueError, OverflowError, TypeError):
        return None
    return found.date() if found is not None else None
