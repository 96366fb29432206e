"""/start: what the bot is and keeps, then name, the ex's pronoun and nickname, breakup date,
time zone and check-in time; each with a skip. A returning user is offered to carry on."""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.core import journey, taps
from bot.core.context import BotContext
from bot.core.feature import Feature
from bot.core.hooks import hooks_of
from bot.core.said import ReaskFn, StateSpec, spec
from bot.features.onboarding import keyboards
from bot.features.onboarding.keyboards import COMMON_ZONES
from bot.features.steps import keyboards as steps_keyboards
from bot.features.steps.common import done_steps, open_step
from bot.listening import places
from bot.listening.answers import MAX_NAME, declines_name, parse_date, parse_name, parse_pronoun
from bot.listening.times import parse_time
from bot.storage.models import User
from bot.ui.keyboards import Callback, main_menu
from bot.ui.messaging import say

NS = keyboards.NS
# Question order: each state's answer leads to the next; the last one finishes onboarding.
ORDER = ("name", "pronoun", "nickname", "breakup", "tz", "checkin")


async def on_start(update: Update, context: BotContext, user: User) -> None:
    """Greets a newcomer and asks the first question, or offers a returning user to carry on."""
    if user.onboarded:
        step = journey.current_step(await done_steps(context, user))
        reask = hooks_of(context).reasks.get(user.state or "")
        await say(context.bot, user.chat_id, "onboarding/welcome_back", user=user, step=step,
                  waiting=user.state is not None, reasking=reask is not None,
                  keyboard=None if reask else keyboards.resume(user, step))
        if reask is not None:
            await reask(context, user)
        return
    if user.state and user.state.startswith("onboard."):
        await say(context.bot, user.chat_id, "onboarding/resume", user=user)
        await ask(context, user, user.state.removeprefix("onboard."))
        return
    await say(context.bot, user.chat_id, "onboarding/welcome", user=user)
    await ask(context, user, ORDER[0])


async def ask(context: BotContext, user: User, key: str, preface: dict | None = None) -> None:
    """Sets the state for question `key` and asks it, with its buttons. The state is stored
    before anything is sent, so a crash never leaves an acknowledged answer half-applied."""
    await context.repo.set_state(user.user_id, f"onboard.{key}")
    user = await context.repo.get_user(user.user_id) or user
    if preface is not None:
        await say(context.bot, user.chat_id, preface.pop("template"), user=user, **preface)
    await say(context.bot, user.chat_id, f"onboarding/ask_{key}", user=user,
              keyboard=keyboards.ASK[key](user),
              default_tz=context.settings.default_timezone,
              default_time=context.settings.default_checkin_time.strftime("%H:%M"))


async def advance(context: BotContext, user: User, key: str, preface: dict | None = None) -> None:
    position = ORDER.index(key)
    if position + 1 < len(ORDER):
        await ask(context, user, ORDER[position + 1], preface)
    else:
        await finish(context, user)


async def finish(context: BotContext, user: User) -> None:
    """Marks onboarding done, sums up what was set, shows the SOS keyboard and offers step 1."""
    await context.repo.mark_onboarded(user.user_id)
    await context.repo.set_state(user.user_id, None)
    user = await context.repo.get_user(user.user_id) or user
    await say(context.bot, user.chat_id, "onboarding/done", user=user,
              checkin=user.checkin_time.strftime("%H:%M"), user_tz=user.timezone,
              keyboard=main_menu(user.ex))
    await say(context.bot, user.chat_id, "onboarding/offer_step1", user=user,
              keyboard=steps_keyboards.open_step(user, 1))


async def _not_read(context: BotContext, user: User, text: str, template: str,
                    **values: Any) -> None:
    """Words the open question could not read: an acknowledgement and the question again when
    they tell how the user feels (the companion's aside), else the question's own re-ask."""
    if not await hooks_of(context).aside(context, user, text, False):
        await say(context.bot, user.chat_id, template, user=user, **values)


async def _store_name(context: BotContext, user: User, text: str, field: str, column: str,
                      whose: str) -> None:
    """Stores a name (not a sentence) in the profile's `column` and asks the next question, or
    says kindly what a name looks like."""
    name = parse_name(text)
    if name.name is None and name.reason in ("not_a_name", "sentence") and declines_name(text):
        await advance(context, user, field)  # "nope", "my ex is fine": both questions are optional
        return
    if name.name is None and name.reason in ("sentence", "too_long", "not_a_name") and \
            await hooks_of(context).aside(context, user, text, False):
        return  # "i cant stop crying, he blocked me everywhere": heard, then the question again
    if name.name is None:
        await say(context.bot, user.chat_id, "onboarding/bad_name", user=user, limit=MAX_NAME,
                  reason=name.reason, whose=whose)
        return
    user = await context.repo.update_profile(user.user_id, **{column: name.name})
    await advance(context, user, field)


async def on_name(update: Update, context: BotContext, user: User, text: str) -> None:
    """Stores what to call the user (a name, not a sentence) and asks for the ex's pronoun."""
    await _store_name(context, user, text, "name", "display_name", "yours")


