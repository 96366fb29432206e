"""The urges table: every urge to reach out (from /sos, the "I want to text them" button, free
text or a check-in), how strong it was, what set it off and how it ended.

Capped: a user keeps their newest URGES_KEPT urges (a trigger in migration 0006 deletes older
ones on insert), so the counts /progress and /nocontact show are over those."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.core.clock import iso
from bot.storage.base import Statement, Store

OUTCOMES = ("resisted", "wrote_it", "contacted", "open")
URGES_KEPT = 1000  # the same number is in migrations/0006_history_caps.sql


@dataclass(frozen=True)
class Urge:
    id: int
    user_id: int
    occurred_at: str
    source: str
    intensity: int | None
    trigger: str | None
    outcome: str | None


@dataclass(frozen=True)
class UrgeCounts:
    """How a user's urges ended: what the tracker, /progress and the weekly summary show."""

    total: int = 0
    resisted: int = 0
    wrote_it: int = 0
    contacted: int = 0
    open: int = 0

    @property
    def held_off(self) -> int:
        """Urges that did not end in contact: resisted outright or written here instead."""
        return self.resisted + self.wrote_it


def _urge(row: Any) -> Urge:
    return Urge(row["id"], row["user_id"], row["occurred_at"], row["source"], row["intensity"],
                row["trigger"], row["outcome"])


def wrote_it(user_id: int, urge_id: int) -> Statement:
    """The urge ended in a message written here instead of sent (the drafts table's insert)."""
    return ("UPDATE urges SET outcome = 'wrote_it' WHERE id = ? AND user_id = ?",
            (urge_id, user_id))


class UrgesTable(Store):
    async def add_urge(self, user_id: int, source: str, *, occurred_at: datetime | None = None,
                       intensity: int | None = None, outcome: str = "open") -> Urge:
        """Logs an urge (outcome 'open' until the user says how it went)."""
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome {outcome!r}")
        now = self.stamp()
        rows = await self.write_returning(
            "INSERT INTO urges (user_id, occurred_at, source, intensity, outcome, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?) RETURNING *",
            (user_id, iso(occurred_at) if occurred_at else now, source, intensity, outcome, now),
        )
        return _urge(rows[0])

    async def get_urge(self, user_id: int, urge_id: int) -> Urge | None:
        row = await self.fetchone(
            "SELECT * FROM urges WHERE id = ? AND user_id = ?", (urge_id, user_id)
        )
        return _urge(row) if row else None

    async def set_urge_intensity(self, user_id: int, urge_id: int, intensity: int) -> bool:
        """Stores the 0-10 intensity once; False when it was already set."""
        return await self.write_one(
            "UPDATE urges SET intensity = ? WHERE id = ? AND user_id = ? AND intensity IS NULL",
            (intensity, urge_id, user_id),
        ) == 1

    async def set_urge_trigger(self, user_id: int, urge_id: int, trigger: str) -> None:
        await self.write_one(
            "UPDATE urges SET trigger = ? WHERE id = ? AND user_id = ?",
            (trigger, urge_id, user_id),
        )

    async def set_urge_outcome(self, user_id: int, urge_id: int, outcome: str) -> None:
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome {outcome!r}")
        await self.write_one(
            "UPDATE urges SET outcome = ? WHERE id = ? AND user_id = ?",
            (outcome, urge_id, user_id),
        )

    async def drop_urge(self, user_id: int, urge_id: int) -> None:
        """Removes an urge the bot misread (the user said it wasn't one)."""
        await self.write_one("DELETE FROM urges WHERE id = ? AND user_id = ?", (urge_id, user_id))

    async def urges(self, user_id: int, limit: int = 50) -> list[Urge]:
        """The newest urges first."""
        rows = await self.fetchall(
            "SELECT * FROM urges WHERE user_id = ? ORDER BY occurred_at DESC, id DESC LIMIT ?",
            (user_id, limit),
        )
        return [_urge(r) for r in rows]

    async def urge_counts(self, user_id: int, since: datetime | None = None) -> UrgeCounts:
        """Counts of urges by outcome, all kept ones or since `since`."""
        sql = "SELECT outcome, COUNT(*) AS n FROM urges WHERE user_id = ?"
        params: list[Any] = [user_id]
        if since is not None:
            sql += " AND occurred_at >= ?"
            params.append(iso(since))
        rows = await self.fetchall(sql + " GROUP BY outcome", params)
        by = {(r["outcome"] or "open"): int(r["n"]) for r in rows}
        return UrgeCounts(total=sum(by.values()), **{k: by.get(k, 0) for k in OUTCOMES})

    async def urges_resisted(self, user_id: int, since: datetime | None = None) -> int:
        """Urges that did not end in contact (resisted, or written here instead)."""
        return (await self.urge_counts(user_id, since)).held_off
