"""Shared tools for steps 2-6: the intro, toggle checklists that show their ticks, editing a
checklist in place, the review offered when a finished step is reopened, and the buttons every
step has (redo / next, "Tell me more")."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection, Sequence
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from bot.core import taps
from bot.core.context import BotContext
from bot.features.steps import keyboards
from bot.features.steps.common import open_step, safety_values, tell_more
from bot.storage.models import User
from bot.ui.keyboards import Button, Keyboard
from bot.ui.messaging import say, user_values
from bot.ui.texts import render

ReaskFn = Callable[[BotContext, User], Awaitable[None]]
# A checklist box flips on every press, so a repeated press is never a double tap.
TAPS: dict[str, taps.Policy] = {"toggle": taps.TOGGLE}
# What a finished step's review shows: the template values of the user's last answers.
SummaryFn = Callable[[BotContext, User], Awaitable[dict[str, Any]]]
# A checklist's keyboard, drawn with the items picked so far ticked.
ChecklistFn = Callable[[Sequence[str]], InlineKeyboardMarkup]


async def intro(context: BotContext, user: User, step: int, ns: str) -> None:
    """Sends the step's short guidance with "Tell me more" under it."""
    await say(context.bot, user.chat_id, f"step{step}/intro", user=user,
              keyboard=keyboards.more(ns, user), **safety_values(user))


async def ask(context: BotContext, user: User, state: str, template: str,
              keyboard: InlineKeyboardMarkup | None, **values: Any) -> None:
    """Stores the question as the open one (its state), then asks it."""
    await context.repo.set_state(user.user_id, state)
    await say(context.bot, user.chat_id, template, user=user, keyboard=keyboard, **values)


def skip_keyboard(ns: str, user: User) -> InlineKeyboardMarkup:
    """A lone Skip for an optional question."""
    return Keyboard(ns, user.user_id).row(Button("skip", label="common/skip")).markup()


async def is_done(context: BotContext, user: User, step: int) -> bool:
    statuses = await context.repo.step_statuses(user.user_id)
    return step in statuses and statuses[step].status == "done"


def toggled(picked: Sequence[str], item: str) -> list[str]:
    return [p for p in picked if p != item] if item in picked else [*picked, item]


def picked_of(user: User) -> list[str]:
    return [str(p) for p in user.state_data.get("picked", [])]


async def picked_or_nudge(context: BotContext, user: User, nudge: str) -> list[str]:
    """The items ticked so far; with none ticked, says `nudge` (the checklist stays open) and
    returns an empty list."""
    picked = picked_of(user)
    if not picked:
        await say(context.bot, user.chat_id, nudge, user=user)
    return picked


async def latest_answers(context: BotContext, user: User, step: int) -> dict[str, str]:
    """The step's answers, the newest value of each key."""
    return {a.key: a.value for a in await context.repo.answers(user.user_id, step)}


def split_codes(value: str | None) -> list[str]:
    return [v for v in (value or "").split(",") if v]


async def ask_checklist(context: BotContext, user: User, state: str, template: str,
                        keyboard: ChecklistFn, **values: Any) -> None:
    """Stores the state with its picks so far (kept when the question is asked again while it
    is open, none otherwise), then sends the checklist question."""
    picked = picked_of(user) if user.state == state else []
    await context.repo.set_state(user.user_id, state, {"picked": list(picked)})
    await say(context.bot, user.chat_id, template, user=user, keyboard=keyboard(picked), **values)


async def on_toggle(update: Update, context: BotContext, user: User, item: str, *,
                    items: Collection[str], template: str, keyboard: ChecklistFn, **values: Any
                    ) -> bool:
    """Stores `item` ticked or unticked and redraws the checklist; False for an unknown item."""
    if item not in items:
        return False
    picked = toggled(picked_of(user), item)
    await context.repo.set_state(user.user_id, user.state, {**user.state_data, "picked": picked})
    await redraw(update, context, user, template, keyboard(picked), **values)
    return True


async def redraw(update: Update, context: BotContext, user: User, template: str,
                 keyboard: InlineKeyboardMarkup, **values: Any) -> None:
    """Edits the checklist message in place (text and keyboard); sends it anew if that fails."""
    query = update.callback_query
    text = render(template, **{**user_values(user), **values})
    if query is not None and query.message is not None:
        try:
            await query.edit_message_text(text, reply_markup=keyboard)
            return
        except BadRequest as exc:
            if "not modified" in str(exc).lower():
                return
    await say(context.bot, user.chat_id, template, user=user, keyboard=keyboard, **values)


async def enter_step(context: BotContext, user: User, step: int, ns: str,
                     reasks: dict[str, ReaskFn], begin: ReaskFn, summary: SummaryFn) -> None:
    """Picks up a pending question of this step, reviews a finished step (what `summary` gives
    back, with redo / next), or begins afresh."""
    if user.state in reasks:
        await reasks[user.state](context, user)
    elif await is_done(context, user, step):
        await review(context, user, step, ns, await summary(context, user))
    else:
        await begin(context, user)


async def review(context: BotContext, user: User, step: int, ns: str,
                 summary: dict[str, Any]) -> None:
    """Shows what the user chose last time (`summary`) and offers to redo the step or move on."""
    await say(context.bot, user.chat_id, f"step{step}/review", user=user,
              keyboard=keyboards.review(ns, user, step), **summary)


async def on_shared_button(update: Update, context: BotContext, user: User, step: int,
                           action: str, begin: ReaskFn, reasks: dict[str, ReaskFn]) -> bool:
    """Answers the press and handles the buttons every step has (redo / next on the review,
    "Tell me more" under the intro); True when `action` was one of them."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    if action == "redo":
        await begin(context, user)
    elif action == "next":
        await open_step(context, user, step + 1)
    elif action == "more":
        await tell_more(context, user, step, reasks)
    else:
        return False
    return True
