"""/pause and /resume, and the one rule for rescheduling after any change to time, zone or pause."""

from __future__ import annotations

from datetime import datetime

from telegram import Update

from bot.core.clock import parse_iso, zone
from bot.core.context import BotContext
from bot.core.feature import Feature
from bot.delivery.timemath import next_daily
from bot.features.checkins.schedule import reschedule
from bot.features.progress import weekly_summary
from bot.storage.models import User
from bot.storage.repository import Repository
from bot.ui.messaging import say

# The outbox kind of the daily check-in (one row per user and local date).
CHECKIN_KIND = "checkin"


async def reschedule_all(repo: Repository, user_id: int, now: datetime) -> datetime | None:
    """Recomputes the next check-in and re-arms the weekly summary; returns the next check-in.

    A check-in that already went out on the new due time's local date keeps it for tomorrow, so a
    change of zone or time never brings a second check-in on the same day.
    """
    due = await reschedule(repo, user_id, now)
    user = await repo.get_user(user_id)
    if user is None:
        return None
    if due is not None:
        tz = zone(user.timezone)
        entry = await repo.outbox_entry(user_id, CHECKIN_KIND, due.astimezone(tz).date())
        if entry is not None and entry.taken:
            due = next_daily(user.checkin_time, tz, due)
            await repo.set_next_checkin(user_id, due)
    if user.onboarded and user.active:
        await weekly_summary.arm(repo, user, now)
    return due


def local_label(user: User, when: datetime | None) -> str | None:
    """'Tue 3 Mar, 20:00' in the user's own zone, for messages."""
    if when is None:
        return None
    local = when.astimezone(zone(user.timezone))
    return f"{local:%a} {local.day} {local:%b}, {local:%H:%M}"


async def pause(context: BotContext, user: User) -> None:
    """Stops check-ins (and the weekly summary) until /resume, and says so."""
    if user.checkins_paused:
        await say(context.bot, user.chat_id, "settings/already_paused", user=user)
        return
    await context.repo.set_checkins_paused(user.user_id, True)
    await reschedule_all(context.repo, user.user_id, context.clock.now())
    await say(context.bot, user.chat_id, "settings/paused", user=user)


async def resume(context: BotContext, user: User) -> None:
    """Restarts check-ins and says when the next one comes (or that none were paused)."""
    if not user.checkins_paused:
        await say(context.bot, user.chat_id, "settings/not_paused", user=user,
                  started=user.no_contact_since is not None,
                  next_local=local_label(user, stored_due(user.next_checkin_at)))
        return
    await context.repo.set_checkins_paused(user.user_id, False)
    due = await reschedule_all(context.repo, user.user_id, context.clock.now())
    await say(context.bot, user.chat_id, "settings/resumed", user=user,
              started=user.no_contact_since is not None, next_local=local_label(user, due))


def stored_due(stamp: str | None) -> datetime | None:
    return parse_iso(stamp) if stamp else None


async def on_pause(update: Update, context: BotContext, user: User) -> None:
    """Pauses check-ins with a kind word."""
    await pause(context, user)


async def on_resume(update: Update, context: BotContext, user: User) -> None:
    """Resumes check-ins and names the next one."""
    await resume(context, user)


FEATURE = Feature(name="pause", commands={"pause": on_pause, "resume": on_resume})
