"""SQL for trusted_people: the one person the user would call when it gets hard."""

from __future__ import annotations

from dataclasses import dataclass

from bot.storage.base import Store


@dataclass(frozen=True)
class TrustedPerson:
    name: str
    reach: str | None  # how to reach them, as the user wrote it (a number, "@handle", ...)


class PeopleTable(Store):
    async def trusted_person(self, user_id: int) -> TrustedPerson | None:
        row = await self.fetchone(
            "SELECT name, reach FROM trusted_people WHERE user_id = ?", (user_id,))
        return TrustedPerson(row["name"], row["reach"]) if row else None

    async def set_trusted_person(self, user_id: int, name: str, reach: str | None) -> None:
        await self.write_one(
            "INSERT INTO trusted_people (user_id, name, reach, updated_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(user_id) DO UPDATE SET name = excluded.name, reach = excluded.reach,"
            " updated_at = excluded.updated_at", (user_id, name, reach, self.stamp()))

    async def clear_trusted_person(self, user_id: int) -> None:
        await self.write_one("DELETE FROM trusted_people WHERE user_id = ?", (user_id,))
