"""What a feature module hands the app: its commands, button namespaces, text states, jobs and
the hooks it offers other features.

We keep the conversation state in SQLite (users.state) instead of PTB's ConversationHandler:
PTB persistence writes on a timer, so a crash would lose the user's place, and one state column
lets every feature see whether the bot is waiting for an answer.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from telegram import Update

from bot.core.hooks import Provides, ReaskFn
from bot.core.services import JobFn, TickFn
from bot.core.taps import Policy
from bot.storage.models import User
from bot.ui.keyboards import Callback

if TYPE_CHECKING:
    from bot.core.context import BotContext

CommandFn = Callable[[Update, "BotContext", User], Awaitable[None]]
CallbackFn = Callable[[Update, "BotContext", User, Callback], Awaitable[None]]
TextFn = Callable[[Update, "BotContext", User, str], Awaitable[None]]
# An interceptor sees every private text first; it returns True when it has answered.
InterceptFn = Callable[[Update, "BotContext", User, str], Awaitable[bool]]
__all__ = ["CallbackFn", "CommandFn", "Feature", "InterceptFn", "JobFn", "ReaskFn", "TextFn",
           "TickFn"]


@dataclass
class Feature:
    name: str
    commands: dict[str, CommandFn] = field(default_factory=dict)
    callbacks: dict[str, CallbackFn] = field(default_factory=dict)
    states: dict[str, TextFn] = field(default_factory=dict)
    interceptors: list[InterceptFn] = field(default_factory=list)
    jobs: dict[str, JobFn] = field(default_factory=dict)
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
