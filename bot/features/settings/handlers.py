"""/settings: what the bot calls the user and the ex, the plan's path, time zone, check-in time,
summary day and pause, each changed with a button and a typed or tapped answer. Bad answers
change nothing."""

from __future__ import annotations

from telegram import Update

from bot.core import taps
from bot.core.context import BotContext
from bot.core.feature import Feature
from bot.core.hooks import hooks_of
from bot.core.said import ReaskFn, spec
from bot.delivery.schedule import reschedule
from bot.features.checkins import pause
from bot.features.onboarding.keyboards import COMMON_ZONES
from bot.features.settings import keyboards, path
from bot.features.settings.keyboards import FIELDS, PATH, PROGRAMME, day_name
from bot.listening import places
from bot.listening.answers import MAX_NAME, parse_name, parse_pronoun
from bot.listening.people import MAX_NAME as MAX_PERSON
from bot.listening.people import parse_person
from bot.listening.times import parse_time, parse_weekday
from bot.storage.models import User
from bot.ui.keyboards import Callback, main_menu
from bot.ui.messaging import say

NS = keyboards.NS
# Fields whose change moves the check-in or the weekly summary.
SCHEDULE_FIELDS = frozenset({"tz", "time", "day"})


async def show_menu(context: BotContext, user: User) -> None:
    """Sends the current settings with a button to change each."""
    await say(context.bot, user.chat_id, "settings/overview", user=user,
              **_describe(user, context), person=await context.repo.trusted_person(user.user_id),
              keyboard=keyboards.menu(user))


def _describe(user: User, context: BotContext) -> dict[str, object]:
    due = pause.stored_due(user.next_checkin_at)
    return {
        "display_name": user.display_name, "nickname": user.ex_nickname,
        "pronoun": user.ex_pronoun, "user_tz": user.timezone,
        "checkin": user.checkin_time.strftime("%H:%M"),
        "summary_day": day_name(user.weekly_summary_day), "paused": user.checkins_paused,
        "started": user.no_contact_since is not None, "next_local": pause.local_label(user, due),
        "programme": user.programme_time.strftime("%H:%M") if user.programme_time else None,
        "chosen": user.path_chosen,
    }


async def ask(context: BotContext, user: User, field: str) -> None:
    """Sets the state for `field` and asks for the new value, with its buttons."""
    await context.repo.set_state(user.user_id, f"settings.{field}")
    person = await context.repo.trusted_person(user.user_id)
    await say(context.bot, user.chat_id, f"settings/ask_{field}", user=user,
              keyboard=keyboards.person(user, person is not None) if field == "person"
              else keyboards.ASK[field](user),
              **_describe(user, context), person=person)


async def saved(context: BotContext, user: User, field: str) -> None:
    """Leaves the question, reschedules when the change touches time, and confirms."""
    await context.repo.set_state(user.user_id, None)
    if field in SCHEDULE_FIELDS:
        await reschedule(context.repo, user.user_id, context.clock.now())
    user = await context.repo.get_user(user.user_id) or user
    # A new pronoun brings the reply keyboard's button in line ("I want to text her"); the
    # menu is one tap on /settings away.
    await say(context.bot, user.chat_id, "settings/saved", user=user, field=field,
              **_describe(user, context), person=await context.repo.trusted_person(user.user_id),
              keyboard=main_menu(user.ex) if field == "pronoun" else keyboards.more(user))


async def refuse(context: BotContext, user: User, field: str, reason: str | None = None, *,
                 region: str | None = None, text: str = "") -> None:
    """A kind word on a bad answer; the question stays open and nothing is changed. `region`:
    a country or state of several time zones, named ("usa"), so the reply asks for the city.
    Words that tell how the user feels (`text`) are acknowledged before the question again."""
    if text and reason not in ("question", "control", "crisis", "urge") and \
            await hooks_of(context).aside(context, user, text, False):
        return
    await say(context.bot, user.chat_id, f"settings/bad_{field}", user=user,
              limit=MAX_PERSON if field == "person" else MAX_NAME, reason=reason, region=region)


async def _store_name(context: BotContext, user: User, text: str, field: str, column: str
                      ) -> None:
    """Stores a name (not a sentence) in the profile's `column` and confirms, or refuses."""
    name = parse_name(text)
    if name.name is None:
        await refuse(context, user, field, name.reason, text=text)
        return
    user = await context.repo.update_profile(user.user_id, **{column: name.name})
    await saved(context, user, field)


async def on_name(update: Update, context: BotContext, user: User, text: str) -> None:
    """Stores what to call the user (a name, not a sentence) and confirms."""
    await _store_name(context, user, text, "name", "display_name")


async def on_pronoun(update: Update, context: BotContext, user: User, text: str) -> None:
    """Stores the ex's pronoun ("she", "him", "they/them") and confirms."""
    choice = parse_pronoun(text)
    if choice is None:
        await refuse(context, user, "pronoun", text=text)
        return
    user = await context.repo.update_profile(user.user_id, ex_pronoun=choice)
    await saved(context, user, "pronoun")


async def on_nickname(update: Update, context: BotContext, user: User, text: str) -> None:
    """Stores the ex's nickname (a name, not a sentence) and confirms."""
    await _store_name(context, user, text, "nickname", "ex_nickname")


