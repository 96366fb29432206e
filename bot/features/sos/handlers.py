"""The "I want to text them" moment: /sos, the reply-keyboard button, or plain words caught by
bot/listening/urges.py. Acknowledges the feeling, shows the streak, a pep talk and a line from the user's
own "remember why" card, asks intensity and trigger once, then offers four ways through.
The unsent-message box and the delayed check-backs live in bot/features/sos/followups.py."""

from __future__ import annotations

from datetime import timedelta
from functools import lru_cache
from typing import Any

from telegram import Update

from bot.core.clock import is_late_night, zone
from bot.core.context import BotContext
from bot.core.feature import Feature
from bot.core.pronouns import PRONOUNS, Ex
from bot.features.sos import followups as sos_followups
from bot.features.sos import keyboards
from bot.features.sos.keyboards import choices
from bot.features.sos.rules import PEP_WINDOW, comes_back_at, pick_pep, streak_days
from bot.features.steps.common import safety_values
from bot.listening import urges as intent
from bot.storage.models import User
from bot.storage.urges import Urge
from bot.ui.keyboards import Callback, main_menu
from bot.ui.messaging import say
from bot.ui.texts import excerpt, names_under

NS = keyboards.NS
WAIT_MINUTES = 15
MAX_TRIGGER = 300
MAX_DRAFT = 2000
JOURNAL_LINES = 20  # the newest journal entries the pep talk may quote
CARD_EXCERPT = 300


@lru_cache(maxsize=1)
def pep_ids() -> tuple[int, ...]:
    """The pep-talk library: templates/sos/pep/NN.html."""
    return tuple(sorted(int(name.rsplit("/", 1)[1].removesuffix(".html"))
                        for name in names_under("sos/pep") if name.endswith(".html")))


@lru_cache(maxsize=1)
def sos_labels() -> frozenset[str]:
    """The main-menu button(s) that mean "I want to text them", for every pronoun (a user keeps
    the keyboard they were sent, whatever they chose since): the labels that read as an urge."""
    labels = {button.text for pronoun in PRONOUNS
              for row in main_menu(Ex(pronoun)).keyboard for button in row}
    return frozenset(label for label in labels if intent.is_urge(label))


async def begin(context: BotContext, user: User, source: str) -> None:
    """Logs the urge, acknowledges it with the streak, a pep talk and a card line in one
    message, then asks how strong it is."""
    urge = await context.repo.add_urge(user.user_id, source)
    days = streak_days(user.no_contact_since, user.today(context.clock.now()))
    pep = pick_pep(pep_ids(), await context.repo.recent_peps(user.user_id, PEP_WINDOW * 3))
    await context.repo.record_pep(user.user_id, pep)
    key, line = await card_line(context, user, urge) or (None, None)
    line = excerpt(line, CARD_EXCERPT) if line else None
    # Two messages in all: the moment (acknowledgement, streak, pep talk, a card line), then
    # the one question. The safety path gets the domestic-abuse line in the first.
    await say(context.bot, user.chat_id, "sos/moment", user=user, days=days, source=source,
              pep=pep, key=key, line=line, **safety_values(user))
    await say(context.bot, user.chat_id, "sos/ask_intensity", user=user,
              keyboard=keyboards.intensity(user, urge.id, misread=source == "text"))


async def card_line(context: BotContext, user: User, urge: Urge) -> tuple[str, str] | None:
    """One line in the user's own words, a different one each time: their "remember why" list
    and step-1 answers, and their journal (never an entry that itself reads as an urge)."""
    lines = [(a.key, a.value) for a in await context.repo.answers(user.user_id, 1)
             if a.key in ("problem", "treated", "feel_good", "safe") and a.value.strip()]
    lines += [("journal", e.body) for e in await context.repo.journal_entries(
        user.user_id, limit=JOURNAL_LINES) if not intent.is_urge(e.body, names=(user.ex_nickname,))]
    if not lines:
        return None
    return lines[urge.id % len(lines)]


async def on_sos(update: Update, context: BotContext, user: User) -> None:
    """Starts the SOS flow from /sos."""
    await begin(context, user, "sos")


async def intercept(update: Update, context: BotContext, user: User, text: str) -> bool:
    """Catches the main-menu button at any time, and urge-like words when nothing is pending."""
    if not user.onboarded:
        return False
    if text.strip() in sos_labels():
        await begin(context, user, "button")
        return True
    if user.state is None and intent.is_urge(text, names=(user.ex_nickname,)):
        await begin(context, user, "text")
        return True
    return False


def _back(user: User) -> dict[str, Any]:
    """Where to return after an SOS question: the state that was pending before it."""
    if user.state and user.state.startswith("sos."):
        return {"back": user.state_data.get("back"), "back_data": user.state_data.get("back_data")}
    return {"back": user.state, "back_data": user.state_data}


async def ask_text(context: BotContext, user: User, state: str, urge_id: int, template: str,
                   keyboard: Any = None) -> None:
    await context.repo.set_state(user.user_id, state, {"urge": urge_id, **_back(user)})
    await say(context.bot, user.chat_id, template, user=user, keyboard=keyboard)


async def restore(context: BotContext, user: User) -> None:
    """Puts back whatever question was pending before the SOS, and says so."""
    back = _back(user)
    await context.repo.set_state(user.user_id, back["back"], back["back_data"] or {})
    if back["back"] is not None:
        await say(context.bot, user.chat_id, "sos/back_to_question", user=user)


