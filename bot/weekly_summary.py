"""The weekly summary: on the user's chosen day at their check-in time, the week's streak, moods
and urges resisted, a gentle word for the week ahead, and the chart when there is data.

Each summary is a row in the jobs table keyed by its local date and re-armed after it runs; a
tick hook arms users who have none yet. The outbox row (user, kind, local date) makes sure it
goes out once even if a job is retried after a crash.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from telegram.error import Forbidden

from bot.clock import parse_iso
from bot.feature import Feature
from bot.messaging import say
from bot.parsing import zone
from bot.progress import Progress, chart_png, gather, send_with_chart
from bot.storage.models import Job, User
from bot.storage.progress import WEEKLY_KIND
from bot.storage.repository import Repository
from bot.weekly import next_weekly

if TYPE_CHECKING:
    from bot.services import Services

log = logging.getLogger(__name__)
# A summary this late (the bot was down) is recorded as missed rather than sent out of the blue.
LATE_LIMIT = timedelta(hours=12)
ARM_BATCH = 100


def next_summary(user: User, after: datetime) -> tuple[datetime, date]:
    """When the next summary is due, and its local date."""
    tz = zone(user.timezone)
    due = next_weekly(user.weekly_summary_day, user.checkin_time, tz, after)
    return due, due.astimezone(tz).date()


async def arm(repo: Repository, user: User, now: datetime) -> datetime:
    """Schedules the user's next summary (moving any pending one); a date already summarised is
    skipped, so changing the time on summary day never brings a second one."""
    due, day = next_summary(user, now)
    if await repo.weekly_summary_done(user.user_id, day.isoformat()):
        due, day = next_summary(user, due)
    await repo.arm_weekly_summary(user.user_id, due, day.isoformat())
    return due


async def arm_missing(services: Services) -> int:
    """Tick hook: arms the summary for onboarded users who have none pending (a few per pass).

    Once a scan comes back short (everyone is armed), the next waits RESCAN: finding "nobody"
    costs a pass over every user, and a first summary is days away anyway."""
    now = services.clock.now()
    if now < services.extras.get("weekly_rescan_at", now):
        return 0
    users = await services.repo.users_without_weekly_summary(ARM_BATCH)
    for user in users:
        await arm(services.repo, user, now)
    if len(users) < ARM_BATCH:
        services.extras["weekly_rescan_at"] = now + RESCAN
    return len(users)


async def deliver(services: Services, user: User, progress: Progress, png: bytes | None) -> int:
    """The one place a weekly summary leaves the bot (route it through the paced sender here);
    returns the message id of the summary itself."""
    message = await send_with_chart(services.bot, user, png, "progress/weekly_caption",
                                    has_chart=png is not None, **progress.values())
    await say(services.bot, user.chat_id, "progress/weekly_word", user=user, **progress.values())
    return message.message_id


async def run(services: Services, job: Job, user: User) -> str:
    """Job handler: sends this week's summary once, then arms next week's."""
    repo, now = services.repo, services.clock.now()
    status = await _send_once(services, job, user, now)
    fresh = await repo.get_user(user.user_id)
    if fresh is not None and fresh.active and fresh.onboarded:
        await arm(repo, fresh, max(now, parse_iso(job.due_at)))
    return status


async def _send_once(services: Services, job: Job, user: User, now: datetime) -> str:
    repo = services.repo
    due, day = parse_iso(job.due_at), date.fromisoformat(job.dedupe_key)
    if not user.active or not user.onboarded:
        return "cancelled"
    if user.checkins_paused or now - due > LATE_LIMIT:
        return "missed"
    progress = await gather(repo, user, day, days=7)
    if progress.streak.started is None and not progress.answered_week and not progress.urges_week.total:
        return "missed"  # nothing to sum up yet: no contact not started, no check-ins, no urges
    if not await repo.claim_outbox(user.user_id, WEEKLY_KIND, day, due):
        return "done"  # an earlier run already sent it
    png = await chart_png(progress, "progress/weekly_chart_title")
    try:
        message_id = await deliver(services, user, progress, png)
    except Forbidden:
        log.info("user %s blocked the bot: weekly summary not sent", user.user_id)
        await repo.set_active(user.user_id, False)
        await repo.finish_outbox(user.user_id, WEEKLY_KIND, day, "failed")
        return "cancelled"
    await repo.finish_outbox(user.user_id, WEEKLY_KIND, day, "sent", message_id)
    return "done"


RESCAN = timedelta(minutes=10)

FEATURE = Feature(name="weekly_summary", jobs={WEEKLY_KIND: run}, ticks=[arm_missing])
