"""The pep_history table: which pep talks each user was shown, so none repeats within the last
few. Only the newest rows matter: a trigger in migration 0006 keeps PEPS_KEPT per user."""

from __future__ import annotations

from bot.storage.base import Store

PEPS_KEPT = 30  # the same number is in migrations/0006_history_caps.sql


class PepHistoryTable(Store):
    async def recent_peps(self, user_id: int, limit: int) -> list[int]:
        """The pep talks shown last, newest first (at most PEPS_KEPT)."""
        rows = await self.fetchall(
            "SELECT pep_id FROM pep_history WHERE user_id = ? ORDER BY id DESC LIMIT ?",
            (user_id, limit),
        )
        return [int(r["pep_id"]) for r in rows]

    async def record_pep(self, user_id: int, pep_id: int) -> None:
        await self.write_one(
            "INSERT INTO pep_history (user_id, pep_id, shown_at) VALUES (?, ?, ?)",
            (user_id, pep_id, self.stamp()),
        )
