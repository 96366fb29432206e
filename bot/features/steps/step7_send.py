"""Step 7 on the reconnect path, once the user says they still want the ex back: the pre-send
checklist, casual openers or a review of their own message (bot/features/steps/review.py),
and "I've sent it", which records a planned contact (bot/core/outreach.py: not a slip) and books
the 48-72 h follow-up (bot/features/steps/step7_after.py). The bot never sends to the ex."""

from __future__ import annotations

from telegram import Update

from bot.core import paths
from bot.core.clock import zone
from bot.core.context import BotContext
from bot.core.streaks import current_days
from bot.delivery.schedule import follow_up
from bot.features.steps import step7_after
from bot.features.steps import step7_keyboards as keyboards
from bot.features.steps.review import review
from bot.features.steps.step7_rules import CHECKLIST, follow_up_due, next_check
from bot.storage.models import User
from bot.ui.keyboards import Callback
from bot.ui.messaging import say
from bot.ui.texts import render

NUMBER = 7
MAX_MESSAGE = 1000


def openers(user: User) -> list[str]:
    """The casual openers, one per line of templates/step7/openers.html."""
    text = render("step7/openers", name=user.name, ex=user.ex)
    return [line.strip() for line in text.splitlines() if line.strip()]


def days_of(context: BotContext, user: User) -> int:
    """The no-contact day number today (bot/core/streaks.py), for texts that speak of time."""
    return current_days(user.no_contact_since, user.today(context.clock.now()))


async def ask_check(context: BotContext, user: User, answered: int) -> None:
    key = next_check(answered)
    if key is None:
        await offer_openers(context, user)
        return
    await context.repo.set_state(user.user_id, "step7.check", {"answered": answered})
    await say(context.bot, user.chat_id, "step7/check", user=user, key=key, number=answered + 1,
              total=len(CHECKLIST), days=days_of(context, user),
              keyboard=keyboards.check(user, answered))


async def reask_check(context: BotContext, user: User) -> None:
    await ask_check(context, user, int(user.state_data.get("answered", 0)))


async def offer_openers(context: BotContext, user: User) -> None:
    await context.repo.set_state(user.user_id, "step7.opener")
    options = openers(user)
    await say(context.bot, user.chat_id, "step7/openers_intro", user=user, options=options,
              keyboard=keyboards.openers(user, len(options)))


async def on_message_text(update: Update, context: BotContext, user: User, text: str) -> None:
    """Stores the user's own message and reviews it (length, tone, questions, hour)."""
    text = text[:MAX_MESSAGE]
    await context.repo.add_answer(user.user_id, NUMBER, "draft", text, state="step7.draft")
    hour = context.clock.now().astimezone(zone(user.timezone)).hour
    result = review(text, local_hour=hour)
    await say(context.bot, user.chat_id, "step7/review", user=user, warnings=result.warnings,
              words=result.words,
              keyboard=keyboards.review(user, ok=result.ok))


async def use_message(context: BotContext, user: User, message: str) -> None:
    """Stores the chosen message and hands it over to be sent by the user, not by the bot."""
    await context.repo.add_answer(user.user_id, NUMBER, "message", message, state="step7.send",
                                  replace=True)
    await say(context.bot, user.chat_id, "step7/ready", user=user, message=message,
              keyboard=keyboards.ready(user))


async def on_button(context: BotContext, user: User, data: Callback) -> bool:
    """The checklist's, openers' and sending buttons, each only while its question is open
    and only on a path that may reach out; False if not ours."""
    state, action, arg = user.state, data.action, data.arg
    if not paths.offers_openers(user.path):
        return False  # openers, checklist and sending belong to reconnecting only
    if action == "go" and state == "step7.still_want":
        await say(context.bot, user.chat_id, "step7/checklist_intro", user=user)
        await ask_check(context, user, 0)
    elif action == "check" and state == "step7.check":
        return await on_check(context, user, arg)
    elif action == "op" and state == "step7.opener" and arg.isdigit():
        options = openers(user)
        if not 1 <= int(arg) <= len(options):
            return False
        await use_message(context, user, options[int(arg) - 1])
    elif action == "own" and state in ("step7.opener", "step7.send"):
        await context.repo.set_state(user.user_id, "step7.draft")
        await say(context.bot, user.chat_id, "step7/ask_own", user=user)
    elif action == "use" and state == "step7.draft":
        draft = await context.repo.latest_answer(user.user_id, NUMBER, "draft")
        if draft is None:
            return False
        await use_message(context, user, draft)
    elif action == "sent" and state == "step7.send":
        await _on_sent(context, user)
    else:
        return False
    return True


async def on_check(context: BotContext, user: User, arg: str) -> bool:
    """Stores one checklist answer: a yes moves on, a no means not yet (and says why)."""
    answered = int(user.state_data.get("answered", 0))
    key = next_check(answered)
    item, _, arg = arg.partition(".")
    if key is None or item != str(answered) or arg not in ("yes", "no"):
        return False  # a button from an earlier item
    await context.repo.add_answer(user.user_id, NUMBER, f"check_{key}", arg, replace=True)
    if arg == "yes":
        await ask_check(context, user, answered + 1)
    else:
        await context.repo.set_state(user.user_id, None)
        await say(context.bot, user.chat_id, "step7/not_yet", user=user, key=key)
    return True


async def _on_sent(context: BotContext, user: User) -> None:
    """Records that the user sent their message (a planned contact, not a slip: the tracker
    and the check-in read it, bot/core/outreach.py) and books the "did they answer?"."""
    now = context.clock.now()
    await context.repo.add_answer(user.user_id, NUMBER, "sent", "yes")
    await context.repo.set_state(user.user_id, None)
    due = follow_up_due(now.astimezone(zone(user.timezone)))
    sent_count = len(await context.repo.answers(user.user_id, NUMBER, "sent"))
    await follow_up(context.repo, user.user_id, user.timezone, step7_after.KIND,
                    f"sent{sent_count}", due)
    await say(context.bot, user.chat_id, "step7/sent", user=user)
