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

from telegram import Message

from bot.core.clock import parse_iso, zone
from bot.core.feature import Feature
from bot.delivery.timemath import next_weekly
from bot.features.progress.handlers import CAPTION_LIMIT, Progress, chart_png, gather
from bot.storage.models import Job, User
from bot.storage.repository import Repository
from bot.ui.messaging import user_values
from bot.ui.texts import render, render_parts

if TYPE_CHECKING:
    from bot.core.services import Services

log = logging.getLogger(__name__)
# A summary this late (the bot was down) is recorded as missed rather than sent out of the blue.
LATE_LIMIT = timedelta(hours=12)
ARM_BATCH = 100
WEEKLY_KIND = "weekly_summary"


def next_summary(user: User, after: datetime) -> tuple[datetime, date]:
    """When the next summary is due, and its local date."""
    tz = zone(user.timezone)
    due = next_weekly(user.weekly_summary_day, user.checkin_time, tz, after)
    return due, due.astimezone(tz).date()


async def arm(repo: Repository, user: User, now: datetime) -> datetime:
    """Schedules the user's next summary (moving any pending one); a date already summarised is
    skipped, so changing the time on summary day never brings a second one."""
    due, day = next_summary(user, now)
    if await repo.job_ran(user.user_id, WEEKLY_KIND, day.isoformat()):
        due, day = next_summary(user, due)
    await repo.arm_only_job(user.user_id, WEEKLY_KIND, due, day.isoformat())
    return due


async def arm_missing(services: Services) -> int:
    """Tick hook: arms the summary for onboarded users who have none pending (a few per pass).

    Once a scan comes back short (everyone is armed), the next waits RESCAN: finding "nobody"
    costs a pass over every user, and a first summary is days away anyway."""
    now = services.clock.now()
    if services.weekly_rescan_at is not None and now < services.weekly_rescan_at:
        return 0
    users = await services.repo.users_without_job(WEEKLY_KIND, ARM_BATCH)
    for user in users:
        await arm(services.repo, user, now)
    if len(users) < ARM_BATCH:
        services.weekly_rescan_at = now + RESCAN
    return len(users)


async def deliver(services: Services, user: User, progress: Progress,
                  png: bytes | None) -> int | None:
    """Sends the summary through the paced sender, one message after the other (the chart as a
    photo under its caption); returns the summary's message id, None when it did not go out
    (a 403 there marks the user inactive)."""
    sender = services.sender()
    values = {**user_values(user), **progress.values(), "has_chart": png is not None}
    caption = render("progress/weekly_caption", **values)
    first: Message | None
    if png is not None and len(caption) <= CAPTION_LIMIT:
        first = await sender.send(user.chat_id, caption, user_id=user.user_id, photo=png)
    else:
        if png is not None:
            await sender.send(user.chat_id, "", user_id=user.user_id, photo=png)
        first = None
        for part in render_parts("progress/weekly_caption", **values):
            sent = await sender.send(user.chat_id, part, user_id=user.user_id)
            first = first or sent
    if first is None:
        return None
    for part in render_parts("progress/weekly_word", **values):
        await sender.send(user.chat_id, part, user_id=user.user_id)
    return first.message_id


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
    slot = await repo.add_outbox(user.user_id, WEEKLY_KIND, day, due, status="sending")
    if slot is None:
        return "done"  # an earlier run already sent it
    png = await chart_png(progress, "progress/weekly_chart_title")
    message_id = await deliver(services, user, progress, png)
    if message_id is None:  # blocked (the sender marked them inactive) or refused by Telegram
        log.info("weekly summary for user %s not delivered", user.user_id)
        await repo.settle_outbox(slot.id, "failed")
        return "cancelled"
    await repo.settle_outbox(slot.id, "sent", message_id)
    return "done"


RESCAN = timedelta(minutes=10)

FEATURE = Feature(name="weekly_summary", jobs={WEEKLY_KIND: run}, ticks=[arm_missing])
