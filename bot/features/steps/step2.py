"""Step 2, raise your standing and know why it hurts: how strong the pull is (0-10), the
"this feeling will pass" mantra in the user's own words, one thing to do instead of obsessing, and
(optionally) one person they could call."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardMarkup, Update

from bot.core.context import BotContext
from bot.core.feature import Feature
from bot.core.said import spec
from bot.features.steps import kit
from bot.features.steps.common import finish_step, use_buttons
from bot.listening.answers import parse_scale
from bot.listening.people import no_one, parse_person
from bot.storage.models import User
from bot.ui.keyboards import Button, Callback, Keyboard
from bot.ui.labels import label
from bot.ui.messaging import say

NUMBER = 2
NS = "s2"
MAX_TEXT = 300
# Things to do instead of obsessing; a tapped one is stored in its label's words.
IDEAS = ("walk", "friend", "write", "move", "breathe")


def pull_keyboard(user: User) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).rows((
        Button("pull", n, label="common/value", text=n) for n in range(11)
    ), per_row=6).markup()


def mantra_keyboard(user: User) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).row(Button("say", label="step2/mantra")).markup()


def instead_keyboard(user: User) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).rows(
        Button("idea", idea, label=f"step2/idea_{idea}") for idea in IDEAS
    ).markup()


async def begin(context: BotContext, user: User) -> None:
    """Sends the guidance and asks how strong the pull is right now."""
    await kit.intro(context, user, NUMBER, NS)
    await ask_pull(context, user)


async def ask_pull(context: BotContext, user: User) -> None:
    await kit.ask(context, user, "step2.pull", "step2/ask_pull", pull_keyboard(user))


async def on_pull_text(update: Update, context: BotContext, user: User, text: str) -> None:
    """Accepts a typed 0-10 ("7", "7/10", "about a seven", "like a 2") as well as the buttons."""
    level = parse_scale(text, 0, 10)
    if level is not None:
        await store_pull(context, user, level)
    else:
        await use_buttons(context, user, keyboard=pull_keyboard(user), text=text)


async def store_pull(context: BotContext, user: User, level: int) -> None:
    """Stores the pull rating and asks for the mantra."""
    await context.repo.add_answer(user.user_id, NUMBER, "pull", str(level), state="step2.mantra",
                                  replace=True)
    await say(context.bot, user.chat_id, "step2/pull_reply", user=user, level=level)
    await ask_mantra(context, user)


async def ask_mantra(context: BotContext, user: User) -> None:
    await kit.ask(context, user, "step2.mantra", "step2/ask_mantra", mantra_keyboard(user))


async def on_mantra(update: Update, context: BotContext, user: User, text: str) -> None:
    """Stores the mantra in the user's own words and asks what they'll do instead of obsessing."""
    await store_mantra(context, user, " ".join(text.split())[:MAX_TEXT])


async def store_mantra(context: BotContext, user: User, mantra: str) -> None:
    await context.repo.add_answer(user.user_id, NUMBER, "mantra", mantra, state="step2.instead",
                                  replace=True)
    await say(context.bot, user.chat_id, "step2/mantra_reply", user=user, mantra=mantra)
    await ask_instead(context, user)


async def ask_instead(context: BotContext, user: User) -> None:
    await kit.ask(context, user, "step2.instead", "step2/ask_instead", instead_keyboard(user))


async def on_instead(update: Update, context: BotContext, user: User, text: str) -> None:
    """Stores the user's own thing to do instead of obsessing, then wraps up the step."""
    await store_instead(context, user, " ".join(text.split())[:MAX_TEXT])


async def store_instead(context: BotContext, user: User, instead: str) -> None:
    """Stores what they'll do instead; asks for someone to call unless they named one already."""
    if await context.repo.trusted_person(user.user_id) is None:
        await context.repo.add_answer(user.user_id, NUMBER, "instead", instead,
                                      state="step2.person", replace=True)
        await ask_person(context, user)
        return
    await context.repo.add_answer(user.user_id, NUMBER, "instead", instead, replace=True)
    await wrap_up(context, user)


async def ask_person(context: BotContext, user: User) -> None:
    """The optional question: one person they could call when the pull is strong."""
    await kit.ask(context, user, "step2.person", "step2/ask_person", kit.skip_keyboard(NS, user))


async def on_person(update: Update, context: BotContext, user: User, text: str) -> None:
    """Stores the trusted person (name, maybe how to reach them) and wraps up the step;
    "nobody" is an answer too: the question is optional, so the step wraps up."""
    if no_one(text):
        await wrap_up(context, user)
        return
    person = parse_person(text)
    if person is None:
        await say(context.bot, user.chat_id, "step2/bad_person", user=user,
                  keyboard=kit.skip_keyboard(NS, user))
        return
    await context.repo.set_trusted_person(user.user_id, *person)
    await wrap_up(context, user)


async def wrap_up(context: BotContext, user: User) -> None:
    await say(context.bot, user.chat_id, "step2/wrap_up", user=user, **await _summary(context, user),
              person=await context.repo.trusted_person(user.user_id))
    await finish_step(context, user, NUMBER)


async def _summary(context: BotContext, user: User) -> dict[str, Any]:
    latest = await kit.latest_answers(context, user, NUMBER)
    return {"pull": latest.get("pull"), "mantra": latest.get("mantra"),
            "instead": latest.get("instead")}


async def enter(context: BotContext, user: User) -> None:
    """Opens the step: the pending question, a review of a finished step, or the guidance."""
    await kit.enter_step(context, user, NUMBER, NS, REASKS, begin, _summary)


async def on_button(update: Update, context: BotContext, user: User, data: Callback) -> None:
    """Handles the pull rating, the say-the-mantra button, the ideas, and redo / next."""
    if await kit.on_shared_button(update, context, user, NUMBER, data.action, begin, REASKS):
        return
    if data.action == "pull" and user.state == "step2.pull" and data.arg.isdigit() \
            and int(data.arg) <= 10:
        await store_pull(context, user, int(data.arg))
    elif data.action == "say" and user.state == "step2.mantra":
        await store_mantra(context, user, label("step2/mantra"))
    elif data.action == "idea" and user.state == "step2.instead" and data.arg in IDEAS:
        await store_instead(context, user, label(f"step2/idea_{data.arg}"))
    elif data.action == "skip" and user.state == "step2.person":
        await wrap_up(context, user)
    else:
        await say(context.bot, user.chat_id, "common/stale_button", user=user)


REASKS: dict[str, kit.ReaskFn] = {
    "step2.pull": ask_pull, "step2.mantra": ask_mantra, "step2.instead": ask_instead,
    "step2.person": ask_person,
}

FEATURE = Feature(
    name="step2",
    callbacks={NS: on_button},
    states={"step2.pull": on_pull_text, "step2.mantra": on_mantra, "step2.instead": on_instead,
            "step2.person": on_person},
    # The person question is optional: "skip" wraps the step up, as its Skip button does.
    specs={"step2.pull": spec(skip=ask_mantra),
           "step2.mantra": spec(skip=ask_instead, back="step2.pull"),
           "step2.instead": spec(back="step2.mantra"),
           "step2.person": spec(skip=wrap_up, back="step2.instead")},
    reasks=REASKS,
)
