"""The slips table: one row per slip (the user contacted the ex), with the streak it ended and
what set it off. The streak restarts; the history stays, for the longest and total figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.storage import users
from bot.storage.base import Store, Tx


@dataclass(frozen=True)
class Slip:
    id: int
    occurred_on: date
    streak_days: int
    note: str | None


class SlipsTable(Store):
    async def record_slip(self, user_id: int, on: date, streak_days: int) -> Slip:
        """Stores the slip and restarts the streak on `on`, in one transaction."""
        async def body(tx: Tx) -> int:
            row = await tx.fetchone(
                "INSERT INTO slips (user_id, occurred_on, streak_days, created_at)"
                " VALUES (?, ?, ?, ?) RETURNING id",
                (user_id, on.isoformat(), streak_days, tx.stamp),
            )
            await tx.execute(*users.restart_no_contact(user_id, on, tx.stamp))
            assert row is not None
            return int(row[0])

        return Slip(await self.transaction(body), on, streak_days, None)

    async def note_slip(self, user_id: int, slip_id: int, note: str | None) -> None:
        await self.write_one(
            "UPDATE slips SET note = ? WHERE id = ? AND user_id = ?", (note, slip_id, user_id)
        )

    async def slips(self, user_id: int) -> list[Slip]:
        """Every slip, oldest first."""
        rows = await self.fetchall(
            "SELECT id, occurred_on, streak_days, note FROM slips WHERE user_id = ?"
            " ORDER BY occurred_on, id", (user_id,),
        )
        return [Slip(r["id"], date.fromisoformat(r["occurred_on"]), r["streak_days"], r["note"])
                for r in rows]
