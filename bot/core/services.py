"""Everything a running bot shares: settings, clock, database, repository and scheduler."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import aiosqlite

from bot.config import Settings
from bot.core.clock import Clock
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
    conn: aiosqlite.Connection | None = None
    repo: Repository = field(init=False)
    extras: dict[str, Any] = field(default_factory=dict)

    def attach(self, conn: aiosqlite.Connection) -> None:
        self.conn = conn
        self.repo = Repository(conn, self.clock)
