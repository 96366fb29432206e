"""Step 7 after sending: the follow-up 48-72 hours later ("did they answer?"), how to build
slowly if they did, and the moving-on track, with a fresh no-contact start, if they didn't."""

from __future__ import annotations

from bot.core.context import BotContext
from bot.core.outreach import FOLLOW_UP_KIND
from bot.core.services import Services
from bot.delivery.outgoing import Rendered, Skip, parts_of
from bot.features.steps import step7_keyboards as keyboards
from bot.features.steps.common import finish_step
from bot.storage.models import User
from bot.storage.outbox import OutboxRow
from bot.storage.repository import Repository
from bot.ui.keyboards import Callback
from bot.ui.messaging import say

NUMBER = 7
KIND = FOLLOW_UP_KIND  # its outbox kind


async def _awaiting_reply(repo: Repository, user_id: int) -> bool:
    """True when the newest "sent" has no "reply" recorded after it."""
    outreach = await repo.latest_outreach(user_id)
    return outreach is not None and not outreach.answered


async def render_follow_up(services: Services, row: OutboxRow, user: User) -> Rendered:
    """Asks whether the ex answered the one message the user sent."""
    if not await _awaiting_reply(services.repo, user.user_id):
        return Skip("cancelled", "answered")
    return parts_of("step7/follow_up", user, keyboards.follow_up(user))


async def on_button(context: BotContext, user: User, data: Callback) -> bool:
    """Handles the follow-up answers and the fresh no-contact start; False if not ours."""
    repo = context.repo
    if data.action == "reply" and data.arg in ("yes", "no"):
        if not await _awaiting_reply(repo, user.user_id):
            return False
        await repo.add_answer(user.user_id, NUMBER, "reply", data.arg)
        if data.arg == "yes":
            await say(context.bot, user.chat_id, "step7/replied", user=user)
        else:
            await say(context.bot, user.chat_id, "step7/no_reply", user=user,
                      keyboard=keyboards.restart(user))
        await finish_step(context, user, NUMBER)
        return True
    if data.action == "restart":
        answers = await repo.answers(user.user_id, NUMBER)
        last = next((a for a in reversed(answers) if a.key in ("reply", "restart")), None)
        if last is None or last.key != "reply" or last.value != "no":
            return False
        today = user.today(context.clock.now())
        await repo.add_answer(user.user_id, NUMBER, "restart", today.isoformat())
        await repo.update_profile(user.user_id, no_contact_since=today)
        await say(context.bot, user.chat_id, "step7/restarted", user=user)
        return True
    return False
