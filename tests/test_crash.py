"""Crash tests: the real bot process (`python -m bot run`) against the loopback-HTTP stand-in,
killed with SIGKILL at random moments, and stopped with SIGTERM in the middle of a burst."""

from __future__ import annotations

import asyncio
import os
import random
import sqlite3
import time
from pathlib import Path

import pytest

from bench.http_standin import HttpStandIn
from bench.proc import BotProcess, bot_env
from bench.script import ONBOARDING, STEP1
from bench.users import SimUser
from tests.crashkit import DbView, ResilientUser, reference_run, route

pytestmark = pytest.mark.crash
SCRIPT = [*ONBOARDING, *STEP1]
# The typed answers the bot must keep: the name, the zone, step 1's problems and answers.
KEPT = {"Sam", "Europe/Berlin", *(a.value for a in STEP1 if a.kind == "text")}
SEED = int(os.environ.get("CRASH_SEED", "0")) or random.randrange(1, 10_000)


def assert_finished_and_kept(db: Path, users: list[ResilientUser]) -> None:
    """Every user reached the end of step 1, and every answer the bot acknowledged is stored."""
    view = DbView(db)
    conn = sqlite3.connect(db)
    try:
        for user in users:
            assert view.where(user.id) == (None, 1, "done"), (user.id, view.where(user.id))
            for text in user.acknowledged:
                if text in KEPT:
                    assert view.stored(user.id, text), (user.id, text)
            problems = {v for (v,) in conn.execute(
                "SELECT value FROM answers WHERE user_id = ? AND key = 'problem'", (user.id,))}
            assert problems == {STEP1[2].value, STEP1[3].value}, (user.id, problems)
    finally:
        conn.close()


async def reference(api: HttpStandIn, users: dict[int, SimUser], db: Path) -> SimUser:
    ref = users[500] = SimUser(api, 500, settle=0.05)
    return await reference_run(api, ref, DbView(db), SCRIPT)


async def test_kill_9_at_random_moments_loses_nothing(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    db = tmp_path / "bot.sqlite3"
    async with HttpStandIn(lifetime=150) as api:
        bot = BotProcess(api, ["-m", "bot", "run"], bot_env(api, db), tmp_path / "bot.log")
        await bot.start()
        users: dict[int, SimUser] = {}
        route(api, users)
        ref = await reference(api, users, db)
        up = asyncio.Event()
        up.set()
        crowd = [ResilientUser(api, 600 + n, DbView(db), up, ref) for n in range(10)]
        users.update({u.id: u for u in crowd})
        deadline = time.monotonic() + 90
        playing = asyncio.gather(*(u.run_resilient(SCRIPT, deadline) for u in crowd))
        kills = 0
        while not playing.done() and kills < 6:
            await asyncio.wait({playing}, timeout=rng.uniform(0.15, 0.9))
            if playing.done():
                break
            up.clear()
            await bot.wait_killed()  # SIGKILL: no chance to tidy up
            kills += 1
            await bot.start()
            up.set()
        await playing
        exit_s = await bot.stop()
    assert kills >= 2, f"seed {SEED}: the users finished before the bot was killed twice"
    assert exit_s < 10
    assert_finished_and_kept(db, crowd)
    print(f"seed {SEED}: {kills} kills, {sum(u.resyncs for u in crowd)} resyncs, "
          f"{sum(u.synthesized for u in crowd)} lost buttons pressed from the reference")


async def test_sigterm_mid_burst_stops_within_10_s_and_keeps_everything(tmp_path: Path) -> None:
    db = tmp_path / "bot.sqlite3"
    async with HttpStandIn(lifetime=150) as api:
        bot = BotProcess(api, ["-m", "bot", "run"], bot_env(api, db), tmp_path / "bot.log")
        await bot.start()
        users: dict[int, SimUser] = {}
        route(api, users)
        ref = await reference(api, users, db)
        up = asyncio.Event()
        up.set()
        crowd = [ResilientUser(api, 700 + n, DbView(db), up, ref) for n in range(30)]
        users.update({u.id: u for u in crowd})
        playing = asyncio.gather(*(u.run_resilient(SCRIPT, time.monotonic() + 90) for u in crowd))
        await asyncio.sleep(1.5)  # a burst: thirty users mid-onboarding
        assert not playing.done()
        up.clear()
        exit_s = await bot.stop(timeout=30)
        assert bot.proc is not None and bot.proc.returncode == 0, bot.proc.returncode
        await bot.start()
        up.set()
        await playing
        await bot.stop()
    assert exit_s < 10, exit_s
    assert_finished_and_kept(db, crowd)
