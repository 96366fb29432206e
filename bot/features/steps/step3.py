"""Step 3, keep your dignity: no pleading, begging, angry scenes, tearful calls or floods of texts.
The user ticks the promises they make and may add one in their own words."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from telegram import InlineKeyboardMarkup, Update

from bot.core import paths
from bot.core.context import BotContext
from bot.core.feature import Feature
from bot.core.said import spec
from bot.features.steps import keyboards, kit
from bot.features.steps.common import finish_step, on_tap_only
from bot.storage.models import User
from bot.ui.keyboards import Button, Callback, Keyboard
from bot.ui.labels import label
from bot.ui.messaging import say

NUMBER = 3
NS = "s3"
MAX_TEXT = 300
# The promises, in checklist order; the user's ticks are stored as these codes. The safety
# path promises to protect the user's peace instead (no "dignity is attractive" there).
PLEDGES = ("plead", "anger", "calls", "texts")
SAFETY_PLEDGES = ("explain", "confront", "alone", "reply")


def pledges_for(user: User) -> tuple[str, ...]:
    return SAFETY_PLEDGES if user.path == paths.SAFETY else PLEDGES


def pledge_labels(user: User) -> dict[str, str]:
    """Every promise's label (both paths': a summary shows what was ticked, whichever path)."""
    return {code: label(f"step3/pledge_{code}", ex=user.ex)
            for code in (*PLEDGES, *SAFETY_PLEDGES)}


def pledges_keyboard(user: User, picked: Sequence[str]) -> InlineKeyboardMarkup:
    items = [Button("toggle", code, label=f"step3/pledge_{code}", ex=user.ex)
             for code in pledges_for(user)]
    return (Keyboard(NS, user.user_id).rows(keyboards.boxed(items, picked))
            .row(Button("all", label="step3/all")).row(Button("done", label="step3/done"))
            .markup())


async def begin(context: BotContext, user: User) -> None:
    """Sends the guidance and the checklist of promises."""
    await kit.intro(context, user, NUMBER, NS)
    await ask_pledges(context, user)


async def ask_pledges(context: BotContext, user: User) -> None:
    await kit.ask_checklist(context, user, "step3.pledges", "step3/ask_pledges",
                            lambda ticked: pledges_keyboard(user, ticked))


async def ask_own(context: BotContext, user: User) -> None:
    await kit.ask(context, user, "step3.own", "step3/ask_own", kit.skip_keyboard(NS, user))


async def on_own(update: Update, context: BotContext, user: User, text: str) -> None:
    """Stores the promise in the user's own words and wraps up the step."""
    await store_own(context, user, " ".join(text.split())[:MAX_TEXT])


async def store_own(context: BotContext, user: User, own: str) -> None:
    # An empty value on skip replaces an earlier round's words rather than leaving them behind.
    await context.repo.add_answer(user.user_id, NUMBER, "own", own, replace=True)
    await say(context.bot, user.chat_id, "step3/wrap_up", user=user, **await _summary(context, user))
    await finish_step(context, user, NUMBER)


async def store_pledges(context: BotContext, user: User, picked: list[str]) -> None:
    """Stores the ticked promises and asks for one in the user's own words."""
    await context.repo.add_answer(user.user_id, NUMBER, "pledges", ",".join(picked),
                                  state="step3.own", replace=True)
    await ask_own(context, user)


async def _summary(context: BotContext, user: User) -> dict[str, Any]:
    latest = await kit.latest_answers(context, user, NUMBER)
    labels = pledge_labels(user)
    return {"pledges": [labels[c] for c in kit.split_codes(latest.get("pledges")) if c in labels],
            "own": latest.get("own")}


async def enter(context: BotContext, user: User) -> None:
    """Opens the step: the pending question, a review of a finished step, or the guidance."""
    await kit.enter_step(context, user, NUMBER, NS, REASKS, begin, _summary)


async def on_button(update: Update, context: BotContext, user: User, data: Callback) -> None:
    """Handles ticking promises, all, done, skip, and redo / next."""
    if await kit.on_shared_button(update, context, user, NUMBER, data.action, begin, REASKS):
        return
    in_pledges = user.state == "step3.pledges"
    if data.action == "toggle" and in_pledges and await kit.on_toggle(
        update, context, user, data.arg, items=pledges_for(user), template="step3/ask_pledges",
        keyboard=lambda ticked: pledges_keyboard(user, ticked)
    ):
        return
    if data.action == "all" and in_pledges:
        await store_pledges(context, user, list(pledges_for(user)))
    elif data.action == "done" and in_pledges:
        picked = await kit.picked_or_nudge(context, user, "step3/need_one")
        if picked:
            await store_pledges(context, user, picked)
    elif data.action == "skip" and user.state == "step3.own":
        await store_own(context, user, "")
    else:
        await say(context.bot, user.chat_id, "common/stale_button", user=user)


async def skip_own(context: BotContext, user: User) -> None:
    """ "skip" typed at the own-words question: as its skip button."""
    await store_own(context, user, "")


REASKS: dict[str, kit.ReaskFn] = {"step3.pledges": ask_pledges, "step3.own": ask_own}

FEATURE = Feature(
    name="step3",
    taps=kit.TAPS,
    callbacks={NS: on_button},
    states={"step3.pledges": on_tap_only, "step3.own": on_own},
    specs={"step3.own": spec(skip=skip_own)},
    reasks=REASKS,
)