async def on_pronoun(update: Update, context: BotContext, user: User, text: str) -> None:
    """Accepts a typed pronoun ("she", "her", "they/them", "he's a guy") as well as the buttons."""
    choice = parse_pronoun(text)
    if choice is None:
        await say(context.bot, user.chat_id, "onboarding/bad_pronoun", user=user,
                  keyboard=keyboards.pronoun(user))
        return
    user = await context.repo.update_profile(user.user_id, ex_pronoun=choice)
    await advance(context, user, "pronoun")


async def on_nickname(update: Update, context: BotContext, user: User, text: str) -> None:
    """Stores what to call the ex (a name, not a sentence) and asks for the breakup date."""
    await _store_name(context, user, text, "nickname", "ex_nickname", "theirs")


async def on_breakup(update: Update, context: BotContext, user: User, text: str) -> None:
    """Parses the breakup date in the user's calendar ("two weeks ago", "last saturday",
    "3 March"; never in the future)."""
    when = parse_date(text, user.today(context.clock.now()), user.timezone)
    if when is None:
        await _not_read(context, user, text, "onboarding/bad_date",
                        keyboard=keyboards.breakup(user))
        return
    user = await context.repo.update_profile(user.user_id, breakup_date=when)
    await advance(context, user, "breakup")


async def on_tz(update: Update, context: BotContext, user: User, text: str) -> None:
    """Accepts a city (the gazetteer gives its zone and country), an IANA name or an offset."""
    place = await places.find(text)
    if place is None:
        await _not_read(context, user, text, "onboarding/bad_tz",
                        region=places.several_clocks(text))
        return
    user = await context.repo.update_profile(user.user_id, timezone=place.zone)
    if place.country and place.country != user.country:
        await context.repo.set_country(user.user_id, place.country)  # for helplines
    await advance(context, user, "tz", preface={"template": "onboarding/tz_set", "tz": place.zone,
                                                "place": place.name})


async def on_checkin(update: Update, context: BotContext, user: User, text: str) -> None:
    """Stores the daily check-in time ("21:30", "7pm") and finishes onboarding."""
    when = parse_time(text)
    if when is None:
        await _not_read(context, user, text, "onboarding/bad_time")
        return
    user = await context.repo.update_profile(user.user_id, checkin_time=when)
    await advance(context, user, "checkin")


TEXT_STEPS = {
    "name": on_name, "pronoun": on_pronoun, "nickname": on_nickname, "breakup": on_breakup,
    "tz": on_tz, "checkin": on_checkin,
}


async def on_button(update: Update, context: BotContext, user: User, data: Callback) -> None:
    """Handles the onboarding buttons: skips, pronouns, quick dates, zones, times and resume."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    if data.action == "resume":
        await resume(context, user)
        return
    key = data.action
    if user.state != f"onboard.{key}":
        await say(context.bot, user.chat_id, "common/stale_button", user=user)
        return
    if data.arg == "skip":
        await advance(context, user, key)
    elif key in TEXT_STEPS and data.arg:
        await TEXT_STEPS[key](update, context, user, _arg_text(key, data.arg))
    else:
        await say(context.bot, user.chat_id, "common/stale_button", user=user)


def _arg_text(key: str, arg: str) -> str:
    # Zone buttons carry an index into COMMON_ZONES: zone names do not fit the callback alphabet.
    if key == "tz":
        return COMMON_ZONES[int(arg)] if arg.isdigit() and int(arg) < len(COMMON_ZONES) else ""
    return arg


async def resume(context: BotContext, user: User) -> None:
    """Carries on: re-asks a pending question, or opens the current step."""
    if user.state:
        reask = hooks_of(context).reasks.get(user.state)
        if reask is not None:
            await reask(context, user)
        else:
            await say(context.bot, user.chat_id, "onboarding/resume_waiting", user=user)
        return
    step = journey.current_step(await done_steps(context, user))
    await open_step(context, user, step)


def _reask(key: str) -> ReaskFn:
    async def reask(context: BotContext, user: User) -> None:
        """Asks the pending onboarding question `key` again."""
        await ask(context, user, key)

    return reask


def _skip(key: str) -> ReaskFn:
    async def skip(context: BotContext, user: User) -> None:
        """ "skip" typed at question `key`: as its skip button (the default stays)."""
        await advance(context, user, key)

    return skip


def _spec(key: str) -> StateSpec:
    """Every setup question can be skipped; "back" asks the one before it."""
    position = ORDER.index(key)
    return spec(skip=_skip(key), back=f"onboard.{ORDER[position - 1]}" if position else None)


FEATURE = Feature(
    name="onboarding",
    commands={"start": on_start},
    callbacks={NS: on_button},
    states={f"onboard.{key}": fn for key, fn in TEXT_STEPS.items()},
    specs={f"onboard.{key}": _spec(key) for key in ORDER},
    reasks={f"onboard.{key}": _reask(key) for key in ORDER},
    open_commands=frozenset({"start"}),
    taps={"resume": taps.AGAIN},
)
