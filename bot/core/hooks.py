"""Typed hooks between features: what one feature calls in another without importing it.

The listening pipeline's hooks (crisis_check, abuse_heard, someone_else_heard, contact_heard,
urge_heard, control_word, companion) are how bot/core/listen.py, which may not import features, hands
them what it heard.

A feature offers its hooks in `Feature.provides`; `assemble` builds the one `Hooks` of a running
app from them and refuses to start when a hook has no provider or two, naming the hook and who
should provide it. Callers read a hook as an attribute (`hooks_of(context).crisis_check`), never
by a string with a fallback: a renamed or unregistered hook (the crisis check above all) is a
start-up error, not a safety screen that quietly stops running.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from typing import TYPE_CHECKING, Protocol

from telegram import InlineKeyboardMarkup, Update

from bot.core.said import ReaskFn, Said, Source
from bot.storage.models import User

if TYPE_CHECKING:
    from bot.core.context import BotContext

# What the listening pipeline (bot/core/listen.py) calls for what it heard, in any state and in
# any text the bot reads (messages, captions, edits, over-long texts, command arguments):
# a crisis in either tier, crisis words again, or anything at all while crisis mode lasts.
# Provided by the safety feature.
CrisisCheck = Callable[["BotContext", User, Said], Awaitable[None]]
# An abuse disclosure: the note, the safety path, the open question again. Safety feature.
AbuseHeard = Callable[["BotContext", User, Said], Awaitable[None]]
# Someone else's crisis or abuse told ("my friend took a bunch of pills"): the reply for a
# worried friend, then the open question again. The safety feature.
SomeoneElseHeard = Callable[["BotContext", User, Said], Awaitable[None]]
# "I texted him" (the slip flow) or "he texted me" (the triage). The no-contact feature.
ContactHeard = Callable[["BotContext", User, Said], Awaitable[None]]
# The urge to reach out: SOS at once, or "do you want help with that now?". The SOS feature.
UrgeHeard = Callable[["BotContext", User, Said], Awaitable[None]]
# skip / cancel / back / menu / help / unsure typed in (or out of) a question. The menu feature.
ControlWord = Callable[["BotContext", User, Said], Awaitable[None]]
# Nothing pending and nothing heard (or a question about the bot). The companion feature.
Companion = Callable[["BotContext", User, Said], Awaitable[None]]
# True while a safety concern keeps step 7 closed. Provided by the safety feature.
SafetyHold = Callable[["BotContext", User], Awaitable[bool]]
# Called after each of step 1's hard questions is stored (key, text); True when it took over
# and carries the step on itself. Provided by the safety feature.
Step1Answer = Callable[["BotContext", User, str, str], Awaitable[bool]]
# Asks a check-in's urge question (0-10) for `day`; the slip flow goes back to it. Provided by
# the check-ins feature.
AskUrge = Callable[["BotContext", User, date], Awaitable[None]]
# Asks what time the daily programme's morning item should come (or whether at all); after
# step N (4, which sets no contact) that step is announced done once it is answered. Provided
# by the programme.
OfferProgramme = Callable[["BotContext", User, "int | None"], Awaitable[None]]
# Says step N is done and offers the next one. Provided by step 4 (any step module could).
AnnounceStepDone = Callable[["BotContext", User, int], Awaitable[None]]
# Holds words the user just said (text, source) and returns the "keep it in my journal" button
# to put under the reply; a tap moves them into the journal. Provided by the journal feature.
OfferKeep = Callable[["BotContext", User, str, str], Awaitable[InlineKeyboardMarkup]]
# Words typed where a short answer was asked (a name, a date, a rating) that tell how the user
# feels or what happened: acknowledged (with the journal offer) and the open question asked
# again; False, with nothing said, for words that only miss the format. The bool: the question
# asked how the day or the urge feels (plainer words then tell a feeling). The companion feature.
Aside = Callable[["BotContext", User, str, bool], Awaitable[bool]]
# Hears words again from the top of the listening pipeline: for a question that steps aside
# when the words are plainly not its answer (after putting back the question it interrupted).
HearFn = Callable[[Update, "BotContext", User, str, Source], Awaitable[bool]]


class BeginSlip(Protocol):
    """Records a slip (the no-contact count restarts) and asks what set it off; a check-in's
    day carries the check-in on afterwards. Provided by the no-contact feature."""

    async def __call__(self, context: BotContext, user: User, *,
                      checkin_day: date | None = None) -> None: ...


KEY = "hooks"  # where the application keeps its Hooks (bot_data)


@dataclass(frozen=True)
class Hooks:
    """Every hook a running app has, each from exactly one feature."""

    crisis_check: CrisisCheck
    abuse_heard: AbuseHeard
    someone_else_heard: SomeoneElseHeard
    safety_hold: SafetyHold
    step1_answer: Step1Answer
    begin_slip: BeginSlip
    contact_heard: ContactHeard
    urge_heard: UrgeHeard
    control_word: ControlWord
    companion: Companion
    aside: Aside
    ask_urge: AskUrge
    offer_programme: OfferProgramme
    announce_step_done: AnnounceStepDone
    offer_keep: OfferKeep
    # Not hooks: every feature's Feature.reasks by state (onboarding's "carry on" and every
    # re-ask after an interruption use them), and the router's listening pipeline.
    reasks: Mapping[str, ReaskFn] = field(default_factory=dict)
    hear: HearFn | None = None

    async def hear_again(self, update: Update, context: BotContext, user: User,
                         text: str) -> None:
        """Passes `text` through the listening pipeline again, for the user as stored now."""
        assert self.hear is not None, "assembled without the router's pipeline"
        fresh = await context.repo.get_user(user.user_id) or user
        await self.hear(update, context, fresh, text, "message")


@dataclass(frozen=True)
class Provides:
    """The hooks one feature offers (the fields of `Hooks`, each None unless offered here)."""

    crisis_check: CrisisCheck | None = None
    abuse_heard: AbuseHeard | None = None
    someone_else_heard: SomeoneElseHeard | None = None
    safety_hold: SafetyHold | None = None
    step1_answer: Step1Answer | None = None
    begin_slip: BeginSlip | None = None
    contact_heard: ContactHeard | None = None
    urge_heard: UrgeHeard | None = None
    control_word: ControlWord | None = None
    companion: Companion | None = None
    aside: Aside | None = None
    ask_urge: AskUrge | None = None
    offer_programme: OfferProgramme | None = None
    announce_step_done: AnnounceStepDone | None = None
    offer_keep: OfferKeep | None = None


# Who is expected to provide each hook: named in the start-up error when it is missing.
PROVIDERS = {"crisis_check": "safety", "abuse_heard": "safety", "someone_else_heard": "safety",
             "safety_hold": "safety",
             "step1_answer": "safety", "begin_slip": "nocontact", "contact_heard": "nocontact",
             "urge_heard": "sos", "control_word": "commands", "companion": "companion",
             "aside": "companion", "ask_urge": "checkins", "offer_programme": "programme",
             "announce_step_done": "step4", "offer_keep": "journal"}


class HookError(RuntimeError):
    """A hook has no provider, or more than one: the app must not start like that."""


def assemble(provided: Iterable[tuple[str, Provides | None]],
             reasks: Mapping[str, ReaskFn] | None = None, hear: HearFn | None = None) -> Hooks:
    """The app's Hooks from (feature name, what it provides); raises HookError when a hook is
    missing or provided twice."""
    offers = [(name, p) for name, p in provided if p is not None]
    found: dict[str, object] = {}
    for hook in fields(Provides):
        givers = [(name, fn) for name, p in offers if (fn := getattr(p, hook.name)) is not None]
        if not givers:
            raise HookError(
                f"no feature provides the {hook.name!r} hook; the "
                f"{PROVIDERS.get(hook.name, '?')!r} feature should (Feature.provides)"
            )
        if len(givers) > 1:
            raise HookError(f"the {hook.name!r} hook is provided by "
                            f"{' and '.join(name for name, _ in givers)}: only one may")
        found[hook.name] = givers[0][1]
    return Hooks(**found, reasks=dict(reasks or {}), hear=hear)  # type: ignore[arg-type]


def hooks_of(context: BotContext) -> Hooks:
    """The running app's hooks (assembled and checked by bot.app.build_application)."""
    return context.application.bot_data[KEY]  # type: ignore[no-any-return]
