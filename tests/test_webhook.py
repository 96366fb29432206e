"""The webhook endpoint (bot/ops/webhook.py) against the real bot process: the secret and the
declared length are checked on the headers, before any body is read, so a flood of huge bodies
leaves memory flat; a body that trickles in is cut off; a real update is answered."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import pytest

from bench.http_standin import HttpStandIn
from bench.webhook_attack import PATH, SECRET, flood_body, free_port, raw_post, start_webhook_bot
from bot.ops.webhook import BODY_TIMEOUT
from tests.crashkit import no_orphans  # noqa: F401  (autouse: kills leftover bots)

pytestmark = pytest.mark.faults


async def test_webhook_limits_hold_before_the_body_is_read(tmp_path: Path) -> None:
    port = free_port()
    async with HttpStandIn(lifetime=120) as api:
        bot = await start_webhook_bot(api, tmp_path, port)
        before = await bot.memory_at_rest()

        # Ten 50 MB bodies without the secret, at once: each refused on its headers.
        huge = {"Content-Length": str(50 << 20), "Content-Type": "application/json"}
        flooded = await asyncio.gather(*(flood_body(port, huge, 50 << 20) for _ in range(10)))
        refused = await raw_post(port, huge, 50 << 20)
        # Over 1 MB with the right secret: 413 before a byte of body is sent.
        too_big = await raw_post(port, {**huge, "X-Telegram-Bot-Api-Secret-Token": SECRET,
                                        "Content-Length": str(2 << 20)}, 0)
        no_length = await raw_post(port, {"X-Telegram-Bot-Api-Secret-Token": SECRET,
                                          "Transfer-Encoding": "chunked"}, 0)
        # A body that trickles: 10 of 1000 bytes, then nothing. The server hangs up.
        began = time.monotonic()
        slow = await raw_post(port, {"X-Telegram-Bot-Api-Secret-Token": SECRET,
                                     "Content-Length": "1000"}, 10, chunk=10)
        slow_s = time.monotonic() - began
        after = bot.memory_mb()

        update = {"update_id": 5, "message": api.message_dict(31, "/start")}
        body = json.dumps(update).encode()
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(f"POST {PATH} HTTP/1.1\r\nHost: x\r\nX-Telegram-Bot-Api-Secret-Token: "
                     f"{SECRET}\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body)
        good = await asyncio.wait_for(reader.read(4096), 10)
        writer.close()
        answered = await api.wait_for(lambda: bool(api.sent(31)), 10)
        assert await bot.stop() < 10
    assert refused == (403, 0)  # answered on the headers alone
    assert max(flooded) < 50 << 20, flooded  # the attackers were cut off long before the end
    assert too_big == (413, 0)
    assert no_length[0] == 411
    assert slow[0] is None and BODY_TIMEOUT - 1 <= slow_s < BODY_TIMEOUT + 5, slow_s
    assert after["peak_rss_mb"] - before["peak_rss_mb"] < 20, (before, after)
    assert good.startswith(b"HTTP/1.1 200") and answered
