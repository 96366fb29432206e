"""Keeping words from the chat in the journal. The companion fallback (issue 9) offers "keep it
in my journal" under its reply to whatever the user just said:

    keyboard = await offer_keep(context, user, text)          # holds the words, returns a button
    await say(..., keyboard=keyboard)

A tap moves the words into the journal (on_button, namespace keyboards.KEEP_NS). Words nobody
keeps are forgotten after a day, or as soon as a newer offer replaces them. `keep_in_journal` stores words straight away, for a
caller that already has the user's yes."""

from __future__ import annotations

from datetime import timedelta

from telegram import InlineKeyboardMarkup, Update

from bot.core.context import BotContext
from bot.features.journal import keyboards
from bot.storage.journal import JournalEntry
from bot.storage.models import User
from bot.ui.keyboards import Callback
from bot.ui.messaging import say

HOLD = timedelta(days=1)  # how long offered words wait for a tap


async def keep_in_journal(context: BotContext, user: User, text: str,
                          source: str = "fallback") -> JournalEntry:
    """Stores `text` as a journal entry now; the conversation state is left as it is."""
    return await context.repo.add_entry(user.user_id, text, source=source)


async def offer_keep(context: BotContext, user: User, text: str,
                     source: str = "fallback") -> InlineKeyboardMarkup:
    """Holds `text` until the user taps "keep it in my journal" (only the newest offer per user
    is held) and returns that button, to go under the reply."""
    held = await context.repo.hold_words(user.user_id, text, source,
                                         forget_before=context.clock.now() - HOLD)
    return keyboards.keep_words(user, held)


async def on_button(update: Update, context: BotContext, user: User, data: Callback) -> None:
    """Moves the offered words into the journal, or says they are no longer held."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    since = context.clock.now() - HOLD
    if data.action == "keep" and data.arg.isdigit() and await context.repo.keep_held(
            user.user_id, int(data.arg), offered_since=since):
        await say(context.bot, user.chat_id, "journal/kept_words", user=user)
        return
    await say(context.bot, user.chat_id, "journal/words_gone", user=user)