async def on_person(update: Update, context: BotContext, user: User, text: str) -> None:
    """Stores the one person to call when it gets hard (a name, maybe how to reach them)."""
    person = parse_person(text)
    if person is None:
        await refuse(context, user, "person", text=text)
        return
    await context.repo.set_trusted_person(user.user_id, *person)
    await saved(context, user, "person")


async def on_tz(update: Update, context: BotContext, user: User, text: str) -> None:
    """Stores the time zone (a city, an IANA name or an offset), reschedules and confirms."""
    place = await places.find(text)
    if place is None:
        await refuse(context, user, "tz", region=places.several_clocks(text), text=text)
        return
    user = await context.repo.update_profile(user.user_id, timezone=place.zone)
    if place.country:
        await context.repo.set_country(user.user_id, place.country)  # for helplines
    await saved(context, user, "tz")


async def on_time(update: Update, context: BotContext, user: User, text: str) -> None:
    """Stores the daily check-in time, reschedules and confirms."""
    when = parse_time(text)
    if when is None:
        await refuse(context, user, "time", text=text)
        return
    user = await context.repo.update_profile(user.user_id, checkin_time=when)
    await saved(context, user, "time")


async def on_day(update: Update, context: BotContext, user: User, text: str) -> None:
    """Stores the weekly summary day, re-arms the summary and confirms."""
    weekday = parse_weekday(text)
    if weekday is None:
        await refuse(context, user, "day", text=text)
        return
    await context.repo.set_weekly_summary_day(user.user_id, weekday)
    await saved(context, user, "day")


TEXT_FIELDS = {
    "name": on_name, "pronoun": on_pronoun, "nickname": on_nickname, "person": on_person,
    "tz": on_tz, "time": on_time, "day": on_day,
}


async def on_settings(update: Update, context: BotContext, user: User) -> None:
    """Shows the settings menu; a settings question left open is closed, so typing goes nowhere odd."""
    if user.state and user.state.startswith("settings."):
        await context.repo.set_state(user.user_id, None)
    await show_menu(context, user)


async def on_button(update: Update, context: BotContext, user: User, data: Callback) -> None:
    """Menu buttons open a question; answer buttons must match the question still open."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    if not user.onboarded:  # an old menu pressed after the profile was deleted
        await say(context.bot, user.chat_id, "common/finish_onboarding_first", user=user)
    elif data.action == "edit" and data.arg == PROGRAMME:
        await hooks_of(context).offer_programme(context, user, None)
    elif data.action == "edit" and data.arg == PATH:
        await path.ask(context, user)
    elif data.action == PATH:
        if not await path.choose(context, user, data.arg):
            await say(context.bot, user.chat_id, "common/stale_button", user=user)
    elif data.action == "edit" and data.arg in FIELDS:
        await ask(context, user, data.arg)
    elif data.action == "menu":
        await show_menu(context, user)
    elif data.action in ("pause", "resume"):
        await (pause.pause if data.action == "pause" else pause.resume)(context, user)
    elif user.state != f"settings.{data.action}" or data.action not in FIELDS:
        await say(context.bot, user.chat_id, "common/stale_button", user=user)
    elif data.arg == "keep":
        await context.repo.set_state(user.user_id, None)
        await say(context.bot, user.chat_id, "settings/kept", user=user)
    elif data.action == "nickname" and data.arg == "clear":
        user = await context.repo.update_profile(user.user_id, ex_nickname=None)
        await saved(context, user, "nickname")
    elif data.action == "person" and data.arg == "clear":
        await context.repo.clear_trusted_person(user.user_id)
        await saved(context, user, "person")
    else:
        await TEXT_FIELDS[data.action](update, context, user, _arg_text(data.action, data.arg))


def _arg_text(field: str, arg: str) -> str:
    # Zone buttons carry an index into COMMON_ZONES, day buttons a weekday number.
    if field == "tz":
        return COMMON_ZONES[int(arg)] if arg.isdigit() and int(arg) < len(COMMON_ZONES) else ""
    if field == "day":
        return day_name(int(arg)) if len(arg) == 1 and arg in "0123456" else ""
    return arg


async def keep(context: BotContext, user: User) -> None:
    """ "skip" typed at a settings question: the value stays as it is."""
    await context.repo.set_state(user.user_id, None)
    await say(context.bot, user.chat_id, "settings/kept", user=user)


def _reask(field: str) -> ReaskFn:
    async def reask(context: BotContext, user: User) -> None:
        """Asks the open settings question again."""
        await ask(context, user, field)

    return reask


FEATURE = Feature(
    name="settings",
    commands={"settings": on_settings},
    callbacks={NS: on_button},
    # The menu's buttons open a question or show the menu: fine again later, not in a double tap.
    taps=dict.fromkeys(("edit", "menu", "pause", "resume"), taps.AGAIN),
    states={f"settings.{field}": fn for field, fn in TEXT_FIELDS.items()},
    specs={f"settings.{field}": spec(skip=keep) for field in TEXT_FIELDS},
    reasks={f"settings.{field}": _reask(field) for field in TEXT_FIELDS},
)
