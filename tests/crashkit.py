"""Crash-test helpers: a bot process that gets killed, and users who carry on like people do.

A ResilientUser plays the shared script against the HTTP stand-in. When no reply comes (the bot
was killed), it waits for the bot to be back, looks at the database to see whether its message
was handled before the crash (state moved on, or its words are stored) and either moves on or
sends it again. A button whose message was lost is pressed from the reference run's data (the
same button, this user's id): callback data is self-contained, so that is what a client holding
the message would send.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bench.http_standin import HttpStandIn, Served
from bench.proc import kill_all
from bench.users import Action, SimUser
from bot.ui.keyboards import decode, encode


class DbView:
    """Read-only looks at the bot's database from the test process (WAL allows it)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _query(self, sql: str, params: tuple[object, ...]) -> list[tuple[object, ...]]:
        conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=10)
        try:
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()

    def where(self, user_id: int) -> tuple[object, ...]:
        """Where the user is: (state, onboarded, step-1 status); () before their first message."""
        if not self.path.exists():
            return ()
        rows = self._query(
            "SELECT u.state, u.onboarded_at IS NOT NULL, p.status FROM users u LEFT JOIN"
            " step_progress p ON p.user_id = u.user_id AND p.step = 1 WHERE u.user_id = ?",
            (user_id,))
        return tuple(rows[0]) if rows else ()

    def stored(self, user_id: int, text: str) -> bool:
        """Whether these exact words are kept for the user (an answer or a profile field)."""
        rows = self._query(
            "SELECT 1 FROM answers WHERE user_id = ? AND value = ? UNION ALL"
            " SELECT 1 FROM users WHERE user_id = ? AND (display_name = ? OR timezone = ?)",
            (user_id, text, user_id, text, text))
        return bool(rows)


class ResilientUser(SimUser):
    def __init__(self, api: HttpStandIn, user_id: int, db: DbView, bot_up: asyncio.Event,
                 reference: SimUser, *, reply_timeout: float = 2.5) -> None:
        super().__init__(api, user_id, settle=0.05, timeout=reply_timeout)
        self.db = db
        self.bot_up = bot_up
        self.reference = reference  # the reference run: its buttons and where it stood
        self.acknowledged: list[str] = []  # texts the bot answered
        self.resyncs = 0
        self.synthesized = 0
        self.log: list[str] = []  # what the user did after each crash, for a failure message

    async def run_resilient(self, actions: list[Action], deadline: float) -> None:
        """Plays the script. Whenever the bot has not got where the reference run got (no
        reply: it was killed; or a reply but no progress: it died halfway through), the user
        looks at where the bot has them and carries on from there, as a person would."""
        index = 0
        while index < len(actions):
            if time.monotonic() > deadline:
                recent = [(c.method, c.text[:40], c.status) for c in self.replies[-4:]]
                raise TimeoutError(
                    f"user {self.id} stuck at action {index} {actions[index]}; the bot has them"
                    f" at {self.db.where(self.id)}; last replies {recent}; {self.log}")
            action = actions[index]
            if await self._attempt(index, action):
                if action.kind == "text":
                    self.acknowledged.append(action.value)
                if await self._progressed(index + 1):
                    index += 1
                    continue
            await self.bot_up.wait()  # the bot was killed: wait until it is back
            await self._drained()
            index = self._resync(actions)
            self.resyncs += 1
            self.log.append(f"{actions[index].value[:12] if index < len(actions) else 'end'}"
                            f"@{self.db.where(self.id)}")

    async def _progressed(self, next_index: int) -> bool:
        ref = self.reference
        expected = (ref.where_before[next_index] if next_index < len(ref.where_before)  # type: ignore[attr-defined]
                    else ref.where_after)  # type: ignore[attr-defined]
        for _ in range(5):  # the handler may still be writing after its first reply
            if self.db.where(self.id) == expected:
                return True
            await asyncio.sleep(0.1)
        return False

    async def _drained(self) -> None:
        """Waits until the bot took every queued update and has gone quiet."""
        while self.api.pending_updates:
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.5)

    def _resync(self, actions: list[Action]) -> int:
        """The first action the reference run took from where this user now stands: matched
        exactly, else on (state, onboarded), else on the state alone; among several, the first
        whose words are not stored yet. The end once finished."""
        here = self.db.where(self.id)
        ref = self.reference
        if here == ref.where_after:  # type: ignore[attr-defined]
            return len(actions)
        if here == (None, 0, None):
            here = ()  # the row was made, but not a word was asked yet
        befores: list[tuple[object, ...]] = ref.where_before  # type: ignore[attr-defined]
        for key in (lambda w: w, lambda w: w[:2], lambda w: w[:1]):
            matches = [i for i, w in enumerate(befores) if key(w) == key(here)]
            if matches:
                break
        assert matches, f"user {self.id} is somewhere the script never goes: {here}"
        for i in matches:
            if actions[i].kind != "text" or not self.db.stored(self.id, actions[i].value):
                return i
        return matches[-1]

    async def _attempt(self, index: int, action: Action) -> bool:
        if action.kind == "tap":
            found = await self._button(action.value, optional=True)
            if found is None and index in self.reference.pressed:
                # The message with the button was lost; its data is self-contained.
                ref = decode(self.reference.pressed[index])
                self.synthesized += 1
                self._since = len(self.replies)
                self.api.push_callback(self.id, encode(ref.ns, ref.action, ref.arg, owner=self.id))
                return await self._answered(self._since)
        return await self.act(action)

    async def _answered(self, mark: int) -> bool:
        if await self._first_reply(mark) is None:
            return False
        await self._quiet()
        return True


