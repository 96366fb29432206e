"""Benchmark: one delivery path under a mixed burst. N users in one zone whose daily check-in and
weekly summary (with its chart) are due in the same minute, plus M SOS 15-minute check-backs due
then too, delivered by the real bot process (`python -m bot run`, its chart worker process
beside it) to the loopback HTTP Bot API stand-in, while a few other users chat with the bot.

    .venv/bin/python -m bench.delivery                          # 10,000 users, 2,000 check-backs
    .venv/bin/python -m bench.delivery --users 1000 --sos 200   # a quicker run

A summary is three messages (the chart with the week under it, a word for the week ahead, "I'll
check in as usual"), so the burst is N + 3N + M messages. It prints one JSON line:
`delivered` per kind and `missing`; `duplicates` (a chat that got a kind more often than once,
or a summary more than three messages); `max_per_1s` (most scheduled sends in any one-second
window, <= 30) and `max_per_1s_all` (interactive replies included); `max_per_chat_1s` (1);
`checkins_before_first_summary` (every check-in out before the first summary message) and
`sos_before_first_checkin`; `interactive_p95_s` (<= 1 s) during the burst; `seconds` (due time
to the last scheduled send) against `target_s` = 1.1 x messages / 29 per second.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sqlite3
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.http_standin import HttpStandIn, Served, max_in_window
from bench.proc import BotProcess, bot_env
from bench.users import SimUser, text
from bot.core.clock import iso
from bot.storage import db

FIRST_ID = 1_000_000
INTERACTIVE = list(range(500, 510))
KINDS = ("sos", "checkin", "summary")
SUMMARY_OPENINGS = ("<b>Your week", "A slip this week", "Harder weeks come and go",
                    "You felt the pull", "Another week of looking", "I'll check in as usual")


def kind_of(call: Served) -> str | None:
    body = call.text
    if "Fifteen minutes are up" in body:
        return "sos"
    if "How has today been" in body:
        return "checkin"
    if body.startswith(SUMMARY_OPENINGS):
        return "summary"
    return None


async def _migrate(path: Path) -> None:
    database = await db.open_database(path)
    await database.close()


def seed(path: Path, users: int, sos: int, due: datetime) -> None:
    """N users in UTC, ten days into no contact (no milestone), check-in and summary due at
    `due`, each with a week of check-ins (so every summary has a chart); the first `sos` of
    them also wait out an urge whose 15-minute check-back is due then. Plus the interactive
    users, with nothing due."""
    asyncio.run(_migrate(path))
    stamp, at = iso(due - timedelta(days=20)), iso(due)
    since = (due - timedelta(days=10)).date().isoformat()
    later = iso(due + timedelta(days=3))
    conn = sqlite3.connect(path)
    with conn:
        rows = [(uid, uid, "Sam", "UTC", due.strftime("%H:%M"), since, stamp, at, at,
                 due.weekday(), stamp, stamp) for uid in range(FIRST_ID, FIRST_ID + users)]
        rows += [(uid, uid, "Alex", "UTC", "08:00", since, stamp, later, later, 0, stamp, stamp)
                 for uid in INTERACTIVE]
        conn.executemany(
            "INSERT INTO users (user_id, chat_id, display_name, timezone, checkin_time,"
            " no_contact_since, onboarded_at, next_checkin_at, next_summary_at,"
            " weekly_summary_day, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        checkins = [(uid, (due - timedelta(days=d)).date().isoformat(), 1 + (uid + d) % 5, 0,
                     (uid * 7 + d) % 11, stamp, stamp)
                    for uid in range(FIRST_ID, FIRST_ID + users) for d in range(1, 8)]
        conn.executemany(
            "INSERT INTO checkins (user_id, local_date, mood, contacted, urge, created_at,"
            " completed_at) VALUES (?,?,?,?,?,?,?)", checkins)
        for uid in range(FIRST_ID, FIRST_ID + sos):
            urge = conn.execute(
                "INSERT INTO urges (user_id, occurred_at, source, intensity, outcome, created_at)"
                " VALUES (?, ?, 'sos', 8, 'open', ?) RETURNING id",
                (uid, iso(due - timedelta(minutes=15)), stamp)).fetchone()[0]
            conn.execute(
                "INSERT INTO outbox (user_id, kind, key, local_date, due_at, priority, payload,"
                " created_at) VALUES (?, 'sos.wait', ?, ?, ?, 0, ?, ?)",
                (uid, f"u{urge}", due.date().isoformat(), at, json.dumps({"urge": urge}), stamp))
    conn.close()


async def chat_while(user: SimUser, stop: asyncio.Event, latencies: list[float],
                     missed: list[int], think: float, start: float) -> None:
    """One interactive user: after `start` s, /help or /nocontact, wait for the answer, think,
    again (the users start staggered, so together they write evenly, not all at once)."""
    n = 0
    await asyncio.sleep(start)
    while not stop.is_set():
        before = len(user.outcome.latencies)
        if await user.act(text("/nocontact" if n % 2 else "/help")):
            latencies.extend(user.outcome.latencies[before:])
        else:
            missed.append(user.id)
            latencies.append(user.timeout)
        n += 1
        try:
            await asyncio.wait_for(stop.wait(), think)
        except TimeoutError:
            pass


async def run(users: int, sos: int, timeout: float, think: float, charts: int) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="bench-delivery-"))
    path = work / "bot.sqlite3"
    due = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=25)
    await asyncio.to_thread(seed, path, users, sos, due)
    expected = {"sos": sos, "checkin": users, "summary": 3 * users}
    total = sum(expected.values())
    burst: list[tuple[float, int, str]] = []
    interactive_sends: list[float] = []
    sims: dict[int, SimUser | None] = dict.fromkeys(INTERACTIVE)

    async with HttpStandIn(lifetime=timeout + 300) as api:
        def record(call: Served) -> None:
            for key in [k for k in call.params if k.startswith("file:")]:
                call.params[key] = b""  # keep the record, not 10,000 charts in memory
            if call.status != 200 or call.method not in ("sendMessage", "sendPhoto"):
                return
            if call.chat_id in sims:
                interactive_sends.append(call.at)
                sim = sims[call.chat_id]
                if sim is not None:
                    sim.receive(call)
                return
            kind = kind_of(call)
            if kind is not None and call.chat_id is not None:
                burst.append((call.at, call.chat_id, kind))

        api.on_call(record)
        env = bot_env(api, path, SCHEDULER_INTERVAL_SECONDS="1", LOG_LEVEL="WARNING",
                      CHART_PROCESSES=str(charts))
        bot = BotProcess(api, ["-m", "bot", "run"], env, work / "bot.log")
        await bot.start()
        cpu_before = bot.cpu_seconds()
        due_mono = time.monotonic() + (due - datetime.now(UTC)).total_seconds()
        crowd = [SimUser(api, uid, settle=0.05, timeout=10.0) for uid in INTERACTIVE]
        sims.update({u.id: u for u in crowd})
        await asyncio.sleep(max(0.0, due_mono - time.monotonic()))
        stop, latencies, missed = asyncio.Event(), [], []  # type: ignore[var-annotated]
        talkers = [asyncio.create_task(chat_while(u, stop, latencies, missed, think * len(crowd),
                                                  think * n))
                   for n, u in enumerate(crowd)]
        done = await api.wait_for(lambda: len(burst) >= total, timeout)
        stop.set()
        await asyncio.gather(*talkers)
        peak = bot.memory_mb()
        cpu = bot.cpu_seconds() - cpu_before
        await bot.stop(timeout=30)
    return report(burst, expected, due_mono, latencies, missed, interactive_sends,
                  {"users": users, "sos_checkbacks": sos, "chart_processes": charts,
                   "finished": done,
                   "bot_cpu_s": round(cpu, 1), **peak})


def report(burst: list[tuple[float, int, str]], expected: dict[str, int], due: float,
           latencies: list[float], missed: list[int], interactive: list[float],
           extra: dict[str, Any]) -> dict[str, Any]:
    burst.sort()
    total = sum(expected.values())
    counts = {k: sum(1 for *_, kind in burst if kind == k) for k in KINDS}
    per: dict[tuple[int, str], int] = {}
    per_chat: dict[int, list[float]] = {}
    for at, chat, kind in burst:
        per[(chat, kind)] = per.get((chat, kind), 0) + 1
        per_chat.setdefault(chat, []).append(at)
    duplicates = sum(1 for (_, kind), n in per.items() if n > (3 if kind == "summary" else 1))
    times = [at for at, *_ in burst]
    first = {k: min((at for at, _, kind in burst if kind == k), default=None) for k in KINDS}
    last = {k: max((at for at, _, kind in burst if kind == k), default=None) for k in KINDS}
    seconds = (times[-1] - due) if times else None
    ordered = sorted(latencies)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] if ordered else None
    return {
        **extra, "messages": total, "delivered": counts,
        "missing": {k: expected[k] - counts[k] for k in KINDS}, "duplicates": duplicates,
        "max_per_1s": max_in_window(times),
        "max_per_1s_all": max_in_window(sorted(times + interactive)),
        "max_per_chat_1s": max((max_in_window(t) for t in per_chat.values()), default=0),
        "checkins_before_first_summary": bool(last["checkin"] and first["summary"]
                                              and last["checkin"] < first["summary"]),
        "sos_before_first_checkin": bool(last["sos"] and first["checkin"]
                                         and last["sos"] < first["checkin"]),
        "last_checkin_s": round(last["checkin"] - due, 1) if last["checkin"] else None,
        "seconds": round(seconds, 1) if seconds else None,
        "target_s": round(1.1 * total / 29, 1),
        "per_second": round(len(times) / seconds, 2) if seconds else None,
        "interactive_replies": len(latencies), "interactive_unanswered": len(missed),
        "interactive_p50_s": round(statistics.median(ordered), 3) if ordered else None,
        "interactive_p95_s": round(p95, 3) if p95 is not None else None,
        "interactive_max_s": round(ordered[-1], 3) if ordered else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--sos", type=int, default=2_000)
    parser.add_argument("--timeout", type=float, default=2400.0, help="give up after this many s")
    parser.add_argument("--think", type=float, default=1.5,
                        help="seconds between interactive actions, all users together")
    parser.add_argument("--charts", type=int, default=1, help="CHART_PROCESSES for the bot")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    print(json.dumps(asyncio.run(run(args.users, args.sos, args.timeout, args.think,
                                     args.charts))))


if __name__ == "__main__":
    main()
