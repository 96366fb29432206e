"""The "I want to text them" moment: /sos, the reply-keyboard button, or plain words the
listening pipeline heard as an urge (bot/features/sos/heard.py). Acknowledges the feeling, shows
the streak, a pep talk and a line from the user's own "remember why" card, asks intensity and
trigger once, then offers four ways through. /sos works before onboarding too, with a pep talk
that needs nothing personal. The unsent-message box and the delayed check-backs live in
bot/features/sos/followups.py."""

from __future__ import annotations

from datetime import timedelta

from telegram import Update

from bot.core.clock import is_late_night, zone
from bot.core.context import BotContext
from bot.core.feature import Feature
from bot.core.hooks import Provides, hooks_of
from bot.core.said import WRITING_TO_THEM, spec
from bot.delivery.schedule import follow_up
from bot.features.sos import followups as sos_followups
from bot.features.sos import heard, keyboards
from bot.features.sos.keyboards import choices
from bot.features.sos.rules import comes_back_at
from bot.features.sos.start import INTENSITY_STATE, ask_text, back_of, begin, restore
from bot.listening.answers import parse_rating
from bot.storage.models import User
from bot.storage.urges import Urge
from bot.ui.keyboards import Callback
from bot.ui.messaging import say

NS = keyboards.NS
WAIT_MINUTES = 15
MAX_TRIGGER = 300
MAX_DRAFT = 2000


async def on_sos(update: Update, context: BotContext, user: User) -> None:
    """Starts the SOS flow from /sos (open before onboarding is finished)."""
    await begin(context, user, "sos")


async def on_button_tap(update: Update, context: BotContext, user: User) -> None:
    """Starts the SOS flow from the reply keyboard's "I want to text them", in any state."""
    await begin(context, user, "button")


async def on_intensity_text(update: Update, context: BotContext, user: User, text: str) -> None:
    """A typed intensity ("7", "7/10", "about a seven", "like a 2", "a 9, i nearly called"), as
    the buttons take it."""
    urge = await context.repo.get_urge(user.user_id, int(user.state_data.get("urge", 0)))
    level = parse_rating(text, 0, 10)
    if urge is None or urge.outcome != "open":
        await restore(context, user)
        return
    if level is None:
        if await hooks_of(context).aside(context, user, text, True):
            return  # "i miss him so much it physically hurts": heard, then the question again
        await say(context.bot, user.chat_id, "sos/bad_intensity", user=user,
                  keyboard=keyboards.intensity(user, urge.id, misread=False))
        return
    if not await act_intensity(context, user, urge, str(level)):
        await restore(context, user)


async def skip_intensity(context: BotContext, user: User) -> None:
    """ "skip" at the intensity question: straight to the four ways through."""
    urge_id = int(user.state_data.get("urge", 0))
    await restore(context, user)
    await say(context.bot, user.chat_id, "sos/choose", user=user, noted=False,
              keyboard=choices(user, urge_id))


async def reask_intensity(context: BotContext, user: User) -> None:
    """Asks how strong the urge is again."""
    await say(context.bot, user.chat_id, "sos/ask_intensity", user=user,
              keyboard=keyboards.intensity(user, int(user.state_data.get("urge", 0)),
                                           misread=False))


async def skip_trigger(context: BotContext, user: User) -> None:
    """ "skip" typed at "what set it off?": the four ways through."""
    urge_id = int(user.state_data.get("urge", 0))
    await restore(context, user)
    await say(context.bot, user.chat_id, "sos/choose", user=user, noted=False,
              keyboard=choices(user, urge_id))


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
    back = back_of(user)
    draft = await context.repo.add_draft(
        user.user_id, text[:MAX_DRAFT], urge_id=int(urge_id) if urge_id else None,
        late_night=is_late_night(local_now.hour), state=back["back"], state_data=back["back_data"],
    )
    morning = comes_back_at(local_now)
    if morning is not None:
        await follow_up(context.repo, user.user_id, user.timezone, sos_followups.MORNING,
                        f"d{draft.id}", morning, payload={"draft": draft.id})
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
    if data.action == "offer":  # "do you want help with that urge right now?"
        await heard.on_offer_button(context, user, data.arg)
        return
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
    if user.state == INTENSITY_STATE:
        await restore(context, user)
    await say(context.bot, user.chat_id, "sos/misread", user=user)
    return True


async def act_write(context: BotContext, user: User, urge: Urge, arg: str) -> bool:
    """Opens the unsent-message box."""
    await ask_text(context, user, "sos.draft", urge.id, "sos/ask_draft")
    return True


async def act_wait(context: BotContext, user: User, urge: Urge, arg: str) -> bool:
    """Schedules the check-back in 15 minutes (an outbox row, so it survives a restart); keyed
    by the urge alone, so a second tap while it runs says so instead of booking another."""
    due = context.clock.now() + timedelta(minutes=WAIT_MINUTES)
    if not await follow_up(context.repo, user.user_id, user.timezone, sos_followups.WAIT,
                           f"u{urge.id}", due, payload={"urge": urge.id}, rearm=True):
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
    # Every SOS question is about the urge and the ex: saying so there is an answer, not a
    # new urge to act on. The unsent-message box is writing to them on purpose.
    about = spec(expects=WRITING_TO_THEM)
    return Feature(
        name="sos",
        commands={"sos": on_sos, "drafts": sos_followups.on_drafts},
        open_commands=frozenset({"sos"}),
        buttons={"menu/text_them": on_button_tap},
        callbacks={NS: on_button, sos_followups.NS: sos_followups.on_button},
        states={"sos.trigger": on_trigger, "sos.draft": on_draft,
                INTENSITY_STATE: on_intensity_text, heard.OFFER_STATE: heard.on_offer_text},
        specs={"sos.trigger": spec(skip=skip_trigger, expects=WRITING_TO_THEM),
               "sos.draft": about,
               # A number is asked for: wanting to text them is the answer's subject, but
               # "he texted me last night" or "I already sent it" is news, heard as such.
               INTENSITY_STATE: spec(skip=skip_intensity, expects=frozenset({"urge"})),
               heard.OFFER_STATE: spec(skip=heard.decline, expects=WRITING_TO_THEM)},
        reasks={INTENSITY_STATE: reask_intensity, heard.OFFER_STATE: heard.reask_offer},
        deliveries={sos_followups.WAIT: sos_followups.render_wait,
                    sos_followups.MORNING: sos_followups.render_morning},
        provides=Provides(urge_heard=heard.urge_heard),
    )


FEATURE = feature()
