"""The one paced sender: every message the bot sends on its own initiative goes through it, as an
outbox row (check-ins, milestones, summaries, morning items, follow-ups), at most `rate`
messages in any one-second window overall and one per second to a chat, RetryAfter (429)
honoured exactly, a 403 marking the user inactive at once. The limits hold where Telegram
counts them, at its end (bot/delivery/pacing.py).

A row handed over by the scheduler is prepared first (a few preparer tasks render it: its kind's
renderer reads what it needs, a chart is drawn in another process), then, when its turn comes
(bot/delivery/queue.py: most urgent first, each user's in order), claimed in SQLite just before
its first message leaves (bot/delivery/hold.py decides whether it may go now) and settled after
its last: sent, failed, or uncertain when no answer came (never resent). Nobody waits for a
delivery: the scheduler hands rows over and moves on.

Why a sender of its own, with its own Bot object: a rate limiter on the application's bot wraps
every request, and PTB's AIORateLimiter, on a 429 for one request, pauses *all* of them (which
is why bot/app.py uses bot/delivery/ratelimit.py's ChatRateLimiter for interactive replies). A
burst of 10,000 check-ins hitting flood control would then freeze every interactive reply. So
scheduled messages go through a separate ExtBot with no rate limiter, and this class does the
pacing and the 429 pause for the scheduled queue only. It counts the interactive replies'
messages too (Traffic) and leaves a little headroom under Telegram's 30/s (29 in any second,
and room for as many replies as the busiest recent second had), so replies always fit.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING

from telegram import Bot, Message
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut

from bot.delivery.backoff import retry_seconds
from bot.delivery.outgoing import Outgoing, Part, Stats, VirtualTime
from bot.delivery.pacing import Pacer, Traffic
from bot.delivery.queue import DeliveryQueue

if TYPE_CHECKING:
    from bot.storage.outbox import Decide
    from bot.storage.repository import Repository

log = logging.getLogger(__name__)
__all__ = ["Outgoing", "Part", "Sender", "Stats", "VirtualTime"]
NETWORK_RETRIES = 3
# Prepares a queued outbox row (sets chat and parts); False when it is not to go after all
# (the preparer has settled its row).
PrepareFn = Callable[[Outgoing], Awaitable[bool]]


class Sender:
    def __init__(
        self, bot: Bot, repo: Repository | None = None, *, prepare: PrepareFn | None = None,
        decide: Decide | None = None, rate: int = 29, window: float = 1.0,
        window_margin: float = 0.0, chat_interval: float = 1.0, concurrency: int = 16,
        preparers: int = 4, queue: DeliveryQueue | None = None, traffic: Traffic | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep, record: bool = False,
    ) -> None:
        self.bot, self.repo, self.prepare, self.decide = bot, repo, prepare, decide
        self.preparers, self.monotonic, self.sleep = preparers, monotonic, sleep
        self.pacer = Pacer(rate=rate, window=window + window_margin, chat_interval=chat_interval,
                           monotonic=monotonic, sleep=sleep, record=record, traffic=traffic)
        self.stats = Stats(stamps=self.pacer.stamps)
        self.queue = queue if queue is not None else DeliveryQueue()
        self._wake = asyncio.Event()
        self._work = asyncio.Event()
        self._slots = asyncio.Semaphore(concurrency)
        self._inflight: set[asyncio.Task[None]] = set()
        self._tasks: list[asyncio.Task[None]] = []

    # -- public API ---------------------------------------------------------------------------
    def submit(self, item: Outgoing) -> asyncio.Future[Message | None]:
        """Queues a delivery; the future resolves to its first Message, or None if not sent."""
        item.future = asyncio.get_running_loop().create_future()
        self.queue.add(item)
        self._wake.set()
        self._work.set()
        return item.future

    @property
    def running(self) -> bool:
        return bool(self._tasks)

    @property
    def backlog(self) -> int:
        return len(self.queue) + len(self._inflight)

    def start(self) -> None:
        """Runs the queue in the background (the running bot); without it, call drain()."""
        if not self._tasks:
            self._tasks = [asyncio.create_task(self._run(), name="paced-sender")]
            self._tasks += [asyncio.create_task(self._prepare_loop(), name=f"preparer-{n}")
                            for n in range(self.preparers)]

    async def stop(self) -> None:
        """Stops sending; what was queued and not claimed goes back to pending in the outbox."""
        tasks, self._tasks = self._tasks, []
        for task in tasks:
            task.cancel()
        for task in tasks:
            try:
                await task
            except asyncio.CancelledError:
                pass
        if self._inflight:
            await asyncio.wait(self._inflight, timeout=10)
        await self._release_all()

    async def settled(self, timeout: float) -> bool:
        """Waits (at most `timeout` s) until every delivery queued now has ended: sent, held
        back, dropped or failed. False when some had not."""
        futures = [i.future for i in self.queue.items() if i.future is not None]
        if not futures:
            return True
        _, waiting = await asyncio.wait(futures, timeout=timeout)
        return not waiting

    async def drain(self) -> None:
        """Sends everything queued, one at a time, pacing with the injected sleep (tests)."""
        while True:
            while (item := self.queue.take_to_prepare(bounded=False)) is not None:
                self.queue.prepared(item, await self._prepare(item))
            item = await self._next(block=False)
            if item is None:
                return
            if await self._claim(item):
                await self.pacer.take(item.chat_id)
                await self._deliver(item)

    # -- preparing ----------------------------------------------------------------------------
    async def _prepare_loop(self) -> None:
        while True:
            item = self.queue.take_to_prepare()
            if item is None:
                self._work.clear()
                await self._work.wait()
                continue
            # Cancelled mid-way (a stop), the item stays open and stop() hands its row back.
            ok = await self._prepare(item)
            self.queue.prepared(item, ok)
            if not ok:
                _resolve(item, None)
            self._wake.set()
            self._work.set()  # room in the ready buffer, or the next one waiting

    async def _prepare(self, item: Outgoing) -> bool:
        if item.prepared or self.prepare is None:
            return item.prepared
        try:
            ok = await self.prepare(item)
        except Exception:  # one broken renderer never stops the queue
            log.exception("preparing a scheduled %s failed", item.row.kind if item.row else "message")
            await self._settle(item.outbox_id, "failed", reason="render")
            ok = False
        if not ok:
            self.stats.skipped += 1
        return ok

    # -- pacing -------------------------------------------------------------------------------
    async def _run(self) -> None:
        while True:
            item = await self._next(block=True)
            assert item is not None
            try:
                await self._go(item)
            except asyncio.CancelledError:
                raise
            except Exception:  # one broken row never stops the queue
                log.exception("a scheduled %s could not be sent", item.row.kind if item.row
                              else "message")
                self._finish(item)
                _resolve(item, None)

    async def _go(self, item: Outgoing) -> None:
        """Claims the row when a request could leave at once, takes a place, and sends."""
        # Claimed only once a request could leave at once, so the row is 'sending' for as
        # short a time as possible (a crash then leaves it uncertain, never resent).
        await self.pacer.room()
        if not await self._claim(item):
            return
        try:
            await self._slots.acquire()
            try:
                await self.pacer.take(item.chat_id)
            except BaseException:
                self._slots.release()
                raise
        except asyncio.CancelledError:
            # Stopped before the request left: nothing went out, so the row is queued again
            # (stop() hands it back as pending), not uncertain.
            if item.next_part == 0:
                await self._settle(item.outbox_id, "queued")
                self.queue.again(item)
            raise
        task = asyncio.create_task(self._deliver_released(item))
        self._inflight.add(task)
        task.add_done_callback(self._inflight.discard)

    async def _deliver_released(self, item: Outgoing) -> None:
        try:
            await self._deliver(item)
        except Exception:  # one broken send never stops the queue
            log.exception("scheduled send failed")
            self._finish(item)
            _resolve(item, None)
        finally:
            self._slots.release()

    async def _next(self, *, block: bool) -> Outgoing | None:
        """Waits for a pause to end and a delivery whose turn it is; None: nothing left."""
        while True:
            await self.pacer.wait_pause()
            item, wait = self.queue.pick(self.monotonic(), self.pacer.free_at)
            if item is not None:
                self._work.set()  # room in the ready buffer: the preparers may go on
                return item
            if not block:
                if wait is None:
                    return None
                await self.sleep(wait)
                continue
            self._wake.clear()
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=wait)
            except TimeoutError:
                pass

    # -- claiming and delivering --------------------------------------------------------------
    async def _claim(self, item: Outgoing) -> bool:
        """Claims an outbox row before its first part (queued -> sending, if hold.py says it
        may go now); False when it must not go out (held, moved, dropped, or gone)."""
        if item.next_part > 0 or item.outbox_id is None or self.repo is None or self.decide is None:
            return True
        verdict = await self.repo.claim_outbox_row(item.outbox_id, self.decide)
        if verdict is not None and verdict.action == "go":
            return True
        self.stats.skipped += 1
        self._finish(item)
        _resolve(item, None)
        return False

    async def _deliver(self, item: Outgoing) -> None:
        try:
            await self._send(item)
        finally:
            self.pacer.answered(item.chat_id)

    async def _send(self, item: Outgoing) -> None:
        part = item.parts[item.next_part]
        item.tries += 1
        try:
            if part.photo is not None:
                message = await self.bot.send_photo(item.chat_id, part.photo,
                                                    caption=part.text or None,
                                                    reply_markup=part.keyboard)
            else:
                message = await self.bot.send_message(item.chat_id, part.text,
                                                      reply_markup=part.keyboard)
        except RetryAfter as exc:
            seconds = retry_seconds(exc)
            # Pause the whole scheduled queue for exactly what Telegram asked, then retry this one.
            self.pacer.pause(seconds)
            self.stats.retry_after.append(seconds)
            log.warning("flood control: scheduled sends paused for %.1f s", seconds)
            await self._retry(item)
            return
        except Forbidden:
            log.info("chat %s blocked the bot: marked inactive", item.chat_id)
            for dropped in self.queue.drop_chat(item.chat_id):
                _spooled_away(dropped)
                _resolve(dropped, None)
            if self.repo is not None and item.user_id is not None:
                await self.repo.deactivate_blocked(item.user_id)
            await self._fail(item, "failed", "blocked")
            return
        except BadRequest:  # before NetworkError: BadRequest subclasses it and never heals
            log.warning("scheduled message to chat %s rejected as a bad request", item.chat_id)
            await self._fail(item, "failed", "rejected")
            return
        except TimedOut:  # it may well have arrived: never resend blindly
            await self._fail(item, "uncertain", "timed out")
            return
        except NetworkError:
            if item.tries < NETWORK_RETRIES:
                await self._retry(item)
                return
            await self._fail(item, "failed", "network")
            return
        except TelegramError:
            log.warning("scheduled message to chat %s failed", item.chat_id)
            await self._fail(item, "failed", "telegram")
            return
        self.stats.sent += 1
        item.message_id = item.message_id or message.message_id
        item.next_part += 1
        item.tries = 0
        if item.next_part < len(item.parts):
            self.queue.again(item, self.pacer.free_at(item.chat_id))  # the next part, a second on
            self._wake.set()
            return
        if item.outbox_id is not None and self.repo is not None:
            await self.repo.settle_outbox(item.outbox_id, "sent", item.message_id,
                                          opens=item.parts[-1].opens)
        self._finish(item)
        _resolve(item, message)
        self._wake.set()

    async def _retry(self, item: Outgoing) -> None:
        """The same part again later (after a 429 pause or a network error); a row whose first
        part never left is queued again, and claimed again before the retry."""
        if item.next_part == 0:
            await self._settle(item.outbox_id, "queued")
        self.queue.again(item)
        self._wake.set()

    async def _fail(self, item: Outgoing, status: str, reason: str) -> None:
        self.stats.failed += 1
        await self._settle(item.outbox_id, status, reason=reason)
        self._finish(item)
        _resolve(item, None)

    async def _settle(self, outbox_id: int | None, status: str, message_id: int | None = None,
                      reason: str | None = None) -> None:
        if outbox_id is not None and self.repo is not None:
            await self.repo.settle_outbox(outbox_id, status, message_id, reason)

    def _finish(self, item: Outgoing) -> None:
        """The item is done (sent, dropped or failed): the user's next may go, its spooled
        chart is deleted."""
        self.queue.finish(item)
        _spooled_away(item)

    async def _release_all(self) -> None:
        """At stop: rows still queued here (not claimed) go back to pending for the next run."""
        ids = [i.outbox_id for i in self.queue.items() if i.outbox_id is not None]
        self.queue = DeliveryQueue(ready_limit=self.queue.ready_limit,
                                   ready_bytes=self.queue.ready_bytes)
        if self.repo is not None and ids:
            await self.repo.release_queued(ids)


def _spooled_away(item: Outgoing) -> None:
    for part in item.parts:
        if isinstance(part.photo, Path):
            part.photo.unlink(missing_ok=True)


def _resolve(item: Outgoing, value: Message | None) -> None:
    if item.future is not None and not item.future.done():
        item.future.set_result(value)
