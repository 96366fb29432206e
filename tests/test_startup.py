"""Start-up with a database that cannot be used: the real process (`python -m bot run` against
the HTTP stand-in) exits non-zero with one line, and never hangs."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import sys
from pathlib import Path

import pytest
from telegram.warnings import PTBUserWarning

from bench.http_standin import HttpStandIn
from bench.proc import ROOT, bot_env
from bench.seed import seed
from tests.harness import Harness

DEADLINE = 30.0  # a hang is what this guards against; a clean failure takes about 6 s at most


async def run_bot(db: Path) -> tuple[int, list[str]]:
    """Runs the bot until it exits; its return code and every line it printed."""
    async with HttpStandIn(lifetime=60) as api:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", cwd=ROOT, env=bot_env(api, db),
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
        try:
            out, _ = await asyncio.wait_for(proc.communicate(), DEADLINE)
        except TimeoutError:
            proc.kill()
            await proc.wait()
            pytest.fail(f"the bot hung for {DEADLINE} s on a bad database")
    assert proc.returncode is not None
    return proc.returncode, out.decode().splitlines()


async def seeded(tmp_path: Path) -> Path:
    db = tmp_path / "bot.sqlite3"
    await asyncio.to_thread(seed, db, 200)  # several hundred kB, checkpointed into the main file
    return db


async def test_garbage_file(tmp_path: Path) -> None:
    db = tmp_path / "bot.sqlite3"
    db.write_bytes(os.urandom(8192))
    code, lines = await run_bot(db)
    assert code != 0 and len(lines) == 1, lines
    assert lines[0].startswith("error: cannot open the database") and "not a database" in lines[0]


async def test_truncated_file(tmp_path: Path) -> None:
    db = await seeded(tmp_path)
    os.truncate(db, db.stat().st_size // 2)
    code, lines = await run_bot(db)
    assert code != 0 and len(lines) == 1, lines
    assert "malformed" in lines[0]


async def test_database_locked_by_another_process(tmp_path: Path) -> None:
    db = await seeded(tmp_path)
    holder = sqlite3.connect(db, isolation_level=None)  # this test process holds the lock
    try:
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        code, lines = await run_bot(db)
    finally:
        holder.close()
    assert code != 0 and len(lines) == 1, lines
    assert lines[0].startswith("error:") and "locked" in lines[0]


async def test_schema_newer_than_the_code(tmp_path: Path) -> None:
    db = await seeded(tmp_path)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    code, lines = await run_bot(db)
    assert code != 0 and len(lines) == 1, lines
    assert "schema version 99, newer than this code knows" in lines[0]


async def test_there_is_no_second_scheduler(harness: Harness) -> None:
    """One delivery path: the outbox and its sender. PTB's JobQueue (an APScheduler thread
    that nothing uses) is not built; PTB says so when asked for it."""
    with pytest.warns(PTBUserWarning, match="No `JobQueue`"):
        assert harness.app.job_queue is None
