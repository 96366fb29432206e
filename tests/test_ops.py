"""Operations: online backup, the health check's database part, the data folder in the image,
webhook mode, and settings kept documented. The heartbeat is in test_heartbeat.py."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from bench.http_standin import HttpStandIn
from bench.proc import ROOT, BotProcess, bot_env
from bot.config import Settings
from bot.ops.backup import backup, destination
from bot.ops.datadir import pin_to_data_dir, unwritable
from bot.ops.health import database_health, health
from bot.ops.heartbeat import Heartbeat
from bot.storage.db import migrations
from tests.crashkit import no_orphans  # noqa: F401  (autouse: kills leftover bots)
from tests.harness import Harness


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60, check=False)


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
    idle = run_cli("health", env=env)  # a sound database, but no bot running on it
    assert idle.returncode == 1 and "not running" in idle.stdout, idle
    Heartbeat(db, "polling").write()  # what a running bot writes (see test_heartbeat.py)
    healthy = run_cli("health", env=env)
    assert healthy.returncode == 0 and healthy.stdout.startswith("ok"), healthy
    assert run_cli("health", env=cli_env(tmp_path / "none.db")).returncode == 1


async def test_a_trailing_slash_means_a_folder_made_if_missing(tmp_path: Path) -> None:
    db = await onboarded_db(tmp_path, users=1)
    env = cli_env(db)
    for _ in range(2):  # the nightly cron line: a new dated file each time, none overwritten
        done = run_cli("backup", f"{tmp_path}/nightly/backups/", env=env)
        assert done.returncode == 0, done.stderr
        await asyncio.sleep(1.1)
    copies = sorted((tmp_path / "nightly" / "backups").iterdir())
    assert len(copies) == 2 and all(c.name.startswith("bot-") for c in copies), copies
    done = run_cli("backup", str(tmp_path / "one.sqlite3"), env=env)  # no slash: that file
    assert done.returncode == 0 and (tmp_path / "one.sqlite3").is_file(), done.stderr
    assert destination(str(tmp_path / "nightly")).parent == tmp_path / "nightly"  # a folder
    assert destination(f"{tmp_path}/new") == tmp_path / "new"


async def test_health_reads_every_page(tmp_path: Path) -> None:
    """Scrambled pages of one table: a query on another still answers, quick_check does not."""
    db = await onboarded_db(tmp_path)
    conn = sqlite3.connect(db)
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    answers_root = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'answers'").fetchone()[0]
    conn.close()
    assert database_health(db)[0]
    with open(db, "r+b") as f:
        f.seek((answers_root - 1) * page)
        f.write(bytes(range(7, 251)) * (page // 244))
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    assert conn.execute("SELECT COUNT(*) FROM users").fetchone() == (3,)  # the old check: fine
    conn.close()
    ok, said = database_health(db)
    assert not ok and ("damaged" in said or "malformed" in said), said


def test_health_notices_an_unmigrated_database(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE users (user_id INTEGER)")
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    ok, message = health(path)
    assert not ok and f"expected {len(migrations())}" in message


async def test_in_the_image_the_database_lives_on_the_data_volume(tmp_path: Path) -> None:
    volume = tmp_path / "volume"
    settings = Settings(_env_file=None, database_path="./data/bot.sqlite3")  # type: ignore[call-arg]
    pinned = pin_to_data_dir(settings, {"COACH_DATA_DIR": str(volume)})
    assert pinned.database_path == volume / "bot.sqlite3"
    assert pin_to_data_dir(settings, {}).database_path == Path("data/bot.sqlite3")
    # The CLI follows it: a .env copied from .env.example says ./data/..., the image says /data.
    volume.mkdir()
    (await onboarded_db(tmp_path, users=2)).rename(volume / "bot.sqlite3")
    env = cli_env(Path("./data/bot.sqlite3"), COACH_DATA_DIR=str(volume))
    done = run_cli("backup", str(tmp_path / "copy.sqlite3"), env=env)
    assert done.returncode == 0 and "backed up 2 users" in done.stdout, done.stderr


def test_an_unwritable_data_folder_is_one_line_naming_the_fix(tmp_path: Path) -> None:
    """A root-owned folder (a bind mount) and the bot's own unprivileged user, as in the image."""
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="coach-ro-"))  # outside pytest's private 0700 folder
    try:
        base.chmod(0o755)
        (base / "data").mkdir(mode=0o755)
        found = as_unprivileged_user(base / "data", lambda: unwritable(
            base / "data" / "bot.sqlite3", {"COACH_DATA_DIR": str(base / "data")}))
        assert found is not None and "\n" not in found, found
        assert f"cannot write to {base / 'data'}" in found and "chown -R" in found, found
        assert "--user" in found, found
        assert unwritable(tmp_path / "fine" / "bot.sqlite3") is None  # made, and writable
    finally:
        import shutil

        shutil.rmtree(base)


def as_unprivileged_user(folder: Path, check: Callable[[], str | None]) -> str | None:
    """Runs `check` as uid/gid 10001 (the image's user) in a forked child when we are root
    (root may write anywhere); as ourselves otherwise, with the folder made read-only."""
    if os.getuid() != 0:
        folder.chmod(0o555)
        return check()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop to the image's user, run the check, report, leave
        try:
            os.setgid(10001)
            os.setuid(10001)
            os.write(write, json.dumps(check()).encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        answer = pipe.read()
    os.waitpid(pid, 0)
    return json.loads(answer)  # type: ignore[no-any-return]


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
        # A refusal closes its connection unread (bot/ops/webhook.py), so the update comes on
        # a new one, as Telegram's would: a pooled connection may be the closed one.
        async with httpx.AsyncClient() as client:
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
