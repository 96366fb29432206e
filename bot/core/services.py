"""Everything a running bot shares: settings, clock, database, repository, the paced sender,
the scheduler, each outbox kind's renderer, and the worker that draws charts."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bot.config import Settings
from bot.core.clock import Clock
from bot.delivery.offload import Offload
from bot.delivery.outgoing import Rendered
from bot.storage.db import Database
from bot.storage.models import User
from bot.storage.outbox import OutboxRow
from bot.storage.repository import Repository

if TYPE_CHECKING:
    from telegram import Bot

    from bot.delivery.sender import Sender

# Renders one due outbox row of a kind into the messages to send (or why none), when the sender
# prepares it. Features declare them in Feature.deliveries.
RenderFn = Callable[["Services", OutboxRow, User], Awaitable[Rendered]]
# A tick runs on every scheduler pass (e.g. the check-in producer over users' due times).
TickFn = Callable[["Services"], Awaitable[Any]]


@dataclass
class Services:
    settings: Settings
    clock: Clock
    bot: Bot
    # Every feature's renderers by outbox kind, and tick hooks, for the scheduler (the router).
    renderers: Mapping[str, RenderFn] = field(default_factory=dict)
    ticks: Sequence[TickFn] = ()
    database: Database | None = None
    repo: Repository = field(init=False)
    # Set by bot.app.startup, taken down by bot.app.stop_background.
    paced_sender: Sender | None = None
    scheduler: asyncio.Task[None] | None = None
    warming: asyncio.Task[None] | None = None  # compiles the phrase patterns after start-up
    # Set when the bot begins to shut down; long passes (a check-in burst) look at it.
    stopping: asyncio.Event = field(default_factory=asyncio.Event)
    # Draws charts off the event loop (worker processes in the running bot, a thread in tests).
    offload: Offload = field(default_factory=Offload)

    def attach(self, database: Database) -> None:
        self.database = database
        self.repo = Repository(database, self.clock)

    def sender(self) -> Sender:
        """The running paced sender; nothing may be sent on the bot's own initiative before
        start-up has built it."""
        if self.paced_sender is None:
            raise RuntimeError("the paced sender is not running (bot.app.startup starts it)")
        return self.paced_sender
