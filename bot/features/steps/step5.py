"""Step 5, be your best self: the user ticks activities (talking to someone, looking after
themselves, growing), may add one of their own, then commits to the ones they start this week."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from telegram import InlineKeyboardMarkup, Update

from bot.core.context import BotContext
from bot.core.feature import Feature
from bot.core.said import spec
from bot.core.sametext import already_there
from bot.features.steps import keyboards, kit
from bot.features.steps.common import finish_step, on_tap_only
from bot.storage.models import User
from bot.ui.keyboards import Button, Callback, Keyboard
from bot.ui.labels import label
from bot.ui.messaging import say

NUMBER = 5
NS = "s5"
MAX_TEXT = 200
# The activities, in checklist order; the user's ticks are stored as these codes.
ACTIVITIES = ("friends", "family", "pro", "exercise", "care", "look", "read", "course", "hobby",
              "skill")
OWN = "own"  # the code of the user's own activity among the commitments
Choices = Sequence[tuple[str, str]]


def activity_labels() -> dict[str, str]:
    return {code: label(f"step5/activity_{code}") for code in ACTIVITIES}


def activities_keyboard(user: User, picked: Sequence[str]) -> InlineKeyboardMarkup:
    items = [Button("toggle", code, label=f"step5/activity_{code}") for code in ACTIVITIES]
    return (Keyboard(NS, user.user_id).rows(keyboards.boxed(items, picked))
            .row(Button("done", label="step5/done")).markup())


def commit_keyboard(user: User, picked: Sequence[str], choices: Choices) -> InlineKeyboardMarkup:
    """The user's picks (their own words shortened) to commit to."""
    items = [Button("toggle", code, label="step5/commitment", text=text) for code, text in choices]
    return (Keyboard(NS, user.user_id).rows(keyboards.boxed(items, picked))
            .row(Button("done", label="step5/commit_done")).markup())


async def begin(context: BotContext, user: User) -> None:
    """Sends the guidance and the list of activities to pick from."""
    await kit.intro(context, user, NUMBER, NS)
    await ask_activities(context, user)


async def ask_activities(context: BotContext, user: User) -> None:
    await kit.ask_checklist(context, user, "step5.pick", "step5/ask_activities",
                            lambda ticked: activities_keyboard(user, ticked))


async def ask_own(context: BotContext, user: User) -> None:
    await kit.ask(context, user, "step5.own", "step5/ask_own", kit.skip_keyboard(NS, user))


async def _choices(context: BotContext, user: User) -> list[tuple[str, str]]:
    """(code, label) of what the user picked, their own activity last."""
    latest = await kit.latest_answers(context, user, NUMBER)
    labels = activity_labels()
    found = [(c, labels[c]) for c in kit.split_codes(latest.get("activities")) if c in labels]
    if latest.get(OWN):
        found.append((OWN, latest[OWN]))
    return found


async def ask_commit(context: BotContext, user: User) -> None:
    choices = await _choices(context, user)
    await kit.ask_checklist(context, user, "step5.commit", "step5/ask_commit",
                            lambda ticked: commit_keyboard(user, ticked, choices), choices=choices)


async def on_own(update: Update, context: BotContext, user: User, text: str) -> None:
    """Stores the user's own activity and asks which ones they commit to; one already ticked
    is pointed out instead of being added twice."""
    own = " ".join(text.split())[:MAX_TEXT]
    repeat = already_there(own, [text for _, text in await _choices(context, user)])
    if repeat is not None:
        await say(context.bot, user.chat_id, "step5/own_there", user=user, own=repeat,
                  keyboard=kit.skip_keyboard(NS, user))
        return
    await store_own(context, user, own)


async def store_own(context: BotContext, user: User, own: str) -> None:
    await context.repo.add_answer(user.user_id, NUMBER, OWN, own, state="step5.commit",
                                  replace=True)
    await ask_commit(context, user)


async def _summary(context: BotContext, user: User) -> dict[str, Any]:
    choices = dict(await _choices(context, user))
    committed = kit.split_codes(await context.repo.latest_answer(user.user_id, NUMBER, "commit"))
    return {"picked": list(choices.values()),
            "committed": [choices[c] for c in committed if c in choices]}


async def enter(context: BotContext, user: User) -> None:
    """Opens the step: the pending question, a review of a finished step, or the guidance."""
    await kit.enter_step(context, user, NUMBER, NS, REASKS, begin, _summary)


async def _on_pick_done(context: BotContext, user: User) -> None:
    """Stores the ticked activities and asks for one of the user's own."""
    picked = await kit.picked_or_nudge(context, user, "step5/need_one")
    if not picked:
        return
    await context.repo.add_answer(user.user_id, NUMBER, "activities", ",".join(picked),
                                  state="step5.own", replace=True)
    await ask_own(context, user)


async def _on_commit_done(context: BotContext, user: User) -> None:
    """Stores the commitments and wraps up the step."""
    picked = await kit.picked_or_nudge(context, user, "step5/need_commit")
    if not picked:
        return
    await context.repo.add_answer(user.user_id, NUMBER, "commit", ",".join(picked), replace=True)
    await say(context.bot, user.chat_id, "step5/wrap_up", user=user, **await _summary(context, user))
    await finish_step(context, user, NUMBER)


async def on_button(update: Update, context: BotContext, user: User, data: Callback) -> None:
    """Handles both checklists, done, skip, and redo / next."""
    if await kit.on_shared_button(update, context, user, NUMBER, data.action, begin, REASKS):
        return
    state, action = user.state, data.action
    if action == "toggle" and state == "step5.pick":
        if await kit.on_toggle(update, context, user, data.arg, items=ACTIVITIES,
                               template="step5/ask_activities",
                               keyboard=lambda ticked: activities_keyboard(user, ticked)):
            return
    elif action == "toggle" and state == "step5.commit":
        choices = await _choices(context, user)
        if await kit.on_toggle(update, context, user, data.arg, items=dict(choices),
                               template="step5/ask_commit",
                               keyboard=lambda ticked: commit_keyboard(user, ticked, choices),
                               choices=choices):
            return
    elif action == "done" and state == "step5.pick":
        return await _on_pick_done(context, user)
    elif action == "done" and state == "step5.commit":
        return await _on_commit_done(context, user)
    elif action == "skip" and state == "step5.own":
        return await store_own(context, user, "")
    await say(context.bot, user.chat_id, "common/stale_button", user=user)


async def skip_own(context: BotContext, user: User) -> None:
    """ "skip" typed at the own-words question: as its skip button."""
    await store_own(context, user, "")


REASKS: dict[str, kit.ReaskFn] = {
    "step5.pick": ask_activities, "step5.own": ask_own, "step5.commit": ask_commit,
}

FEATURE = Feature(
    name="step5",
    taps=kit.TAPS,
    callbacks={NS: on_button},
    states={"step5.pick": on_tap_only, "step5.own": on_own, "step5.commit": on_tap_only},
    specs={"step5.own": spec(skip=skip_own)},
    reasks=REASKS,
)
