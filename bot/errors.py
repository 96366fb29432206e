"""The error handler: one bad update never takes the bot down; the user hears, plainly, that
something went wrong, and the log gets the traceback without the user's words."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, TelegramError

from bot.context import BotContext
from bot.messaging import say

log = logging.getLogger(__name__)


async def on_error(update: object, context: BotContext) -> None:
    error = context.error
    kind = type(error).__name__
    log.error("update failed with %s", kind, exc_info=error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if isinstance(error, Forbidden):
        return
    try:
        await say(context.bot, update.effective_chat.id, "common/error")
    except TelegramError:
        log.warning("could not tell the user about the error either")
