"""Runs the labelled corpus through the REAL application (tests/harness.py: real Updates through
process_update, the Bot API stand-in, a real SQLite file) and judges each entry by what the bot
SENT and what it STORED.

Moments: every entry is sent once while the user is idle (onboarded, nothing pending) and once
while step 1 waits for a problem; names and non-names are also sent to the onboarding name
question, and typed answers to the question they answer (scales to step 2's pull, dates to the
breakup date, cities to the time zone, yes/no to "do you want them back?", pronouns to the
ex's pronoun). One harness per run, one fresh user per entry and moment, many chats at once.

What the bot sent is read from the reply's buttons (callback data names the flow) or, for
replies without buttons, a phrase of the template that only that reply says."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

from bot.core.clock import ManualClock
from bot.devtools.standin import Call, StandInRequest
from tests.harness import Harness
from tests.listening import listening_eval as ev

ZONE = ev.ZONE
NOON = datetime.combine(ev.TODAY, time(12, 0), tzinfo=UTC)
CONCURRENCY = 64  # chats handled at once (each user's updates still run in order)

# Reply kinds, each recognised by its buttons' callback data or a phrase only it says.
BUTTONS: dict[str, str] = {
    "crisis_ask": "|sf|ask|", "slip": "|nc|when|", "triage": "|nc|tri|", "sos": "|sos|int|",
    "urge_offer": "|sos|offer|", "journal": "|kw|keep|",
}
PHRASES: dict[str, str] = {
    "crisis": "taking it seriously",  # safety/crisis_reply, safety/crisis_again
    "abuse": "your fault",  # safety/abuse_note
    "help": "What I can do",  # common/help
    "help_here": "answer in your own words",  # common/help_here
    "menu": "Where to?",  # common/menu
    "cancelled": "we'll leave that question",  # common/cancelled
    "nothing_open": "Nothing is waiting on an answer",  # common/nothing_open
    "stop_offer": "pause the daily check-ins",  # settings/stop_offer
    "need_problem": "Write at least one thing",  # step1/need_one_problem
    "meta:human": "I'm not a person",  # companion/meta_human
    "meta:ai": "Yes, I'm a bot",  # companion/meta_ai
    "meta:therapist": "I'm not a therapist",  # companion/meta_therapist
    "meta:privacy": "I keep what you tell me",  # companion/meta_privacy
    "not_waiting": "wasn't waiting",  # the old fallback: must never be sent
    # the slip flow and the triage when the words already said the day or the kind
    "slip": "A slip is information",  # nocontact/slip_recorded
    "triage": "got in touch, then",  # nocontact/triage_ask and triage_<kind>, heard in words
    # the companion's replies that offer nothing to keep: thanks, and not knowing what to do
    "thanks": "I'm here whenever you need me",  # companion/topic_thanks
    "lost": "just the next small thing",  # companion/topic_lost
    "small_talk": "Tell me whatever's on your mind",  # companion/small_talk ("ok", "idk")
}


def kinds(calls: Iterable[Call]) -> set[str]:
    found: set[str] = set()
    for call in calls:
        data = " ".join(d for _, d in call.buttons() if d)
        found |= {kind for kind, mark in BUTTONS.items() if mark in data}
        found |= {kind for kind, mark in PHRASES.items() if mark in call.text}
    return found


@dataclass
class Outcome:
    """One entry at one moment: what was sent, what was stored, where the user ended up."""

    row: dict[str, Any]
    moment: str
    kinds: set[str]
    stored: list[str]  # step-1 problems, or the profile/answer value the moment asks for
    state: str | None
    replies: int
    rejected: int


@dataclass
class Run:
    outcomes: list[Outcome] = field(default_factory=list)
    updates: int = 0
    seconds: float = 0.0

    def at(self, moment: str, label: str | None = None,
           pick: Callable[[dict[str, Any]], bool] | None = None) -> list[Outcome]:
        return [o for o in self.outcomes if o.moment == moment
                and (label is None or o.row["label"] == label) and (pick is None or pick(o.row))]


# -- moments -----------------------------------------------------------------------------------

async def _onboarded(h: Harness, uid: int, *, language: str = "en") -> None:
    repo = h.repo
    await repo.ensure_user(uid, uid, timezone=ZONE, checkin=time(20, 0))
    await repo.update_profile(uid, display_name="Sam", ex_pronoun="he",
                              ex_nickname=ev.NICKNAME,
                              no_contact_since=ev.TODAY - timedelta(days=10))
    await repo.set_language_code(uid, language)
    await repo.mark_onboarded(uid)


async def idle(h: Harness, uid: int) -> None:
    await _onboarded(h, uid)


async def step1(h: Harness, uid: int) -> None:
    await _onboarded(h, uid)
    await h.repo.start_step(uid, 1)
    await h.repo.set_state(uid, "step1.problems")


def onboarding(question: str) -> Callable[[Harness, int], Any]:
    async def setup(h: Harness, uid: int) -> None:
        await h.repo.ensure_user(uid, uid, timezone=ZONE, checkin=time(20, 0))
        await h.repo.set_state(uid, f"onboard.{question}")

    return setup


async def step2_pull(h: Harness, uid: int) -> None:
    await _onboarded(h, uid)
    await h.repo.set_state(uid, "step2.pull")


async def want_back(h: Harness, uid: int) -> None:
    await _onboarded(h, uid)
    await h.repo.set_state(uid, "step1.want_back")


async def _stored(h: Harness, uid: int, moment: str) -> list[str]:
    repo = h.repo
    if moment == "step1":
        return [a.value for a in await repo.answers(uid, 1, "problem")]
    if moment == "step2.pull":
        return [a.value for a in await repo.answers(uid, 2, "pull")]
    if moment == "want_back":
        return [a.value for a in await repo.answers(uid, 1, "want_back")]
    user = await repo.get_user(uid)
    assert user is not None
    value = {"name": user.display_name, "pronoun": user.ex_pronoun if user.state !=
             "onboard.pronoun" else None, "breakup": user.breakup_date,
             "tz": user.timezone if user.state != "onboard.tz" else None}.get(moment)
    return [str(value)] if value is not None else []


MOMENTS: dict[str, Callable[[Harness, int], Any]] = {
    "idle": idle, "step1": step1, "name": onboarding("name"), "pronoun": onboarding("pronoun"),
    "breakup": onboarding("breakup"), "tz": onboarding("tz"), "step2.pull": step2_pull,
    "want_back": want_back,
}


def plan(rows: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    """(moment, entry) for every entry at idle and in step 1, and at its own question."""
    own = {"name": "name", "non_name": "name", "pronoun": "pronoun", "date": "breakup",
           "city": "tz", "scale": "step2.pull", "yesno": "want_back"}
    planned = [(moment, row) for row in rows for moment in ("idle", "step1")]
    for row in rows:
        moment = own.get(row["label"].split(":")[0])
        if moment:
            planned.append((moment, row))
    return planned


async def run(db: Path, rows: list[dict[str, Any]]) -> Run:
    """Every planned (moment, entry) through one running bot."""
    h = Harness(db, clock=ManualClock(NOON))
    await h.start()
    result = Run()
    work = plan(rows)
    ids = {index: 1_000_000 + index for index in range(len(work))}
    for index, (moment, _) in enumerate(work):
        await MOMENTS[moment](h, ids[index])
    calls_before = len(h.request.calls)
    started = asyncio.get_running_loop().time()
    gate = asyncio.Semaphore(CONCURRENCY)

    async def send(index: int) -> None:
        async with gate:
            await h.user(ids[index]).send(work[index][1]["text"])

    await asyncio.gather(*(send(i) for i in range(len(work))))
    result.seconds = asyncio.get_running_loop().time() - started
    result.updates = len(work)
    by_chat: dict[int, list[Call]] = {}
    for call in h.request.calls[calls_before:]:
        if call.method in StandInRequest.SENDS and call.chat_id is not None:
            by_chat.setdefault(call.chat_id, []).append(call)
    rejected = {call.chat_id for call, _ in h.request.rejected}
    for index, (moment, row) in enumerate(work):
        uid = ids[index]
        calls = by_chat.get(uid, [])
        user = await h.repo.get_user(uid)
        result.outcomes.append(Outcome(
            row=row, moment=moment, kinds=kinds(calls), stored=await _stored(h, uid, moment),
            state=user.state if user else None, replies=len(calls),
            rejected=int(uid in rejected)))
    await h.stop()
    return result
