"""The daily check-in: a tick claims users whose check-in is due (one outbox row per user and
local date), the paced sender delivers it, and the buttons walk mood, contact, urge and a note.

Every button carries the check-in's local date ("20260302.4"), so old messages and restarts
are fine; each answer is stored before the next question, and a second answer is declined."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from telegram import Update

from bot.core import journey
from bot.core.clock import zone
from bot.core.context import BotContext
from bot.core.feature import Feature
from bot.core.hooks import Provides, hooks_of
from bot.core.services import Services
from bot.core.streaks import current_days, next_milestone
from bot.delivery.sender import Outgoing
from bot.features.checkins import keyboards
from bot.features.checkins import rules as logic
from bot.features.checkins.schedule import reschedule
from bot.features.steps.common import done_steps
from bot.storage.models import User
from bot.storage.outbox import OutboxRow
from bot.ui.keyboards import Callback
from bot.ui.messaging import say, user_values
from bot.ui.texts import plain, render

NS = keyboards.NS
KINDS = ("checkin", "milestone")
NOTE_STATE = "checkin.note"
MAX_NOTE = 200
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
    await ask_next(context, user, today)


async def ask_next(context: BotContext, user: User, day: date) -> None:
    """Asks the first question of the day's check-in that has no answer yet."""
    entry = await context.repo.get_checkin(user.user_id, day)
    if entry is None or entry.mood is None:
        await say(context.bot, user.chat_id, "checkin/ask_mood", user=user, scheduled=False,
                  keyboard=keyboards.mood(user, day))
    elif entry.contacted is None:
        await ask_contact(context, user, day)
    elif entry.urge is None:
        await ask_urge(context, user, day)
    else:
        await ask_note(context, user, day)


async def ask_contact(context: BotContext, user: User, day: date) -> None:
    """Asks whether they contacted the ex; while they wait for a reply to their planned step-7
    message, it asks about any contact besides that one (the message itself is not a slip)."""
    outreach = await context.repo.latest_outreach(user.user_id)
    tz = zone(user.timezone)
    waiting = outreach is not None and outreach.waiting_on(day, tz)
    await say(context.bot, user.chat_id, "checkin/ask_contact", user=user, waiting=waiting,
              sent_today=waiting and outreach is not None and outreach.planned_on(day, tz),
              keyboard=keyboards.contact(user, day, waiting=waiting))


async def ask_urge(context: BotContext, user: User, day: date) -> None:
    """Asks how strong the urge to reach out was (0-10); the slip flow calls it too."""
    await say(context.bot, user.chat_id, "checkin/ask_urge", user=user,
              keyboard=keyboards.urge(user, day))


async def ask_note(context: BotContext, user: User, day: date) -> None:
    """Asks for one thing they did for themselves today, remembering any open question."""
    data: dict[str, Any] = {"day": day.isoformat()}
    if user.state and user.state != NOTE_STATE:
        data.update(prev=user.state, prev_data=user.state_data)
    await context.repo.set_state(user.user_id, NOTE_STATE, data)
    await say(context.bot, user.chat_id, "checkin/ask_note", user=user,
              keyboard=keyboards.note(user, day))


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
    if data.action != _expected(entry):
        await query.answer(plain("checkin/already_answered"), show_alert=True)
        return
    await query.answer()
    repo = context.repo
    if data.action == "mood":
        await repo.save_checkin_answer(user.user_id, day, "mood", int(value))
        await ask_next(context, user, day)
    elif data.action == "contact":
        if value == "p":  # nothing besides the planned step-7 message
            outreach = await repo.latest_outreach(user.user_id)
            tz = zone(user.timezone)
            if outreach is None or not outreach.waiting_on(day, tz):
                await say(context.bot, user.chat_id, "common/stale_button", user=user)
                return
            sent_that_day = outreach.planned_on(day, tz)
            await repo.save_contact_answer(user.user_id, day, contacted=sent_that_day,
                                           planned=sent_that_day)
            await ask_urge(context, user, day)
            return
        await repo.save_contact_answer(user.user_id, day, contacted=value == "y", planned=False)
        if value == "y":
            # The no-contact feature records the slip, then hands back to ask_urge.
            await hooks_of(context).begin_slip(context, user, checkin_day=day)
        else:
            await ask_urge(context, user, day)
    elif data.action == "urge":
        urge = int(value)
        await repo.save_checkin_answer(user.user_id, day, "urge", urge)
        outcome = logic.urge_outcome(bool(entry and entry.slipped), urge)
        if outcome:
            await repo.add_urge(user.user_id, "checkin", intensity=urge, outcome=outcome)
        await ask_note(context, user, day)
    else:
        await finish(context, user, day, None)


def _expected(entry: Any) -> str | None:
    if entry is None or entry.mood is None:
        return "mood"
    if entry.completed:
        return None
    if entry.contacted is None:
        return "contact"
    if entry.urge is None:
        return "urge"
    return "skip"


def _valid(action: str, value: str) -> bool:
    if action == "mood":
        return value.isdigit() and 1 <= int(value) <= 5
    if action == "contact":
        return value in ("y", "n", "p")
    if action == "urge":
        return value.isdigit() and 0 <= int(value) <= 10
    return value == "skip"


async def on_note(update: Update, context: BotContext, user: User, text: str) -> None:
    """Stores the one-line note and sends the closing reply."""
    day = date.fromisoformat(user.state_data.get("day", ""))
    note = " ".join(text.split())[:MAX_NOTE]
    await finish(context, user, day, note)


async def finish(context: BotContext, user: User, day: date, note: str | None) -> None:
    """Completes the check-in, restores any question it interrupted, and replies to fit."""
    entry = await context.repo.get_checkin(user.user_id, day)
    if entry is None or entry.completed:
        await say(context.bot, user.chat_id, "checkin/already_done", user=user)
        return
    await context.repo.save_checkin_answer(user.user_id, day, "note", note, complete=True)
    if user.state == NOTE_STATE:
        await context.repo.set_state(user.user_id, user.state_data.get("prev"),
                                     user.state_data.get("prev_data"))
    step = journey.current_step(await done_steps(context, user))
    kind = logic.closing_kind(entry.mood or 3, entry.slipped, entry.urge or 0, step)
    await say(context.bot, user.chat_id, "checkin/closing", user=user, kind=kind, step=step,
              noted=note is not None, urge=entry.urge or 0)


FEATURE = Feature(
    name="checkins",
    commands={"checkin": on_checkin},
    callbacks={NS: on_button},
    states={NOTE_STATE: on_note},
    ticks=[tick],
    provides=Provides(ask_urge=ask_urge),
)
