"""Hears contact with the ex as something that happened, in plain words.

`outgoing`: the user reached out ("I texted him last night", "we slept together again", "I liked
his story", "I caved and messaged") -> the slip flow.
`incoming`: the ex reached out ("he texted me", "she wants to meet up", "a birthday message from
him", "he keeps liking my posts") -> the "they contacted me" triage.

Only events count. The tables use past or ongoing forms, so wishes and questions ("I want to text
him", "has he texted me?") do not match; a hypothetical word just before the match ("what if",
"I wish", "I dreamt", "almost") or a negation ("I never texted him") cancels it. The ex is he,
she, they, "my ex", ex-boyfriend/girlfriend/husband/wife/partner, or the nickname passed to
`normalise(text, nickname=...)`, which reads as the word `exname`.
"""

from __future__ import annotations

from typing import Literal, cast

from bot.listening import phrases
from bot.listening.normalise import Normalised, as_normalised

Direction = Literal["out", "in"]

_DATA = phrases.load("contact")
_MACROS = cast(dict[str, str], _DATA["macros"])
_OUT = phrases.RuleSet({"out": cast(list[str], _DATA["outgoing"])}, _MACROS)
_IN = phrases.RuleSet({"in": cast(list[str], _DATA["incoming"])}, _MACROS)
_HYPOTHETICAL = tuple(f" {phrases.squeeze(w)} " for w in cast(list[str], _DATA["hypothetical"]))
_QUESTION = frozenset(phrases.squeeze(w) for w in cast(list[str], _DATA["question_starts"]))
_FILLERS = frozenset(phrases.squeeze(w) for w in cast(list[str], _DATA["negation_fillers"]))
_WINDOW = 4  # how many words before a match may hold "if", "wish", "almost"...


def _is_event(text: str, start: int) -> bool:
    before = phrases.words_before(text, start, _WINDOW)
    if before and before[-1] in _QUESTION:
        return False  # "has he texted me", "did i call her"
    window = f" {' '.join(before)} "
    if any(word in window for word in _HYPOTHETICAL):
        return False
    return not phrases.negated(text, start, _FILLERS)


def _heard(rules: phrases.RuleSet, norm: Normalised, exhaustive: bool) -> bool:
    text = norm.squeezed
    tokens = None if exhaustive else norm.tokens
    return any(_is_event(text, found.start()) for _, found in rules.search(text, tokens))


def outgoing(text: str | Normalised, *, exhaustive: bool = False) -> bool:
    """True when the user says they contacted the ex (a slip)."""
    norm = as_normalised(text)
    return bool(norm.squeezed) and _heard(_OUT, norm, exhaustive)


def incoming(text: str | Normalised, *, exhaustive: bool = False) -> bool:
    """True when the user says the ex contacted them."""
    norm = as_normalised(text)
    return bool(norm.squeezed) and _heard(_IN, norm, exhaustive)


def detect(text: str | Normalised) -> Direction | None:
    """'out' before 'in' (the pipeline's order), or None."""
    norm = as_normalised(text)
    if outgoing(norm):
        return "out"
    return "in" if incoming(norm) else None
