"""Operations: online backup, the health check, webhook mode, and settings kept documented."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest

from bench.http_standin import HttpStandIn
from bench.proc import ROOT, BotProcess, bot_env
from bot.config import Settings
from bot.ops.maintenance import backup, health
from bot.storage.db import migrations
from tests.crashkit import no_orphans  # noqa: F401  (autouse: kills leftover bots)
from tests.harness import Harness


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)


def cli_env(db: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "TELEGRAM_"))}
    env.update(DATABASE_PATH=str(db), LOG_LEVEL="WARNING", **extra)
    return env


async def onboarded_db(tmp_path: Path, users: int = 3) -> Path:
    h = await Harness(tmp_path / "live.sqlite3").start()
    for n in range(users):
        await h.user(100 + n).onboard(name=f"Pat{n}")
    await h.stop()
    return h.db_path


async def test_backup_copies_a_live_database_while_it_is_written(tmp_path: Path) -> None:
    db = await onboarded_db(tmp_path)
    stop = threading.Event()

    def writer() -> None:  # the running bot, writing all the while
        conn = sqlite3.connect(db, timeout=10)
        n = 0
        while not stop.is_set():
            with conn:
                conn.execute("INSERT INTO answers (user_id, step, key, value, created_at)"
                             " VALUES (100, 1, 'problem', ?, 'now')", (f"p{n}",))
            n += 1
        conn.close()

    (tmp_path / "copies").mkdir()
    thread = threading.Thread(target=writer)
    thread.start()
    try:
        summary = await asyncio.to_thread(backup, db, tmp_path / "copies")
    finally:
        stop.set()
        thread.join()
    assert "backed up 3 users" in summary
    copy = next((tmp_path / "copies").glob("bot-*.sqlite3"))
    conn = sqlite3.connect(copy)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("SELECT display_name FROM users ORDER BY user_id").fetchall() == [
        ("Pat0",), ("Pat1",), ("Pat2",)]
    conn.close()
    assert not list((tmp_path / "copies").glob("*.partial"))


async def test_backup_and_health_commands(tmp_path: Path) -> None:
    db = await onboarded_db(tmp_path, users=1)
    env = cli_env(db)
    done = run_cli("backup", str(tmp_path / "b.sqlite3"), env=env)
    assert done.returncode == 0, done.stderr
    assert "backed up 1 users" in done.stdout and (tmp_path / "b.sqlite3").exists()
    assert run_cli("backup", env=env).returncode == 2
    missing = run_cli("backup", str(tmp_path / "x.sqlite3"), env=cli_env(tmp_path / "none.db"))
    assert missing.returncode == 1 and "no database" in missing.stderr
    healthy = run_cli("health", env=env)
    assert healthy.returncode == 0 and healthy.stdout.startswith("ok"), healthy
    assert run_cli("health", env=cli_env(tmp_path / "none.db")).returncode == 1


def test_health_notices_an_unmigrated_database(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE users (user_id INTEGER)")
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    ok, message = health(path)
    assert not ok and f"expected {len(migrations())}" in message


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_webhook_mode_checks_the_secret_and_answers(tmp_path: Path) -> None:
    port = free_port()
    secret = "s3cret-Token_value"
    async with HttpStandIn(lifetime=60) as api:
        env = bot_env(api, tmp_path / "bot.sqlite3", MODE="webhook", WEBHOOK_LISTEN="127.0.0.1",
                      WEBHOOK_PORT=str(port), WEBHOOK_URL=f"http://127.0.0.1:{port}/tg/hook",
                      WEBHOOK_SECRET=secret)
        bot = BotProcess(api, ["-m", "bot", "run"], env, tmp_path / "bot.log")
        proc_task = asyncio.create_task(bot.start())
        await api.wait_for(lambda: any(c.method == "setWebhook" for c in api.calls), 20)
        proc_task.cancel()  # a webhook bot never polls; setWebhook is its sign of life
        hook = next(c for c in api.calls if c.method == "setWebhook")
        assert hook.params["url"] == f"http://127.0.0.1:{port}/tg/hook"
        assert hook.params["secret_token"] == secret
        update = {"update_id": 1, "message": api.message_dict(31, "/start")}
        async with httpx.AsyncClient() as client:
            for _ in range(50):  # the server starts just after setWebhook
                try:
                    wrong = await client.post(f"http://127.0.0.1:{port}/tg/hook", json=update,
                                              headers={"X-Telegram-Bot-Api-Secret-Token": "no"})
                    break
                except httpx.ConnectError:
                    await asyncio.sleep(0.1)
            assert wrong.status_code == 403
            right = await client.post(f"http://127.0.0.1:{port}/tg/hook", content=json.dumps(update),
                                      headers={"X-Telegram-Bot-Api-Secret-Token": secret,
                                               "Content-Type": "application/json"})
            assert right.status_code == 200
        assert await api.wait_for(lambda: bool(api.sent(31)), 10)
        assert await bot.stop() < 10
    assert not any(c.chat_id == 31 for c in api.calls[: api.calls.index(hook)])


@pytest.mark.parametrize("extra, problem", [
    ({"MODE": "webhook"}, "WEBHOOK_URL"),
    ({"MODE": "webhook", "WEBHOOK_URL": "https://example.org/hook"}, "WEBHOOK_SECRET"),
    ({"MODE": "webhook", "WEBHOOK_URL": "http://example.org/hook", "WEBHOOK_SECRET": "abc"},
     "WEBHOOK_URL"),
])
def test_webhook_mode_refuses_to_start_half_configured(tmp_path: Path, extra: dict[str, str],
                                                        problem: str) -> None:
    env = cli_env(tmp_path / "bot.sqlite3", BOT_TOKEN="123456789:AAFakeTokenForLoopbackOnly_0123456789",
                  **extra)
    done = run_cli("run", env=env)
    assert done.returncode == 2 and problem in done.stderr, done.stderr


def test_every_setting_is_in_env_example_and_the_readme() -> None:
    example = (ROOT / ".env.example").read_text()
    readme = (ROOT / "README.md").read_text()
    for name in Settings.model_fields:
        assert f"\n{name.upper()}=" in example, f"{name.upper()} missing from .env.example"
        assert f"`{name.upper()}`" in readme, f"{name.upper()} missing from the README table"
