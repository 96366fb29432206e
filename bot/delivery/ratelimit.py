"""Rate limiting for interactive replies: a 429 holds up only the chat it was about.

PTB's AIORateLimiter caps every request at 30 a second overall (Telegram's figure for bulk
broadcasts, which scheduled messages pace themselves to) and, on any RetryAfter, pauses every
request to every chat until it has slept. Under load that made replies queue behind the cap and
one user's 429 stall everyone. This limiter retries a RetryAfter after exactly the time
Telegram asked for, blocking only that chat (or, for calls without a chat, only that call), and
can optionally cap the overall rate (RATE_LIMIT_PER_SECOND; 0 leaves it to Telegram's 429s).

It also repeats a reply that failed with a 5xx or before it left (connection refused, pool
full), with growing pauses for up to NETWORK_BUDGET seconds, so a short Telegram outage delays
answers instead of losing them. Never repeated: a BadRequest (it never heals), and a send that
may have arrived (read timeout, dropped connection: bot/delivery/backoff.py), because showing
the user the same message twice is worse than the error handler's honest note.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import NetworkError, RetryAfter
from telegram.ext import BaseRateLimiter

from bot.delivery.backoff import Fate, delays, fate, retry_seconds
from bot.delivery.pacing import Traffic

log = logging.getLogger(__name__)
Result = bool | dict[str, Any] | list[dict[str, Any]]
NETWORK_BUDGET = 20.0  # seconds a reply keeps being retried through 5xx and refused connections


class ChatRateLimiter(BaseRateLimiter[int]):
    def __init__(self, max_retries: int = 2, overall_per_second: float = 0.0,
                 network_budget: float = NETWORK_BUDGET, traffic: Traffic | None = None) -> None:
        self.max_retries = max_retries
        # Where the paced sender sees these replies' messages, to make room for them.
        self.traffic = traffic
        self.overall_per_second = overall_per_second
        self.network_budget = network_budget
        self._blocked_until: dict[int, float] = {}  # chat id -> monotonic time it may send again
        self._recent: deque[float] = deque()
        self._overall_lock = asyncio.Lock()

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        self._blocked_until.clear()

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Result:
        chat = _chat_id(data.get("chat_id"))
        retries = rate_limit_args if rate_limit_args is not None else self.max_retries
        limited = 0
        pauses = delays(cap=4.0)  # after an outage, answers follow within 4 s
        deadline: float | None = None
        while True:
            await self._wait_for_chat(chat)
            await self._wait_overall()
            try:
                return await self._counted(endpoint, callback(*args, **kwargs))
            except RetryAfter as exc:
                delay = retry_seconds(exc)
                if chat is not None:
                    self._blocked_until[chat] = max(
                        self._blocked_until.get(chat, 0.0), time.monotonic() + delay)
                if limited == retries:
                    log.warning("%s still rate limited after %d retries", endpoint, retries)
                    raise
                limited += 1
                log.info("%s rate limited: retrying in %.1f s", endpoint, delay)
                if chat is None:
                    await asyncio.sleep(delay)
            except NetworkError as exc:
                # PTB's polling loop retries getUpdates itself, with its own pauses.
                if endpoint == "getUpdates" or fate(exc, endpoint) is not Fate.RETRY:
                    raise
                now = time.monotonic()
                deadline = deadline if deadline is not None else now + self.network_budget
                pause = next(pauses)
                if now + pause > deadline:
                    log.warning("%s failed with %s for %.0f s: giving up", endpoint,
                                type(exc).__name__, self.network_budget)
                    raise
                log.info("%s failed with %s: retrying in %.1f s", endpoint, type(exc).__name__,
                         pause)
                await asyncio.sleep(pause)

    async def _counted(self, endpoint: str, call: Coroutine[Any, Any, Result]) -> Result:
        """Runs the request, noting a message's flight for the paced sender's window."""
        if self.traffic is None or not endpoint.startswith("send"):
            return await call
        await self.traffic.gate()
        self.traffic.left()
        try:
            return await call
        finally:
            self.traffic.answered()

    async def _wait_for_chat(self, chat: int | None) -> None:
        if chat is None:
            return
        until = self._blocked_until.get(chat)
        if until is None:
            return
        delay = until - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        if self._blocked_until.get(chat, 0.0) <= time.monotonic():
            self._blocked_until.pop(chat, None)

    async def _wait_overall(self) -> None:
        """At most `overall_per_second` calls in any one-second window, when set."""
        if self.overall_per_second <= 0:
            return
        async with self._overall_lock:
            while True:
                now = time.monotonic()
                while self._recent and now - self._recent[0] >= 1.0:
                    self._recent.popleft()
                if len(self._recent) < self.overall_per_second:
                    self._recent.append(now)
                    return
                await asyncio.sleep(1.0 - (now - self._recent[0]))


def _chat_id(value: Any) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return hash(value)  # a @channel name: still its own chat
