"""Keeping words from the chat: the companion's "keep it in my journal" button.

A stand-in with the journal feature's API (bot/features/journal/keep.py on the "journal"
branch: `offer_keep(context, user, text, source) -> button`, then a tap keeps the words), over
the same table, so merging is deleting this module and importing that one. Words nobody keeps
are forgotten after a day, or as soon as a newer offer replaces them."""

from __future__ import annotations

from datetime import timedelta

from telegram import InlineKeyboardMarkup, Update

from bot.core.context import BotContext
from bot.storage.models import User
from bot.ui.keyboards import Button, Callback, Keyboard
from bot.ui.messaging import say

NS = "kw"
HOLD = timedelta(days=1)  # how long offered words wait for a tap


async def offer_keep(context: BotContext, user: User, text: str,
                     source: str = "fallback") -> InlineKeyboardMarkup:
    """Holds `text` until the user taps "keep it in my journal" and returns that button."""
    held = await context.repo.hold_words(user.user_id, text, source,
                                         forget_before=context.clock.now() - HOLD)
    return keep_keyboard(user, held)


def keep_keyboard(user: User, held: int) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).row(Button("keep", held, label="companion/keep")).markup()


async def on_button(update: Update, context: BotContext, user: User, data: Callback) -> None:
    """Moves the offered words into the journal, or says they are no longer held."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    since = context.clock.now() - HOLD
    if data.action == "keep" and data.arg.isdigit() and await context.repo.keep_held(
            user.user_id, int(data.arg), offered_since=since):
        await say(context.bot, user.chat_id, "companion/kept", user=user)
        return
    await say(context.bot, user.chat_id, "companion/words_gone", user=user)
