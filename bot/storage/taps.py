"""SQL for button_taps: the last button handled on each message, so the router can tell a
double tap (the same button on the same message again) from a first one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.core.clock import iso
from bot.storage.base import Store


@dataclass(frozen=True)
class Tap:
    data: str
    tapped_at: str


class TapsTable(Store):
    async def last_tap(self, user_id: int, message_id: int) -> Tap | None:
        """The button last handled on that message, if any."""
        row = await self.fetchone(
            "SELECT data, tapped_at FROM button_taps WHERE user_id = ? AND message_id = ?",
            (user_id, message_id))
        return Tap(row["data"], row["tapped_at"]) if row else None

    async def record_tap(self, user_id: int, message_id: int, data: str) -> None:
        """Remembers the button just handled; nothing when the user is gone (a tap that erased
        everything must not leave a row behind)."""
        await self.write_one(
            "INSERT INTO button_taps (user_id, message_id, data, tapped_at)"
            " SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM users WHERE user_id = ?)"
            " ON CONFLICT(user_id, message_id) DO UPDATE SET data = excluded.data,"
            " tapped_at = excluded.tapped_at",
            (user_id, message_id, data, self.stamp(), user_id))

    async def prune_taps(self, before: datetime) -> int:
        return await self.write_one("DELETE FROM button_taps WHERE tapped_at < ?", (iso(before),))
