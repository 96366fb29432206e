"""How features put messages on the one delivery path: `reschedule` (the one function that
recomputes a user's recurring due times after any change to time, zone, pause, start or
programme), `follow_up` (a one-off message due later: an outbox row), and `produce` (a
scheduler pass turning a due recurring schedule into outbox rows)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from bot.core.clock import zone
from bot.delivery import hold, recurring
from bot.storage.outbox import OutboxRow, PlanFn
from bot.storage.repository import Repository
from bot.storage.users import Schedule

if TYPE_CHECKING:
    from bot.core.services import Services

BATCH = 500
# The outbox kind each recurring schedule's slot is checked against (one per local date).
SLOT_KIND: dict[Schedule, str] = {
    "next_checkin_at": "checkin", "next_summary_at": "weekly_summary",
    "next_programme_at": "programme",
}


async def reschedule(repo: Repository, user_id: int, now: datetime, *,
                     only_missing: bool = False) -> datetime | None:
    """Recomputes and stores when the user's next check-in, weekly summary and morning item are
    due (`only_missing`: only those with no due time, leaving one that is due right now alone);
    returns the next check-in. A slot that already went out on a new due time's local date (a
    check-in sent before the user moved their time or zone) keeps its message for the next
    occurrence, so no change ever brings a second one on the same day."""
    user = await repo.get_user(user_id)
    if user is None:
        return None
    tz = zone(user.timezone)
    rules: dict[Schedule, Callable[[datetime], tuple[datetime, date] | None]] = {
        "next_checkin_at": lambda after: _daily(recurring.next_checkin(user, after), tz),
        "next_summary_at": lambda after: recurring.next_summary(user, after),
        "next_programme_at": lambda after: _daily(recurring.next_programme(user, after), tz),
    }
    dues: dict[Schedule, datetime | None] = {}
    for schedule, rule in rules.items():
        if only_missing and getattr(user, schedule) is not None:
            continue
        found = rule(now)
        if found is not None:
            entry = await repo.outbox_entry(user_id, SLOT_KIND[schedule], found[1])
            if entry is not None and entry.taken:
                found = rule(found[0])
        dues[schedule] = found[0] if found else None
    await repo.set_schedules(user_id, dues)
    return dues.get("next_checkin_at")


def _daily(due: datetime | None, tz: Any) -> tuple[datetime, date] | None:
    return None if due is None else (due, due.astimezone(tz).date())


async def follow_up(repo: Repository, user_id: int, timezone: str, kind: str, key: str,
                    due: datetime, *, payload: dict[str, Any] | None = None,
                    rearm: bool = False) -> bool:
    """A message of `kind` for the user at `due`, once per `key`: an outbox row the scheduler
    hands to the sender when due (its renderer decides the words then). A pending one is moved;
    with `rearm`, one that already went out is armed again. False when one is on its way."""
    local = due.astimezone(zone(timezone)).date()
    return await repo.schedule_outbox(user_id, kind, key, local, due,
                                      priority=hold.priority(kind), payload=payload, rearm=rearm)


async def produce(services: Services, schedule: Schedule, plan: PlanFn) -> list[OutboxRow]:
    """Claims every user whose `schedule` is due, in batches, inserting the rows `plan` gives;
    returns the rows inserted (the dispatcher sends the pending ones)."""
    repo, now = services.repo, services.clock.now()
    inserted: list[OutboxRow] = []
    while not services.stopping.is_set():
        claimed, rows = await repo.claim_due_schedules(schedule, now, plan, limit=BATCH)
        inserted += rows
        if claimed < BATCH:
            break
    return inserted


async def reschedule_waiting(services: Services, limit: int = BATCH) -> int:
    """Gives a due time to users who should have one and have none (new, resumed, back)."""
    repo, now = services.repo, services.clock.now()
    waiting = await repo.users_needing_schedule(limit)
    for user_id in waiting:
        await reschedule(repo, user_id, now, only_missing=True)
    return len(waiting)
