"""Step 7 follows the path. Reconnect (the article's step): much later, one small text; locked
until enough days of no contact (bot/core/journey.py), then "do you still want them back?"
next to the user's own step-1 answers, a pre-send checklist, casual openers or a review of
their own message (bot/features/steps/review.py), and a follow-up 48-72 hours after they send
it. Not sure: the same question, waiting until they know ("ask me again in two weeks").
Moving on: a goodbye instead (bot/features/steps/step7_closure.py). Safety: closed.
The bot never sends anything to the ex."""

from __future__ import annotations

from datetime import timedelta

from telegram import Update

from bot.core import journey, paths
from bot.core.clock import zone
from bot.core.context import BotContext
from bot.core.feature import Feature
from bot.core.services import Services
from bot.core.streaks import current_days
from bot.features.steps import step7_after, step7_closure
from bot.features.steps import step7_keyboards as keyboards
from bot.features.steps.common import ReaskFn, safety_values, tell_more, use_buttons
from bot.features.steps.review import review
from bot.features.steps.step7_rules import CHECKLIST, follow_up_due, next_check
from bot.storage.models import Job, User
from bot.ui.keyboards import Callback
from bot.ui.messaging import say
from bot.ui.texts import render

NUMBER = 7
NS = keyboards.NS
MAX_MESSAGE = 1000
REMIND_AFTER = timedelta(days=14)  # "ask me again in two weeks" on the unsure path
REMIND_JOB = "step7.remind"


def openers(user: User) -> list[str]:
    """The casual openers, one per line of templates/step7/openers.html."""
    text = render("step7/openers", name=user.name, ex=user.ex)
    return [line.strip() for line in text.splitlines() if line.strip()]


def days_of(context: BotContext, user: User) -> int:
    """The no-contact day number today (bot/core/streaks.py), for texts that speak of time."""
    return current_days(user.no_contact_since, user.today(context.clock.now()))


async def enter(context: BotContext, user: User) -> None:
    """Opens step 7 the way the user's path has it."""
    if user.path == paths.MOVING_ON:
        await step7_closure.enter(context, user)
    elif user.path == paths.SAFETY:  # the lock keeps it closed; this is only a safety net
        await context.repo.set_state(user.user_id, None)
        await say(context.bot, user.chat_id, "step7/intro", user=user, **safety_values(user))
    else:
        await say(context.bot, user.chat_id, "step7/intro", user=user,
                  days=days_of(context, user), keyboard=keyboards.intro_more(user))
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


async def ask_check(context: BotContext, user: User, answered: int) -> None:
    key = next_check(answered)
    if key is None:
        await offer_openers(context, user)
        return
    await context.repo.set_state(user.user_id, "step7.check", {"answered": answered})
    await say(context.bot, user.chat_id, "step7/check", user=user, key=key, number=answered + 1,
              total=len(CHECKLIST), days=days_of(context, user),
              keyboard=keyboards.check(user, answered))


async def reask_check(context: BotContext, user: User) -> None:
    await ask_check(context, user, int(user.state_data.get("answered", 0)))


async def offer_openers(context: BotContext, user: User) -> None:
    await context.repo.set_state(user.user_id, "step7.opener")
    options = openers(user)
    await say(context.bot, user.chat_id, "step7/openers_intro", user=user, options=options,
              keyboard=keyboards.openers(user, len(options)))


async def on_message_text(update: Update, context: BotContext, user: User, text: str) -> None:
    """Stores the user's own message and reviews it (length, tone, questions, hour)."""
    text = text[:MAX_MESSAGE]
    await context.repo.add_answer(user.user_id, NUMBER, "draft", text, state="step7.draft")
    hour = context.clock.now().astimezone(zone(user.timezone)).hour
    result = review(text, local_hour=hour)
    await say(context.bot, user.chat_id, "step7/review", user=user, warnings=result.warnings,
              words=result.words,
              keyboard=keyboards.review(user, ok=result.ok))


async def use_message(context: BotContext, user: User, message: str) -> None:
    """Stores the chosen message and hands it over to be sent by the user, not by the bot."""
    await context.repo.add_answer(user.user_id, NUMBER, "message", message, state="step7.send",
                                  replace=True)
    await say(context.bot, user.chat_id, "step7/ready", user=user, message=message,
              keyboard=keyboards.ready(user))


