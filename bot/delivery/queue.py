"""The sender's queue, pure bookkeeping (no I/O, no clock of its own): which delivery goes next.

- waiting: outbox rows not yet prepared (rendered), most urgent first;
- ready: prepared deliveries, most urgent first (priority, then due time and row id);
- deferred: ready ones whose chat had a message less than a second ago, by when it is free;
- blocked: a user's later delivery while an earlier one of theirs is still going out, so each
  user's messages arrive in order (a milestone before that day's check-in).

Priorities are strict: nothing goes while a more urgent delivery is still being prepared, so a
check-in never loses its place to a summary whose chart happened to be drawn first. Within a
priority, deliveries to different chats go in parallel. The ready buffer is bounded per
priority (and by the bytes it holds in memory; a summary's chart waits on disk), so summaries
are prepared well ahead while check-ins go out.
"""

from __future__ import annotations

import heapq
import itertools
from collections import Counter, defaultdict
from collections.abc import Callable

from bot.delivery.outgoing import Outgoing

EPS = 1e-6
Key = tuple[int, tuple[object, ...], int]  # priority, order within it, arrival
Entry = tuple[int, tuple[object, ...], int, Outgoing]


class DeliveryQueue:
    def __init__(self, *, ready_limit: int = 3000, ready_bytes: int = 48 * 2**20) -> None:
        self.ready_limit, self.ready_bytes = ready_limit, ready_bytes
        self._seq = itertools.count()
        self._waiting: list[Entry] = []
        self._ready: list[Entry] = []
        self._deferred: list[tuple[float, int, Outgoing]] = []
        self._blocked: dict[int, list[Outgoing]] = defaultdict(list)
        self._keys: dict[int, Key] = {}  # id(item) -> its sort key
        self._open: dict[int, Outgoing] = {}  # id(item) -> item, until it is finished
        self._user_open: dict[int, list[Key]] = defaultdict(list)
        self._preparing: Counter[int] = Counter()
        self._ready_count: Counter[int] = Counter()
        self._ready_size = 0

    # -- adding and preparing -------------------------------------------------------------------
    def add(self, item: Outgoing) -> None:
        key: Key = (item.priority, item.order, next(self._seq))
        self._keys[id(item)] = key
        self._open[id(item)] = item
        if item.user_id is not None:
            heapq.heappush(self._user_open[item.user_id], key)
        entry = self._entry(item)
        if item.prepared:
            self._push_ready(entry)
        else:
            heapq.heappush(self._waiting, entry)

    def take_to_prepare(self, *, bounded: bool = True) -> Outgoing | None:
        """The most urgent unprepared delivery, if the ready buffer has room for its priority."""
        if not self._waiting:
            return None
        priority, *_ = self._waiting[0]
        if bounded and (self._ready_count[priority] + self._preparing[priority] >= self.ready_limit
                        or self._ready_size >= self.ready_bytes):
            return None
        *_, item = heapq.heappop(self._waiting)
        self._preparing[priority] += 1
        return item

    def prepared(self, item: Outgoing, ok: bool) -> None:
        """Back from preparation: ready to go, or (not ok) finished without a message."""
        self._preparing[item.priority] -= 1
        if ok:
            self._push_ready(self._entry(item))
        else:
            self.finish(item)

    def _entry(self, item: Outgoing) -> Entry:
        priority, order, seq = self._keys[id(item)]
        return priority, order, seq, item

    def _push_ready(self, entry: Entry) -> None:
        heapq.heappush(self._ready, entry)
        self._ready_count[entry[0]] += 1
        self._ready_size += entry[3].size

    # -- picking --------------------------------------------------------------------------------
    def pick(self, now: float, chat_free: Callable[[int], float]) -> tuple[Outgoing | None, float | None]:
        """The next delivery that may go at `now` (its chat free, its user's earlier ones done,
        nothing more urgent still being prepared), or None and how long until a deferred one
        is free (None: nothing to wait for but preparation or new work)."""
        while self._deferred and self._deferred[0][0] <= now + EPS:
            _, _, item = heapq.heappop(self._deferred)
            heapq.heappush(self._ready, self._entry(item))
        urgent = self._most_urgent_unprepared()
        while self._ready:
            priority, _, _, item = self._ready[0]
            if urgent is not None and priority > urgent:
                break  # a more urgent delivery is still being prepared: it goes first
            heapq.heappop(self._ready)
            free = chat_free(item.chat_id)
            if free > now + EPS:
                heapq.heappush(self._deferred, (free, next(self._seq), item))
                continue
            if item.user_id is not None and self._user_open[item.user_id][0] != self._keys[id(item)]:
                self._blocked[item.user_id].append(item)
                continue
            self._ready_count[priority] -= 1
            self._ready_size -= item.size
            return item, None
        return None, (self._deferred[0][0] - now if self._deferred else None)

    def _most_urgent_unprepared(self) -> int | None:
        preparing = [p for p, n in self._preparing.items() if n > 0]
        candidates = preparing + ([self._waiting[0][0]] if self._waiting else [])
        return min(candidates) if candidates else None

    def again(self, item: Outgoing, at: float | None = None) -> None:
        """The item goes again (its next part, or a retry): when its chat is free, or at `at`."""
        self._ready_count[item.priority] += 1
        self._ready_size += item.size
        if at is None:
            heapq.heappush(self._ready, self._entry(item))
        else:
            heapq.heappush(self._deferred, (at, next(self._seq), item))

    def finish(self, item: Outgoing) -> None:
        """The item is done (sent, dropped or failed): the user's next one may go."""
        key = self._keys.pop(id(item), None)
        self._open.pop(id(item), None)
        if item.user_id is None or key is None:
            return
        open_keys = self._user_open[item.user_id]
        open_keys.remove(key)
        heapq.heapify(open_keys)
        if not open_keys:
            del self._user_open[item.user_id]
        for parked in self._blocked.pop(item.user_id, []):
            heapq.heappush(self._ready, self._entry(parked))

    # -- dropping and looking -------------------------------------------------------------------
    def drop_chat(self, chat_id: int) -> list[Outgoing]:
        """Removes every prepared delivery queued for a chat (it blocked the bot) and returns
        them. (Unprepared ones do not know their chat yet; their rows are dropped in SQLite.)"""
        dropped = [e[3] for e in self._ready if e[3].chat_id == chat_id]
        dropped += [d[2] for d in self._deferred if d[2].chat_id == chat_id]
        for items in self._blocked.values():
            dropped += [i for i in items if i.chat_id == chat_id]
        if not dropped:
            return []
        gone = {id(i) for i in dropped}
        self._ready = [e for e in self._ready if id(e[3]) not in gone]
        self._deferred = [d for d in self._deferred if id(d[2]) not in gone]
        heapq.heapify(self._ready)
        heapq.heapify(self._deferred)
        for user_id in list(self._blocked):
            self._blocked[user_id] = [i for i in self._blocked[user_id] if id(i) not in gone]
        for item in dropped:
            self._ready_count[item.priority] -= 1
            self._ready_size -= item.size
            self.finish(item)
        return dropped

    def items(self) -> list[Outgoing]:
        """Everything not yet finished: waiting, being prepared, ready, deferred or blocked."""
        return list(self._open.values())

    @property
    def unprepared(self) -> int:
        return len(self._waiting)

    def __len__(self) -> int:
        return len(self._open)
