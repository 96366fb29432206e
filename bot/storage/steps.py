"""The step_progress and answers tables: which of the seven steps are started or done, and the
answers given in them.

Capped: a user keeps the newest ANSWERS_KEPT answers to each question of each step (a trigger
in migration 0006); the steps themselves ask for at most 30 (step 1's problems)."""

from __future__ import annotations

from typing import Any

from bot.core.clock import parse_iso
from bot.core.outreach import FOLLOW_UP_KIND, Outreach
from bot.storage import users
from bot.storage.base import Statement, Store
from bot.storage.models import Answer, StepStatus

ANSWERS_KEPT = 50  # the same number is in migrations/0006_history_caps.sql


class StepsTable(Store):
    async def step_statuses(self, user_id: int) -> dict[int, StepStatus]:
        rows = await self.fetchall(
            "SELECT step, status FROM step_progress WHERE user_id = ?", (user_id,)
        )
        return {r["step"]: StepStatus(r["step"], r["status"]) for r in rows}

    async def start_step(self, user_id: int, step: int) -> None:
        await self.write_one(
            "INSERT INTO step_progress (user_id, step, status, started_at) VALUES (?, ?, 'started', ?)"
            " ON CONFLICT(user_id, step) DO NOTHING",
            (user_id, step, self.stamp()),
        )

    async def complete_step(self, user_id: int, step: int) -> None:
        now = self.stamp()
        await self.write_one(
            "INSERT INTO step_progress (user_id, step, status, started_at, completed_at)"
            " VALUES (?, ?, 'done', ?, ?)"
            " ON CONFLICT(user_id, step) DO UPDATE SET status = 'done',"
            " completed_at = COALESCE(step_progress.completed_at, excluded.completed_at)",
            (user_id, step, now, now),
        )

    async def add_answer(
        self, user_id: int, step: int, key: str, value: str, *, state: str | None = None,
        state_data: dict[str, Any] | None = None, replace: bool = False,
    ) -> None:
        """Stores one answer and, in the same transaction, the next conversation state."""
        now = self.stamp()
        statements: list[Statement] = []
        if replace:
            statements.append(("DELETE FROM answers WHERE user_id = ? AND step = ? AND key = ?",
                               (user_id, step, key)))
        statements.append(
            ("INSERT INTO answers (user_id, step, key, value, created_at) VALUES (?, ?, ?, ?, ?)",
             (user_id, step, key, value, now)))
        if state is not None or state_data is not None:
            statements.append(users.set_state(user_id, state, state_data, now))
        if len(statements) == 1:
            await self.write_one(*statements[0])
        else:
            await self.write_all(statements)

    async def answers(self, user_id: int, step: int | None = None, key: str | None = None) -> list[Answer]:
        sql = "SELECT id, step, key, value, created_at FROM answers WHERE user_id = ?"
        params: list[object] = [user_id]
        if step is not None:
            sql += " AND step = ?"
            params.append(step)
        if key is not None:
            sql += " AND key = ?"
            params.append(key)
        rows = await self.fetchall(sql + " ORDER BY id", params)
        return [Answer(r["id"], r["step"], r["key"], r["value"], r["created_at"]) for r in rows]

    async def latest_outreach(self, user_id: int) -> Outreach | None:
        """The newest step-7 message the user said they sent, whether its follow-up was
        answered since (a "reply" stored after it) and when a pending follow-up is due; None
        when they never sent one."""
        row = await self.fetchone(
            "SELECT s.created_at, EXISTS (SELECT 1 FROM answers r WHERE r.user_id = s.user_id"
            " AND r.step = 7 AND r.key = 'reply' AND r.id > s.id) AS answered,"
            " (SELECT MAX(due_at) FROM outbox o WHERE o.user_id = s.user_id AND o.kind = ?"
            " AND o.status IN ('pending', 'queued')) AS follow_up_at"
            " FROM answers s WHERE s.user_id = ? AND s.step = 7 AND s.key = 'sent'"
            " ORDER BY s.id DESC LIMIT 1", (FOLLOW_UP_KIND, user_id),
        )
        if row is None:
            return None
        due = row["follow_up_at"]
        return Outreach(parse_iso(row["created_at"]), bool(row["answered"]),
                        parse_iso(due) if due else None)

    async def latest_answer(self, user_id: int, step: int, key: str) -> str | None:
        row = await self.fetchone(
            "SELECT value FROM answers WHERE user_id = ? AND step = ? AND key = ?"
            " ORDER BY id DESC LIMIT 1",
            (user_id, step, key),
        )
        return row["value"] if row else None
