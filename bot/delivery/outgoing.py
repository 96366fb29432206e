"""What the paced sender queues (Outgoing), what it counts (Stats), and the virtual clock that
lets its pacing run instantly in tests (VirtualTime)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from telegram import Message


@dataclass(eq=False)
class Outgoing:
    """One message to send. With `outbox_id`, the outbox row is claimed just before sending."""

    chat_id: int
    text: str
    keyboard: Any = None
    user_id: int | None = None
    outbox_id: int | None = None
    future: asyncio.Future[Message | None] | None = None
    tries: int = 0
    photo: bytes | None = None  # sent as a photo with `text` as its caption


class VirtualTime:
    """A monotonic clock that jumps forward on sleep: pacing tests run instantly."""

    def __init__(self) -> None:
        self.now = 0.0

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += max(seconds, 0.0)
        await asyncio.sleep(0)


@dataclass
class Stats:
    sent: int = 0
    failed: int = 0
    skipped: int = 0
    retry_after: list[float] = field(default_factory=list)
    stamps: list[tuple[float, int]] = field(default_factory=list)  # (monotonic, chat) if recording
