"""Double taps: a button pressed again on the same message gets a short toast, not a second run.

The router remembers the last button handled on each message (bot/storage/taps.py). A press of
that same button again is answered with a toast only, unless the feature said the action may
repeat: a checklist toggle flips every time, and a navigation button (a menu entry, a step to
open, a page of the journal) works again later, only not twice within a few seconds.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Literal

from telegram import CallbackQuery

from bot.core.clock import parse_iso
from bot.storage.models import User

if TYPE_CHECKING:
    from bot.core.context import BotContext

Policy = Literal["once", "again", "toggle"]
ONCE: Policy = "once"  # the default: a button does its thing once per message
AGAIN: Policy = "again"  # navigation: may be pressed again, not twice within DOUBLE_TAP
TOGGLE: Policy = "toggle"  # a checklist box: every press flips it
DOUBLE_TAP = timedelta(seconds=10)
KEEP = timedelta(days=7)  # how long a handled tap is remembered


def message_id_of(query: CallbackQuery) -> int | None:
    return query.message.message_id if query.message is not None else None


async def repeated(context: BotContext, user: User, query: CallbackQuery, policy: Policy) -> bool:
    """True when this press repeats the button last handled on the same message."""
    message_id = message_id_of(query)
    if policy == TOGGLE or message_id is None or not query.data:
        return False
    last = await context.repo.last_tap(user.user_id, message_id)
    if last is None or last.data != query.data:
        return False
    return policy == ONCE or context.clock.now() - parse_iso(last.tapped_at) < DOUBLE_TAP


async def remember(context: BotContext, user: User, query: CallbackQuery) -> None:
    """Records the press just handled as the message's last one."""
    message_id = message_id_of(query)
    if message_id is not None and query.data:
        await context.repo.record_tap(user.user_id, message_id, query.data)
