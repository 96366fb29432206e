"""Start-up Bot API calls (getMe, setMyCommands, deleteWebhook) ride out 5xx answers and
refused connections for a bounded time instead of exiting on the first one."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from telegram.error import BadRequest, InvalidToken, NetworkError

from bench.http_standin import Fault, HttpStandIn
from bench.proc import BotProcess, bot_env
from bench.users import SimUser, text
from bot.delivery.backoff import retrying
from tests.crashkit import no_orphans, route  # noqa: F401  (autouse: kills leftover bots)


@pytest.mark.faults
async def test_5xx_on_every_start_up_call_is_ridden_out(tmp_path: Path) -> None:
    async with HttpStandIn(lifetime=60) as api:
        api.faults += [Fault("5xx", method="getMe", times=3, status=502),
                       Fault("5xx", method="setMyCommands", times=1, status=500),
                       Fault("5xx", method="deleteWebhook", times=1, status=500)]
        bot = BotProcess(api, ["-m", "bot", "run"], bot_env(api, tmp_path / "bot.sqlite3"),
                         tmp_path / "bot.log")
        await bot.start()  # polls: it did not exit
        user = SimUser(api, 7, settle=0.05, timeout=10)
        route(api, {7: user})
        assert await user.act(text("/start"))
        assert await bot.stop() < 10
    hits = {f.method: f.hits for f in api.faults}
    assert hits == {"getMe": 3, "setMyCommands": 1, "deleteWebhook": 1}


async def test_retrying_gives_up_after_its_budget_and_never_retries_a_final_answer() -> None:
    calls = {"n": 0}

    async def always_502() -> None:
        calls["n"] += 1
        raise NetworkError("Bad Gateway")

    began = time.monotonic()
    with pytest.raises(NetworkError):
        await retrying(always_502, "setMyCommands", budget=1.0)
    assert 0.4 <= time.monotonic() - began < 1.5 and calls["n"] == 2  # after 0.5 s, then 1 s

    for final in (InvalidToken("401"), BadRequest("bad")):
        async def refused(error: Exception = final) -> None:
            calls["n"] += 1
            raise error

        calls["n"] = 0
        with pytest.raises(type(final)):
            await retrying(refused, "getMe", budget=30.0)
        assert calls["n"] == 1
