"""SQL for urges (the shared 0002 table), the unsent-message box and the pep-talk rotation."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.core.clock import iso
from bot.storage.base import RepositoryBase

OUTCOMES = ("resisted", "wrote_it", "contacted", "open")


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
class Draft:
    id: int
    user_id: int
    urge_id: int | None
    body: str
    written_at: str
    late_night: bool
    revisit: str | None


@dataclass(frozen=True)
class UrgeCounts:
    """How a user's urges ended: what the tracker and /progress show."""

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


def _draft(row: Any) -> Draft:
    return Draft(row["id"], row["user_id"], row["urge_id"], row["body"], row["written_at"],
                 bool(row["late_night"]), row["revisit"])


class SosRepo(RepositoryBase):
    async def open_urge(self, user_id: int, source: str) -> Urge:
        """Logs a new urge (outcome 'open' until the user says how it went)."""
        now = self.stamp()
        async with self.write() as db:
            cur = await db.execute(
                "INSERT INTO urges (user_id, occurred_at, source, outcome, created_at)"
                " VALUES (?, ?, ?, 'open', ?)",
                (user_id, now, source, now),
            )
            urge_id = cur.lastrowid
        urge = await self.get_urge(user_id, int(urge_id or 0))
        assert urge is not None
        return urge

    async def get_urge(self, user_id: int, urge_id: int) -> Urge | None:
        row = await self.fetchone(
            "SELECT * FROM urges WHERE id = ? AND user_id = ?", (urge_id, user_id)
        )
        return _urge(row) if row else None

    async def set_urge_intensity(self, user_id: int, urge_id: int, intensity: int) -> bool:
        """Stores the 0-10 intensity once; False when it was already set."""
        async with self.write() as db:
            cur = await db.execute(
                "UPDATE urges SET intensity = ? WHERE id = ? AND user_id = ? AND intensity IS NULL",
                (intensity, urge_id, user_id),
            )
            return cur.rowcount == 1

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
        async with self.write() as db:
            await db.execute("DELETE FROM urges WHERE id = ? AND user_id = ?", (urge_id, user_id))

    async def urges(self, user_id: int, limit: int = 50) -> list[Urge]:
        rows = await self.fetchall(
            "SELECT * FROM urges WHERE user_id = ? ORDER BY occurred_at DESC, id DESC LIMIT ?",
            (user_id, limit),
        )
        return [_urge(r) for r in rows]

    async def urge_counts(self, user_id: int, since: datetime | None = None) -> UrgeCounts:
        """Counts of urges by outcome, all time or since `since`."""
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

    async def add_draft(self, user_id: int, body: str, *, urge_id: int | None, late_night: bool,
                        state: str | None = None, state_data: dict[str, Any] | None = None) -> Draft:
        """Stores an unsent message (and, in the same transaction, the next state)."""
        now = self.stamp()
        async with self.write() as db:
            cur = await db.execute(
                "INSERT INTO drafts (user_id, urge_id, body, written_at, late_night)"
                " VALUES (?, ?, ?, ?, ?)",
                (user_id, urge_id, body, now, int(late_night)),
            )
            draft_id = int(cur.lastrowid or 0)
            if urge_id is not None:
                await db.execute(
                    "UPDATE urges SET outcome = 'wrote_it' WHERE id = ? AND user_id = ?",
                    (urge_id, user_id),
                )
            await db.execute(
                "UPDATE users SET state = ?, state_data = ?, updated_at = ? WHERE user_id = ?",
                (state, json.dumps(state_data or {}), now, user_id),
            )
        draft = await self.get_draft(user_id, draft_id)
        assert draft is not None
        return draft

    async def get_draft(self, user_id: int, draft_id: int) -> Draft | None:
        row = await self.fetchone(
            "SELECT * FROM drafts WHERE id = ? AND user_id = ?", (draft_id, user_id)
        )
        return _draft(row) if row else None

    async def drafts(self, user_id: int, limit: int = 20) -> list[Draft]:
        rows = await self.fetchall(
            "SELECT * FROM drafts WHERE user_id = ? ORDER BY written_at DESC, id DESC LIMIT ?",
            (user_id, limit),
        )
        return [_draft(r) for r in rows]

    async def count_drafts(self, user_id: int) -> int:
        row = await self.fetchone("SELECT COUNT(*) FROM drafts WHERE user_id = ?", (user_id,))
        return int(row[0]) if row else 0

    async def answer_draft_revisit(self, user_id: int, draft_id: int, answer: str) -> bool:
        """Stores the morning answer once; False when it was already answered."""
        async with self.write() as db:
            cur = await db.execute(
                "UPDATE drafts SET revisit = ?, revisited_at = ?"
                " WHERE id = ? AND user_id = ? AND revisit IS NULL",
                (answer, self.stamp(), draft_id, user_id),
            )
            return cur.rowcount == 1

    async def recent_peps(self, user_id: int, limit: int) -> list[int]:
        """The pep talks shown last, newest first."""
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
