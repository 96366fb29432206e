"""The daily check-in: a tick claims users whose check-in is due (one outbox row per user and
local date), the paced sender delivers it, and the buttons walk mood, contact, urge and a note.

Every button carries the check-in's local date ("20260302.4"), so old messages and restarts
are fine; each answer is stored before the next question, and a second answer is declined."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from telegram import Update

from bot.core import journey
from bot.core.context import BotContext
from bot.core.feature import Feature
from bot.core.holds import held_back
from bot.core.hooks import Provides
from bot.core.said import WRITING_TO_THEM, spec
from bot.core.services import Services
from bot.core.streaks import current_days, next_milestone
from bot.delivery.sender import Outgoing
from bot.features.checkins import keyboards, questions
from bot.features.checkins import rules as logic
from bot.features.checkins.schedule import reschedule
from bot.storage.models import User
from bot.storage.outbox import OutboxRow
from bot.ui.keyboards import Callback
from bot.ui.messaging import say, user_values
from bot.ui.texts import plain, render

NS = keyboards.NS
KINDS = ("checkin", "milestone")
NOTE_STATE = questions.NOTE_STATE
BATCH = 500


# -- the dispatcher ------------------------------------------------------------------------------
async def tick(services: Services) -> int:
    """Schedules users who lack a due time, claims due check-ins and hands them to the sender."""
    repo, now = services.repo, services.clock.now()
    grace = timedelta(hours=services.settings.checkin_grace_hours)
    sender = services.sender()
    for user_id in await repo.users_needing_schedule():
        await reschedule(repo, user_id, now)
    if not services.checkins_recovered:
        # First pass after start-up: what an earlier run queued but never sent.
        services.checkins_recovered = True
        await repo.mark_stale_pending(now, grace)
        for row in await repo.pending_outbox(KINDS):
            await enqueue(services, row)
    queued = 0
    while True:
        claimed, rows = await repo.claim_due_checkins(
            now, lambda user, at: logic.plan_due(user, at, grace), limit=BATCH
        )
        for row in rows:
            if row.status == "pending":
                queued += await enqueue(services, row)
        if claimed < BATCH:
            break
    if not sender.running:  # tests: no background sender, so deliver now on virtual time
        await sender.drain()
    return queued


async def enqueue(services: Services, row: OutboxRow) -> int:
    """Renders an outbox row's message and queues it on the paced sender."""
    user = await services.repo.get_user(row.user_id)
    if user is None:
        return 0
    if held_back(user, row.kind, services.clock.now()):
        # Crisis mode: no check-in or milestone today (bot/core/holds.py).
        await services.repo.settle_outbox(row.id, "missed")
        return 0
    statuses = await services.repo.step_statuses(user.user_id)
    step = journey.current_step({n for n, s in statuses.items() if s.status == "done"})
    values: dict[str, Any] = {**user_values(user), "step": step}
    if row.kind == "milestone":
        days = current_days(user.no_contact_since, row.local_date)
        text = render("checkin/milestone", days=days, following=next_milestone(days), **values)
        keyboard = None
    else:
        text = render("checkin/ask_mood", scheduled=True, **values)
        keyboard = keyboards.mood(user, row.local_date)
        # Typed answers count too, unless the user is in the middle of another question.
        await services.repo.set_state_if_idle(user.user_id, questions.MOOD,
                                              {"day": row.local_date.isoformat()})
    services.sender().submit(Outgoing(user.chat_id, text, keyboard, user_id=user.user_id,
                                        outbox_id=row.id))
    return 1


# -- on demand -----------------------------------------------------------------------------------
async def on_checkin(update: Update, context: BotContext, user: User) -> None:
    """Runs today's check-in now, or says it is done already, or picks up where it stopped."""
    if user.no_contact_since is None:
        await say(context.bot, user.chat_id, "checkin/not_started", user=user)
        return
    now = context.clock.now()
    today = user.today(now)
    existing = await context.repo.get_checkin(user.user_id, today)
    if existing and existing.completed:
        await say(context.bot, user.chat_id, "checkin/already_done", user=user)
        return
    # Taking today's slot means the scheduled one later today is never sent as well.
    await context.repo.add_outbox(user.user_id, "checkin", today, now, status="sent")
    await questions.ask_next(context, user, today)


# -- answers -------------------------------------------------------------------------------------
async def on_button(update: Update, context: BotContext, user: User, data: Callback) -> None:
    """Stores a mood, contact or urge answer (or skips the note) and asks what comes next."""
    query = update.callback_query
    assert query is not None
    parsed = logic.parse_arg(data.arg, user.today(context.clock.now()))
    if parsed is None or data.action not in ("mood", "contact", "urge", "skip"):
        await query.answer()
        await say(context.bot, user.chat_id, "common/stale_button", user=user)
        return
    day, value = parsed.day, parsed.value
    entry = await context.repo.get_checkin(user.user_id, day)
    if entry is None and await context.repo.outbox_entry(user.user_id, "checkin", day) is None:
        await query.answer()
        await say(context.bot, user.chat_id, "common/stale_button", user=user)
        return
    if not _valid(data.action, value):
        await query.answer()
        await say(context.bot, user.chat_id, "common/stale_button", user=user)
        return
    if data.action != questions.expected(entry):
        await query.answer(plain("checkin/already_answered"), show_alert=True)
        return
    await query.answer()
    await questions.record(context, user, day, data.action, value)


def _valid(action: str, value: str) -> bool:
    if action == "mood":
        return value.isdigit() and 1 <= int(value) <= 5
    if action == "contact":
        return value in ("y", "n", "p")
    if action == "urge":
        return value.isdigit() and 0 <= int(value) <= 10
    return value == "skip"


# Check-in questions are about the ex too: "I texted him", "so strong, I almost called" are
# answers here, not a slip or an urge to act on.
_ANSWERS = spec(skip=questions.skip_question, expects=WRITING_TO_THEM)
_STATES = (questions.MOOD, questions.CONTACT, questions.URGE, questions.NOTE_STATE)

FEATURE = Feature(
    name="checkins",
    commands={"checkin": on_checkin},
    callbacks={NS: on_button},
    states={questions.MOOD: questions.on_mood_text, questions.CONTACT: questions.on_contact_text,
            questions.URGE: questions.on_urge_text, questions.NOTE_STATE: questions.on_note},
    specs=dict.fromkeys(_STATES, _ANSWERS),
    reasks=dict.fromkeys(_STATES, questions.reask),
    ticks=[tick],
    provides=Provides(ask_urge=questions.ask_urge),
)
