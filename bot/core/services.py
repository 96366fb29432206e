"""Everything a running bot shares: settings, clock, database, repository and scheduler."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bot.config import Settings
from bot.core.clock import Clock
from bot.storage.db import Database
from bot.storage.repository import Repository

if TYPE_CHECKING:
    from telegram import Bot

    from bot.core.router import Router


@dataclass
class Services:
    settings: Settings
    clock: Clock
    router: Router
    bot: Bot
    database: Database | None = None
    repo: Repository = field(init=False)
    extras: dict[str, Any] = field(default_factory=dict)

    def attach(self, database: Database) -> None:
        self.database = database
        self.repo = Repository(database, self.clock)
