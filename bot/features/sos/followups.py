"""What comes after an SOS: the 15-minute check-back and its answers, the late-night draft
coming back next morning (both outbox rows, rendered here when due), and /drafts, the
unsent-message box read back (always escaped, never sent anywhere)."""

from __future__ import annotations

from telegram import Update

from bot.core.clock import parse_iso, zone
from bot.core.context import BotContext
from bot.core.hooks import hooks_of
from bot.core.services import Services
from bot.delivery.outgoing import Rendered, Skip, parts_of
from bot.features.sos import keyboards
from bot.features.sos.keyboards import choices
from bot.storage.models import User
from bot.storage.outbox import OutboxRow
from bot.storage.urges import Urge
from bot.ui.keyboards import Callback
from bot.ui.messaging import say

NS = keyboards.DRAFTS_NS
SHOWN_DRAFTS = 10
WAIT, MORNING = "sos.wait", "sos.morning"  # their outbox kinds


async def render_wait(services: Services, row: OutboxRow, user: User) -> Rendered:
    """Fifteen minutes on: asks whether they still want to send it, unless already settled."""
    urge = await services.repo.get_urge(user.user_id, int(row.payload.get("urge", 0)))
    if urge is None or urge.outcome != "open":
        return Skip("cancelled", "settled")
    return parts_of("sos/wait_check", user, keyboards.wait_check(user, urge.id))


async def render_morning(services: Services, row: OutboxRow, user: User) -> Rendered:
    """Brings a late-night draft back at 09:00: still want to send this?"""
    draft = await services.repo.get_draft(user.user_id, int(row.payload.get("draft", 0)))
    if draft is None or draft.revisit is not None:
        return Skip("cancelled", "settled")
    return parts_of("sos/morning", user, keyboards.morning(user, draft.id), body=draft.body,
                    written=_local(draft.written_at, user, "%H:%M"))


def _local(stamp: str, user: User, fmt: str = "%d %b, %H:%M") -> str:
    return parse_iso(stamp).astimezone(zone(user.timezone)).strftime(fmt)


async def on_drafts(update: Update, context: BotContext, user: User) -> None:
    """Lists the newest unsent messages, escaped, with when they were written."""
    drafts = await context.repo.drafts(user.user_id, SHOWN_DRAFTS)
    total = await context.repo.count_drafts(user.user_id)
    rows = [{"when": _local(d.written_at, user), "body": d.body} for d in drafts]
    await say(context.bot, user.chat_id, "sos/drafts", user=user, rows=rows, total=total)


async def on_button(update: Update, context: BotContext, user: User, data: Callback) -> None:
    """Stores the morning answer to "still want to send this?" and answers it."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    answer = {"letgo": "let_go", "still": "still", "sent": "sent"}.get(data.action)
    draft = (
        await context.repo.get_draft(user.user_id, int(data.arg)) if data.arg.isdigit() else None
    )
    if answer is None or draft is None or not await context.repo.answer_draft_revisit(
        user.user_id, draft.id, answer
    ):
        await say(context.bot, user.chat_id, "common/stale_button", user=user)
        return
    if answer == "sent" and draft.urge_id is not None:
        await context.repo.set_urge_outcome(user.user_id, draft.urge_id, "contacted")
    await say(context.bot, user.chat_id, f"sos/morning_{answer}", user=user,
              resisted=await context.repo.urges_resisted(user.user_id))
    if answer == "sent":
        await _restart_count(context, user)


async def act_passed(context: BotContext, user: User, urge: Urge, arg: str) -> bool:
    """After the wait: the wave passed, counted as resisted."""
    await context.repo.set_urge_outcome(user.user_id, urge.id, "resisted")
    await say(context.bot, user.chat_id, "sos/passed", user=user,
              resisted=await context.repo.urges_resisted(user.user_id))
    return True


async def act_still(context: BotContext, user: User, urge: Urge, arg: str) -> bool:
    """After the wait: still want to; the four ways through again."""
    await say(context.bot, user.chat_id, "sos/still", user=user, keyboard=choices(user, urge.id))
    return True


async def act_contacted(context: BotContext, user: User, urge: Urge, arg: str) -> bool:
    """After the wait: they reached out after all; logged kindly, without a lecture."""
    await context.repo.set_urge_outcome(user.user_id, urge.id, "contacted")
    await say(context.bot, user.chat_id, "sos/contacted", user=user)
    await _restart_count(context, user)
    return True


async def _restart_count(context: BotContext, user: User) -> None:
    """A message sent to the ex is a slip: the no-contact count restarts (history kept)."""
    if user.no_contact_since is not None:
        await hooks_of(context).begin_slip(context, user)


# The answers to the 15-minute check-back, dispatched by bot/features/sos/handlers.py's button handler.
AFTER_WAIT = {"passed": act_passed, "still": act_still, "sent": act_contacted}
