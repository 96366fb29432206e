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
from tests.crashkit import (
    PARTS,
    DbView,
    ResilientUser,
    delivered_by_row,
    mixed_rows,
    no_orphans,  # noqa: F401  (autouse: kills leftover bots)
    reference_run,
    route,
    seed_mixed_burst,
)
from tests.halves import halves

pytestmark = pytest.mark.crash
SCRIPT = [*ONBOARDING, *STEP1]
# The typed answers the bot must keep: the name, the zone, step 1's problems and answers.
KEPT = {"Sam", "Europe/Berlin", *(a.value for a in STEP1 if a.kind == "text")}
# The kill moments come from these seeds, each replayed every run, so a failure is the same
# failure the next time (1983 was reported failing; kept). One seed of up to eight kills keeps
# `make test` within its six minutes; each further seed adds some 45 s (4242 and 77 were run
# in `make test` for several rounds and never failed alone). CRASH_SEED=n (or "4242,77") adds them.
SEEDS = [1983]
SEEDS += [int(n) for n in os.environ.get("CRASH_SEED", "").split(",") if n.strip()]
MAX_KILLS = 8


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


# -- check-ins: activates once the check-in dispatcher and outbox are in this build -----------

def checkins_built() -> bool:
    from bot.app import features

    return any(f.name == "checkins" for f in features())


needs_checkins = pytest.mark.skipif(not checkins_built(), reason="no check-in dispatcher yet")
DUE_USERS = 150  # 5 s of sending at 30 a second: long enough to be killed in
FIRST_DUE = 20_000_000


def seed_due_checkins(db: Path) -> None:
    """DUE_USERS onboarded users, five days into no contact, each with a check-in due a minute ago."""
    from datetime import UTC, datetime, timedelta

    from bench.seed import seed
    from bot.core.clock import iso

    seed(db, DUE_USERS, first_id=FIRST_DUE)
    now = datetime.now(UTC)
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE users SET next_checkin_at = ?, no_contact_since = ?, timezone = 'UTC'",
                     (iso(now - timedelta(minutes=1)), (now - timedelta(days=5)).date().isoformat()))
    conn.close()


def outbox(db: Path) -> dict[int, list[str]]:
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT user_id, status FROM outbox WHERE kind = 'checkin'").fetchall()
    finally:
        conn.close()
    found: dict[int, list[str]] = {}
    for user_id, status in rows:
        found.setdefault(user_id, []).append(status)
    return found


