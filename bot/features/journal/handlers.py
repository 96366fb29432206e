"""/journal and /write: the "remember why" card with its list, the latest entries (five at a
time), free entries with an optional prompt, and editing or deleting a single entry.
The list's lines live in bot/features/journal/card.py, keeping words from chat in keep.py."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from telegram import Update

from bot.core import taps
from bot.core.clock import parse_iso, zone
from bot.core.context import BotContext
from bot.core.feature import Feature
from bot.core.hooks import Provides
from bot.core.said import spec
from bot.features.journal import card, keep, keyboards
from bot.features.journal.rules import EXCERPT, PAGE, next_prompt, older_arg
from bot.features.steps.kit import redraw
from bot.storage.journal import JournalEntry
from bot.storage.models import User
from bot.ui.keyboards import Callback
from bot.ui.messaging import say
from bot.ui.texts import excerpt, names_under, plain

NS = keyboards.NS
ENTRY_STATE = "journal.entry"
EDIT_STATE = "journal.edit"


@lru_cache(maxsize=1)
def prompt_ids() -> tuple[int, ...]:
    """The prompt library: templates/journal/prompts/NN.html."""
    return tuple(sorted(int(name.rsplit("/", 1)[1].removesuffix(".html"))
                        for name in names_under("journal/prompts") if name.endswith(".html")))


async def on_journal(update: Update, context: BotContext, user: User) -> None:
    """Shows the "remember why" card with its list buttons, then the latest entries."""
    await card.show(context, user)
    await show_entries(context, user)


async def show_entries(context: BotContext, user: User, *, before: int | None = None,
                       first: int = 1) -> None:
    """Sends one page of entries, newest first, with edit and delete for each."""
    found = await context.repo.journal_entries(user.user_id, before=before, limit=PAGE + 1)
    page, more = found[:PAGE], len(found) > PAGE
    total = await context.repo.count_journal(user.user_id) if page or before else 0
    shown = [_view(user, entry, first + i) for i, entry in enumerate(page)]
    await say(context.bot, user.chat_id, "journal/entries", user=user, entries=shown,
              total=total, first=first,
              keyboard=keyboards.entries(user, [e.id for e in page], first_number=first,
                                         older_than=page[-1].id if more else None))


def _view(user: User, entry: JournalEntry, number: int) -> dict[str, Any]:
    return {"number": number, "when": local_time(user, entry.created_at),
            "prompt": entry.prompt, "text": excerpt(entry.body, EXCERPT),
            "edited": entry.edited_at is not None}


def local_time(user: User, stamp: str) -> Any:
    return parse_iso(stamp).astimezone(zone(user.timezone))


async def on_write(update: Update, context: BotContext, user: User) -> None:
    """Opens the journal for one free entry; a prompt is there for the asking."""
    await ask_entry(context, user)


async def ask_entry(context: BotContext, user: User) -> None:
    await context.repo.set_state(user.user_id, ENTRY_STATE)
    await say(context.bot, user.chat_id, "journal/write_ask", user=user,
              keyboard=keyboards.write(user, another=False))


async def reask_entry(context: BotContext, user: User) -> None:
    """Asks for the entry again, with the prompt that was showing, if any."""
    prompt = user.state_data.get("prompt")
    if isinstance(prompt, int) and prompt in prompt_ids():
        await say(context.bot, user.chat_id, "journal/write_prompt", user=user,
                  prompt=_prompt_text(user, prompt), keyboard=keyboards.write(user, another=True))
        return
    await ask_entry(context, user)


def _prompt_text(user: User, prompt: int) -> str:
    return plain(f"journal/prompts/{prompt:02d}", ex=user.ex, name=user.name)


async def on_entry(update: Update, context: BotContext, user: User, text: str) -> None:
    """Stores the entry (with the prompt it answers, if one was asked for) and says where it is."""
    if not text:
        await say(context.bot, user.chat_id, "journal/empty_entry", user=user)
        return
    prompt = user.state_data.get("prompt")
    shown = _prompt_text(user, prompt) if isinstance(prompt, int) and prompt in prompt_ids() \
        else None
    await context.repo.add_entry(user.user_id, text, prompt=shown, source="write",
                                 close_question=True)
    await say(context.bot, user.chat_id, "journal/saved", user=user,
              count=await context.repo.count_journal(user.user_id),
              keyboard=keyboards.saved(user))


async def act_prompt(update: Update, context: BotContext, user: User, arg: str) -> None:
    """Shows a prompt (the next one on each press), in place of the question above."""
    if user.state != ENTRY_STATE:
        await ask_entry(context, user)  # an old button: open the journal afresh
        user = await context.repo.get_user(user.user_id) or user
    current = user.state_data.get("prompt")
    written = await context.repo.count_journal(user.user_id)
    prompt = next_prompt(prompt_ids(), current if isinstance(current, int) else None, written)
    await context.repo.set_state(user.user_id, ENTRY_STATE, {"prompt": prompt})
    await redraw(update, context, user, "journal/write_prompt", keyboards.write(user, another=True),
                 prompt=_prompt_text(user, prompt))


async def act_write(update: Update, context: BotContext, user: User, arg: str) -> None:
    """The write button: opens the journal for an entry."""
    await ask_entry(context, user)


async def act_older(update: Update, context: BotContext, user: User, arg: str) -> None:
    """The next page of older entries."""
    parsed = older_arg(arg)
    if parsed is None:
        await say(context.bot, user.chat_id, "common/stale_button", user=user)
        return
    await show_entries(context, user, before=parsed[0], first=parsed[1])


async def _entry_of(context: BotContext, user: User, arg: str) -> JournalEntry | None:
    return await context.repo.journal_entry(user.user_id, int(arg)) if arg.isdigit() else None


async def act_edit(update: Update, context: BotContext, user: User, arg: str) -> None:
    """Asks for the new text of one entry, showing the old one whole."""
    entry = await _entry_of(context, user, arg)
    if entry is None:
        await say(context.bot, user.chat_id, "journal/gone", user=user)
        return
    await context.repo.set_state(user.user_id, EDIT_STATE, {"entry": entry.id})
    await say(context.bot, user.chat_id, "journal/ask_edit", user=user, text=entry.body,
              when=local_time(user, entry.created_at))


async def reask_edit(context: BotContext, user: User) -> None:
    """Asks for the new text of the entry being edited again."""
    entry = await context.repo.journal_entry(user.user_id, int(user.state_data.get("entry", 0)))
    if entry is None:
        await context.repo.set_state(user.user_id, None)
        await say(context.bot, user.chat_id, "journal/gone", user=user)
        return
    await say(context.bot, user.chat_id, "journal/ask_edit", user=user, text=entry.body,
              when=local_time(user, entry.created_at))


async def on_edit(update: Update, context: BotContext, user: User, text: str) -> None:
    """Replaces the entry's text with the new one and leaves the question."""
    if not text:
        await say(context.bot, user.chat_id, "journal/empty_entry", user=user)
        return
    entry_id = int(user.state_data.get("entry", 0))
    if await context.repo.edit_entry(user.user_id, entry_id, text):
        await say(context.bot, user.chat_id, "journal/edited", user=user)
    else:
        await say(context.bot, user.chat_id, "journal/gone", user=user)


