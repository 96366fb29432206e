"""What the paced sender queues (Outgoing: one outbox row, or one bare message), what a kind's
renderer returns (Part, Skip), what it counts (Stats), and the virtual clock that lets its
pacing run instantly in tests (VirtualTime)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from telegram import Message

from bot.ui.messaging import render_messages

if TYPE_CHECKING:
    from bot.storage.models import User
    from bot.storage.outbox import OutboxRow


# A question a delivery asks: the users.state it opens and that state's data.
Opens = tuple[str, dict[str, Any]]


@dataclass(frozen=True)
class Part:
    """One chat message of a delivery: text (a caption under `photo`), and its keyboard. A photo
    is bytes, or a file in the offload's spool (deleted once the delivery is done). `opens`: the
    question the message asks, opened (users.state) in the same write that records the delivery
    as sent, and only if no other question is open by then, so typed answers count too. Not
    earlier, and without a state_at: bot/delivery/hold.py would take it for a question the
    user is answering and hold this row (or the next scheduled one) back."""

    text: str
    keyboard: Any = None
    photo: bytes | Path | None = None
    opens: Opens | None = None


@dataclass(frozen=True)
class Skip:
    """A renderer's answer when the row must not go out after all (the urge was settled, there
    is nothing to sum up): the row is settled with `status` for `reason`."""

    status: str
    reason: str


# What a kind's renderer returns: the messages to send, in order, or why none.
Rendered = list[Part] | Skip


def parts_of(template: str, user: User, keyboard: Any = None, **values: Any) -> list[Part]:
    """A template for this user as the parts of a delivery (the keyboard under the last)."""
    return [Part(text, markup)
            for text, markup in render_messages(template, user=user, keyboard=keyboard, **values)]


def opening(parts: list[Part], state: str, data: dict[str, Any]) -> list[Part]:
    """The parts, the last one asking the question of `state` (see Part.opens)."""
    return [*parts[:-1], replace(parts[-1], opens=(state, data))] if parts else parts


@dataclass(eq=False)
class Outgoing:
    """One queued delivery. A bare message carries its text; an outbox row (`row`) gets its
    chat and parts when the sender prepares it, and is claimed just before its first part."""

    chat_id: int
    text: str = ""
    keyboard: Any = None
    user_id: int | None = None
    outbox_id: int | None = None
    future: asyncio.Future[Message | None] | None = None
    tries: int = 0
    photo: bytes | None = None  # sent as a photo with `text` as its caption
    priority: int = 1
    order: tuple[Any, ...] = ()  # within a priority: (due time, row id) for outbox rows
    row: OutboxRow | None = None
    parts: list[Part] = field(default_factory=list)
    next_part: int = 0
    message_id: int | None = None  # the first part's, once sent

    def __post_init__(self) -> None:
        if not self.parts and self.row is None:
            self.parts = [Part(self.text, self.keyboard, self.photo)]

    @property
    def prepared(self) -> bool:
        return bool(self.parts)

    @property
    def size(self) -> int:
        """Bytes held in memory while it waits: what the ready buffer's budget counts."""
        return sum(len(p.text) + (len(p.photo) if isinstance(p.photo, bytes) else 0)
                   for p in self.parts)


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
    sent: int = 0  # messages (parts) delivered
    failed: int = 0
    skipped: int = 0  # rows not sent: held, moved, dropped or skipped by their renderer
    retry_after: list[float] = field(default_factory=list)
    stamps: list[tuple[float, int]] = field(default_factory=list)  # (monotonic, chat) if recording
