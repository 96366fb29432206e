"""SQL for daily check-ins and the outbox: claiming due users, one outbox row per user, kind and
local date, and the answers each check-in collects."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from bot.core.clock import iso, parse_iso
from bot.storage.base import RepositoryBase
from bot.storage.models import User


@dataclass(frozen=True)
class OutboxRow:
    id: int
    user_id: int
    kind: str
    local_date: date
    due_at: str
    status: str


@dataclass(frozen=True)
class Checkin:
    user_id: int
    local_date: date
    mood: int | None
    contacted: bool | None
    urge: int | None
    note: str | None
    completed: bool
    # The contact that day was the user's planned step-7 message and nothing else.
    contact_planned: bool = False

    @property
    def slipped(self) -> bool:
        """They contacted the ex that day beyond a planned message: a slip."""
        return bool(self.contacted) and not self.contact_planned


def _outbox(row: Any) -> OutboxRow:
    return OutboxRow(
        id=row["id"], user_id=row["user_id"], kind=row["kind"],
        local_date=date.fromisoformat(row["local_date"]), due_at=row["due_at"],
        status=row["status"],
    )


def _checkin(row: Any) -> Checkin:
    return Checkin(
        user_id=row["user_id"], local_date=date.fromisoformat(row["local_date"]),
        mood=row["mood"], contacted=None if row["contacted"] is None else bool(row["contacted"]),
        urge=row["urge"], note=row["note"], completed=row["completed_at"] is not None,
        contact_planned=bool(row["contact_planned"]),
    )


# Plans one due user: (outbox rows to insert as (kind, local_date, due, status), next due time).
PlanFn = Callable[[User, datetime], "tuple[list[tuple[str, date, datetime, str]], datetime | None]"]


class CheckinsRepo(RepositoryBase):
    async def claim_due_checkins(
        self, now: datetime, plan: PlanFn, limit: int = 500
    ) -> tuple[int, list[OutboxRow]]:
        """In one write transaction: picks users whose check-in is due, inserts their outbox rows
        (INSERT OR IGNORE on user, kind and local date, so a second process or a restart never
        doubles one) and advances next_checkin_at. Returns how many users it claimed and the
        outbox rows this call inserted (a row that already existed is not returned)."""
        inserted: list[OutboxRow] = []
        stamp = self.stamp()
        async with self.write() as db:
            async with db.execute(
                "SELECT * FROM users WHERE next_checkin_at IS NOT NULL AND next_checkin_at <= ?"
                " ORDER BY next_checkin_at LIMIT ?", (iso(now), limit),
            ) as cur:
                users = [User.from_row(r) for r in await cur.fetchall()]
            for user in users:
                rows, following = plan(user, now)
                for kind, local_date, due, status in rows:
                    async with db.execute(
                        "INSERT INTO outbox (user_id, kind, local_date, due_at, status, created_at)"
                        " VALUES (?, ?, ?, ?, ?, ?)"
                        " ON CONFLICT(user_id, kind, local_date) DO NOTHING"
                        " RETURNING *",
                        (user.user_id, kind, local_date.isoformat(), iso(due), status, stamp),
                    ) as cur:
                        row = await cur.fetchone()
                    if row is not None:
                        inserted.append(_outbox(row))
                await db.execute(
                    "UPDATE users SET next_checkin_at = ? WHERE user_id = ?",
                    (iso(following) if following else None, user.user_id),
                )
        return len(users), inserted

    async def users_needing_schedule(self, limit: int = 500) -> list[int]:
        """Users who should have a next check-in but have none (e.g. back after /start, or whose
        no-contact start was just set): the dispatcher reschedules them."""
        rows = await self.fetchall(
            "SELECT user_id FROM users WHERE next_checkin_at IS NULL AND active = 1"
            " AND checkins_paused = 0 AND no_contact_since IS NOT NULL AND onboarded_at IS NOT NULL"
            " LIMIT ?", (limit,),
        )
        return [int(r[0]) for r in rows]

    async def pending_outbox(self, kinds: tuple[str, ...]) -> list[OutboxRow]:
        marks = ", ".join("?" for _ in kinds)
        rows = await self.fetchall(
            f"SELECT * FROM outbox WHERE status = 'pending' AND kind IN ({marks})"
            " ORDER BY due_at, id",
            kinds,
        )
        return [_outbox(r) for r in rows]

    async def add_outbox(self, user_id: int, kind: str, local_date: date, due: datetime,
                         status: str = "pending") -> OutboxRow | None:
        """Inserts one outbox row unless (user, kind, local date) exists; None when it did."""
        async with self.write() as db:
            async with db.execute(
                "INSERT INTO outbox (user_id, kind, local_date, due_at, status, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(user_id, kind, local_date) DO NOTHING"
                " RETURNING *",
                (user_id, kind, local_date.isoformat(), iso(due), status, self.stamp()),
            ) as cur:
                row = await cur.fetchone()
        return _outbox(row) if row else None

    async def outbox_entry(self, user_id: int, kind: str, local_date: date) -> OutboxRow | None:
        row = await self.fetchone(
            "SELECT * FROM outbox WHERE user_id = ? AND kind = ? AND local_date = ?",
            (user_id, kind, local_date.isoformat()),
        )
        return _outbox(row) if row else None

    async def claim_outbox_row(self, outbox_id: int, now: datetime, grace: timedelta) -> str:
        """Marks a pending row 'sending' just before it goes out. Returns 'claimed', or why not:
        'gone' (another process has it or it was settled) or 'missed' (too late, or the user is
        paused or inactive now), in which case the row is settled as missed."""
        async with self.write() as db:
            async with db.execute(
                "SELECT o.status, o.due_at, u.active, u.checkins_paused FROM outbox o"
                " JOIN users u ON u.user_id = o.user_id WHERE o.id = ?", (outbox_id,),
            ) as cur:
                row = await cur.fetchone()
            if row is None or row["status"] != "pending":
                return "gone"
            late = now - parse_iso(row["due_at"]) > grace
            status = "missed" if late or not row["active"] or row["checkins_paused"] else "sending"
            await db.execute(
                "UPDATE outbox SET status = ?, attempts = attempts + (? = 'sending') WHERE id = ?",
                (status, status, outbox_id),
            )
        return "claimed" if status == "sending" else "missed"

    async def settle_outbox(self, outbox_id: int, status: str,
                            message_id: int | None = None) -> None:
        """Records how a send ended: sent, failed, uncertain, or back to pending after a 429."""
        async with self.write() as db:
            await db.execute(
                "UPDATE outbox SET status = ?, message_id = COALESCE(?, message_id),"
                " sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END WHERE id = ?",
                (status, message_id, status, self.stamp(), outbox_id),
            )

    async def mark_stale_pending(self, now: datetime, grace: timedelta) -> int:
        """Pending rows older than the grace period are recorded as missed, never sent."""
        async with self.write() as db:
            cur = await db.execute(
                "UPDATE outbox SET status = 'missed' WHERE status = 'pending' AND due_at < ?",
                (iso(now - grace),),
            )
            return cur.rowcount

    async def mark_claimed_uncertain(self) -> int:
        """At start-up: rows a crashed process had claimed may or may not have reached Telegram,
        so they are marked 'uncertain' and never resent."""
        async with self.write() as db:
            cur = await db.execute(
                "UPDATE outbox SET status = 'uncertain' WHERE status = 'sending'"
            )
            return cur.rowcount

    async def outbox_for(self, user_id: int, kind: str | None = None) -> list[OutboxRow]:
        sql, params = "SELECT * FROM outbox WHERE user_id = ?", [user_id]
        if kind:
            sql += " AND kind = ?"
            params.append(kind)  # type: ignore[arg-type]
        return [_outbox(r) for r in await self.fetchall(sql + " ORDER BY local_date, id", params)]

    async def deactivate_blocked(self, user_id: int) -> None:
        """The user blocked the bot (403): inactive at once, nothing scheduled until /start."""
        async with self.write() as db:
            await db.execute(
                "UPDATE users SET active = 0, next_checkin_at = NULL, updated_at = ?"
                " WHERE user_id = ?",
                (self.stamp(), user_id),
            )
            await db.execute(
                "UPDATE outbox SET status = 'failed' WHERE user_id = ? AND status = 'pending'",
                (user_id,),
            )

    async def get_checkin(self, user_id: int, local_date: date) -> Checkin | None:
        row = await self.fetchone(
            "SELECT * FROM checkins WHERE user_id = ? AND local_date = ?",
            (user_id, local_date.isoformat()),
        )
        return _checkin(row) if row else None

    async def save_checkin_answer(self, user_id: int, local_date: date, field: str, value: Any,
                                  *, complete: bool = False) -> None:
        """Stores one answer of the day's check-in (creating the row on the first answer)."""
        if field not in ("mood", "contacted", "urge", "note"):
            raise ValueError(f"not a check-in field: {field}")
        stamp = self.stamp()
        async with self.write() as db:
            await db.execute(
                "INSERT INTO checkins (user_id, local_date, created_at) VALUES (?, ?, ?)"
                " ON CONFLICT(user_id, local_date) DO NOTHING",
                (user_id, local_date.isoformat(), stamp),
            )
            await db.execute(
                f"UPDATE checkins SET {field} = ?, completed_at = CASE WHEN ? THEN ?"
                " ELSE completed_at END WHERE user_id = ? AND local_date = ?",
                (value, int(complete), stamp, user_id, local_date.isoformat()),
            )

    async def save_contact_answer(self, user_id: int, local_date: date, *, contacted: bool,
                                  planned: bool) -> None:
        """Stores the day's "did you contact them?": whether there was contact, and whether it
        was only the planned step-7 message (which is not a slip)."""
        stamp = self.stamp()
        async with self.write() as db:
            await db.execute(
                "INSERT INTO checkins (user_id, local_date, created_at) VALUES (?, ?, ?)"
                " ON CONFLICT(user_id, local_date) DO NOTHING",
                (user_id, local_date.isoformat(), stamp),
            )
            await db.execute(
                "UPDATE checkins SET contacted = ?, contact_planned = ?"
                " WHERE user_id = ? AND local_date = ?",
                (int(contacted), int(planned), user_id, local_date.isoformat()),
            )

    async def record_checkin_urge(self, user_id: int, intensity: int, outcome: str) -> None:
        """An urge reported in a check-in also counts in the urges log (resisted or not)."""
        stamp = self.stamp()
        async with self.write() as db:
            await db.execute(
                "INSERT INTO urges (user_id, occurred_at, source, intensity, outcome, created_at)"
                " VALUES (?, ?, 'checkin', ?, ?, ?)", (user_id, stamp, intensity, outcome, stamp),
            )
