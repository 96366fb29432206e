"""The safety table, one row per user the safety feature has something to remember about: the
conversation a crisis message paused, the abuse flag and the explicit confirmation that lifts
the step-7 hold. Also the admin's counts (numbers only, across users and safety)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from bot.storage import users
from bot.storage.base import Statement, Store, Tx


@dataclass(frozen=True)
class SafetyRecord:
    user_id: int
    paused_state: str | None
    paused_data: dict[str, Any]
    crisis_count: int
    abuse_flagged: bool
    abuse_flag_source: str | None
    step7_confirmed: bool

    @property
    def hold(self) -> bool:
        """True while step 7 stays locked for safety."""
        return self.abuse_flagged and not self.step7_confirmed


@dataclass(frozen=True)
class SafetyCounts:
    """Counts only, for the admin /stats: never a name, an id or a word anyone wrote."""

    users: int
    onboarded: int
    crisis_screens: int
    users_with_crisis: int
    abuse_flags: int
    step7_confirmed: int


def _ensure_row(user_id: int, stamp: str) -> Statement:
    sql = ("INSERT INTO safety (user_id, created_at, updated_at) VALUES (?, ?, ?)"
           " ON CONFLICT(user_id) DO NOTHING")
    return sql, (user_id, stamp, stamp)


class SafetyTable(Store):
    async def safety_record(self, user_id: int) -> SafetyRecord | None:
        row = await self.fetchone("SELECT * FROM safety WHERE user_id = ?", (user_id,))
        if row is None:
            return None
        return SafetyRecord(
            user_id=row["user_id"], paused_state=row["paused_state"],
            paused_data=json.loads(row["paused_data"] or "{}"), crisis_count=row["crisis_count"],
            abuse_flagged=row["abuse_flag_at"] is not None,
            abuse_flag_source=row["abuse_flag_source"],
            step7_confirmed=row["step7_confirmed_at"] is not None,
        )

    async def pause_for_crisis(self, user_id: int, state: str | None, data: dict[str, Any]) -> None:
        """Clears the user's state, keeping it (unless one is kept already) for "carry on"."""
        now = self.stamp()
        await self.write_all([
            _ensure_row(user_id, now),
            # A second crisis message arrives with the state already cleared: keep the first.
            (("UPDATE safety SET crisis_count = crisis_count + 1, last_crisis_at = ?,"
              " paused_state = COALESCE(?, paused_state),"
              " paused_data = CASE WHEN ? IS NULL THEN paused_data ELSE ? END,"
              " updated_at = ? WHERE user_id = ?"),
             (now, state, state, json.dumps(data or {}), now, user_id)),
            users.set_state(user_id, None, None, now),
        ])

    async def resume_paused(self, user_id: int) -> tuple[str, dict[str, Any]] | None:
        """Puts a paused state back (only if no new one was set since) and forgets it."""
        record = await self.safety_record(user_id)
        if record is None or record.paused_state is None:
            return None
        now = self.stamp()
        await self.write_all([
            users.set_state(user_id, record.paused_state, record.paused_data, now,
                            only_if_idle=True),
            (("UPDATE safety SET paused_state = NULL, paused_data = NULL, updated_at = ?"
              " WHERE user_id = ?"), (now, user_id)),
        ])
        return record.paused_state, record.paused_data

    async def flag_abuse(self, user_id: int, source: str) -> bool:
        """Stores the abuse flag and puts the user on the safety path, in one transaction;
        True when the flag is new (the user has not heard the note yet)."""
        now = self.stamp()

        async def body(tx: Tx) -> bool:
            await tx.execute(*_ensure_row(user_id, now))
            flagged = await tx.execute(
                "UPDATE safety SET abuse_flag_at = ?, abuse_flag_source = ?, updated_at = ?"
                " WHERE user_id = ? AND abuse_flag_at IS NULL", (now, source, now, user_id))
            if flagged > 0:
                await tx.execute("UPDATE users SET path = 'safety', updated_at = ?"
                                 " WHERE user_id = ?", (now, user_id))
            return flagged > 0

        return await self.transaction(body)

    async def confirm_step7(self, user_id: int) -> bool:
        """Records the user's informed confirmation that they are safe and choose to go on,
        which lifts the hold (the path stays safety until they pick another); False if there
        was no hold."""
        now = self.stamp()
        return await self.write_one(
            "UPDATE safety SET step7_confirmed_at = ?, updated_at = ?"
            " WHERE user_id = ? AND abuse_flag_at IS NOT NULL AND step7_confirmed_at IS NULL",
            (now, now, user_id),
        ) > 0

    async def safety_counts(self) -> SafetyCounts:
        people = await self.fetchone(
            "SELECT COUNT(*), COUNT(onboarded_at) FROM users"
        )
        safety = await self.fetchone(
            "SELECT COALESCE(SUM(crisis_count), 0), COUNT(last_crisis_at), COUNT(abuse_flag_at),"
            " COUNT(step7_confirmed_at) FROM safety"
        )
        assert people is not None and safety is not None
        return SafetyCounts(people[0], people[1], safety[0], safety[1], safety[2], safety[3])
