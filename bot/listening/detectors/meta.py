"""Hears questions about the bot itself: "is this a real person?", "are you a therapist?", "am I
talking to a bot?", "who made you?", "who can read this?".

The companion fallback answers them honestly and briefly instead of treating them as a name or a
journal entry. Only short messages count (a question, not a story that mentions a therapist), and
the kinds are tried in table order, so "are you a real therapist" is "therapist". Tables:
data/meta.json.
"""

from __future__ import annotations

from typing import Literal, cast

from bot.listening import phrases
from bot.listening.normalise import Normalised, as_normalised

MetaKind = Literal["human", "therapist", "ai", "privacy"]

_DATA = phrases.load("meta")
_RULES = phrases.RuleSet(cast(dict[str, list[str]], _DATA["kinds"]),
                         cast(dict[str, str], _DATA["macros"]))
_MAX_WORDS = 16  # a question about the bot is short; longer messages are about something else


def detect(text: str | Normalised, *, exhaustive: bool = False) -> MetaKind | None:
    """The kind of question about the bot the message asks, or None."""
    norm = as_normalised(text)
    if not norm.squeezed or len(norm.squeezed.split()) > _MAX_WORDS:
        return None
    tokens = None if exhaustive else norm.tokens
    for rule, _ in _RULES.search(norm.squeezed, tokens):
        return cast(MetaKind, rule.label)
    return None
