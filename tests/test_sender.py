from __future__ import annotations

import asyncio
import itertools
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.delivery.dispatch import decider, preparer
from bot.delivery.queue import DeliveryQueue
from bot.delivery.sender import Outgoing, Part, Sender, VirtualTime
from bot.storage.outbox import OutboxRow
from tests.checkin_helpers import ASK, checkins_sent, in_no_contact, outbox_dates, run_until
from tests.harness import Harness


@dataclass
class Sent:
    message_id: int


class FakeBot:
    """Records (virtual time, chat) of each send; `failures` maps a call number to an error."""

    def __init__(self, clock: VirtualTime, failures: dict[int, Exception] | None = None,
                 fail_chat: tuple[int, Exception] | None = None) -> None:
        self.clock, self.failures, self.fail_chat = clock, failures or {}, fail_chat
        self.attempts: list[tuple[float, int]] = []
        self.delivered: list[tuple[float, int]] = []

    async def send_message(self, chat_id: int, text: str, reply_markup: Any = None) -> Sent:
        self.attempts.append((self.clock.now, chat_id))
        error = self.failures.pop(len(self.attempts), None)
        if self.fail_chat and chat_id == self.fail_chat[0]:
            error = self.fail_chat[1]
        if error is not None:
            raise error
        self.delivered.append((self.clock.now, chat_id))
        return Sent(len(self.attempts))


def live_sender(h: Harness, bot: Any, **pacing: Any) -> Sender:
    """A sender on real time, wired to the harness's app like the running bot's."""
    return Sender(bot, h.repo, prepare=preparer(h.services), decide=decider(h.services), **pacing)


def _sender(bot: FakeBot, clock: VirtualTime) -> Sender:
    return Sender(bot, None, monotonic=clock.monotonic, sleep=clock.sleep)  # type: ignore[arg-type]


def max_in_any_second(stamps: list[float]) -> int:
    stamps = sorted(stamps)
    best, start = 0, 0
    for end, t in enumerate(stamps):
        while t - stamps[start] >= 1.0:
            start += 1
        best = max(best, end - start + 1)
    return best


async def test_pacing_30_per_second_overall_and_1_per_second_per_chat() -> None:
    clock = VirtualTime()
    bot = FakeBot(clock)
    sender = _sender(bot, clock)
    # Chat 7's ten messages come first: they must not hold up the 150 other chats behind them.
    futures = [sender.submit(Outgoing(7, f"part {n}")) for n in range(10)]
    futures += [sender.submit(Outgoing(1000 + n, "hi")) for n in range(150)]
    await sender.drain()
    assert None not in [await f for f in futures]
    times = [t for t, _ in bot.delivered]
    assert len(times) == 160 and max_in_any_second(times) <= 30
    to_seven = [t for t, c in bot.delivered if c == 7]
    assert all(b - a >= 1.0 for a, b in itertools.pairwise(to_seven))
    others = [t for t, c in bot.delivered if c != 7]
    assert 150 / others[-1] >= 25  # still close to Telegram's 30/s
    assert to_seven[-1] >= 9.0


async def test_retry_after_pauses_the_queue_exactly_then_resends() -> None:
    clock = VirtualTime()
    bot = FakeBot(clock, failures={3: RetryAfter(7)})
    sender = _sender(bot, clock)
    futures = [sender.submit(Outgoing(n, "hi")) for n in range(1, 6)]
    await sender.drain()
    failed_at, chat = bot.attempts[2]
    resent = [t for t, c in bot.delivered if c == chat]
    assert resent == [pytest.approx(failed_at + 7.0)]
    assert not [t for t, _ in bot.attempts if failed_at < t < failed_at + 7.0]
    assert sender.stats.retry_after == [7.0]
    assert len(bot.delivered) == 5 and None not in [await f for f in futures]


async def test_forbidden_drops_that_chat_bad_request_and_timeouts_are_not_retried() -> None:
    clock = VirtualTime()
    bot = FakeBot(clock, failures={2: BadRequest("chat not found"), 3: TimedOut(),
                                   4: NetworkError("reset"), 5: NetworkError("reset")},
                  fail_chat=(9, Forbidden("blocked")))
    sender = _sender(bot, clock)
    blocked = [sender.submit(Outgoing(9, f"m{n}")) for n in range(3)]
    others = [sender.submit(Outgoing(n, "hi")) for n in range(20, 24)]
    await sender.drain()
    assert [await f for f in blocked] == [None, None, None]
    assert [c for _, c in bot.attempts].count(9) == 1  # the rest were dropped unsent
    results = [await f for f in others]
    assert results[0] is None and results[1] is None  # bad request, timed out: not resent
    assert results[2] is not None and results[3] is not None  # network errors: retried
    assert [c for _, c in bot.attempts].count(22) == 2 == [c for _, c in bot.attempts].count(23)


