"""From a due outbox row to a prepared delivery: `dispatch` hands due rows to the sender (never
waiting for them to go), `preparer` renders each one when its turn nears, after a first look at
whether it may go at all (bot/delivery/hold.py), so a held or dropped row costs no rendering."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from bot.delivery import hold
from bot.delivery.outgoing import Outgoing, Skip
from bot.delivery.sender import PrepareFn
from bot.storage.outbox import Decide, Facts, Verdict

if TYPE_CHECKING:
    from bot.core.services import Services

# At most this many rows are held by the sender at once; the rest wait in SQLite, where the
# most urgent are handed over first on the next pass.
MAX_BACKLOG = 20_000


def decider(services: Services) -> Decide:
    """hold.decide with the running bot's clock and check-in grace."""
    grace = timedelta(hours=services.settings.checkin_grace_hours)

    def decide(facts: Facts) -> Verdict:
        return hold.decide(facts, services.clock.now(), grace)

    return decide


async def dispatch(services: Services) -> int:
    """Hands every due pending row (most urgent first, up to MAX_BACKLOG held) to the sender."""
    sender = services.sender()
    rows = await services.repo.queue_due_outbox(services.clock.now(),
                                                MAX_BACKLOG - sender.backlog)
    for row in rows:
        sender.submit(Outgoing(0, user_id=row.user_id, outbox_id=row.id, priority=row.priority,
                               order=(row.due_at, row.id), row=row))
    return len(rows)


def preparer(services: Services) -> PrepareFn:
    """The sender's prepare step: may it go now, then its kind's renderer (features register
    them in Feature.deliveries) gives the messages. False settles the row without a message."""
    decide = decider(services)

    async def prepare(item: Outgoing) -> bool:
        repo, row = services.repo, item.row
        assert row is not None
        found = await repo.outbox_facts(row.id)
        if found is None or found[0] != "queued":
            return False
        verdict = decide(found[1])
        if verdict.action != "go":
            await repo.settle_queued(row.id, verdict)
            return False
        user = await repo.get_user(row.user_id)
        render = services.renderers.get(row.kind)
        if user is None or render is None:
            await repo.settle_outbox(row.id, "cancelled", reason="unknown kind or user")
            return False
        rendered = await render(services, row, user)
        if isinstance(rendered, Skip):
            await repo.settle_outbox(row.id, rendered.status, reason=rendered.reason)
            return False
        if not rendered:
            await repo.settle_outbox(row.id, "cancelled", reason="nothing to say")
            return False
        item.chat_id, item.parts = user.chat_id, rendered
        return True

    return prepare
