"""Crisis care and abuse, wherever they are heard. The listening pipeline (bot/core/listen.py)
hands this feature every crisis finding (bot/features/safety/crisis.py) and every abuse
disclosure (bot/features/safety/abuse.py), in any state; step 1's "did you feel safe?" answered
with a plain "no" comes through step1_answer. Step 7 stays locked on the safety path until an
informed confirmation."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from bot.core.context import BotContext
from bot.core.feature import Feature
from bot.core.hooks import Provides
from bot.core.said import WRITING_TO_THEM, spec
from bot.features.safety import abuse, contacts, crisis, followup, helplines, others
from bot.features.settings import path as settings_path
from bot.features.steps import step1
from bot.features.steps.keyboards import SAFETY_NS
from bot.listening.detectors.abuse import felt_unsafe
from bot.storage.models import User
from bot.ui.keyboards import Callback
from bot.ui.messaging import say

NS = SAFETY_NS


def carry_on_keyboard(user: User) -> InlineKeyboardMarkup:
    return contacts.carry_on(user)


async def on_step1_answer(context: BotContext, user: User, key: str, text: str) -> bool:
    """Step 1's hook after each hard question is stored: a "no" to feeling safe brings the
    abuse note before the step goes on (abuse named in words came through the pipeline)."""
    if key != "safe" or not felt_unsafe(text):
        return False
    await abuse.note(context, user, text, source="safe", stored=True)
    await step1.continue_after(context, user, key)
    return True


async def safety_hold(context: BotContext, user: User) -> bool:
    """True while the abuse flag keeps step 7 locked (read by bot/features/steps/common.py)."""
    record = await context.repo.safety_record(user.user_id)
    return record is not None and record.hold


async def on_button(update: Update, context: BotContext, user: User, data: Callback) -> None:
    """Carry on after a crisis reply, the answer to the direct question, a country for the
    helplines, and the two steps of the informed confirmation that lifts the safety hold
    (/settings asks for it before the path can change), or keeping the safety path."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    action, arg = data.action, data.arg
    if action == "resume":
        await crisis.carry_on(context, user)
    elif action == "ask" and arg in crisis.ANSWERS and user.state == crisis.ASK_STATE:
        await crisis.answered(context, user, arg)
    elif action == "country" and arg.upper() in helplines.listed_countries():
        await crisis.set_country(context, user, arg.upper())
    elif action == "confirm":  # "I'm safe now": first the review, never a single tap
        await abuse.review(context, user)
    elif action == "sure":
        await _confirmed(context, user)
    elif action == "keep":
        await say(context.bot, user.chat_id, "safety/path_kept", user=user)
    else:
        await say(context.bot, user.chat_id, "common/stale_button", user=user)


async def _confirmed(context: BotContext, user: User) -> None:
    """Stores the informed confirmation that the user is safe and chooses to go on (it lifts
    the hold), then asks which path the plan should follow now: the path only changes when
    they pick one."""
    if not await abuse.confirm(context, user):
        await say(context.bot, user.chat_id, "common/stale_button", user=user)
        return
    await say(context.bot, user.chat_id, "safety/confirmed", user=user)
    await settings_path.ask(context, user)


async def on_stats(update: Update, context: BotContext, user: User) -> None:
    """Shows admins counts only (users, crisis screens, abuse flags); others see nothing new."""
    if user.user_id not in context.settings.admin_ids:
        # Answer exactly as for any unknown command, so the command's existence stays private.
        await say(context.bot, user.chat_id, "common/unknown_command", user=user)
        return
    counts = await context.repo.safety_counts()
    await say(context.bot, user.chat_id, "safety/stats", user=user, counts=counts)


FEATURE = Feature(
    name="safety",
    commands={"stats": on_stats},
    # Open, so an unknown-command answer is the same for everyone who is not an admin.
    open_commands=frozenset({"stats"}),
    callbacks={NS: on_button},
    # The direct question takes typed answers; "skip" and "idk" there mean "not sure", and
    # nothing said to it is an urge or a slip to act on instead.
    states={crisis.ASK_STATE: crisis.on_ask_text},
    specs={crisis.ASK_STATE: spec(skip=crisis.on_ask_unsure, unsure=crisis.on_ask_unsure,
                                  expects=WRITING_TO_THEM, controls=False)},
    reasks={crisis.ASK_STATE: crisis.reask},
    # The gentle word the day after a crisis reply (an outbox row, bot/delivery).
    deliveries={followup.KIND: followup.render_followup},
    provides=Provides(crisis_check=crisis.crisis_check, abuse_heard=abuse.abuse_heard,
                      someone_else_heard=others.someone_else_heard,
                      safety_hold=safety_hold, step1_answer=on_step1_answer),
)
