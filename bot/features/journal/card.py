"""The "remember why" list in /journal: step 1's problems, one line each, which the user can add
to and take lines off (after a confirmation) long after step 1 is done."""

from __future__ import annotations

from telegram import Update

from bot.core.context import BotContext
from bot.core.sametext import already_there
from bot.features.journal import keyboards
from bot.features.steps.step1 import MAX_PROBLEMS, show_card
from bot.storage.models import Answer, User
from bot.ui.messaging import say

LINE_STATE = "journal.line"
MAX_LINE = 300


async def show(context: BotContext, user: User) -> None:
    """The card with its list buttons, or, while it is empty, how it gets filled."""
    answers = await context.repo.answers(user.user_id, 1)
    if not answers:
        await say(context.bot, user.chat_id, "step1/card_empty", user=user,
                  keyboard=keyboards.empty_card(user))
        return
    await show_card(context, user, keyboard=keyboards.card(
        user, has_lines=any(a.key == "problem" for a in answers)))


async def _lines(context: BotContext, user: User) -> list[Answer]:
    return await context.repo.answers(user.user_id, 1, "problem")


async def ask_line(context: BotContext, user: User) -> None:
    """Asks for one more line for the list."""
    await context.repo.set_state(user.user_id, LINE_STATE)
    await say(context.bot, user.chat_id, "journal/ask_line", user=user)


async def act_add(update: Update, context: BotContext, user: User, arg: str) -> None:
    """The add button: asks for the line, unless the list is full."""
    if len(await _lines(context, user)) >= MAX_PROBLEMS:
        await say(context.bot, user.chat_id, "journal/list_full", user=user)
        return
    await ask_line(context, user)


async def on_line(update: Update, context: BotContext, user: User, text: str) -> None:
    """Adds the line to the list (once: a repeat is pointed out) and leaves the question."""
    line = " ".join(text.split())[:MAX_LINE]
    if not line:
        await ask_line(context, user)
        return
    lines = [a.value for a in await _lines(context, user)]
    repeat = already_there(line, lines)
    if repeat is not None:
        await context.repo.set_state(user.user_id, None)
        await say(context.bot, user.chat_id, "journal/line_there", user=user, line=repeat,
                  keyboard=keyboards.line_added(user))
        return
    if len(lines) >= MAX_PROBLEMS:
        await context.repo.set_state(user.user_id, None)
        await say(context.bot, user.chat_id, "journal/list_full", user=user)
        return
    await context.repo.add_answer(user.user_id, 1, "problem", line, state=None, state_data={})
    await say(context.bot, user.chat_id, "journal/line_added", user=user, count=len(lines) + 1,
              keyboard=keyboards.line_added(user))


async def keep_line(update: Update, context: BotContext, user: User, text: str) -> None:
    """An abuse disclosure as the new line: added (once, while there is room) and the question
    closed, without a word; the safety note follows."""
    line = " ".join(text.split())[:MAX_LINE]
    lines = [a.value for a in await _lines(context, user)]
    if line and already_there(line, lines) is None and len(lines) < MAX_PROBLEMS:
        await context.repo.add_answer(user.user_id, 1, "problem", line, state=None, state_data={})
    else:
        await context.repo.set_state(user.user_id, None)


async def act_remove(update: Update, context: BotContext, user: User, arg: str) -> None:
    """Lists the lines, numbered, each with a button to take it off."""
    lines = await _lines(context, user)
    if not lines:
        await say(context.bot, user.chat_id, "journal/no_lines", user=user)
        return
    await say(context.bot, user.chat_id, "journal/pick_line", user=user,
              lines=[a.value for a in lines], keyboard=keyboards.lines(user, [a.id for a in lines]))


async def _line(context: BotContext, user: User, arg: str) -> Answer | None:
    if not arg.isdigit():
        return None
    return next((a for a in await _lines(context, user) if a.id == int(arg)), None)


async def act_pick(update: Update, context: BotContext, user: User, arg: str) -> None:
    """Asks before taking the chosen line off."""
    line = await _line(context, user, arg)
    if line is None:
        await say(context.bot, user.chat_id, "journal/line_gone", user=user)
        return
    await say(context.bot, user.chat_id, "journal/confirm_remove", user=user, line=line.value,
              keyboard=keyboards.confirm_remove(user, line.id))


async def act_remove_yes(update: Update, context: BotContext, user: User, arg: str) -> None:
    """Takes the line off the list."""
    if not arg.isdigit() or not await context.repo.remove_card_line(user.user_id, int(arg)):
        await say(context.bot, user.chat_id, "journal/line_gone", user=user)
        return
    await say(context.bot, user.chat_id, "journal/line_removed", user=user,
              count=len(await _lines(context, user)))


async def act_remove_no(update: Update, context: BotContext, user: User, arg: str) -> None:
    """Leaves the line where it is."""
    await say(context.bot, user.chat_id, "journal/line_kept", user=user)


ACTIONS = {"add": act_add, "rm": act_remove, "rmline": act_pick, "rmyes": act_remove_yes,
           "rmno": act_remove_no}
