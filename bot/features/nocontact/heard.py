"""Contact with the ex said in plain words, at any moment (the listening pipeline's hook).

"I texted him last night", "we slept together again" -> the slip flow: when was it (today,
yesterday, earlier: a typed date works too), said without shame; the count restarts on that
day (never in the future, never before the count began); then, optionally, what set it off;
then the question that was open is asked again. "he texted me", "she wants to meet up" -> the
"they contacted me" triage (practical, feelings, breadcrumb); the open question stays open.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from telegram import InlineKeyboardMarkup, Update

from bot.core.context import BotContext
from bot.core.listen import ask_again
from bot.core.said import Said
from bot.core.streaks import current_days
from bot.delivery.schedule import reschedule
from bot.features.nocontact import keyboards
from bot.listening.answers import parse_date
from bot.storage.models import User
from bot.ui.keyboards import Button, Keyboard
from bot.ui.messaging import say

NS = keyboards.NS
WHEN_STATE = "nocontact.slip_when"
NOTE_STATE = "nocontact.slip_note"
WHEN = ("today", "yesterday", "earlier")
_OWN = frozenset({WHEN_STATE, NOTE_STATE})


def when_keyboard(user: User) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).row(*(
        Button("when", choice, label=f"nocontact/when_{choice}") for choice in WHEN
    )).markup()


def carried(user: User) -> dict[str, Any]:
    """The question to go back to afterwards: the open one, or the one the slip flow kept."""
    if user.state in _OWN:
        return {k: user.state_data[k] for k in ("prev", "prev_data", "checkin")
                if k in user.state_data}
    return {"prev": user.state, "prev_data": user.state_data} if user.state else {}


async def contact_heard(context: BotContext, user: User, said: Said) -> None:
    """The pipeline's hook for contact events: the slip flow or the triage."""
    if not user.onboarded:
        await say(context.bot, user.chat_id, "nocontact/heard_newcomer", user=user,
                  outgoing=said.act == "contact_out", pending=said.pending)
        await ask_again(context, user)
        return
    if said.act == "contact_in":
        await say(context.bot, user.chat_id, "nocontact/triage_ask", user=user, heard=True,
                  pending=said.pending, keyboard=keyboards.triage(user))
        return
    if user.no_contact_since is None:
        await say(context.bot, user.chat_id, "nocontact/heard_no_count", user=user)
        await ask_again(context, user)
        return
    await ask_when(context, user)


async def ask_when(context: BotContext, user: User, *, earlier: bool = False) -> None:
    """Asks, kindly, when it happened; the open question is kept for afterwards."""
    await context.repo.set_state(user.user_id, WHEN_STATE, {**carried(user), "earlier": earlier})
    await say(context.bot, user.chat_id, "nocontact/ask_when", user=user, earlier=earlier,
              keyboard=None if earlier else when_keyboard(user))


async def reask_when(context: BotContext, user: User) -> None:
    """Asks "when was it?" again (after /start, or an interruption)."""
    await ask_when(context, user, earlier=bool(user.state_data.get("earlier")))


async def on_when_text(update: Update, context: BotContext, user: User, text: str) -> None:
    """A typed day ("last night", "on saturday", "3 March"), in the user's calendar."""
    today = user.today(context.clock.now())
    day = parse_date(text, today, user.timezone)
    if day is None:
        await say(context.bot, user.chat_id, "nocontact/bad_when", user=user,
                  keyboard=when_keyboard(user))
        return
    await slipped_on(context, user, day)


async def on_when_button(context: BotContext, user: User, arg: str) -> None:
    """Today, yesterday, or "earlier" (then a typed date)."""
    if user.state != WHEN_STATE or arg not in WHEN:
        await say(context.bot, user.chat_id, "common/stale_button", user=user)
        return
    today = user.today(context.clock.now())
    if arg == "earlier":
        await ask_when(context, user, earlier=True)
        return
    await slipped_on(context, user, today - timedelta(days=WHEN.index(arg)))


async def skip_when(context: BotContext, user: User) -> None:
    """ "skip" to "when was it?": counted from today, the kindest guess that keeps the count honest."""
    await slipped_on(context, user, user.today(context.clock.now()))


async def slipped_on(context: BotContext, user: User, day: date) -> None:
    """Records the slip on `day` (the count restarts there), or says why it doesn't move."""
    today = user.today(context.clock.now())
    since = user.no_contact_since
    back = carried(user)
    if since is None or day > today or day < since:
        await context.repo.set_state(user.user_id, back.get("prev"), back.get("prev_data"))
        await say(context.bot, user.chat_id, "nocontact/slip_before_count", user=user,
                  since=since, future=day > today)
        await ask_again(context, user)
        return
    slips = await context.repo.slips(user.user_id)
    again = any(s.occurred_on == day for s in slips) and since == day
    ended = current_days(since, day)
    if again:
        slip_id = next(s.id for s in reversed(slips) if s.occurred_on == day)
    else:
        slip_id = (await context.repo.record_slip(user.user_id, day, ended)).id
        await reschedule(context.repo, user.user_id, context.clock.now())
    longest = max([ended, *(s.streak_days for s in slips)])
    await context.repo.set_state(user.user_id, NOTE_STATE, {**back, "slip": slip_id})
    await say(context.bot, user.chat_id, "nocontact/slip_recorded", user=user, ended=ended,
              longest=longest, again=again, day=day, today=today,
              days=current_days(day, today), keyboard=keyboards.skip(user))
