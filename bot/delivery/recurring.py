"""When each recurring message is next due, pure: the daily check-in, the weekly summary and the
morning item. Each rule gives None exactly when the users table's "needing schedule" condition
for it does not hold (bot/storage/users.py _NEEDING), so the scheduler never loops on a user.

Weekly summaries come on the user's chosen day at their own check-in time, each user a stable
few minutes later (SPREAD): a zone's summaries spread over the hour after its check-ins instead
of all landing in one second.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from bot.core.clock import zone
from bot.delivery.timemath import next_daily, next_weekly
from bot.storage.models import User

SPREAD = timedelta(hours=1)


def next_checkin(user: User, after: datetime) -> datetime | None:
    """None while check-ins make no sense: before no contact starts, paused, or inactive."""
    if not user.onboarded or not user.active or user.checkins_paused:
        return None
    if user.no_contact_since is None:
        return None
    return next_daily(user.checkin_time, zone(user.timezone), after)


def summary_offset(user_id: int) -> timedelta:
    """A stable offset in [0, SPREAD) for this user (Knuth's multiplicative hash, so users with
    neighbouring ids land far apart)."""
    seconds = int(SPREAD.total_seconds())
    return timedelta(seconds=(user_id * 2654435761) % (2**32) % seconds)


def next_summary(user: User, after: datetime) -> tuple[datetime, date] | None:
    """The next summary strictly after `after` (its chosen weekday, check-in time plus the
    user's offset) and the local date it sums up to; None when paused or not onboarded."""
    if not user.onboarded or not user.active or user.checkins_paused:
        return None
    offset = summary_offset(user.user_id)
    tz = zone(user.timezone)
    base = next_weekly(user.weekly_summary_day, user.checkin_time, tz, after - offset)
    return base + offset, base.astimezone(tz).date()


def summary_after(user: User, due: datetime) -> datetime:
    """The due time the week after a summary due at `due`."""
    following = next_summary(user, due)
    return following[0] if following else due + timedelta(days=7)


def next_programme(user: User, after: datetime) -> datetime | None:
    """The next morning item: daily at the user's chosen time once no contact has started;
    None without a chosen time, paused, or inactive."""
    if not user.onboarded or not user.active or user.checkins_paused:
        return None
    if user.no_contact_since is None or user.programme_time is None:
        return None
    return next_daily(user.programme_time, zone(user.timezone), after)
