"""Urge insights for /progress: which weekdays, which hours (in the user's zone) and which
triggers come up most in the urge log. Pure: urges in, figures out; no Telegram imports."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import tzinfo
from functools import lru_cache
from pathlib import Path

from bot.core.clock import parse_iso
from bot.core.sametext import item_key

MIN_URGES = 5  # fewer than this, and any pattern would be a guess
WINDOW_HOURS = 3  # hours are reported as the busiest three-hour stretch
MIN_REPEAT = 2  # a weekday, stretch or trigger must come up at least this often to be named
THEMES_FILE = Path(__file__).with_name("data") / "trigger_themes.json"
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")


@dataclass(frozen=True)
class UrgeInsights:
    total: int
    by_weekday: tuple[int, ...]  # Monday first, local time
    by_hour: tuple[int, ...]  # 0-23, local time
    weekdays: tuple[int, ...]  # the busiest weekday(s), when one stands out
    window: int | None  # the first hour of the busiest stretch, when one stands out
    window_count: int
    themes: tuple[tuple[str, int], ...]  # (theme, count), most first
    repeated: tuple[tuple[str, int], ...]  # typed triggers in no theme, said more than once

    @property
    def enough(self) -> bool:
        return self.total >= MIN_URGES


@lru_cache(maxsize=1)
def themes() -> dict[str, frozenset[str]]:
    data = json.loads(THEMES_FILE.read_text(encoding="utf-8"))
    return {theme: frozenset(words) for theme, words in data.items() if not theme.startswith("_")}


def themes_of(trigger: str) -> list[str]:
    """The themes a typed trigger falls into (whole words, case-folded)."""
    words = set(_WORD.findall(trigger.casefold().replace("’", "'")))
    return [theme for theme, keys in themes().items() if words & keys]


def insights(urges: Sequence[tuple[str, str | None]], tz: tzinfo) -> UrgeInsights:
    """From (occurred_at as stored, trigger or None) for each urge."""
    weekday, hour = [0] * 7, [0] * 24
    theme_counts: Counter[str] = Counter()
    loose: Counter[str] = Counter()
    loose_shown: dict[str, str] = {}
    for occurred_at, trigger in urges:
        local = parse_iso(occurred_at).astimezone(tz)
        weekday[local.weekday()] += 1
        hour[local.hour] += 1
        if trigger and trigger.strip():
            found = themes_of(trigger)
            theme_counts.update(found)
            if not found:
                key = item_key(trigger)
                loose[key] += 1
                loose_shown.setdefault(key, " ".join(trigger.split()))
    start, count = busiest_window(hour)
    return UrgeInsights(
        total=len(urges), by_weekday=tuple(weekday), by_hour=tuple(hour),
        weekdays=standouts(weekday), window=start if count >= MIN_REPEAT else None,
        window_count=count,
        themes=tuple((t, n) for t, n in theme_counts.most_common(3) if n >= MIN_REPEAT),
        repeated=tuple((loose_shown[k], n) for k, n in loose.most_common(2) if n >= MIN_REPEAT),
    )


def standouts(counts: Sequence[int]) -> tuple[int, ...]:
    """The index(es) with the most, when that is at least MIN_REPEAT and at most two share it."""
    top = max(counts, default=0)
    leaders = tuple(i for i, n in enumerate(counts) if n == top)
    return leaders if top >= MIN_REPEAT and len(leaders) <= 2 else ()


def busiest_window(by_hour: Sequence[int], width: int = WINDOW_HOURS) -> tuple[int, int]:
    """(first hour, urges) of the busiest `width`-hour stretch, wrapping past midnight; the
    earliest such stretch on a tie."""
    best_start, best = 0, -1
    for start in range(24):
        total = sum(by_hour[(start + i) % 24] for i in range(width))
        if total > best:
            best_start, best = start, total
    return best_start, max(best, 0)