async def on_button(update: Update, context: BotContext, user: User, data: Callback) -> None:
    """Routes step 7's buttons, each only while its question is the one open."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    if data.action == "more":
        await tell_more(context, user, NUMBER, REASKS)
        return
    handled = (await _still_want(context, user, data) or await _pre_send(context, user, data)
               or await step7_closure.on_button(context, user, data)
               or await step7_after.on_button(context, user, data))
    if not handled:
        await say(context.bot, user.chat_id, "common/stale_button", user=user)


async def _still_want(context: BotContext, user: User, data: Callback) -> bool:
    """ "Do you (still) want them back?", answered by the path: a clear answer on the unsure
    path changes it, and "no" on either turns step 7 into a goodbye."""
    # On the unsure path the reminder two weeks on asks again, maybe while nothing is open.
    open_here = user.state == "step7.still_want" or (
        user.path == paths.UNSURE and user.state is None)
    if data.action != "still" or data.arg not in keyboards.STILL_WANT or not open_here \
            or not paths.offers_openers(user.path):
        return False
    await context.repo.add_answer(user.user_id, NUMBER, "still_want", data.arg, replace=True)
    if data.arg == "yes":
        if user.path == paths.UNSURE:
            user = await change_path(context, user, paths.RECONNECT)
        await say(context.bot, user.chat_id, "step7/checklist_intro", user=user)
        await ask_check(context, user, 0)
    elif data.arg == "no":
        user = await change_path(context, user, paths.MOVING_ON, announce=False)
        await context.repo.set_state(user.user_id, "step7.closure")
        await say(context.bot, user.chat_id, "step7/not_wanted", user=user,
                  keyboard=keyboards.closure(user))
    elif user.path == paths.UNSURE:
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
    await context.repo.cancel_jobs(user.user_id, REMIND_JOB)
    user = await context.repo.get_user(user.user_id) or user
    if announce:
        await say(context.bot, user.chat_id, "path/changed", user=user)
    return user


async def _pre_send(context: BotContext, user: User, data: Callback) -> bool:
    state, action, arg = user.state, data.action, data.arg
    if action == "later" and state in ("step7.still_want", "step7.send", "step7.draft",
                                       "step7.closure", None):
        await context.repo.set_state(user.user_id, None)
        await say(context.bot, user.chat_id, "step7/later", user=user)
        return True
    if action == "remind" and user.path == paths.UNSURE:
        due = context.clock.now() + REMIND_AFTER
        await context.repo.schedule_job(user.user_id, REMIND_JOB, due, key="remind")
        await say(context.bot, user.chat_id, "step7/remind_set", user=user)
        return True
    if not paths.offers_openers(user.path):
        return False  # openers, checklist and sending belong to reconnecting only
    if action == "go" and state == "step7.still_want":
        await say(context.bot, user.chat_id, "step7/checklist_intro", user=user)
        await ask_check(context, user, 0)
    elif action == "check" and state == "step7.check":
        return await _on_check(context, user, arg)
    elif action == "op" and state == "step7.opener" and arg.isdigit():
        options = openers(user)
        if not 1 <= int(arg) <= len(options):
            return False
        await use_message(context, user, options[int(arg) - 1])
    elif action == "own" and state in ("step7.opener", "step7.send"):
        await context.repo.set_state(user.user_id, "step7.draft")
        await say(context.bot, user.chat_id, "step7/ask_own", user=user)
    elif action == "use" and state == "step7.draft":
        draft = await context.repo.latest_answer(user.user_id, NUMBER, "draft")
        if draft is None:
            return False
        await use_message(context, user, draft)
    elif action == "sent" and state == "step7.send":
        await _on_sent(context, user)
    else:
        return False
    return True


async def _on_check(context: BotContext, user: User, arg: str) -> bool:
    """Stores one checklist answer: a yes moves on, a no means not yet (and says why)."""
    answered = int(user.state_data.get("answered", 0))
    key = next_check(answered)
    item, _, arg = arg.partition(".")
    if key is None or item != str(answered) or arg not in ("yes", "no"):
        return False  # a button from an earlier item
    await context.repo.add_answer(user.user_id, NUMBER, f"check_{key}", arg, replace=True)
    if arg == "yes":
        await ask_check(context, user, answered + 1)
    else:
        await context.repo.set_state(user.user_id, None)
        await say(context.bot, user.chat_id, "step7/not_yet", user=user, key=key)
    return True


async def _on_sent(context: BotContext, user: User) -> None:
    """Records that the user sent their message (a planned contact, not a slip: the tracker
    and the check-in read it, bot/core/outreach.py) and books the "did they answer?"."""
    now = context.clock.now()
    await context.repo.add_answer(user.user_id, NUMBER, "sent", "yes")
    await context.repo.set_state(user.user_id, None)
    due = follow_up_due(now.astimezone(zone(user.timezone)))
    sent_count = len(await context.repo.answers(user.user_id, NUMBER, "sent"))
    await context.repo.schedule_job(user.user_id, step7_after.JOB, due, key=f"sent{sent_count}")
    await say(context.bot, user.chat_id, "step7/sent", user=user)


async def on_remind_due(services: Services, job: Job, user: User) -> str:
    """Two weeks after "still not sure": asks again, unless the path changed or step 7 closed
    again meanwhile (a slip restarts the no-contact count). A question left open elsewhere
    stays open: the buttons answer this one whatever is pending."""
    if not user.active or user.path != paths.UNSURE:
        return "cancelled"
    statuses = await services.repo.step_statuses(user.user_id)
    done = {n for n, s in statuses.items() if s.status == "done"}
    lock = journey.lock_for(NUMBER, done, no_contact_since=user.no_contact_since,
                            today=user.today(services.clock.now()), path=user.path,
                            unlock_days=services.settings.step7_unlock_days)
    if lock is not None:
        return "cancelled"
    if user.state is None:
        await services.repo.set_state(user.user_id, "step7.still_want")
    await say(services.bot, user.chat_id, "step7/remind", user=user,
              keyboard=keyboards.still_want(user))
    return "done"


async def on_button_state_text(update: Update, context: BotContext, user: User, text: str) -> None:
    await use_buttons(context, user)


REASKS: dict[str, ReaskFn] = {
    "step7.still_want": ask_still_want,
    "step7.check": reask_check,
    "step7.opener": offer_openers,
    **step7_closure.REASKS,
}

FEATURE = Feature(
    name="step7",
    callbacks={NS: on_button},
    states={
        "step7.still_want": on_button_state_text,
        "step7.check": on_button_state_text,
        # Typing instead of picking an opener means "here's my own": review it.
        "step7.opener": on_message_text,
        "step7.draft": on_message_text,
        "step7.send": on_message_text,
        **step7_closure.STATES,
    },
    jobs={step7_after.JOB: step7_after.on_follow_up_due, REMIND_JOB: on_remind_due},
    reasks=REASKS,
)
