"""One loop sends whatever is due: the jobs table in SQLite is the schedule, not the JobQueue.

PTB's JobQueue forgets every job on restart and APScheduler skips a job that is more than a
second late, so we only use our own loop over due rows, claimed in a transaction.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import suppress

from bot.core.holds import held_back
from bot.core.services import Services

log = logging.getLogger(__name__)


async def run_due_jobs(services: Services, *, limit: int = 500) -> int:
    """Claims every due job and runs its feature's handler; returns how many ran. When the bot
    is stopping it finishes the job in hand and hands the rest of the batch back unstarted."""
    repo = services.repo
    handlers = services.jobs
    done = 0
    while True:
        jobs = await repo.claim_due_jobs(services.clock.now(), limit=limit)
        if not jobs:
            return done
        for n, job in enumerate(jobs):
            if is_stopping(services):
                await repo.release_jobs([j.id for j in jobs[n:]])
                return done
            handler = handlers.get(job.kind)
            user = await repo.get_user(job.user_id)
            if handler is None or user is None:
                log.warning("job %s of unknown kind %r or user gone: cancelled", job.id, job.kind)
                await repo.finish_job(job.id, "cancelled")
                continue
            if held_back(user, job.kind, services.clock.now()) and user.crisis_until:
                # Crisis mode: the prompt waits until it ends (bot/core/holds.py).
                await repo.release_jobs([job.id])
                await repo.schedule_job(job.user_id, job.kind, user.crisis_until,
                                        key=job.dedupe_key, payload=job.payload)
                continue
            try:
                status = await handler(services, job, user)
            except Exception:
                log.exception("job %s (%s) failed", job.id, job.kind)
                await repo.finish_job(job.id, "failed")
                continue
            await repo.finish_job(job.id, status if isinstance(status, str) else "done")
            done += 1
        if len(jobs) < limit:
            return done


def is_stopping(services: Services) -> bool:
    return services.stopping.is_set()


async def scheduler_loop(services: Services) -> None:
    """Runs due jobs every few seconds until stopped; one failure never stops the loop."""
    interval = services.settings.scheduler_interval_seconds
    stopping = services.stopping
    while not stopping.is_set():
        try:
            await run_due_jobs(services)
            for hook in services.ticks:
                if stopping.is_set():
                    break
                await hook(services)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("scheduler tick failed")
        with suppress(TimeoutError):
            await asyncio.wait_for(stopping.wait(), interval)


async def stop(task: asyncio.Task[None] | None, services: Services | None = None,
               grace: float = 5.0) -> None:
    """Asks the loop to finish the message in hand and return; cancels it after `grace` s."""
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
