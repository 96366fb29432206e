"""SQL for processed_updates: the ids of updates whose handling saved something, so that an
update Telegram delivers twice (a webhook retry, a batch fetched just before a crash) is not
handled twice. The id is written in the same transaction as the handler's first write
(bot/storage/base.py), so "saved" and "recorded" can never disagree, even across kill -9."""

from __future__ import annotations

from datetime import datetime

from bot.core.clock import iso
from bot.storage.base import Store


class HandledTable(Store):
    async def handled_before(self, bot_id: int, update_id: int) -> bool:
        row = await self.fetchone(
            "SELECT 1 FROM processed_updates WHERE bot_id = ? AND update_id = ?",
            (bot_id, update_id))
        return row is not None

    async def prune_handled(self, before: datetime) -> int:
        """Forgets ids older than `before`: Telegram stops redelivering after a day."""
        return await self.write_one(
            "DELETE FROM processed_updates WHERE handled_at < ?", (iso(before),))
