"""Opens the database (one writer and one reader connection, see bot/storage/base.py for why two)
and applies numbered forward-only migrations. Any failure while opening closes what was opened
and raises DatabaseUnavailable with a one-line reason, so the process can exit instead of hanging
on a connection thread nobody closes."""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import aiosqlite

log = logging.getLogger(__name__)
MIGRATIONS_DIR = resources.files("bot.storage") / "migrations"  # package data, also in a wheel
_NUMBERED = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
BUSY_TIMEOUT_MS = 5000


class DatabaseUnavailable(Exception):
    """The database could not be opened or migrated; the message is one line, fit to print."""


def migrations(folder: Traversable = MIGRATIONS_DIR) -> list[tuple[int, Traversable]]:
    found = []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        match = _NUMBERED.match(path.name)
        if match:
            found.append((int(match.group(1)), path))
    numbers = [n for n, _ in found]
    if numbers != list(range(1, len(numbers) + 1)):
        raise RuntimeError(f"migrations must be numbered 0001.. without gaps, found {numbers}")
    return found


@dataclass
class Database:
    """The writer (every write, one at a time under `write_lock`, and reads while no transaction
    is open on it) and the reader (query_only, for reads while one is)."""

    path: str
    writer: aiosqlite.Connection
    reader: aiosqlite.Connection
    write_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    transaction_open: bool = False

    async def checkpoint(self, attempts: int = 3) -> bool:
        """Copies the WAL into the main file and truncates it to zero bytes (so pages of rows
        just deleted do not stay in it); False if readers kept it busy every time."""
        for attempt in range(attempts):
            async with self.write_lock:
                rows = await self.writer.execute_fetchall("PRAGMA wal_checkpoint(TRUNCATE)")
            if int(next(iter(rows))[0]) == 0:  # (busy, frames in the log, frames copied)
                return True
            await asyncio.sleep(0.05 * (attempt + 1))
        return False

    async def close(self) -> None:
        await _close_all([self.reader, self.writer])


async def open_database(path: Path | str) -> Database:
    """Connects the writer, migrates to the newest schema, then connects the reader."""
    opened: list[aiosqlite.Connection] = []
    try:
        if str(path) == ":memory:":
            raise ValueError("an in-memory database cannot be shared by a writer and a reader")
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        writer = await _connect(path, opened)
        await writer.execute("PRAGMA journal_mode=WAL")
        await writer.execute("PRAGMA synchronous=NORMAL")
        await writer.execute("PRAGMA foreign_keys=ON")
        # Deleted rows are overwritten with zeros, not left readable in the file (see /delete).
        await writer.execute("PRAGMA secure_delete=ON")
        await migrate(writer)
        reader = await _connect(path, opened)
        await reader.execute("PRAGMA query_only=ON")
    except (sqlite3.Error, OSError, ValueError) as exc:
        await _close_all(opened)
        raise DatabaseUnavailable(f"cannot open the database {path}: {_one_line(exc)}") from exc
    except BaseException:
        await _close_all(opened)
        raise
    return Database(str(path), writer, reader)


async def _connect(path: Path | str, opened: list[aiosqlite.Connection]) -> aiosqlite.Connection:
    # isolation_level=None: autocommit; the storage layer issues BEGIN IMMEDIATE itself.
    conn = await aiosqlite.connect(str(path), isolation_level=None)
    opened.append(conn)
    conn.row_factory = aiosqlite.Row
    # Before anything reads the file, so a database locked by another process is waited for
    # (up to 5 s), then reported, rather than failing at once.
    await conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    # With 100,000 users the file is ~160 MB: SQLite's default 2 MB page cache kept re-reading
    # index pages through read() calls. Mapping the file (up to 256 MB; only pages actually
    # read become resident, and they are the kernel's clean file cache) and a 16 MB cache
    # keep lookups as fast as with a hundred users: python -m bench.compare --skip-compare.
    await conn.execute("PRAGMA mmap_size=268435456")
    await conn.execute("PRAGMA cache_size=-16000")
    await conn.execute("PRAGMA temp_store=MEMORY")
    return conn


async def _close_all(conns: list[aiosqlite.Connection]) -> None:
    """Closes each connection (and so stops its thread), whatever state it is in."""
    for conn in conns:
        try:
            await conn.close()
        except (sqlite3.Error, ValueError) as exc:  # closing must not hide the first error
            log.warning("closing the database: %s", _one_line(exc))


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text or type(exc).__name__


async def migrate(conn: aiosqlite.Connection, folder: Traversable = MIGRATIONS_DIR) -> int:
    """Applies each migration newer than PRAGMA user_version, each whole or not at all; refuses
    a database whose schema is newer than the newest migration this code has."""
    rows = await conn.execute_fetchall("PRAGMA user_version")
    current = int(next(iter(rows))[0])
    available = migrations(folder)
    newest = available[-1][0] if available else 0
    if current > newest:
        raise DatabaseUnavailable(
            f"the database has schema version {current}, newer than this code knows ({newest}):"
            " run the newer release, or restore a backup made for this one")
    for number, path in available:
        if number <= current:
            continue
        # sqlite3's executescript parses the file with SQLite's own parser, so a trigger body or
        # a ';' inside a string is never split; BEGIN ... COMMIT keeps the file atomic with its
        # version number (executescript runs the script as written, adding no COMMIT of its own
        # when no transaction is open, which autocommit guarantees here).
        script = path.read_text(encoding="utf-8")
        try:
            await conn.executescript(
                f"BEGIN IMMEDIATE;\n{script}\n;PRAGMA user_version={number};\nCOMMIT;")
        except BaseException:
            if conn.in_transaction:
                await conn.execute("ROLLBACK")
            raise
        log.info("applied migration %s", path.name)
        current = number
    return current
