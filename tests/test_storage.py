"""The storage discipline: writes whole whatever is cancelled, reads only of committed data, one
owner per repository method."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import date, timedelta

import pytest

from bot.storage.base import Tx
from bot.storage.repository import one_owner_per_method
from tests.harness import Harness


def committed(harness: Harness, sql: str, params: tuple[object, ...] = ()) -> list[tuple]:  # type: ignore[type-arg]
    """What another connection sees: only what was committed."""
    conn = sqlite3.connect(harness.db_path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


async def cancel_after(task: asyncio.Task, iterations: int) -> None:  # type: ignore[type-arg]
    for _ in range(iterations):
        await asyncio.sleep(0)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass


async def test_a_write_cancelled_at_each_await_leaves_nothing_open(harness: Harness) -> None:
    """Cancelled after 0, 1, 2 ... event-loop turns: before aiosqlite's thread ran anything,
    between BEGIN and the statements, or while COMMIT is on its way."""
    await harness.user(42).send("/start")
    repo = harness.repo
    for n in range(30):
        on = date(2026, 1, 1) + timedelta(days=n)
        await cancel_after(asyncio.create_task(repo.record_slip(42, on, n)), n)
        await repo.set_state(42, f"probe{n}")  # the next write must not find a transaction open
        assert committed(harness, "SELECT state FROM users WHERE user_id = 42") == [(f"probe{n}",)]
        slip = committed(harness, "SELECT 1 FROM slips WHERE user_id = 42 AND streak_days = ?", (n,))
        since = committed(harness, "SELECT no_contact_since FROM users WHERE user_id = 42")
        # Whole or not at all: the slip and the restarted streak go together.
        assert bool(slip) == (since == [(on.isoformat(),)]), (n, slip, since)


async def test_single_statement_writes_cancelled_at_each_await_leave_nothing_open(
    harness: Harness,
) -> None:
    await harness.user(42).send("/start")
    repo = harness.repo
    for n in range(12):
        await cancel_after(asyncio.create_task(repo.add_urge(42, "sos")), n)
        await cancel_after(asyncio.create_task(repo.set_state(42, "x")), n)
        await repo.add_answer(42, 1, "problem", f"answer {n}", state=f"s{n}")
        assert committed(harness, "SELECT state FROM users WHERE user_id = 42") == [(f"s{n}",)]


async def test_reads_never_see_another_tasks_uncommitted_write(harness: Harness) -> None:
    await harness.user(42).send("/start")
    repo = harness.repo
    changed, release = asyncio.Event(), asyncio.Event()

    async def slow_rename(tx: Tx) -> str | None:
        await tx.execute("UPDATE users SET display_name = 'Uncommitted' WHERE user_id = 42")
        seen = await tx.fetchone("SELECT display_name FROM users WHERE user_id = 42")
        changed.set()
        await release.wait()
        return seen[0] if seen else None

    writer = asyncio.create_task(repo.transaction(slow_rename))
    await changed.wait()
    user = await repo.get_user(42)
    assert user is not None and user.display_name is None  # task B: the last committed state
    release.set()
    assert await writer == "Uncommitted"  # task A reads through its own transaction
    user = await repo.get_user(42)
    assert user is not None and user.display_name == "Uncommitted"


async def test_a_failing_body_rolls_everything_back(harness: Harness) -> None:
    await harness.user(42).send("/start")

    async def half_done(tx: Tx) -> None:
        await tx.execute("UPDATE users SET display_name = 'Half' WHERE user_id = 42")
        await tx.execute("INSERT INTO no_such_table VALUES (1)")

    with pytest.raises(sqlite3.OperationalError):
        await harness.repo.transaction(half_done)
    assert committed(harness, "SELECT display_name FROM users WHERE user_id = 42") == [(None,)]
    await harness.repo.set_state(42, "after")  # and the writer is free again
    assert committed(harness, "SELECT state FROM users WHERE user_id = 42") == [("after",)]


async def test_a_write_from_inside_a_transaction_body_is_refused(harness: Harness) -> None:
    """It would wait for the write lock its own transaction holds."""
    await harness.user(42).send("/start")

    async def nested(tx: Tx) -> None:
        await harness.repo.set_state(42, "nested")

    with pytest.raises(RuntimeError, match="inside a transaction"):
        await asyncio.wait_for(harness.repo.transaction(nested), 5)


def test_two_table_classes_cannot_define_the_same_method() -> None:
    class Ours:
        def record(self) -> None: ...

    class Theirs:
        def record(self) -> None: ...

    with pytest.raises(TypeError, match=r"Theirs\.record shadows Ours\.record"):
        one_owner_per_method((Ours, Theirs))
