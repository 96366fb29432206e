"""Step 7 follows the path. Reconnect (the article's step): much later, one small text; locked
until enough days of no contact (bot/core/journey.py), then "do you still want them back?"
next to the user's own step-1 answers, and on a yes the checklist, openers and sending
(bot/features/steps/step7_send.py), with a follow-up 48-72 hours later. Not sure: the same
question, waiting until they know ("ask me again in two weeks"). Moving on: a goodbye instead
(bot/features/steps/step7_closure.py). Safety: closed. The bot never sends anything to the ex."""

from __future__ import annotations

from datetime import timedelta

from telegram import Update

from bot.core import journey, paths, taps
from bot.core.context import BotContext
from bot.core.feature import Feature
from bot.core.said import WRITING_TO_THEM, spec
from bot.core.services import Services
from bot.delivery.outgoing import Rendered, Skip, opening, parts_of
from bot.delivery.schedule import follow_up
from bot.features.steps import step7_after, step7_closure
from bot.features.steps import step7_keyboards as keyboards
from bot.features.steps import step7_send as send
from bot.features.steps.common import ReaskFn, safety_values, tell_more, use_buttons
from bot.listening.answers import parse_yes_no
from bot.storage.models import User
from bot.storage.outbox import OutboxRow
from bot.ui.keyboards import Callback
from bot.ui.messaging import say

NUMBER = 7
NS = keyboards.NS
REMIND_AFTER = timedelta(days=14)  # "ask me again in two weeks" on the unsure path
REMIND_KIND = "step7.remind"  # its outbox kind


async def enter(context: BotContext, user: User) -> None:
    """Opens step 7 the way the user's path has it."""
    if user.path == paths.MOVING_ON:
        await step7_closure.enter(context, user)
    elif user.path == paths.SAFETY:  # the lock keeps it closed; this is only a safety net
        await context.repo.set_state(user.user_id, None)
        await say(context.bot, user.chat_id, "step7/intro", user=user, **safety_values(user))
    else:
        await say(context.bot, user.chat_id, "step7/intro", user=user,
                  days=send.days_of(context, user), keyboard=keyboards.intro_more(user))
        await ask_still_want(context, user)


async def ask_still_want(context: BotContext, user: User) -> None:
    """Puts the user's step-1 answers next to "do you (still) want them back?"."""
    answers = await context.repo.answers(user.user_id, 1)
    latest = {a.key: a.value for a in answers}
    problems = [a.value for a in answers if a.key == "problem"][:5]
    await context.repo.set_state(user.user_id, "step7.still_want")
    await say(context.bot, user.chat_id, "step7/readiness", user=user, problems=problems,
              treated=latest.get("treated"), feel_good=latest.get("feel_good"),
              safe=latest.get("safe"), want_back=latest.get("want_back"),
              keyboard=keyboards.still_want(user))


async def on_button(update: Update, context: BotContext, user: User, data: Callback) -> None:
    """Routes step 7's buttons, each only while its question is the one open."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    if data.action == "more":
        await tell_more(context, user, NUMBER, REASKS)
        return
    handled = (await _still_want(context, user, data) or await _not_now(context, user, data)
               or await send.on_button(context, user, data)
               or await step7_closure.on_button(context, user, data)
               or await step7_after.on_button(context, user, data))
    if not handled:
        await say(context.bot, user.chat_id, "common/stale_button", user=user)


async def _still_want(context: BotContext, user: User, data: Callback) -> bool:
    """ "Do you (still) want them back?", answered by the path: a clear answer on the unsure
    path changes it, and "no" on either turns step 7 into a goodbye."""
    # On the unsure path the reminder two weeks on asks again, maybe while another question is
    # open: a tap on it is an answer whenever it comes.
    open_here = user.state == "step7.still_want" or user.path == paths.UNSURE
    if data.action != "still" or data.arg not in keyboards.STILL_WANT or not open_here \
            or not paths.offers_openers(user.path):
        return False
    await context.repo.add_answer(user.user_id, NUMBER, "still_want", data.arg, replace=True)
    if data.arg == "yes":
        if user.path == paths.UNSURE:
            user = await change_path(context, user, paths.RECONNECT)
        await say(context.bot, user.chat_id, "step7/checklist_intro", user=user)
        await send.ask_check(context, user, 0)
    elif data.arg == "no":
        user = await change_path(context, user, paths.MOVING_ON, announce=False)
        await context.repo.set_state(user.user_id, "step7.closure")
        await say(context.bot, user.chat_id, "step7/not_wanted", user=user,
                  keyboard=keyboards.closure(user))
    elif user.path == paths.UNSURE:
        if user.state == "step7.still_want":  # another open question stays open
            await context.repo.set_state(user.user_id, None)
        await say(context.bot, user.chat_id, "step7/unsure", user=user,
                  keyboard=keyboards.remind(user))
    else:
        await say(context.bot, user.chat_id, "step7/unsure", user=user,
                  keyboard=keyboards.unsure(user))
    return True


async def change_path(context: BotContext, user: User, path: str, *, announce: bool = True
                      ) -> User:
    """Stores the path step 7's answer chose (a reminder for the unsure path is no longer
    needed) and, when asked, says what changes."""
    await context.repo.set_path(user.user_id, path)
    await context.repo.cancel_outbox(user.user_id, REMIND_KIND)
    user = await context.repo.get_user(user.user_id) or user
    if announce:
        await say(context.bot, user.chat_id, "path/changed", user=user)
    return user


async def _not_now(context: BotContext, user: User, data: Callback) -> bool:
    """ "Not now" anywhere in step 7, and the unsure path's "ask me again in two weeks"."""
    state, action = user.state, data.action
    if action == "later" and state in ("step7.still_want", "step7.send", "step7.draft",
                                       "step7.closure", None):
        await context.repo.set_state(user.user_id, None)
        await say(context.bot, user.chat_id, "step7/later", user=user)
        return True
    if action == "remind" and user.path == paths.UNSURE:
        # One reminder: a pending one moves to two weeks from now, one already sent is armed
        # again (an outbox row, so a restart keeps it).
        due = context.clock.now() + REMIND_AFTER
        await context.repo.cancel_outbox(user.user_id, REMIND_KIND)
        await follow_up(context.repo, user.user_id, user.timezone, REMIND_KIND, "remind", due,
                        rearm=True)
        await say(context.bot, user.chat_id, "step7/remind_set", user=user)
        return True
    return False


