"""/nocontact: the streak and its history, the slip flow ("I contacted them"), triage for
"they contacted me", and changing (or backdating) the start date."""

from __future__ import annotations

import re
from datetime import date, datetime

from telegram import Update

from bot.core import taps
from bot.core.clock import zone
from bot.core.context import BotContext
from bot.core.feature import Feature
from bot.core.hooks import Provides, hooks_of
from bot.core.listen import ask_again
from bot.core.said import WRITING_TO_THEM, spec
from bot.core.streaks import current_days, next_milestone, streak
from bot.delivery.schedule import reschedule
from bot.features.nocontact import heard, keyboards
from bot.features.nocontact.heard import NOTE_STATE, WHEN_STATE, WHO_STATE
from bot.features.nocontact.keyboards import TRIAGE
from bot.listening.answers import parse_date
from bot.storage.models import User
from bot.ui.keyboards import Callback
from bot.ui.messaging import say

NS = keyboards.NS
DATE_STATE = "nocontact.start_date"
MAX_NOTE = 300
_DAY_ARG = re.compile(r"^\d{8}$")


async def on_nocontact(update: Update, context: BotContext, user: User) -> None:
    """Shows the streak, the longest, total days and urges resisted (or, after the planned
    step-7 message, that the user is waiting for a reply), with the three buttons."""
    today = user.today(context.clock.now())
    slips = await context.repo.slips(user.user_id)
    if user.no_contact_since is None:
        await say(context.bot, user.chat_id, "nocontact/not_started", user=user,
                  keyboard=keyboards.start(user))
        return
    run = streak(user.no_contact_since, today, [s.streak_days for s in slips])
    outreach = await context.repo.latest_outreach(user.user_id)
    waiting = outreach.waiting(zone(user.timezone), user.no_contact_since, today) \
        if outreach else None
    await say(context.bot, user.chat_id, "nocontact/status", user=user, streak=run,
              slips=len(slips), resisted=await context.repo.urges_resisted(user.user_id),
              following=next_milestone(run.current), waiting=waiting,
              keyboard=keyboards.menu(user))


async def begin_slip(context: BotContext, user: User, *, checkin_day: date | None = None) -> None:
    """Records the slip at once (the streak restarts today, history stays), says something kind,
    and asks, optionally, what set it off. A check-in carries on afterwards."""
    today = user.today(context.clock.now())
    slips = await context.repo.slips(user.user_id)
    already = bool(slips) and slips[-1].occurred_on == today and user.no_contact_since == today
    ended = current_days(user.no_contact_since, today)
    if already:
        slip_id = slips[-1].id
    else:
        slip_id = (await context.repo.record_slip(user.user_id, today, ended)).id
        await reschedule(context.repo, user.user_id, context.clock.now())
    longest = max([ended, *(s.streak_days for s in slips)])
    data: dict[str, object] = {"slip": slip_id}
    if checkin_day is not None:
        data["checkin"] = checkin_day.isoformat()
    if user.state and user.state != NOTE_STATE:  # an open question elsewhere resumes afterwards
        data.update(prev=user.state, prev_data=user.state_data)
    await context.repo.set_state(user.user_id, NOTE_STATE, data)
    await say(context.bot, user.chat_id, "nocontact/slip_recorded", user=user, ended=ended,
              longest=longest, again=already,
              keyboard=keyboards.skip(user))


async def on_slip_note(update: Update, context: BotContext, user: User, text: str) -> None:
    """Stores what set the slip off and closes the slip flow."""
    note = " ".join(text.split())[:MAX_NOTE]
    await context.repo.note_slip(user.user_id, int(user.state_data.get("slip", 0)), note)
    await end_slip(context, user, noted=True)


async def end_slip(context: BotContext, user: User, *, noted: bool) -> None:
    """Thanks them, then goes back: to a check-in's next question when the slip came from
    one, else to the question that was open when they told the bot."""
    await context.repo.set_state(user.user_id, user.state_data.get("prev"),
                                 user.state_data.get("prev_data"))
    await say(context.bot, user.chat_id, "nocontact/slip_done", user=user, noted=noted,
              days=current_days(user.no_contact_since, user.today(context.clock.now())))
    day = user.state_data.get("checkin")
    if day:
        await hooks_of(context).ask_urge(context, user, date.fromisoformat(day))
    elif user.state_data.get("prev"):
        await ask_again(context, user)


async def skip_note(context: BotContext, user: User) -> None:
    """ "skip" typed at "what set it off?": the slip flow ends without a note."""
    await end_slip(context, user, noted=False)


async def reask_note(context: BotContext, user: User) -> None:
    """Asks "what set it off?" again."""
    await say(context.bot, user.chat_id, "nocontact/reask_note", user=user,
              keyboard=keyboards.skip(user))


