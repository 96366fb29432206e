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
from bench.proc import BotProcess, bot_env
from bot.ops.webhook import BODY_TIMEOUT
from tests.crashkit import no_orphans  # noqa: F401  (autouse: kills leftover bots)
from tests.test_ops import free_port

pytestmark = pytest.mark.faults
SECRET = "webhook-Secret_123"
PATH = "/tg/hook"


async def raw_post(port: int, headers: dict[str, str], body_bytes: int,
                   chunk: int = 1 << 20) -> tuple[int | None, int]:
    """Sends the headers, waits a moment for an early answer, then sends up to `body_bytes` of
    body (an attacker would not wait; the server must not care) until it answers or hangs up.
    Returns (status or None, body bytes the server let us send)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    writer.write(f"POST {PATH} HTTP/1.1\r\nHost: x\r\n{head}\r\n".encode())
    answer = asyncio.ensure_future(reader.read(4096))
    sent = 0
    try:
        await asyncio.wait({answer}, timeout=0.5)
        while sent < body_bytes and not answer.done():
            size = min(chunk, body_bytes - sent)
            writer.write(b"x" * size)
            await writer.drain()
            sent += size
            if chunk < 1024:
                await asyncio.sleep(0.05)
        await asyncio.wait({answer}, timeout=BODY_TIMEOUT + 5)
    except ConnectionError:
        await asyncio.wait({answer}, timeout=1)
    finally:
        writer.close()
    data = answer.result() if answer.done() and answer.exception() is None else b""
    answer.cancel()
    status = int(data.split(b" ")[1]) if data.startswith(b"HTTP/1.1 ") else None
    return status, sent


async def flood_body(port: int, headers: dict[str, str], body_bytes: int) -> int:
    """An attacker's request: headers and body at once, as fast as the socket takes them;
    returns how much of the body got through before the server hung up."""
    _, writer = await asyncio.open_connection("127.0.0.1", port)
    head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    writer.write(f"POST {PATH} HTTP/1.1\r\nHost: x\r\n{head}\r\n".encode())
    sent = 0
    try:
        while sent < body_bytes:
            writer.write(b"x" * (1 << 20))
            await asyncio.wait_for(writer.drain(), 5)
            sent += 1 << 20
    except (ConnectionError, TimeoutError):
        pass
    finally:
        writer.close()
    return sent


async def test_webhook_limits_hold_before_the_body_is_read(tmp_path: Path) -> None:
    port = free_port()
    async with HttpStandIn(lifetime=120) as api:
        env = bot_env(api, tmp_path / "bot.sqlite3", MODE="webhook", WEBHOOK_LISTEN="127.0.0.1",
                      WEBHOOK_PORT=str(port), WEBHOOK_URL=f"http://127.0.0.1:{port}{PATH}",
                      WEBHOOK_SECRET=SECRET)
        bot = BotProcess(api, ["-m", "bot", "run"], env, tmp_path / "bot.log")
        starting = asyncio.create_task(bot.start())
        assert await api.wait_for(lambda: any(c.method == "setWebhook" for c in api.calls), 30)
        starting.cancel()  # a webhook bot never polls
        for _ in range(50):
            try:
                await raw_post(port, {"Content-Length": "0"}, 0)
                break
            except ConnectionError:
                await asyncio.sleep(0.1)
        before = bot.memory_mb()

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
