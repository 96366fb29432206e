"""Crisis care and the abuse screen. Every private text is screened first: crisis language
pauses whatever flow was open and answers with care and helplines; in step 1, a "no" to
"did you feel safe?" or any mention of violence, threats or control brings domestic-abuse
contacts and keeps step 7 locked until the user explicitly says they want to go on."""

from __future__ import annotations

import logging
from typing import Any

from telegram import InlineKeyboardMarkup, Update

from bot.core.context import BotContext
from bot.core.feature import Feature
from bot.core.hooks import Provides
from bot.features.onboarding import handlers as onboarding
from bot.features.safety import helplines
from bot.features.settings import path as settings_path
from bot.features.steps import step1
from bot.features.steps.keyboards import SAFETY_NS
from bot.listening import crisis
from bot.storage.models import User
from bot.ui.keyboards import Button, Callback, Keyboard
from bot.ui.messaging import say

log = logging.getLogger(__name__)
NS = SAFETY_NS
# Step-1 states whose free text is a written-out problem (the screen stores it, then speaks).
_PROBLEM_STATES = {"step1.begin": step1.on_begin_text, "step1.problems": step1.on_problem}


def contacts(kind: str, user: User) -> dict[str, Any]:
    """Template values: the user's country (from their time zone) and the lines to show."""
    country = helplines.country_for_zone(user.timezone)
    own, everywhere = helplines.lines_for(kind, country)
    return {"country": country, "own": own, "everywhere": everywhere}


def carry_on_keyboard(user: User) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).row(Button("resume", label="safety/carry_on")).markup()


async def crisis_check(update: Update, context: BotContext, user: User, text: str) -> bool:
    """Pauses the flow and answers with care and helplines when the text speaks of crisis;
    stores nothing of the text (the router also calls it on messages too long to keep)."""
    if not crisis.is_crisis(text):
        return False
    await context.repo.pause_for_crisis(user.user_id, user.state, user.state_data)
    # No user id or words in the log: only that the screen fired.
    log.info("crisis screen fired")
    await say(context.bot, user.chat_id, "safety/crisis", user=user,
              keyboard=carry_on_keyboard(user),
              **contacts("crisis", user))
    return True


async def screen(update: Update, context: BotContext, user: User, text: str) -> bool:
    """Answers crisis language before anything else; screens step-1 problems for abuse."""
    if await crisis_check(update, context, user, text):
        return True
    write_problem = _PROBLEM_STATES.get(user.state or "")
    if write_problem is not None and crisis.mentions_abuse(text):
        await write_problem(update, context, user, text.strip())
        if await context.repo.flag_abuse(user.user_id, "problem"):
            # The note's last message carries the step's button, so the turn ends on what to do.
            await _abuse_note(context, user, writing=True,
                              keyboard=step1.problems_done_keyboard(user))
        return True
    return False


async def on_step1_answer(context: BotContext, user: User, key: str, text: str) -> bool:
    """Step 1's hook after each hard question is stored: a "no" to feeling safe, or abuse
    named in any answer, brings the abuse note before the step goes on."""
    unsafe = crisis.felt_unsafe(text) if key == "safe" else crisis.mentions_abuse(text)
    if not unsafe:
        return False
    if await context.repo.flag_abuse(user.user_id, key):
        await _abuse_note(context, user)
    elif key == "safe":
        await say(context.bot, user.chat_id, "safety/abuse_again", user=user)
    await step1.continue_after(context, user, key)
    return True


async def _abuse_note(context: BotContext, user: User, *, writing: bool = False,
                      keyboard: InlineKeyboardMarkup | None = None) -> None:
    await say(context.bot, user.chat_id, "safety/abuse", user=user, writing=writing,
              keyboard=keyboard, **contacts("abuse", user))


async def safety_hold(context: BotContext, user: User) -> bool:
    """True while the abuse flag keeps step 7 locked (read by bot/features/steps/common.py)."""
    record = await context.repo.safety_record(user.user_id)
    return record is not None and record.hold


async def on_button(update: Update, context: BotContext, user: User, data: Callback) -> None:
    """Carry on after a crisis message; lift the safety hold on the informed confirmation
    (/settings asks for it before the path can change), or keep the safety path."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    if data.action == "resume":
        await _resume(context, user)
    elif data.action == "confirm":
        await _confirm(context, user)
    elif data.action == "keep":
        await say(context.bot, user.chat_id, "safety/path_kept", user=user)
    else:
        await say(context.bot, user.chat_id, "common/stale_button", user=user)


async def _resume(context: BotContext, user: User) -> None:
    """Puts back the question the crisis message interrupted, and asks it again if we can."""
    if user.state is not None:
        await say(context.bot, user.chat_id, "safety/resumed", user=user, waiting=True,
                  paused=False, onboarded=user.onboarded)
        return
    resumed = await context.repo.resume_paused(user.user_id)
    user = await context.repo.get_user(user.user_id) or user
    state = resumed[0] if resumed else ""
    if state.startswith("onboard."):
        await onboarding.ask(context, user, state.removeprefix("onboard."))
        return
    if state.removeprefix("step1.") in step1.QUESTIONS:
        await step1.ask_question(context, user, state.removeprefix("step1."))
        return
    if state == "step1.problems":
        await step1.ask_problems(context, user)
        return
    await say(context.bot, user.chat_id, "safety/resumed", user=user, waiting=False,
              paused=resumed is not None, onboarded=user.onboarded)


async def _confirm(context: BotContext, user: User) -> None:
    """Stores the informed confirmation that the user is safe and chooses to go on (it lifts
    the hold), then asks which path the plan should follow now: the path only changes when
    they pick one."""
    if not await context.repo.confirm_step7(user.user_id):
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
    interceptors=[screen],
    # The router screens edits, captions and over-long texts with crisis_check; the step locks
    # read safety_hold; step 1 hands each hard answer to on_step1_answer.
    provides=Provides(crisis_check=crisis_check, safety_hold=safety_hold,
                      step1_answer=on_step1_answer),
)
