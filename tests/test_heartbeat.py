"""The heartbeat behind `python -m bot health`: written by the event loop and by update fetching
(getUpdates answered, updates processed), read by the health check, gone after a clean stop."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.http_standin import HttpStandIn
from bench.proc import ROOT, BotProcess, bot_env
from bot.ops.health import health, heartbeat_health
from bot.ops.heartbeat import heartbeat_path, of
from tests.crashkit import no_orphans  # noqa: F401  (autouse: kills leftover bots)
from tests.harness import Harness

NOW = 1_800_000_000.0


def beat_file(tmp_path: Path, **stamps: Any) -> Path:
    path = tmp_path / "bot.sqlite3.heartbeat"
    path.write_text(json.dumps({"pid": 1, "mode": "polling", "started": NOW - 600, "loop": NOW,
                                "fetched": NOW, "update": None, **stamps}))
    return path


def test_what_the_health_check_reads_from_the_heartbeat(tmp_path: Path) -> None:
    assert heartbeat_health(beat_file(tmp_path), NOW + 5, 60)[0]
    ok, said = heartbeat_health(beat_file(tmp_path, loop=NOW - 61), NOW, 60)
    assert not ok and "event loop" in said, said
    ok, said = heartbeat_health(beat_file(tmp_path, fetched=NOW - 90), NOW, 60)
    assert not ok and "getUpdates" in said, said
    ok, said = heartbeat_health(beat_file(tmp_path, fetched=None), NOW, 60)  # never, since start
    assert not ok and "getUpdates" in said, said
    assert heartbeat_health(beat_file(tmp_path, fetched=None, started=NOW - 20), NOW, 60)[0]
    # A webhook bot fetches nothing: quiet hours are not a failure, a stuck loop is.
    assert heartbeat_health(beat_file(tmp_path, mode="webhook", fetched=None), NOW, 60)[0]
    assert not heartbeat_health(beat_file(tmp_path, mode="webhook", loop=NOW - 70), NOW, 60)[0]
    (tmp_path / "bot.sqlite3.heartbeat").write_text('{"loop": ')
    assert not heartbeat_health(tmp_path / "bot.sqlite3.heartbeat", NOW, 60)[0]
    ok, said = heartbeat_health(tmp_path / "none.heartbeat", NOW, 60)
    assert not ok and "not running" in said


def stamps(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text())  # type: ignore[no-any-return]


async def test_polling_stamps_fetched_until_get_updates_fails(tmp_path: Path) -> None:
    """The real application polling the in-process stand-in: every answered getUpdates stamps
    `fetched`; when getUpdates fails, the loop keeps beating and `fetched` stands still."""
    failing = False

    def fault(method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]] | None:
        if failing and method == "getUpdates":
            return 502, {"ok": False, "error_code": 502, "description": "Bad Gateway"}
        return None

    h = await Harness(tmp_path / "bot.sqlite3", fault=fault).start()
    beat = of(h.app)
    beat.beat_seconds = 0.05
    beat.start()
    assert h.app.updater is not None
    await h.app.updater.start_polling(poll_interval=0.02, timeout=0)
    try:
        await asyncio.sleep(0.3)
        first = stamps(beat.path)
        assert first["fetched"] is not None and first["mode"] == "polling"
        assert health(h.db_path, stale_after=5)[0]
        failing = True
        await asyncio.sleep(0.2)  # a getUpdates already under way may still come back
        stalled = stamps(beat.path)["fetched"]
        await asyncio.sleep(1.2)
        later = stamps(beat.path)
        assert later["fetched"] == stalled and later["loop"] > stalled + 1, later
        ok, said = health(h.db_path, stale_after=1)
        assert not ok and "no getUpdates answer" in said, said
        await h.user(5).send("/start")  # an update processed (a webhook's sign of life)
        assert beat.update is not None
    finally:
        await h.app.updater.stop()
        await beat.stop()
        await h.stop()
    assert not beat.path.exists()


async def test_the_running_bot_is_healthy_and_a_stopped_one_is_not(tmp_path: Path) -> None:
    db = tmp_path / "bot.sqlite3"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "TELEGRAM_"))}
    env.update(DATABASE_PATH=str(db), LOG_LEVEL="WARNING")

    def check() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "bot", "health"], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=60, check=False)

    async with HttpStandIn(lifetime=60) as api:
        bot = BotProcess(api, ["-m", "bot", "run"], bot_env(api, db), tmp_path / "bot.log")
        await bot.start()
        path = heartbeat_path(db)
        api.push_text(41, "/start")  # a long poll comes back at once with it, not in 10 s
        assert await api.wait_for(lambda: bool(api.sent(41)), 10)
        for _ in range(100):
            if path.exists() and stamps(path)["fetched"] and stamps(path)["update"]:
                break
            await asyncio.sleep(0.05)
        assert stamps(path)["pid"] == bot.pid and stamps(path)["fetched"], stamps(path)
        done = await asyncio.to_thread(check)
        assert done.returncode == 0 and re.search(r"getUpdates \d+ s ago", done.stdout), done
        os.kill(bot.pid, signal.SIGSTOP)  # frozen: the file stands still and ages
        try:
            frozen = stamps(path)["loop"]
            await asyncio.sleep(0.5)
            assert stamps(path)["loop"] == frozen
            ok, said = health(db, now=time.time() + 61)
            assert not ok and "event loop" in said, said
        finally:
            os.kill(bot.pid, signal.SIGCONT)
        assert await bot.stop() < 10
        assert not path.exists()  # a clean stop takes its heartbeat with it
        done = await asyncio.to_thread(check)
        assert done.returncode == 1 and "not running" in done.stdout, done
