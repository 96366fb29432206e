"""The paced sender's limits, counted where Telegram counts them, at its end: at most `rate`
messages in any one-second window overall, one per second to a chat, and a pause for a 429.

A request is counted from the moment it leaves until `window` after its answer came back (it
reached Telegram somewhere in between), so however long one takes (a photo upload next to a
quick text), Telegram never sees more than `rate` in a second: of the requests it received in
any one second, the last to leave found all the others in flight or answered within a second,
and left only because fewer than `rate` were. Likewise a chat's next message leaves only a
second after the answer to its last.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable

EPS = 1e-6  # float slack: a sleep of exactly the gap must count as having waited it
TELEGRAM_PER_SECOND = 30  # what Telegram allows a bot in any second, all chats together


class Traffic:
    """The interactive replies' messages, counted the same way (in flight, then for a window
    after their answer), so scheduled messages make room for them: Telegram's 30 a second is
    for the whole bot. The reply limiter notes them (bot/delivery/ratelimit.py); they never
    wait for anything here."""

    # How far back the busiest second of replies is remembered. A reply is never held back, so
    # one that leaves into a second already full of scheduled messages would make 31: the
    # scheduled queue keeps room for as many replies as the busiest recent second had.
    PEAK_HORIZON = 10.0

    def __init__(self, window: float = 1.0, monotonic: Callable[[], float] = time.monotonic
                 ) -> None:
        self.window, self.monotonic = window, monotonic
        self.flying = 0
        self._answered: deque[float] = deque()
        self._left: deque[float] = deque()  # when recent replies left, PEAK_HORIZON back
        # The scheduled messages in the same window (the paced sender's Pacer sets it).
        self.scheduled: Callable[[], int] = lambda: 0
        self.waiting = 0  # replies waiting in gate()

    async def gate(self) -> None:
        """Waits, only while scheduled messages share a second that is already full, for a
        place under Telegram's 30. The paced sender keeps room for replies and stops taking
        places while one waits, so this is rare and short (the scheduled ones in the window age
        out within a second); it makes 31 impossible when more replies come at once than it
        kept room for. Replies alone are never held here: with no scheduled message in the
        window, there is nothing to make room."""
        if not self._crowded():
            return
        self.waiting += 1  # the paced sender leaves the next places to these
        try:
            # Places free as the window slides (time, not an event): look again shortly.
            while self._crowded():  # noqa: ASYNC110
                await asyncio.sleep(0.02)
        finally:
            self.waiting -= 1

    def _crowded(self) -> bool:
        scheduled = self.scheduled()
        return scheduled > 0 and scheduled + self.count() >= TELEGRAM_PER_SECOND

    def left(self) -> None:
        self.flying += 1
        self._left.append(self.monotonic())

    def answered(self) -> None:
        self.flying -= 1
        self._answered.append(self.monotonic())

    def count(self) -> int:
        """Messages in flight or answered within the window."""
        now = self.monotonic()
        while self._answered and now - self._answered[0] >= self.window - EPS:
            self._answered.popleft()
        return self.flying + len(self._answered)

    def expected(self) -> int:
        """The replies to make room for: those counted now, or as many as left within one
        window in the busiest stretch of the last PEAK_HORIZON seconds, whichever is more;
        and those waiting for a place go first."""
        now = self.monotonic()
        left = self._left
        while left and now - left[0] > self.PEAK_HORIZON:
            left.popleft()
        peak, start = 0, 0
        for end, stamp in enumerate(left):
            while stamp - left[start] >= self.window:
                start += 1
            peak = max(peak, end - start + 1)
        return max(self.count(), peak) + self.waiting


class Pacer:
    def __init__(self, *, rate: int, window: float, chat_interval: float,
                 monotonic: Callable[[], float], sleep: Callable[[float], Awaitable[None]],
                 record: bool = False, traffic: Traffic | None = None) -> None:
        self.rate, self.window, self.chat_interval = rate, window, chat_interval
        self.traffic = traffic  # interactive replies, which take their place first
        self.monotonic, self.sleep, self.record = monotonic, sleep, record
        self.paused_until = 0.0
        self.stamps: list[tuple[float, int]] = []  # (left at, chat) of every request, if recording
        self._flying = 0  # requests sent and not yet answered
        self._answered: deque[float] = deque()  # when recent requests were answered
        self._answer = asyncio.Event()
        self._chat_free: dict[int, float] = {}
        if traffic is not None:
            traffic.scheduled = self.count

    def count(self) -> int:
        """Scheduled requests in flight or answered within the window."""
        now = self.monotonic()
        while self._answered and now - self._answered[0] >= self.window - EPS:
            self._answered.popleft()
        return self._flying + len(self._answered)

    def free_at(self, chat_id: int) -> float:
        """When a message to this chat may next leave."""
        return self._chat_free.get(chat_id, 0.0)

    def pause(self, seconds: float) -> None:
        """Telegram asked for a pause (429): nothing scheduled leaves until it is over."""
        self.paused_until = max(self.paused_until, self.monotonic() + seconds)

    async def wait_pause(self) -> None:
        while (left := self.paused_until - self.monotonic()) > EPS:
            await self.sleep(left)

    async def room(self) -> None:
        """Waits until fewer than `rate` requests are in flight or were answered within the
        window, counting the replies to expect too (without taking a place)."""
        while True:
            mine = self.count()
            now = self.monotonic()
            others = self.traffic.expected() if self.traffic is not None else 0
            # At most `rate` scheduled (29: one place under Telegram's 30 kept for a reply no
            # one saw coming), and scheduled plus the replies to expect under Telegram's 30.
            if mine < self.rate and mine + others < TELEGRAM_PER_SECOND:
                return
            wait = self._answered[0] + self.window - now if self._answered else None
            if others:
                wait = min(wait or 0.05, 0.05)  # replies come and go: look again shortly
            if wait is not None and not self._flying:
                await self.sleep(wait)
                continue
            self._answer.clear()
            try:
                await asyncio.wait_for(self._answer.wait(), timeout=wait)
            except TimeoutError:
                pass

    async def take(self, chat_id: int) -> None:
        """Waits for any pause, room in the window and the chat's second, then counts the
        request as in flight: called right before it goes out."""
        while True:
            await self.wait_pause()
            await self.room()
            now = self.monotonic()
            free = self.free_at(chat_id)
            if free - now > EPS:
                await self.sleep(free - now)
                continue
            if self.paused_until - now > EPS:
                continue
            if len(self._chat_free) > 50_000:
                self._chat_free = {c: t for c, t in self._chat_free.items() if t > now}
            self._flying += 1
            self._chat_free[chat_id] = now + self.chat_interval
            if self.record:
                self.stamps.append((now, chat_id))
            return

    def answered(self, chat_id: int) -> None:
        """A request came back (whatever the answer): it counts for the window a while yet,
        and its chat waits a second from now."""
        now = self.monotonic()
        self._flying -= 1
        self._answered.append(now)
        self._chat_free[chat_id] = max(self.free_at(chat_id), now + self.chat_interval)
        self._answer.set()
