"""The companion fallback: with nothing pending and nothing heard, the bot never says it wasn't
waiting. It acknowledges what was said, offers to keep the words in the journal (a button), and
points to what fits (/steps, /sos, /nocontact). A message about something it knows
(bot/listening/detectors/topic.py: why it ended, whether the ex will come back, the ex with
someone new, a better day, not knowing what to do, whether it gets easier, still loving the ex,
what to do with the photos and the follow, thanks) gets a reply that fits it; a greeting, a
goodnight or an "ok" gets one in kind. A
question about the bot ("is this a real person?", "are you a therapist?", "do you store my
messages?") gets an honest short answer."""

from __future__ import annotations

import zlib

from bot.core import paths
from bot.core.context import BotContext
from bot.core.feature import Feature
from bot.core.hooks import Provides, hooks_of
from bot.core.listen import ask_again
from bot.core.said import Said
from bot.features.safety.helplines import abuse_line
from bot.listening.detectors.feeling import tells
from bot.listening.detectors.topic import topic
from bot.listening.normalise import fold
from bot.storage.models import User
from bot.ui.messaging import say

ACKNOWLEDGEMENTS = 4  # templates/companion/heard.html opens in one of four ways
# Greetings, thanks and "ok": answered in kind, without an offer to keep them.
SMALL_TALK = frozenset({
    "hi", "hello", "hey", "heya", "hiya", "yo", "morning", "good morning", "good evening",
    "thanks", "thank you", "thank you so much", "thx", "ty", "ok", "okay", "k", "kk", "cool",
    "nice", "great", "lol", "haha", "sure", "alright", "bye", "see you", "cheers", "idk",
    "i dunno", "dunno", "hmm", "hm", "hmmm", "mhm", "mm", "meh", "lmao", "lmfao", "haha ok",
    "ok thanks", "okay thanks", "ok thank you", "ok cool", "np", "yeah", "yea", "ya", "yep",
    "yup", "sup", "whats up", "wassup", "hey there", "hi there", "gm", "ok lol", "oh", "oh ok",
    "ah", "ah ok", "fair", "true", "got it", "noted", "ok got it",
})
GOODNIGHT = frozenset({
    "good night", "goodnight", "night", "nite", "night night", "gn", "gnight", "nighty night",
    "going to bed", "off to bed", "im going to bed", "going to sleep", "im going to sleep",
    "time for bed", "bedtime", "sleep well", "gonna sleep", "gonna go to sleep",
})


ASIDES = 3  # the variants of companion/aside.html, picked by the words (a stable choice)
_NO_OFFER = frozenset({"thanks", "lost", "easier", "ties"})


def _plain(text: str) -> str:
    return " ".join(fold(text).replace("'", "").replace("\u2019", "").strip(" .!?,:)(-").split())


def small_talk(text: str) -> str | None:
    """ "night" for a goodnight, "chat" for a greeting, thanks or an "ok", else None."""
    plain = _plain(text)
    if plain in GOODNIGHT:
        return "night"
    return "chat" if plain in SMALL_TALK else None


async def companion(context: BotContext, user: User, said: Said) -> None:
    """The pipeline's fallback hook: an honest answer about the bot, or a companion's reply."""
    if said.act == "meta":
        await say(context.bot, user.chat_id, f"companion/meta_{said.decision.meta}", user=user,
                  onboarded=user.onboarded, named=bool(user.display_name))
        if said.pending:
            await ask_again(context, user)  # the open question is still waiting
        return
    if not user.onboarded:
        await say(context.bot, user.chat_id, "companion/newcomer", user=user)
        return
    chat = small_talk(said.text)
    if chat is not None:
        await say(context.bot, user.chat_id, "companion/small_talk", user=user, kind=chat)
        return
    about = topic(said.text)
    if about is not None:  # a reply that fits what it is about, and the offer to keep it
        # (thanks, a question answered with a pointer: nothing to keep)
        keyboard = None if about in _NO_OFFER else await hooks_of(context).offer_keep(
            context, user, said.text.strip(), "fallback")
        line = abuse_line(user.timezone) if user.path == paths.SAFETY else None
        await say(context.bot, user.chat_id, f"companion/topic_{about}", user=user,
                  started=user.no_contact_since is not None, keyboard=keyboard, abuse_line=line)
        return
    kind = zlib.crc32(said.text.encode("utf-8", "replace")) % ACKNOWLEDGEMENTS
    # The journal feature holds the words until a tap keeps them (bot/features/journal/keep.py).
    keyboard = await hooks_of(context).offer_keep(context, user, said.text.strip(), "fallback")
    await say(context.bot, user.chat_id, "companion/heard", user=user, kind=kind,
              started=user.no_contact_since is not None, keyboard=keyboard)


async def aside(context: BotContext, user: User, text: str, about_feelings: bool = False) -> bool:
    """Words typed where a short answer was asked that tell how the user feels or what
    happened ("i feel like garbage today" at the 1-5 mood question): a short acknowledgement
    with the offer to keep them, then the open question again. False, with nothing said, for
    words that only miss the format: the question's own re-ask says what it can read."""
    kind = tells(text, user.ex_nickname, about_feelings=about_feelings)
    if kind is None or (user.state or "") not in hooks_of(context).reasks:
        return False  # (a question with no re-ask: its own answer says what it needs)
    keyboard = await hooks_of(context).offer_keep(context, user, text.strip(), "fallback")
    await say(context.bot, user.chat_id, "companion/aside", user=user, kind=kind,
              variant=zlib.crc32(text.encode("utf-8", "replace")) % ASIDES, keyboard=keyboard)
    await ask_again(context, user)
    return True


FEATURE = Feature(
    name="companion",
    provides=Provides(companion=companion, aside=aside),
)
