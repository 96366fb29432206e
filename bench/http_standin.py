"""A Bot API stand-in served over loopback HTTP, for benchmarks and crash tests.

It answers like bot/devtools/standin.py (same response shapes: it reuses StandInRequest's answers), but
over a real socket, so a bot in another process talks to it with PTB's own httpx client. It
queues simulated user updates for getUpdates (long polling with offset and timeout), records
every request with a timestamp and chat id, injects faults, and reports send rates. It listens
on 127.0.0.1 only, bounds connections, bodies and records, and stops by itself after a lifetime.
"""

from __future__ import annotations

import asyncio
import email.parser
import itertools
import json
import logging
import math
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Self
from urllib.parse import parse_qsl

from bot.devtools.standin import BOT_USER, Call, StandInRequest

log = logging.getLogger(__name__)

HOST = "127.0.0.1"
SENDS = frozenset({"sendMessage", "sendPhoto", "sendDocument"})
MAX_HEADER = 64 * 1024
MAX_BODY = 20 * 1024 * 1024
MAX_CONNECTIONS = 256
MAX_RECORDS = 2_000_000
LONG_POLL_CAP = 30.0


@dataclass
class Served(Call):
    """One HTTP request as the stand-in saw it: `status` 200 unless a fault answered it."""

    status: int = 200
    fault: str | None = None
    result: Any = None


@dataclass
class Fault:
    """A failure to inject. `kind`: "429", "5xx", "403" or "timeout" (delivered, then no answer
    until the client gives up). Matches `method` (None: any) and `chat_id` (None: any), `times`
    times (None: until removed), each matching call failing with probability `rate`."""

    kind: str
    method: str | None = "sendMessage"
    chat_id: int | None = None
    times: int | None = 1
    retry_after: int = 1
    status: int = 502
    hold: float = 8.0
    rate: float = 1.0
    hits: int = 0
    _rng: Any = field(default=None, repr=False)

    def matches(self, method: str, chat_id: int | None) -> bool:
        if self.times is not None and self.hits >= self.times:
            return False
        if self.method is not None and self.method != method:
            return False
        if self.chat_id is not None and self.chat_id != chat_id:
            return False
        if self.rate < 1.0:
            import random

            self._rng = self._rng or random.Random(1234)
            return bool(self._rng.random() < self.rate)
        return True


class ChatLimits:
    """Telegram-like flood control per chat, usable as a `fault` hook: a chat may take `burst`
    messages at once, then about `per_second` a second; a send beyond that gets a 429 with
    retry_after in whole seconds, as Telegram answers. `limited` counts the 429s given."""

    def __init__(self, per_second: float = 1.0, burst: int = 3,
                 methods: frozenset[str] = frozenset({"sendMessage", "sendPhoto", "sendDocument"}),
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.per_second, self.burst, self.methods = per_second, burst, methods
        self.monotonic = monotonic
        self.limited = 0
        self._buckets: dict[str, tuple[float, float]] = {}  # chat -> (tokens, when)

    def __call__(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]] | None:
        chat = params.get("chat_id")
        if method not in self.methods or chat is None:
            return None
        now = self.monotonic()
        tokens, then = self._buckets.get(str(chat), (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - then) * self.per_second)
        if tokens >= 1.0:
            self._buckets[str(chat)] = (tokens - 1.0, now)
            return None
        self._buckets[str(chat)] = (tokens, now)
        self.limited += 1
        wait = max(1, math.ceil((1.0 - tokens) / self.per_second))
        return 429, {"ok": False, "error_code": 429, "parameters": {"retry_after": wait},
                     "description": f"Too Many Requests: retry after {wait}"}


