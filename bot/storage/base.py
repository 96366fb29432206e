"""How every table module talks to SQLite, with aiosqlite's public API only.

Writes go through one writer connection in autocommit mode, one at a time under a write lock:

- A write of one statement (`write_one`, `write_returning`) is sent alone. SQLite makes a single
  statement its own transaction and takes the write lock when it starts (like BEGIN IMMEDIATE),
  so it costs one trip to aiosqlite's thread, and once queued it runs whole: a caller cancelled
  while waiting for it leaves nothing open.
- A write of several statements is `transaction(body)`: BEGIN IMMEDIATE, the body's statements,
  COMMIT (ROLLBACK on any error), run as a task of its own. The caller waits for that task
  through asyncio.shield, so cancelling the caller never cuts a transaction short: the caller
  waits until COMMIT or ROLLBACK is done, then gets its CancelledError. (The private-API
  version this replaces folded BEGIN into the first statement's trip; a write cancelled before
  aiosqlite's thread ran it left BEGIN without its end, and the next write failed with "cannot
  start a transaction within a transaction".) aiosqlite has no public way to run one function
  on its thread, which would make a transaction one trip; here it costs a trip per statement
  plus BEGIN and COMMIT, so writes that can be one statement (upserts, RETURNING) are one.

The first write an update commits also records that update's id (bot/core/handling.py,
bot/storage/handled.py), in the same transaction: a one-statement write becomes a short
transaction for that one call. So "saved" and "recorded" never disagree, even after kill -9.
BEGIN and that record go to aiosqlite's thread together, as one executescript (its values are
integers and a timestamp, written into the SQL): three trips for such a write, not four.

Reads never see a transaction another task has open. While none is open they go through the
writer too: its page cache is warm with what was just written, and aiosqlite runs each
connection's calls in order on its one thread ("a shared request queue"), so a read queued after
a write sees it committed. While a transaction is open they go through a second, read-only
connection (PRAGMA query_only), which in WAL mode sees the last committed state. (Always reading
through the second connection took more CPU per update in `bench.compare`: every commit on the
writer empties the reader's page cache, and recent pages are read back from the WAL file.)
Code inside a transaction reads through its `Tx`, on the writer, and sees its own changes.

SQL lives in the table modules; a statement another table's transaction needs is a function
returning (sql, params), so each table's SQL is written in one place.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Awaitable, Callable, Iterable, Sequence
from contextlib import suppress
from contextvars import ContextVar
from typing import Any, TypeVar

import aiosqlite

from bot.core import handling
from bot.core.clock import Clock, iso
from bot.storage.db import Database

T = TypeVar("T")
Statement = tuple[str, Sequence[Any]]
Row = aiosqlite.Row
# Set inside a transaction's task: a write from there would wait for the lock it holds.
_IN_TRANSACTION: ContextVar[bool] = ContextVar("in_transaction", default=False)



class Tx:
    """What a transaction body gets: statements on the writer, inside the open transaction."""

    def __init__(self, conn: aiosqlite.Connection, stamp: str) -> None:
        self._conn = conn
        self.stamp = stamp  # one timestamp for every row the transaction writes

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Runs one statement; returns the rows it changed."""
        cursor = await self._conn.execute(sql, params)
        return cursor.rowcount

    async def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """A SELECT, or a write with RETURNING, read to the end."""
        return list(await self._conn.execute_fetchall(sql, params))

    async def fetchone(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        return next(iter(await self.fetchall(sql, params)), None)


class Store:
    """The base of every table class: the database, the clock, and the four ways to run SQL."""

    def __init__(self, database: Database, clock: Clock) -> None:
        self.database = database
        self.clock = clock

    def stamp(self) -> str:
        return iso(self.clock.now())

    # One trip to the reader's thread per read (execute_fetchall), not three (execute, fetch,
    # close): each trip is a thread hand-off, and reads are most of the queries.
    async def fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[Row]:
        database = self.database
        conn = database.reader if database.transaction_open else database.writer
        return list(await conn.execute_fetchall(sql, tuple(params)))

    async def fetchone(self, sql: str, params: Iterable[Any] = ()) -> Row | None:
        return next(iter(await self.fetchall(sql, params)), None)

    async def write_one(self, sql: str, params: Iterable[Any] = ()) -> int:
        """One write statement as its own transaction; returns the rows it changed. The first
        write an update commits also records the update's id, in the same transaction."""
        _not_nested()
        values = tuple(params)
        if _unrecorded() is not None:
            return (await self.write_all([(sql, values)]))[0]
        async with self.database.write_lock:
            cursor = await self.database.writer.execute(sql, values)
            return cursor.rowcount

    async def write_returning(self, sql: str, params: Iterable[Any] = ()) -> list[Row]:
        """One write statement with RETURNING as its own transaction; returns its rows (read to
        the end in the same trip, which is what lets SQLite commit it)."""
        _not_nested()
        values = tuple(params)
        if _unrecorded() is not None:
            return await self.transaction(lambda tx: tx.fetchall(sql, values))
        async with self.database.write_lock:
            return list(await self.database.writer.execute_fetchall(sql, values))

    async def write_all(self, statements: Iterable[Statement]) -> list[int]:
        """Several statements in one transaction; returns the rows each changed."""
        listed = list(statements)

        async def body(tx: Tx) -> list[int]:
            return [await tx.execute(sql, params) for sql, params in listed]

        return await self.transaction(body)

    async def transaction(self, body: Callable[[Tx], Awaitable[T]]) -> T:
        """Runs `body` in BEGIN IMMEDIATE ... COMMIT (ROLLBACK if it raises), in a task the
        caller's cancellation does not reach: a cancelled caller waits for the end first."""
        _not_nested()
        task = asyncio.ensure_future(self._run(body, self.stamp()))
        try:
            return await asyncio.shield(task)
        except asyncio.CancelledError:
            await _outlast(task)
            raise

    async def _run(self, body: Callable[[Tx], Awaitable[T]], stamp: str) -> T:
        _IN_TRANSACTION.set(True)
        database = self.database
        conn = database.writer
        async with database.write_lock:
            # Set before BEGIN is queued, cleared once COMMIT or ROLLBACK ran: reads in between
            # go to the reader (a read queued on the writer before BEGIN runs before it).
            database.transaction_open = True
            try:
                mark = _unrecorded()
                if mark is None or not mark.update_ids:
                    await conn.execute("BEGIN IMMEDIATE")
                else:  # BEGIN and the update's record in one trip to aiosqlite's thread
                    await conn.executescript(f"BEGIN IMMEDIATE; {_record_handled(mark, stamp)}")
                result = await body(Tx(conn, stamp))
                await conn.execute("COMMIT")
                if mark is not None:
                    mark.saved = True
            except BaseException:
                # Queued behind whatever is still queued (aiosqlite's thread runs calls in
                # order), so it ends the transaction even if BEGIN or COMMIT has not run yet;
                # after a COMMIT that did run, or a BEGIN that failed, there is nothing to end.
                with suppress(sqlite3.OperationalError):
                    await conn.execute("ROLLBACK")
                raise
            finally:
                database.transaction_open = False
            return result


def _record_handled(mark: handling.Handling, stamp: str) -> str:
    """The statement recording the update being handled (bot/storage/handled.py), with its
    values written in: executescript takes no parameters, and these are integers and the
    transaction's own timestamp, never anything a user sent."""
    quoted = "'" + stamp.replace("'", "''") + "'"
    values = ", ".join(f"({int(bot)}, {int(update)}, {quoted})"
                       for bot, update, _ in mark.rows(stamp))
    return ("INSERT OR IGNORE INTO processed_updates (bot_id, update_id, handled_at)"
            f" VALUES {values};")


def _unrecorded() -> handling.Handling | None:
    """The update being handled, while its id is not yet recorded with a committed write."""
    mark = handling.current()
    return mark if mark is not None and not mark.saved else None


def _not_nested() -> None:
    if _IN_TRANSACTION.get():
        raise RuntimeError("a write inside a transaction body: use the body's Tx instead")


async def _outlast(task: asyncio.Future[Any]) -> None:
    """Waits, through any further cancellation, for a transaction to commit or roll back (a few
    milliseconds): until then the writer connection is not free for anyone."""
    while not task.done():
        try:
            await asyncio.wait([task])
        except asyncio.CancelledError:
            continue
    if not task.cancelled():
        task.exception()  # retrieved: the caller reports its cancellation, not this
