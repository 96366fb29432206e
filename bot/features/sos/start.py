"""Starting the SOS flow and keeping the user's place: the acknowledgement, the pep talk, the
card line and the intensity question (or, before onboarding, a pep talk that needs nothing
personal), and the question that was open before, put back afterwards."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from bot.core.context import BotContext
from bot.features.sos import keyboards
from bot.features.sos.keyboards import choices
from bot.features.sos.rules import PEP_WINDOW, pick_pep, streak_days
from bot.features.steps.common import safety_values
from bot.listening.heard import listen
from bot.storage.models import User
from bot.storage.urges import Urge
from bot.ui.messaging import say
from bot.ui.texts import excerpt, names_under


@lru_cache(maxsize=1)
def pep_ids() -> tuple[int, ...]:
    """The pep-talk library: templates/sos/pep/NN.html."""
    return tuple(sorted(int(name.rsplit("/", 1)[1].removesuffix(".html"))
                        for name in names_under("sos/pep") if name.endswith(".html")))


INTENSITY_STATE = "sos.intensity"
JOURNAL_LINES = 20  # the newest journal entries the SOS moment may quote
CARD_EXCERPT = 300


async def begin(context: BotContext, user: User, source: str, *, looking: bool = False) -> None:
    """Logs the urge, acknowledges it with the streak, a pep talk and a card line, then asks
    how strong it is. Before onboarding: a pep talk that needs nothing personal. `looking`: the
    pull is to look at the ex (their profile, stories), not to write, and is named so."""
    urge = await context.repo.add_urge(user.user_id, source)
    if not user.onboarded:
        if user.state and user.state.startswith("sos."):
            # /sos typed while "do you want help with that urge?" was open: the help is
            # given, so the offer is closed and the setup question it stood in for is open
            back = back_of(user)
            await context.repo.set_state(user.user_id, back["back"], back["back_data"] or {})
        await newcomer(context, user, urge, looking=looking)
        return
    days = streak_days(user.no_contact_since, user.today(context.clock.now()))
    pep = pick_pep(pep_ids(), await context.repo.recent_peps(user.user_id, PEP_WINDOW * 3))
    await context.repo.record_pep(user.user_id, pep)
    key, line = await card_line(context, user, urge) or (None, None)
    line = excerpt(line, CARD_EXCERPT) if line else None
    # Two messages in all: the moment (acknowledgement, streak, pep talk, a card line), then
    # the one question. The safety path gets the domestic-abuse line in the first.
    await say(context.bot, user.chat_id, "sos/moment", user=user, days=days, source=source,
              looking=looking, pep=pep, key=key, line=line, **safety_values(user))
    await ask_text(context, user, INTENSITY_STATE, urge.id, "sos/ask_intensity",
                   keyboard=keyboards.intensity(user, urge.id, misread=source == "text"))


async def newcomer(context: BotContext, user: User, urge: Urge, *, looking: bool = False) -> None:
    """The SOS before onboarding: no streak, no card, no name needed; a pep talk and the four
    ways through, then back to the setup question if one was open."""
    await say(context.bot, user.chat_id, "sos/newcomer", user=user, looking=looking)
    pep = pick_pep(pep_ids(), await context.repo.recent_peps(user.user_id, PEP_WINDOW * 3))
    await context.repo.record_pep(user.user_id, pep)
    await say(context.bot, user.chat_id, f"sos/pep/{pep:02d}", user=user, looking=looking)
    await say(context.bot, user.chat_id, "sos/choose", user=user, noted=False,
              keyboard=choices(user, urge.id))


async def card_line(context: BotContext, user: User, urge: Urge) -> tuple[str, str] | None:
    """One line in the user's own words, a different one each time: their "remember why" list
    and step-1 answers, and their journal (never an entry that is itself about the pull)."""
    lines = [(a.key, a.value) for a in await context.repo.answers(user.user_id, 1)
             if a.key in ("problem", "treated", "feel_good", "safe") and a.value.strip()]
    lines += [("journal", e.body) for e in await context.repo.journal_entries(
        user.user_id, limit=JOURNAL_LINES) if quotable(e.body, user.ex_nickname)]
    if not lines:
        return None
    return lines[urge.id % len(lines)]


def quotable(entry: str, nickname: str | None) -> bool:
    """A journal entry fit to quote in the SOS moment: not an urge, not contact with the ex
    and not words of crisis (a journal holds all of those: it is theirs to write)."""
    heard = listen(entry, nickname=nickname)
    return not (heard.crisis or heard.urge or heard.contact_out or heard.contact_in)


def back_of(user: User) -> dict[str, Any]:
    """Where to return after an SOS question: the state that was pending before it."""
    if user.state and user.state.startswith("sos."):
        return {"back": user.state_data.get("back"), "back_data": user.state_data.get("back_data")}
    return {"back": user.state, "back_data": user.state_data}


async def ask_text(context: BotContext, user: User, state: str, urge_id: int, template: str,
                   keyboard: Any = None, **values: Any) -> None:
    await context.repo.set_state(user.user_id, state, {"urge": urge_id, **back_of(user)})
    await say(context.bot, user.chat_id, template, user=user, keyboard=keyboard, **values)


async def restore(context: BotContext, user: User) -> None:
    """Puts back whatever question was pending before the SOS, and says so."""
    back = back_of(user)
    await context.repo.set_state(user.user_id, back["back"], back["back_data"] or {})
    if back["back"] is not None:
        await say(context.bot, user.chat_id, "sos/back_to_question", user=user)
