"""What a feature module hands the app: its commands, button namespaces, text states, the
outbox kinds it renders, its scheduler ticks and the hooks it offers other features.

We keep the conversation state in SQLite (users.state) instead of PTB's ConversationHandler:
PTB persistence writes on a timer, so a crash would lose the user's place, and one state column
lets every feature see whether the bot is waiting for an answer.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from telegram import Update

from bot.core.hooks import Provides
from bot.core.said import ReaskFn, StateSpec, TextFn
from bot.core.services import RenderFn, TickFn
from bot.core.taps import Policy
from bot.storage.models import User
from bot.ui.keyboards import Callback

if TYPE_CHECKING:
    from bot.core.context import BotContext

CommandFn = Callable[[Update, "BotContext", User], Awaitable[None]]
CallbackFn = Callable[[Update, "BotContext", User, Callback], Awaitable[None]]
__all__ = ["CallbackFn", "CommandFn", "Feature", "ReaskFn", "RenderFn", "StateSpec", "TextFn",
           "TickFn"]


@dataclass
class Feature:
    name: str
    commands: dict[str, CommandFn] = field(default_factory=dict)
    callbacks: dict[str, CallbackFn] = field(default_factory=dict)
    # State name -> its handler: the open question's own parser, reached only after the
    # listening pipeline heard nothing else in the message (bot/core/listen.py).
    states: dict[str, TextFn] = field(default_factory=dict)
    # State name -> what skip / back / "not sure" do there, and which findings are ordinary
    # answers there (bot/core/said.py); a state without one gets PLAIN.
    specs: dict[str, StateSpec] = field(default_factory=dict)
    # Reply-keyboard labels (label keys, e.g. "menu/text_them") -> what tapping them does: a
    # tap is a command, not words, so it skips the pipeline.
    buttons: dict[str, CommandFn] = field(default_factory=dict)
    # Outbox kind -> its renderer: the words of a message sent on the bot's own initiative.
    deliveries: dict[str, RenderFn] = field(default_factory=dict)
    # Run on every scheduler pass: producers turning a due schedule into outbox rows.
    ticks: list[TickFn] = field(default_factory=list)
    # State name -> how to ask that state's question again, so "see above" is never the answer.
    reasks: dict[str, ReaskFn] = field(default_factory=dict)
    # Commands that work before onboarding is finished (e.g. /start, /help, /delete).
    open_commands: frozenset[str] = frozenset()
    # The hooks this feature offers others (bot/core/hooks.py), checked at start-up.
    provides: Provides | None = None
    # Button actions (of its namespaces) that may be pressed again on the same message:
    # "toggle" (every press counts) or "again" (not twice within seconds); all others run once
    # per message and a second press gets a toast (bot/core/taps.py).
    taps: dict[str, Policy] = field(default_factory=dict)
