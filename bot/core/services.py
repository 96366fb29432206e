"""Everything a running bot shares: settings, clock, database, repository, the paced sender,
the scheduler, and the little state its features keep while it runs."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.config import Settings
from bot.core.clock import Clock
from bot.storage.db import Database
from bot.storage.models import Job, User
from bot.storage.repository import Repository

if TYPE_CHECKING:
    from telegram import Bot

    from bot.delivery.sender import Sender

JobFn = Callable[["Services", Job, User], Awaitable[Any]]
# A tick runs on every scheduler pass (e.g. the check-in dispatcher over users' due times).
TickFn = Callable[["Services"], Awaitable[Any]]


@dataclass
class Services:
    settings: Settings
    clock: Clock
    bot: Bot
    # Every feature's job handlers by kind, and tick hooks, for the scheduler (from the router).
    jobs: Mapping[str, JobFn] = field(default_factory=dict)
    ticks: Sequence[TickFn] = ()
    database: Database | None = None
    repo: Repository = field(init=False)
    # Set by bot.app.startup, taken down by bot.app.stop_background.
    paced_sender: Sender | None = None
    scheduler: asyncio.Task[None] | None = None
    # Set when the bot begins to shut down; long passes (a check-in burst) look at it.
    stopping: asyncio.Event = field(default_factory=asyncio.Event)
    # The first check-in tick after start-up re-queues what an earlier run left unsent.
    checkins_recovered: bool = False
    # The weekly summary's next scan for users without one armed (see arm_missing).
    weekly_rescan_at: datetime | None = None

    def attach(self, database: Database) -> None:
        self.database = database
        self.repo = Repository(database, self.clock)

    def sender(self) -> Sender:
        """The running paced sender; nothing may be sent on the bot's own initiative before
        start-up has built it."""
        if self.paced_sender is None:
            raise RuntimeError("the paced sender is not running (bot.app.startup starts it)")
        return self.paced_sender
