"""Hears suicide and self-harm language in two tiers, in seven languages.

`clear`: explicit ideation or intent, a plan, a method, a preparatory act, any self-harm said about
oneself. The bot answers with the crisis reply at once.
`possible`: passive ideation, hopelessness, being a burden, wanting it all over. The bot asks
directly and kindly, with a helpline already in the message.

Figures of speech ("die my hair", "cut myself shaving") are cut out narrowly, clause by clause,
and never where the same clause says "on purpose", "again and again", "relapsed"... A negation
right before a match ("I would never kill myself") lowers it one tier instead of silencing it.
The tables live in data/crisis.json; this file only applies them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, cast

from bot.listening import phrases
from bot.listening.normalise import Normalised, as_normalised

Tier = Literal["clear", "possible"]
LANGS = ("en", "es", "pt", "de", "fr", "it", "nl")

_DATA = phrases.load("crisis")
_MACROS = cast(dict[str, str], _DATA["macros"])
_CLEAR = phrases.RuleSet(cast(dict[str, list[str]], _DATA["clear"]), _MACROS)
_POSSIBLE = phrases.RuleSet(cast(dict[str, list[str]], _DATA["possible"]), _MACROS)
_EXCLUSIONS = phrases.RuleSet({"x": cast(list[str], _DATA["exclusions"])}, _MACROS)
_OVERRIDES = phrases.RuleSet({"x": cast(list[str], _DATA["overrides"])}, _MACROS)
_FILLERS = frozenset(phrases.squeeze(w) for w in cast(list[str], _DATA["negation_fillers"]))


@dataclass(frozen=True, slots=True)
class CrisisResult:
    """What was heard: the tier, the language of the words that matched (to pick a helpline
    when nothing better is known), and the matched words (for logs and tests, never shown)."""

    tier: Tier
    lang: str
    words: str


def detect(text: str | Normalised, *, exhaustive: bool = False) -> CrisisResult | None:
    """The strongest crisis signal in the message, or None. `exhaustive` tries every rule
    instead of only those whose trigger words occur (for the tests that guard the index)."""
    norm = as_normalised(text)
    squeezed = norm.squeezed
    if not squeezed:
        return None
    tokens = None if exhaustive else norm.tokens
    fallback: CrisisResult | None = None
    for rule, found in _CLEAR.search(squeezed, tokens, _EXCLUSIONS, _OVERRIDES):
        if not phrases.negated(squeezed, found.start(), _FILLERS):
            return CrisisResult("clear", rule.label, found[0])
        fallback = fallback or CrisisResult("possible", rule.label, found[0])
    for rule, found in _POSSIBLE.search(squeezed, tokens, _EXCLUSIONS, _OVERRIDES):
        if not phrases.negated(squeezed, found.start(), _FILLERS):
            return CrisisResult("possible", rule.label, found[0])
    return fallback


def tier(text: str | Normalised) -> Tier | None:
    """Just the tier: 'clear', 'possible' or None."""
    result = detect(text)
    return result.tier if result else None
