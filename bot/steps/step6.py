"""Step 6 (placeholder until its module is written)."""

from __future__ import annotations

from bot.context import BotContext
from bot.feature import Feature
from bot.messaging import say
from bot.steps.common import finish_step
from bot.storage.models import User

NUMBER = 6


async def enter(context: BotContext, user: User) -> None:
    await say(context.bot, user.chat_id, "steps/placeholder", user=user, step=NUMBER)
    await finish_step(context, user, NUMBER)


FEATURE = Feature(name="step6")
