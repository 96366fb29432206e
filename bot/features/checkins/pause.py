"""/pause and /resume: check-ins, the weekly summary and morning items stop and start again
(bot/delivery/schedule.py's reschedule recomputes every due time)."""

from __future__ import annotations

from datetime import datetime

from telegram import Update

from bot.core.clock import parse_iso, zone
from bot.core.context import BotContext
from bot.core.feature import Feature
from bot.delivery.schedule import reschedule
from bot.storage.models import User
from bot.ui.messaging import say


def local_label(user: User, when: datetime | None) -> str | None:
    """'Tue 3 Mar, 20:00' in the user's own zone, for messages."""
    if when is None:
        return None
    local = when.astimezone(zone(user.timezone))
    return f"{local:%a} {local.day} {local:%b}, {local:%H:%M}"


async def pause(context: BotContext, user: User) -> None:
    """Stops check-ins (and the weekly summary and morning items) until /resume, and says so."""
    if user.checkins_paused:
        await say(context.bot, user.chat_id, "settings/already_paused", user=user)
        return
    await context.repo.set_checkins_paused(user.user_id, True)
    await reschedule(context.repo, user.user_id, context.clock.now())
    await say(context.bot, user.chat_id, "settings/paused", user=user)


async def resume(context: BotContext, user: User) -> None:
    """Restarts check-ins and says when the next one comes (or that none were paused)."""
    if not user.checkins_paused:
        await say(context.bot, user.chat_id, "settings/not_paused", user=user,
                  started=user.no_contact_since is not None,
                  next_local=local_label(user, stored_due(user.next_checkin_at)))
        return
    await context.repo.set_checkins_paused(user.user_id, False)
    due = await reschedule(context.repo, user.user_id, context.clock.now())
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