def _fault(kind: int, retry_after: int = 30):  # type: ignore[no-untyped-def]
    def fault(method: str, params: dict[str, Any]):  # type: ignore[no-untyped-def]
        if method == "sendMessage" and ASK in str(params.get("text")):
            fault.calls += 1  # type: ignore[attr-defined]
            if kind == 429:
                return 429, {"ok": False, "error_code": 429, "parameters": {"retry_after": retry_after},
                             "description": f"Too Many Requests: retry after {retry_after}"}
            return 403, {"ok": False, "error_code": 403,
                         "description": "Forbidden: bot was blocked by the user"}
        return None

    fault.calls = 0  # type: ignore[attr-defined]
    return fault


async def test_a_429_on_scheduled_sends_does_not_hold_interactive_replies(tmp_path: Path) -> None:
    fault = _fault(429, retry_after=30)
    h = await Harness(tmp_path / "bot.sqlite3", fault=fault).start()
    await in_no_contact(h)
    manual = h.services.sender()
    live = live_sender(h, manual.bot)  # real time, in the background
    live.start()
    h.services.paced_sender = live
    h.clock.set(datetime(2026, 3, 2, 19, 0, 5, tzinfo=UTC))
    await h.tick()
    for _ in range(100):
        if fault.calls:
            break
        await asyncio.sleep(0.01)
    assert fault.calls == 1 and live.stats.retry_after == [30.0]
    loop = asyncio.get_running_loop()
    started = loop.time()
    replies = await h.user(42).send("/help")
    assert "What I can do" in h.user(42).texts(replies)
    assert loop.time() - started < 1.0  # answered while the scheduled queue waits out its 30 s
    assert checkins_sent(h) == []
    assert (await outbox_dates(h))[date(2026, 3, 2)] == "queued"  # the sender keeps it
    await live.stop()
    assert (await outbox_dates(h))[date(2026, 3, 2)] == "pending"  # for the next run
    await h.stop()


async def test_403_marks_the_user_inactive_until_they_start_again(tmp_path: Path) -> None:
    fault = _fault(403)
    h = await Harness(tmp_path / "bot.sqlite3", fault=fault).start()
    chat = await in_no_contact(h)
    await run_until(h, datetime(2026, 3, 2, 19, 15, tzinfo=UTC))
    user = await h.repo.get_user(42)
    assert fault.calls == 1 and not user.active and user.next_checkin_at is None
    assert (await outbox_dates(h))[date(2026, 3, 2)] == "failed"
    await run_until(h, datetime(2026, 3, 4, 20, 0, tzinfo=UTC), step_minutes=60)
    assert fault.calls == 1  # nothing more was even tried
    h.request.fault = None
    await chat.send("/start")
    await h.tick()
    user = await h.repo.get_user(42)
    assert user.active and user.next_checkin_at == "2026-03-05T19:00:00Z"
    await run_until(h, datetime(2026, 3, 5, 19, 15, tzinfo=UTC))
    assert len(checkins_sent(h)) == 1
    await h.stop()


async def test_milestone_and_checkin_to_one_chat_are_a_second_apart(harness: Harness) -> None:
    await in_no_contact(harness, days=6)
    await run_until(harness, datetime(2026, 3, 3, 19, 15, tzinfo=UTC))
    stamps = [t for t, chat in harness.services.sender().stats.stamps if chat == 42]
    assert len(stamps) == 3 and stamps[2] - stamps[1] >= 1.0


async def test_stop_while_waiting_for_a_slot_leaves_the_row_pending_not_uncertain(
    harness: Harness,
) -> None:
    """SIGTERM mid-burst: a check-in waiting for room in the window was never claimed, so it goes
    back to pending for the next run (never uncertain)."""
    repo = harness.repo
    await harness.user(42).onboard()
    await harness.user(43).onboard()
    now = harness.clock.now()
    first = await repo.add_outbox(42, "checkin", date(2026, 3, 2), now)
    second = await repo.add_outbox(43, "checkin", date(2026, 3, 2), now)
    assert first is not None and second is not None
    sender = live_sender(harness, harness.services.sender().bot, rate=1, window=30.0)
    sender.start()
    for row in await repo.queue_due_outbox(now, 10):
        sender.submit(Outgoing(0, user_id=row.user_id, outbox_id=row.id, order=(row.due_at, row.id),
                               row=row))

    async def status(outbox_id: int) -> str:
        row = await repo.fetchone("SELECT status FROM outbox WHERE id = ?", (outbox_id,))
        assert row is not None
        return str(row[0])

    for _ in range(200):  # until the first went and the second waits out the 30 s window
        if await status(first.id) == "sent":
            break
        await asyncio.sleep(0.01)
    await asyncio.sleep(0.1)
    assert await status(second.id) == "queued"
    await sender.stop()
    assert await status(second.id) == "pending"


