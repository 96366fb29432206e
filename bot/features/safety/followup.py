"""The gentle follow-up the day after a crisis reply, at a decent local hour: a jobs row, so a
restart keeps it.

A local stand-in: the "delivery" work builds `schedule_crisis_followup(repo, user, now)` as an
outbox function beside its hold predicate; this module keeps that signature so the two can be
swapped when both are merged."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from bot.core.clock import zone
from bot.core.services import Services
from bot.features.safety import contacts
from bot.storage.models import Job, User
from bot.storage.repository import Repository
from bot.ui.messaging import say

JOB = "safety.followup"
LOCAL_HOUR = time(10, 0)  # late enough to be awake, early enough to be a day's start
MIN_GAP = timedelta(hours=12)  # "next day": never a few hours after the reply


def followup_due(now: datetime, zone_name: str) -> datetime:
    """The first 10:00 local time at least twelve hours after `now`."""
    local = now.astimezone(zone(zone_name))
    day = local.date()
    while True:
        due = datetime.combine(day, LOCAL_HOUR, tzinfo=local.tzinfo)
        if due - local >= MIN_GAP:
            return due
        day += timedelta(days=1)


async def schedule_crisis_followup(repo: Repository, user: User, now: datetime) -> None:
    """Books (or moves to the latest crisis) tomorrow's gentle follow-up."""
    await repo.schedule_job(user.user_id, JOB, followup_due(now, user.timezone), key="next")


async def on_followup_due(services: Services, job: Job, user: User) -> str:
    """Asks, gently, how they are today, with the helpline again and "carry on"."""
    if not user.active:
        return "cancelled"
    await say(services.bot, user.chat_id, "safety/crisis_followup", user=user,
              keyboard=contacts.carry_on(user), **contacts.values("crisis", user))
    return "done"
