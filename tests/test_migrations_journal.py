"""The journal's table both ways: a fresh database (0009 no longer makes journal_entries; 0010
does) and one migrated by 0009 as first released (issue 9's stand-in made journal_entries, with
a cap trigger, and may hold kept words): both end with the same schema, and kept words are
journal entries afterwards."""

from __future__ import annotations

import asyncio
import re
import shutil
import threading
from pathlib import Path

import aiosqlite

from bot.storage import db
from bot.storage.db import MIGRATIONS_DIR

RELEASED_0009 = Path(__file__).parent / "data" / "migrations" / "0009_listening_as_released.sql"
_COMMENT = re.compile(r"--[^\n]*")


async def schema(conn: aiosqlite.Connection) -> set[tuple[str, str, str]]:
    """Every table, index and trigger, its SQL without comments or layout."""
    rows = await conn.execute_fetchall(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL")
    return {(kind, name, " ".join(_COMMENT.sub("", sql).split())) for kind, name, sql in rows}


def released_folder(tmp_path: Path) -> Path:
    """Migrations 0001-0008 as shipped, and 0009 as it was first released."""
    folder = tmp_path / "released"
    folder.mkdir()
    for number, path in db.migrations():
        if number < 9:
            (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    shutil.copy(RELEASED_0009, folder / "0009_listening.sql")
    return folder


# Each connection's worker thread, found as the thread that appeared when it opened (public
# threading API only: aiosqlite keeps its thread in a private attribute, and in 0.20, the lowest
# version allowed, the connection is the thread itself).
_THREADS: dict[int, set[threading.Thread]] = {}


async def connect(path: Path) -> aiosqlite.Connection:
    before = set(threading.enumerate())
    conn = await aiosqlite.connect(path, isolation_level=None)
    conn.row_factory = aiosqlite.Row
    _THREADS[id(conn)] = {t for t in set(threading.enumerate()) - before
                          if not t.name.startswith("asyncio_")}
    return conn


async def close(conn: aiosqlite.Connection) -> None:
    """Closes the connection and waits for its worker thread to end: close() returns as soon as
    the thread has closed the connection, a moment before the thread itself stops, and a last
    test must not leave it for tests/conftest.py's stray-thread check."""
    await conn.close()
    for thread in _THREADS.pop(id(conn), set()):
        await asyncio.to_thread(thread.join, 5)


def test_migrations_run_0001_to_0011_without_gaps() -> None:
    """main's 0009 (listening), the journal's migration, renumbered 0010, and the one delivery
    path's 0011, in one line."""
    names = [path.name for _, path in db.migrations()]
    assert [number for number, _ in db.migrations()] == list(range(1, 12))
    assert names[8:] == ["0009_listening.sql", "0010_journal.sql", "0011_one_delivery_path.sql"]


async def test_fresh_and_upgraded_databases_have_one_journal_schema(tmp_path: Path) -> None:
    fresh = await connect(tmp_path / "fresh.sqlite3")
    upgraded = await connect(tmp_path / "upgraded.sqlite3")
    try:
        assert await db.migrate(fresh) == db.migrations()[-1][0]
        assert await db.migrate(upgraded, released_folder(tmp_path)) == 9
        tables = {name for kind, name, _ in await schema(upgraded) if kind == "table"}
        assert "journal_entries" in tables  # the stand-in's table, as released
        await db.migrate(upgraded, MIGRATIONS_DIR)
        assert await schema(upgraded) == await schema(fresh)
        names = {name for _, name, _ in await schema(fresh)}
        assert {"journal_entries", "journal_entries_user", "journal_offers", "trusted_people",
                "button_taps"} <= names
        assert "journal_entries_cap" not in names  # a journal deletes nothing by itself
    finally:
        await close(fresh)
        await close(upgraded)


async def test_words_kept_before_the_upgrade_are_journal_entries_after(tmp_path: Path) -> None:
    conn = await connect(tmp_path / "upgraded.sqlite3")
    try:
        await db.migrate(conn, released_folder(tmp_path))
        await conn.execute(
            "INSERT INTO users (user_id, chat_id, created_at, updated_at)"
            " VALUES (42, 42, '2026-03-01T10:00:00+00:00', '2026-03-01T10:00:00+00:00')")
        await conn.execute(
            "INSERT INTO journal_entries (user_id, body, source, created_at, kept_at) VALUES"
            " (42, 'kept before', 'fallback', '2026-03-01T10:00:00+00:00',"
            " '2026-03-01T10:01:00+00:00')")
        await db.migrate(conn, MIGRATIONS_DIR)
        rows = await conn.execute_fetchall(
            "SELECT body, source, prompt, edited_at FROM journal_entries WHERE kept_at IS NOT NULL")
        assert [tuple(r) for r in rows] == [("kept before", "fallback", None, None)]
    finally:
        await close(conn)


async def test_a_database_at_0010_opens_with_one_delivery_path(tmp_path: Path) -> None:
    """main's database as the journal left it (0010: journal entries, an offer, the person to
    call, a handled tap, and jobs still to come, one of them the crisis follow-up) opened by the
    real app: 0011 moves the jobs into the outbox and drops the table, the journal and the
    person are all there, and the crisis follow-up goes out through the one sender."""
    from tests.harness import START, Harness

    older = tmp_path / "at_0010"
    older.mkdir()
    for number, path in db.migrations():
        if number <= 10:
            shutil.copy(path, older / path.name)
    path = tmp_path / "bot.sqlite3"
    conn = await connect(path)
    try:
        assert await db.migrate(conn, older) == 10
        now = "2026-03-01T10:00:00Z"
        await conn.execute(
            "INSERT INTO users (user_id, chat_id, display_name, ex_pronoun, timezone,"
            " no_contact_since, onboarded_at, created_at, updated_at) VALUES"
            " (42, 42, 'Sam', 'he', 'Europe/Berlin', '2026-02-20', ?, ?, ?)", (now, now, now))
        await conn.execute("INSERT INTO safety (user_id, crisis_until, created_at, updated_at)"
                           " VALUES (42, '2026-03-02T20:00:00Z', ?, ?)", (now, now))
        await conn.execute(
            "INSERT INTO journal_entries (user_id, body, prompt, source, created_at, kept_at)"
            " VALUES (42, 'He never asked how my day went.', NULL, 'write', ?, ?),"
            " (42, 'the words only offered', NULL, 'fallback', ?, NULL)", (now, now, now))
        await conn.execute("INSERT INTO trusted_people (user_id, name, reach, updated_at)"
                           " VALUES (42, 'Mia', 'her mobile', ?)", (now,))
        await conn.execute("INSERT INTO button_taps (user_id, message_id, data, tapped_at)"
                           " VALUES (42, 7, 'x', ?)", (now,))
        for kind, key, due in (("safety.followup", "next", "2026-03-03T09:00:00Z"),
                               ("step7.remind", "remind", "2026-03-15T09:00:00Z")):
            await conn.execute("INSERT INTO jobs (user_id, kind, due_at, payload, dedupe_key,"
                               " status, created_at) VALUES (42, ?, ?, '{}', ?, 'pending', ?)",
                               (kind, due, key, now))
    finally:
        await close(conn)

    harness = await Harness(path).start()
    try:
        assert harness.clock.now() == START
        repo = harness.repo
        rows = {r.kind: r for r in await repo.outbox_for(42)}
        assert rows["crisis_followup"].status == "pending"
        assert rows["crisis_followup"].due_at == "2026-03-03T09:00:00Z"
        assert rows["step7.remind"].status == "pending"
        assert [e.body for e in await repo.whole_journal(42)] == [
            "He never asked how my day went."]
        assert (await repo.trusted_person(42)).name == "Mia"
        assert await repo.last_tap(42, 7) is not None
        sam = harness.user(42)
        assert "He never asked how my day went." in sam.texts(await sam.send("/journal"))
        harness.clock.advance(days=1, minutes=1)  # 09:01 UTC, 10:01 in Berlin
        mark = len(harness.request.calls)
        await harness.tick()
        sent = [c.text for c in harness.request.calls[mark:] if c.chat_id == 42]
        assert any("thinking about you since yesterday" in text for text in sent)
        [followup] = await repo.outbox_for(42, "crisis_followup")
        assert followup.status == "sent"
    finally:
        await harness.stop()
    conn = await connect(path)
    try:
        names = {r[0] for r in await conn.execute_fetchall("SELECT name FROM sqlite_master")}
        assert "jobs" not in names
        [[version]] = await conn.execute_fetchall("PRAGMA user_version")
        assert version == 11
    finally:
        await close(conn)
