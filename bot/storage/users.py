"""The users table: who each user is, their settings, their place in the conversation and when
their next check-in is due. One row per user, so nothing here grows with use."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from typing import Any, Literal

from bot.core import paths
from bot.core.clock import iso
from bot.storage.base import Statement, Store
from bot.storage.models import User

_SETTABLE = {
    "display_name", "ex_pronoun", "ex_nickname", "breakup_date", "timezone", "checkin_time",
    "no_contact_since",
}
# The recurring schedules, each a users column holding its next due time (bot/delivery/recurring.py
# computes them; a producer turns a due one into outbox rows).
Schedule = Literal["next_checkin_at", "next_summary_at", "next_programme_at"]
SCHEDULES: tuple[Schedule, ...] = ("next_checkin_at", "next_summary_at", "next_programme_at")
# Who should have a due time but has none (new, resumed, back after a block): the same conditions
# as the partial indexes users_needing_schedule (0005), users_needing_summary and
# users_needing_programme (0011), so each query reads its index only.
_NEEDING: dict[Schedule, str] = {
    "next_checkin_at": "next_checkin_at IS NULL AND active = 1 AND checkins_paused = 0"
                       " AND no_contact_since IS NOT NULL AND onboarded_at IS NOT NULL",
    "next_summary_at": "next_summary_at IS NULL AND active = 1 AND checkins_paused = 0"
                       " AND onboarded_at IS NOT NULL",
    "next_programme_at": "next_programme_at IS NULL AND programme_time IS NOT NULL"
                         " AND active = 1 AND checkins_paused = 0"
                         " AND no_contact_since IS NOT NULL AND onboarded_at IS NOT NULL",
}


# -- statements other tables' transactions use --------------------------------------------------

def set_state(user_id: int, state: str | None, data: dict[str, Any] | None, stamp: str, *,
              only_if_idle: bool = False) -> Statement:
    """The user's place in the conversation; `only_if_idle` leaves a state set since alone."""
    return (
        "UPDATE users SET state = ?, state_data = ?, state_at = ?, updated_at = ? WHERE user_id = ?"
        + (" AND state IS NULL" if only_if_idle else ""),
        (state, json.dumps(data or {}), stamp, stamp, user_id),
    )


def restart_no_contact(user_id: int, on: date, stamp: str) -> Statement:
    return ("UPDATE users SET no_contact_since = ?, updated_at = ? WHERE user_id = ?",
            (on.isoformat(), stamp, user_id))


def set_schedule(schedule: Schedule, user_id: int, due: datetime | None, stamp: str) -> Statement:
    return (f"UPDATE users SET {schedule} = ?, updated_at = ? WHERE user_id = ?",
            (iso(due) if due else None, stamp, user_id))


def due_for(schedule: Schedule, now: datetime, limit: int) -> Statement:
    sql = (f"SELECT * FROM users WHERE {schedule} IS NOT NULL AND {schedule} <= ?"
           f" ORDER BY {schedule} LIMIT ?")
    return sql, (iso(now), limit)


def deactivate(user_id: int, stamp: str) -> Statement:
    """Inactive, with nothing scheduled until they come back with /start."""
    return ("UPDATE users SET active = 0, next_checkin_at = NULL, next_summary_at = NULL,"
            " next_programme_at = NULL, updated_at = ? WHERE user_id = ?", (stamp, user_id))


