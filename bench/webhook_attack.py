"""Webhook abuse against the real bot process: ten 50 MB bodies without the secret at once,
a 2 MB body with it, a body that trickles in; prints the bot's memory before and after and
what each request got. `python -m bench.webhook_attack` (tests/test_webhook.py uses the same
requests and checks the figures)."""

from __future__ import annotations

import asyncio
import json
import socket
import tempfile
import time
from pathlib import Path

from bench.http_standin import HttpStandIn
from bench.proc import BotProcess, bot_env

SECRET = "webhook-Secret_123"
PATH = "/tg/hook"
SLOW_WAIT = 20.0  # longer than any sane body timeout: how long a trickled body is kept up


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
        await asyncio.wait({answer}, timeout=SLOW_WAIT)
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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def start_webhook_bot(api: HttpStandIn, work: Path, port: int) -> BotProcess:
    env = bot_env(api, work / "bot.sqlite3", MODE="webhook", WEBHOOK_LISTEN="127.0.0.1",
                  WEBHOOK_PORT=str(port), WEBHOOK_URL=f"http://127.0.0.1:{port}{PATH}",
                  WEBHOOK_SECRET=SECRET)
    bot = BotProcess(api, ["-m", "bot", "run"], env, work / "bot.log")
    starting = asyncio.create_task(bot.start())
    await api.wait_for(lambda: any(c.method == "setWebhook" for c in api.calls), 30)
    starting.cancel()  # a webhook bot never polls
    for _ in range(100):
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            break
        except ConnectionError:
            await asyncio.sleep(0.1)
    return bot


async def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-webhook-"))
    port = free_port()
    async with HttpStandIn(lifetime=300) as api:
        bot = await start_webhook_bot(api, work, port)
        try:
            before = await bot.memory_at_rest()
            huge = {"Content-Length": str(50 << 20), "Content-Type": "application/json"}
            began = time.monotonic()
            flooded = await asyncio.gather(*(flood_body(port, huge, 50 << 20) for _ in range(10)))
            flood_s = time.monotonic() - began
            after = bot.memory_mb()
            refused = await raw_post(port, huge, 0)
            too_big = await raw_post(port, {"X-Telegram-Bot-Api-Secret-Token": SECRET,
                                            "Content-Length": str(2 << 20)}, 2 << 20)
            began = time.monotonic()
            slow = await raw_post(port, {"X-Telegram-Bot-Api-Secret-Token": SECRET,
                                         "Content-Length": "1000"}, 10, chunk=10)
            slow_s = time.monotonic() - began
        finally:
            await bot.stop()
    print(json.dumps({
        "rss_before_mb": before, "rss_after_10x50MB_mb": after,
        "body_MB_accepted_per_attacker": [round(n / 2**20) for n in flooded],
        "attack_s": round(flood_s, 1), "no_secret": refused[0],
        "over_1MB_with_secret": too_big[0], "over_1MB_body_MB_sent": round(too_big[1] / 2**20, 1),
        "trickled_body": slow[0], "trickled_body_held_s": round(slow_s, 1),
    }), flush=True)


if __name__ == "__main__":
    asyncio.run(main())
