"""`python -m bot backup PATH`: an online copy of the live database, checked before it is kept."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path


def backup(database: Path, target: str | Path) -> str:
    """Copies the live database with SQLite's online backup API (safe while the bot writes),
    checks the copy's integrity, then moves it into place; returns a one-line summary.
    A target ending in a slash, or an existing folder, is a folder (made if missing) that gets
    a dated file; anything else is the file to write."""
    if not database.exists():
        raise FileNotFoundError(f"no database at {database}")
    target = destination(target)
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


def destination(target: str | Path, now: time.struct_time | None = None) -> Path:
    """The file a backup goes to. Path() drops a trailing slash, so the text is looked at first."""
    text = str(target)
    path = Path(text)
    if text.endswith(("/", os.sep)) or path.is_dir():
        return path / f"bot-{time.strftime('%Y%m%d-%H%M%S', now or time.localtime())}.sqlite3"
    return path
