"""The paced sender for scheduled messages (check-ins, milestones, summaries, anything a feature
sends on its own initiative): at most `rate` messages in any one-second window overall and one per
second to a chat, RetryAfter (429) honoured exactly, and a 403 marks the user inactive at once.

Why a sender of its own, with its own Bot object: a rate limiter on the application's bot wraps
every request, and PTB's AIORateLimiter, on a 429 for one request, pauses *all* of them (which is
why bot/app.py now uses bot/delivery/ratelimit.py's ChatRateLimiter for interactive replies). A burst of 10,000 check-ins hitting flood control would then freeze every interactive
reply. So scheduled messages go through a separate ExtBot with no rate limiter, and this class
does the pacing and the 429 pause for the scheduled queue only; interactive replies keep using
`context.bot` (and its limiter) and are never queued behind the burst. The sender leaves a
little headroom under Telegram's 30/s (29 per 1.05 s) so interactive replies still fit and the
jitter of requests in flight never makes Telegram see 31 in one second (a 10,000-user benchmark
at 30 per 1.05 s once showed 31 at the receiving end).

Use: `await services.sender().send(chat_id, text, keyboard, user_id=...)` (waits for delivery)
or `services.sender().submit(Outgoing(...))` (returns a future at once).
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from telegram import Bot, Message
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut

from bot.core.clock import Clock
from bot.delivery.backoff import retry_seconds
from bot.delivery.outgoing import Outgoing, Stats, VirtualTime

if TYPE_CHECKING:
    from bot.storage.repository import Repository

log = logging.getLogger(__name__)
__all__ = ["Outgoing", "Sender", "Stats", "VirtualTime"]
NETWORK_RETRIES = 3
# Float slack for time comparisons: a sleep of exactly the gap must count as having waited it.
EPS = 1e-6


class Sender:
    def __init__(
        self, bot: Bot, repo: Repository | None = None, *, clock: Clock | None = None,
        rate: int = 29, window: float = 1.0, window_margin: float = 0.05,
        chat_interval: float = 1.0, concurrency: int = 16, grace: timedelta = timedelta(hours=3),
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep, record: bool = False,
    ) -> None:
        self.bot, self.repo, self.clock = bot, repo, clock or Clock()
        self.rate, self.window = rate, window + window_margin
        self.chat_interval, self.grace = chat_interval, grace
        self.monotonic, self.sleep, self.record = monotonic, sleep, record
        self.stats = Stats()
        self._queue: deque[Outgoing] = deque()
        self._delayed: list[tuple[float, int, Outgoing]] = []  # chats that must wait their second
        self._seq = itertools.count()
        self._stamps: deque[float] = deque()
        self._chat_free: dict[int, float] = {}
        self._paused_until = 0.0
        self._wake = asyncio.Event()
        self._slots = asyncio.Semaphore(concurrency)
        self._inflight: set[asyncio.Task[None]] = set()
        self._task: asyncio.Task[None] | None = None

    # -- public API ---------------------------------------------------------------------------
    def submit(self, item: Outgoing) -> asyncio.Future[Message | None]:
        """Queues a message; the future resolves to the Message, or None if it was not sent."""
        item.future = asyncio.get_running_loop().create_future()
        self._queue.append(item)
        self._wake.set()
        return item.future

    async def send(self, chat_id: int, text: str, keyboard: Any = None, *,
                   user_id: int | None = None, photo: bytes | None = None) -> Message | None:
        future = self.submit(Outgoing(chat_id, text, keyboard, user_id=user_id, photo=photo))
        if self._task is None:
            await self.drain()
        return await future

    @property
    def running(self) -> bool:
        return self._task is not None

    @property
    def backlog(self) -> int:
        return len(self._queue) + len(self._delayed) + len(self._inflight)

    def start(self) -> None:
        """Runs the queue in the background (the running bot); without it, call drain()."""
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="paced-sender")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
            self._task = None
        if self._inflight:
            await asyncio.wait(self._inflight, timeout=10)

    async def drain(self) -> None:
        """Sends everything queued, one at a time, pacing with the injected sleep (tests)."""
        while True:
            item = await self._next(block=False)
            if item is None:
                return
            if await self._claim(item):
                await self._take_slot(item)
                await self._deliver(item)

    # -- pacing -------------------------------------------------------------------------------
    async def _run(self) -> None:
        while True:
            item = await self._next(block=True)
            assert item is not None
            if not await self._claim(item):
                continue
            # The slot in the window is taken only once the request can leave at once, so a
            # slow database or a full connection pool never bunches sends together later.
            try:
                await self._slots.acquire()
                try:
                    await self._take_slot(item)
                except BaseException:
                    self._slots.release()
                    raise
            except asyncio.CancelledError:
                # Stopped while waiting for a slot: nothing left, so the row is pending again
                # (not "uncertain") and the next run sends it.
                await self._settle(item.outbox_id, "pending")
                raise
            task = asyncio.create_task(self._deliver_released(item))
            self._inflight.add(task)
            task.add_done_callback(self._inflight.discard)

    async def _deliver_released(self, item: Outgoing) -> None:
        try:
            await self._deliver(item)
        except Exception:  # one broken send never stops the queue
            log.exception("scheduled send failed")
            _resolve(item, None)
        finally:
            self._slots.release()

    async def _next(self, *, block: bool) -> Outgoing | None:
        """Waits for a pause to end and a message whose chat's last one is a second old;
        returns it (None: nothing left)."""
        while True:
            now = self.monotonic()
            if self._paused_until - now > EPS:
                await self.sleep(self._paused_until - now)
                continue
            item, wait = self._pick(now)
            if item is not None:
                return item
            if wait is None and not block:
                return None
            await self._idle(wait, block)

    async def _take_slot(self, item: Outgoing) -> None:
        """Waits for room in the one-second window (and the chat's second, and any 429 pause),
        then stamps the send: called right before the request goes out."""
        while True:
            now = self.monotonic()
            if self._paused_until - now > EPS:
                await self.sleep(self._paused_until - now)
                continue
            while self._stamps and now - self._stamps[0] >= self.window - EPS:
                self._stamps.popleft()
            if len(self._stamps) >= self.rate:
                await self.sleep(self._stamps[0] + self.window - now)
                continue
            free = self._chat_free.get(item.chat_id, 0.0)
            if free - now > EPS:
                await self.sleep(free - now)
                continue
            self._stamps.append(now)
            self._chat_free[item.chat_id] = now + self.chat_interval
            if self.record:
                self.stats.stamps.append((now, item.chat_id))
            return

    def _pick(self, now: float) -> tuple[Outgoing | None, float | None]:
        while self._delayed and self._delayed[0][0] <= now + EPS:
            _, _, item = heapq.heappop(self._delayed)
            if self._chat_free.get(item.chat_id, 0.0) <= now + EPS:
                return item, None
            self._defer(item)
        while self._queue:
            item = self._queue.popleft()
            if self._chat_free.get(item.chat_id, 0.0) <= now + EPS:
                return item, None
            self._defer(item)
        if len(self._chat_free) > 50_000:
            self._chat_free = {c: t for c, t in self._chat_free.items() if t > now}
        return None, (self._delayed[0][0] - now if self._delayed else None)

    def _defer(self, item: Outgoing) -> None:
        heapq.heappush(self._delayed, (self._chat_free[item.chat_id], next(self._seq), item))

    async def _idle(self, wait: float | None, block: bool) -> None:
        if not block:
            await self.sleep(wait or 0.0)
            return
        self._wake.clear()
        try:
            await asyncio.wait_for(self._wake.wait(), timeout=wait)
        except TimeoutError:
            pass

    # -- delivery -----------------------------------------------------------------------------
    async def _claim(self, item: Outgoing) -> bool:
        """Claims the item's outbox row (pending -> sending); False when it must not go out."""
        if item.outbox_id is None or self.repo is None:
            return True
        if await self.repo.claim_outbox_row(item.outbox_id, self.clock.now(), self.grace) == "claimed":
            return True
        self.stats.skipped += 1
        _resolve(item, None)
        return False

    async def _deliver(self, item: Outgoing) -> None:
        repo, outbox = self.repo, item.outbox_id
        item.tries += 1
        try:
            if item.photo is not None:
                message = await self.bot.send_photo(item.chat_id, item.photo, caption=item.text or None,
                                                    reply_markup=item.keyboard)
            else:
                message = await self.bot.send_message(item.chat_id, item.text,
                                                      reply_markup=item.keyboard)
        except RetryAfter as exc:
            seconds = retry_seconds(exc)
            # Pause the whole scheduled queue for exactly what Telegram asked, then retry this one.
            self._paused_until = max(self._paused_until, self.monotonic() + seconds)
            self.stats.retry_after.append(seconds)
            log.warning("flood control: scheduled sends paused for %.1f s", seconds)
            await self._settle(outbox, "pending")
            self._queue.appendleft(item)
            self._wake.set()
            return
        except Forbidden:
            log.info("chat %s blocked the bot: marked inactive", item.chat_id)
            self._drop_chat(item.chat_id)
            if repo is not None and item.user_id is not None:
                await repo.deactivate_blocked(item.user_id)
            await self._fail(item, "failed")
            return
        except BadRequest:  # before NetworkError: BadRequest subclasses it and never heals
            log.warning("scheduled message to chat %s rejected as a bad request", item.chat_id)
            await self._fail(item, "failed")
            return
        except TimedOut:  # it may well have arrived: never resend blindly
            await self._fail(item, "uncertain")
            return
        except NetworkError:
            if item.tries < NETWORK_RETRIES:
                await self._settle(outbox, "pending")
                self._queue.append(item)
                self._wake.set()
                return
            await self._fail(item, "failed")
            return
        except TelegramError:
            log.warning("scheduled message to chat %s failed", item.chat_id)
            await self._fail(item, "failed")
            return
        self.stats.sent += 1
        await self._settle(outbox, "sent", message.message_id)
        _resolve(item, message)

    async def _fail(self, item: Outgoing, status: str) -> None:
        self.stats.failed += 1
        await self._settle(item.outbox_id, status)
        _resolve(item, None)

    async def _settle(self, outbox_id: int | None, status: str,
                      message_id: int | None = None) -> None:
        if outbox_id is not None and self.repo is not None:
            await self.repo.settle_outbox(outbox_id, status, message_id)

    def _drop_chat(self, chat_id: int) -> None:
        """Nothing more goes to a chat that blocked the bot, not even what is already queued."""
        dropped = [i for i in self._queue if i.chat_id == chat_id]
        dropped += [i for _, _, i in self._delayed if i.chat_id == chat_id]
        if not dropped:
            return
        self._queue = deque(i for i in self._queue if i.chat_id != chat_id)
        self._delayed = [d for d in self._delayed if d[2].chat_id != chat_id]
        heapq.heapify(self._delayed)
        for item in dropped:
            _resolve(item, None)


def _resolve(item: Outgoing, value: Message | None) -> None:
    if item.future is not None and not item.future.done():
        item.future.set_result(value)