async def settled(db: Path, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        rows = outbox(db)
        if len(rows) == DUE_USERS and all(s[0] not in ("pending", "queued", "sending")
                                          for s in rows.values()):
            return True
        await asyncio.sleep(0.25)
    return False


def assert_each_checkin_once(api: HttpStandIn, db: Path) -> dict[str, int]:
    """One outbox row per user, sent or recorded uncertain; never delivered twice; a row marked
    sent was delivered exactly once."""
    rows = outbox(db)
    assert len(rows) == DUE_USERS, f"{DUE_USERS - len(rows)} due check-ins silently dropped"
    delivered: dict[int, int] = {}
    for call in api.sent():
        if call.method == "sendMessage" and call.chat_id is not None and call.chat_id >= FIRST_DUE:
            delivered[call.chat_id] = delivered.get(call.chat_id, 0) + 1
    counts = {"sent": 0, "uncertain": 0}
    for user_id, statuses in rows.items():
        assert len(statuses) == 1 and statuses[0] in counts, (user_id, statuses)
        counts[statuses[0]] += 1
        assert delivered.get(user_id, 0) <= 1, f"check-in to {user_id} went out twice"
        if statuses[0] == "sent":
            assert delivered.get(user_id, 0) == 1, f"{user_id} marked sent, never delivered"
    return counts


_REFERENCE: list[SimUser] = []  # made by the first test that needs it, read by the others


async def reference(api: HttpStandIn, users: dict[int, SimUser], tmp_path: Path) -> SimUser:
    """The script once, on a bot of its own with an empty database and nothing else to do, so
    where it stands before each action is read without races. Made once per session: the
    tests read only where it stood and which buttons it pressed, the same every time."""
    if _REFERENCE:
        return _REFERENCE[0]
    db = tmp_path / "reference.sqlite3"
    bot = BotProcess(api, ["-m", "bot", "run"], bot_env(api, db), tmp_path / "reference.log")
    await bot.start()
    ref = users[500] = SimUser(api, 500, settle=0.2)
    try:
        _REFERENCE.append(await reference_run(api, ref, DbView(db), SCRIPT))
        return _REFERENCE[0]
    finally:
        await bot.stop()


@pytest.mark.parametrize("seed", SEEDS)
async def test_kill_9_at_random_moments_loses_nothing(tmp_path: Path, seed: int) -> None:
    """Users onboard and answer step 1 while (once they are built) 300 check-ins go out; the
    bot is SIGKILLed at seeded random moments and restarted each time."""
    rng = random.Random(seed)
    db = tmp_path / "bot.sqlite3"
    with_checkins = checkins_built()
    if with_checkins:
        await asyncio.to_thread(seed_due_checkins, db)
    async with HttpStandIn(lifetime=150) as api:
        users: dict[int, SimUser] = {}
        route(api, users)
        ref = await reference(api, users, tmp_path)
        env = bot_env(api, db, SCHEDULER_INTERVAL_SECONDS="0.5")
        bot = BotProcess(api, ["-m", "bot", "run"], env, tmp_path / "bot.log")
        await bot.start()
        up = asyncio.Event()
        up.set()
        crowd = [ResilientUser(api, 600 + n, DbView(db), up, ref) for n in range(10)]
        users.update({u.id: u for u in crowd})
        deadline = time.monotonic() + 90
        playing = asyncio.gather(*(u.run_resilient(SCRIPT, deadline) for u in crowd))
        kills = 0
        while not playing.done() and kills < MAX_KILLS:
            await asyncio.wait({playing}, timeout=rng.uniform(0.15, 0.9))
            if playing.done():
                break
            up.clear()
            await bot.wait_killed()  # SIGKILL: no chance to tidy up
            kills += 1
            await bot.start()
            up.set()
        await playing
        if with_checkins:
            assert await settled(db, 60), outbox(db)
        exit_s = await bot.stop()
    assert kills >= 2, f"seed {seed}: the users finished before the bot was killed twice"
    assert exit_s < 10
    assert_finished_and_kept(db, crowd)
    counts = assert_each_checkin_once(api, db) if with_checkins else {}
    print(f"seed {seed}: {kills} kills, {sum(u.resyncs for u in crowd)} resyncs, "
          f"{sum(u.synthesized for u in crowd)} lost buttons pressed from the reference, "
          f"check-ins {counts}")


async def test_sigterm_mid_burst_stops_within_10_s_and_keeps_everything(tmp_path: Path) -> None:
    db = tmp_path / "bot.sqlite3"
    async with HttpStandIn(lifetime=150) as api:
        users: dict[int, SimUser] = {}
        route(api, users)
        ref = await reference(api, users, tmp_path)
        bot = BotProcess(api, ["-m", "bot", "run"], bot_env(api, db), tmp_path / "bot.log")
        await bot.start()
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


@needs_checkins
async def test_sigterm_mid_checkin_burst_stops_within_10_s_and_loses_none(tmp_path: Path) -> None:
    db = tmp_path / "bot.sqlite3"
    await asyncio.to_thread(seed_due_checkins, db)
    async with HttpStandIn(lifetime=150) as api:
        bot = BotProcess(api, ["-m", "bot", "run"], bot_env(api, db, SCHEDULER_INTERVAL_SECONDS="0.5"),
                         tmp_path / "bot.log")
        await bot.start()
        assert await api.wait_for(lambda: len(api.sent()) >= 30, 20)
        exit_s = await bot.stop(timeout=30)
        assert bot.proc is not None and bot.proc.returncode == 0
        assert exit_s < 10, exit_s
        assert len(api.sent()) < DUE_USERS  # it really stopped mid-burst
        await bot.start()
        assert await settled(db, 60), outbox(db)
        await bot.stop()
    counts = assert_each_checkin_once(api, db)
    # Sent or recorded uncertain, never twice, never dropped. Ideally a graceful stop leaves
    # nothing uncertain; the sender claims a row before waiting for its send slot, so a stop in
    # that wait can leave one (reported to the lead; see bot/delivery/sender.py _claim/_take_slot).
    print(f"check-ins after a SIGTERM mid-burst: {counts}")


MIXED_USERS, MIXED_SOS = 60, 30
# One seed in `make test` (31 added 40 s and never failed alone); CRASH_MIXED_SEED=31 adds it.
MIXED_SEEDS = [2024, *(int(n) for n in os.environ.get("CRASH_MIXED_SEED", "").split(",") if n.strip())]


async def mixed_settled(db: Path, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        rows = mixed_rows(db)
        if len(rows) == 3 * MIXED_USERS + MIXED_SOS and not set(rows.values()) & {
                "pending", "queued", "sending"}:
            return True
        await asyncio.sleep(0.25)
    return False


# The second half of the crash runs (tests/halves.py): `make test-lowest` runs it after its fast
# tests, `make test` the rest, so CI runs every crash test once and `make test` keeps its time.
@pytest.mark.skipif(2 not in halves(), reason="the second half's crash run: make test-lowest")
@pytest.mark.parametrize("seed", MIXED_SEEDS)
async def test_kill_9_mid_a_mixed_burst_sends_nothing_twice(tmp_path: Path, seed: int) -> None:
    """Check-ins, weekly summaries with charts, SOS check-backs and morning items, all due at
    once for 60 users; the bot is SIGKILLed every second or so while it sends them. Every row
    ends sent or uncertain, none reaches a chat twice, and a row marked sent arrived whole."""
    rng = random.Random(seed)
    db = tmp_path / "bot.sqlite3"
    await asyncio.to_thread(seed_mixed_burst, db, MIXED_USERS, MIXED_SOS)
    async with HttpStandIn(lifetime=150) as api:
        env = bot_env(api, db, SCHEDULER_INTERVAL_SECONDS="0.5")
        bot = BotProcess(api, ["-m", "bot", "run"], env, tmp_path / "bot.log")
        await bot.start()
        kills = 0
        while kills < 5 and not await mixed_settled(db, rng.uniform(0.6, 2.0)):
            await bot.wait_killed()
            kills += 1
            await bot.start()
        assert await mixed_settled(db, 90), mixed_rows(db)
        await bot.stop()
    rows, delivered = mixed_rows(db), delivered_by_row(api)
    assert kills >= 2, f"seed {seed}: the burst was over before the bot was killed twice"
    assert not [key for key in delivered if key[1] == "other"], delivered
    counts = {"sent": 0, "uncertain": 0}
    for (user_id, kind), status in rows.items():
        assert status in counts, (user_id, kind, status)
        counts[status] += 1
        got = delivered.get((user_id, kind), 0)
        assert got <= PARTS[kind], f"{kind} to {user_id} went out twice"
        if status == "sent":
            assert got == PARTS[kind], f"{kind} to {user_id} marked sent, not delivered whole"
    print(f"mixed burst, seed {seed}: {kills} kills, rows {counts}")
