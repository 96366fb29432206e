"""CPU-heavy pure work (drawing charts) off the event loop. The running bot uses worker
processes: matplotlib holds the GIL while it draws, so a thread would still slow every reply and
the sender's pacing; a process draws on another core. Tests and the console use a thread (no
process start-up per test). The processes are started with 'spawn': forking a process that
runs aiosqlite's threads is unsafe.

The spool is a private temporary folder for what the workers draw ahead of sending (a summary's
chart is a file there until it went out, so thousands can wait without sitting in memory); it
is removed when the bot stops, and a crash leaves only a temporary folder behind."""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import multiprocessing.connection
import os
import shutil
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")


def _end_with_parent() -> None:
    """Runs in each worker as it starts: when the bot's process ends without stopping its pool
    (kill -9, an out-of-memory kill), the worker ends too instead of living on as an orphan
    holding its memory (a supervisor restarting the bot would otherwise gather them)."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(0)  # the parent is gone: nothing here is worth finishing

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


class Offload:
    def __init__(self, processes: int = 0) -> None:
        """`processes` worker processes; 0 runs the work in a thread instead."""
        self.processes = processes
        self._pool: ProcessPoolExecutor | None = None
        self._spool: Path | None = None

    def spool(self, name: str) -> Path:
        """A path for `name` in this run's spool folder (made on first use, private to us)."""
        if self._spool is None:
            self._spool = Path(tempfile.mkdtemp(prefix="bot-spool-"))
        return self._spool / name

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """fn(*args) in a worker (fn and args must pickle); a crashed worker is replaced once."""
        if self.processes <= 0:
            return await asyncio.to_thread(fn, *args)
        loop = asyncio.get_running_loop()
        for attempt in (1, 2):
            try:
                return await loop.run_in_executor(self._executor(), fn, *args)
            except BrokenProcessPool:
                log.warning("a worker process died; starting a new pool")
                self._shutdown()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.processes, mp_context=multiprocessing.get_context("spawn"),
                initializer=_end_with_parent)
        return self._pool

    def close(self) -> None:
        """Stops the workers and removes the spool."""
        self._shutdown()
        spool, self._spool = self._spool, None
        if spool is not None:
            shutil.rmtree(spool, ignore_errors=True)

    def _shutdown(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    async def __call__(self, fn: Callable[..., T], *args: Any) -> T:
        return await self.run(fn, *args)
