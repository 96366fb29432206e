"""Bench-only seeding: N onboarded users with step progress, answers and a week of check-ins,
written with plain sqlite3 in one transaction into a database migrated by the bot itself."""

from __future__ import annotations

import asyncio
import random
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.core.clock import iso
from bot.storage import db

ZONES = ("Europe/Berlin", "Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Sydney")
ANSWERS_PER_USER = 6
CHECKINS_PER_USER = 7


async def _migrate(path: Path) -> None:
    database = await db.open_database(path)
    await database.close()


def seed(path: Path, users: int, *, first_id: int = 10_000_000, seed_value: int = 7) -> float:
    """Fills `path` with `users` users (ids from `first_id`); returns the seconds it took."""
    started = time.perf_counter()
    asyncio.run(_migrate(path))
    rng = random.Random(seed_value)
    now = datetime.now(UTC)
    stamp = iso(now)
    conn = sqlite3.connect(path)
    columns = {row[1] for row in conn.execute("PRAGMA table_info(users)")}
    has_next = "next_checkin_at" in columns
    with conn:
        user_rows, progress, answers, checkins = [], [], [], []
        for n in range(users):
            uid = first_id + n
            nc_start = (now - timedelta(days=rng.randint(1, 90))).date().isoformat()
            next_at = iso(now + timedelta(hours=rng.randint(2, 24))) if has_next else None
            user_rows.append((uid, uid, f"User{n}", rng.choice(("he", "she", "they")), nc_start,
                              nc_start, rng.choice(ZONES), "20:00", stamp, stamp, stamp, next_at))
            done = rng.randint(0, 3)
            for step in range(1, done + 2):
                status = "done" if step <= done else "started"
                progress.append((uid, step, status, stamp, stamp if status == "done" else None))
            answers.extend((uid, 1, "problem", f"something that went wrong #{k}", stamp)
                           for k in range(ANSWERS_PER_USER))
            for d in range(CHECKINS_PER_USER):
                day = (now - timedelta(days=d + 1)).date().isoformat()
                checkins.append((uid, day, rng.randint(1, 5), 0, rng.randint(0, 10), stamp, stamp))
        if has_next:
            conn.executemany(
                "INSERT INTO users (user_id, chat_id, display_name, ex_pronoun, breakup_date,"
                " no_contact_since, timezone, checkin_time, onboarded_at, created_at, updated_at,"
                " next_checkin_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", user_rows)
        else:
            conn.executemany(
                "INSERT INTO users (user_id, chat_id, display_name, ex_pronoun, breakup_date,"
                " no_contact_since, timezone, checkin_time, onboarded_at, created_at, updated_at)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?)", [r[:-1] for r in user_rows])
        conn.executemany("INSERT INTO step_progress (user_id, step, status, started_at,"
                         " completed_at) VALUES (?,?,?,?,?)", progress)
        conn.executemany("INSERT INTO answers (user_id, step, key, value, created_at)"
                         " VALUES (?,?,?,?,?)", answers)
        try:
            conn.executemany("INSERT INTO checkins (user_id, local_date, mood, contacted, urge,"
                             " created_at, completed_at) VALUES (?,?,?,?,?,?,?)", checkins)
        except sqlite3.OperationalError:
            pass  # a schema without the check-ins table: users and answers are enough
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return time.perf_counter() - started


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--users", type=int, default=100_000)
    args = parser.parse_args()
    print(f"seeded {args.users} users in {seed(args.path, args.users):.1f} s")
