"""The listening pipeline in the running bot: every text the bot reads passes here before any
state handler, in every state. bot/listening/pipeline.py decides (pure, in a fixed order);
this module only gathers the moment (the open question's spec, crisis mode) and hands the
decision to the feature that owns it, through the typed hooks (it may not import features).

Sources: messages (and merged floods of them), photo captions, edits, over-long texts and
command arguments. Only a message can be a question's answer; the others are heard for
crisis and abuse (and captions and long texts for contact and urges too), and otherwise get
their usual short answer from the router.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from telegram import Update

from bot.core.context import BotContext
from bot.core.hooks import hooks_of
from bot.core.said import PLAIN, Said, Source, StateSpec, TextFn
from bot.listening.pipeline import Moment, Reading, hear
from bot.storage.models import User

log = logging.getLogger(__name__)
READING: dict[Source, Reading] = {
    "message": "answer", "caption": "detect", "too_long": "detect", "edit": "screen",
    "command": "screen",
}
_CRISIS = frozenset({"crisis", "crisis_possible", "crisis_again", "care"})


class Listener:
    """The open questions' handlers and specs (from the feature registry) and the one entry."""

    def __init__(self, states: Mapping[str, TextFn], specs: Mapping[str, StateSpec]) -> None:
        self.states, self.specs = states, specs

    def moment(self, user: User, source: Source, now_in_crisis: bool) -> tuple[Moment, TextFn | None]:
        handler = self.states.get(user.state or "")
        spec = self.specs.get(user.state or "", PLAIN) if handler is not None else None
        return Moment(spec=spec, crisis_mode=now_in_crisis, reading=READING[source]), handler

    async def hear(self, update: Update, context: BotContext, user: User, text: str,
                   source: Source) -> bool:
        """Hears `text` and acts on it; False when nothing was heard in words the bot does not
        otherwise read (an edit, a caption, an over-long text, a command argument)."""
        moment, handler = self.moment(user, source, user.in_crisis(context.clock.now()))
        decision = hear(text, moment, nickname=user.ex_nickname)
        act = decision.act
        if act == "unread":
            return False
        assert isinstance(moment.spec, StateSpec) or moment.spec is None
        said = Said(update, text, decision, source, moment.spec, handler)
        hooks = hooks_of(context)
        # The act only, never the words: logs must not hold what people tell the bot.
        log.debug("heard: %s", act)
        if act in _CRISIS:
            await hooks.crisis_check(context, user, said)
        elif act in ("abuse", "abuse_answer"):
            await hooks.abuse_heard(context, user, said)
        elif act == "someone_else":
            await hooks.someone_else_heard(context, user, said)
        elif act in ("contact_out", "contact_in", "ask_ex"):
            await hooks.contact_heard(context, user, said)
        elif act in ("urge", "urge_offer"):
            await hooks.urge_heard(context, user, said)
        elif act == "control":
            await hooks.control_word(context, user, said)
        elif act == "answer":
            assert handler is not None
            await handler(update, context, user, text.strip())
        else:  # "meta", "companion"
            await hooks.companion(context, user, said)
        return True


async def ask_again(context: BotContext, user: User) -> bool:
    """Asks the user's open question again (after a note that interrupted it); False when the
    state has no re-ask or nothing is open. Reads the user fresh: the note may have moved it."""
    fresh = await context.repo.get_user(user.user_id) or user
    reask = hooks_of(context).reasks.get(fresh.state or "")
    if reask is None:
        return False
    await reask(context, fresh)
    return True
