"""`python -m bench.compare`: plays the same simulated users against (1) a bare PTB echo bot and
(2) this bot, both real processes polling the loopback-HTTP stand-in, then measures start-up,
memory and reply latency with 100,000 users in the database against 100. One JSON line each."""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.http_standin import SENDS, HttpStandIn
from bench.proc import BotProcess, bot_env
from bench.script import journey
from bench.seed import seed
from bench.users import Crowd

ECHO = ["-m", "bench.echo_bot"]
COMEBACK = ["-m", "bot", "run"]
TARGETS = {"ratio": 0.8, "p99_factor": 1.5, "rss_mb": 150, "startup_s": 3.0, "latency_factor": 1.2}


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def play(argv: list[str], database: Path, *, users: int, first_id: int, echo: bool,
               log: Path | None = None) -> dict[str, Any]:
    """Starts one bot, plays `users` concurrent scripted users to the end, stops it."""
    async with HttpStandIn(lifetime=600) as api:
        bot = BotProcess(api, argv, bot_env(api, database), log_path=log)
        startup = await bot.start()
        crowd = Crowd(api, echo=echo)
        script = journey()
        began = time.monotonic()
        outcomes = await crowd.play({first_id + n: script for n in range(users)})
        memory = bot.memory_mb()
        stop_s = await bot.stop()
    latencies = [x for o in outcomes for x in o.latencies]
    answered = sum(o.answered for o in outcomes)
    span = max((o.last_reply_at for o in outcomes), default=began) - began
    messages = sum(1 for c in api.calls if c.method in SENDS and c.status == 200)
    return {
        "users": users, "actions": len(script), "answered": answered,
        "unanswered": sum(o.unanswered for o in outcomes),
        "missing_buttons": sum(o.missing_buttons for o in outcomes),
        "replies_per_s": round(answered / span, 1) if span > 0 else None,
        "messages_per_s": round(messages / span, 1) if span > 0 else None,
        "p50_ms": round(quantile(latencies, 0.50) * 1000, 1),
        "p99_ms": round(quantile(latencies, 0.99) * 1000, 1),
        "startup_s": round(startup, 3), **memory, "sigterm_exit_s": round(stop_s, 2),
    }


async def compare(users: int, work: Path) -> list[dict[str, Any]]:
    echo = await play(ECHO, work / "echo.sqlite3", users=users, first_id=1_000, echo=True)
    ours = await play(COMEBACK, work / "throughput.sqlite3", users=users, first_id=1_000,
                      echo=False, log=work / "bot.log")
    echo_line = {"bench": "echo", **echo}
    ours_line = {"bench": "comeback", **ours,
                 "ratio_vs_echo": round(ours["replies_per_s"] / echo["replies_per_s"], 2),
                 "p99_vs_echo": round(ours["p99_ms"] / echo["p99_ms"], 2)}
    return [echo_line, ours_line]


async def scale(big: int, active: int, work: Path) -> dict[str, Any]:
    """Start-up, memory and latency with `big` seeded users against 100 seeded users."""
    results = {}
    for size in (100, big):
        path = work / f"seed{size}.sqlite3"
        seconds = await asyncio.to_thread(seed, path, size)
        results[size] = await play(COMEBACK, path, users=active, first_id=1_000, echo=False,
                                   log=work / "bot.log")
        results[size]["seed_s"] = round(seconds, 1)
        results[size]["db_mb"] = round(path.stat().st_size / 2**20, 1)
    small, large = results[100], results[big]
    return {
        "bench": "scale", "users_in_db": big, "active_users": active,
        "startup_s": large["startup_s"], "rss_mb": large.get("rss_mb"),
        "peak_rss_mb": large.get("peak_rss_mb"), "db_mb": large["db_mb"],
        "startup_s_at_100": small["startup_s"], "rss_mb_at_100": small.get("rss_mb"),
        "p50_ms_at_100": small["p50_ms"], "p50_ms_at_big": large["p50_ms"],
        "p99_ms_at_100": small["p99_ms"], "p99_ms_at_big": large["p99_ms"],
        "latency_ratio_p50": round(large["p50_ms"] / small["p50_ms"], 2),
        "latency_ratio_p99": round(large["p99_ms"] / small["p99_ms"], 2),
        "answered": [small["answered"], large["answered"]],
    }


def verdict(lines: list[dict[str, Any]]) -> dict[str, Any]:
    """Which targets were met (printed, never asserted)."""
    out: dict[str, Any] = {"bench": "targets"}
    for line in lines:
        if line["bench"] == "comeback":
            out["ratio>=0.8"] = line["ratio_vs_echo"] >= TARGETS["ratio"]
            out["p99<=1.5x"] = line["p99_vs_echo"] <= TARGETS["p99_factor"]
        if line["bench"] == "scale":
            out["rss<=150MB"] = (line["rss_mb"] or 0) <= TARGETS["rss_mb"]
            out["startup<=3s"] = line["startup_s"] <= TARGETS["startup_s"]
            out["latency<=1.2x"] = line["latency_ratio_p50"] <= TARGETS["latency_factor"]
    return out


async def main(args: argparse.Namespace) -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    lines: list[dict[str, Any]] = []
    try:
        if not args.skip_compare:
            for line in await compare(args.users, work):
                lines.append(line)
                emit(line, args.out)
        if not args.skip_scale:
            line = await scale(args.big, args.active, work)
            lines.append(line)
            emit(line, args.out)
        emit(verdict(lines), args.out)
    finally:
        if args.keep:
            print(f"work files kept in {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


def emit(line: dict[str, Any], out: Path | None) -> None:
    text = json.dumps(line)
    print(text, flush=True)
    if out is not None:
        with out.open("a", encoding="utf-8") as fh:
            fh.write(text + "\n")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200, help="concurrent users per bot")
    parser.add_argument("--big", type=int, default=100_000, help="users seeded for the scale run")
    parser.add_argument("--active", type=int, default=50, help="users playing in the scale run")
    parser.add_argument("--skip-compare", action="store_true")
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the databases and bot log")
    parser.add_argument("--out", type=Path, help="also append the JSON lines to this file")
    asyncio.run(main(parser.parse_args()))
