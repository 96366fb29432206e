"""The outbox table: every message the bot sends on its own initiative (check-ins, milestones,
weekly summaries), one row per user, kind and local date, so nothing goes out twice even across
restarts or two processes. A row moves pending -> sending -> sent (or missed, failed,
uncertain); the paced sender claims and settles rows by id.

Capped: a user keeps the newest OUTBOX_KEPT rows, over a year of daily check-ins; an older one
is deleted once settled (a trigger in migration 0006). A row's slot only matters on its own
local date."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from bot.core.clock import iso, parse_iso
from bot.storage import users
from bot.storage.base import Statement, Store, Tx
from bot.storage.models import User

# Statuses that hold the (user, kind, local date) slot: something went, or may go, out.
TAKEN = ("pending", "sending", "sent", "uncertain")
OUTBOX_KEPT = 400  # the same number is in migrations/0006_history_caps.sql


@dataclass(frozen=True)
class OutboxRow:
    id: int
    user_id: int
    kind: str
    local_date: date
    due_at: str
    status: str

    @property
    def taken(self) -> bool:
        """Whether this row went out, or is going out (so another for the same day must not)."""
        return self.status in TAKEN


def _outbox(row: Any) -> OutboxRow:
    return OutboxRow(
        id=row["id"], user_id=row["user_id"], kind=row["kind"],
        local_date=date.fromisoformat(row["local_date"]), due_at=row["due_at"],
        status=row["status"],
    )


def _insert(user_id: int, kind: str, local_date: date, due: datetime, status: str,
            stamp: str) -> Statement:
    """One row unless (user, kind, local date) exists; RETURNING gives it back only if new."""
    sql = ("INSERT INTO outbox (user_id, kind, local_date, due_at, status, attempts, created_at)"
           " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(user_id, kind, local_date) DO NOTHING"
           " RETURNING *")
    return (
        sql,
        (user_id, kind, local_date.isoformat(), iso(due), status, int(status == "sending"), stamp),
    )


# Plans one due user: (outbox rows to insert as (kind, local_date, due, status), next due time).
PlanFn = Callable[[User, datetime], "tuple[list[tuple[str, date, datetime, str]], datetime | None]"]


class OutboxTable(Store):
    async def add_outbox(self, user_id: int, kind: str, local_date: date, due: datetime,
                         status: str = "pending") -> OutboxRow | None:
        """Takes the one slot for (user, kind, local date); None when it was taken already, so
        a retried or doubled run never sends twice. status='sending' claims it at once."""
        rows = await self.write_returning(
            *_insert(user_id, kind, local_date, due, status, self.stamp()))
        return _outbox(rows[0]) if rows else None

    async def claim_due_checkins(
        self, now: datetime, plan: PlanFn, limit: int = 500
    ) -> tuple[int, list[OutboxRow]]:
        """In one write transaction: picks users whose check-in is due, inserts their outbox rows
        (a row that already exists is left alone) and advances next_checkin_at. Returns how many
        users it claimed and the outbox rows this call inserted."""
        async def body(tx: Tx) -> tuple[int, list[OutboxRow]]:
            due = [User.from_row(r) for r in await tx.fetchall(*users.due_for_checkin(now, limit))]
            inserted: list[OutboxRow] = []
            for user in due:
                rows, following = plan(user, now)
                for kind, local_date, when, status in rows:
                    row = await tx.fetchone(
                        *_insert(user.user_id, kind, local_date, when, status, tx.stamp))
                    if row is not None:
                        inserted.append(_outbox(row))
                await tx.execute(*users.set_next_checkin(user.user_id, following, tx.stamp))
            return len(due), inserted

        return await self.transaction(body)

    async def outbox_entry(self, user_id: int, kind: str, local_date: date) -> OutboxRow | None:
        row = await self.fetchone(
            "SELECT * FROM outbox WHERE user_id = ? AND kind = ? AND local_date = ?",
            (user_id, kind, local_date.isoformat()),
        )
        return _outbox(row) if row else None

    async def outbox_for(self, user_id: int, kind: str | None = None) -> list[OutboxRow]:
        sql, params = "SELECT * FROM outbox WHERE user_id = ?", [user_id]
        if kind:
            sql += " AND kind = ?"
            params.append(kind)  # type: ignore[arg-type]
        return [_outbox(r) for r in await self.fetchall(sql + " ORDER BY local_date, id", params)]

    async def pending_outbox(self, kinds: tuple[str, ...]) -> list[OutboxRow]:
        marks = ", ".join("?" for _ in kinds)
        rows = await self.fetchall(
            f"SELECT * FROM outbox WHERE status = 'pending' AND kind IN ({marks})"
            " ORDER BY due_at, id",
            kinds,
        )
        return [_outbox(r) for r in rows]

    async def claim_outbox_row(self, outbox_id: int, now: datetime, grace: timedelta) -> str:
        """Marks a pending row 'sending' just before it goes out. Returns 'claimed', or why not:
        'gone' (another process has it or it was settled) or 'missed' (too late, or the user is
        paused or inactive now), in which case the row is settled as missed."""
        async def body(tx: Tx) -> str:
            row = await tx.fetchone(
                "SELECT o.status, o.due_at, u.active, u.checkins_paused FROM outbox o"
                " JOIN users u ON u.user_id = o.user_id WHERE o.id = ?", (outbox_id,),
            )
            if row is None or row["status"] != "pending":
                return "gone"
            late = now - parse_iso(row["due_at"]) > grace
            status = "missed" if late or not row["active"] or row["checkins_paused"] else "sending"
            await tx.execute(
                "UPDATE outbox SET status = ?, attempts = attempts + (? = 'sending') WHERE id = ?",
                (status, status, outbox_id),
            )
            return "claimed" if status == "sending" else "missed"

        return await self.transaction(body)

    async def settle_outbox(self, outbox_id: int, status: str,
                            message_id: int | None = None) -> None:
        """Records how a send ended: sent, failed, uncertain, or back to pending after a 429."""
        await self.write_one(
            "UPDATE outbox SET status = ?, message_id = COALESCE(?, message_id),"
            " sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END WHERE id = ?",
            (status, message_id, status, self.stamp(), outbox_id),
        )

    async def mark_stale_pending(self, now: datetime, grace: timedelta) -> int:
        """Pending rows older than the grace period are recorded as missed, never sent."""
        return await self.write_one(
            "UPDATE outbox SET status = 'missed' WHERE status = 'pending' AND due_at < ?",
            (iso(now - grace),),
        )

    async def mark_claimed_uncertain(self) -> int:
        """At start-up: rows a crashed process had claimed may or may not have reached Telegram,
        so they are marked 'uncertain' and never resent."""
        return await self.write_one(
            "UPDATE outbox SET status = 'uncertain' WHERE status = 'sending'")

    async def deactivate_blocked(self, user_id: int) -> None:
        """The user blocked the bot (403): inactive at once, nothing pending goes out to them."""
        await self.write_all([
            users.deactivate(user_id, self.stamp()),
            ("UPDATE outbox SET status = 'failed' WHERE user_id = ? AND status = 'pending'",
             (user_id,)),
        ])
