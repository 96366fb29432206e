"""Abuse heard anywhere: controlling behaviour, threats, violence, sexual coercion, stalking,
fear of the ex. The note acknowledges it, says it was not their fault, gives the country's
domestic-abuse line and puts the user on the no-reconnect track: step 7 stays locked until an
informed confirmation that shows their own words and the line again, never a single tap.

Step 1's questions ask about the relationship, so there the disclosure is the answer: it is
stored, then the note comes. Anywhere else it is never stored as the open question's answer:
the note comes, then the question is asked again.
"""

from __future__ import annotations

import logging

from telegram import InlineKeyboardMarkup

from bot.core.context import BotContext
from bot.core.listen import ask_again
from bot.core.said import Said
from bot.features.safety import contacts
from bot.features.steps.keyboards import SAFETY_NS
from bot.storage.models import User
from bot.ui.keyboards import Button, Keyboard
from bot.ui.messaging import say

log = logging.getLogger(__name__)


async def abuse_heard(context: BotContext, user: User, said: Said) -> None:
    """The pipeline's abuse hook: stores the words as the answer where the question asks for
    them, says the note, then asks the open question again."""
    stored = said.act == "abuse_answer" and said.spec is not None \
        and said.spec.disclosure is not None
    if stored:
        assert said.spec is not None and said.spec.disclosure is not None
        await said.spec.disclosure(said.update, context, user, said.text.strip())
    await note(context, user, said.text, source=(user.state or "chat"), stored=stored)
    await ask_again(context, user)


async def note(context: BotContext, user: User, words: str, *, source: str,
               stored: bool = False, keyboard: InlineKeyboardMarkup | None = None) -> None:
    """Flags the safety path (keeping the user's words for the informed confirmation) and
    says the note: in full the first time, shorter after."""
    first = await context.repo.flag_abuse(user.user_id, source, words)
    log.info("abuse note sent")
    await say(context.bot, user.chat_id, "safety/abuse_note", user=user, first=first,
              stored=stored, keyboard=keyboard, **contacts.values("abuse", user))


def review_keyboard(user: User) -> InlineKeyboardMarkup:
    return Keyboard(SAFETY_NS, user.user_id).row(
        Button("sure", label="crisis/hold_sure")
    ).row(Button("keep", label="safety/keep_path")).markup()


async def review(context: BotContext, user: User) -> None:
    """The first tap on "I'm safe now": shows what they told the bot and the line again,
    and asks them to confirm once more, knowingly."""
    record = await context.repo.safety_record(user.user_id)
    if record is None or not record.hold or not await context.repo.mark_hold_reviewed(
            user.user_id):
        await say(context.bot, user.chat_id, "common/stale_button", user=user)
        return
    words = list(record.abuse_words)
    if not words:  # flagged before words were kept: the step-1 answer that raised it
        safe = await context.repo.latest_answer(user.user_id, 1, "safe")
        words = [safe] if safe else []
    await say(context.bot, user.chat_id, "safety/abuse_review", user=user, words=words,
              keyboard=review_keyboard(user), **contacts.values("abuse", user))


async def confirm(context: BotContext, user: User) -> bool:
    """The second, informed confirmation: lifts the hold. False when the review screen was
    not shown first (an old button, or a single tap)."""
    return await context.repo.confirm_step7(user.user_id)
