"""Update intake: every update waits in its sender's lane before it takes a processing slot.

PTB gives each update its own task and hands it to the update processor. With PTB's simple
processor (concurrent_updates=True, 256 slots) an update took a slot first and only then waited
for its user's lock, so one user sending 50 messages a second filled every slot with updates
queued behind their own and behind their chat's 429 pauses, and everyone else waited 30 s and
more. Here instead:

- Each user has a lane (a chat, for updates without a user). A lane runs one update at a time,
  in arrival order, so a quick double message never races on the stored state, and only the
  update at the head of a lane holds a slot: one user never holds more than one.
- At most `bound` updates wait in a lane. Only a flood gets past that (a person typing fast
  fills eight places only while every reply waits on Telegram), and then:
    * words are never thrown away unread: a text, a caption or an edit is MERGED into one last
      waiting message, the texts in order, joined by blank lines. It passes the whole
      listening pipeline like any message (crisis screening first), so anything said in
      distress is read; a command in it is read as plain words. The merge holds up to
      `merge_limit` characters; past that a text is dropped unless it reads as a crisis,
      which is kept whatever the length (the router then screens it and answers the crisis).
    * an exact repeat of something already waiting, and stickers, photos, voice notes and
      button presses, are dropped; a waiting one of those makes room for a text first.
    * the first time in a minute that anything is merged or dropped, one kind note
      (common/slow_down, saying so) goes to the chat right after the update in hand.
- Updates with neither a user nor a chat run at once, in a slot of their own.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.core.update_parts import fingerprint, lane_key, merged_update, words_of
from bot.listening.detectors import crisis

log = logging.getLogger(__name__)
# PTB's own semaphore is taken before do_process_update, where a bound would again let one
# user's waiting updates hold the places; the real limit is `slots` below.
ADMISSION = 1_000_000
RunFn = Callable[[Sequence[int], Awaitable[Any]], Awaitable[None]]
ProcessFn = Callable[[Update], Coroutine[Any, Any, None]]
NotifyFn = Callable[[int], Awaitable[None]]


@dataclass(eq=False)
class Entry:
    update: object
    coroutine: Awaitable[Any] | None
    done: asyncio.Future[None]
    words: str | None
    merged: list[tuple[Update, str]] = field(default_factory=list)  # the merge entry's parts

    @property
    def ids(self) -> list[int]:
        updates: list[object] = [u for u, _ in self.merged] or [self.update]
        return [u.update_id for u in updates if isinstance(u, Update)]


@dataclass(eq=False)
class Lane:
    waiting: deque[Entry] = field(default_factory=deque)  # the head is the one running
    merge: Entry | None = None  # the open merge entry, until it starts running
    notice_chat: int | None = None  # a slow-down note is due to this chat


class LaneProcessor(BaseUpdateProcessor):
    def __init__(self, *, slots: int = 256, bound: int = 8, merge_limit: int = 2000,
                 notice_every: float = 60.0, monotonic: Callable[[], float] = time.monotonic
                 ) -> None:
        super().__init__(max_concurrent_updates=ADMISSION)
        self.bound, self.merge_limit, self.notice_every = bound, merge_limit, notice_every
        self.monotonic = monotonic
        self._slots = asyncio.Semaphore(slots)
        self._lanes: dict[tuple[str, int], Lane] = {}
        self._workers: set[asyncio.Task[None]] = set()
        self._noticed: dict[tuple[str, int], float] = {}
        self._run: RunFn | None = None
        self._process: ProcessFn | None = None
        self._notify: NotifyFn | None = None
        self.dropped = 0
        self.merged = 0

    def bind(self, *, run: RunFn, process: ProcessFn, notify: NotifyFn) -> None:
        """`run` wraps each update's processing (bot/core/once.py), `process` starts the
        processing of a merged update, `notify` sends the slow-down note to a chat."""
        self._run, self._process, self._notify = run, process, notify

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        if self._workers:  # PTB's stop already waited for every update: this is a safety net
            await asyncio.wait(self._workers, timeout=10)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Called by PTB in the update's own task; returns once the update was handled,
        merged into another that was, or dropped."""
        key = lane_key(update)
        if key is None:
            async with self._slots:
                await self._execute(Entry(update, coroutine, _future(), None))
            return
        entry = Entry(update, coroutine, _future(), words_of(update))
        lane = self._lanes.get(key)
        if lane is None:
            lane = self._lanes[key] = Lane()
            lane.waiting.append(entry)
            worker = asyncio.create_task(self._work(key, lane), name=f"lane {key[0]}")
            self._workers.add(worker)
            worker.add_done_callback(self._workers.discard)
            target: Entry | None = entry
        else:
            target = self._admit(key, lane, entry)
        if target is not None:
            # Shielded: the future may stand for several updates (a merge); one waiter being
            # cancelled must not cancel it for the others.
            await asyncio.shield(target.done)

    def _admit(self, key: tuple[str, int], lane: Lane, entry: Entry) -> Entry | None:
        """Queues, merges or drops an update arriving at a busy lane; returns the entry whose
        completion its caller waits for (None: dropped)."""
        if lane.merge is None and len(lane.waiting) < self.bound:
            lane.waiting.append(entry)
            return entry
        if entry.words is None or self._repeats(lane, entry):
            self._drop(key, lane, entry)
            return None
        if lane.merge is None:
            noise = next((e for e in list(lane.waiting)[1:] if e.words is None), None)
            if noise is not None:  # a sticker or a button press makes room for words
                lane.waiting.remove(noise)
                self._drop(key, lane, noise)
                lane.waiting.append(entry)
                return entry
            lane.merge = Entry(entry.update, None, _future(), "")
            lane.waiting.append(lane.merge)
        merge = lane.merge
        assert isinstance(entry.update, Update) and entry.words is not None
        if merge.merged and len(merge.words or "") + len(entry.words) > self.merge_limit \
                and crisis.detect(entry.words) is None:
            self._drop(key, lane, entry)
            return None
        merge.merged.append((entry.update, entry.words))
        merge.words = "\n\n".join(words for _, words in merge.merged)
        _close(entry.coroutine)
        self.merged += 1
        self._note(key, lane, entry.update)
        return merge

    def _repeats(self, lane: Lane, entry: Entry) -> bool:
        """An exact repeat of a waiting text, sticker, photo or button press."""
        mark = fingerprint(entry.update)
        if mark is None:
            return False
        if lane.merge is not None and any(w == entry.words for _, w in lane.merge.merged):
            return True
        return any(fingerprint(e.update) == mark for e in lane.waiting if not e.merged)

    def _drop(self, key: tuple[str, int], lane: Lane, entry: Entry) -> None:
        _close(entry.coroutine)
        if not entry.done.done():
            entry.done.set_result(None)
        self.dropped += 1
        self._note(key, lane, entry.update)

    def _note(self, key: tuple[str, int], lane: Lane, update: object) -> None:
        """Books the slow-down note, at most once per `notice_every` seconds per lane."""
        now = self.monotonic()
        if now - self._noticed.get(key, -self.notice_every) < self.notice_every:
            return
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None or chat.type != "private":
            return
        self._noticed[key] = now
        lane.notice_chat = chat.id
        if len(self._noticed) > 10_000:  # forget lanes noticed more than a minute ago
            self._noticed = {k: t for k, t in self._noticed.items()
                             if now - t < self.notice_every}

    async def _work(self, key: tuple[str, int], lane: Lane) -> None:
        """Runs the lane's entries one at a time, each in a slot, until none is waiting."""
        try:
            while lane.waiting:
                entry = lane.waiting[0]
                if entry is lane.merge:
                    lane.merge = None  # running now: later words start a new merge
                try:
                    async with self._slots:
                        await self._execute(entry)
                        await self._send_notice(lane)
                except Exception as exc:
                    if not entry.done.done():
                        entry.done.set_exception(exc)
                lane.waiting.popleft()
                if not entry.done.done():
                    entry.done.set_result(None)
        finally:
            del self._lanes[key]
            for left in lane.waiting:  # only when cancelled: nothing may wait forever
                _close(left.coroutine)
                if not left.done.done():
                    left.done.set_result(None)

    async def _execute(self, entry: Entry) -> None:
        coroutine = entry.coroutine
        if entry.merged:  # the merge entry: its updates' own processing was closed on arrival
            assert self._process is not None and entry.words is not None
            first = entry.merged[0][0]
            coroutine = self._process(
                first if len(entry.merged) == 1 else merged_update(first, entry.words))
        assert coroutine is not None
        if self._run is None:
            await coroutine
        else:
            await self._run(entry.ids, coroutine)

    async def _send_notice(self, lane: Lane) -> None:
        chat, lane.notice_chat = lane.notice_chat, None
        if chat is None or self._notify is None:
            return
        try:
            await self._notify(chat)
        except Exception:  # the note is a courtesy: its failure must not stop the lane
            log.warning("could not send the slow-down note", exc_info=True)


def _future() -> asyncio.Future[None]:
    return asyncio.get_running_loop().create_future()


def _close(coroutine: Awaitable[Any] | None) -> None:
    """A dropped update's processing never starts: closing it avoids 'never awaited'."""
    if isinstance(coroutine, Coroutine):
        coroutine.close()
