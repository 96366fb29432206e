"""Typed hooks between features: what one feature calls in another without importing it.

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

from bot.storage.models import User

if TYPE_CHECKING:
    from bot.core.context import BotContext

# Answers crisis language in any text the bot reads (edits, captions, over-long texts too);
# True when it answered. Provided by the safety feature.
CrisisCheck = Callable[[Update, "BotContext", User, str], Awaitable[bool]]
# True while a safety concern keeps step 7 closed. Provided by the safety feature.
SafetyHold = Callable[["BotContext", User], Awaitable[bool]]
# Called after each of step 1's hard questions is stored (key, text); True when it took over
# and carries the step on itself. Provided by the safety feature.
Step1Answer = Callable[["BotContext", User, str, str], Awaitable[bool]]
# Asks a check-in's urge question (0-10) for `day`; the slip flow goes back to it. Provided by
# the check-ins feature.
AskUrge = Callable[["BotContext", User, date], Awaitable[None]]
# Holds words the user just said (text, source) and returns the "keep it in my journal" button
# to put under the reply; a tap moves them into the journal. Provided by the journal feature.
OfferKeep = Callable[["BotContext", User, str, str], Awaitable[InlineKeyboardMarkup]]
# A re-ask shows the question a state is waiting for again (after /start or a restart).
ReaskFn = Callable[["BotContext", User], Awaitable[None]]


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
    safety_hold: SafetyHold
    step1_answer: Step1Answer
    begin_slip: BeginSlip
    ask_urge: AskUrge
    offer_keep: OfferKeep
    # Not a hook but every feature's Feature.reasks by state, which onboarding's "carry on" uses.
    reasks: Mapping[str, ReaskFn] = field(default_factory=dict)


@dataclass(frozen=True)
class Provides:
    """The hooks one feature offers (the fields of `Hooks`, each None unless offered here)."""

    crisis_check: CrisisCheck | None = None
    safety_hold: SafetyHold | None = None
    step1_answer: Step1Answer | None = None
    begin_slip: BeginSlip | None = None
    ask_urge: AskUrge | None = None
    offer_keep: OfferKeep | None = None


# Who is expected to provide each hook: named in the start-up error when it is missing.
PROVIDERS = {"crisis_check": "safety", "safety_hold": "safety", "step1_answer": "safety",
             "begin_slip": "nocontact", "ask_urge": "checkins", "offer_keep": "journal"}


class HookError(RuntimeError):
    """A hook has no provider, or more than one: the app must not start like that."""


def assemble(provided: Iterable[tuple[str, Provides | None]],
             reasks: Mapping[str, ReaskFn] | None = None) -> Hooks:
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
    return Hooks(**found, reasks=dict(reasks or {}))  # type: ignore[arg-type]


def hooks_of(context: BotContext) -> Hooks:
    """The running app's hooks (assembled and checked by bot.app.build_application)."""
    return context.application.bot_data[KEY]  # type: ignore[no-any-return]
