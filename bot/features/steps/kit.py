"""Shared tools for steps 2-6: toggle checklists that show their ticks, button labels as stored
answers, editing a checklist in place, and the review offered when a finished step is reopened."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from bot.core.context import BotContext
from bot.features.steps.common import open_step
from bot.storage.models import User
from bot.ui.keyboards import CallbackDataError, decode, from_template
from bot.ui.messaging import say, user_values
from bot.ui.texts import render

TICKED, UNTICKED = "✅", "⬜"
ReaskFn = Callable[[BotContext, User], Awaitable[None]]


async def is_done(context: BotContext, user: User, step: int) -> bool:
    statuses = await context.repo.step_statuses(user.user_id)
    return step in statuses and statuses[step].status == "done"


def buttons_of(markup: InlineKeyboardMarkup) -> list[tuple[str, str, str]]:
    """(action, arg, label) for every button of a keyboard we built."""
    found = []
    for row in markup.inline_keyboard:
        for b in row:
            try:
                data = decode(b.callback_data)
            except CallbackDataError:
                continue
            found.append((data.action, data.arg, b.text))
    return found


def options(template: str, ns: str, user: User, action: str = "toggle", **values: Any
            ) -> dict[str, str]:
    """arg -> label for the buttons with `action` in a keyboard template (labels live there only)."""
    markup = from_template(template, ns, owner=user.user_id, ex=user.ex, name=user.name, **values)
    return {arg: text for act, arg, text in buttons_of(markup) if act == action}


def checklist(template: str, ns: str, user: User, picked: Sequence[str], **values: Any
              ) -> InlineKeyboardMarkup:
    """The keyboard from `template` with a tick or an empty box in front of each toggle button."""
    markup = from_template(template, ns, owner=user.user_id, ex=user.ex, name=user.name, **values)
    rows = []
    for row in markup.inline_keyboard:
        new_row = []
        for b in row:
            data = decode(b.callback_data)
            text = b.text
            if data.action == "toggle":
                text = f"{TICKED if data.arg in picked else UNTICKED} {text}"
            new_row.append(InlineKeyboardButton(text, callback_data=b.callback_data))
        rows.append(new_row)
    return InlineKeyboardMarkup(rows)


def toggled(picked: Sequence[str], item: str) -> list[str]:
    return [p for p in picked if p != item] if item in picked else [*picked, item]


def picked_of(user: User) -> list[str]:
    return [str(p) for p in user.state_data.get("picked", [])]


def split_codes(value: str | None) -> list[str]:
    return [v for v in (value or "").split(",") if v]


async def ask_checklist(context: BotContext, user: User, state: str, template: str,
                        keyboard: str, ns: str, picked: Sequence[str] = (), **values: Any) -> None:
    """Stores the state with its picks so far, then sends the checklist question."""
    await context.repo.set_state(user.user_id, state, {"picked": list(picked)})
    await say(context.bot, user.chat_id, template, user=user,
              keyboard=checklist(keyboard, ns, user, picked, **values), **values)


async def on_toggle(update: Update, context: BotContext, user: User, item: str, *, template: str,
                    keyboard: str, ns: str, **values: Any) -> bool:
    """Stores `item` ticked or unticked and redraws the checklist; False for an unknown item."""
    if item not in options(keyboard, ns, user, **values):
        return False
    picked = toggled(picked_of(user), item)
    await context.repo.set_state(user.user_id, user.state, {**user.state_data, "picked": picked})
    await redraw(update, context, user, template, checklist(keyboard, ns, user, picked, **values),
                 **values)
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


async def enter_step(context: BotContext, user: User, step: int,
                     reasks: dict[str, ReaskFn], begin: ReaskFn, review: ReaskFn) -> None:
    """Picks up a pending question of this step, reviews a finished step, or begins afresh."""
    if user.state in reasks:
        await reasks[user.state](context, user)
    elif await is_done(context, user, step):
        await review(context, user)
    else:
        await begin(context, user)


def review_keyboard(ns: str, user: User, step: int) -> InlineKeyboardMarkup:
    return from_template("step_review", ns, owner=user.user_id, step=step)


async def on_review_button(context: BotContext, user: User, step: int, action: str,
                           begin: ReaskFn) -> bool:
    """Handles the review buttons (redo / next); True when `action` was one of them."""
    if action == "redo":
        await begin(context, user)
        return True
    if action == "next":
        await open_step(context, user, step + 1)
        return True
    return False
