"""Pure no-contact arithmetic: the current and longest streak, total days, and milestones."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

FIXED_MILESTONES = (1, 3, 7, 14, 21, 30, 45, 60, 90)


@dataclass(frozen=True)
class Streak:
    current: int  # whole days since the start (or the last slip); 0 on the day itself
    longest: int
    total: int  # all no-contact days, across every run between slips
    started: date | None


def current_days(since: date | None, today: date) -> int:
    """The no-contact day number, the one definition every text uses: whole days since the
    start (or the last slip), so the start day itself is day 0 and the next day is day 1."""
    if since is None or since > today:
        return 0
    return (today - since).days


def streak(since: date | None, today: date, ended_runs: Sequence[int]) -> Streak:
    """`since` is the start of the current run (users.no_contact_since); `ended_runs` are the
    lengths of runs that slips ended (slips.streak_days)."""
    current = current_days(since, today)
    return Streak(
        current=current, longest=max([current, *ended_runs]), total=current + sum(ended_runs),
        started=since,
    )


def is_milestone(days: int) -> bool:
    """Days 1, 3, 7, 14, 21, 30, 45, 60, 90, then every 30 days after 90."""
    if days in FIXED_MILESTONES:
        return True
    return days > 90 and days % 30 == 0


def next_milestone(days: int) -> int:
    candidate = days + 1
    while not is_milestone(candidate):
        candidate += 1
    return candidate
