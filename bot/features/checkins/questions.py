"""The check-in's questions as states (checkin.task, .mood, .contact, .urge, .note), so typed
answers count as much as taps: "3", "pretty good", "yes", "nope", "like a 2". The first is the
morning task's evening question ("did you do it?") when the day's morning item was a task the
user got, else the mood. Each state remembers the question that was open when the check-in came
(prev), and finishing puts it back. A scheduled check-in opens its first question's state when
it goes out (bot/features/checkins/handlers.py: render_checkin), if no other question is open.

Every button carries the check-in's local date ("20260302.4"), so old messages and restarts
are fine; each answer is stored before the next question, and a second answer is declined."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from telegram import InlineKeyboardMarkup, Update

from bot.core import journey
from bot.core.clock import zone
from bot.core.context import BotContext
from bot.core.hooks import hooks_of
from bot.core.said import PLAIN, Said
from bot.features.checkins import keyboards
from bot.features.checkins import rules as logic
from bot.features.steps.common import done_steps, use_buttons
from bot.listening.answers import parse_rating, parse_yes_no
from bot.listening.detectors import contact
from bot.listening.pipeline import Moment, hear
from bot.storage.checkins import Checkin
from bot.storage.models import User
from bot.storage.repository import Repository
from bot.ui.messaging import say, user_values
from bot.ui.texts import render

TASK, MOOD, CONTACT, URGE = "checkin.task", "checkin.mood", "checkin.contact", "checkin.urge"
NOTE_STATE = "checkin.note"
MAX_NOTE = 200
SENTENCE_WORDS = 4  # more words than this, not understood: not an answer to a button question


def carried(user: User) -> dict[str, Any]:
    """The question the check-in interrupted, kept across its own questions."""
    if (user.state or "").startswith("checkin."):
        return {k: user.state_data[k] for k in ("prev", "prev_data") if k in user.state_data}
    return {"prev": user.state, "prev_data": user.state_data} if user.state else {}


async def _ask(context: BotContext, user: User, state: str, day: date) -> None:
    await context.repo.set_state(user.user_id, state, {"day": day.isoformat(), **carried(user)})


@dataclass(frozen=True)
class Question:
    """One check-in question as it is asked: its state, template, values and keyboard."""

    state: str
    template: str
    values: dict[str, Any]
    keyboard: InlineKeyboardMarkup


def _item(item_id: int) -> str:
    return f"programme/{item_id:03d}.html"


async def open_task(repo: Repository, user: User, day: date) -> int | None:
    """The morning item of `day` that reached the user and asks an evening question they have
    not answered yet (only tasks have one): its id."""
    entry = await repo.programme_day(user.user_id, day)
    if entry is None or not entry.used or entry.answer is not None:
        return None
    evening = render(_item(entry.item_id), part="evening", **user_values(user))
    return entry.item_id if evening else None


async def first_question(repo: Repository, user: User, day: date) -> Question | None:
    """The day's first unanswered question before the note (None: only the note is left)."""
    entry = await repo.get_checkin(user.user_id, day)
    if entry is None or entry.mood is None:
        task = await open_task(repo, user, day)
        if task is not None:
            return Question(TASK, "checkin/ask_task", {"task": _item(task), "part": "evening"},
                            keyboards.task(user, day))
        return Question(MOOD, "checkin/ask_mood", {}, keyboards.mood(user, day))
    if entry.contacted is None:
        return await contact_question(repo, user, day)
    if entry.urge is None:
        return Question(URGE, "checkin/ask_urge", {}, keyboards.urge(user, day))
    return None


async def ask_next(context: BotContext, user: User, day: date) -> None:
    """Asks the first question of the day's check-in that has no answer yet."""
    question = await first_question(context.repo, user, day)
    if question is None:
        await ask_note(context, user, day)
        return
    await _ask(context, user, question.state, day)
    await say(context.bot, user.chat_id, question.template, user=user, scheduled=False,
              keyboard=question.keyboard, **question.values)


async def _waiting(repo: Repository, user: User, day: date) -> tuple[bool, bool]:
    """(waiting for a reply to their planned step-7 message that day, and sent that day)."""
    outreach = await repo.latest_outreach(user.user_id)
    tz = zone(user.timezone)
    waiting = outreach is not None and outreach.waiting_on(day, tz)
    return waiting, waiting and outreach is not None and outreach.planned_on(day, tz)


async def contact_question(repo: Repository, user: User, day: date) -> Question:
    """Whether they contacted the ex; while they wait for a reply to their planned step-7
    message, any contact besides that one (the message itself is not a slip)."""
    waiting, sent_today = await _waiting(repo, user, day)
    return Question(CONTACT, "checkin/ask_contact", {"waiting": waiting, "sent_today": sent_today},
                    keyboards.contact(user, day, waiting=waiting))


