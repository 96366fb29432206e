"""What the listening pipeline (bot/core/listen.py) hands a feature: the message, what was heard
and decided (bot/listening/pipeline.py), and how the open question takes words (its StateSpec).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from telegram import Update

from bot.listening.pipeline import Decision, Finding, Spec
from bot.storage.models import User

if TYPE_CHECKING:
    from bot.core.context import BotContext

# A re-ask shows the question a state is waiting for again (after /start or an interruption).
ReaskFn = Callable[["BotContext", User], Awaitable[None]]
TextFn = Callable[[Update, "BotContext", User, str], Awaitable[None]]
# Where the words came from: a message (or a merged flood of them), a photo's caption, an edit,
# a text too long to keep, or a command's argument ("/sos i want to die").
Source = Literal["message", "caption", "edit", "too_long", "command"]


@dataclass(frozen=True, slots=True)
class StateSpec(Spec):
    """How one open question takes free text, beyond its handler (Feature.states).

    skip        what "skip" does here (it never becomes the answer); None: this question can't
                be skipped, so the bot says so and asks it again
    unsure      what "not sure" / "idk" does, for a question with such an answer; None: as skip
    back        the state of the question before this one, asked again on "back"; None: "back"
                leaves the question like "cancel"
    disclosure  for questions that ask about the relationship (step 1): stores an abuse
                disclosure as this question's answer, silently, and moves the state on; the
                safety feature then says its note and the next question is asked
    """

    skip: ReaskFn | None = None
    unsure: ReaskFn | None = None
    back: str | None = None
    disclosure: TextFn | None = None


def spec(*, skip: ReaskFn | None = None, unsure: ReaskFn | None = None, back: str | None = None,
         disclosure: TextFn | None = None,
         expects: frozenset[Finding] = frozenset(),
         controls: bool = True) -> StateSpec:
    """A StateSpec; a question with a `disclosure` store accepts abuse disclosures as answers."""
    return StateSpec(accepts_disclosure=disclosure is not None, expects=expects,
                     controls=controls, skip=skip, unsure=unsure, back=back,
                     disclosure=disclosure)


PLAIN = StateSpec()  # a question that declares nothing: no skip, back leaves
# Writing to the ex (or about contact with them) is the point of these questions: an unsent
# letter, a draft for step 7, what set a slip off. Crisis and abuse are still heard first.
WRITING_TO_THEM: frozenset[Finding] = frozenset({"contact_out", "contact_in", "urge"})
ABOUT_CONTACT: frozenset[Finding] = frozenset({"contact_out", "contact_in"})


@dataclass(frozen=True, slots=True)
class Said:
    """One message as the pipeline heard it. `spec` and `answer` are the open question's
    (None when nothing is pending); `answer` stores words as that question's answer."""

    update: Update
    text: str
    decision: Decision
    source: Source
    spec: StateSpec | None = None
    answer: TextFn | None = None

    @property
    def act(self) -> str:
        return self.decision.act

    @property
    def pending(self) -> bool:
        """True when a question was open when the message came."""
        return self.spec is not None
