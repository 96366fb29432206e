"""/pause and /resume: check-ins, the weekly summary and morning items stop and start again
(bot/delivery/schedule.py's reschedule recomputes every due time).

`quiet` is what "stop messaging me", "unsubscribe" or "turn off the notifications" do, typed in
any state (the control word "quiet", bot/listening/detectors/control.py): the open question is
left, check-ins are paused, and the one-off messages the user once asked for (an SOS check-back,
a draft re-read, step 7's follow-up and reminder) are withdrawn, so nothing comes unless they
write. The gentle word the day after a crisis still comes: it is about their safety.
`offer_pause` answers a bare "stop" typed with nothing open (a reflex many people have with any
bot that writes to them): a button to pause, nothing changed until it is tapped."""

from __future__ import annotations

from datetime import datetime

from telegram import Update

from bot.core.clock import parse_iso, zone
from bot.core.context import BotContext
from bot.core.feature import Feature
from bot.delivery.schedule import reschedule
from bot.storage.models import User
from bot.ui.keyboards import Button, Keyboard
from bot.ui.messaging import say

# One-off follow-ups the user asked for once; "stop messaging me" withdraws them too.
ASKED_FOR = ("sos.wait", "sos.morning", "step7.followup", "step7.remind")
SETTINGS_NS = "set"  # the settings feature's buttons: its "pause" action is pause() below


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
    await _set_paused(context, user)
    await say(context.bot, user.chat_id, "settings/paused", user=user)


async def _set_paused(context: BotContext, user: User) -> None:
    """Stored, and every recurring due time recomputed (none while paused)."""
    await context.repo.set_checkins_paused(user.user_id, True)
    await reschedule(context.repo, user.user_id, context.clock.now())


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


async def quiet(context: BotContext, user: User) -> None:
    """The user asked the bot to stop writing first: leave the open question, pause, withdraw."""
    if not user.onboarded:
        # Nothing is scheduled before onboarding ends; the question stays for when they return.
        await say(context.bot, user.chat_id, "settings/quiet_not_set_up", user=user)
        return
    if user.state is not None:
        await context.repo.set_state(user.user_id, None, {})
    withdrawn = 0
    for kind in ASKED_FOR:
        withdrawn += await context.repo.cancel_outbox(user.user_id, kind)
    was_paused = user.checkins_paused
    if not was_paused:
        await _set_paused(context, user)
    await say(context.bot, user.chat_id, "settings/quiet", user=user, was_paused=was_paused,
              withdrawn=withdrawn > 0)


async def offer_pause(context: BotContext, user: User) -> None:
    """A bare "stop" with nothing open: what it can mean here, and a button to pause."""
    if not user.onboarded:
        await say(context.bot, user.chat_id, "settings/quiet_not_set_up", user=user)
        return
    if user.checkins_paused:
        await say(context.bot, user.chat_id, "settings/already_paused", user=user)
        return
    keyboard = Keyboard(SETTINGS_NS, user.user_id).row(
        Button("pause", label="settings/pause")).markup()
    await say(context.bot, user.chat_id, "settings/stop_offer", user=user, keyboard=keyboard)


def stored_due(stamp: str | None) -> datetime | None:
    return parse_iso(stamp) if stamp else None


async def on_pause(update: Update, context: BotContext, user: User) -> None:
    """Pauses check-ins with a kind word."""
    await pause(context, user)


async def on_resume(update: Update, context: BotContext, user: User) -> None:
    """Resumes check-ins and names the next one."""
    await resume(context, user)


FEATURE = Feature(name="pause", commands={"pause": on_pause, "resume": on_resume})
