"""Control words typed in any question (the listening pipeline's hook): "skip", "cancel",
"stop", "back", "menu", "help", "not sure", and their common variants. They act the same in
every question and are never stored as data: "skip" at the name question is not a name.

skip    the question's own skip (StateSpec.skip); where there is none, the bot says so and
        asks again; with nothing open, a terse skip is told so, and a refusal in a sentence
        ("i don't want to talk about it") gets the companion's reply
unsure  the question's "not sure" answer where it has one, else as skip
back    the question before this one, asked again; where there is none, as cancel
cancel  leaves the question, like /cancel (back to an interrupted question, if one was kept)
stop    as cancel in a question; with nothing open, an offer to pause the check-ins
quiet   "stop messaging me", "unsubscribe": the question left, check-ins paused, asked-for
        follow-ups withdrawn (bot/features/checkins/pause.py)
menu    leaves the question and shows where to go
help    in a question: how to answer it (and where /help is), then the question again; with
        nothing open, /help, but "what should i do now" is the companion's (not knowing what to
        do is about their life, not the commands)
"""

from __future__ import annotations

from typing import Any

from bot.core.context import BotContext
from bot.core.hooks import hooks_of
from bot.core.listen import ask_again
from bot.core.said import Said
from bot.features.checkins import pause
from bot.listening.detectors.topic import topic
from bot.storage.models import User
from bot.ui.keyboards import main_menu
from bot.ui.messaging import say

SENTENCE_WORDS = 4  # a skip said in this many words or more, with nothing open, is talk


def kept(user: User) -> tuple[str | None, dict[str, Any]]:
    """The question an interruption kept (a slip, an SOS, a check-in asked mid-question)."""
    data = user.state_data
    for state_key, data_key in (("prev", "prev_data"), ("back", "back_data")):
        if data.get(state_key):
            return str(data[state_key]), dict(data.get(data_key) or {})
    return None, {}


async def leave(context: BotContext, user: User, *, menu: bool = False) -> None:
    """Leaves the open question: back to one it interrupted, else to nothing pending."""
    if user.state and user.state.startswith("onboard."):
        await say(context.bot, user.chat_id, "common/cancel_onboarding", user=user)
        return
    state, data = kept(user)
    await context.repo.set_state(user.user_id, state, data)
    if menu:
        await say(context.bot, user.chat_id, "common/menu", user=user, keyboard=main_menu(user.ex))
        return
    await say(context.bot, user.chat_id, "common/cancelled", user=user,
              was_waiting=user.state is not None, resuming=state is not None)
    if state is not None:
        await ask_again(context, user)


async def control_word(context: BotContext, user: User, said: Said) -> None:
    """Acts on a control word in the open question (or with none open)."""
    word = said.decision.heard.control
    spec = said.spec
    if word == "quiet":
        await pause.quiet(context, user)
        return
    if word == "stop":
        if spec is None:
            await pause.offer_pause(context, user)
            return
        word = "cancel"
    if word == "help":
        if spec is None and user.onboarded and topic(said.text) == "lost":
            # "what should i do now" with nothing asked is about their life, not the commands
            await hooks_of(context).companion(context, user, said)
            return
        if spec is None:
            await say(context.bot, user.chat_id, "common/help", user=user)
            return
        # in a question: a few words on how to answer it, not the whole list of commands
        await say(context.bot, user.chat_id, "common/help_here", user=user)
        await ask_again(context, user)
        return
    if word == "menu":
        if not user.onboarded:
            await say(context.bot, user.chat_id, "common/finish_onboarding_first", user=user)
            await ask_again(context, user)
            return
        await leave(context, user, menu=True)
        return
    if spec is None:
        # "idk", "not sure" with nothing asked are just words; so is a refusal told in a
        # sentence ("i don't want to talk about it"): a person saying it gets the companion's
        # reply, not "nothing is waiting on an answer" (kept for a terse "skip", "next one")
        if word == "unsure" or (word == "skip" and len(said.text.split()) >= SENTENCE_WORDS):
            await hooks_of(context).companion(context, user, said)
            return
        await say(context.bot, user.chat_id, "common/nothing_open", user=user, word=word)
        return
    if word == "cancel" or (word == "back" and spec.back is None):
        await leave(context, user)
    elif word == "back":
        assert spec.back is not None
        await context.repo.set_state(user.user_id, spec.back, {})
        await ask_again(context, user)
    else:  # skip, unsure
        act = (spec.unsure or spec.skip) if word == "unsure" else spec.skip
        if act is None:
            await say(context.bot, user.chat_id, "common/cant_skip", user=user)
            await ask_again(context, user)
            return
        await act(context, user)
