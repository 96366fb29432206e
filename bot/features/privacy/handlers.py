"""Data rights: /export sends everything stored about the user, as a page to read and a clean
JSON file (bot/features/privacy/export.py); /delete, after a confirmation button, erases every
row about them. Both work before onboarding is finished."""

from __future__ import annotations

import io
import json
import logging

from telegram import InlineKeyboardMarkup, InputFile, Update

from bot.core.context import BotContext
from bot.core.feature import Feature
from bot.features.privacy.export import clean_export, readable_page
from bot.storage.models import User
from bot.ui.keyboards import Button, Callback, Keyboard
from bot.ui.messaging import say, user_values
from bot.ui.texts import render

log = logging.getLogger(__name__)
NS = "pv"
# A delete button older than this asks again: an old message should not erase a new start.
CONFIRM_MINUTES = 10


async def on_export(update: Update, context: BotContext, user: User) -> None:
    """Sends everything stored about the user: a page to read, then the same as clean JSON."""
    now = context.clock.now()
    data = clean_export(await context.repo.export_user(user.user_id), now)
    page = readable_page(data, now).encode("utf-8")
    body = json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8")
    await context.bot.send_document(
        user.chat_id, InputFile(io.BytesIO(page), filename="comeback-coach.html"))
    await context.bot.send_document(
        user.chat_id, InputFile(io.BytesIO(body), filename="comeback-coach.json"),
        caption=render("privacy/exported", **user_values(user)))


def confirm_keyboard(user: User, minute: int) -> InlineKeyboardMarkup:
    """Yes (carrying the minute it was asked, so an old button expires) or no."""
    return Keyboard(NS, user.user_id).rows([
        Button("erase", minute, label="privacy/erase"), Button("keep", label="privacy/keep"),
    ]).markup()


async def on_delete(update: Update, context: BotContext, user: User) -> None:
    """Asks for confirmation before erasing everything."""
    minute = int(context.clock.now().timestamp() // 60)
    await say(context.bot, user.chat_id, "privacy/confirm_delete", user=user,
              keyboard=confirm_keyboard(user, minute),
              minutes=CONFIRM_MINUTES)


async def on_button(update: Update, context: BotContext, user: User, data: Callback) -> None:
    """Erases everything on a fresh "yes", or keeps it all on "no"."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    if data.action == "keep":
        await say(context.bot, user.chat_id, "privacy/kept", user=user)
        return
    now_minute = int(context.clock.now().timestamp() // 60)
    if data.action != "erase" or not data.arg.isdigit() or not (
        0 <= now_minute - int(data.arg) <= CONFIRM_MINUTES
    ):
        await say(context.bot, user.chat_id, "privacy/expired", user=user)
        return
    left = await context.repo.delete_user(user.user_id)
    if left:
        # Should never happen: say so rather than claim an erasure that did not take place.
        log.error("delete left rows in %s", sorted(left))
        await say(context.bot, user.chat_id, "privacy/delete_failed")
        return
    log.info("a user erased their data")
    await say(context.bot, user.chat_id, "privacy/deleted")


FEATURE = Feature(
    name="privacy",
    commands={"export": on_export, "delete": on_delete},
    callbacks={NS: on_button},
    open_commands=frozenset({"export", "delete"}),
)
