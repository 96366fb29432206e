"""bot/delivery/queue.py, pure: strict priorities, each user's messages in order, a chat's
second respected, and a bounded ready buffer."""

from __future__ import annotations

from bot.delivery.outgoing import Outgoing, Part
from bot.delivery.queue import DeliveryQueue


def row(chat: int, priority: int, n: int, *, prepared: bool = True) -> Outgoing:
    item = Outgoing(chat, user_id=chat, priority=priority, order=("2026-03-02T19:00:00Z", n),
                    outbox_id=n, row=None if prepared else object())  # type: ignore[arg-type]
    if not prepared:
        item.parts = []
    return item


def free(_: int) -> float:
    return 0.0


def drain(queue: DeliveryQueue) -> list[int]:
    """Order the queue hands items out in, preparing everything first."""
    while (item := queue.take_to_prepare(bounded=False)) is not None:
        item.parts = [Part("x")]
        queue.prepared(item, True)
    out = []
    while True:
        item, _ = queue.pick(0.0, free)
        if item is None:
            return out
        out.append(item.outbox_id or 0)
        queue.finish(item)


def test_most_urgent_first_then_due_order() -> None:
    queue = DeliveryQueue()
    for n, priority in enumerate((2, 1, 0, 1, 2, 0), start=1):
        queue.add(row(100 + n, priority, n))
    assert drain(queue) == [3, 6, 2, 4, 1, 5]


def test_nothing_less_urgent_goes_while_something_more_urgent_is_being_prepared() -> None:
    queue = DeliveryQueue()
    queue.add(row(1, 2, 1))  # a summary, already prepared
    queue.add(row(2, 1, 2, prepared=False))  # a check-in still to prepare
    checkin = queue.take_to_prepare()
    assert checkin is not None and checkin.outbox_id == 2
    assert queue.pick(0.0, free) == (None, None)  # the summary waits for it
    checkin.parts = [Part("How has today been")]
    queue.prepared(checkin, True)
    first, _ = queue.pick(0.0, free)
    assert first is checkin


def test_a_users_messages_go_in_order_and_a_busy_chat_waits_its_second() -> None:
    queue = DeliveryQueue()
    milestone, checkin, other = row(7, 1, 1), row(7, 1, 2), row(8, 1, 3)
    for item in (milestone, checkin, other):
        queue.add(item)
    busy = {7: 1.0}
    first, _ = queue.pick(0.0, lambda chat: 0.0)
    assert first is milestone
    # The milestone is out; chat 7 is busy for a second: the other chat goes meanwhile.
    nxt, wait = queue.pick(0.0, lambda chat: busy.get(chat, 0.0))
    assert nxt is other
    queue.finish(milestone)
    nxt, wait = queue.pick(0.0, lambda chat: busy.get(chat, 0.0))
    assert nxt is None and wait == 1.0
    nxt, _ = queue.pick(1.0, lambda chat: busy.get(chat, 0.0))
    assert nxt is checkin


def test_a_later_message_waits_for_the_users_earlier_one_still_going_out() -> None:
    queue = DeliveryQueue()
    summary, checkin = row(5, 1, 1), row(5, 1, 2)
    summary.parts = [Part("chart"), Part("word")]
    queue.add(summary)
    queue.add(checkin)
    first, _ = queue.pick(0.0, free)
    assert first is summary
    queue.again(summary, at=1.0)  # its second part, a second later
    assert queue.pick(0.5, free)[0] is None  # the check-in does not jump in between
    assert queue.pick(1.0, free)[0] is summary
    queue.finish(summary)
    assert queue.pick(2.0, free)[0] is checkin


def test_the_ready_buffer_is_bounded_per_priority() -> None:
    queue = DeliveryQueue(ready_limit=2)
    for n in range(1, 6):
        queue.add(row(n, 2, n, prepared=False))
    taken = [queue.take_to_prepare() for _ in range(3)]
    assert taken[2] is None  # two summaries in preparation fill their share
    for item in taken[:2]:
        assert item is not None
        item.parts = [Part("x")]
        queue.prepared(item, True)
    queue.add(row(9, 1, 9, prepared=False))
    urgent = queue.take_to_prepare()  # a check-in still gets prepared at once
    assert urgent is not None and urgent.outbox_id == 9


def test_a_blocked_chat_is_dropped_whole() -> None:
    queue = DeliveryQueue()
    for n in range(1, 4):
        queue.add(row(7, 1, n))
    queue.add(row(8, 1, 4))
    first, _ = queue.pick(0.0, free)
    assert first is not None and first.chat_id == 7
    dropped = queue.drop_chat(7)
    queue.finish(first)
    assert sorted(i.outbox_id or 0 for i in dropped) == [2, 3]
    assert drain(queue) == [4]
    assert len(queue) == 0
