"""SQL for no contact: slips (the streak they ended and what set them off). Urges resisted are
counted by the SOS feature's SosRepo.urges_resisted, so /nocontact and /progress agree."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.storage.base import RepositoryBase


@dataclass(frozen=True)
class Slip:
    id: int
    occurred_on: date
    streak_days: int
    note: str | None


class NoContactRepo(RepositoryBase):
    async def record_slip(self, user_id: int, on: date, streak_days: int) -> Slip:
        """Stores the slip and restarts the streak on `on`, in one transaction."""
        stamp = self.stamp()
        async with self.write() as db:
            async with db.execute(
                "INSERT INTO slips (user_id, occurred_on, streak_days, created_at)"
                " VALUES (?, ?, ?, ?) RETURNING id",
                (user_id, on.isoformat(), streak_days, stamp),
            ) as cur:
                row = await cur.fetchone()
            await db.execute(
                "UPDATE users SET no_contact_since = ?, updated_at = ? WHERE user_id = ?",
                (on.isoformat(), stamp, user_id),
            )
        assert row is not None
        return Slip(int(row[0]), on, streak_days, None)

    async def note_slip(self, user_id: int, slip_id: int, note: str | None) -> None:
        async with self.write() as db:
            await db.execute(
                "UPDATE slips SET note = ? WHERE id = ? AND user_id = ?", (note, slip_id, user_id)
            )

    async def slips(self, user_id: int) -> list[Slip]:
        rows = await self.fetchall(
            "SELECT id, occurred_on, streak_days, note FROM slips WHERE user_id = ?"
            " ORDER BY occurred_on, id", (user_id,),
        )
        return [Slip(r["id"], date.fromisoformat(r["occurred_on"]), r["streak_days"], r["note"])
                for r in rows]
