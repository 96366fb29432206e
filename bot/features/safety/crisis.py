"""Crisis care, in two tiers, and crisis mode.

Clear risk: the crisis reply at once (two messages at most, the local helpline first). Possible
risk: the bot asks directly ("are you thinking about ending your life?") with Yes / No / I'm
not sure and a helpline already in the question; yes or not sure bring the crisis reply, no
brings a warm word and the question the user was answering. After a crisis reply, crisis mode
lasts (in SQLite, so a restart keeps it) until "I'm ready to carry on" or 24 hours: every
message gets a caring reply, crisis words again bring the contacts again (shorter), scheduled
messages are held back (bot/delivery/hold.py), and a gentle follow-up comes next day (an
outbox row: bot/features/safety/followup.py).
"""

from __future__ import annotations

import logging
import zlib
from datetime import timedelta

from telegram import InlineKeyboardMarkup, Update

from bot.core.context import BotContext
from bot.core.listen import ask_again
from bot.core.said import Said
from bot.features.safety import contacts, followup
from bot.features.steps.keyboards import SAFETY_NS
from bot.listening.answers import parse_yes_no
from bot.listening.detectors import control
from bot.listening.normalise import fold
from bot.storage.models import User
from bot.ui.keyboards import Button, Keyboard
from bot.ui.messaging import say

log = logging.getLogger(__name__)
CRISIS_HOURS = 24
ASK_STATE = "safety.ask"  # the possible-risk question, waiting for yes / no / not sure
ANSWERS = ("yes", "no", "unsure")
CARE_KINDS = 3
_MAYBE = frozenset({"maybe", "i guess", "possibly", "perhaps", "kinda", "kind of", "sort of",
                    "sometimes", "a bit", "a little", "partly", "i think so"})  # templates/safety/crisis_care.html says one of three things


def ask_keyboard(user: User) -> InlineKeyboardMarkup:
    return Keyboard(SAFETY_NS, user.user_id).row(*(
        Button("ask", answer, label=f"crisis/ask_{answer}") for answer in ANSWERS
    )).markup()


def _kept(user: User) -> str | None:
    """The question to keep for "carry on": the open one, unless it is the safety question."""
    return None if (user.state or "").startswith("safety.") else user.state


async def crisis_check(context: BotContext, user: User, said: Said) -> None:
    """The pipeline's crisis hook: the crisis reply, the direct question, the contacts again,
    or a caring reply while crisis mode lasts. Stores nothing of the words."""
    act = said.act
    if act == "crisis_possible" and user.state != ASK_STATE and said.source != "too_long":
        await ask(context, user)
    elif act == "crisis_again":
        await again(context, user)
    elif act == "care":
        await care(context, user, said.text)
    else:  # clear risk, or possible risk said again while the question waits
        await reply(context, user)


async def reply(context: BotContext, user: User) -> None:
    """The crisis reply: the question in hand kept for later, crisis mode on, the helpline first."""
    now = context.clock.now()
    await context.repo.pause_for_crisis(user.user_id, _kept(user), user.state_data,
                                        until=now + timedelta(hours=CRISIS_HOURS))
    await followup.schedule_crisis_followup(context.repo, user, now)
    # No user id or words in the log: only that the screen fired.
    log.info("crisis reply sent")
    lines = contacts.values("crisis", user)
    await say(context.bot, user.chat_id, "safety/crisis_reply", user=user,
              keyboard=contacts.carry_on(user, ask_country=lines["country"] is None), **lines)


async def ask(context: BotContext, user: User) -> None:
    """Asks directly whether they are thinking about ending their life, a helpline in the
    question; the question they were answering is kept for after."""
    await context.repo.pause_for_crisis(user.user_id, _kept(user), user.state_data,
                                        then=ASK_STATE)
    log.info("crisis question asked")
    await say(context.bot, user.chat_id, "safety/crisis_ask", user=user,
              keyboard=ask_keyboard(user), **contacts.values("crisis", user))