async def ask_contact(context: BotContext, user: User, day: date) -> None:
    """Asks whether they contacted the ex (see contact_question)."""
    question = await contact_question(context.repo, user, day)
    await _ask(context, user, CONTACT, day)
    await say(context.bot, user.chat_id, question.template, user=user,
              keyboard=question.keyboard, **question.values)


async def ask_urge(context: BotContext, user: User, day: date) -> None:
    """Asks how strong the urge to reach out was (0-10); the slip flow calls it too."""
    await _ask(context, user, URGE, day)
    await say(context.bot, user.chat_id, "checkin/ask_urge", user=user,
              keyboard=keyboards.urge(user, day))


async def ask_note(context: BotContext, user: User, day: date) -> None:
    """Asks for one thing they did for themselves today, remembering any open question."""
    await _ask(context, user, NOTE_STATE, day)
    await say(context.bot, user.chat_id, "checkin/ask_note", user=user,
              keyboard=keyboards.note(user, day))


def expected(entry: Checkin | None) -> str | None:
    """The answer the day's check-in waits for: mood, contact, urge, then the note (skip)."""
    if entry is None or entry.mood is None:
        return "mood"
    if entry.completed:
        return None
    if entry.contacted is None:
        return "contact"
    if entry.urge is None:
        return "urge"
    return "skip"


async def expects(repo: Repository, user: User, day: date, entry: Checkin | None) -> str | None:
    """`expected`, with the morning task's question first while it is open."""
    found = expected(entry)
    if found == "mood" and await open_task(repo, user, day) is not None:
        return "task"
    return found


async def record(context: BotContext, user: User, day: date, action: str, value: str) -> None:
    """Stores one answer (already checked against `expects`) and asks what comes next."""
    repo = context.repo
    entry = await repo.get_checkin(user.user_id, day)
    if action == "task":
        choice = "yes" if value == "y" else "no"
        await repo.answer_programme_task(user.user_id, day, choice)
        await say(context.bot, user.chat_id, "daily/evening_reply", user=user, choice=choice)
        await ask_next(context, user, day)
    elif action == "mood":
        await repo.save_checkin_answer(user.user_id, day, "mood", int(value))
        await ask_next(context, user, day)
    elif action == "contact":
        if value == "p":  # nothing besides the planned step-7 message
            waiting, sent_that_day = await _waiting(repo, user, day)
            if not waiting:
                await say(context.bot, user.chat_id, "common/stale_button", user=user)
                return
            await repo.save_contact_answer(user.user_id, day, contacted=sent_that_day,
                                           planned=sent_that_day)
            await ask_urge(context, user, day)
            return
        await repo.save_contact_answer(user.user_id, day, contacted=value == "y", planned=False)
        if value == "y":
            # The no-contact feature records the slip, then hands back to ask_urge.
            await hooks_of(context).begin_slip(context, user, checkin_day=day)
        else:
            await ask_urge(context, user, day)
    elif action == "urge":
        urge = int(value)
        await repo.save_checkin_answer(user.user_id, day, "urge", urge)
        outcome = logic.urge_outcome(bool(entry and entry.slipped), urge)
        if outcome:
            await repo.add_urge(user.user_id, "checkin", intensity=urge, outcome=outcome)
        await ask_note(context, user, day)
    else:
        await finish(context, user, day, None)


async def finish(context: BotContext, user: User, day: date, note: str | None) -> None:
    """Completes the check-in, restores any question it interrupted, and replies to fit."""
    entry = await context.repo.get_checkin(user.user_id, day)
    if entry is None or entry.completed:
        await say(context.bot, user.chat_id, "checkin/already_done", user=user)
        return
    await context.repo.save_checkin_answer(user.user_id, day, "note", note, complete=True)
    if (user.state or "").startswith("checkin."):
        await context.repo.set_state(user.user_id, user.state_data.get("prev"),
                                     user.state_data.get("prev_data"))
    step = journey.current_step(await done_steps(context, user))
    kind = logic.closing_kind(entry.mood or 3, entry.slipped, entry.urge or 0, step)
    await say(context.bot, user.chat_id, "checkin/closing", user=user, kind=kind, step=step,
              noted=note is not None, urge=entry.urge or 0)


def _day(user: User) -> date | None:
    try:
        return date.fromisoformat(str(user.state_data.get("day", "")))
    except ValueError:
        return None


