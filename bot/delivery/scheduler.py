"""The scheduler loop: every SCHEDULER_INTERVAL_SECONDS one pass decides what is due and hands it
to the sender, never waiting for a delivery. SQLite is the schedule, not PTB's JobQueue (which
forgets every job on restart and skips one that is more than a second late).

A pass: users who should have a due time and have none get one (bot/delivery/schedule.py);
every feature's producer turns its due schedule into outbox rows (Feature.ticks: the daily
check-in, the weekly summary, the morning item); then every due pending row, most urgent first,
goes to the sender's queue (bot/delivery/dispatch.py). Producers all run before the dispatch,
so a summary due in the same minute as a thousand check-ins never goes ahead of one of them.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import suppress

from bot.core.services import Services
from bot.delivery.dispatch import dispatch
from bot.delivery.schedule import reschedule_waiting

log = logging.getLogger(__name__)


async def run_pass(services: Services) -> int:
    """One pass; returns how many rows it handed to the sender. Without a background sender
    (tests) it also delivers them now, on the sender's virtual time."""
    await reschedule_waiting(services)
    for hook in services.ticks:
        if services.stopping.is_set():
            return 0
        await hook(services)
    handed = await dispatch(services)
    sender = services.sender()
    if not sender.running:
        await sender.drain()
    return handed


async def scheduler_loop(services: Services) -> None:
    """Runs a pass every few seconds until stopped; one failure never stops the loop."""
    interval = services.settings.scheduler_interval_seconds
    stopping = services.stopping
    while not stopping.is_set():
        try:
            await run_pass(services)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("scheduler pass failed")
        with suppress(TimeoutError):
            await asyncio.wait_for(stopping.wait(), interval)


async def stop(task: asyncio.Task[None] | None, services: Services | None = None,
               grace: float = 5.0) -> None:
    """Asks the loop to finish the pass in hand and return; cancels it after `grace` s."""
    if services is not None:
        services.stopping.set()
    if task is None:
        return
    if services is not None:
        done, _ = await asyncio.wait({task}, timeout=grace)
        if done:
            return
        log.warning("scheduler did not stop within %.0f s: cancelling it", grace)
    task.cancel()
    with suppress(asyncio.CancelledError):
        await task