async def reference_run(api: HttpStandIn, user: SimUser, db: DbView, actions: list[Action]
                        ) -> SimUser:
    """One user through the script on a healthy bot, noting where it stood before each action."""
    where_before = []
    for index, action in enumerate(actions):
        where_before.append(db.where(user.id))
        user.last_pressed = ""
        assert await user.act(action), (index, action)
        if user.last_pressed:
            user.pressed[index] = user.last_pressed
    user.where_before = where_before  # type: ignore[attr-defined]
    user.where_after = db.where(user.id)  # type: ignore[attr-defined]
    return user


def route(api: HttpStandIn, users: dict[int, SimUser]) -> None:
    """Hands each delivered send to the simulated user of that chat."""
    def deliver(call: Served) -> None:
        if call.method in ("sendMessage", "sendPhoto") and call.status == 200:
            user = users.get(call.chat_id or 0)
            if user is not None:
                user.receive(call)

    api.on_call(deliver)


@pytest.fixture(autouse=True)
async def no_orphans() -> AsyncIterator[None]:
    """Whatever a test does (or fails to do), no bot process outlives it."""
    yield
    await kill_all()


# -- the mixed burst: every kind of scheduled message due at once -------------------------------
MIXED_FIRST = 30_000_000
# The kinds of the burst and how many messages each row makes (a summary: chart, word, note).
PARTS = {"checkin": 1, "weekly_summary": 3, "programme": 1, "sos.wait": 1}
_SUMMARY = ("<b>Your week", "A slip this week", "Harder weeks come and go", "You felt the pull",
            "Another week of looking", "I'll check in as usual")


def seed_mixed_burst(path: Path, users: int, sos: int) -> None:
    """`users` users in UTC, all due a minute ago: a check-in, a weekly summary with a week of
    check-ins behind it (so a chart), a morning item; the first `sos` also an SOS check-back."""
    import json
    from datetime import UTC, datetime, timedelta

    from bot.core.clock import iso
    from bot.storage import db

    async def migrate() -> None:
        await (await db.open_database(path)).close()

    asyncio.run(migrate())
    now = datetime.now(UTC)
    due, stamp = iso(now - timedelta(minutes=1)), iso(now - timedelta(days=20))
    since = (now - timedelta(days=10)).date().isoformat()
    ids = range(MIXED_FIRST, MIXED_FIRST + users)
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            "INSERT INTO users (user_id, chat_id, display_name, timezone, checkin_time,"
            " no_contact_since, onboarded_at, next_checkin_at, next_summary_at, programme_time,"
            " programme_asked, next_programme_at, created_at, updated_at)"
            " VALUES (?, ?, 'Sam', 'UTC', '20:00', ?, ?, ?, ?, '08:00', 1, ?, ?, ?)",
            [(uid, uid, since, stamp, due, due, due, stamp, stamp) for uid in ids])
        conn.executemany(
            "INSERT INTO checkins (user_id, local_date, mood, contacted, urge, created_at,"
            " completed_at) VALUES (?, ?, ?, 0, ?, ?, ?)",
            [(uid, (now - timedelta(days=d)).date().isoformat(), 1 + (uid + d) % 5, d, stamp,
              stamp) for uid in ids for d in range(1, 8)])
        for uid in ids[:sos]:
            (urge,) = conn.execute(
                "INSERT INTO urges (user_id, occurred_at, source, intensity, outcome, created_at)"
                " VALUES (?, ?, 'sos', 8, 'open', ?) RETURNING id", (uid, due, stamp)).fetchone()
            conn.execute(
                "INSERT INTO outbox (user_id, kind, key, local_date, due_at, priority, payload,"
                " created_at) VALUES (?, 'sos.wait', ?, ?, ?, 0, ?, ?)",
                (uid, f"u{urge}", now.date().isoformat(), due, json.dumps({"urge": urge}), stamp))
    conn.close()


def mixed_rows(path: Path) -> dict[tuple[int, str], str]:
    """(user, kind) -> status of every burst row."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT user_id, kind, status FROM outbox WHERE user_id >= ?", (MIXED_FIRST,))
        return {(uid, kind): status for uid, kind, status in rows}
    finally:
        conn.close()


def kind_of(call: Served) -> str:
    """Which burst message a delivered send is."""
    body = call.text
    if body.startswith("Check-in time"):
        return "checkin"
    if body.startswith("Fifteen minutes are up"):
        return "sos.wait"
    if body.startswith(_SUMMARY):
        return "weekly_summary"
    return "programme" if body.startswith("<b>") else "other"


def delivered_by_row(api: HttpStandIn) -> dict[tuple[int, str], int]:
    """(chat, kind) -> how many messages of it reached the stand-in."""
    found: dict[tuple[int, str], int] = {}
    for call in api.sent():
        if call.method in ("sendMessage", "sendPhoto") and (call.chat_id or 0) >= MIXED_FIRST:
            key = (call.chat_id or 0, kind_of(call))
            found[key] = found.get(key, 0) + 1
    return found