async def _typed(update: Update, context: BotContext, user: User, text: str, action: str,
                 value: str | None) -> None:
    """A typed answer to the open check-in question, checked like a tap. A sentence that only
    tells how the day feels ("i feel like garbage today, he posted a pic") is acknowledged and
    the question stays open; words that plainly are not an answer (a stale check-in, a
    sentence the pipeline hears more in once no question is open, such as "i texted him
    today") step aside: the question the check-in interrupted comes back and the words are
    heard afresh."""
    day = _day(user)
    entry = await context.repo.get_checkin(user.user_id, day) if day else None
    stale = (day is None or day != user.today(context.clock.now())
             or await expects(context.repo, user, day, entry) != action)
    if not stale and value is None:
        idle = hear(text, Moment(), nickname=user.ex_nickname)
        if idle.act == "contact_in":  # "he texted me this morning": the triage, and the
            # check-in's question again after it (it stays open)
            await hooks_of(context).contact_heard(context, user, Said(
                update, text, idle, "message", spec=PLAIN))
            return
        if idle.act == "companion" and await hooks_of(context).aside(context, user, text, True):
            return
    if stale or (value is None and len(text.split()) > SENTENCE_WORDS):
        await context.repo.set_state(user.user_id, user.state_data.get("prev"),
                                     user.state_data.get("prev_data"))
        await hooks_of(context).hear_again(update, context, user, text)
        return
    assert day is not None
    if value is None:
        if action == "contact":
            keyboard = keyboards.contact(user, day,
                                         waiting=(await _waiting(context.repo, user, day))[0])
        else:
            keyboard = {"task": keyboards.task, "mood": keyboards.mood,
                        "urge": keyboards.urge}[action](user, day)
        await use_buttons(context, user, keyboard=keyboard)
        return
    await record(context, user, day, action, value)


async def on_task_text(update: Update, context: BotContext, user: User, text: str) -> None:
    """A typed answer to the morning task's evening question: "yes", "nope"."""
    answer = parse_yes_no(text)
    await _typed(update, context, user, text, "task", {"yes": "y", "no": "n"}.get(answer or ""))


async def on_mood_text(update: Update, context: BotContext, user: User, text: str) -> None:
    """A typed mood: "3", "4/5", "pretty good", "rough"."""
    mood = logic.parse_mood(text)
    await _typed(update, context, user, text, "mood", None if mood is None else str(mood))


async def on_contact_text(update: Update, context: BotContext, user: User, text: str) -> None:
    """A typed "did you contact them?": yes / no, or the contact itself ("I texted him"). While
    a planned step-7 message waits for a reply, "no" means nothing besides it."""
    answer = parse_yes_no(text)
    if answer is None and contact.outgoing(text):
        answer = "yes"
    value = {"yes": "y", "no": "n"}.get(answer or "")
    day = _day(user)
    if value == "n" and day is not None and (await _waiting(context.repo, user, day))[0]:
        value = "p"
    await _typed(update, context, user, text, "contact", value)


async def on_urge_text(update: Update, context: BotContext, user: User, text: str) -> None:
    """A typed urge strength, 0-10: "7", "like a 2", "about a seven", "none" (0), "8, i keep
    opening our chat" (a rating said first, then a comment)."""
    level = parse_rating(text, 0, 10)
    if level is None and parse_yes_no(text) == "no":
        level = 0
    await _typed(update, context, user, text, "urge", None if level is None else str(level))


async def on_note(update: Update, context: BotContext, user: User, text: str) -> None:
    """Stores the one-line note and sends the closing reply."""
    day = _day(user)
    if day is None:
        await leave(context, user)
        return
    note = " ".join(text.split())[:MAX_NOTE]
    await finish(context, user, day, note)


async def skip_question(context: BotContext, user: User) -> None:
    """ "skip" at a check-in question: the note is skipped; any other question leaves today's
    check-in (what was answered stays)."""
    day = _day(user)
    if user.state == NOTE_STATE and day is not None:
        await finish(context, user, day, None)
        return
    await leave(context, user, skipped=True)


async def leave(context: BotContext, user: User, *, skipped: bool = False) -> None:
    """Leaves the check-in's question, back to the one it interrupted."""
    await context.repo.set_state(user.user_id, user.state_data.get("prev"),
                                 user.state_data.get("prev_data"))
    await say(context.bot, user.chat_id, "checkin/left", user=user, skipped=skipped)


async def reask(context: BotContext, user: User) -> None:
    """Asks the open check-in question again; one from another day is let go quietly."""
    day = _day(user)
    if day is None or day != user.today(context.clock.now()):
        await context.repo.set_state(user.user_id, user.state_data.get("prev"),
                                     user.state_data.get("prev_data"))
        return
    if user.state == NOTE_STATE:
        await say(context.bot, user.chat_id, "checkin/ask_note", user=user,
                  keyboard=keyboards.note(user, day))
        return
    await ask_next(context, user, day)