async def render_remind(services: Services, row: OutboxRow, user: User) -> Rendered:
    """Two weeks after "still not sure": asks again, unless the path changed or step 7 closed
    again meanwhile (a slip restarts the no-contact count). It opens "do you still want them
    back?" as it goes out; a question left open elsewhere stays open (its buttons answer this
    one whenever they are tapped)."""
    if user.path != paths.UNSURE:
        return Skip("cancelled", "path changed")
    statuses = await services.repo.step_statuses(user.user_id)
    done = {n for n, s in statuses.items() if s.status == "done"}
    lock = journey.lock_for(NUMBER, done, no_contact_since=user.no_contact_since,
                            today=user.today(services.clock.now()), path=user.path,
                            unlock_days=services.settings.step7_unlock_days)
    if lock is not None:
        return Skip("cancelled", "step 7 closed")
    return opening(parts_of("step7/remind", user, keyboards.still_want(user)),
                   "step7.still_want", {})


async def on_still_text(update: Update, context: BotContext, user: User, text: str) -> None:
    """A typed answer to "do you still want them back?" (yes / no / not sure yet)."""
    answer = parse_yes_no(text)
    if answer is None or not await _still_want(context, user, _still(user, answer)):
        await use_buttons(context, user, keyboard=keyboards.still_want(user), text=text)


def _still(user: User, answer: str) -> Callback:
    return Callback(NS, "still", {"yes": "yes", "no": "no"}.get(answer, "unsure"), user.user_id)


async def still_unsure(context: BotContext, user: User) -> None:
    """ "not sure" typed at "do you still want them back?"."""
    if not await _still_want(context, user, _still(user, "not_yet")):
        await use_buttons(context, user, keyboard=keyboards.still_want(user))


async def on_check_text(update: Update, context: BotContext, user: User, text: str) -> None:
    """A typed yes or "not yet" to the pre-send checklist item that is open."""
    answer = parse_yes_no(text)
    answered = int(user.state_data.get("answered", 0))
    if answer is None:
        await use_buttons(context, user, keyboard=keyboards.check(user, answered), text=text)
        return
    await send.on_check(context, user, f"{answered}.{'yes' if answer == 'yes' else 'no'}")


REASKS: dict[str, ReaskFn] = {
    "step7.still_want": ask_still_want,
    "step7.check": send.reask_check,
    "step7.opener": send.offer_openers,
    **step7_closure.REASKS,
}

FEATURE = Feature(
    name="step7",
    callbacks={NS: on_button},
    states={
        "step7.still_want": on_still_text,
        "step7.check": on_check_text,
        # Typing instead of picking an opener means "here's my own": review it.
        "step7.opener": send.on_message_text,
        "step7.draft": send.on_message_text,
        "step7.send": send.on_message_text,
        **step7_closure.STATES,
    },
    # The user's own words to the ex (an opener, a draft, a goodbye letter) are the point of
    # these questions: not an urge, not a slip. Crisis and abuse are still heard first.
    specs={"step7.still_want": spec(unsure=still_unsure),
           **{state: spec(expects=WRITING_TO_THEM) for state in (
               "step7.opener", "step7.draft", "step7.send", "step7.letter", "step7.hope")}},
    deliveries={step7_after.KIND: step7_after.render_follow_up, REMIND_KIND: render_remind},
    reasks=REASKS,
    # Reading the goodbye letter again later is fine (not twice in a moment); every other
    # step-7 button does its thing once per message.
    taps={"read": taps.AGAIN},
)
