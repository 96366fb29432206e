"""The jobs table: one row per thing due later (a follow-up, a weekly summary), claimed by the
dispatcher when due. Keyed by (user, kind, key), so a job scheduled twice exists once.

Capped: a user keeps the newest JOBS_KEPT jobs; an older one is deleted once it has run or was
cancelled (a trigger in migration 0006), a pending one never."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from bot.core.clock import iso
from bot.storage.base import Store, Tx
from bot.storage.models import Job, User

JOBS_KEPT = 200  # the same number is in migrations/0006_history_caps.sql


def _job(row: Any) -> Job:
    return Job(
        id=row["id"], user_id=row["user_id"], kind=row["kind"], due_at=row["due_at"],
        payload=json.loads(row["payload"]), dedupe_key=row["dedupe_key"], status=row["status"],
        attempts=row["attempts"],
    )


class JobsTable(Store):
    async def schedule_job(
        self, user_id: int, kind: str, due: datetime, *, key: str = "", payload: dict[str, Any] | None = None,
        replace: bool = True,
    ) -> None:
        """Schedules (user, kind, key) once; with replace, a pending one is moved to the new time."""
        sql = (
            "INSERT INTO jobs (user_id, kind, due_at, payload, dedupe_key, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(user_id, kind, dedupe_key) DO "
        )
        sql += (
            "UPDATE SET due_at = excluded.due_at, payload = excluded.payload"
            " WHERE jobs.status = 'pending'" if replace else "NOTHING"
        )
        await self.write_one(
            sql, (user_id, kind, iso(due), json.dumps(payload or {}), key, self.stamp())
        )

    async def arm_job(
        self, user_id: int, kind: str, due: datetime, *, key: str,
        payload: dict[str, Any] | None = None,
    ) -> bool:
        """Schedules (user, kind, key) unless it is already pending or being sent; one that
        finished is armed again. True when this call armed it, False when it was running."""
        return await self.write_one(
            "INSERT INTO jobs (user_id, kind, due_at, payload, dedupe_key, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(user_id, kind, dedupe_key) DO UPDATE SET"
            " due_at = excluded.due_at, payload = excluded.payload, status = 'pending',"
            " attempts = 0, created_at = excluded.created_at, finished_at = NULL"
            " WHERE jobs.status NOT IN ('pending', 'sending')",
            (user_id, kind, iso(due), json.dumps(payload or {}), key, self.stamp()),
        ) > 0

    async def arm_only_job(self, user_id: int, kind: str, due: datetime, key: str) -> None:
        """Makes (user, kind, key) the one pending job of its kind for the user: other pending
        ones are cancelled, and a cancelled or failed row for the same key is brought back."""
        async def body(tx: Tx) -> None:
            await tx.execute(
                "UPDATE jobs SET status = 'cancelled', finished_at = ? WHERE user_id = ? AND kind = ?"
                " AND status = 'pending' AND dedupe_key != ?",
                (tx.stamp, user_id, kind, key),
            )
            await tx.execute(
                "INSERT INTO jobs (user_id, kind, due_at, dedupe_key, created_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT(user_id, kind, dedupe_key) DO UPDATE SET"
                " due_at = excluded.due_at, status = 'pending', finished_at = NULL"
                " WHERE jobs.status IN ('pending', 'cancelled', 'failed')",
                (user_id, kind, iso(due), key, tx.stamp),
            )

        await self.transaction(body)

    async def job_ran(self, user_id: int, kind: str, key: str) -> bool:
        """True once (user, kind, key) has run, whether it sent something or was skipped."""
        row = await self.fetchone(
            "SELECT 1 FROM jobs WHERE user_id = ? AND kind = ? AND dedupe_key = ?"
            " AND status IN ('sending', 'done', 'missed')",
            (user_id, kind, key),
        )
        return row is not None

    async def users_without_job(self, kind: str, limit: int = 100) -> list[User]:
        """Onboarded, active users with no job of `kind` pending (new, or back from a block)."""
        rows = await self.fetchall(
            "SELECT * FROM users u WHERE u.onboarded_at IS NOT NULL AND u.active = 1"
            " AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.user_id = u.user_id AND j.kind = ?"
            " AND j.status IN ('pending', 'sending')) LIMIT ?",
            (kind, limit),
        )
        return [User.from_row(r) for r in rows]

    async def cancel_jobs(self, user_id: int, kind: str, key: str | None = None) -> int:
        sql = "UPDATE jobs SET status = 'cancelled', finished_at = ? WHERE user_id = ? AND kind = ?"
        params: list[Any] = [self.stamp(), user_id, kind]
        if key is not None:
            sql += " AND dedupe_key = ?"
            params.append(key)
        return await self.write_one(sql + " AND status = 'pending'", params)

    async def claim_due_jobs(self, now: datetime, limit: int = 500) -> list[Job]:
        """Marks due pending jobs 'sending' and returns them; a crash leaves them 'sending'."""
        rows = await self.write_returning(
            "UPDATE jobs SET status = 'sending', attempts = attempts + 1 WHERE id IN ("
            " SELECT id FROM jobs WHERE status = 'pending' AND due_at <= ?"
            " ORDER BY due_at LIMIT ?) RETURNING *",
            (iso(now), limit),
        )
        return sorted((_job(r) for r in rows), key=lambda j: (j.due_at, j.id))

    async def finish_job(self, job_id: int, status: str = "done") -> None:
        await self.write_one(
            "UPDATE jobs SET status = ?, finished_at = ? WHERE id = ?",
            (status, self.stamp(), job_id),
        )

    async def release_jobs(self, job_ids: list[int]) -> None:
        """Hands claimed jobs that were never started back to pending (a graceful stop)."""
        if not job_ids:
            return
        marks = ",".join("?" * len(job_ids))
        await self.write_one(
            f"UPDATE jobs SET status = 'pending', attempts = attempts - 1"
            f" WHERE status = 'sending' AND id IN ({marks})", job_ids)

    async def release_stuck_jobs(self) -> int:
        """At start-up: jobs a crashed process had claimed go back to pending, to be retried."""
        return await self.write_one("UPDATE jobs SET status = 'pending' WHERE status = 'sending'")

    async def pending_jobs(self, user_id: int, kind: str | None = None) -> list[Job]:
        sql = "SELECT * FROM jobs WHERE user_id = ? AND status = 'pending'"
        params: list[Any] = [user_id]
        if kind:
            sql += " AND kind = ?"
            params.append(kind)
        return [_job(r) for r in await self.fetchall(sql + " ORDER BY due_at", params)]
