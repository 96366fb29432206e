"""`python -m bench.compare`: plays the same simulated users against (1) a bare PTB echo bot and
(2) this bot, both real processes polling the loopback-HTTP stand-in, then measures start-up,
memory and reply latency with 100,000 users in the database against 100. One JSON line each.

The comparison alternates echo, this bot, echo, this bot... (`--rounds` pairs, on a shared box
the load moves between runs): each bot's figures are the medians over its runs, and the ratios
are given both from those medians and as the median of the per-pair ratios (`pairs`)."""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from bench.http_standin import SENDS, HttpStandIn
from bench.proc import BotProcess, bot_env
from bench.script import journey
from bench.seed import seed
from bench.users import Crowd

ECHO = ["-m", "bench.echo_bot"]
COMEBACK = ["-m", "bot", "run"]
TARGETS = {"ratio": 0.8, "p99_factor": 1.5, "cpu_factor": 1.25, "rss_mb": 150, "startup_s": 3.0,
           "latency_factor": 1.2}


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def play(argv: list[str], database: Path, *, users: int, first_id: int, echo: bool,
               log: Path | None = None, spy: Path | None = None) -> dict[str, Any]:
    """Starts one bot, plays `users` concurrent scripted users to the end, stops it. With `spy`,
    py-spy samples the bot while the users play (folded stacks into that file; its own CPU
    is not the bot's, but it shares the box, so such a run's figures are not comparable)."""
    async with HttpStandIn(lifetime=600) as api:
        bot = BotProcess(api, argv, bot_env(api, database), log_path=log)
        startup = await bot.start()
        crowd = Crowd(api, echo=echo)
        script = journey()
        sampler = await start_spy(bot.pid, spy) if spy is not None else None
        cpu_before = bot.cpu_seconds()
        began = time.monotonic()
        outcomes = await crowd.play({first_id + n: script for n in range(users)})
        cpu = bot.cpu_seconds() - cpu_before
        if sampler is not None:
            sampler.send_signal(signal.SIGINT)  # py-spy writes its file on SIGINT
            await sampler.wait()
        memory = bot.memory_mb()
        stop_s = await bot.stop()
    latencies = [x for o in outcomes for x in o.latencies]
    answered = sum(o.answered for o in outcomes)
    span = max((o.last_reply_at for o in outcomes), default=began) - began
    messages = sum(1 for c in api.calls if c.method in SENDS and c.status == 200)
    requests = Counter(c.method for c in api.calls if c.method != "getUpdates")
    return {
        "users": users, "actions": len(script), "answered": answered,
        "unanswered": sum(o.unanswered for o in outcomes),
        "missing_buttons": sum(o.missing_buttons for o in outcomes),
        # A reply is one message the bot sent; an answered action is one user message or tap.
        "replies_per_s": round(messages / span, 1) if span > 0 else None,
        "actions_per_s": round(answered / span, 1) if span > 0 else None,
        "bot_cpu_ms_per_action": round(cpu * 1000 / max(answered, 1), 2),
        # Bot API calls other than getUpdates (sendMessage, answerCallbackQuery, start-up).
        "requests_per_action": round(requests.total() / max(answered, 1), 2),
        "p50_ms": round(quantile(latencies, 0.50) * 1000, 1),
        "p99_ms": round(quantile(latencies, 0.99) * 1000, 1),
        "startup_s": round(startup, 3), **memory, "sigterm_exit_s": round(stop_s, 2),
    }


async def start_spy(pid: int, out: Path) -> asyncio.subprocess.Process:
    """`py-spy record` (beside this interpreter, or on PATH) on `pid`, folded stacks, idle
    frames left out, without pausing the bot at each sample."""
    exe = Path(sys.executable).with_name("py-spy")
    spy = await asyncio.create_subprocess_exec(
        str(exe) if exe.exists() else "py-spy", "record", "--pid", str(pid), "--format", "raw",
        "--rate", "200", "--nonblocking", "--output", str(out),
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)
    await asyncio.sleep(0.5)  # attached before the users start
    return spy


