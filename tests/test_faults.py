"""Telegram faults through the HTTP stand-in, against the real bot process: 429 with
retry_after on sendMessage and getUpdates, 5xx bursts, a read timeout after delivery, 403.
Each time the bot keeps serving everyone else and recovers by itself."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from bench.http_standin import Fault, HttpStandIn
from bench.proc import BotProcess, bot_env
from bench.users import SimUser, text
from tests.crashkit import (
    no_orphans,  # noqa: F401  (autouse: kills leftover bots)
    route,
)

pytestmark = pytest.mark.faults


class Running:
    def __init__(self, api: HttpStandIn, bot: BotProcess, db: Path) -> None:
        self.api, self.bot, self.db = api, bot, db
        self.users: dict[int, SimUser] = {}
        route(api, self.users)

    def user(self, user_id: int, timeout: float = 15.0) -> SimUser:
        self.users[user_id] = SimUser(self.api, user_id, settle=0.05, timeout=timeout)
        return self.users[user_id]

    def row(self, sql: str, *params: object) -> tuple[object, ...] | None:
        conn = sqlite3.connect(self.db)
        try:
            return conn.execute(sql, params).fetchone()  # type: ignore[no-any-return]
        finally:
            conn.close()


@asynccontextmanager
async def running(tmp_path: Path) -> AsyncIterator[Running]:
    db = tmp_path / "bot.sqlite3"
    async with HttpStandIn(lifetime=120) as api:
        bot = BotProcess(api, ["-m", "bot", "run"], bot_env(api, db), tmp_path / "bot.log")
        await bot.start()
        try:
            yield Running(api, bot, db)
            assert bot.proc is not None and bot.proc.returncode is None, "the bot died"
        finally:
            await bot.stop()


def sends_to(api: HttpStandIn, chat: int) -> list[tuple[float, int]]:
    return [(c.at, c.status) for c in api.calls if c.method == "sendMessage" and c.chat_id == chat]


async def test_429_on_send_waits_exactly_and_holds_up_only_that_chat(tmp_path: Path) -> None:
    async with running(tmp_path) as run:
        run.api.faults.append(Fault("429", chat_id=1, retry_after=2))
        slow, other = run.user(1), run.user(2)
        assert await slow.act(text("/start"))  # starts the flow; its first send gets the 429
        for word in ("/start", "Robin"):
            assert await other.act(text(word))
        calls = sends_to(run.api, 1)
        assert calls[0][1] == 429 and calls[1][1] == 200
        waited = calls[1][0] - calls[0][0]
        assert 2.0 <= waited < 3.0, waited  # retry_after honoured, not much more
        assert max(other.outcome.latencies) < 1.0, other.outcome.latencies


async def test_429_on_get_updates_pauses_polling_then_catches_up(tmp_path: Path) -> None:
    async with running(tmp_path) as run:
        user = run.user(3)
        assert await user.act(text("/start"))
        run.api.faults.append(Fault("429", method="getUpdates", retry_after=2))
        for word in ("Kim", "/help", "/start"):
            assert await user.act(text(word))
        polls = [c for c in run.api.calls if c.method == "getUpdates"]
        hit = next(i for i, c in enumerate(polls) if c.status == 429)
        assert polls[hit + 1].at - polls[hit].at >= 2.0
        assert run.row("SELECT display_name FROM users WHERE user_id = 3") == ("Kim",)


async def test_a_burst_of_5xx_is_survived(tmp_path: Path) -> None:
    async with running(tmp_path) as run:
        a, b = run.user(4), run.user(5)
        assert await a.act(text("/start"))
        # The faults go in once /start's turn is out whole (its name question last): a 500 on
        # that question would be taken for the answer to "Lee" below.
        assert await run.api.wait_for(
            lambda: any("What should I call you" in c.text for c in run.api.sent(4)), 10)
        run.api.faults += [Fault("5xx", method="getUpdates", times=3, status=502),
                           Fault("5xx", method="sendMessage", chat_id=4, times=2, status=500)]
        assert await b.act(text("/start"))  # arrives once polling is through the 502s
        assert await a.act(text("Lee"))  # stored; the reply comes through after the 500s
        assert [c.status for c in run.api.calls if c.chat_id == 4][-3:] == [500, 500, 200]
        assert run.row("SELECT display_name FROM users WHERE user_id = 4") == ("Lee",)
        assert await a.act(text("he"))  # the next message works again
        assert run.row("SELECT state FROM users WHERE user_id = 4") == ("onboard.nickname",)
        assert await b.act(text("Ash"))


async def test_read_timeout_after_delivery_is_not_sent_twice(tmp_path: Path) -> None:
    async with running(tmp_path) as run:
        a, b = run.user(6), run.user(7)
        assert await a.act(text("/start"))
        run.api.faults.append(Fault("timeout", chat_id=6, hold=7.0))
        assert await a.act(text("Noor"))  # delivered; the bot never hears back (5 s timeout)
        for word in ("/start", "Jo", "she"):
            assert await b.act(text(word))
            assert b.outcome.latencies[-1] < 1.0  # everyone else carries on meanwhile
        await run.api.wait_for(lambda: False, timeout=6.0)  # the bot's read timeout passes
        texts = [c.text for c in run.api.sent(6)]
        assert len(texts) == len(set(texts)), texts  # nothing delivered twice, no apology
        assert await a.act(text("they"))
        assert run.row("SELECT ex_pronoun FROM users WHERE user_id = 6") == ("they",)


async def test_403_marks_the_user_inactive_until_they_come_back(tmp_path: Path) -> None:
    async with running(tmp_path) as run:
        gone, other = run.user(8, timeout=2.0), run.user(9)
        assert await gone.act(text("/start"))
        blocked = Fault("403", chat_id=8, times=None)
        run.api.faults.append(blocked)
        assert not await gone.act(text("Max"))  # blocked: nothing arrives
        assert await other.act(text("/start"))
        await run.api.wait_for(
            lambda: run.row("SELECT active FROM users WHERE user_id = 8") == (0,), 5.0)
        assert run.row("SELECT active FROM users WHERE user_id = 8") == (0,)
        run.api.faults.remove(blocked)
        gone.timeout = 10.0
        assert await gone.act(text("/start"))  # unblocked and back
        assert run.row("SELECT active FROM users WHERE user_id = 8") == (1,)