async def ask_start_date(context: BotContext, user: User) -> None:
    """Asks when no contact began, with quick buttons; typed dates work too."""
    today = user.today(context.clock.now())
    await context.repo.set_state(user.user_id, DATE_STATE)
    await say(context.bot, user.chat_id, "nocontact/ask_start", user=user,
              keyboard=keyboards.dates(user, today))


async def on_start_text(update: Update, context: BotContext, user: User, text: str) -> None:
    """Parses a typed start date (never in the future) and sets it."""
    when = parse_date(text, user.today(context.clock.now()), user.timezone)
    if when is None:
        await say(context.bot, user.chat_id, "nocontact/bad_date", user=user)
        return
    await set_start(context, user, when)


async def set_start(context: BotContext, user: User, when: date) -> None:
    """Stores the (possibly backdated) start, never before the last slip, and reschedules."""
    slips = await context.repo.slips(user.user_id)
    if slips and when < slips[-1].occurred_on:
        await say(context.bot, user.chat_id, "nocontact/before_slip", user=user,
                  slip_day=slips[-1].occurred_on,
                  keyboard=keyboards.dates(user, user.today(context.clock.now())))
        return
    user = await context.repo.update_profile(user.user_id, no_contact_since=when)
    await context.repo.set_state(user.user_id, None)
    await reschedule(context.repo, user.user_id, context.clock.now())
    days = current_days(when, user.today(context.clock.now()))
    await say(context.bot, user.chat_id, "nocontact/start_set", user=user, since=when, days=days)


async def on_button(update: Update, context: BotContext, user: User, data: Callback) -> None:
    """Routes the /nocontact buttons: slip, they-contacted-me triage, start date, skip."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    action, arg = data.action, data.arg
    if action == "slip" and not arg:
        await begin_slip(context, user)
    elif action == "they" and not arg:
        await say(context.bot, user.chat_id, "nocontact/triage_ask", user=user, heard=False,
                  keyboard=keyboards.triage(user))
    elif action == "tri" and arg in TRIAGE:
        await say(context.bot, user.chat_id, f"nocontact/triage_{arg}", user=user, heard=False,
                  pending=bool(user.state))  # one message, when the question follows it
        if user.state:
            await ask_again(context, user)  # a question left open by "he texted me", again
    elif action == "when":
        await heard.on_when_button(context, user, arg)
    elif action == "who":
        await heard.on_who_button(context, user, arg)
    elif action == "start" and not arg:
        await ask_start_date(context, user)
    elif action == "skip" and user.state == NOTE_STATE:
        await end_slip(context, user, noted=False)
    elif action == "date" and user.state == DATE_STATE and _DAY_ARG.match(arg):
        when = _day(arg)
        if when is None or when > user.today(context.clock.now()):
            await say(context.bot, user.chat_id, "common/stale_button", user=user)
            return
        await set_start(context, user, when)
    else:
        await say(context.bot, user.chat_id, "common/stale_button", user=user)


def _day(arg: str) -> date | None:
    try:
        return datetime.strptime(arg, "%Y%m%d").date()
    except ValueError:
        return None


async def keep_start(context: BotContext, user: User) -> None:
    """ "skip" at "when did no contact begin?": the start date stays as it is."""
    await context.repo.set_state(user.user_id, None)
    await say(context.bot, user.chat_id, "nocontact/start_unchanged", user=user)


FEATURE = Feature(
    name="nocontact",
    commands={"nocontact": on_nocontact},
    callbacks={NS: on_button},
    taps={"they": taps.AGAIN, "tri": taps.AGAIN},  # advice may be read again; a slip is once
    states={NOTE_STATE: on_slip_note, DATE_STATE: on_start_text, WHEN_STATE: heard.on_when_text,
            WHO_STATE: heard.on_who_text},
    # What set a slip off, or when it was, may well name contact with the ex or the pull to it.
    specs={NOTE_STATE: spec(skip=skip_note, expects=WRITING_TO_THEM),
           WHEN_STATE: spec(skip=heard.skip_when, expects=WRITING_TO_THEM),
           DATE_STATE: spec(skip=keep_start),
           # "is Jake your ex?" answered by a fresh "i texted tom": heard again from the top
           WHO_STATE: spec(skip=heard.skip_who, expects=WRITING_TO_THEM)},
    reasks={NOTE_STATE: reask_note, DATE_STATE: ask_start_date, WHEN_STATE: heard.reask_when,
            WHO_STATE: heard.reask_who},
    provides=Provides(begin_slip=begin_slip, contact_heard=heard.contact_heard),
)
