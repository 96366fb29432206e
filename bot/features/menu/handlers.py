"""/help, /steps (progress, and opening any unlocked step), /cancel, and control words typed in
any question (bot/features/menu/control.py)."""

from __future__ import annotations

from telegram import Update

from bot.core import journey, taps
from bot.core.context import BotContext
from bot.core.feature import Feature
from bot.core.hooks import Provides
from bot.features.menu import control
from bot.features.steps import keyboards
from bot.features.steps.common import lock_of, open_step
from bot.storage.models import User
from bot.ui.keyboards import Callback
from bot.ui.messaging import say


async def on_help(update: Update, context: BotContext, user: User) -> None:
    """Lists the commands, says what the bot is not, and where urgent help is."""
    await say(context.bot, user.chat_id, "common/help", user=user)


async def on_steps(update: Update, context: BotContext, user: User) -> None:
    """Shows the plan's path and the seven steps with progress; buttons open every unlocked one."""
    statuses = await context.repo.step_statuses(user.user_id)
    done = {n for n, s in statuses.items() if s.status == "done"}  # as done_steps() reads it
    rows = []
    for info in journey.STEPS:
        lock = await lock_of(context, user, info.number, done)
        state = "done" if info.number in done else (
            "started" if info.number in statuses else ("locked" if lock else "open")
        )
        rows.append({"number": info.number, "state": state, "lock": lock})
    current = journey.current_step(done)
    await say(context.bot, user.chat_id, "steps/overview", user=user, rows=rows, current=current,
              chosen=user.path_chosen, keyboard=keyboards.overview(user, rows))


async def on_cancel(update: Update, context: BotContext, user: User) -> None:
    """Leaves whatever question is open (back to one it interrupted, if any); answers already
    given stay stored."""
    await control.leave(context, user)


async def on_steps_button(update: Update, context: BotContext, user: User, data: Callback) -> None:
    """Opens the step a button names, if it is unlocked."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    if data.action != "open" or not data.arg.isdigit() or not 1 <= int(data.arg) <= 7:
        await say(context.bot, user.chat_id, "common/stale_button", user=user)
        return
    if not user.onboarded:
        await say(context.bot, user.chat_id, "common/finish_onboarding_first", user=user)
        return
    await open_step(context, user, int(data.arg))


FEATURE = Feature(
    name="commands",
    commands={"help": on_help, "steps": on_steps, "cancel": on_cancel},
    callbacks={keyboards.NS: on_steps_button},
    taps={"open": taps.AGAIN},
    open_commands=frozenset({"help", "cancel"}),
    provides=Provides(control_word=control.control_word),
)
