"""The update being handled right now, visible to everything it calls (a ContextVar: each update
runs in its own task). The storage layer records the update's id with the first write it
commits (bot/storage/handled.py), which makes a redelivered update recognisable, and the error
handler tells the user honestly whether what they sent was saved before something failed."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass
class Handling:
    bot_id: int
    update_ids: tuple[int, ...]  # several when a flood's texts were merged (bot/core/intake.py)
    saved: bool = False  # a write was committed, and the update ids recorded with it

    def rows(self, stamp: str) -> list[tuple[int, int, str]]:
        return [(self.bot_id, update_id, stamp) for update_id in self.update_ids]


_CURRENT: ContextVar[Handling | None] = ContextVar("handling", default=None)


def current() -> Handling | None:
    return _CURRENT.get()


@contextmanager
def handling(bot_id: int, update_ids: tuple[int, ...]) -> Iterator[Handling]:
    """Marks everything run inside as work for this update."""
    mark = Handling(bot_id, update_ids)
    token = _CURRENT.set(mark)
    try:
        yield mark
    finally:
        _CURRENT.reset(token)
