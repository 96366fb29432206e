"""SQL for data rights: every table with a user_id column, found from the schema itself so a
table added later is exported and erased without touching this file."""

from __future__ import annotations

from typing import Any

from bot.storage.base import RepositoryBase


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class PrivacyRepo(RepositoryBase):
    async def user_tables(self) -> list[str]:
        """Names of every table with a user_id column, users last (children go first on delete)."""
        rows = await self.fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name"
        )
        found = []
        for row in rows:
            columns = await self.fetchall(f"PRAGMA table_info({_quote(row['name'])})")
            if any(c["name"] == "user_id" for c in columns):
                found.append(row["name"])
        return sorted(found, key=lambda name: (name == "users", name))

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
        counts = {}
        for table in await self.user_tables():
            row = await self.fetchone(
                f"SELECT COUNT(*) FROM {_quote(table)} WHERE user_id = ?", (user_id,)
            )
            if row and row[0]:
                counts[table] = int(row[0])
        return counts

    async def delete_user(self, user_id: int) -> dict[str, int]:
        """Erases every row about the user; returns what is left (always {} unless broken)."""
        # Deleted pages are overwritten with zeros rather than left readable in the file.
        await self.conn.execute("PRAGMA secure_delete = ON")
        tables = await self.user_tables()
        async with self.write() as db:
            # ON DELETE CASCADE covers tables that reference users; deleting each table
            # explicitly also covers any table someone adds without the foreign key.
            for table in tables:
                await db.execute(f"DELETE FROM {_quote(table)} WHERE user_id = ?", (user_id,))
        return await self.rows_about(user_id)
