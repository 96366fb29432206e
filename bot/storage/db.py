"""Opens the one long-lived aiosqlite connection and applies numbered forward-only migrations."""

from __future__ import annotations

import logging
import re
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import aiosqlite

log = logging.getLogger(__name__)
MIGRATIONS_DIR = resources.files("bot.storage") / "migrations"  # package data, also in a wheel
_NUMBERED = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def migrations() -> list[tuple[int, Traversable]]:
    found = []
    for path in sorted(MIGRATIONS_DIR.iterdir(), key=lambda p: p.name):
        match = _NUMBERED.match(path.name)
        if match:
            found.append((int(match.group(1)), path))
    numbers = [n for n, _ in found]
    if numbers != list(range(1, len(numbers) + 1)):
        raise RuntimeError(f"migrations must be numbered 0001.. without gaps, found {numbers}")
    return found


async def connect(path: Path | str) -> aiosqlite.Connection:
    """Connects with WAL, foreign keys and a busy timeout, then migrates to the newest schema."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    # isolation_level=None: we issue BEGIN IMMEDIATE ourselves so writes never deadlock on upgrade.
    conn = await aiosqlite.connect(str(path), isolation_level=None)
    conn.row_factory = aiosqlite.Row
    await conn.execute("PRAGMA journal_mode=WAL")
    await conn.execute("PRAGMA synchronous=NORMAL")
    await conn.execute("PRAGMA foreign_keys=ON")
    await conn.execute("PRAGMA busy_timeout=5000")
    # With 100,000 users the file is ~160 MB: SQLite's default 2 MB page cache kept re-reading
    # index pages through read() calls. Mapping the file (up to 256 MB; only pages actually
    # read become resident, and they are the kernel's clean file cache) and a 16 MB cache
    # keep lookups as fast as with a hundred users: python -m bench.compare --skip-compare.
    await conn.execute("PRAGMA mmap_size=268435456")
    await conn.execute("PRAGMA cache_size=-16000")
    await conn.execute("PRAGMA temp_store=MEMORY")
    await migrate(conn)
    return conn


async def migrate(conn: aiosqlite.Connection) -> int:
    async with conn.execute("PRAGMA user_version") as cur:
        row = await cur.fetchone()
    current = int(row[0]) if row else 0
    for number, path in migrations():
        if number <= current:
            continue
        sql = path.read_text(encoding="utf-8")
        await conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(sql):
                await conn.execute(statement)
            await conn.execute(f"PRAGMA user_version={number}")
            await conn.execute("COMMIT")
        except Exception:
            await conn.execute("ROLLBACK")
            raise
        log.info("applied migration %s", path.name)
        current = number
    return current


def _statements(sql: str) -> list[str]:
    # Our migrations hold no triggers, so a plain split on ';' at line ends is enough.
    lines = [line for line in sql.splitlines() if not line.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";\n") if s.strip().strip(";")]
