"""The daily check-in: a producer turns users whose check-in is due into outbox rows (one per
user and local date), the paced sender delivers them (rendered here), and the buttons walk the
morning task's evening question (when there is one), mood, contact, urge and a note.

Every button carries the check-in's local date ("20260302.4"), so old messages and restarts
are fine; each answer is stored before the next question, and a second answer is declined."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from telegram import InlineKeyboardMarkup, Update

from bot.core import journey
from bot.core.context import BotContext
from bot.core.feature import Feature
from bot.core.hooks import Provides, hooks_of
from bot.core.services import Services
from bot.core.streaks import current_days, next_milestone
from bot.delivery.outgoing import Rendered, parts_of
from bot.delivery.schedule import produce
from bot.features.checkins import keyboards
from bot.features.checkins import rules as logic
from bot.features.steps.common import done_steps
from bot.storage.models import User
from bot.storage.outbox import OutboxRow
from bot.storage.repository import Repository
from bot.ui.keyboards import Callback
from bot.ui.messaging import say, user_values
from bot.ui.texts import plain, render

NS = keyboards.NS
NOTE_STATE = "checkin.note"
MAX_NOTE = 200


# -- the producer and the renderers --------------------------------------------------------------
async def tick(services: Services) -> int:
    """Turns every due check-in (and milestone) into an outbox row; the sender does the rest."""
    grace = timedelta(hours=services.settings.checkin_grace_hours)
    rows = await produce(services, "next_checkin_at",
                         lambda user, now: logic.plan_due(user, now, grace))
    return len(rows)


async def render_checkin(services: Services, row: OutboxRow, user: User) -> Rendered:
    """The scheduled check-in's first question: the morning task's, else the mood."""
    template, values, keyboard = await first_question(services.repo, user, row.local_date)
    return parts_of(template, user, keyboard, scheduled=True, **values)


async def render_milestone(services: Services, row: OutboxRow, user: User) -> Rendered:
    """A no-contact milestone, with a word that fits the user's step."""
    step = journey.current_step(await _done(services.repo, user))
    days = current_days(user.no_contact_since, row.local_date)
    return parts_of("checkin/milestone", user, days=days, following=next_milestone(days),
                    step=step, path=_path(user))


async def _done(repo: Repository, user: User) -> set[int]:
    statuses = await repo.step_statuses(user.user_id)
    return {n for n, s in statuses.items() if s.status == "done"}


def _path(user: User) -> str:
    # Paths arrive with another change; until then everyone reads the neutral wording.
    return getattr(user, "path", None) or "unsure"


async def open_task(repo: Repository, user: User, day: date) -> int | None:
    """The morning item of `day` that reached the user and asks an evening question they have
    not answered yet (only tasks have one): its id."""
    entry = await repo.programme_day(user.user_id, day)
    if entry is None or not entry.used or entry.answer is not None:
        return None
    evening = render(_item(entry.item_id), part="evening", path=_path(user), **user_values(user))
    return entry.item_id if evening else None


def _item(item_id: int) -> str:
    return f"programme/{item_id:03d}.html"


async def first_question(repo: Repository, user: User, day: date
                         ) -> tuple[str, dict[str, Any], InlineKeyboardMarkup]:
    """The template, values and keyboard of the day's first unanswered check-in question."""
    values: dict[str, Any] = user_values(user)
    entry = await repo.get_checkin(user.user_id, day)
    if entry is None or entry.mood is None:
        task = await open_task(repo, user, day)
        if task is not None:
            return ("checkin/ask_task", {**values, "task": _item(task), "part": "evening",
                                         "path": _path(user)}, keyboards.task(user, day))
        return "checkin/ask_mood", values, keyboards.mood(user, day)
    if entry.contacted is None:
        return "checkin/ask_contact", values, keyboards.contact(user, day)
    return "checkin/ask_urge", values, keyboards.urge(user, day)


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
    if entry is not None and entry.urge is not None:
        await ask_note(context, user, day)
        return
    template, values, keyboard = await first_question(context.repo, user, day)
    await say(context.bot, user.chat_id, template, scheduled=False, keyboard=keyboard, **values)


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
    expected = _expected(entry)
    if data.action == "task" and expected == "mood":
        expected = "task" if await open_task(context.repo, user, day) is not None else None
    if data.action != expected:
        await query.answer(plain("checkin/already_answered"), show_alert=True)
        return
    await query.answer()
    repo = context.repo
    if data.action == "task":
        choice = "yes" if value == "y" else "no"
        await repo.answer_programme_task(user.user_id, day, choice)
        await say(context.bot, user.chat_id, "daily/evening_reply", user=user, choice=choice)
        await ask_next(context, user, day)
    elif data.action == "mood":
        await repo.save_checkin_answer(user.user_id, day, "mood", int(value))
        await ask_next(context, user, day)
    elif data.action == "contact":
        await repo.save_checkin_answer(user.user_id, day, "contacted", int(value == "y"))
        if value == "y":
            # The no-contact feature records the slip, then hands back to ask_urge.
            await hooks_of(context).begin_slip(context, user, checkin_day=day)
        else:
            await ask_urge(context, user, day)
    elif data.action == "urge":
        urge = int(value)
        await repo.save_checkin_answer(user.user_id, day, "urge", urge)
        outcome = logic.urge_outcome(bool(entry and entry.contacted), urge)
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
    if action == "task":
        return value in ("y", "n")
    if action == "mood":
        return value.isdigit() and 1 <= int(value) <= 5
    if action == "contact":
        return value in ("y", "n")
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
    kind = logic.closing_kind(entry.mood or 3, bool(entry.contacted), entry.urge or 0, step)
    await say(context.bot, user.chat_id, "checkin/closing", user=user, kind=kind, step=step,
              noted=note is not None, urge=entry.urge or 0)


FEATURE = Feature(
    name="checkins",
    commands={"checkin": on_checkin},
    callbacks={NS: on_button},
    states={NOTE_STATE: on_note},
    ticks=[tick],
    deliveries={"checkin": render_checkin, "milestone": render_milestone},
    provides=Provides(ask_urge=ask_urge),
)
