"""Step 6, let them see you moving on: keeping life private online, then concrete plans for the
coming week (typed one per message, or picked from ideas)."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardMarkup, Update

from bot.core.context import BotContext
from bot.core.feature import Feature
from bot.core.said import spec
from bot.core.sametext import already_there
from bot.features.steps import kit
from bot.features.steps.common import finish_step, use_buttons
from bot.listening.answers import parse_yes_no, says_done
from bot.storage.models import User
from bot.ui.keyboards import Button, Callback, Keyboard
from bot.ui.labels import label
from bot.ui.messaging import say

NUMBER = 6
NS = "s6"
MAX_TEXT = 200
MAX_PLANS = 20
PRIVATE = ("yes", "try")  # the answers to "will you keep your life private online?"
# Plan ideas; a tapped one is stored as a plan in its label's words.
IDEAS = ("friends", "out", "class", "call")


def private_keyboard(user: User) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).rows(
        Button("private", choice, label=f"step6/private_{choice}") for choice in PRIVATE
    ).markup()


def plans_keyboard(user: User) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).rows(
        Button("idea", idea, label=f"step6/idea_{idea}") for idea in IDEAS
    ).row(Button("done", label="step6/done")).markup()


async def begin(context: BotContext, user: User) -> None:
    """Sends the guidance and asks about keeping life private online."""
    await kit.intro(context, user, NUMBER, NS)
    await ask_private(context, user)


async def ask_private(context: BotContext, user: User) -> None:
    await kit.ask(context, user, "step6.private", "step6/ask_private", private_keyboard(user))


async def on_private_text(update: Update, context: BotContext, user: User, text: str) -> None:
    """A typed "yes" (I will) or "not yet" / "I'll try" (I'll try) as the buttons take them."""
    answer = parse_yes_no(text)
    if answer == "yes":
        await store_private(context, user, "yes")
    elif answer == "not_yet" or "try" in text.lower().split():
        await store_private(context, user, "try")
    else:
        await use_buttons(context, user, keyboard=private_keyboard(user), text=text)


async def private_unsure(context: BotContext, user: User) -> None:
    """ "not sure" / "skip" at "will you keep your life private online?": I'll try."""
    await store_private(context, user, "try")


async def store_private(context: BotContext, user: User, choice: str) -> None:
    """Stores the privacy answer and asks for plans; a fresh round replaces the old plans."""
    await context.repo.add_answer(user.user_id, NUMBER, "private", choice, state="step6.plans",
                                  state_data={"fresh": True}, replace=True)
    await say(context.bot, user.chat_id, "step6/private_reply", user=user, choice=choice)
    await ask_plans(context, user)


async def ask_plans(context: BotContext, user: User) -> None:
    await say(context.bot, user.chat_id, "step6/ask_plans", user=user,
              keyboard=plans_keyboard(user))


async def _plans(context: BotContext, user: User) -> list[str]:
    if user.state == "step6.plans" and user.state_data.get("fresh"):
        return []  # a new round has begun; the old plans are replaced by the first new one
    return [a.value for a in await context.repo.answers(user.user_id, NUMBER, "plan")]


async def on_plan(update: Update, context: BotContext, user: User, text: str) -> None:
    """Stores one plan for the coming week and asks for another or Done; "that's all" typed is
    the Done button, not a plan."""
    if says_done(text):
        await finish_plans(context, user)
        return
    await store_plan(context, user, " ".join(text.split())[:MAX_TEXT])


async def finish_plans(context: BotContext, user: User) -> None:
    """Done with the plans: the step's wrap-up, once there is at least one."""
    plans = await _plans(context, user)
    if not plans:
        await say(context.bot, user.chat_id, "step6/need_one", user=user)
        return
    await say(context.bot, user.chat_id, "step6/wrap_up", user=user, **await _summary(context, user))
    await finish_step(context, user, NUMBER)


async def store_plan(context: BotContext, user: User, plan: str) -> None:
    plans = await _plans(context, user)
    repeat = already_there(plan, plans)
    if repeat is not None:
        await say(context.bot, user.chat_id, "step6/plan_there", user=user, plan=repeat,
                  keyboard=plans_keyboard(user))
        return
    if len(plans) >= MAX_PLANS:
        await say(context.bot, user.chat_id, "step6/plans_full", user=user,
                  keyboard=plans_keyboard(user))
        return
    await context.repo.add_answer(user.user_id, NUMBER, "plan", plan, state="step6.plans",
                                  state_data={}, replace=not plans)
    await say(context.bot, user.chat_id, "step6/plan_noted", user=user, plan=plan,
              count=len(plans) + 1, keyboard=plans_keyboard(user))


async def _summary(context: BotContext, user: User) -> dict[str, Any]:
    return {"private": await context.repo.latest_answer(user.user_id, NUMBER, "private"),
            "plans": await _plans(context, user)}


async def enter(context: BotContext, user: User) -> None:
    """Opens the step: the pending question, a review of a finished step, or the guidance."""
    await kit.enter_step(context, user, NUMBER, NS, REASKS, begin, _summary)


async def on_button(update: Update, context: BotContext, user: User, data: Callback) -> None:
    """Handles the privacy answer, plan ideas, done, and redo / next."""
    if await kit.on_shared_button(update, context, user, NUMBER, data.action, begin, REASKS):
        return
    if data.action == "private" and user.state == "step6.private" and data.arg in PRIVATE:
        await store_private(context, user, data.arg)
    elif data.action == "idea" and user.state == "step6.plans" and data.arg in IDEAS:
        await store_plan(context, user, label(f"step6/idea_{data.arg}"))
    elif data.action == "done" and user.state == "step6.plans":
        await finish_plans(context, user)
    else:
        await say(context.bot, user.chat_id, "common/stale_button", user=user)


REASKS: dict[str, kit.ReaskFn] = {"step6.private": ask_private, "step6.plans": ask_plans}

FEATURE = Feature(
    name="step6",
    callbacks={NS: on_button},
    states={"step6.private": on_private_text, "step6.plans": on_plan},
    specs={"step6.private": spec(skip=private_unsure, unsure=private_unsure),
           "step6.plans": spec(back="step6.private")},
    reasks=REASKS,
)
