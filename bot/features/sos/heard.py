"""The urge to reach out heard in plain words (the listening pipeline's hook).

Nothing pending: the SOS flow at once. A question open: the urge is never taken as its answer;
the bot asks "do you want help with that urge right now?" (Yes -> SOS, then back to the
question; No -> the question again). Before onboarding: a short kind word, /sos for help now,
/start to set things up.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from bot.core.context import BotContext
from bot.core.hooks import hooks_of
from bot.core.listen import ask_again
from bot.core.said import Said
from bot.features.sos import keyboards
from bot.features.sos.start import back_of, begin
from bot.listening.answers import parse_yes_no
from bot.listening.detectors.urge import looking
from bot.storage.models import User
from bot.ui.keyboards import Button, Keyboard
from bot.ui.messaging import say

OFFER_STATE = "sos.offer"


def offer_keyboard(user: User) -> InlineKeyboardMarkup:
    return Keyboard(keyboards.NS, user.user_id).row(
        Button("offer", "yes", label="sos/offer_yes"), Button("offer", "no", label="sos/offer_no"),
    ).markup()


async def urge_heard(context: BotContext, user: User, said: Said) -> None:
    """SOS at once, or the offer while a question is open. An urge to look at the ex (their
    profile, stories, location) gets the same help in words about looking."""
    look = looking(said.decision.heard.urge or "")
    if not user.onboarded and not said.pending:
        await say(context.bot, user.chat_id, "sos/heard_newcomer", user=user, looking=look)
        return
    if said.act == "urge":
        await begin(context, user, "text", looking=look)
        return
    await context.repo.set_state(user.user_id, OFFER_STATE, {**back_of(user), "looking": look})
    await say(context.bot, user.chat_id, "sos/offer", user=user, looking=look,
              keyboard=offer_keyboard(user))


async def reask_offer(context: BotContext, user: User) -> None:
    """Asks the offer again."""
    await say(context.bot, user.chat_id, "sos/offer", user=user,
              looking=bool(user.state_data.get("looking")), keyboard=offer_keyboard(user))


async def on_offer_text(update: Update, context: BotContext, user: User, text: str) -> None:
    """A typed yes or no to the offer; other words step aside: the question that was open
    comes back and the words are heard afresh (an answer to it counts)."""
    choice = parse_yes_no(text)
    if choice is not None:
        await answer(context, user, choice == "yes")
        return
    back = back_of(user)
    await context.repo.set_state(user.user_id, back["back"], back["back_data"] or {})
    await hooks_of(context).hear_again(update, context, user, text)


async def on_offer_button(context: BotContext, user: User, arg: str) -> None:
    if user.state != OFFER_STATE or arg not in ("yes", "no"):
        await say(context.bot, user.chat_id, "common/stale_button", user=user)
        return
    await answer(context, user, arg == "yes")


async def decline(context: BotContext, user: User) -> None:
    """ "skip" or no: back to the question that was open, asked again."""
    await answer(context, user, False)


async def answer(context: BotContext, user: User, wants_help: bool) -> None:
    """Yes: the SOS flow (it puts the open question back when done). No: the question again."""
    if wants_help:
        # The SOS questions keep the question that was open before the offer, not the offer.
        back, look = back_of(user), bool(user.state_data.get("looking"))
        await context.repo.set_state(user.user_id, back["back"], back["back_data"] or {})
        fresh = await context.repo.get_user(user.user_id) or user
        await begin(context, fresh, "text", looking=look)
        return
    back = back_of(user)
    await context.repo.set_state(user.user_id, back["back"], back["back_data"] or {})
    await say(context.bot, user.chat_id, "sos/offer_declined", user=user)
    await ask_again(context, user)
