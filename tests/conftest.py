from __future__ import annotations

import os
import sys
import threading
from collections.abc import AsyncIterator
from pathlib import Path

import aiosqlite
import pytest

from tests.harness import Harness


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[Harness]:
    h = await Harness(tmp_path / "bot.sqlite3").start()
    yield h
    await h.stop()


def _connection_thread(thread: threading.Thread) -> bool:
    """An aiosqlite connection's worker: a thread running its worker function (newer aiosqlite)
    or, up to 0.20 (the lowest version make test-lowest runs), the Connection itself."""
    return "_connection_worker_thread" in thread.name or isinstance(thread, aiosqlite.Connection)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A database connection a failed test never closed keeps aiosqlite's (non-daemon) thread
    alive, and Python then waits for it forever after the last test: CI would hang instead of
    reporting. Name the stray threads and end the run with pytest's own status."""
    stray = [t.name for t in threading.enumerate()
             if t.is_alive() and not t.daemon and _connection_thread(t)]
    if stray:
        sys.stderr.write(f"\nthreads left running after the tests (a connection not closed?): "
                         f"{', '.join(stray)}\n")
        sys.stderr.flush()
        sys.stdout.flush()
        os._exit(int(exitstatus) or 1)

