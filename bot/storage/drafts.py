"""The drafts table: messages to the ex written here instead of sent (the unsent-message box),
and the morning answer to "still want to send this?" for late-night ones.

Capped: a user keeps their newest DRAFTS_KEPT drafts (a trigger in migration 0006 deletes older
ones on insert); /drafts shows far fewer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.storage import urges, users
from bot.storage.base import Store, Tx

DRAFTS_KEPT = 500  # the same number is in migrations/0006_history_caps.sql


@dataclass(frozen=True)
class Draft:
    id: int
    user_id: int
    urge_id: int | None
    body: str
    written_at: str
    late_night: bool
    revisit: str | None


def _draft(row: Any) -> Draft:
    return Draft(row["id"], row["user_id"], row["urge_id"], row["body"], row["written_at"],
                 bool(row["late_night"]), row["revisit"])


class DraftsTable(Store):
    async def add_draft(self, user_id: int, body: str, *, urge_id: int | None, late_night: bool,
                        state: str | None = None, state_data: dict[str, Any] | None = None) -> Draft:
        """Stores an unsent message, marks its urge written out, and sets the next state, in
        one transaction."""
        async def insert(tx: Tx) -> Draft:
            row = await tx.fetchone(
                "INSERT INTO drafts (user_id, urge_id, body, written_at, late_night)"
                " VALUES (?, ?, ?, ?, ?) RETURNING *",
                (user_id, urge_id, body, tx.stamp, int(late_night)),
            )
            if urge_id is not None:
                await tx.execute(*urges.wrote_it(user_id, urge_id))
            await tx.execute(*users.set_state(user_id, state, state_data, tx.stamp))
            assert row is not None
            return _draft(row)

        return await self.transaction(insert)

    async def get_draft(self, user_id: int, draft_id: int) -> Draft | None:
        row = await self.fetchone(
            "SELECT * FROM drafts WHERE id = ? AND user_id = ?", (draft_id, user_id)
        )
        return _draft(row) if row else None

    async def drafts(self, user_id: int, limit: int = 20) -> list[Draft]:
        """The newest drafts first."""
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
        return await self.write_one(
            "UPDATE drafts SET revisit = ?, revisited_at = ?"
            " WHERE id = ? AND user_id = ? AND revisit IS NULL",
            (answer, self.stamp(), draft_id, user_id),
        ) == 1
