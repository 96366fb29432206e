"""One user floods while others chat: others' reply times with and without the flood.

`python -m bench.flood` runs the real bot process against the HTTP stand-in with Telegram-like
per-chat flood control (a chat may take 3 messages at once, then about 1 a second; beyond that
a 429 with retry_after). `--others` users each send /help, wait for the answer, pause
`--think` seconds and go again. First a quiet phase, then one user sends `--rate` messages a
second for `--seconds`; a brand-new user sends /start in the middle of the flood. Prints one
JSON line per phase (others' p50/p95/max reply time, an unanswered message counted as
`--timeout`, and how many went unanswered), one for the new user and one for the flooder
(messages sent, replies received, slow-down notes).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.http_standin import ChatLimits, HttpStandIn
from bench.proc import BotProcess, bot_env
from bench.users import Crowd, SimUser, text

FLOODER = 1
NEWCOMER = 999_999
NOTE = "a lot of messages arriving at once"


def summary(phase: str, latencies: list[float], unanswered: int) -> dict[str, Any]:
    ordered = sorted(latencies)
    pick = (lambda q: round(1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)
            ) if ordered else (lambda q: None)
    return {"phase": phase, "answered": len(ordered), "unanswered": unanswered,
            "p50_ms": round(1000 * statistics.median(ordered), 1) if ordered else None,
            "p95_ms": pick(0.95), "max_ms": pick(1.0)}


async def chat_until(user: SimUser, stop_at: float, think: float,
                     record: list[float], missed: list[int]) -> None:
    """Sends /help, waits for the answer, thinks, again, until `stop_at`."""
    while time.monotonic() < stop_at:
        before = len(user.outcome.latencies)
        if await user.act(text("/help")):
            record.extend(user.outcome.latencies[before:])
        else:
            missed.append(user.id)
            record.append(user.timeout)  # at least that long: counted, not left out
        await asyncio.sleep(think)


async def run(args: argparse.Namespace) -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-flood-"))
    async with HttpStandIn(lifetime=args.quiet + args.seconds + 3 * args.timeout + 60) as api:
        api.chat_limits = ChatLimits(per_second=1.0, burst=3)
        bot = BotProcess(api, ["-m", "bot", "run"], bot_env(api, work / "bot.sqlite3"),
                         work / "bot.log")
        await bot.start()
        crowd = Crowd(api, settle=0.05, timeout=args.timeout)
        others = [crowd.user(uid) for uid in range(100, 100 + args.others)]
        flooder = crowd.user(FLOODER)
        try:
            for phase, flood in (("quiet", False), ("flood", True)):
                latencies: list[float] = []
                missed: list[int] = []
                length = args.quiet if not flood else args.seconds
                stop_at = time.monotonic() + length
                tasks: list[asyncio.Task[Any]] = [
                    asyncio.create_task(chat_until(u, stop_at, args.think, latencies, missed))
                    for u in others]
                if flood:
                    tasks.append(asyncio.create_task(_flood(api, args.rate, args.seconds)))
                    tasks.append(asyncio.create_task(_newcomer(crowd, args.seconds / 2)))
                results = await asyncio.gather(*tasks)
                print(json.dumps(summary(phase, latencies, len(missed))), flush=True)
            newcomer = results[-1]
            print(json.dumps({"newcomer_start_s": newcomer}), flush=True)
            await asyncio.sleep(2.0)
            notes = sum(NOTE in c.text for c in flooder.replies)
            print(json.dumps({"flooder_sent": int(args.rate * args.seconds),
                              "flooder_replies": len(flooder.replies), "slow_down_notes": notes,
                              "429s": api.chat_limits.limited, "rss_mb": bot.memory_mb()}),
                  flush=True)
        finally:
            await bot.stop(timeout=20)


async def _flood(api: HttpStandIn, rate: float, seconds: float) -> None:
    began, sent = time.monotonic(), 0
    while time.monotonic() - began < seconds:
        due = int((time.monotonic() - began) * rate)
        while sent < due:
            api.push_text(FLOODER, f"flood {sent}")
            sent += 1
        await asyncio.sleep(0.01)


async def _newcomer(crowd: Crowd, after: float) -> float | None:
    await asyncio.sleep(after)
    user = crowd.user(NEWCOMER)
    if not await user.act(text("/start")):
        return None
    return round(user.outcome.latencies[-1], 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--others", type=int, default=20)
    parser.add_argument("--think", type=float, default=1.5, help="seconds between messages")
    parser.add_argument("--quiet", type=float, default=15.0, help="seconds without a flood")
    parser.add_argument("--rate", type=float, default=50.0, help="flood messages per second")
    parser.add_argument("--seconds", type=float, default=20.0, help="how long the flood lasts")
    parser.add_argument("--timeout", type=float, default=30.0, help="unanswered after this")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
