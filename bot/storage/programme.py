"""The programme_days table: which morning item each user got on each local day, whether it
reached them, and their evening answer to a task. At most one row a day, and no item is used
twice (the picker's rule), so a user's rows stay under the number of items."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.storage.base import Store

# An item is used once its morning message was sent, or /today showed it.
_USED = ("(p.shown_at IS NOT NULL OR EXISTS (SELECT 1 FROM outbox o WHERE o.user_id = p.user_id"
         " AND o.kind = 'programme' AND o.key = p.local_date AND o.status IN ('sent', 'uncertain')))")


@dataclass(frozen=True)
class ProgrammeDay:
    local_date: date
    item_id: int
    used: bool  # the morning message was sent, or /today showed it
    answer: str | None  # 'yes' / 'no' to the evening question of a task


class ProgrammeTable(Store):
    async def programme_day(self, user_id: int, day: date) -> ProgrammeDay | None:
        row = await self.fetchone(
            f"SELECT p.local_date, p.item_id, p.answer, {_USED} AS used FROM programme_days p"
            " WHERE p.user_id = ? AND p.local_date = ?", (user_id, day.isoformat()))
        if row is None:
            return None
        return ProgrammeDay(date.fromisoformat(row["local_date"]), row["item_id"],
                            bool(row["used"]), row["answer"])

    async def programme_history(self, user_id: int) -> list[ProgrammeDay]:
        """Every day's item that reached the user, oldest first (what the picker must not repeat
        and whose kinds it varies)."""
        rows = await self.fetchall(
            f"SELECT p.local_date, p.item_id, p.answer FROM programme_days p"
            f" WHERE p.user_id = ? AND {_USED} ORDER BY p.local_date", (user_id,))
        return [ProgrammeDay(date.fromisoformat(r["local_date"]), r["item_id"], True, r["answer"])
                for r in rows]

    async def choose_programme_item(self, user_id: int, day: date, item_id: int) -> int:
        """Records `item_id` as the day's item unless the day has one already; returns the
        day's item (so a second render, or /today, shows the same one)."""
        rows = await self.write_returning(
            "INSERT INTO programme_days (user_id, local_date, item_id, created_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT(user_id, local_date) DO UPDATE"
            " SET item_id = programme_days.item_id RETURNING item_id",
            (user_id, day.isoformat(), item_id, self.stamp()))
        return int(rows[0]["item_id"])

    async def mark_programme_shown(self, user_id: int, day: date) -> None:
        await self.write_one(
            "UPDATE programme_days SET shown_at = COALESCE(shown_at, ?)"
            " WHERE user_id = ? AND local_date = ?", (self.stamp(), user_id, day.isoformat()))

    async def answer_programme_task(self, user_id: int, day: date, answer: str) -> bool:
        """Stores the evening answer once; False when there was nothing to answer."""
        return await self.write_one(
            "UPDATE programme_days SET answer = ? WHERE user_id = ? AND local_date = ?"
            " AND answer IS NULL", (answer, user_id, day.isoformat())) > 0
