"""Migrations: SQLite's own parser splits them (triggers, ';' in strings), each file applies
whole or not at all, and a schema newer than the code is refused."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path

import aiosqlite
import pytest

from bot.storage import db

TRIGGER = """-- A trigger body holds ';' of its own, and so does this string: ';
-- neither ends the statement.
CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE note_log (note_id INTEGER, what TEXT);
CREATE TRIGGER notes_logged AFTER INSERT ON notes BEGIN
    INSERT INTO note_log VALUES (NEW.id, 'added;');
    INSERT INTO note_log VALUES (NEW.id, 'twice');
END;
INSERT INTO notes (body) VALUES ('first line;
second line; still the same string');
"""


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir()
    for name, sql in files.items():
        (folder / name).write_text(sql, encoding="utf-8")
    return folder


async def migrated(path: Path, folder: Path) -> tuple[int, aiosqlite.Connection]:
    conn = await aiosqlite.connect(path, isolation_level=None)
    try:
        return await db.migrate(conn, folder), conn
    except BaseException:
        await conn.close()
        raise


async def test_a_trigger_and_semicolons_in_strings_survive(tmp_path: Path) -> None:
    folder = write(tmp_path / "m", {"0001_notes.sql": TRIGGER})
    version, conn = await migrated(tmp_path / "t.sqlite3", folder)
    try:
        assert version == 1
        assert list(await conn.execute_fetchall("SELECT body FROM notes")) == [
            ("first line;\nsecond line; still the same string",)]
        assert list(await conn.execute_fetchall("SELECT what FROM note_log")) == [
            ("added;",), ("twice",)]
    finally:
        await conn.close()


async def test_a_failing_migration_leaves_nothing_behind(tmp_path: Path) -> None:
    broken = "CREATE TABLE half (x);\nINSERT INTO nowhere VALUES (1);\n"
    folder = write(tmp_path / "m", {"0001_notes.sql": TRIGGER, "0002_broken.sql": broken})
    path = tmp_path / "t.sqlite3"
    with pytest.raises(sqlite3.OperationalError, match="nowhere"):
        await migrated(path, folder)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone() == (1,)  # 0001 stayed, 0002 did not
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert "notes" in names and "half" not in names
    finally:
        conn.close()


async def test_the_real_migrations_apply_in_one_go(tmp_path: Path) -> None:
    database = await db.open_database(tmp_path / "bot.sqlite3")
    try:
        rows = await database.reader.execute_fetchall("PRAGMA user_version")
        assert [tuple(r) for r in rows] == [(len(db.migrations()),)]
    finally:
        await database.close()


@pytest.mark.parametrize("content", [b"not a database at all " * 300, b""])
async def test_open_failures_close_every_connection(tmp_path: Path, content: bytes) -> None:
    """A failed open leaves no aiosqlite thread behind (one would keep the process alive)."""
    path = tmp_path / "bot.sqlite3"
    path.write_bytes(content)
    if not content:  # a newer schema than this code knows
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA user_version = 999")
        conn.close()
    before = connection_threads()
    with pytest.raises(db.DatabaseUnavailable) as failure:
        await db.open_database(path)
    assert "\n" not in str(failure.value)
    for _ in range(200):  # the thread ends just after it hands back its last answer
        if not connection_threads() - before:
            break
        await asyncio.sleep(0.01)
    assert not connection_threads() - before


def connection_threads() -> set[threading.Thread]:
    """aiosqlite's connection threads alive now. Compared as a set, not a count: a thread an
    earlier test left (ending while this one runs) must not hide a new one left by this test."""
    return {t for t in threading.enumerate() if "_connection_worker_thread" in t.name}


async def test_one_delivery_path_moves_every_scheduled_job_into_the_outbox(tmp_path: Path) -> None:
    """0011 on a database as 0009 (listening) left it: every job still to come becomes an outbox
    row (the listening work's 'safety.followup' the outbox's 'crisis_followup'), one a crashed
    run had started is recorded uncertain, a weekly summary becomes the user's next_summary_at,
    the outbox's rows stay, crisis mode stays in safety.crisis_until, and the jobs table goes."""
    older = tmp_path / "migrations"
    older.mkdir()
    for number, path in db.migrations():
        if number < 10:
            (older / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    conn = await aiosqlite.connect(str(tmp_path / "old.sqlite3"), isolation_level=None)
    conn.row_factory = aiosqlite.Row
    try:
        assert await db.migrate(conn, older) == 9
        now = "2026-03-01T09:00:00Z"
        await conn.execute("INSERT INTO users (user_id, chat_id, created_at, updated_at)"
                           " VALUES (1, 1, ?, ?)", (now, now))
        await conn.execute("INSERT INTO safety (user_id, crisis_until, created_at, updated_at)"
                           " VALUES (1, '2026-03-02T08:00:00Z', ?, ?)", (now, now))
        await conn.execute("INSERT INTO outbox (user_id, kind, local_date, due_at, status,"
                           " sent_at, message_id, created_at) VALUES (1, 'checkin',"
                           " '2026-02-28', '2026-02-28T19:00:00Z', 'sent', ?, 77, ?)", (now, now))
        jobs = [("sos.wait", "u3", "2026-03-01T09:15:00Z", "pending", '{"urge": 3}'),
                ("sos.morning", "d2", "2026-03-02T08:00:00Z", "pending", "{}"),
                ("step7.followup", "sent1", "2026-03-03T10:00:00Z", "sending", "{}"),
                ("step7.remind", "remind", "2026-03-15T09:00:00Z", "pending", "{}"),
                ("safety.followup", "next", "2026-03-02T09:00:00Z", "pending", "{}"),
                ("weekly_summary", "2026-03-08", "2026-03-08T20:00:00Z", "pending", "{}"),
                ("sos.wait", "u1", "2026-02-20T09:15:00Z", "done", "{}")]
        for kind, key, due, status, payload in jobs:
            await conn.execute("INSERT INTO jobs (user_id, kind, due_at, payload, dedupe_key,"
                               " status, created_at) VALUES (1, ?, ?, ?, ?, ?, ?)",
                               (kind, due, payload, key, status, now))
        assert await db.migrate(conn) == len(db.migrations())
        rows = await conn.execute_fetchall(
            "SELECT kind, key, due_at, status, priority, payload, message_id FROM outbox"
            " ORDER BY due_at")
        assert [tuple(r) for r in rows] == [
            ("checkin", "2026-02-28", "2026-02-28T19:00:00Z", "sent", 1, "{}", 77),
            ("sos.wait", "u3", "2026-03-01T09:15:00Z", "pending", 0, '{"urge": 3}', None),
            ("sos.morning", "d2", "2026-03-02T08:00:00Z", "pending", 1, "{}", None),
            ("crisis_followup", "2026-03-02", "2026-03-02T09:00:00Z", "pending", 0, "{}", None),
            ("step7.followup", "sent1", "2026-03-03T10:00:00Z", "uncertain", 1, "{}", None),
            ("step7.remind", "remind", "2026-03-15T09:00:00Z", "pending", 1, "{}", None)]
        [user] = await conn.execute_fetchall("SELECT next_summary_at FROM users")
        assert user[0] == "2026-03-08T20:00:00Z"
        [safety] = await conn.execute_fetchall("SELECT crisis_until FROM safety")
        assert safety[0] == "2026-03-02T08:00:00Z"
        names = {r[0] for r in await conn.execute_fetchall("SELECT name FROM sqlite_master")}
        assert "jobs" not in names and "outbox_new" not in names
    finally:
        await conn.close()