def _error(code: int, description: str, **parameters: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return body


class HttpStandIn:
    """`async with HttpStandIn() as api:` then point the bot at `api.base_url`."""

    def __init__(self, *, port: int = 0, lifetime: float = 900.0, token: str | None = None) -> None:
        self.port = port
        self.lifetime = lifetime
        self.token = token  # when set, other tokens get 401 like Telegram
        self.calls: list[Served] = []  # every request, faulted ones included
        self.faults: list[Fault] = []
        self.chat_limits: ChatLimits | None = None  # Telegram-like per-chat 429s when set
        self.started = time.monotonic()
        self._shapes = StandInRequest()  # borrowed for its Telegram-shaped answers
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(50_000)
        self._updates: deque[dict[str, Any]] = deque()
        self._new_update = asyncio.Event()
        self._sent_event = asyncio.Event()
        self._server: asyncio.base_events.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._handlers: set[asyncio.Task[Any]] = set()
        self._reaper: asyncio.Task[None] | None = None
        self._listeners: list[Callable[[Served], None]] = []
        self.pushed_at: dict[int, float] = {}  # update_id -> when it was queued
        self._pushed: dict[int, dict[str, Any]] = {}  # update_id -> its body, for redeliver()
        self._again: list[dict[str, Any]] = []  # redelivered: sent whatever the offset says
        self.polls = 0

    # ---- life cycle -------------------------------------------------------------------------

    async def start(self) -> HttpStandIn:
        self._server = await asyncio.start_server(self._serve, HOST, self.port, limit=MAX_HEADER)
        self.port = self._server.sockets[0].getsockname()[1]
        self.started = time.monotonic()
        self._reaper = asyncio.create_task(self._stop_after(self.lifetime))
        return self

    async def stop(self) -> None:
        if self._reaper is not None and self._reaper is not asyncio.current_task():
            self._reaper.cancel()
        if self._server is not None:
            self._server.close()
            for writer in list(self._writers):
                writer.close()
            for task in list(self._handlers):
                if task is not asyncio.current_task():
                    task.cancel()
            await asyncio.gather(*self._handlers, return_exceptions=True)
            await self._server.wait_closed()
            self._server = None
        self._new_update.set()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    async def _stop_after(self, seconds: float) -> None:
        await asyncio.sleep(seconds)
        log.warning("http stand-in lifetime of %.0f s is over: stopping", seconds)
        await self.stop()

    @property
    def base_url(self) -> str:
        """The TELEGRAM_BASE_URL to give the bot."""
        return f"http://{HOST}:{self.port}/bot"

    # ---- simulated users --------------------------------------------------------------------

    def push(self, payload: dict[str, Any]) -> int:
        """Queues one update body (message=..., callback_query=...); returns its update_id."""
        update_id = next(self._update_ids)
        self._updates.append({"update_id": update_id, **payload})
        self.pushed_at[update_id] = time.monotonic()
        self._pushed[update_id] = payload
        self._new_update.set()
        return update_id

    def redeliver(self, update_id: int) -> None:
        """Queues an update already delivered once, same id, as Telegram does after a lost
        confirmation (a webhook answer that never came, a crash before the next poll)."""
        self._again.append({"update_id": update_id, **self._pushed[update_id]})
        self._new_update.set()

    def message_dict(self, user_id: int, text: str, first_name: str = "Sam") -> dict[str, Any]:
        message: dict[str, Any] = {
            "message_id": next(self._message_ids), "date": int(time.time()),
            "chat": {"id": user_id, "type": "private", "first_name": first_name},
            "from": {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "en"},
            "text": text,
        }
        if text.startswith("/"):
            command = text.split()[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return message

    def push_text(self, user_id: int, text: str) -> int:
        return self.push({"message": self.message_dict(user_id, text)})

    def push_callback(self, user_id: int, data: str, message: dict[str, Any] | None = None) -> int:
        """A button press; `message` is the bot's message carrying it (a stub when omitted)."""
        message = message or {"message_id": 1, "date": int(time.time()), "from": BOT_USER,
                              "chat": {"id": user_id, "type": "private"}, "text": "…"}
        query = {"id": str(next(self._message_ids)), "chat_instance": "ci", "data": data,
                 "from": {"id": user_id, "is_bot": False, "first_name": "Sam"}, "message": message}
        return self.push({"callback_query": query})

    @property
    def pending_updates(self) -> int:
        return len(self._updates)

    # ---- what the bot sent ------------------------------------------------------------------

    def sent(self, chat_id: int | None = None, *, delivered_only: bool = True) -> list[Served]:
        """Sends (and edits) in order; by default only those the stand-in delivered."""
        return [c for c in self.calls if c.method in SENDS | {"editMessageText"}
                and (chat_id is None or c.chat_id == chat_id)
                and (not delivered_only or c.status == 200 or c.fault == "timeout")]

    def on_call(self, listener: Callable[[Served], None]) -> None:
        self._listeners.append(listener)

    async def wait_for(self, predicate: Callable[[], bool], timeout: float) -> bool:
        """Waits until `predicate()` holds after some send, or `timeout`; returns whether it did."""
        deadline = time.monotonic() + timeout
        while not predicate():
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            self._sent_event.clear()
            try:
                await asyncio.wait_for(self._sent_event.wait(), min(left, 0.2))
            except TimeoutError:
                pass
        return True

    def stats(self, methods: Iterable[str] = SENDS) -> dict[str, Any]:
        """Send counts and the most sends in any one-second window, overall and to one chat."""
        wanted = set(methods)
        sends = [c for c in self.calls if c.method in wanted and c.status == 200]
        times = [c.at for c in sends]
        per_chat: dict[int, list[float]] = {}
        for c in sends:
            if c.chat_id is not None:
                per_chat.setdefault(c.chat_id, []).append(c.at)
        span = (times[-1] - times[0]) if len(times) > 1 else 0.0
        return {
            "sends": len(sends),
            "chats": len(per_chat),
            "span_s": round(span, 3),
            "max_per_1s": max_in_window(times),
            "max_per_chat_1s": max((max_in_window(t) for t in per_chat.values()), default=0),
            "per_second": dict(sorted(Counter(int(t - self.started) for t in times).items())),
            "faults": dict(Counter(c.fault for c in self.calls if c.fault)),
            "requests": len(self.calls),
        }

    # ---- HTTP -------------------------------------------------------------------------------

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if len(self._writers) >= MAX_CONNECTIONS:
            writer.close()
            return
        self._writers.add(writer)
        task = asyncio.current_task()
        if task is not None:
            self._handlers.add(task)
        try:
            while True:
                request = await _read_request(reader)
                if request is None:
                    return
                path, headers, body = request
                status, payload, hold = await self._handle(path, headers, body)
                if hold:
                    # Delivered, but the answer never comes: the client's read timeout fires.
                    await asyncio.sleep(hold)
                    return
                data = json.dumps(payload).encode()
                writer.write(
                    f"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\n"
                    f"Content-Length: {len(data)}\r\nConnection: keep-alive\r\n\r\n".encode() + data
                )
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError,
                asyncio.CancelledError):
            return  # a dropped or cancelled connection ends quietly: the stand-in is stopping
        finally:
            self._handlers.discard(task)  # type: ignore[arg-type]
            self._writers.discard(writer)
            writer.close()

    async def _handle(self, path: str, headers: dict[str, str], body: bytes
                      ) -> tuple[int, dict[str, Any], float]:
        parts = path.split("?", 1)[0].strip("/").split("/")
        if len(parts) != 2 or not parts[0].startswith("bot"):
            return 404, _error(404, "Not Found"), 0.0
        token, method = parts[0][3:], parts[1]
        params = _parse_body(headers.get("content-type", ""), body)
        call = Served(method, params)
        if len(self.calls) < MAX_RECORDS:
            self.calls.append(call)
        if self.token is not None and token != self.token:
            call.status = 401
            return 401, _error(401, "Unauthorized"), 0.0
        limited = self.chat_limits(method, params) if self.chat_limits is not None else None
        if limited is not None:
            call.status, call.fault = limited[0], "429"
            self._notify(call)
            return limited[0], limited[1], 0.0
        fault = next((f for f in self.faults if f.matches(method, call.chat_id)), None)
        if fault is not None:
            fault.hits += 1
            call.fault = fault.kind
            if fault.kind == "timeout":
                call.result = self._shapes._answer(method, params)
                self._notify(call)
                return 200, {}, fault.hold
            call.status, body_out = _fault_answer(fault)
            self._notify(call)
            return call.status, body_out, 0.0
        if method == "getUpdates":
            result: Any = await self._get_updates(params)
        else:
            result = self._shapes._answer(method, params)
        call.result = result
        self._notify(call)
        return 200, {"ok": True, "result": result}, 0.0

    def _notify(self, call: Served) -> None:
        self._sent_event.set()
        for listener in self._listeners:
            listener(call)

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        """Long polling as Telegram does it: confirms ids below `offset`, waits up to `timeout`."""
        self.polls += 1
        offset = int(params.get("offset") or 0)
        limit = max(1, min(100, int(params.get("limit") or 100)))
        timeout = min(float(params.get("timeout") or 0), LONG_POLL_CAP)
        while self._updates and self._updates[0]["update_id"] < offset:
            self._updates.popleft()
        if not self._updates and not self._again and timeout > 0 and self._server is not None:
            self._new_update.clear()
            try:
                await asyncio.wait_for(self._new_update.wait(), timeout)
            except TimeoutError:
                pass
        again, self._again = self._again, []
        return again + list(itertools.islice(self._updates, limit))


def _fault_answer(fault: Fault) -> tuple[int, dict[str, Any]]:
    if fault.kind == "429":
        return 429, _error(429, f"Too Many Requests: retry after {fault.retry_after}",
                           retry_after=fault.retry_after)
    if fault.kind == "403":
        return 403, _error(403, "Forbidden: bot was blocked by the user")
    if fault.kind == "5xx":
        return fault.status, _error(fault.status, "Bad Gateway" if fault.status == 502 else
                                    "Internal Server Error")
    raise ValueError(f"unknown fault kind {fault.kind!r}")


def max_in_window(times: list[float], window: float = 1.0) -> int:
    """The most timestamps (sorted ascending) falling in any half-open window of `window` s."""
    best, lo = 0, 0
    for hi, t in enumerate(times):
        while t - times[lo] >= window:
            lo += 1
        best = max(best, hi - lo + 1)
    return best


async def _read_request(reader: asyncio.StreamReader) -> tuple[str, dict[str, str], bytes] | None:
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError:
        return None
    lines = head.decode("latin-1").split("\r\n")
    _verb, path, _version = lines[0].split(" ", 2)
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = b""
        while True:
            size = int((await reader.readline()).strip() or b"0", 16)
            if size == 0:
                await reader.readline()
                break
            if len(body) + size > MAX_BODY:
                raise ValueError("body too large")
            body += await reader.readexactly(size)
            await reader.readline()
        return path, headers, body
    length = int(headers.get("content-length", "0"))
    if length > MAX_BODY:
        raise ValueError("body too large")
    return path, headers, await reader.readexactly(length) if length else b""


def _parse_body(content_type: str, body: bytes) -> dict[str, Any]:
    """PTB posts form fields (JSON-encoded when not plain strings) or multipart with files."""
    if not body:
        return {}
    if content_type.startswith("multipart/form-data"):
        message = email.parser.BytesParser().parsebytes(
            f"Content-Type: {content_type}\r\n\r\n".encode() + body)
        params: dict[str, Any] = {}
        for part in message.get_payload():  # type: ignore[union-attr]
            name = part.get_param("name", header="content-disposition")
            data = part.get_payload(decode=True) or b""
            if part.get_filename() is not None:
                params[f"file:{name}"] = data
            else:
                params[str(name)] = data.decode()
        return params
    if content_type.startswith("application/json"):
        return dict(json.loads(body))
    return dict(parse_qsl(body.decode(), keep_blank_values=True))


async def _serve_forever(port: int, lifetime: float) -> None:
    """`python -m bench.http_standin`: serve until the lifetime ends, then print the stats."""
    async with HttpStandIn(port=port, lifetime=lifetime) as api:
        print(json.dumps({"base_url": api.base_url}), flush=True)
        while api._server is not None:
            await asyncio.sleep(0.5)
        print(json.dumps(api.stats()), flush=True)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--lifetime", type=float, default=300.0)
    args = parser.parse_args()
    asyncio.run(_serve_forever(args.port, args.lifetime))
