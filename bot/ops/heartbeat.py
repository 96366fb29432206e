"""The running bot's heartbeat, read by `python -m bot health`: a small JSON file beside the
database (`bot.sqlite3.heartbeat`), written by a task on the event loop every BEAT_SECONDS and
whenever update fetching shows a sign of life, at most once a second.

It holds three wall-clock times: `loop` (the event loop ran the writer), `fetched` (a getUpdates
call came back 200: with long polling that happens every poll timeout even when nobody writes,
so it proves fetching without any traffic) and `update` (an update reached the handlers, in
either mode: the webhook's only sign of life). Wall-clock time because the health check is
another process; a clock stepped by more than a minute makes one check fail, nothing more.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import time
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.ext import Application, TypeHandler
from telegram.request import BaseRequest

from bot.core.fetch import UpdatesWrapper

log = logging.getLogger(__name__)
BEAT_SECONDS = 15.0
STALE_SECONDS = 60.0  # the health check fails when a needed stamp is older than this
# A group of its own, before every other: within one group only the first matching handler
# runs, so sharing one would let another handler hide updates from the heartbeat.
HANDLER_GROUP = -100
_THROTTLE_SECONDS = 1.0


def heartbeat_path(database: Path) -> Path:
    return database.with_name(database.name + ".heartbeat")


class Heartbeat:
    """The stamps in memory, and the file they are written to."""

    def __init__(self, database: Path, mode: str, *, beat_seconds: float = BEAT_SECONDS) -> None:
        self.path = heartbeat_path(database)
        self.mode = mode
        self.beat_seconds = beat_seconds
        self.started = time.time()
        self.fetched: float | None = None
        self.update: float | None = None
        self._written = 0.0
        self._task: asyncio.Task[None] | None = None
        self._warned = False

    def stamp_fetched(self) -> None:
        first = self.fetched is None
        self.fetched = time.time()
        self._write_soon(first)

    def stamp_update(self) -> None:
        first = self.update is None
        self.update = time.time()
        self._write_soon(first)

    def _write_soon(self, first: bool) -> None:
        if self._task is not None and (first or time.time() - self._written >= _THROTTLE_SECONDS):
            self.write()

    def write(self) -> None:
        """Replaces the file in one step (never half-written). About 150 bytes: written inline,
        since a thread hop could hide a stuck loop behind a busy pool."""
        now = time.time()
        data = {"pid": os.getpid(), "mode": self.mode, "started": self.started, "loop": now,
                "fetched": self.fetched, "update": self.update}
        partial = self.path.with_name(self.path.name + ".partial")
        try:
            partial.write_text(json.dumps(data), encoding="utf-8")
            os.replace(partial, self.path)
        except OSError as exc:  # a full or read-only disk must not stop the bot; health will tell
            if not self._warned:
                log.warning("cannot write the heartbeat file %s: %s", self.path, exc.strerror)
                self._warned = True
            return
        self._written = now

    def start(self) -> None:
        """Writes the first beat and keeps beating on the event loop until stop()."""
        self.write()
        self._task = asyncio.create_task(self._beat(), name="heartbeat")

    async def _beat(self) -> None:
        while True:
            await asyncio.sleep(self.beat_seconds)
            self.write()

    async def stop(self) -> None:
        """Stops beating and removes the file: a stopped bot is not a running one."""
        task, self._task = self._task, None
        if task is None:
            return
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        self.path.unlink(missing_ok=True)


class FetchWatch(UpdatesWrapper):
    """Wraps the request object PTB fetches updates with: every 200 answer stamps `fetched`."""

    def __init__(self, inner: BaseRequest, heartbeat: Heartbeat) -> None:
        super().__init__(inner)
        self.heartbeat = heartbeat

    def fetched(self, payload: bytes) -> bytes:
        self.heartbeat.stamp_fetched()
        return payload


def install(app: Application[Any, Any, Any, Any, Any, Any], heartbeat: Heartbeat) -> None:
    """Stamps `update` on every update the application processes, whatever its source."""

    async def stamp(update: object, context: object) -> None:
        heartbeat.stamp_update()

    app.add_handler(TypeHandler(Update, stamp), group=HANDLER_GROUP)
    app.bot_data["heartbeat"] = heartbeat


def of(app: Application[Any, Any, Any, Any, Any, Any]) -> Heartbeat:
    return app.bot_data["heartbeat"]  # type: ignore[no-any-return]
