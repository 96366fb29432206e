"""Benchmark: N daily check-ins due in the same minute, delivered through the real bot to the
loopback HTTP Bot API stand-in (bench/http_standin.py), while other users chat with the bot.

    .venv/bin/python -m bench.checkins                 # 10,000 users (about 6 minutes)
    .venv/bin/python -m bench.checkins --users 1000    # a quicker run

It seeds N onboarded users in no contact whose check-in is due at the same instant, starts the
bot as in production (scheduler loop, paced sender on its own HTTP pool, the app's rate limiter
for interactive replies) against the stand-in over 127.0.0.1, and, while the burst runs, sends
/nocontact or /help from a few other users twice a second. It prints one JSON line:
`seconds` (due time to the last check-in delivered; target <= 400 s for 10,000), `per_second`
(target >= 25), `max_per_1s` (largest number of check-ins in any one-second window, <= 30),
`max_per_chat_1s` (most to one chat in a second, 1), `duplicates` (chats that got two),
`interactive_p95_s` (p95 time to answer an interactive message during the burst, <= 1 s).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.http_standin import HttpStandIn, max_in_window
from bot.app import build_application, process, shutdown, startup
from bot.config import Settings
from bot.core.clock import iso
from bot.devtools.updates import UpdateFactory
from bot.storage import db

ASK = "How has today been"
FIRST_ID = 1_000_000
INTERACTIVE = list(range(500, 520))


async def seed(path: Path, users: int, due: datetime) -> None:
    """N users in no contact for ten days (no milestone), check-in due at `due`, plus the
    interactive users (no check-in scheduled)."""
    database = await db.open_database(path)
    conn = database.writer
    stamp = iso(due - timedelta(days=20))
    since = (due - timedelta(days=10)).date().isoformat()
    rows = [(uid, uid, "Sam", "UTC", due.strftime("%H:%M"), since, stamp, iso(due), stamp, stamp)
            for uid in range(FIRST_ID, FIRST_ID + users)]
    rows += [(uid, uid, "Alex", "UTC", "08:00", since, stamp, None, stamp, stamp) for uid in INTERACTIVE]
    await conn.execute("BEGIN IMMEDIATE")
    await conn.executemany(
        "INSERT INTO users (user_id, chat_id, display_name, timezone, checkin_time,"
        " no_contact_since, onboarded_at, next_checkin_at, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    await conn.execute("COMMIT")
    await database.close()


async def chat_while(app, stop: asyncio.Event, latencies: list[float]) -> None:  # type: ignore[no-untyped-def]
    """Interactive users talk to the bot twice a second; each reply's time is recorded."""
    factory = UpdateFactory(app.bot)
    n = 0
    while not stop.is_set():
        uid = INTERACTIVE[n % len(INTERACTIVE)]
        text = "/nocontact" if n % 2 else "/help"
        started = time.monotonic()
        await process(app, factory.text(uid, text))
        latencies.append(time.monotonic() - started)
        n += 1
        try:
            await asyncio.wait_for(stop.wait(), 0.5)
        except TimeoutError:
            pass


async def run(users: int, timeout: float) -> dict[str, object]:
    async with HttpStandIn(lifetime=timeout + 120) as api:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "bench.sqlite3"
            due = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=3)
            await seed(path, users, due)
            settings = Settings(_env_file=None, database_path=path, bot_token=None,  # type: ignore[call-arg]
                                telegram_base_url=api.base_url, scheduler_interval_seconds=1.0)
            app = build_application(settings)
            await app.initialize()
            await startup(app, background=True)
            due_mono = time.monotonic() + (due - datetime.now(UTC)).total_seconds()
            stop, latencies = asyncio.Event(), []
            talker = asyncio.create_task(chat_while(app, stop, latencies))
            wanted = set(range(FIRST_ID, FIRST_ID + users))

            got: list = []  # type: ignore[type-arg]
            # Counted as they arrive: rescanning every call after each send would cost O(N^2).
            api.on_call(lambda c: got.append(c) if (
                c.method == "sendMessage" and c.status == 200 and c.chat_id in wanted
                and ASK in c.text) else None)
            await api.wait_for(lambda: len(got) >= users, timeout)
            stop.set()
            await talker
            await shutdown(app)
            await app.shutdown()
    sends = got
    times = sorted(c.at for c in sends)
    per_chat: dict[int, list[float]] = {}
    for c in sends:
        per_chat.setdefault(c.chat_id, []).append(c.at)
    seconds = (times[-1] - due_mono) if times else None
    p95 = statistics.quantiles(latencies, n=20)[-1] if len(latencies) >= 20 else max(latencies, default=0)
    return {
        "users": users, "delivered": len(sends), "seconds": round(seconds, 1) if seconds else None,
        "per_second": round(len(sends) / seconds, 2) if seconds else None,
        "max_per_1s": max_in_window(times),
        "max_per_chat_1s": max((max_in_window(sorted(t)) for t in per_chat.values()), default=0),
        "duplicates": sum(1 for t in per_chat.values() if len(t) > 1),
        "interactive_replies": len(latencies), "interactive_p95_s": round(p95, 3),
        "interactive_max_s": round(max(latencies, default=0), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--timeout", type=float, default=900.0, help="give up after this many s")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    print(json.dumps(asyncio.run(run(args.users, args.timeout))))


if __name__ == "__main__":
    main()
