"""The shared core of every repository part: the connection, the clock and a write transaction."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from typing import Any

import aiosqlite
from aiosqlite.context import contextmanager as result

from bot.core import handling
from bot.core.clock import Clock, iso

# The update being handled is recorded with the first write it commits (bot/storage/handled.py).
_RECORD_HANDLED = ("INSERT OR IGNORE INTO processed_updates (bot_id, update_id, handled_at)"
                   " VALUES (?, ?, ?)")


class Transaction:
    """What `write()` yields: `execute` like aiosqlite's (await it, or `async with` it). Its
    first statement carries BEGIN IMMEDIATE in the same trip to aiosqlite's thread: each trip
    is a thread hand-off, and most writes are one statement (3 trips became 2)."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self.conn = conn
        self.begun = False

    @result
    async def execute(self, sql: str, parameters: Iterable[Any] = ()) -> aiosqlite.Cursor:
        if self.begun:
            return await self.conn.execute(sql, parameters)
        raw: sqlite3.Connection = self.conn._conn  # aiosqlite has no public "run this there"

        def begin_and_execute() -> sqlite3.Cursor:
            raw.execute("BEGIN IMMEDIATE")
            self.begun = True  # from here on, an error must roll back
            return raw.execute(sql, tuple(parameters))

        cursor = await self.conn._execute(begin_and_execute)
        return aiosqlite.Cursor(self.conn, cursor)


class RepositoryBase:
    def __init__(self, conn: aiosqlite.Connection, clock: Clock) -> None:
        self.conn = conn
        self.clock = clock
        # One connection is shared by every handler; a lock keeps each write transaction whole.
        self._write_lock = asyncio.Lock()

    def stamp(self) -> str:
        return iso(self.clock.now())

    @asynccontextmanager
    async def write(self) -> AsyncIterator[Transaction]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any error (BEGIN goes with the first
        statement; a body that ran none leaves nothing to commit)."""
        async with self._write_lock:
            tx = Transaction(self.conn)
            try:
                yield tx
            except BaseException:
                if tx.begun:
                    await self.conn.execute("ROLLBACK")
                raise
            if tx.begun:
                mark = handling.current()
                if mark is not None and not mark.saved:
                    for row in mark.rows(self.stamp()):
                        await tx.execute(_RECORD_HANDLED, row)
                await self.conn.execute("COMMIT")
                if mark is not None:
                    mark.saved = True

    async def write_one(self, sql: str, params: Iterable[Any] = ()) -> int:
        """One write statement as its own transaction, in one trip to aiosqlite's thread (not
        three: BEGIN, statement, COMMIT); returns the rows changed. The write lock still keeps
        it out of any transaction another handler has open on the shared connection."""
        raw: sqlite3.Connection = self.conn._conn
        values = tuple(params)
        mark = handling.current()
        records = mark.rows(self.stamp()) if mark is not None and not mark.saved else []

        def transaction() -> int:
            raw.execute("BEGIN IMMEDIATE")
            try:
                changed = raw.execute(sql, values).rowcount
                if records:
                    raw.executemany(_RECORD_HANDLED, records)
            except BaseException:
                raw.execute("ROLLBACK")
                raise
            raw.execute("COMMIT")
            return changed

        async with self._write_lock:
            changed: int = await self.conn._execute(transaction)
        if mark is not None:
            mark.saved = True
        return changed

    # One trip to aiosqlite's thread per read (execute_fetchall), not three (execute, fetch,
    # close): each trip is a thread hand-off, and reads are most of the queries.
    async def fetchone(self, sql: str, params: Iterable[Any] = ()) -> aiosqlite.Row | None:
        rows = await self.conn.execute_fetchall(sql, tuple(params))
        return next(iter(rows), None)  # type: ignore[no-any-return]

    async def fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[aiosqlite.Row]:
        return list(await self.conn.execute_fetchall(sql, tuple(params)))
