"""Words kept from the chat: the companion's "keep it in my journal" offer (issue 9).

A stand-in until the journal feature's storage (bot/storage/journal.py on the "journal" branch)
is merged: the same table (journal_entries, migration 0009) and the same two methods, so the
companion switches over by deleting this module. Offered words wait with kept_at NULL; only the
newest offer per user is held, so nothing the user did not keep piles up."""

from __future__ import annotations

from datetime import datetime

from bot.core.clock import iso
from bot.storage.base import Store, Tx

MAX_WORDS = 4000  # characters kept of one message


class KeptWordsTable(Store):
    async def hold_words(self, user_id: int, body: str, source: str, *,
                         forget_before: datetime) -> int:
        """Holds `body` until the user taps "keep it" (replacing any earlier offer, and offers
        older than `forget_before`); returns the held row's id."""
        async def held(tx: Tx) -> int:
            await tx.execute(
                "DELETE FROM journal_entries WHERE kept_at IS NULL"
                " AND (user_id = ? OR created_at < ?)", (user_id, iso(forget_before)))
            row = await tx.fetchone(
                "INSERT INTO journal_entries (user_id, body, source, created_at)"
                " VALUES (?, ?, ?, ?) RETURNING id", (user_id, body[:MAX_WORDS], source, tx.stamp))
            assert row is not None
            return int(row[0])

        return await self.transaction(held)

    async def keep_held(self, user_id: int, entry_id: int, *, offered_since: datetime) -> bool:
        """Moves held words into the journal; False when they are gone (replaced or too old)."""
        return await self.write_one(
            "UPDATE journal_entries SET kept_at = ? WHERE id = ? AND user_id = ?"
            " AND kept_at IS NULL AND created_at >= ?",
            (self.stamp(), entry_id, user_id, iso(offered_since))) > 0

    async def kept_words(self, user_id: int) -> list[str]:
        """What the user kept, oldest first (for tests and the export)."""
        rows = await self.fetchall(
            "SELECT body FROM journal_entries WHERE user_id = ? AND kept_at IS NOT NULL"
            " ORDER BY id", (user_id,))
        return [str(r[0]) for r in rows]
