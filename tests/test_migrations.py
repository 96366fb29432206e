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
    threads = connection_threads()
    with pytest.raises(db.DatabaseUnavailable) as failure:
        await db.open_database(path)
    assert "\n" not in str(failure.value)
    for _ in range(200):  # the thread ends just after it hands back its last answer
        if connection_threads() == threads:
            break
        await asyncio.sleep(0.01)
    assert connection_threads() == threads


def connection_threads() -> int:
    """aiosqlite's connection threads alive now (other tests' helper threads come and go)."""
    return sum("_connection_worker_thread" in t.name for t in threading.enumerate())
