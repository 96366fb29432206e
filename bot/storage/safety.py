"""The safety table, one row per user the safety feature has something to remember about: the
conversation a crisis message paused, the abuse flag and the explicit confirmation that lifts
the step-7 hold. Also the admin's counts (numbers only, across users and safety)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.core.clock import iso, parse_iso
from bot.storage import users
from bot.storage.base import Statement, Store, Tx

ABUSE_WORDS_KEPT = 3  # the newest disclosures the informed confirmation quotes
ABUSE_WORDS_MAX = 500  # characters kept of each


@dataclass(frozen=True)
class SafetyRecord:
    user_id: int
    paused_state: str | None
    paused_data: dict[str, Any]
    crisis_count: int
    abuse_flagged: bool
    abuse_flag_source: str | None
    step7_confirmed: bool
    crisis_until: datetime | None = None
    abuse_words: tuple[str, ...] = ()
    hold_reviewed: bool = False

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
            crisis_until=parse_iso(row["crisis_until"]) if row["crisis_until"] else None,
            abuse_words=tuple(json.loads(row["abuse_words"] or "[]")),
            hold_reviewed=row["hold_reviewed_at"] is not None,
        )

    async def pause_for_crisis(self, user_id: int, state: str | None, data: dict[str, Any], *,
                               until: datetime | None = None, then: str | None = None) -> None:
        """Sets the user's state to `then` (None: no question), keeping the one they were in
        (unless one is kept already) for "carry on"; with `until`, crisis mode lasts till then."""
        now = self.stamp()
        await self.write_all([
            _ensure_row(user_id, now),
            # A second crisis message arrives with the state already cleared: keep the first.
            (("UPDATE safety SET crisis_count = crisis_count + 1, last_crisis_at = ?,"
              " paused_state = COALESCE(?, paused_state),"
              " paused_data = CASE WHEN ? IS NULL THEN paused_data ELSE ? END,"
              " crisis_until = COALESCE(?, crisis_until),"
              " updated_at = ? WHERE user_id = ?"),
             (now, state, state, json.dumps(data or {}), iso(until) if until else None, now,
              user_id)),
            users.set_state(user_id, then, None, now),
        ])

    async def end_crisis_mode(self, user_id: int) -> bool:
        """Ends crisis mode ("I'm okay to carry on"); True when it was on."""
        now = self.stamp()
        return await self.write_one(
            "UPDATE safety SET crisis_until = NULL, updated_at = ?"
            " WHERE user_id = ? AND crisis_until IS NOT NULL", (now, user_id)) > 0

    async def drop_paused(self, user_id: int) -> None:
        """Forgets a paused question (the user moved on to another one)."""
        await self.write_one(
            "UPDATE safety SET paused_state = NULL, paused_data = NULL, updated_at = ?"
            " WHERE user_id = ?", (self.stamp(), user_id))

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

    async def flag_abuse(self, user_id: int, source: str, words: str | None = None) -> bool:
        """Stores the abuse flag (and the user's words, the newest few, for the informed
        confirmation) and puts the user on the safety path, in one transaction; True when the
        flag is new (the user has not heard the note yet). Words told after a confirmation
        put the hold back: they must be confirmed again."""
        now = self.stamp()

        async def body(tx: Tx) -> bool:
            await tx.execute(*_ensure_row(user_id, now))
            row = await tx.fetchone("SELECT abuse_words, abuse_flag_at, step7_confirmed_at"
                                    " FROM safety WHERE user_id = ?", (user_id,))
            assert row is not None
            kept = list(json.loads(row["abuse_words"] or "[]"))
            if words and words.strip():
                kept = [*kept, words.strip()[:ABUSE_WORDS_MAX]][-ABUSE_WORDS_KEPT:]
            await tx.execute(
                "UPDATE safety SET abuse_flag_at = COALESCE(abuse_flag_at, ?),"
                " abuse_flag_source = COALESCE(abuse_flag_source, ?), abuse_words = ?,"
                " step7_confirmed_at = NULL, hold_reviewed_at = NULL, updated_at = ?"
                " WHERE user_id = ?", (now, source, json.dumps(kept), now, user_id))
            if row["abuse_flag_at"] is None or row["step7_confirmed_at"] is not None:
                # The hold stands (again): the plan follows the safety path.
                await tx.execute("UPDATE users SET path = 'safety', updated_at = ?"
                                 " WHERE user_id = ?", (now, user_id))
            return row["abuse_flag_at"] is None

        return await self.transaction(body)

    async def mark_hold_reviewed(self, user_id: int) -> bool:
        """Notes that the informed confirmation screen (their words, the line) was shown;
        False when there is no hold to review."""
        now = self.stamp()
        return await self.write_one(
            "UPDATE safety SET hold_reviewed_at = ?, updated_at = ? WHERE user_id = ?"
            " AND abuse_flag_at IS NOT NULL AND step7_confirmed_at IS NULL", (now, now, user_id),
        ) > 0

    async def confirm_step7(self, user_id: int) -> bool:
        """Records the user's informed wish to go on to step 7: only after the confirmation
        screen was shown (never a single tap); False otherwise or if there was no hold."""
        now = self.stamp()
        return await self.write_one(
            "UPDATE safety SET step7_confirmed_at = ?, updated_at = ?"
            " WHERE user_id = ? AND abuse_flag_at IS NOT NULL AND step7_confirmed_at IS NULL"
            " AND hold_reviewed_at IS NOT NULL",
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
