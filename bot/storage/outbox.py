"""The outbox table: every message the bot sends on its own initiative (check-ins, milestones,
weekly summaries, morning items, SOS check-backs, draft re-reads, step-7 and crisis follow-ups),
one row per (user, kind, key), due now or later, so nothing goes out twice even across restarts
or two processes.

A row moves pending -> queued (handed to the sender) -> sending (claimed just before the
request) -> sent, or ends missed / skipped / cancelled (decided at claim, with a reason),
failed, or uncertain (claimed when a process died: maybe sent, never resent). A held row goes
back to pending with not_before set; a moved one with a new due_at.

Capped: a user keeps the newest OUTBOX_KEPT rows; an older one is deleted once settled (a
trigger in migration 0011)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from bot.core.clock import iso, parse_iso
from bot.storage import users
from bot.storage.base import Statement, Store, Tx
from bot.storage.models import User

# Statuses that hold the (user, kind, key) slot: something went, or may go, out.
TAKEN = ("pending", "queued", "sending", "sent", "uncertain")
# Statuses of a row that is still to go out.
WAITING = ("pending", "queued", "sending")
OUTBOX_KEPT = 400  # the same number is in migrations/0011_one_delivery_path.sql


@dataclass(frozen=True)
class OutboxRow:
    id: int
    user_id: int
    kind: str
    key: str
    local_date: date
    due_at: str
    status: str
    priority: int = 1
    payload: dict[str, Any] = field(default_factory=dict)
    reason: str | None = None

    @property
    def taken(self) -> bool:
        """Whether this row went out, or is going out (so another for the same slot must not)."""
        return self.status in TAKEN

    @property
    def due(self) -> datetime:
        return parse_iso(self.due_at)


@dataclass(frozen=True)
class Facts:
    """What decides whether a row may go now: the row and its user, read in the claim."""

    kind: str
    due: datetime
    active: bool
    paused: bool
    state: str | None
    state_at: datetime | None
    timezone: str
    crisis_until: datetime | None


@dataclass(frozen=True)
class Verdict:
    """go: send now; wait: pending again, looked at no sooner than `until`; move: pending again,
    due at `until`; drop: settled with `status` (missed, skipped, cancelled) for `reason`."""

    action: Literal["go", "wait", "move", "drop"]
    until: datetime | None = None
    status: str = ""
    reason: str = ""


Decide = Callable[[Facts], Verdict]


def _outbox(row: Any) -> OutboxRow:
    return OutboxRow(
        id=row["id"], user_id=row["user_id"], kind=row["kind"], key=row["key"],
        local_date=date.fromisoformat(row["local_date"]), due_at=row["due_at"],
        status=row["status"], priority=row["priority"], payload=json.loads(row["payload"]),
        reason=row["reason"],
    )


def insert(user_id: int, kind: str, key: str, local_date: date, due: datetime, *,
           priority: int, status: str = "pending", payload: dict[str, Any] | None = None,
           stamp: str, on_conflict: str = "DO NOTHING") -> Statement:
    """One row unless (user, kind, key) exists; RETURNING gives it back only if new (or updated
    by `on_conflict`)."""
    sql = ("INSERT INTO outbox (user_id, kind, key, local_date, due_at, priority, payload, status,"
           " attempts, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
           f" ON CONFLICT(user_id, kind, key) {on_conflict} RETURNING *")
    return sql, (user_id, kind, key, local_date.isoformat(), iso(due), priority,
                 json.dumps(payload or {}), status, int(status == "sending"), stamp)


# Re-arming a row resets it to a fresh pending one.
_REARM = ("DO UPDATE SET due_at = excluded.due_at, local_date = excluded.local_date,"
          " payload = excluded.payload, priority = excluded.priority, status = 'pending',"
          " not_before = NULL, reason = NULL, attempts = 0, sent_at = NULL, message_id = NULL,"
          " created_at = excluded.created_at")


def _facts(row: Any) -> Facts:
    def stamp(value: str | None) -> datetime | None:
        return parse_iso(value) if value else None

    return Facts(kind=row["kind"], due=parse_iso(row["due_at"]), active=bool(row["active"]),
                 paused=bool(row["checkins_paused"]), state=row["state"],
                 state_at=stamp(row["state_at"]), timezone=row["timezone"],
                 crisis_until=stamp(row["crisis_until"]))


_FACTS = ("SELECT o.kind, o.due_at, o.status, u.active, u.checkins_paused, u.state, u.state_at,"
          " u.timezone, s.crisis_until FROM outbox o JOIN users u ON u.user_id = o.user_id"
          " LEFT JOIN safety s ON s.user_id = o.user_id WHERE o.id = ?")


def _apply(outbox_id: int, verdict: Verdict, expected: str) -> Statement:
    """The write that carries out a verdict on a row still in status `expected`."""
    if verdict.action == "go":
        return ("UPDATE outbox SET status = 'sending', attempts = attempts + 1"
                " WHERE id = ? AND status = ?", (outbox_id, expected))
    if verdict.action in ("wait", "move"):
        assert verdict.until is not None
        column = "not_before" if verdict.action == "wait" else "due_at"
        return (f"UPDATE outbox SET status = 'pending', {column} = ? WHERE id = ? AND status = ?",
                (iso(verdict.until), outbox_id, expected))
    return ("UPDATE outbox SET status = ?, reason = ? WHERE id = ? AND status = ?",
            (verdict.status, verdict.reason, outbox_id, expected))


class OutboxTable(Store):
    async def add_outbox(self, user_id: int, kind: str, local_date: date, due: datetime,
                         status: str = "pending", *, key: str | None = None, priority: int = 1,
                         payload: dict[str, Any] | None = None) -> OutboxRow | None:
        """Takes the one slot for (user, kind, key: the local date unless given); None when it
        was taken already, so a retried or doubled run never sends twice. status='sent' records
        a message that went out another way (an on-demand check-in takes the day's slot)."""
        rows = await self.write_returning(*insert(
            user_id, kind, key or local_date.isoformat(), local_date, due, priority=priority,
            status=status, payload=payload, stamp=self.stamp()))
        return _outbox(rows[0]) if rows else None

    async def schedule_outbox(self, user_id: int, kind: str, key: str, local_date: date,
                              due: datetime, *, priority: int,
                              payload: dict[str, Any] | None = None, rearm: bool = False) -> bool:
        """A message due later, for (user, kind, key). Without `rearm`, a row still pending is
        moved to the new time; with it, a row that already went out (or was dropped) is armed
        afresh while one still waiting is left alone. True when this call inserted, moved or
        re-armed the row."""
        only = ("status NOT IN ('pending', 'queued', 'sending')" if rearm
                else "status = 'pending'")
        rows = await self.write_returning(*insert(
            user_id, kind, key, local_date, due, priority=priority, payload=payload,
            stamp=self.stamp(), on_conflict=f"{_REARM} WHERE outbox.{only}"))
        return bool(rows)

    async def claim_due_schedules(
        self, schedule: users.Schedule, now: datetime, plan: PlanFn, limit: int = 500
    ) -> tuple[int, list[OutboxRow]]:
        """In one write transaction: picks users whose `schedule` (a users column) is due,
        inserts the outbox rows `plan` gives for each (a row that exists is left alone) and
        stores the next due time. Returns how many users it claimed and the rows it inserted."""
        async def body(tx: Tx) -> tuple[int, list[OutboxRow]]:
            due = [User.from_row(r) for r in await tx.fetchall(*users.due_for(schedule, now, limit))]
            inserted: list[OutboxRow] = []
            for user in due:
                planned, following = plan(user, now)
                for new in planned:
                    row = await tx.fetchone(*insert(
                        user.user_id, new.kind, new.key or new.local_date.isoformat(),
                        new.local_date, new.due, priority=new.priority, status=new.status,
                        payload=new.payload, stamp=tx.stamp))
                    if row is not None:
                        inserted.append(_outbox(row))
                await tx.execute(*users.set_schedule(schedule, user.user_id, following, tx.stamp))
            return len(due), inserted

        return await self.transaction(body)

    async def outbox_entry(self, user_id: int, kind: str, key: date | str) -> OutboxRow | None:
        """The row for (user, kind, key); a date stands for its ISO form."""
        row = await self.fetchone(
            "SELECT * FROM outbox WHERE user_id = ? AND kind = ? AND key = ?",
            (user_id, kind, key.isoformat() if isinstance(key, date) else key),
        )
        return _outbox(row) if row else None

    async def outbox_for(self, user_id: int, kind: str | None = None) -> list[OutboxRow]:
        sql, params = "SELECT * FROM outbox WHERE user_id = ?", [user_id]
        if kind:
            sql += " AND kind = ?"
            params.append(kind)  # type: ignore[arg-type]
        return [_outbox(r) for r in await self.fetchall(sql + " ORDER BY due_at, id", params)]

    async def queue_due_outbox(self, now: datetime, limit: int) -> list[OutboxRow]:
        """Marks up to `limit` due pending rows 'queued' (most urgent first: priority, then due
        time) and returns them in that order: the sender of this process now owns them."""
        if limit <= 0:
            return []
        stamp = iso(now)
        rows = await self.write_returning(
            "UPDATE outbox SET status = 'queued' WHERE id IN (SELECT id FROM outbox"
            " WHERE status = 'pending' AND due_at <= ? AND (not_before IS NULL OR not_before <= ?)"
            " ORDER BY priority, due_at, id LIMIT ?) RETURNING *", (stamp, stamp, limit))
        return sorted((_outbox(r) for r in rows), key=lambda r: (r.priority, r.due_at, r.id))

    async def outbox_facts(self, outbox_id: int) -> tuple[str, Facts] | None:
        """The row's status and what decides whether it may go (None: the row is gone)."""
        row = await self.fetchone(_FACTS, (outbox_id,))
        return (row["status"], _facts(row)) if row else None

    async def settle_queued(self, outbox_id: int, verdict: Verdict) -> bool:
        """Carries out a verdict other than go on a row still queued (held, moved, dropped
        before it was rendered); False when the row had moved on meanwhile."""
        return await self.write_one(*_apply(outbox_id, verdict, "queued")) > 0

    async def claim_outbox_row(self, outbox_id: int, decide: Decide) -> Verdict | None:
        """Just before a row's first message goes out: reads the row and its user, asks
        `decide` (bot/delivery/hold.py) and carries out the verdict, all in one transaction.
        'go' leaves the row 'sending'. None when the row is no longer queued."""
        async def body(tx: Tx) -> Verdict | None:
            row = await tx.fetchone(_FACTS, (outbox_id,))
            if row is None or row["status"] != "queued":
                return None
            verdict = decide(_facts(row))
            await tx.execute(*_apply(outbox_id, verdict, "queued"))
            return verdict

        return await self.transaction(body)

    async def settle_outbox(self, outbox_id: int, status: str, message_id: int | None = None,
                            reason: str | None = None, *,
                            opens: tuple[str, dict[str, Any]] | None = None) -> None:
        """Records how a send ended: sent, failed, uncertain, cancelled, or back to queued after
        a 429 (the sender keeps it). `opens`: the question a sent message asked, (state, data),
        opened in the same transaction unless the user is answering another one. Its state_at
        stays NULL: a question the bot asked on its own holds no other scheduled message back
        (bot/delivery/hold.py) until the user takes it up (their answer's next question sets
        it)."""
        stamp = self.stamp()
        settle: Statement = (
            "UPDATE outbox SET status = ?, message_id = COALESCE(?, message_id),"
            " reason = COALESCE(?, reason),"
            " sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END WHERE id = ?",
            (status, message_id, reason, status, stamp, outbox_id),
        )
        if opens is None or status != "sent":
            await self.write_one(*settle)
            return
        state, data = opens
        await self.write_all([settle, (
            "UPDATE users SET state = ?, state_data = ?, state_at = NULL, updated_at = ?"
            " WHERE user_id = (SELECT user_id FROM outbox WHERE id = ?) AND state IS NULL",
            (state, json.dumps(data), stamp, outbox_id))])

    async def release_queued(self, ids: Iterable[int] | None = None) -> int:
        """Queued rows back to pending: the sender stopped before sending them (all of them at
        start-up, when no sender of this process holds any)."""
        sql = "UPDATE outbox SET status = 'pending' WHERE status = 'queued'"
        listed = list(ids) if ids is not None else None
        if listed is not None:
            if not listed:
                return 0
            sql += f" AND id IN ({','.join('?' * len(listed))})"
        return await self.write_one(sql, listed or ())

    async def mark_claimed_uncertain(self) -> int:
        """At start-up: rows a crashed process had claimed may or may not have reached Telegram,
        so they are marked 'uncertain' and never resent."""
        return await self.write_one(
            "UPDATE outbox SET status = 'uncertain' WHERE status = 'sending'")

    async def cancel_outbox(self, user_id: int, kind: str, key: str | None = None) -> int:
        """Drops pending rows of a kind (for one key) that are no longer wanted."""
        sql = ("UPDATE outbox SET status = 'cancelled', reason = 'withdrawn'"
               " WHERE user_id = ? AND kind = ? AND status = 'pending'")
        params: list[Any] = [user_id, kind]
        if key is not None:
            sql += " AND key = ?"
            params.append(key)
        return await self.write_one(sql, params)

    async def deactivate_blocked(self, user_id: int) -> None:
        """The user blocked the bot (403): inactive at once, nothing pending goes out to them."""
        await self.write_all([
            users.deactivate(user_id, self.stamp()),
            ("UPDATE outbox SET status = 'failed', reason = 'blocked' WHERE user_id = ?"
             " AND status IN ('pending', 'queued')", (user_id,)),
        ])


@dataclass(frozen=True)
class Planned:
    """An outbox row a producer's plan asks for (key: the local date unless given)."""

    kind: str
    local_date: date
    due: datetime
    priority: int
    status: str = "pending"
    key: str | None = None
    payload: dict[str, Any] | None = None


# Plans one due user: (outbox rows to insert, the schedule's next due time).
PlanFn = Callable[[User, datetime], "tuple[list[Planned], datetime | None]"]
