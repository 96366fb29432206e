"""Operations commands: an online backup of the database and a health check for Docker."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from bot.storage.db import migrations


def backup(database: Path, target: Path) -> str:
    """Copies the live database with SQLite's online backup API (safe while the bot writes),
    checks the copy's integrity, then moves it into place; returns a one-line summary."""
    if not database.exists():
        raise FileNotFoundError(f"no database at {database}")
    if target.is_dir():
        target = target / f"bot-{time.strftime('%Y%m%d-%H%M%S')}.sqlite3"
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    started = time.monotonic()
    source = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30)
    copy = sqlite3.connect(partial)
    try:
        # 1024 pages at a time, so the bot's writers are never held up for long.
        source.backup(copy, pages=1024, sleep=0.005)
        copy.execute("PRAGMA journal_mode=DELETE")  # the copy is one self-contained file
        check = copy.execute("PRAGMA integrity_check").fetchone()[0]
        users = copy.execute("SELECT COUNT(*) FROM users").fetchone()[0]
    finally:
        copy.close()
        source.close()
    if check != "ok":
        partial.unlink(missing_ok=True)
        raise RuntimeError(f"backup failed its integrity check: {check}")
    os.replace(partial, target)
    size = target.stat().st_size / 2**20
    return (f"backed up {users} users ({size:.1f} MB) to {target} "
            f"in {time.monotonic() - started:.1f} s")


def health(database: Path) -> tuple[bool, str]:
    """Opens the database read-only and checks it answers and is fully migrated."""
    if not database.exists():
        return False, f"no database at {database} yet"
    try:
        conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            conn.execute("SELECT COUNT(*) FROM users").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return False, f"database error: {exc}"
    newest = len(migrations())
    if version != newest:
        return False, f"schema version {version}, expected {newest}"
    return True, f"ok (schema {version})"
