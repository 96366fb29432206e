"""The checkins table: the answers of each day's check-in, one row per user and local date (so
it grows by at most one row a day)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.storage.base import Store
from bot.storage.models import DayPoint

FIELDS = ("mood", "contacted", "urge", "note")


@dataclass(frozen=True)
class Checkin:
    user_id: int
    local_date: date
    mood: int | None
    contacted: bool | None
    urge: int | None
    note: str | None
    completed: bool
    # The contact that day was the user's planned step-7 message and nothing else.
    contact_planned: bool = False

    @property
    def slipped(self) -> bool:
        """They contacted the ex that day beyond a planned message: a slip."""
        return bool(self.contacted) and not self.contact_planned


def _checkin(row: Any) -> Checkin:
    return Checkin(
        user_id=row["user_id"], local_date=date.fromisoformat(row["local_date"]),
        mood=row["mood"], contacted=None if row["contacted"] is None else bool(row["contacted"]),
        urge=row["urge"], note=row["note"], completed=row["completed_at"] is not None,
        contact_planned=bool(row["contact_planned"]),
    )


class CheckinsTable(Store):
    async def get_checkin(self, user_id: int, local_date: date) -> Checkin | None:
        row = await self.fetchone(
            "SELECT * FROM checkins WHERE user_id = ? AND local_date = ?",
            (user_id, local_date.isoformat()),
        )
        return _checkin(row) if row else None

    async def save_checkin_answer(self, user_id: int, local_date: date, field: str, value: Any,
                                  *, complete: bool = False) -> None:
        """Stores one answer of the day's check-in (creating the row on the first answer)."""
        if field not in FIELDS:
            raise ValueError(f"not a check-in field: {field}")
        stamp = self.stamp()
        done = stamp if complete else None
        await self.write_one(
            f"INSERT INTO checkins (user_id, local_date, {field}, created_at, completed_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT(user_id, local_date) DO UPDATE SET"
            f" {field} = excluded.{field},"
            " completed_at = COALESCE(excluded.completed_at, checkins.completed_at)",
            (user_id, local_date.isoformat(), value, stamp, done),
        )

    async def save_contact_answer(self, user_id: int, local_date: date, *, contacted: bool,
                                  planned: bool) -> None:
        """Stores the day's "did you contact them?": whether there was contact, and whether it
        was only the planned step-7 message (which is not a slip)."""
        await self.write_one(
            "INSERT INTO checkins (user_id, local_date, contacted, contact_planned, created_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT(user_id, local_date) DO UPDATE SET"
            " contacted = excluded.contacted, contact_planned = excluded.contact_planned",
            (user_id, local_date.isoformat(), int(contacted), int(planned), self.stamp()),
        )

    async def checkin_points(self, user_id: int, since: date) -> list[DayPoint]:
        """Mood and urge answered on each local day from `since` on, oldest first."""
        rows = await self.fetchall(
            "SELECT local_date, mood, urge FROM checkins WHERE user_id = ? AND local_date >= ?"
            " AND (mood IS NOT NULL OR urge IS NOT NULL) ORDER BY local_date",
            (user_id, since.isoformat()),
        )
        return [DayPoint(date.fromisoformat(r["local_date"]), r["mood"], r["urge"]) for r in rows]
