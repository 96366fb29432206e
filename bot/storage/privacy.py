"""Data rights across every table: export and erase everything about one user. The tables with a
user_id column are found from the schema itself, so a table added later is exported and erased
without touching this file.

Erasing reaches the disk: the writer runs with PRAGMA secure_delete (deleted rows are overwritten
with zeros), and after the delete the WAL is checkpointed into the main file and truncated, so
the old pages do not linger in bot.sqlite3-wal. Backups taken before keep their copy (README)."""

from __future__ import annotations

import logging
from typing import Any

from bot.storage.base import Store

log = logging.getLogger(__name__)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class PrivacyTables(Store):
    async def user_tables(self) -> list[str]:
        """Names of every table with a user_id column, users last (children go first on delete)."""
        rows = await self.fetchall(
            "SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) c"
            " WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND c.name = 'user_id'"
        )
        return sorted((row["name"] for row in rows), key=lambda name: (name == "users", name))

    async def export_user(self, user_id: int) -> dict[str, list[dict[str, Any]]]:
        """Every stored row about the user, table by table."""
        out: dict[str, list[dict[str, Any]]] = {}
        for table in await self.user_tables():
            rows = await self.fetchall(
                f"SELECT * FROM {_quote(table)} WHERE user_id = ? ORDER BY rowid", (user_id,)
            )
            out[table] = [dict(row) for row in rows]
        return out

    async def rows_about(self, user_id: int) -> dict[str, int]:
        """How many rows each table still holds for the user (only tables with any)."""
        tables = await self.user_tables()
        rows = await self.fetchall(
            " UNION ALL ".join(
                f"SELECT ? AS name, COUNT(*) AS n FROM {_quote(t)} WHERE user_id = ?"
                for t in tables),
            [value for t in tables for value in (t, user_id)],
        )
        return {row["name"]: int(row["n"]) for row in rows if row["n"]}

    async def delete_user(self, user_id: int) -> dict[str, int]:
        """Erases every row about the user, then flushes the WAL; returns what is left (always
        {} unless broken)."""
        tables = await self.user_tables()
        # ON DELETE CASCADE covers tables that reference users; deleting each table explicitly
        # also covers any table someone adds without the foreign key.
        await self.write_all(
            [(f"DELETE FROM {_quote(table)} WHERE user_id = ?", (user_id,)) for table in tables])
        if not await self.database.checkpoint():
            log.warning("the WAL could not be emptied after a deletion (a reader held it)")
        return await self.rows_about(user_id)
