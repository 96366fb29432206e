"""The gentle follow-up the day after a crisis reply: an outbox row (kind "crisis_followup")
due at 10:00 in the user's own zone, at least FOLLOW_UP_GAP after the crisis, rendered with
the helplines of their country and "I'm okay to carry on" when it goes out. Restart-safe like
every scheduled message.

Who calls what: the crisis reply (bot/features/safety/crisis.py) sets safety.crisis_until,
which bot/delivery/hold.py reads to hold check-ins, milestones, morning items and prompts back
meanwhile, and calls `schedule_crisis_followup(repo, user, now)`. Calling it again moves the one
pending follow-up to the day after the newest crisis reply, so nobody gets two. Crisis mode
never holds this message back, and neither does /pause."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from bot.core.clock import zone
from bot.core.services import Services
from bot.delivery.outgoing import Rendered, parts_of
from bot.delivery.schedule import follow_up
from bot.delivery.timemath import next_daily
from bot.features.safety import contacts
from bot.storage.models import User
from bot.storage.outbox import OutboxRow
from bot.storage.repository import Repository

KIND = "crisis_followup"
AT = time(10, 0)  # a decent local hour
FOLLOW_UP_GAP = timedelta(hours=8)  # after a night's sleep, not an hour after the crisis


def followup_due(now: datetime, timezone: str) -> datetime:
    """The first 10:00 local at least FOLLOW_UP_GAP from now: the next morning after a crisis in
    the evening or the small hours, the day after one in the morning."""
    return next_daily(AT, zone(timezone), now + FOLLOW_UP_GAP - timedelta(seconds=1))


async def schedule_crisis_followup(repo: Repository, user: User, now: datetime) -> datetime:
    """Books the follow-up for the day after this crisis (replacing one still pending); returns
    when it is due."""
    due = followup_due(now, user.timezone)
    await repo.cancel_outbox(user.user_id, KIND)
    await follow_up(repo, user.user_id, user.timezone, KIND,
                    due.astimezone(zone(user.timezone)).date().isoformat(), due, rearm=True)
    return due


async def render_followup(services: Services, row: OutboxRow, user: User) -> Rendered:
    """A gentle question, the line that answers day and night, and "I'm okay to carry on"."""
    return parts_of("safety/crisis_followup", user, keyboard=contacts.carry_on(user),
                    **contacts.values("crisis", user))

