"""Step 7 on the moving-on path: a goodbye instead of a text. An unsent letter to the ex (written
to the bot, one message at a time, never sent anywhere), a small goodbye ritual, and letting
the last of the hope go. No openers anywhere on this path, and no wait for no-contact days
(bot/core/paths.py). The letter, ritual and hope are step-7 answers, so /export and /delete
cover them like every other answer."""

from __future__ import annotations

from datetime import date
from typing import Any

from telegram import Update

from bot.core.clock import parse_iso, zone
from bot.core.context import BotContext
from bot.features.steps import step7_keyboards as keyboards
from bot.features.steps.common import ReaskFn, on_tap_only
from bot.storage.models import User
from bot.ui.keyboards import Callback
from bot.ui.messaging import say

NUMBER = 7
MAX_PART = 2000
MAX_PARTS = 30
MAX_HOPE = 500
# What the user may type before their hope; the reply quotes only the hope itself.
_HOPE_PREFIX = "i'm letting go of the hope that"


async def closure_done(context: BotContext, user: User) -> bool:
    return await context.repo.latest_answer(user.user_id, NUMBER, "closure") == "done"


async def enter(context: BotContext, user: User) -> None:
    """Picks up the goodbye where it stopped, shows it again once done, or begins it."""
    reask = REASKS.get(user.state or "")
    if reask is not None:
        await reask(context, user)
    elif await closure_done(context, user):
        await context.repo.set_state(user.user_id, None)
        await say(context.bot, user.chat_id, "step7/closure_review", user=user,
                  ritual=await context.repo.latest_answer(user.user_id, NUMBER, "ritual"),
                  hope=await context.repo.latest_answer(user.user_id, NUMBER, "hope"),
                  keyboard=keyboards.closure_review(user))
    else:
        await context.repo.set_state(user.user_id, "step7.closure")
        await say(context.bot, user.chat_id, "step7/intro", user=user,
                  keyboard=keyboards.closure(user, more=True))


async def ask_start(context: BotContext, user: User) -> None:
    """The goodbye's first question again: start the letter now, or another day."""
    await context.repo.set_state(user.user_id, "step7.closure")
    await say(context.bot, user.chat_id, "step7/closure_ask", user=user,
              keyboard=keyboards.closure(user))


async def ask_letter(context: BotContext, user: User, *, fresh: bool = True) -> None:
    """Opens the letter; a fresh one replaces an earlier letter once its first part arrives."""
    await context.repo.set_state(user.user_id, "step7.letter", {"fresh": fresh})
    await say(context.bot, user.chat_id, "step7/letter_ask", user=user,
              keyboard=keyboards.letter_done(user))


async def reask_letter(context: BotContext, user: User) -> None:
    await ask_letter(context, user, fresh=bool(user.state_data.get("fresh")))


async def _parts(context: BotContext, user: User) -> list[str]:
    if user.state == "step7.letter" and user.state_data.get("fresh"):
        return []
    return [a.value for a in await context.repo.answers(user.user_id, NUMBER, "letter")]


async def on_letter(update: Update, context: BotContext, user: User, text: str) -> None:
    """Keeps one part of the unsent letter (never sent anywhere) and asks for more or done."""
    parts = await _parts(context, user)
    if len(parts) >= MAX_PARTS:
        await say(context.bot, user.chat_id, "step7/letter_noted", user=user, count=len(parts),
                  keyboard=keyboards.letter_done(user))
        return
    await context.repo.add_answer(user.user_id, NUMBER, "letter", text[:MAX_PART],
                                  state="step7.letter", state_data={}, replace=not parts)
    await say(context.bot, user.chat_id, "step7/letter_noted", user=user, count=len(parts) + 1,
              keyboard=keyboards.letter_done(user))


async def ask_ritual(context: BotContext, user: User) -> None:
    await context.repo.set_state(user.user_id, "step7.ritual")
    await say(context.bot, user.chat_id, "step7/letter_done", user=user,
              keyboard=keyboards.rituals(user))


