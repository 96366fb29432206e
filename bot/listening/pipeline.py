"""The one order every message is heard in, as a pure decision (no Telegram, no database):

    crisis -> abuse -> someone else in danger -> "I contacted them" -> "they contacted me"
    -> the urge to reach out -> control words -> a question about the bot
    -> the open question's own parser -> the companion fallback

`hear(text, moment)` runs every detector once (bot.listening.listen) and says what the bot does
with the message; bot/core/listen.py carries the decision out through the features' hooks.
Nothing said in distress reaches a question's parser: a crisis, an abuse disclosure (except
where the question asks for exactly that: step 1's problems), someone else's crisis or abuse
("my friend took a bunch of pills": the user's own crisis or abuse in the same message comes
first), contact with the ex or an urge is answered as what it is, and the question is asked
again afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from bot.listening.heard import Heard, listen

Finding = Literal["contact_out", "contact_in", "urge"]
# What a message can be read for: "answer" (a message: every step), "detect" (a caption or an
# over-long text: every detector, but never a question's answer), "screen" (an edit or a
# command's argument: only crisis and abuse, the words that must never pass unanswered).
Reading = Literal["answer", "detect", "screen"]
Act = Literal[
    "crisis",  # clear risk: the crisis reply at once
    "crisis_possible",  # possible risk: ask directly, with a helpline in the question
    "crisis_again",  # crisis words while crisis mode lasts: the contacts again, shorter
    "abuse",  # a disclosure: the note, then the open question again (never its answer)
    "abuse_answer",  # a disclosure the open question asked for: stored as the answer, then the note
    "someone_else",  # another person's crisis or abuse told: the worried friend's reply, then
    # the open question again (never its answer, no crisis mode)
    "contact_out",  # the slip flow
    "contact_in",  # the "they contacted me" triage
    "ask_ex",  # "i texted jake": is that person the ex? (then the slip flow or the triage)
    "urge",  # nothing pending: the SOS flow at once
    "urge_offer",  # a question is open: "do you want help with that urge right now?"
    "care",  # crisis mode, nothing else heard: a caring reply, never the fallback
    "control",  # skip / cancel / back / menu / help / unsure
    "answer",  # the open question's parser
    "meta",  # a question about the bot: an honest short answer (then the open question again)
    "companion",  # nothing pending, nothing heard: acknowledge, offer the journal
    "unread",  # an edit, a caption, an over-long text or a command argument with nothing heard
]


@dataclass(frozen=True, slots=True)
class Spec:
    """How an open question takes what is said. `accepts_disclosure`: an abuse disclosure is
    this question's answer (step 1's problems and hard questions), stored before the note.
    `expects`: findings that are ordinary answers here, so they go to the question's parser
    (an unsent letter to the ex is not an urge, "he texted me first" is a fine answer to
    "what set it off?"). Crisis and abuse are never expected: they always come first.
    `controls`: False where "skip" or "cancel" is read by the question itself (the safety
    question takes "skip" as "not sure")."""

    accepts_disclosure: bool = False
    expects: frozenset[Finding] = field(default_factory=frozenset)
    controls: bool = True



@dataclass(frozen=True, slots=True)
class Moment:
    """Where the user is when the message arrives: the open question's spec (None: nothing
    pending), whether crisis mode lasts, and what the message may be read for."""

    spec: Spec | None = None
    crisis_mode: bool = False
    reading: Reading = "answer"


@dataclass(frozen=True, slots=True)
class Decision:
    act: Act
    heard: Heard
    meta: str | None = None  # for "meta": which question about the bot


def hear(text: str, moment: Moment, *, nickname: str | None = None) -> Decision:
    """What to do with `text` at `moment` (the ex's `nickname` is read as "them")."""
    return decide(text, listen(text, nickname=nickname), moment)


# A message that only says hello ("hi", "hellooo?", "you there?", "good morning"): never the
# answer to an open question (a day later, "hello?" is not one of "the problems between you"),
# so it is greeted and the question asked again, as a question about the bot is.
_GREETING = re.compile(
    r"(h+i+|h+e+l+o+|h+e+y+a*|hiya|yo+|howdy|hola|salut|hallo|ciao|oi|ola)( there| again| coach)?"
    r"|(are )?(you|u) (still )?there|(is )?any(one|body) (still )?there"
    r"|good (morning|afternoon|evening)|(morning|evening)")


def greeting(text: str) -> bool:
    """Whether `text` (a Normalised text: folded, one clause per ' | ') is only a hello."""
    return all(_GREETING.fullmatch(clause.strip()) for clause in text.split(" | ")) if text else False


def decide(text: str, heard: Heard, moment: Moment) -> Decision:
    """The fixed order, applied to what the detectors heard."""
    spec = moment.spec
    if heard.crisis is not None:
        if moment.crisis_mode:
            return Decision("crisis_again", heard)
        return Decision("crisis" if heard.crisis.tier == "clear" else "crisis_possible", heard)
    if heard.abuse is not None:
        answered = spec is not None and spec.accepts_disclosure and moment.reading == "answer"
        return Decision("abuse_answer" if answered else "abuse", heard)
    if heard.someone_else is not None:
        return Decision("someone_else", heard)
    if moment.crisis_mode and spec is None:
        return Decision("care", heard)
    if moment.reading == "screen":
        return Decision("unread", heard)
    expects = spec.expects if spec is not None else frozenset()
    if (heard.maybe_ex is not None and moment.reading == "answer"
            and f"contact_{heard.maybe_ex[0]}" not in expects):
        return Decision("ask_ex", heard)
    if heard.contact_out and "contact_out" not in expects:
        return Decision("contact_out", heard)
    if heard.contact_in and "contact_in" not in expects:
        return Decision("contact_in", heard)
    if heard.urge is not None and "urge" not in expects:
        return Decision("urge" if spec is None else "urge_offer", heard)
    if moment.reading == "detect":
        return Decision("unread", heard)
    if heard.control is not None and (spec is None or spec.controls):
        return Decision("control", heard)
    if heard.meta is not None and (spec is None or spec.controls):
        return Decision("meta", heard, heard.meta)
    if spec is not None and spec.controls and greeting(heard.norm.text):
        return Decision("meta", heard, "greeting")
    if spec is not None:
        return Decision("answer", heard)
    return Decision("companion", heard)
