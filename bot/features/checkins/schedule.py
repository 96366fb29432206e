"""When a user's next daily check-in is due: the one rule every feature uses to (re)schedule it."""

from __future__ import annotations

from datetime import datetime

from bot.core.clock import zone
from bot.delivery.timemath import next_daily
from bot.storage.models import User
from bot.storage.repository import Repository


def next_due_for(user: User, now: datetime) -> datetime | None:
    """None while check-ins make no sense: before no contact starts, paused, or inactive."""
    if not user.onboarded or not user.active or user.checkins_paused:
        return None
    if user.no_contact_since is None:
        return None
    return next_daily(user.checkin_time, zone(user.timezone), now)


async def reschedule(repo: Repository, user_id: int, now: datetime) -> datetime | None:
    """Recomputes and stores users.next_checkin_at after any change to time, zone, pause or start."""
    user = await repo.get_user(user_id)
    if user is None:
        return None
    due = next_due_for(user, now)
    await repo.set_next_checkin(user_id, due)
    return due