async def again(context: BotContext, user: User) -> None:
    """Crisis words while crisis mode lasts: the contacts again, in one short message."""
    await context.repo.pause_for_crisis(user.user_id, _kept(user), user.state_data,
                                        until=context.clock.now() + timedelta(hours=CRISIS_HOURS))
    lines = contacts.values("crisis", user)
    await say(context.bot, user.chat_id, "safety/crisis_again", user=user,
              keyboard=contacts.carry_on(user, ask_country=lines["country"] is None), **lines)


async def care(context: BotContext, user: User, text: str) -> None:
    """Any other message while crisis mode lasts: a reply that notices how they are (never the
    plan, never "I wasn't waiting"); a country typed in answer to the reply brings its lines."""
    country = await contacts.country_from_words(text) if contacts.country_of(user) is None else None
    if country is not None:
        await set_country(context, user, country)
        return
    kind = zlib.crc32(text.encode("utf-8", "replace")) % CARE_KINDS
    lines = contacts.values("crisis", user)
    await say(context.bot, user.chat_id, "safety/crisis_care", user=user, kind=kind,
              keyboard=contacts.carry_on(user, ask_country=lines["country"] is None), **lines)


async def set_country(context: BotContext, user: User, country: str) -> None:
    """Stores the country the user picked or typed and gives its lines."""
    await context.repo.set_country(user.user_id, country)
    await say(context.bot, user.chat_id, "safety/crisis_country", user=user,
              keyboard=contacts.carry_on(user), **contacts.values("crisis", user, country))


async def on_ask_text(update: Update, context: BotContext, user: User, text: str) -> None:
    """A typed answer to "are you thinking about ending your life?" ("yes", "no", "idk")."""
    # "skip", "idk", "not sure", "maybe": answered as not sure (read first: the yes/no parser
    # takes "i don't know" for a no, which this question must never do).
    unsure = control.detect(text) in ("skip", "unsure") or fold(text).strip(" .!?") in _MAYBE
    answer = "not_yet" if unsure else parse_yes_no(text)
    if answer is None:
        await say(context.bot, user.chat_id, "safety/crisis_ask_again", user=user,
                  keyboard=ask_keyboard(user), **contacts.values("crisis", user))
        return
    await answered(context, user, {"yes": "yes", "no": "no"}.get(answer, "unsure"))


async def on_ask_unsure(context: BotContext, user: User) -> None:
    """ "Not sure" typed or tapped: the crisis reply, as for yes."""
    await answered(context, user, "unsure")


async def answered(context: BotContext, user: User, answer: str) -> None:
    """Yes or not sure: the crisis reply. No: a warm word, then back to where they were."""
    if answer in ("yes", "unsure"):
        await reply(context, user)
        return
    await context.repo.set_state(user.user_id, None)
    resumed = await context.repo.resume_paused(user.user_id)
    await say(context.bot, user.chat_id, "safety/crisis_no", user=user,
              resuming=resumed is not None, **contacts.values("crisis", user))
    if resumed is not None:
        await ask_again(context, user)


async def reask(context: BotContext, user: User) -> None:
    """Asks the safety question again (after /start or a restart)."""
    await say(context.bot, user.chat_id, "safety/crisis_ask_again", user=user,
              keyboard=ask_keyboard(user), **contacts.values("crisis", user))


async def carry_on(context: BotContext, user: User) -> None:
    """ "I'm ready to carry on": crisis mode ends and the question it interrupted is asked
    again (a typed answer to it then counts); with none, a word on where to go from here."""
    await context.repo.end_crisis_mode(user.user_id)
    if user.state == ASK_STATE:
        await context.repo.set_state(user.user_id, None)
        user = await context.repo.get_user(user.user_id) or user
    if user.state is not None:
        await say(context.bot, user.chat_id, "safety/resumed", user=user, waiting=True,
                  paused=False, onboarded=user.onboarded)
        await ask_again(context, user)
        return
    resumed = await context.repo.resume_paused(user.user_id)
    if resumed is not None and await ask_again(context, user):
        return
    await say(context.bot, user.chat_id, "safety/resumed", user=user, waiting=False,
              paused=resumed is not None, onboarded=user.onboarded)
