"""What every step shares: opening a step (respecting its lock), finishing it, "Tell me more",
and a nudge back to the buttons when text arrives where a tap was expected."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from telegram import InlineKeyboardMarkup, Update

from bot.core import journey, paths
from bot.core.context import BotContext
from bot.core.hooks import hooks_of
from bot.features.safety.helplines import abuse_line
from bot.features.steps import keyboards
from bot.storage.models import User
from bot.ui.messaging import say

EnterFn = Callable[[BotContext, User], Awaitable[None]]
ReaskFn = Callable[[BotContext, User], Awaitable[None]]
# Filled by bot.steps at import: step number -> the module's enter().
ENTRIES: dict[int, EnterFn] = {}


def safety_values(user: User) -> dict[str, Any]:
    """The domestic-abuse line for texts on the safety path (steps/_abuse_line.html); other
    paths never show it, so it is only looked up there."""
    return {"abuse_line": abuse_line(user.timezone)} if user.path == paths.SAFETY else {}


async def done_steps(context: BotContext, user: User) -> set[int]:
    statuses = await context.repo.step_statuses(user.user_id)
    return {n for n, s in statuses.items() if s.status == "done"}


async def safety_hold(context: BotContext, user: User) -> bool:
    """True while a safety concern keeps step 7 closed (the safety feature stores it)."""
    return await hooks_of(context).safety_hold(context, user)


async def lock_of(
    context: BotContext, user: User, step: int, done: set[int] | None = None
) -> journey.Lock | None:
    """What keeps `step` closed; pass `done` when the caller has read it already (/steps asks
    for all seven steps, and each read is a trip to the database thread)."""
    finished = done if done is not None else await done_steps(context, user)
    today = user.today(context.clock.now())
    unlock_days = context.settings.step7_unlock_days

    def lock(hold: bool) -> journey.Lock | None:
        return journey.lock_for(step, finished, no_contact_since=user.no_contact_since, today=today,
                                unlock_days=unlock_days, safety_hold=hold, path=user.path)

    # The path says "safety" whenever the hold stands (both are written together); the hold is
    # read too, as step 7's last check, only when nothing else locks the step.
    found = lock(False)
    if found is None and step == journey.FINAL_STEP and await safety_hold(context, user):
        found = lock(True)
    return found


async def open_step(context: BotContext, user: User, step: int) -> None:
    """Starts (or re-enters) a step, or explains what still keeps it locked."""
    lock = await lock_of(context, user, step)
    if lock is not None:
        # No button under a safety lock: changing the path goes through /settings, where the
        # user hears what it means and confirms they are safe first (never a single tap here).
        markup = keyboards.open_step(user, lock.needs_step) if lock.needs_step else None
        await say(context.bot, user.chat_id, "steps/locked", user=user, step=step, lock=lock,
                  unlock_days=context.settings.step7_unlock_days, keyboard=markup,
                  **safety_values(user))
        return
    await context.repo.start_step(user.user_id, step)
    await ENTRIES[step](context, user)


async def finish_step(context: BotContext, user: User, step: int, *,
                      announce: bool = True) -> None:
    """Marks the step done, clears the state, and (unless told not to) offers the next step
    (if the path has one)."""
    await context.repo.complete_step(user.user_id, step)
    await context.repo.set_state(user.user_id, None)
    if announce:
        await announce_done(context, user, step)


async def announce_done(context: BotContext, user: User, step: int) -> None:
    """Says the step is done and offers the next one (nothing after the last)."""
    if step < journey.FINAL_STEP:
        following = step + 1
        closed = following == journey.FINAL_STEP and paths.step7_closed(user.path)
        await say(context.bot, user.chat_id, "steps/finished", user=user, step=step,
                  keyboard=None if closed else keyboards.open_step(user, following))


async def tell_more(context: BotContext, user: User, step: int,
                    reasks: Mapping[str, ReaskFn]) -> None:
    """Sends the step's longer guidance, then asks again whatever this step is waiting for, so
    the last message still says what to do next."""
    reask = reasks.get(user.state or "")
    await say(context.bot, user.chat_id, f"step{step}/more", user=user,
              keyboard=None if reask else keyboards.open_step(user, step))
    if reask is not None:
        await reask(context, user)


async def use_buttons(context: BotContext, user: User,
                      keyboard: InlineKeyboardMarkup | None = None, text: str = "") -> None:
    """Text arrived where the bot asked for a tap and no typed answer was understood: say so
    kindly, with the buttons again when given; nothing changes. Words (`text`) that tell how
    the user feels are acknowledged first, and the question is asked again instead."""
    if text and await hooks_of(context).aside(context, user, text, False):
        return
    await say(context.bot, user.chat_id, "common/use_buttons", user=user, keyboard=keyboard,
              again=keyboard is not None)


async def on_tap_only(update: Update, context: BotContext, user: User, text: str) -> None:
    """Text where a tap was expected: points to the buttons, nothing changes."""
    await use_buttons(context, user, text=text)
