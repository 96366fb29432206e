"""SQL for the journal: free entries (journal_entries), the "keep it in my journal" offers held
until the user taps, and removing a line of the "remember why" list (step 1's problem answers,
which the answers table keeps; adding one is JourneyRepo.add_answer)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.core.clock import iso
from bot.storage import users
from bot.storage.base import Store, Tx

_COLUMNS = "id, body, prompt, source, created_at, edited_at"


@dataclass(frozen=True)
class JournalEntry:
    id: int
    body: str
    prompt: str | None
    source: str
    created_at: str
    edited_at: str | None


def _entry(row: Any) -> JournalEntry:
    return JournalEntry(row["id"], row["body"], row["prompt"], row["source"], row["created_at"],
                        row["edited_at"])


class JournalTable(Store):
    async def add_entry(self, user_id: int, body: str, *, prompt: str | None = None,
                        source: str = "write", close_question: bool = False) -> JournalEntry:
        """Stores a journal entry and, with `close_question`, leaves the open question in the
        same transaction (so a crash never keeps the journal open after the entry is in)."""
        async def body_(tx: Tx) -> JournalEntry:
            row = await tx.fetchone(
                "INSERT INTO journal_entries (user_id, body, prompt, source, created_at, kept_at)"
                f" VALUES (?, ?, ?, ?, ?, ?) RETURNING {_COLUMNS}",
                (user_id, body, prompt, source, tx.stamp, tx.stamp))
            assert row is not None
            if close_question:
                await tx.execute(*users.set_state(user_id, None, None, tx.stamp))
            return _entry(row)

        return await self.transaction(body_)

    async def journal_entry(self, user_id: int, entry_id: int) -> JournalEntry | None:
        """One entry of the user's journal (None for another user's, or a mere offer)."""
        row = await self.fetchone(
            f"SELECT {_COLUMNS} FROM journal_entries WHERE id = ? AND user_id = ?"
            " AND kept_at IS NOT NULL", (entry_id, user_id))
        return _entry(row) if row else None

    async def journal_entries(self, user_id: int, *, before: int | None = None,
                              limit: int = 5) -> list[JournalEntry]:
        """The newest entries (older than entry id `before`, when given), newest first."""
        rows = await self.fetchall(
            f"SELECT {_COLUMNS} FROM journal_entries WHERE user_id = ? AND kept_at IS NOT NULL"
            " AND id < ? ORDER BY id DESC LIMIT ?",
            (user_id, before if before is not None else 1 << 62, limit))
        return [_entry(r) for r in rows]

    async def whole_journal(self, user_id: int) -> list[JournalEntry]:
        """Every entry, oldest first (the export)."""
        rows = await self.fetchall(
            f"SELECT {_COLUMNS} FROM journal_entries WHERE user_id = ? AND kept_at IS NOT NULL"
            " ORDER BY id", (user_id,))
        return [_entry(r) for r in rows]

    async def count_journal(self, user_id: int) -> int:
        row = await self.fetchone(
            "SELECT COUNT(*) FROM journal_entries WHERE user_id = ? AND kept_at IS NOT NULL",
            (user_id,))
        return int(row[0]) if row else 0

    async def edit_entry(self, user_id: int, entry_id: int, body: str) -> bool:
        """Replaces an entry's text and leaves the question, in one transaction; False when the
        entry is gone (deleted meanwhile): then nothing changes but the state."""
        async def edit(tx: Tx) -> bool:
            changed = await tx.execute(
                "UPDATE journal_entries SET body = ?, edited_at = ? WHERE id = ? AND user_id = ?"
                " AND kept_at IS NOT NULL", (body, tx.stamp, entry_id, user_id))
            await tx.execute(*users.set_state(user_id, None, None, tx.stamp))
            return changed == 1

        return await self.transaction(edit)

    async def delete_entry(self, user_id: int, entry_id: int) -> bool:
        return await self.write_one(
            "DELETE FROM journal_entries WHERE id = ? AND user_id = ?", (entry_id, user_id)) == 1

    async def hold_words(self, user_id: int, body: str, source: str, *,
                         forget_before: datetime) -> int:
        """Keeps words the user may want in their journal until they tap, and returns the
        offer's id for the button. Only the newest offer per user is held, and anyone's offer
        older than `forget_before` is forgotten on the way (offers are few: no sweep needed)."""
        async def hold(tx: Tx) -> int:
            await tx.execute(
                "DELETE FROM journal_entries WHERE kept_at IS NULL"
                " AND (user_id = ? OR created_at < ?)", (user_id, iso(forget_before)))
            row = await tx.fetchone(
                "INSERT INTO journal_entries (user_id, body, source, created_at)"
                " VALUES (?, ?, ?, ?) RETURNING id", (user_id, body, source, tx.stamp))
            assert row is not None
            return int(row["id"])

        return await self.transaction(hold)

    async def keep_held(self, user_id: int, entry_id: int, *, offered_since: datetime) -> bool:
        """Moves an offer made since `offered_since` into the journal; False when it is gone,
        too old, or kept already."""
        return await self.write_one(
            "UPDATE journal_entries SET kept_at = ? WHERE id = ? AND user_id = ?"
            " AND kept_at IS NULL AND created_at >= ?",
            (self.stamp(), entry_id, user_id, iso(offered_since))) == 1

    async def remove_card_line(self, user_id: int, answer_id: int) -> bool:
        """Removes one line of the "remember why" list (a step-1 problem answer)."""
        return await self.write_one(
            "DELETE FROM answers WHERE id = ? AND user_id = ? AND step = 1 AND key = 'problem'",
            (answer_id, user_id)) == 1