async def on_trigger(update: Update, context: BotContext, user: User, text: str) -> None:
    """Stores what set the urge off and offers the four ways through."""
    urge_id = int(user.state_data.get("urge", 0))
    await context.repo.set_urge_trigger(user.user_id, urge_id, text[:MAX_TRIGGER])
    await restore(context, user)
    await say(context.bot, user.chat_id, "sos/choose", user=user, noted=True,
              keyboard=choices(user, urge_id))


async def on_draft(update: Update, context: BotContext, user: User, text: str) -> None:
    """Stores the unsent message (never sent anywhere); a late-night one comes back at 09:00."""
    urge_id = user.state_data.get("urge")
    local_now = context.clock.now().astimezone(zone(user.timezone))
    back = _back(user)
    draft = await context.repo.add_draft(
        user.user_id, text[:MAX_DRAFT], urge_id=int(urge_id) if urge_id else None,
        late_night=is_late_night(local_now.hour), state=back["back"], state_data=back["back_data"],
    )
    morning = comes_back_at(local_now)
    if morning is not None:
        await context.repo.schedule_job(user.user_id, "sos.morning", morning, key=f"d{draft.id}",
                                        payload={"draft": draft.id})
    await say(context.bot, user.chat_id, "sos/draft_saved", user=user,
              morning=morning.strftime("%H:%M") if morning else None,
              count=await context.repo.count_drafts(user.user_id))
    if back["back"] is not None:
        await say(context.bot, user.chat_id, "sos/back_to_question", user=user)


async def on_button(update: Update, context: BotContext, user: User, data: Callback) -> None:
    """Handles intensity, skip-trigger, the four choices and the 15-minute check-back answers."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    head, _, tail = data.arg.partition(".")
    urge = await context.repo.get_urge(user.user_id, int(head)) if head.isdigit() else None
    if urge is None or urge.outcome != "open":
        await say(context.bot, user.chat_id, "common/stale_button", user=user)
        return
    handler = ACTIONS.get(data.action)
    if handler is None or not await handler(context, user, urge, tail):
        await say(context.bot, user.chat_id, "common/stale_button", user=user)


async def act_intensity(context: BotContext, user: User, urge: Urge, arg: str) -> bool:
    """Stores the intensity (once) and asks, optionally, what set it off."""
    if not arg.isdigit() or not 0 <= int(arg) <= 10:
        return False
    if not await context.repo.set_urge_intensity(user.user_id, urge.id, int(arg)):
        return False
    await ask_text(context, user, "sos.trigger", urge.id, "sos/ask_trigger",
                   keyboard=keyboards.skip(user, urge.id))
    return True


async def act_skip(context: BotContext, user: User, urge: Urge, arg: str) -> bool:
    """Skips the trigger question and offers the four ways through."""
    if user.state != "sos.trigger" or user.state_data.get("urge") != urge.id:
        return False
    await restore(context, user)
    await say(context.bot, user.chat_id, "sos/choose", user=user, noted=False,
              keyboard=choices(user, urge.id))
    return True


async def act_misread(context: BotContext, user: User, urge: Urge, arg: str) -> bool:
    """The bot misread ordinary words as an urge: the row goes, with an apology."""
    if urge.source != "text" or urge.intensity is not None:
        return False
    await context.repo.drop_urge(user.user_id, urge.id)
    await say(context.bot, user.chat_id, "sos/misread", user=user)
    return True


async def act_write(context: BotContext, user: User, urge: Urge, arg: str) -> bool:
    """Opens the unsent-message box."""
    await ask_text(context, user, "sos.draft", urge.id, "sos/ask_draft")
    return True


async def act_wait(context: BotContext, user: User, urge: Urge, arg: str) -> bool:
    """Schedules the check-back in 15 minutes (a jobs row, so it survives a restart); keyed by
    the urge alone, so a second tap while it runs says so instead of booking another."""
    due = context.clock.now() + timedelta(minutes=WAIT_MINUTES)
    if not await context.repo.arm_job(user.user_id, "sos.wait", due, key=f"u{urge.id}",
                                      payload={"urge": urge.id}):
        await say(context.bot, user.chat_id, "sos/wait_running", user=user)
        return True
    await say(context.bot, user.chat_id, "sos/waiting", user=user, minutes=WAIT_MINUTES)
    return True


async def act_talk(context: BotContext, user: User, urge: Urge, arg: str) -> bool:
    """Counts the urge as resisted and nudges the user toward the person they named, or a
    friend or family member."""
    await context.repo.set_urge_outcome(user.user_id, urge.id, "resisted")
    await say(context.bot, user.chat_id, "sos/talk", user=user,
              person=await context.repo.trusted_person(user.user_id))
    return True


async def act_ok(context: BotContext, user: User, urge: Urge, arg: str) -> bool:
    """Counts the urge as resisted and says well done."""
    await context.repo.set_urge_outcome(user.user_id, urge.id, "resisted")
    await say(context.bot, user.chat_id, "sos/ok", user=user,
              resisted=await context.repo.urges_resisted(user.user_id))
    return True


ACTIONS = {
    "int": act_intensity, "skip": act_skip, "misread": act_misread, "write": act_write,
    "wait": act_wait, "talk": act_talk, "ok": act_ok, **sos_followups.AFTER_WAIT,
}


def feature() -> Feature:
    return Feature(
        name="sos",
        commands={"sos": on_sos, "drafts": sos_followups.on_drafts},
        callbacks={NS: on_button, sos_followups.NS: sos_followups.on_button},
        states={"sos.trigger": on_trigger, "sos.draft": on_draft},
        interceptors=[intercept],
        jobs={"sos.wait": sos_followups.on_wait_due, "sos.morning": sos_followups.on_morning_due},
    )


FEATURE = feature()
