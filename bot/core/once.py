"""Each update is handled once: one Telegram delivers again (a webhook retry, a batch fetched
just before a crash) is recognised by its id and skipped when its first handling saved
something. The id is stored with that handling's first write (bot/storage/base.py), so a crash
can never leave the answer saved but the id unrecorded, or the other way round. An update whose
handling saved nothing (a /help, a failed attempt) is simply handled again."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Coroutine, Sequence
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from bot.core import taps
from bot.core.handling import handling

if TYPE_CHECKING:
    from bot.core.services import Services

log = logging.getLogger(__name__)
KEEP = timedelta(days=2)  # Telegram gives up redelivering an update after a day
PRUNE_EVERY = 5_000  # updates between two prunings of old ids


class HandleOnce:
    def __init__(self, services: Services) -> None:
        self.services = services
        self._handled = 0

    @property
    def bot_id(self) -> int:
        return int(self.services.bot.token.split(":", 1)[0])

    async def __call__(self, update_ids: Sequence[int], coroutine: Awaitable[Any]) -> None:
        """Runs `coroutine` (the update's processing) unless every id was handled before."""
        repo, bot_id = self.services.repo, self.bot_id
        fresh = tuple([i for i in update_ids if not await repo.handled_before(bot_id, i)])
        if update_ids and not fresh:
            if isinstance(coroutine, Coroutine):
                coroutine.close()
            log.info("update %d was delivered again: already handled", update_ids[0])
            return
        if self._handled % PRUNE_EVERY == 0:
            await repo.prune_handled(self.services.clock.now() - KEEP)
            await repo.prune_taps(self.services.clock.now() - taps.KEEP)  # same cadence
        self._handled += 1
        with handling(bot_id, fresh):
            await coroutine