async def close(context: BotContext, user: User) -> None:
    """ "skip" typed where the journal waits for words: leaves it, nothing stored."""
    await context.repo.set_state(user.user_id, None)
    await say(context.bot, user.chat_id, "common/cancelled", user=user, was_waiting=True,
              resuming=False)


async def act_delete(update: Update, context: BotContext, user: User, arg: str) -> None:
    """Asks before deleting one entry."""
    entry = await _entry_of(context, user, arg)
    if entry is None:
        await say(context.bot, user.chat_id, "journal/gone", user=user)
        return
    await say(context.bot, user.chat_id, "journal/confirm_delete", user=user,
              text=excerpt(entry.body, EXCERPT), keyboard=keyboards.confirm_delete(user, entry.id))


async def act_delete_yes(update: Update, context: BotContext, user: User, arg: str) -> None:
    """Deletes the entry for good."""
    if arg.isdigit() and await context.repo.delete_entry(user.user_id, int(arg)):
        if user.state == EDIT_STATE and user.state_data.get("entry") == int(arg):
            await context.repo.set_state(user.user_id, None)  # nothing left to edit
        await say(context.bot, user.chat_id, "journal/deleted", user=user)
    else:
        await say(context.bot, user.chat_id, "journal/gone", user=user)


async def act_delete_no(update: Update, context: BotContext, user: User, arg: str) -> None:
    """Keeps the entry."""
    await say(context.bot, user.chat_id, "journal/kept", user=user)


ACTIONS = {
    "write": act_write, "prompt": act_prompt, "older": act_older, "edit": act_edit,
    "del": act_delete, "delyes": act_delete_yes, "delno": act_delete_no, **card.ACTIONS,
}


async def on_button(update: Update, context: BotContext, user: User, data: Callback) -> None:
    """Routes the journal's buttons to their actions."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    action = ACTIONS.get(data.action)
    if action is None:
        await say(context.bot, user.chat_id, "common/stale_button", user=user)
        return
    await action(update, context, user, data.arg)


FEATURE = Feature(
    name="journal",
    commands={"journal": on_journal, "write": on_write},
    callbacks={NS: on_button, keyboards.KEEP_NS: keep.on_button},
    states={ENTRY_STATE: on_entry, EDIT_STATE: on_edit, card.LINE_STATE: card.on_line},
    # How the listening pipeline reads these questions: crisis, abuse, contact with the ex and
    # the urge to reach out are heard first and answered as what they are (never stored as an
    # entry or an edit; the question is asked again afterwards). A line of the "remember why"
    # list is one of step 1's problems, so, like them, it takes an abuse disclosure as the line.
    specs={ENTRY_STATE: spec(skip=close), EDIT_STATE: spec(skip=close),
           card.LINE_STATE: spec(skip=close, disclosure=card.keep_line)},
    reasks={ENTRY_STATE: reask_entry, EDIT_STATE: reask_edit, card.LINE_STATE: card.ask_line},
    provides=Provides(offer_keep=keep.offer_keep),
    # The prompt button redraws its message with the next prompt on every press; the others
    # open something and may be pressed again later (deleting twice finds the entry gone).
    taps={"prompt": taps.TOGGLE, "write": taps.AGAIN, "older": taps.AGAIN, "edit": taps.AGAIN,
          "del": taps.AGAIN, "add": taps.AGAIN, "rm": taps.AGAIN},
)
