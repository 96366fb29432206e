"""SQL for users: who they are, their settings and their place in the conversation."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from typing import Any

from bot.core import paths
from bot.core.clock import iso
from bot.storage.base import RepositoryBase
from bot.storage.models import User

_SETTABLE = {
    "display_name", "ex_pronoun", "ex_nickname", "breakup_date", "timezone", "checkin_time",
    "no_contact_since",
}


class UsersRepo(RepositoryBase):
    async def get_user(self, user_id: int) -> User | None:
        row = await self.fetchone("SELECT * FROM users WHERE user_id = ?", (user_id,))
        return User.from_row(row) if row else None

    async def ensure_user(self, user_id: int, chat_id: int, *, timezone: str, checkin: time) -> User:
        """Returns the user, creating a fresh row on first contact; a returning user is active again."""
        now = self.stamp()
        await self.write_one(
            "INSERT INTO users (user_id, chat_id, timezone, checkin_time, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(user_id) DO UPDATE SET chat_id = excluded.chat_id",
            (user_id, chat_id, timezone, checkin.strftime("%H:%M"), now, now),
        )
        user = await self.get_user(user_id)
        assert user is not None
        return user

    async def set_active(self, user_id: int, active: bool) -> None:
        await self.write_one(
            "UPDATE users SET active = ?, updated_at = ? WHERE user_id = ?",
            (int(active), self.stamp(), user_id),
        )

    async def update_profile(self, user_id: int, **fields: Any) -> User:
        """Sets any of the profile fields (name, pronoun, nickname, dates, zone, check-in time)."""
        unknown = set(fields) - _SETTABLE
        if unknown:
            raise ValueError(f"not a profile field: {sorted(unknown)}")
        values = {k: _column_value(v) for k, v in fields.items()}
        assignments = ", ".join(f"{k} = ?" for k in values)
        await self.write_one(
            f"UPDATE users SET {assignments}, updated_at = ? WHERE user_id = ?",
            (*values.values(), self.stamp(), user_id),
        )
        user = await self.get_user(user_id)
        assert user is not None
        return user

    async def set_state(self, user_id: int, state: str | None, data: dict[str, Any] | None = None) -> None:
        await self.write_one(
            "UPDATE users SET state = ?, state_data = ?, updated_at = ? WHERE user_id = ?",
            (state, json.dumps(data or {}), self.stamp(), user_id),
        )

    async def mark_onboarded(self, user_id: int) -> None:
        await self.write_one(
            "UPDATE users SET onboarded_at = COALESCE(onboarded_at, ?), updated_at = ?"
            " WHERE user_id = ?",
            (self.stamp(), self.stamp(), user_id),
        )

    async def set_next_checkin(self, user_id: int, due: datetime | None) -> None:
        """Stores when the user's next daily check-in is due (None: none scheduled)."""
        await self.write_one(
            "UPDATE users SET next_checkin_at = ?, updated_at = ? WHERE user_id = ?",
            (iso(due) if due else None, self.stamp(), user_id),
        )

    async def set_checkins_paused(self, user_id: int, paused: bool) -> None:
        await self.write_one(
            "UPDATE users SET checkins_paused = ?, updated_at = ? WHERE user_id = ?",
            (int(paused), self.stamp(), user_id),
        )

    async def set_path(self, user_id: int, path: str) -> bool:
        """Stores the plan's path; False (and nothing changed) when it is not a path, or when
        a path other than safety is asked for while the safety hold stands: safety wins."""
        if path not in paths.PATHS:
            raise ValueError(f"not a path: {path!r}")
        return await self.write_one(
            "UPDATE users SET path = ?, updated_at = ? WHERE user_id = ? AND (? = 'safety'"
            " OR NOT EXISTS (SELECT 1 FROM safety WHERE safety.user_id = users.user_id"
            " AND abuse_flag_at IS NOT NULL AND step7_confirmed_at IS NULL))",
            (path, self.stamp(), user_id, path),
        ) > 0

    async def count_users(self) -> int:
        row = await self.fetchone("SELECT COUNT(*) FROM users")
        return int(row[0]) if row else 0


def _column_value(value: Any) -> Any:
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return value