class UsersTable(Store):
    async def get_user(self, user_id: int) -> User | None:
        """The user, with whether crisis mode holds (one read: the safety row is joined)."""
        row = await self.fetchone(
            "SELECT u.*, s.crisis_until FROM users u LEFT JOIN safety s USING (user_id)"
            " WHERE u.user_id = ?", (user_id,))
        return User.from_row(row) if row else None

    async def ensure_user(self, user_id: int, chat_id: int, *, timezone: str, checkin: time) -> User:
        """Returns the user, creating a fresh row on first contact; an existing user gets this
        chat id and is active again (they came back after blocking the bot)."""
        now = self.stamp()
        rows = await self.write_returning(
            "INSERT INTO users (user_id, chat_id, timezone, checkin_time, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(user_id) DO UPDATE SET chat_id = excluded.chat_id, active = 1,"
            " updated_at = excluded.updated_at RETURNING *",
            (user_id, chat_id, timezone, checkin.strftime("%H:%M"), now, now),
        )
        # Read back with get_user: a returning user may still be in crisis mode.
        return await self.get_user(user_id) or User.from_row(rows[0])

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
        rows = await self.write_returning(
            f"UPDATE users SET {assignments}, updated_at = ? WHERE user_id = ? RETURNING *",
            (*values.values(), self.stamp(), user_id),
        )
        return User.from_row(rows[0])

    async def set_state(self, user_id: int, state: str | None, data: dict[str, Any] | None = None) -> None:
        await self.write_one(*set_state(user_id, state, data, self.stamp()))

    async def set_state_if_idle(self, user_id: int, state: str, data: dict[str, Any] | None = None
                                ) -> bool:
        """Sets the state only while none is open (a question the user is answering stays)."""
        return await self.write_one(
            *set_state(user_id, state, data, self.stamp(), only_if_idle=True)) > 0

    async def set_language_code(self, user_id: int, code: str | None) -> None:
        """Telegram's language code, kept from the user's updates (a helpline hint)."""
        await self.write_one(
            "UPDATE users SET language_code = ?, updated_at = ? WHERE user_id = ?",
            (code, self.stamp(), user_id))

    async def set_country(self, user_id: int, country: str | None) -> None:
        """The country the user picked or typed (ISO 3166 code), for their helplines."""
        await self.write_one(
            "UPDATE users SET country = ?, updated_at = ? WHERE user_id = ?",
            (country, self.stamp(), user_id))

    async def mark_onboarded(self, user_id: int) -> None:
        await self.write_one(
            "UPDATE users SET onboarded_at = COALESCE(onboarded_at, ?), updated_at = ?"
            " WHERE user_id = ?",
            (self.stamp(), self.stamp(), user_id),
        )

    async def set_schedules(self, user_id: int, dues: dict[Schedule, datetime | None]) -> None:
        """Stores the next due time of each given schedule (None: none scheduled), in one write."""
        if not dues:
            return
        assignments = ", ".join(f"{column} = ?" for column in dues)
        await self.write_one(
            f"UPDATE users SET {assignments}, updated_at = ? WHERE user_id = ?",
            (*(iso(d) if d else None for d in dues.values()), self.stamp(), user_id))

    async def set_next_checkin(self, user_id: int, due: datetime | None) -> None:
        """Stores when the user's next daily check-in is due (None: none scheduled)."""
        await self.set_schedules(user_id, {"next_checkin_at": due})

    async def set_programme(self, user_id: int, at: time | None) -> None:
        """The morning item's local time (None: no morning items); the user was asked."""
        await self.write_one(
            "UPDATE users SET programme_time = ?, programme_asked = 1, next_programme_at = NULL,"
            " updated_at = ? WHERE user_id = ?",
            (at.strftime("%H:%M") if at else None, self.stamp(), user_id))

    async def set_checkins_paused(self, user_id: int, paused: bool) -> None:
        await self.write_one(
            "UPDATE users SET checkins_paused = ?, updated_at = ? WHERE user_id = ?",
            (int(paused), self.stamp(), user_id),
        )

    async def set_weekly_summary_day(self, user_id: int, weekday: int) -> None:
        if not 0 <= weekday <= 6:
            raise ValueError("weekday is 0 (Monday) to 6 (Sunday)")
        await self.write_one(
            "UPDATE users SET weekly_summary_day = ?, updated_at = ? WHERE user_id = ?",
            (weekday, self.stamp(), user_id),
        )

    async def users_needing_schedule(self, limit: int = 500) -> list[int]:
        """Users who should have a next check-in, summary or morning item but have none (back
        after /start, resumed, whose no-contact start was just set): the scheduler reschedules
        them. One indexed query per schedule."""
        found: dict[int, None] = {}
        for schedule in SCHEDULES:
            rows = await self.fetchall(
                f"SELECT user_id FROM users WHERE {_NEEDING[schedule]} LIMIT ?", (limit,))
            found.update((int(r[0]), None) for r in rows)
        return list(found)[:limit]

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