async def compare(users: int, work: Path, rounds: int = 3, profile: Path | None = None,
                  spy: Path | None = None) -> list[dict[str, Any]]:
    """Alternates the two bots `rounds` times (echo, this bot, echo, ...: the machine may be
    shared) and keeps each figure's median; ratios also as the median of per-pair ratios."""
    argv = COMEBACK
    if profile is not None:  # cProfile writes its stats when SIGTERM ends the bot normally
        argv = ["-m", "cProfile", "-o", str(profile), *COMEBACK]
    runs: dict[str, list[dict[str, Any]]] = {"echo": [], "comeback": []}
    for n in range(rounds):
        runs["echo"].append(await play(ECHO, work / f"echo{n}.sqlite3", users=users,
                                       first_id=1_000, echo=True))
        runs["comeback"].append(await play(
            argv, work / f"bot{n}.sqlite3", users=users, first_id=1_000, echo=False,
            log=work / "bot.log", spy=spy.with_suffix(f".{n}.txt") if spy else None))
    echo, ours = median_run(runs["echo"]), median_run(runs["comeback"])
    pairs = [ratios(e, o) for e, o in zip(runs["echo"], runs["comeback"], strict=True)]
    return [
        {"bench": "echo", "rounds": rounds, **echo},
        {"bench": "comeback", "rounds": rounds, **ours, **ratios(echo, ours),
         "pairs_median": {k: sorted(p[k] for p in pairs)[len(pairs) // 2] for k in pairs[0]},
         "pairs": pairs},
    ]


def ratios(echo: dict[str, Any], ours: dict[str, Any]) -> dict[str, float]:
    """This bot against the echo bot: throughput (higher is better), latency and CPU (lower)."""
    return {
        "ratio_vs_echo": round(ours["replies_per_s"] / echo["replies_per_s"], 2),
        "actions_ratio_vs_echo": round(ours["actions_per_s"] / echo["actions_per_s"], 2),
        "p99_vs_echo": round(ours["p99_ms"] / echo["p99_ms"], 2),
        "cpu_vs_echo": round(ours["bot_cpu_ms_per_action"] / echo["bot_cpu_ms_per_action"], 2),
    }


def median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Each numeric figure's median over the rounds (counts are summed)."""
    out: dict[str, Any] = {}
    for key, value in runs[0].items():
        values = [r[key] for r in runs]
        if key in ("answered", "unanswered", "missing_buttons"):
            out[key] = sum(values)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            out[key] = sorted(values)[len(values) // 2]
        else:
            out[key] = value
    return out


async def scale(big: int, active: int, work: Path, rounds: int = 3) -> dict[str, Any]:
    """Start-up, memory and latency with `big` seeded users against 100 seeded users: seeded
    once, then `rounds` alternating runs, each on a fresh copy; medians are reported."""
    pristine, seed_s, runs = {}, {}, {}
    for size in (100, big):
        pristine[size] = work / f"seed{size}.sqlite3"
        seed_s[size] = await asyncio.to_thread(seed, pristine[size], size)
        runs[size] = []
    for n in range(rounds):
        for size in (100, big):
            copy = work / f"run{size}.sqlite3"
            for stale in work.glob(f"run{size}.sqlite3*"):
                stale.unlink()
            shutil.copyfile(pristine[size], copy)
            runs[size].append(await play(COMEBACK, copy, users=active, first_id=1_000 + n,
                                         echo=False, log=work / "bot.log"))
    small, large = median_run(runs[100]), median_run(runs[big])
    return {
        "bench": "scale", "users_in_db": big, "active_users": active, "rounds": rounds,
        "startup_s": large["startup_s"], "rss_mb": large.get("rss_mb"),
        "peak_rss_mb": large.get("peak_rss_mb"),
        "db_mb": round(pristine[big].stat().st_size / 2**20, 1), "seed_s": round(seed_s[big], 1),
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
            out["cpu<=1.25x"] = line["cpu_vs_echo"] <= TARGETS["cpu_factor"]
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
            for line in await compare(args.users, work, args.rounds, args.profile, args.spy):
                lines.append(line)
                emit(line, args.out)
        if not args.skip_scale:
            line = await scale(args.big, args.active, work, args.rounds)
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
    parser.add_argument("--users", type=int, default=50, help="concurrent users per bot")
    parser.add_argument("--rounds", type=int, default=3, help="alternating runs per bot")
    parser.add_argument("--big", type=int, default=100_000, help="users seeded for the scale run")
    parser.add_argument("--active", type=int, default=10, help="users playing in the scale run")
    parser.add_argument("--skip-compare", action="store_true")
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the databases and bot log")
    parser.add_argument("--profile", type=Path, help="profile this bot with cProfile into FILE")
    parser.add_argument("--spy", type=Path, help="py-spy this bot's runs into FILE.<n>.txt "
                        "(folded stacks; summarise with python -m bench.folded)")
    parser.add_argument("--out", type=Path, help="also append the JSON lines to this file")
    asyncio.run(main(parser.parse_args()))
