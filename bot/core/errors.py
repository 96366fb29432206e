"""The error handler: one bad update never takes the bot down; the user hears, plainly, that
something went wrong and whether what they sent was saved (so a retry never stores an answer
twice), and the log gets the traceback without the user's words."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, TelegramError, TimedOut

from bot.core import handling
from bot.core.context import BotContext
from bot.ui.messaging import say

log = logging.getLogger(__name__)


async def on_error(update: object, context: BotContext) -> None:
    error = context.error
    kind = type(error).__name__
    log.error("update failed with %s", kind, exc_info=error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if isinstance(error, Forbidden):
        # The user blocked the bot: nothing more goes to them until they come back with /start.
        if update.effective_user is not None and update.effective_chat.type == "private":
            try:
                await context.repo.set_active(update.effective_user.id, False)
            except Exception:
                log.warning("could not mark a blocked user inactive", exc_info=True)
        return
    if isinstance(error, TimedOut):
        return  # the message may well have arrived: an apology on top would only confuse
    # The handling mark says whether this update committed a write before it failed: then the
    # answer is kept, and sending it again would store it twice.
    mark = handling.current()
    saved = mark is not None and mark.saved
    try:
        await say(context.bot, update.effective_chat.id,
                  "common/error_saved" if saved else "common/error")
    except TelegramError:
        log.warning("could not tell the user about the error either")
