"""Pure rules behind the SOS flow: which pep talk comes next, when a late-night draft comes back,
and how the current no-contact streak reads. No Telegram imports."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from bot.core.clock import is_late_night
from bot.core.streaks import current_days

PEP_WINDOW = 10  # none of the last ten pep talks a user saw comes up again
MORNING = time(9, 0)  # when a late-night draft comes back, local time


def pick_pep(ids: Sequence[int], recent: Sequence[int], rng: random.Random | None = None) -> int:
    """A pep talk id not among the last PEP_WINDOW shown (`recent`, newest first).

    Never-shown talks come first, so a user meets the whole library before any repeat."""
    if not ids:
        raise ValueError("no pep talks")
    window = set(recent[:PEP_WINDOW])
    eligible = [i for i in ids if i not in window] or list(ids)
    seen = set(recent)
    fresh = [i for i in eligible if i not in seen]
    return (rng or random).choice(fresh or eligible)


def comes_back_at(local_now: datetime) -> datetime | None:
    """For a draft written at `local_now` (aware, user's zone): the next morning at 09:00 local
    if it was written late at night (22:00-05:00), else None."""
    if not is_late_night(local_now.hour):
        return None
    day = local_now.date() + timedelta(days=1 if local_now.hour >= 12 else 0)
    return datetime.combine(day, MORNING, tzinfo=local_now.tzinfo)


def streak_days(since: date | None, today: date) -> int | None:
    """Days of no contact so far, or None when the user has not started counting."""
    if since is None:
        return None
    return current_days(since, today)
