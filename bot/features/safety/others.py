"""Someone else in danger: the user tells of another person's crisis, self-harm or abuse ("my
friend told me she wants to kill herself", "my sister's husband hits her",
bot/listening/detectors/others.py). The reply answers the user as a worried friend: it is
frightening; if they are in danger now, the emergency number of the user's helpline country;
the country's crisis line (or domestic-abuse line) also advises people worried about someone
else; asking directly and staying with them; and looking after themself too.

It is not the user's crisis: no crisis mode, no step-7 lock, nothing stored (no words, no
flag), and the open question is asked again afterwards, as after the abuse note. The user's
own crisis or abuse in the same message is heard first (the pipeline's order).
"""

from __future__ import annotations

import logging

from bot.core.context import BotContext
from bot.core.listen import ask_again
from bot.core.said import Said
from bot.features.safety import contacts
from bot.storage.models import User
from bot.ui.messaging import say

log = logging.getLogger(__name__)


async def someone_else_heard(context: BotContext, user: User, said: Said) -> None:
    """The pipeline's someone-else hook: the reply for their kind of danger, then the open
    question again. Stores nothing."""
    found = said.decision.heard.someone_else
    assert found is not None
    kind = found.kind
    # Only that it was heard: never the words, nor who.
    log.info("someone else's %s heard", kind)
    await say(context.bot, user.chat_id, f"safety/someone_else_{kind}", user=user,
              about_ex=found.ex, **contacts.values("crisis" if kind == "crisis" else "abuse", user))
    await ask_again(context, user)
