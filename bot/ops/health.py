"""`python -m bot health` (Docker's HEALTHCHECK): healthy when the database passes SQLite's
quick_check and is fully migrated, and the running bot's heartbeat is fresh: its event loop beat
within the last minute and, when polling, getUpdates came back within the last minute."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

from bot.ops.heartbeat import STALE_SECONDS, heartbeat_path
from bot.storage.db import migrations


def health(database: Path, *, now: float | None = None,
           stale_after: float = STALE_SECONDS) -> tuple[bool, str]:
    """(healthy, one line saying why)."""
    ok, said = database_health(database)
    if not ok:
        return False, said
    alive, beat = heartbeat_health(heartbeat_path(database), time.time() if now is None else now,
                                   stale_after)
    return alive, f"{'ok' if alive else 'unhealthy'}: {beat}; {said}"


def database_health(database: Path) -> tuple[bool, str]:
    """Opens the database read-only: every page sound (quick_check reads them all, unlike a
    query that touches a few) and the schema at the newest migration."""
    if not database.exists():
        return False, f"no database at {database} yet"
    try:
        conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5)
        try:
            problems = [row[0] for row in conn.execute("PRAGMA quick_check(3)")]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return False, f"database error: {exc}"
    if problems != ["ok"]:
        return False, f"database damaged: {'; '.join(problems)}"
    newest = len(migrations())
    if version != newest:
        return False, f"schema version {version}, expected {newest}"
    return True, f"database sound (schema {version})"


def heartbeat_health(path: Path, now: float, stale_after: float) -> tuple[bool, str]:
    """Reads the heartbeat file the running bot keeps (bot/ops/heartbeat.py)."""
    try:
        beat = json.loads(path.read_text(encoding="utf-8"))
        loop, started = float(beat["loop"]), float(beat["started"])
        fetched = beat.get("fetched")
        update = beat.get("update")
    except FileNotFoundError:
        return False, "the bot is not running (no heartbeat file)"
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return False, f"unreadable heartbeat file {path}: {exc}"
    said = [f"event loop {_ago(now, loop)}"]
    if now - loop > stale_after:
        return False, f"the event loop has not beaten for {now - loop:.0f} s (stuck or killed)"
    if beat.get("mode") == "polling":
        since = float(fetched) if fetched is not None else started
        if now - since > stale_after:
            return False, f"no getUpdates answer for {now - since:.0f} s (Telegram unreachable?)"
        said.append(f"getUpdates {_ago(now, fetched)}")
    said.append(f"last update {_ago(now, update)}")
    return True, ", ".join(said)


def _ago(now: float, stamp: object) -> str:
    if stamp is None:
        return "never yet"
    return f"{max(0.0, now - float(stamp)):.0f} s ago"  # type: ignore[arg-type]
