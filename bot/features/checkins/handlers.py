"""The daily check-in: a producer turns users whose check-in is due into outbox rows (one per
user and local date), the paced sender delivers them (rendered here), and the buttons walk the
morning task's evening question (when there is one), mood, contact, urge and a note.

Every button carries the check-in's local date ("20260302.4"), so old messages and restarts
are fine; each answer is stored before the next question, and a second answer is declined."""

from __future__ import annotations

from datetime import timedelta

from telegram import Update

from bot.core import journey
from bot.core.context import BotContext
from bot.core.feature import Feature
from bot.core.hooks import Provides
from bot.core.said import WRITING_TO_THEM, spec
from bot.core.services import Services
from bot.core.streaks import current_days, next_milestone
from bot.delivery.outgoing import Rendered, Skip, opening, parts_of
from bot.delivery.schedule import produce
from bot.features.checkins import keyboards, questions
from bot.features.checkins import rules as logic
from bot.storage.models import User
from bot.storage.outbox import OutboxRow
from bot.ui.keyboards import Callback
from bot.ui.messaging import say
from bot.ui.texts import plain

NS = keyboards.NS
NOTE_STATE = questions.NOTE_STATE


# -- the producer and the renderers --------------------------------------------------------------
async def tick(services: Services) -> int:
    """Turns every due check-in (and milestone) into an outbox row; the sender does the rest."""
    grace = timedelta(hours=services.settings.checkin_grace_hours)
    rows = await produce(services, "next_checkin_at",
                         lambda user, now: logic.plan_due(user, now, grace))
    return len(rows)


async def render_checkin(services: Services, row: OutboxRow, user: User) -> Rendered:
    """The scheduled check-in's first question: the morning task's, else the mood. Its state
    opens as it goes out, so a typed answer counts too, unless another question is open."""
    question = await questions.first_question(services.repo, user, row.local_date)
    if question is None:  # answered on demand already; only the note is left
        return Skip("cancelled", "answered")
    return opening(parts_of(question.template, user, question.keyboard, scheduled=True,
                            **question.values),
                   question.state, {"day": row.local_date.isoformat()})


async def render_milestone(services: Services, row: OutboxRow, user: User) -> Rendered:
    """A no-contact milestone, with a word that fits the user's step and path."""
    statuses = await services.repo.step_statuses(user.user_id)
    step = journey.current_step({n for n, s in statuses.items() if s.status == "done"})
    days = current_days(user.no_contact_since, row.local_date)
    return parts_of("checkin/milestone", user, days=days, following=next_milestone(days),
                    step=step)


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
    """Stores the task, mood, contact or urge answer (or skips the note) and asks what comes next."""
    query = update.callback_query
    assert query is not None
    parsed = logic.parse_arg(data.arg, user.today(context.clock.now()))
    if parsed is None or data.action not in ("task", "mood", "contact", "urge", "skip"):
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
    if data.action != await questions.expects(context.repo, user, day, entry):
        await query.answer(plain("checkin/already_answered"), show_alert=True)
        return
    await query.answer()
    await questions.record(context, user, day, data.action, value)


def _valid(action: str, value: str) -> bool:
    if action == "task":
        return value in ("y", "n")
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
_STATES = (questions.TASK, questions.MOOD, questions.CONTACT, questions.URGE,
           questions.NOTE_STATE)

FEATURE = Feature(
    name="checkins",
    commands={"checkin": on_checkin},
    callbacks={NS: on_button},
    states={questions.TASK: questions.on_task_text, questions.MOOD: questions.on_mood_text,
            questions.CONTACT: questions.on_contact_text, questions.URGE: questions.on_urge_text,
            questions.NOTE_STATE: questions.on_note},
    specs=dict.fromkeys(_STATES, _ANSWERS),
    reasks=dict.fromkeys(_STATES, questions.reask),
    ticks=[tick],
    deliveries={"checkin": render_checkin, "milestone": render_milestone},
    provides=Provides(ask_urge=questions.ask_urge),
)
