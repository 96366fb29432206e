"""Step 4, cut contact: a checklist (messages, social media, calls, meeting) and the date no
contact began, saved as users.no_contact_since for the tracker, the check-ins and step 7."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from telegram import InlineKeyboardMarkup, Update

from bot.core.context import BotContext
from bot.core.feature import Feature
from bot.core.hooks import Provides, hooks_of
from bot.core.said import spec
from bot.core.streaks import current_days
from bot.features.steps import keyboards, kit
from bot.features.steps.common import (
    announce_done,
    finish_step,
    on_tap_only,
)
from bot.listening.answers import parse_date
from bot.storage.models import User
from bot.ui.keyboards import Button, Callback, Keyboard
from bot.ui.labels import label
from bot.ui.messaging import say

NUMBER = 4
NS = "s4"
# The checklist, in order; the user's ticks are stored as these codes.
CHECKLIST = ("msg", "social", "calls", "meet")
# The quick start dates, in the order offered (see _quick_dates).
SINCE = ("keep", "today", "yesterday", "breakup")


def item_labels(user: User) -> dict[str, str]:
    return {code: label(f"step4/item_{code}", ex=user.ex) for code in CHECKLIST}


def checklist_keyboard(user: User, picked: Sequence[str]) -> InlineKeyboardMarkup:
    items = [Button("toggle", code, label=f"step4/item_{code}", ex=user.ex) for code in CHECKLIST]
    return (Keyboard(NS, user.user_id).rows(keyboards.boxed(items, picked))
            .row(Button("done", label="step4/done")).markup())


def since_keyboard(user: User, quick: Mapping[str, date]) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).rows((
        Button("since", key, label=f"step4/since_{key}", day=quick[key])
        for key in SINCE if key in quick
    ), per_row=2).markup()


async def begin(context: BotContext, user: User) -> None:
    """Sends the guidance and the no-contact checklist."""
    await kit.intro(context, user, NUMBER, NS)
    await ask_checklist(context, user)


async def ask_checklist(context: BotContext, user: User) -> None:
    await kit.ask_checklist(context, user, "step4.checklist", "step4/ask_checklist",
                            lambda ticked: checklist_keyboard(user, ticked))


async def store_checklist(context: BotContext, user: User, picked: list[str]) -> None:
    """Stores the ticked items and asks when no contact began."""
    await context.repo.add_answer(user.user_id, NUMBER, "checklist", ",".join(picked),
                                  state="step4.since", replace=True)
    labels = item_labels(user)
    missing = [label for code, label in labels.items() if code not in picked]
    await say(context.bot, user.chat_id, "step4/checklist_reply", user=user, missing=missing,
              total=len(labels))
    await ask_since(context, user)


def _quick_dates(user: User, today: date) -> dict[str, date]:
    """The start dates offered as buttons: the current one (on a redo), today, yesterday and the
    breakup day, each date once."""
    candidates = {"keep": user.no_contact_since, "today": today,
                  "yesterday": today - timedelta(days=1), "breakup": user.breakup_date}
    quick: dict[str, date] = {}
    for key, when in candidates.items():
        if when is not None and when <= today and when not in quick.values():
            quick[key] = when
    return quick


async def ask_since(context: BotContext, user: User) -> None:
    quick = _quick_dates(user, user.today(context.clock.now()))
    await kit.ask(context, user, "step4.since", "step4/ask_since", since_keyboard(user, quick))


async def on_since_text(update: Update, context: BotContext, user: User, text: str) -> None:
    """Parses a typed start date in the user's calendar ("last saturday", "3 March", "two
    weeks ago"; never in the future) and saves it."""
    when = parse_date(text, user.today(context.clock.now()), user.timezone)
    if when is None:
        quick = _quick_dates(user, user.today(context.clock.now()))
        await say(context.bot, user.chat_id, "step4/bad_since", user=user,
                  keyboard=since_keyboard(user, quick))
        return
    await store_since(context, user, when)


async def store_since(context: BotContext, user: User, since: date) -> None:
    """Saves the no-contact start date on the user and as an answer, then wraps up the step."""
    await context.repo.add_answer(user.user_id, NUMBER, "since", since.isoformat(), replace=True)
    user = await context.repo.update_profile(user.user_id, no_contact_since=since)
    days = current_days(since, user.today(context.clock.now()))
    await say(context.bot, user.chat_id, "step4/wrap_up", user=user, since=since, days=days,
              checkin=user.checkin_time.strftime("%H:%M"))
    if user.programme_asked:
        await finish_step(context, user, NUMBER)
        return
    # The daily programme starts with no contact: asked once, here (or later in /settings),
    # and step 5 is offered once it is answered, so the turn stays at three messages.
    await finish_step(context, user, NUMBER, announce=False)
    await hooks_of(context).offer_programme(context, user, NUMBER)


async def _summary(context: BotContext, user: User) -> dict[str, Any]:
    latest = await kit.latest_answers(context, user, NUMBER)
    labels = item_labels(user)
    since = user.no_contact_since
    return {"items": [labels[c] for c in kit.split_codes(latest.get("checklist")) if c in labels],
            "since": since,
            "days": current_days(since, user.today(context.clock.now()))}


async def enter(context: BotContext, user: User) -> None:
    """Opens the step: the pending question, a review of a finished step, or the guidance."""
    await kit.enter_step(context, user, NUMBER, NS, REASKS, begin, _summary)


async def on_button(update: Update, context: BotContext, user: User, data: Callback) -> None:
    """Handles ticking the checklist, done, the start-date buttons, and redo / next."""
    if await kit.on_shared_button(update, context, user, NUMBER, data.action, begin, REASKS):
        return
    in_checklist = user.state == "step4.checklist"
    if data.action == "toggle" and in_checklist and await kit.on_toggle(
        update, context, user, data.arg, items=CHECKLIST, template="step4/ask_checklist",
        keyboard=lambda ticked: checklist_keyboard(user, ticked)
    ):
        return
    quick = _quick_dates(user, user.today(context.clock.now()))
    if data.action == "done" and in_checklist:
        picked = await kit.picked_or_nudge(context, user, "step4/need_one")
        if picked:
            await store_checklist(context, user, picked)
    elif data.action == "since" and user.state == "step4.since" and data.arg in quick:
        await store_since(context, user, quick[data.arg])
    else:
        await say(context.bot, user.chat_id, "common/stale_button", user=user)


REASKS: dict[str, kit.ReaskFn] = {"step4.checklist": ask_checklist, "step4.since": ask_since}

FEATURE = Feature(
    name="step4",
    taps=kit.TAPS,
    callbacks={NS: on_button},
    states={"step4.checklist": on_tap_only, "step4.since": on_since_text},
    specs={"step4.since": spec(back="step4.checklist")},
    reasks=REASKS,
    # For the morning-item question asked after this step: it offers step 5 once answered.
    provides=Provides(announce_step_done=announce_done),
)