async def reask_ritual(context: BotContext, user: User) -> None:
    chosen = user.state_data.get("ritual")
    if chosen in keyboards.RITUALS:
        await say(context.bot, user.chat_id, "step7/ritual", user=user, key=chosen,
                  keyboard=keyboards.ritual(user))
    else:
        await ask_ritual(context, user)


async def ask_hope(context: BotContext, user: User) -> None:
    await context.repo.set_state(user.user_id, "step7.hope")
    await say(context.bot, user.chat_id, "step7/ask_hope", user=user,
              keyboard=keyboards.hope(user))


async def on_hope(update: Update, context: BotContext, user: User, text: str) -> None:
    """Keeps the hope the user is letting go of, and finishes the goodbye."""
    hope = " ".join(text.split())
    if hope.lower().replace("\u2019", "'").startswith(_HOPE_PREFIX):
        hope = hope[len(_HOPE_PREFIX):].strip(" .,:…") or hope
    await context.repo.add_answer(user.user_id, NUMBER, "hope", hope[:MAX_HOPE], replace=True)
    await _finish(context, user, "step7/hope_reply", hope=hope[:MAX_HOPE])


async def _finish(context: BotContext, user: User, template: str, **values: Any) -> None:
    """Marks the goodbye and step 7 done, then says so (no next step: this is the last)."""
    await context.repo.add_answer(user.user_id, NUMBER, "closure", "done", replace=True)
    await context.repo.complete_step(user.user_id, NUMBER)
    await context.repo.set_state(user.user_id, None)
    await say(context.bot, user.chat_id, template, user=user, **values)


async def on_button(context: BotContext, user: User, data: Callback) -> bool:
    """The goodbye's buttons, each only while its question is open; False if not ours."""
    state, action, arg = user.state, data.action, data.arg
    if action == "write" and state == "step7.closure":
        await ask_letter(context, user)
    elif action == "ldone" and state == "step7.letter":
        if not await _parts(context, user):
            await say(context.bot, user.chat_id, "step7/letter_need_one", user=user)
        else:
            await ask_ritual(context, user)
    elif action == "rit" and state == "step7.ritual" and arg in keyboards.RITUALS:
        await context.repo.add_answer(user.user_id, NUMBER, "ritual", arg, replace=True,
                                      state="step7.ritual", state_data={"ritual": arg})
        await say(context.bot, user.chat_id, "step7/ritual", user=user, key=arg,
                  keyboard=keyboards.ritual(user))
    elif action == "ritlater" and state == "step7.ritual" and user.state_data.get("ritual"):
        await say(context.bot, user.chat_id, "step7/ritual_later", user=user,
                  keyboard=keyboards.ritual(user, later=False))
    elif action == "ritdone" and state == "step7.ritual" and user.state_data.get("ritual"):
        await ask_hope(context, user)
    elif action == "hskip" and state == "step7.hope":
        await context.repo.add_answer(user.user_id, NUMBER, "hope", "", replace=True)
        await _finish(context, user, "step7/hope_skipped")
    elif action == "read" and await closure_done(context, user):
        letter = await context.repo.answers(user.user_id, NUMBER, "letter")
        await say(context.bot, user.chat_id, "step7/letter_show", user=user,
                  letter=[a.value for a in letter],
                  written=_local_day(user, letter[0].created_at) if letter else None,
                  keyboard=keyboards.closure_review(user))
    elif action == "again" and await closure_done(context, user):
        await ask_letter(context, user)
    else:
        return False
    return True


def _local_day(user: User, stamp: str) -> date:
    """The user's local date of a stored UTC time."""
    return parse_iso(stamp).astimezone(zone(user.timezone)).date()


REASKS: dict[str, ReaskFn] = {
    "step7.closure": ask_start,
    "step7.letter": reask_letter,
    "step7.ritual": reask_ritual,
    "step7.hope": ask_hope,
}

# Writing to the ex is the point here, so the urge detector stays out of these states (it only
# listens when nothing is open); the crisis and abuse screens still read every text first.
STATES = {"step7.letter": on_letter, "step7.hope": on_hope, "step7.closure": on_tap_only,
          "step7.ritual": on_tap_only}