async def test_preparers_keep_going_once_the_ready_buffer_drains() -> None:
    """More rows than the ready buffer holds: the preparers wake as sends free room (a bug once
    left them asleep after the first buffer-full, and the burst stopped there)."""
    bot = FakeBot(VirtualTime())

    async def prepare(item: Outgoing) -> bool:
        item.chat_id, item.parts = item.user_id or 0, [Part("hi")]
        return True

    sender = Sender(bot, None, prepare=prepare, queue=DeliveryQueue(ready_limit=3))  # type: ignore[arg-type]
    sender.start()
    try:
        for n in range(1, 41):
            row = OutboxRow(n, n, "checkin", "k", date(2026, 3, 2), "2026-03-02T19:00:00Z", "queued")
            sender.submit(Outgoing(0, user_id=n, order=(row.due_at, n), row=row))
        for _ in range(400):
            if len(bot.delivered) == 40:
                break
            await asyncio.sleep(0.01)
    finally:
        await sender.stop()
    assert len(bot.delivered) == 40


async def test_replies_in_bursts_never_make_more_than_30_in_a_second() -> None:
    """Scheduled messages at full pace while interactive replies leave in bursts of three (a
    reply is never held back): the queue keeps room for the busiest recent second of replies,
    so Telegram never sees more than 30 in any second. Real time, about four seconds."""
    from bot.delivery.pacing import Pacer, Traffic

    traffic = Traffic()
    pacer = Pacer(rate=29, window=1.0, chat_interval=1.0, monotonic=asyncio.get_running_loop().time,
                  sleep=asyncio.sleep, traffic=traffic)
    traffic.monotonic = pacer.monotonic
    departures: list[float] = []

    async def reply() -> None:
        await traffic.gate()  # as the reply limiter does (bot/delivery/ratelimit.py)
        traffic.left()
        departures.append(pacer.monotonic())
        await asyncio.sleep(0.02)
        traffic.answered()

    async def replies() -> None:
        for _ in range(4):
            await asyncio.gather(*(reply() for _ in range(3)))
            await asyncio.sleep(1.3)

    async def scheduled() -> None:
        async def one(chat: int) -> None:
            await pacer.take(chat)
            departures.append(pacer.monotonic())
            await asyncio.sleep(0.02)
            pacer.answered(chat)

        await asyncio.gather(*(one(1000 + n) for n in range(100)))

    bursts = asyncio.create_task(replies())
    await asyncio.sleep(0.05)  # the first burst is history before the queue starts
    await scheduled()
    await bursts
    assert len(departures) == 112
    assert max_in_any_second(departures) <= 30


async def test_a_burst_of_replies_nobody_expected_waits_for_room_briefly() -> None:
    """Six replies at once into a second already full of scheduled messages, with no replies
    before them to keep room for: they wait for places (well under a second), never making
    more than 30 in a second."""
    from bot.delivery.pacing import Pacer, Traffic

    traffic = Traffic()
    clock = asyncio.get_running_loop().time
    traffic.monotonic = clock
    pacer = Pacer(rate=29, window=1.0, chat_interval=1.0, monotonic=clock, sleep=asyncio.sleep,
                  traffic=traffic)
    departures: list[float] = []
    waits: list[float] = []

    async def reply() -> None:
        asked = clock()
        await traffic.gate()
        waits.append(clock() - asked)
        traffic.left()
        departures.append(clock())
        await asyncio.sleep(0.02)
        traffic.answered()

    async def one(chat: int) -> None:
        await pacer.take(chat)
        departures.append(clock())
        await asyncio.sleep(0.02)
        pacer.answered(chat)

    queue = asyncio.gather(*(one(2000 + n) for n in range(90)))
    await asyncio.sleep(0.3)  # the queue has filled this second
    await asyncio.gather(*(reply() for _ in range(6)))
    await queue
    assert len(departures) == 96
    assert max_in_any_second(departures) <= 30
    assert max(waits) < 1.1
    assert max(waits) > 0  # they really did wait: the second was full
