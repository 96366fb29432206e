"""Turns the ordered list of features into PTB handlers and routes each update to its owner.
Each user's updates reach it one at a time, in order (bot/core/intake.py), so a handler reads
the stored state fresh and nothing here needs a lock. Every text, caption, edit and command
argument passes the listening pipeline (bot/core/listen.py) before any state handler."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import replace

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.core import taps
from bot.core.context import BotContext
from bot.core.feature import (
    CallbackFn,
    CommandFn,
    Feature,
    ReaskFn,
    RenderFn,
    TextFn,
    TickFn,
)
from bot.core.listen import Listener
from bot.core.said import Source, StateSpec
from bot.storage.models import User
from bot.ui.keyboards import CallbackDataError, decode
from bot.ui.labels import every_form
from bot.ui.messaging import say
from bot.ui.texts import plain

log = logging.getLogger(__name__)

# A command that reaches the text handler: typed without the bot_command entity Telegram's own
# apps add (some clients and bridges send none), or after a space; and "sos" typed without its
# slash ("SOS!!", "sos pls"), the command people remember in a hurry.
_TYPED_COMMAND = re.compile(r"\s*/(?P<name>[A-Za-z0-9_]{1,32})(?:@\w+)?(?:\s.*)?", re.DOTALL)
_SOS_WORDS = re.compile(r"\s*sos\W*(?:(?:pls|please|plz|now|help|me|asap)\W*){0,3}", re.IGNORECASE)


class Router:
    def __init__(self, features: Sequence[Feature]) -> None:
        self.features = list(features)
        self.commands: dict[str, CommandFn] = {}
        self.open_commands: set[str] = set()
        self.callbacks: dict[str, CallbackFn] = {}
        self.states: dict[str, TextFn] = {}
        self.specs: dict[str, StateSpec] = {}
        self.buttons: dict[str, CommandFn] = {}
        self.deliveries: dict[str, RenderFn] = {}
        self.tick_hooks: list[TickFn] = []
        self.reasks: dict[str, ReaskFn] = {}
        # (namespace, action) -> how a repeated press is treated (bot/core/taps.py).
        self.tap_policies: dict[tuple[str, str], taps.Policy] = {}
        for feature in self.features:
            for table, items in (
                (self.commands, feature.commands), (self.callbacks, feature.callbacks),
                (self.states, feature.states), (self.deliveries, feature.deliveries),
                (self.reasks, feature.reasks), (self.specs, feature.specs),
                (self.buttons, {text: fn for key, fn in feature.buttons.items()
                                for text in every_form(key)}),
            ):
                clash = set(table) & set(items)
                if clash:
                    raise ValueError(f"{feature.name} registers {sorted(clash)} twice")
                table.update(items)  # type: ignore[arg-type]
            self.open_commands |= feature.open_commands
            self.tick_hooks.extend(feature.ticks)
            for ns in feature.callbacks:
                self.tap_policies.update({(ns, action): p for action, p in feature.taps.items()})
        unknown = set(self.specs) - set(self.states)
        if unknown:
            raise ValueError(f"specs for states nobody handles: {sorted(unknown)}")
        self.listener = Listener(self.states, self.specs)

    def handlers(self) -> list[BaseHandler]:
        private = filters.ChatType.PRIVATE
        handlers: list[BaseHandler] = [
            # Edits are answered before anything else so an edit never re-runs a command.
            MessageHandler(filters.UpdateType.EDITED, self.on_edited),
            MessageHandler(~private & filters.UpdateType.MESSAGE, self.on_group),
            MessageHandler(filters.UpdateType.CHANNEL_POST, self.on_channel),
            CommandHandler(list(self.commands), self.on_command, filters=private),
            MessageHandler(private & filters.COMMAND, self.on_unknown_command),
            MessageHandler(private & filters.TEXT, self.on_text),
            CallbackQueryHandler(self.on_callback),
            MessageHandler(private & ~filters.TEXT, self.on_unsupported),
        ]
        return handlers

    async def user_for(self, update: Update, context: BotContext) -> User | None:
        tg_user, chat = update.effective_user, update.effective_chat
        if tg_user is None or chat is None or tg_user.is_bot:
            return None
        settings = context.settings
        user = await context.repo.get_user(tg_user.id)
        # New, back after blocking the bot, or writing from another private chat than the one
        # saved (scheduled messages go to user.chat_id): one upsert, and only then.
        private = chat.type == ChatType.PRIVATE
        moved = private and user is not None and user.chat_id != chat.id
        if user is None or not user.active or moved:
            chat_id = chat.id if private or user is None else user.chat_id
            user = await context.repo.ensure_user(
                tg_user.id, chat_id, timezone=settings.default_timezone,
                checkin=settings.default_checkin_time,
            )
        code = tg_user.language_code
        if code and code != user.language_code and len(code) <= 35:
            # A helpline hint when the time zone names no country (bot/features/safety).
            await context.repo.set_language_code(user.user_id, code)
            user = replace(user, language_code=code)
        return user

    async def heard(self, update: Update, context: BotContext, user: User, text: str | None,
                    source: Source) -> bool:
        """Passes words the bot does not otherwise read (an edit, a caption, an over-long text,
        a command's argument) through the listening pipeline; True when it answered them."""
        if not text or not text.strip():
            return False
        return await self.listener.hear(update, context, user, text, source)

    async def on_group(self, update: Update, context: BotContext) -> None:
        """Answers any message in a group with one line pointing to a private chat."""
        chat = update.effective_chat
        if chat is None or chat.type == ChatType.CHANNEL:
            return
        await say(context.bot, chat.id, "common/private_only")

    async def on_channel(self, update: Update, context: BotContext) -> None:
        """Posts one line in a channel it was added to, then leaves: every subscriber would see
        any further reply, and nothing here is meant for a channel."""
        chat = update.effective_chat
        if chat is None:
            return
        await say(context.bot, chat.id, "common/private_only")
        await context.bot.leave_chat(chat.id)

    async def on_edited(self, update: Update, context: BotContext) -> None:
        """Explains that edits are not read, so the user sends a new message instead."""
        chat = update.effective_chat
        if chat is None or chat.type != ChatType.PRIVATE:
            return
        user = await self.user_for(update, context)
        message = update.effective_message
        if user is not None and message is not None and await self.heard(
            update, context, user, message.text or message.caption, "edit"
        ):
            return
        await say(context.bot, chat.id, "common/edited", user=user)

    async def on_unsupported(self, update: Update, context: BotContext) -> None:
        """Answers stickers, photos, voice notes and the like kindly, saying what works instead."""
        user = await self.user_for(update, context)
        if user is None or update.effective_chat is None:
            return
        message = update.effective_message
        if message is not None and await self.heard(update, context, user, message.caption,
                                                    "caption"):
            return
        await say(context.bot, update.effective_chat.id, "common/unsupported", user=user,
                  waiting=user.state is not None)

    async def on_unknown_command(self, update: Update, context: BotContext) -> None:
        """Says the command is unknown and points to /help."""
        user = await self.user_for(update, context)
        if user is None or update.effective_chat is None:
            return
        await say(context.bot, update.effective_chat.id, "common/unknown_command", user=user)

    async def on_command(self, update: Update, context: BotContext) -> None:
        """Runs a registered command once the user row exists and onboarding allows it; words
        after the command ("/sos i want to die") are heard for crisis and abuse first."""
        message = update.effective_message
        if message is None or not message.text or update.effective_user is None:
            return
        user = await self.user_for(update, context)
        if user is None:
            return
        head, *rest = message.text.split(maxsplit=1)
        words = rest[0][: context.settings.max_text_length] if rest else None
        if await self.heard(update, context, user, words, "command"):
            return
        await self._run(update, context, user, head.lstrip("/").split("@")[0].lower())

    async def _run(self, update: Update, context: BotContext, user: User, name: str) -> None:
        if not user.onboarded and name not in self.open_commands:
            await say(context.bot, user.chat_id, "common/finish_onboarding_first", user=user)
            return
        await self.commands[name](update, context, user)

    async def on_text(self, update: Update, context: BotContext) -> None:
        """Screens the text, then hands it to whatever the user's current state is waiting for."""
        message = update.effective_message
        if message is None or message.text is None or update.effective_user is None:
            return
        user = await self.user_for(update, context)
        if user is not None:
            await self._route_text(update, context, user, message.text)

    async def _route_text(self, update: Update, context: BotContext, user: User, text: str) -> None:
        if len(text) > context.settings.max_text_length:
            # Too long to store, but never too long to notice someone in danger.
            if await self.heard(update, context, user, text, "too_long"):
                return
            await say(context.bot, user.chat_id, "common/too_long", user=user,
                      limit=context.settings.max_text_length, length=len(text))
            return
        button = self.buttons.get(text.strip())
        if button is not None:  # a reply-keyboard tap: a command, not words
            await button(update, context, user)
            return
        if (typed := _TYPED_COMMAND.fullmatch(text)) and typed["name"].lower() in self.commands:
            await self.on_command(update, context)
            return
        if _SOS_WORDS.fullmatch(text) and "sos" in self.commands:
            await self._run(update, context, user, "sos")
            return
        await self.listener.hear(update, context, user, text, "message")

    async def on_callback(self, update: Update, context: BotContext) -> None:
        """Decodes button data strictly, checks who pressed it, then calls the owning feature."""
        query = update.callback_query
        if query is None:
            return
        try:
            data = decode(query.data)
        except CallbackDataError:
            await query.answer(plain("common/button_unknown"), show_alert=True)
            return
        if data.owner != query.from_user.id:
            await query.answer(plain("common/button_not_yours"), show_alert=True)
            return
        handler = self.callbacks.get(data.ns)
        chat = update.effective_chat
        if handler is None or chat is None or chat.type != ChatType.PRIVATE:
            await query.answer(plain("common/button_unknown"), show_alert=True)
            return
        user = await self.user_for(update, context)
        if user is None:
            return
        policy = self.tap_policies.get((data.ns, data.action), taps.ONCE)
        if await taps.repeated(context, user, query, policy):
            await query.answer(plain("common/tapped_twice"))
            return
        await handler(update, context, user, data)
        await taps.remember(context, user, query)

