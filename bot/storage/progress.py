"""SQL for progress and settings: check-in figures, slips and urges for /progress and the weekly
summary, the summary day, and the weekly summary's job and outbox rows."""

from __future__ import annotations

from datetime import date, datetime

from bot.core.clock import iso
from bot.storage.base import RepositoryBase
from bot.storage.models import DayPoint, UrgeTally, User

WEEKLY_KIND = "weekly_summary"


class ProgressRepo(RepositoryBase):
    async def checkin_points(self, user_id: int, since: date) -> list[DayPoint]:
        """Mood and urge answered on each local day from `since` on, oldest first."""
        rows = await self.fetchall(
            "SELECT local_date, mood, urge FROM checkins WHERE user_id = ? AND local_date >= ?"
            " AND (mood IS NOT NULL OR urge IS NOT NULL) ORDER BY local_date",
            (user_id, since.isoformat()),
        )
        return [DayPoint(date.fromisoformat(r["local_date"]), r["mood"], r["urge"]) for r in rows]

    async def ended_runs(self, user_id: int) -> list[int]:
        """The lengths of the no-contact runs that slips ended, oldest first."""
        rows = await self.fetchall(
            "SELECT streak_days FROM slips WHERE user_id = ? ORDER BY occurred_on, id", (user_id,)
        )
        return [int(r["streak_days"]) for r in rows]

    async def slips_between(self, user_id: int, first: date, last: date) -> int:
        row = await self.fetchone(
            "SELECT COUNT(*) FROM slips WHERE user_id = ? AND occurred_on BETWEEN ? AND ?",
            (user_id, first.isoformat(), last.isoformat()),
        )
        return int(row[0]) if row else 0

    async def urge_tally(self, user_id: int, since: datetime | None = None) -> UrgeTally:
        """How many logged urges were resisted, out of all logged (since `since`, if given).
        Writing it here instead of sending counts as resisting, as in /nocontact and /sos."""
        row = await self.fetchone(
            "SELECT COALESCE(SUM(outcome IN ('resisted', 'wrote_it')), 0), COUNT(*) FROM urges"
            " WHERE user_id = ? AND occurred_at >= ?",
            (user_id, iso(since) if since else ""),
        )
        return UrgeTally(int(row[0]), int(row[1])) if row else UrgeTally(0, 0)

    async def set_weekly_summary_day(self, user_id: int, weekday: int) -> None:
        if not 0 <= weekday <= 6:
            raise ValueError("weekday is 0 (Monday) to 6 (Sunday)")
        await self.write_one(
            "UPDATE users SET weekly_summary_day = ?, updated_at = ? WHERE user_id = ?",
            (weekday, self.stamp(), user_id),
        )

    async def weekly_summary_done(self, user_id: int, key: str) -> bool:
        """True once the summary for that local date has run (sent or skipped)."""
        row = await self.fetchone(
            "SELECT 1 FROM jobs WHERE user_id = ? AND kind = ? AND dedupe_key = ?"
            " AND status IN ('sending', 'done', 'missed')",
            (user_id, WEEKLY_KIND, key),
        )
        return row is not None

    async def arm_weekly_summary(self, user_id: int, due: datetime, key: str) -> None:
        """Makes (user, key) the one pending weekly summary: other pending ones are cancelled and a
        cancelled or failed row for the same date is brought back."""
        now = self.stamp()
        async with self.write() as db:
            await db.execute(
                "UPDATE jobs SET status = 'cancelled', finished_at = ? WHERE user_id = ? AND kind = ?"
                " AND status = 'pending' AND dedupe_key != ?",
                (now, user_id, WEEKLY_KIND, key),
            )
            await db.execute(
                "INSERT INTO jobs (user_id, kind, due_at, dedupe_key, created_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT(user_id, kind, dedupe_key) DO UPDATE SET"
                " due_at = excluded.due_at, status = 'pending', finished_at = NULL"
                " WHERE jobs.status IN ('pending', 'cancelled', 'failed')",
                (user_id, WEEKLY_KIND, iso(due), key, now),
            )

    async def users_without_weekly_summary(self, limit: int = 100) -> list[User]:
        """Onboarded, active users with no weekly summary pending (new users, or back from a block)."""
        rows = await self.fetchall(
            "SELECT * FROM users u WHERE u.onboarded_at IS NOT NULL AND u.active = 1"
            " AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.user_id = u.user_id AND j.kind = ?"
            " AND j.status IN ('pending', 'sending')) LIMIT ?",
            (WEEKLY_KIND, limit),
        )
        return [User.from_row(r) for r in rows]

    async def claim_outbox(self, user_id: int, kind: str, local_date: date, due: datetime) -> bool:
        """Takes the one outbox slot for (user, kind, local date); False if it was already taken,
        so a retried or doubled run never sends twice."""
        async with self.write() as db:
            cur = await db.execute(
                "INSERT INTO outbox (user_id, kind, local_date, due_at, status, attempts, created_at)"
                " VALUES (?, ?, ?, ?, 'sending', 1, ?) ON CONFLICT DO NOTHING",
                (user_id, kind, local_date.isoformat(), iso(due), self.stamp()),
            )
            return cur.rowcount == 1

    async def finish_outbox(self, user_id: int, kind: str, local_date: date, status: str,
                            message_id: int | None = None) -> None:
        await self.write_one(
            "UPDATE outbox SET status = ?, sent_at = ?, message_id = ? WHERE user_id = ?"
            " AND kind = ? AND local_date = ?",
            (status, self.stamp() if status == "sent" else None, message_id, user_id, kind,
             local_date.isoformat()),
        )

    async def outbox_taken(self, user_id: int, kind: str, local_date: date) -> bool:
        """Whether anything of `kind` already went out (or is going out) on that local date."""
        row = await self.fetchone(
            "SELECT 1 FROM outbox WHERE user_id = ? AND kind = ? AND local_date = ?"
            " AND status IN ('pending', 'sending', 'sent', 'uncertain')",
            (user_id, kind, local_date.isoformat()),
        )
        return row is not None

    # Plain writers for the rows progress reads. The check-in and SOS features record their own
    # rows; these keep the figures testable and let tools (the console, a benchmark) seed history.
    async def store_checkin_day(self, user_id: int, local_date: date, *, mood: int | None = None,
                                urge: int | None = None, contacted: bool | None = None) -> None:
        now = self.stamp()
        await self.write_one(
            "INSERT INTO checkins (user_id, local_date, mood, contacted, urge, created_at,"
            " completed_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(user_id, local_date)"
            " DO UPDATE SET mood = excluded.mood, urge = excluded.urge,"
            " contacted = excluded.contacted",
            (user_id, local_date.isoformat(), mood,
             None if contacted is None else int(contacted), urge, now, now),
        )

    async def store_slip(self, user_id: int, occurred_on: date, streak_days: int) -> None:
        await self.write_one(
            "INSERT INTO slips (user_id, occurred_on, streak_days, created_at) VALUES (?, ?, ?, ?)",
            (user_id, occurred_on.isoformat(), streak_days, self.stamp()),
        )

    async def store_urge(self, user_id: int, occurred_at: datetime, outcome: str,
                         source: str = "sos") -> None:
        await self.write_one(
            "INSERT INTO urges (user_id, occurred_at, source, outcome, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (user_id, iso(occurred_at), source, outcome, self.stamp()),
        )
