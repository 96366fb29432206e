"""Step 1, understand what went wrong: the problems written out, the hard questions, and a first
"do I want them back?"; together they make the user's "remember why" card (/journal)."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from bot.core import paths
from bot.core.context import BotContext
from bot.core.feature import Feature
from bot.core.hooks import hooks_of
from bot.core.said import ReaskFn, StateSpec, TextFn, spec
from bot.core.sametext import already_there
from bot.features.steps.common import finish_step, tell_more, use_buttons
from bot.listening.answers import parse_yes_no, says_done
from bot.storage.models import User
from bot.ui.keyboards import Button, Callback, Keyboard
from bot.ui.messaging import say

NUMBER = 1
NS = "s1"
MAX_PROBLEMS = 30
# The hard questions, asked in this order; each key is also its state and template name.
QUESTIONS = ("treated", "feel_good", "safe")
WANT_BACK = ("yes", "unsure", "no")


def begin_keyboard(user: User) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).row(Button("begin", label="step1/begin")).markup()


def intro_keyboard(user: User) -> InlineKeyboardMarkup:
    """Begin writing, or hear a little more first."""
    return Keyboard(NS, user.user_id).row(Button("begin", label="step1/begin")).row(
        Button("more", label="steps/more")).markup()


def problems_done_keyboard(user: User) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).row(Button("done", label="step1/problems_done")).markup()


def want_back_keyboard(user: User) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).rows(
        Button("want", choice, label=f"step1/want_{choice}") for choice in WANT_BACK
    ).markup()


async def enter(context: BotContext, user: User) -> None:
    """Sends the step's guidance and a button to begin writing."""
    await context.repo.set_state(user.user_id, "step1.begin")
    await say(context.bot, user.chat_id, "step1/intro", user=user, keyboard=intro_keyboard(user))


async def on_begin_text(update: Update, context: BotContext, user: User, text: str) -> None:
    """Text before tapping begin counts as the first problem."""
    await context.repo.set_state(user.user_id, "step1.problems")
    await on_problem(update, context, user, text)


async def ask_problems(context: BotContext, user: User) -> None:
    """Asks for the problems; once one is written, with the button to say that's all."""
    await context.repo.set_state(user.user_id, "step1.problems")
    written = await context.repo.answers(user.user_id, NUMBER, "problem")
    await say(context.bot, user.chat_id, "step1/ask_problems", user=user,
              keyboard=problems_done_keyboard(user) if written else None)


async def on_problem(update: Update, context: BotContext, user: User, text: str) -> None:
    """Stores one problem (once: a repeat is pointed out) and asks for another or Done; "that's
    all" or "idk what else" typed is the Done button, not a problem."""
    if says_done(text):
        await skip_problems(context, user)
        return
    problems = [a.value for a in await context.repo.answers(user.user_id, NUMBER, "problem")]
    count = len(problems)
    repeat = already_there(text, problems)
    if repeat is not None:
        await say(context.bot, user.chat_id, "step1/problem_there", user=user, problem=repeat,
                  keyboard=problems_done_keyboard(user))
        return
    if count >= MAX_PROBLEMS:
        await say(context.bot, user.chat_id, "step1/problems_full", user=user,
                  keyboard=problems_done_keyboard(user))
        return
    await context.repo.add_answer(user.user_id, NUMBER, "problem", text,
                                  state="step1.problems")
    await say(context.bot, user.chat_id, "step1/problem_noted", user=user, count=count + 1,
              keyboard=problems_done_keyboard(user))


async def ask_question(context: BotContext, user: User, key: str) -> None:
    await context.repo.set_state(user.user_id, f"step1.{key}")
    await say(context.bot, user.chat_id, f"step1/ask_{key}", user=user)


def _question_handler(key: str):  # type: ignore[no-untyped-def]
    async def on_answer(update: Update, context: BotContext, user: User, text: str) -> None:
        """Stores the answer to one hard question and asks the next."""
        position = QUESTIONS.index(key)
        following = QUESTIONS[position + 1] if position + 1 < len(QUESTIONS) else None
        next_state = f"step1.{following}" if following else "step1.want_back"
        await context.repo.add_answer(user.user_id, NUMBER, key, text, state=next_state,
                                      replace=True)
        if await hooks_of(context).step1_answer(context, user, key, text):
            return  # the safety feature took over (it continues the step itself)
        await continue_after(context, user, key)

    return on_answer


async def continue_after(context: BotContext, user: User, key: str) -> None:
    """Asks whatever follows the question `key` (used by the safety screen too)."""
    position = QUESTIONS.index(key)
    if position + 1 < len(QUESTIONS):
        await ask_question(context, user, QUESTIONS[position + 1])
    else:
        await ask_want_back(context, user)


async def ask_want_back(context: BotContext, user: User) -> None:
    await context.repo.set_state(user.user_id, "step1.want_back")
    await say(context.bot, user.chat_id, "step1/ask_want_back", user=user,
              keyboard=want_back_keyboard(user))


async def on_want_back_text(update: Update, context: BotContext, user: User, text: str) -> None:
    """A typed answer to "do you want them back?": yes, no, "not yet" (as not sure)."""
    answer = parse_yes_no(text)
    if answer is None:
        await use_buttons(context, user, keyboard=want_back_keyboard(user), text=text)
        return
    await on_want_back(context, user, {"yes": "yes", "no": "no"}.get(answer, "unsure"))


async def want_back_unsure(context: BotContext, user: User) -> None:
    """ "not sure" / "idk" / "skip" typed at "do you want them back?": not sure (for now)."""
    await on_want_back(context, user, "unsure")


