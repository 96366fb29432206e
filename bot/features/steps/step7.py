"""Step 7, much later, one small text: locked until enough days of no contact (bot/core/journey.py);
then "do you still want them back?" next to the user's own step-1 answers, a pre-send checklist,
casual openers or a review of their own message (bot/features/steps/review.py), and a follow-up 48-72 hours
after they send it. The bot never sends anything to the ex."""

from __future__ import annotations

from telegram import Update

from bot.core.clock import zone
from bot.core.context import BotContext
from bot.core.feature import Feature
from bot.core.said import WRITING_TO_THEM, spec
from bot.features.steps import step7_after
from bot.features.steps import step7_keyboards as keyboards
from bot.features.steps.common import finish_step, use_buttons
from bot.features.steps.review import review
from bot.features.steps.step7_rules import CHECKLIST, follow_up_due, next_check
from bot.listening.answers import parse_yes_no
from bot.storage.models import User
from bot.ui.keyboards import Callback
from bot.ui.messaging import say
from bot.ui.texts import render

NUMBER = 7
NS = keyboards.NS
MAX_MESSAGE = 1000


def openers(user: User) -> list[str]:
    """The casual openers, one per line of templates/step7/openers.html."""
    text = render("step7/openers", name=user.name, ex=user.ex)
    return [line.strip() for line in text.splitlines() if line.strip()]


async def enter(context: BotContext, user: User) -> None:
    """Explains the step, then puts the user's step-1 answers next to "do you still want them back?"."""
    await say(context.bot, user.chat_id, "step7/intro", user=user)
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
              total=len(CHECKLIST),
              keyboard=keyboards.check(user, answered))


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
    handled = await _pre_send(context, user, data) or await step7_after.on_button(
        context, user, data)
    if not handled:
        await say(context.bot, user.chat_id, "common/stale_button", user=user)


async def _pre_send(context: BotContext, user: User, data: Callback) -> bool:
    state, action, arg = user.state, data.action, data.arg
    if action == "still" and state == "step7.still_want" and arg in keyboards.STILL_WANT:
        await context.repo.add_answer(user.user_id, NUMBER, "still_want", arg, replace=True)
        if arg == "yes":
            await say(context.bot, user.chat_id, "step7/checklist_intro", user=user)
            await ask_check(context, user, 0)
        elif arg == "unsure":
            await say(context.bot, user.chat_id, "step7/unsure", user=user,
                      keyboard=keyboards.unsure(user))
        else:
            await say(context.bot, user.chat_id, "step7/not_wanted", user=user)
            await finish_step(context, user, NUMBER)
    elif action == "go" and state == "step7.still_want":
        await say(context.bot, user.chat_id, "step7/checklist_intro", user=user)
        await ask_check(context, user, 0)
    elif action == "later" and state in ("step7.still_want", "step7.send", "step7.draft"):
        await context.repo.set_state(user.user_id, None)
        await say(context.bot, user.chat_id, "step7/later", user=user)
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
    """Records that the user sent their message and books the "did they answer?" follow-up."""
    now = context.clock.now()
    await context.repo.add_answer(user.user_id, NUMBER, "sent", "yes")
    await context.repo.set_state(user.user_id, None)
    due = follow_up_due(now.astimezone(zone(user.timezone)))
    sent_count = len(await context.repo.answers(user.user_id, NUMBER, "sent"))
    await context.repo.schedule_job(user.user_id, step7_after.JOB, due, key=f"sent{sent_count}")
    await say(context.bot, user.chat_id, "step7/sent", user=user)


async def on_still_text(update: Update, context: BotContext, user: User, text: str) -> None:
    """A typed answer to "do you still want them back?" (yes / no / not sure yet)."""
    answer = parse_yes_no(text)
    if answer is None:
        await use_buttons(context, user, keyboard=keyboards.still_want(user))
        return
    choice = {"yes": "yes", "no": "no"}.get(answer, "unsure")
    await _pre_send(context, user, Callback(NS, "still", choice, user.user_id))


async def still_unsure(context: BotContext, user: User) -> None:
    """ "not sure" typed at "do you still want them back?"."""
    await _pre_send(context, user, Callback(NS, "still", "unsure", user.user_id))


async def on_check_text(update: Update, context: BotContext, user: User, text: str) -> None:
    """A typed yes or "not yet" to the pre-send checklist item that is open."""
    answer = parse_yes_no(text)
    answered = int(user.state_data.get("answered", 0))
    if answer is None:
        await use_buttons(context, user, keyboard=keyboards.check(user, answered))
        return
    verdict = "yes" if answer == "yes" else "no"
    await _on_check(context, user, f"{answered}.{verdict}")


async def reask_check(context: BotContext, user: User) -> None:
    """Asks the open checklist item again."""
    await ask_check(context, user, int(user.state_data.get("answered", 0)))


FEATURE = Feature(
    name="step7",
    callbacks={NS: on_button},
    states={
        "step7.still_want": on_still_text,
        "step7.check": on_check_text,
        # Typing instead of picking an opener means "here's my own": review it.
        "step7.opener": on_message_text,
        "step7.draft": on_message_text,
        "step7.send": on_message_text,
    },
    # The user's own message to the ex is the point of these: not an urge, not a slip.
    specs={"step7.still_want": spec(unsure=still_unsure),
           "step7.opener": spec(expects=WRITING_TO_THEM),
           "step7.draft": spec(expects=WRITING_TO_THEM),
           "step7.send": spec(expects=WRITING_TO_THEM)},
    reasks={"step7.check": reask_check, "step7.opener": offer_openers},
    jobs={step7_after.JOB: step7_after.on_follow_up_due},
)
