"""Contact with the ex said in plain words, at any moment (the listening pipeline's hook).

"I texted him last night", "we slept together again" -> the slip flow: when was it (today,
yesterday, earlier: a typed date works too; not asked when the words said it: "last night"),
said without shame; the count restarts on that day (never in the future, never before the
count began); then, optionally, what set it off; then the question that was open is asked
again. "he texted me", "she wants to meet up" -> the "they contacted me" triage (practical,
feelings, breadcrumb: the advice at once when the words name the kind, "she said she misses
me"); the open question stays open.
"I texted jake", "maria called me" (a first name that is not the ex's nickname) -> "is Jake
your ex?" with two buttons: yes -> the slip flow or the triage, as if the ex had been named;
no -> a short thanks and the open question again. The message is never stored as an answer.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from telegram import InlineKeyboardMarkup, Update

from bot.core.context import BotContext
from bot.core.hooks import hooks_of
from bot.core.listen import ask_again
from bot.core.said import Said
from bot.core.streaks import current_days
from bot.delivery.schedule import reschedule
from bot.features.nocontact import keyboards
from bot.listening.answers import parse_date, parse_yes_no
from bot.listening.detectors.contact_details import kind_of_message, when_said
from bot.storage.models import User
from bot.ui.keyboards import Button, Keyboard
from bot.ui.messaging import say

NS = keyboards.NS
WHEN_STATE = "nocontact.slip_when"
NOTE_STATE = "nocontact.slip_note"
WHO_STATE = "nocontact.who"
WHEN = ("today", "yesterday", "earlier")
WHO = ("yes", "no")
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
    """The pipeline's hook for contact events: the slip flow or the triage (or, for a first
    name that may be the ex, the question whether it is)."""
    found = said.decision.heard.maybe_ex
    if said.act == "ask_ex" and found is not None:
        await ask_who(context, user, found[0], found[1])
        return
    await contact(context, user, outgoing=said.act == "contact_out", pending=said.pending,
                  words=said.text)


def who_keyboard(user: User) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).row(*(
        Button("who", choice, label=f"nocontact/who_{choice}") for choice in WHO
    )).markup()


async def ask_who(context: BotContext, user: User, direction: str, who: str) -> None:
    """ "Is Jake your ex?": the open question is kept (never answered by the message) and comes
    back after either answer."""
    back: dict[str, Any] = carried(user) if user.state != WHO_STATE else {
        k: user.state_data[k] for k in ("prev", "prev_data") if k in user.state_data}
    await context.repo.set_state(user.user_id, WHO_STATE, {**back, "dir": direction, "who": who})
    await say(context.bot, user.chat_id, "nocontact/ask_who", user=user, who=who,
              outgoing=direction == "out", pending=bool(back.get("prev")),
              keyboard=who_keyboard(user))


async def reask_who(context: BotContext, user: User) -> None:
    """Asks "is Jake your ex?" again (after /start, or an interruption)."""
    data = user.state_data
    await say(context.bot, user.chat_id, "nocontact/ask_who", user=user,
              who=str(data.get("who", "")), outgoing=data.get("dir") == "out",
              pending=bool(data.get("prev")), keyboard=who_keyboard(user))


async def answer_who(context: BotContext, user: User, answer: str) -> None:
    """Yes: the slip flow or the triage, as if the ex had been named. No: a short thanks and
    the open question again (nothing more when none was open)."""
    data = user.state_data
    await context.repo.set_state(user.user_id, data.get("prev"), data.get("prev_data"))
    fresh = await context.repo.get_user(user.user_id) or user
    pending = bool(data.get("prev"))
    if answer == "yes":
        await contact(context, fresh, outgoing=data.get("dir") == "out", pending=pending)
        return
    await say(context.bot, user.chat_id, "nocontact/not_the_ex", user=fresh, pending=pending)
    await ask_again(context, fresh)


async def on_who_button(context: BotContext, user: User, arg: str) -> None:
    if user.state != WHO_STATE or arg not in WHO:
        await say(context.bot, user.chat_id, "common/stale_button", user=user)
        return
    await answer_who(context, user, arg)


async def on_who_text(update: Update, context: BotContext, user: User, text: str) -> None:
    """A typed "yes" or "nope" answers; anything else steps aside: the open question is put
    back and the words are heard from the top, as if this had not been asked."""
    said = parse_yes_no(text)
    if said in WHO:
        await answer_who(context, user, said)
        return
    data = user.state_data
    await context.repo.set_state(user.user_id, data.get("prev"), data.get("prev_data"))
    await hooks_of(context).hear_again(update, context, user, text)


async def skip_who(context: BotContext, user: User) -> None:
    """ "skip" at "is Jake your ex?": taken as someone else."""
    await answer_who(context, user, "no")


async def contact(context: BotContext, user: User, *, outgoing: bool, pending: bool,
                  words: str | None = None) -> None:
    """The slip flow (outgoing) or the triage, for contact with the ex. What the user's `words`
    already tell is not asked again: the kind of message the ex sent ("she said she misses
    me": the feelings advice at once) and the day of a slip ("i texted him last night")."""
    if not user.onboarded:
        await say(context.bot, user.chat_id, "nocontact/heard_newcomer", user=user,
                  outgoing=outgoing, pending=pending)
        await ask_again(context, user)
        return
    if not outgoing:
        kind = kind_of_message(words, user.ex_nickname) if words else None
        if kind is not None:
            await say(context.bot, user.chat_id, f"nocontact/triage_{kind}", user=user,
                      heard=True, pending=pending)
            if pending:
                await ask_again(context, user)  # the question that was open, again
            return
        await say(context.bot, user.chat_id, "nocontact/triage_ask", user=user, heard=True,
                  pending=pending, keyboard=keyboards.triage(user))
        return
    if user.no_contact_since is None:
        await say(context.bot, user.chat_id, "nocontact/heard_no_count", user=user)
        await ask_again(context, user)
        return
    day = when_said(words, user.today(context.clock.now()), user.timezone) if words else None
    if day is not None:
        await slipped_on(context, user, day)
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