async def skip_problems(context: BotContext, user: User) -> None:
    """ "skip" while writing problems: as "That's all" once one is written."""
    if not await context.repo.answers(user.user_id, NUMBER, "problem"):
        await say(context.bot, user.chat_id, "step1/need_one_problem", user=user)
        return
    await ask_question(context, user, QUESTIONS[0])


async def disclose_problem(update: Update, context: BotContext, user: User, text: str) -> None:
    """An abuse disclosure while writing problems is one of them: stored (once, and while the
    list has room), without a reply (the safety note follows; it keeps the words either way)."""
    problems = [a.value for a in await context.repo.answers(user.user_id, NUMBER, "problem")]
    if already_there(text, problems) is None and len(problems) < MAX_PROBLEMS:
        await context.repo.add_answer(user.user_id, NUMBER, "problem", text,
                                      state="step1.problems")


def _disclose_answer(key: str) -> TextFn:
    async def disclose(update: Update, context: BotContext, user: User, text: str) -> None:
        """An abuse disclosure is this hard question's answer: stored, the state moved on to
        the next question, without a reply (the safety note, then that question, follow)."""
        await context.repo.add_answer(user.user_id, NUMBER, key, text, state=_after(key),
                                      replace=True)

    return disclose


def _after(key: str) -> str:
    position = QUESTIONS.index(key)
    return f"step1.{QUESTIONS[position + 1]}" if position + 1 < len(QUESTIONS) \
        else "step1.want_back"


def _skip_question(key: str) -> ReaskFn:
    async def skip(context: BotContext, user: User) -> None:
        """ "skip" at a hard question: nothing stored, on to the next one."""
        await continue_after(context, user, key)

    return skip


def _question_spec(key: str) -> StateSpec:
    position = QUESTIONS.index(key)
    back = f"step1.{QUESTIONS[position - 1]}" if position else "step1.problems"
    return spec(skip=_skip_question(key), back=back, disclosure=_disclose_answer(key))


async def on_want_back(context: BotContext, user: User, choice: str) -> None:
    """Stores the answer and the path it chooses (the safety path stays when the abuse screen
    flagged the user: safety wins), then shows the card and offers step 2."""
    await context.repo.add_answer(user.user_id, NUMBER, "want_back", choice, replace=True)
    await context.repo.set_path(user.user_id, paths.FROM_WANT_BACK[choice])
    # Done and out of the question before anything is said, so a crash can't undo it.
    await context.repo.complete_step(user.user_id, NUMBER)
    await context.repo.set_state(user.user_id, None)
    user = await context.repo.get_user(user.user_id) or user
    await say(context.bot, user.chat_id, "step1/want_back_reply", user=user, choice=choice)
    await show_card(context, user)
    await finish_step(context, user, NUMBER)


async def show_card(context: BotContext, user: User,
                    keyboard: InlineKeyboardMarkup | None = None) -> None:
    """Sends the user's "remember why" card built from their step-1 answers."""
    answers = await context.repo.answers(user.user_id, NUMBER)
    problems = [a.value for a in answers if a.key == "problem"]
    latest = {a.key: a.value for a in answers}
    await say(context.bot, user.chat_id, "step1/card", user=user, problems=problems,
              treated=latest.get("treated"), feel_good=latest.get("feel_good"),
              safe=latest.get("safe"), want_back=latest.get("want_back"), keyboard=keyboard)


async def on_button(update: Update, context: BotContext, user: User, data: Callback) -> None:
    """Handles begin, "Tell me more", done-with-problems and the want-back choice."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    if data.action == "begin" and user.state == "step1.begin":
        await ask_problems(context, user)
    elif data.action == "done" and user.state == "step1.problems":
        if not await context.repo.answers(user.user_id, NUMBER, "problem"):
            await say(context.bot, user.chat_id, "step1/need_one_problem", user=user)
            return
        await ask_question(context, user, QUESTIONS[0])
    elif data.action == "want" and user.state == "step1.want_back" and data.arg in WANT_BACK:
        await on_want_back(context, user, data.arg)
    elif data.action == "more":
        await tell_more(context, user, NUMBER, REASKS)
    else:
        await say(context.bot, user.chat_id, "common/stale_button", user=user)


async def reask_begin(context: BotContext, user: User) -> None:
    """Offers the begin button again without repeating the whole guidance."""
    await say(context.bot, user.chat_id, "step1/reask_begin", user=user,
              keyboard=begin_keyboard(user))


def _reask_question(key: str):  # type: ignore[no-untyped-def]
    async def reask(context: BotContext, user: User) -> None:
        """Asks the pending hard question again."""
        await ask_question(context, user, key)

    return reask


REASKS = {
    "step1.begin": reask_begin,
    "step1.problems": ask_problems,
    **{f"step1.{key}": _reask_question(key) for key in QUESTIONS},
    "step1.want_back": ask_want_back,
}

FEATURE = Feature(
    name="step1",
    reasks=REASKS,
    callbacks={NS: on_button},
    states={
        "step1.begin": on_begin_text,
        "step1.problems": on_problem,
        **{f"step1.{key}": _question_handler(key) for key in QUESTIONS},
        "step1.want_back": on_want_back_text,
    },
    # Step 1 asks about the relationship: an abuse disclosure here is the answer itself.
    specs={
        "step1.begin": spec(disclosure=disclose_problem),
        "step1.problems": spec(skip=skip_problems, disclosure=disclose_problem),
        **{f"step1.{key}": _question_spec(key) for key in QUESTIONS},
        "step1.want_back": spec(skip=want_back_unsure, unsure=want_back_unsure,
                                back=f"step1.{QUESTIONS[-1]}"),
    },
)
