"""The daily programme: from the day no contact starts, one short item each morning at a time the
user picks (asked once after step 4 sets no contact, or from /settings; skipping means none),
chosen for their path, step and no-contact day and never repeated; /today shows today's.

Each morning is an outbox row (kind "programme") that a producer makes from
users.next_programme_at; the item is chosen when the row is rendered and stored per user and
day, so /today and the evening check-in's question about the task name the same one. /pause
stops the rows (no due time while paused); crisis mode skips the day's, and the unused item
comes back on a later morning (bot/delivery/hold.py)."""

from __future__ import annotations

from datetime import date, time, timedelta

from telegram import Update

from bot.core import journey
from bot.core.context import BotContext
from bot.core.feature import Feature
from bot.core.hooks import Provides, hooks_of
from bot.core.services import Services
from bot.delivery.outgoing import Rendered, Skip, parts_of
from bot.delivery.schedule import produce, reschedule
from bot.features.programme import keyboards, rules
from bot.listening.times import parse_time
from bot.storage.models import User
from bot.storage.outbox import OutboxRow
from bot.storage.repository import Repository
from bot.ui.keyboards import Callback
from bot.ui.messaging import say

NS = keyboards.NS
TIME_STATE = "programme.time"


# -- the producer and the renderer ---------------------------------------------------------------
async def tick(services: Services) -> int:
    """Turns every due morning item into an outbox row."""
    grace = timedelta(hours=services.settings.checkin_grace_hours)
    return len(await produce(services, "next_programme_at",
                             lambda user, now: rules.plan(user, now, grace)))


async def render_item(services: Services, row: OutboxRow, user: User) -> Rendered:
    """The morning item of the row's day (chosen now unless /today chose it already)."""
    item = await todays_item(services.repo, user, row.local_date)
    if item is None:
        return Skip("skipped", "no items left")
    return parts_of(item.template, user, part="morning")


async def todays_item(repo: Repository, user: User, day: date) -> rules.Item | None:
    """The day's item: the one stored for the day, else picked now and stored."""
    entry = await repo.programme_day(user.user_id, day)
    if entry is not None:
        return rules.by_id(entry.item_id)
    history = await repo.programme_history(user.user_id)
    recent = [item.kind for h in history[-2:] if (item := rules.by_id(h.item_id))]
    statuses = await repo.step_statuses(user.user_id)
    step = journey.current_step({n for n, s in statuses.items() if s.status == "done"})
    chosen = rules.pick(rules.items(), user.path,
                        rules.day_number(user.no_contact_since, day), step,
                        {h.item_id for h in history}, recent)
    if chosen is None:
        return None
    return rules.by_id(await repo.choose_programme_item(user.user_id, day, chosen.id))


# -- /today --------------------------------------------------------------------------------------
async def on_today(update: Update, context: BotContext, user: User) -> None:
    """Shows today's item, or why there is none."""
    today = user.today(context.clock.now())
    if user.no_contact_since is None or user.programme_time is None or user.checkins_paused:
        await say(context.bot, user.chat_id, "daily/today_none", user=user,
                  started=user.no_contact_since is not None, paused=user.checkins_paused)
        return
    item = await todays_item(context.repo, user, today)
    if item is None:
        await say(context.bot, user.chat_id, "daily/today_none", user=user, started=True,
                  paused=False)
        return
    await context.repo.mark_programme_shown(user.user_id, today)
    await say(context.bot, user.chat_id, item.template, user=user, part="morning")


# -- choosing the time ---------------------------------------------------------------------------
async def offer(context: BotContext, user: User) -> None:
    """Asks (again) what time the morning item should come, or whether at all."""
    data = user.state_data if user.state == TIME_STATE else {}
    await offer_programme(context, user, data.get("after_step"))


async def offer_programme(context: BotContext, user: User, after_step: int | None) -> None:
    """Asks what time the morning item should come (or whether at all); a step that asked is
    announced done once the question is answered."""
    data = {"after_step": after_step} if after_step else {}
    await context.repo.set_state(user.user_id, TIME_STATE, data)
    await say(context.bot, user.chat_id, "daily/ask_time", user=user,
              keyboard=keyboards.times(user))


async def on_time_text(update: Update, context: BotContext, user: User, text: str) -> None:
    """Stores a typed time for the morning item, or asks again kindly."""
    at = parse_time(text)
    if at is None:
        await say(context.bot, user.chat_id, "daily/bad_time", user=user,
                  keyboard=keyboards.times(user))
        return
    await choose(context, user, at)


async def choose(context: BotContext, user: User, at: time | None) -> None:
    """Stores the time (None: no morning items), reschedules and confirms."""
    await context.repo.set_programme(user.user_id, at)
    after_step = user.state_data.get("after_step") if user.state == TIME_STATE else None
    if user.state == TIME_STATE:
        await context.repo.set_state(user.user_id, None)
    await reschedule(context.repo, user.user_id, context.clock.now())
    if at is None:
        await say(context.bot, user.chat_id, "daily/skipped", user=user)
    else:
        await say(context.bot, user.chat_id, "daily/time_set", user=user,
                  time=at.strftime("%H:%M"))
    if isinstance(after_step, int):
        await hooks_of(context).announce_step_done(context, user, after_step)


async def on_button(update: Update, context: BotContext, user: User, data: Callback) -> None:
    """A time button, or "no morning items"; only while the question is open."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    at = parse_time(data.arg) if data.action == "time" else None
    if user.state != TIME_STATE or (data.action == "time" and at is None) or data.action not in (
            "time", "skip"):
        await say(context.bot, user.chat_id, "common/stale_button", user=user)
        return
    await choose(context, user, at)


FEATURE = Feature(
    name="programme",
    commands={"today": on_today},
    callbacks={NS: on_button},
    states={TIME_STATE: on_time_text},
    ticks=[tick],
    deliveries={rules.KIND: render_item},
    reasks={TIME_STATE: offer},
    provides=Provides(offer_programme=offer_programme),
)
