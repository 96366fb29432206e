"""Hears the urge to reach out to the ex: a wish, a plan, a question or a near miss
("i really want to text her right now", "should I call him", "about to message my ex",
"my thumb is on the send button", "I'm drafting a message to her", "I almost texted her").

An urge typed while a question is open must never be stored as the answer: the bot offers help
with the urge instead. Events ("I texted him") belong to detectors/contact.py; missing someone or
wanting them back is ordinary breakup talk, not an urge. A pronoun is not the ex when another
person was named before it ("mum is in hospital and I want to call her"). Tables: data/urge.json.
"""

from __future__ import annotations

from typing import cast

from bot.listening import phrases
from bot.listening.detectors.contact import names_someone_else
from bot.listening.normalise import Normalised, as_normalised

_DATA = phrases.load("urge")
_MACROS = cast(dict[str, str], _DATA["macros"])
_RULES = phrases.RuleSet({"urge": cast(list[str], _DATA["patterns"])}, _MACROS)
_FILLERS = frozenset(phrases.squeeze(w) for w in cast(list[str], _DATA["negation_fillers"]))


def detect(text: str | Normalised, *, exhaustive: bool = False) -> str | None:
    """The words that carry the urge, or None."""
    norm = as_normalised(text)
    squeezed = norm.squeezed
    if not squeezed:
        return None
    tokens = None if exhaustive else norm.tokens
    for _, found in _RULES.search(squeezed, tokens):
        if phrases.negated(squeezed, found.start(), _FILLERS):
            continue
        if not names_someone_else(squeezed, found.start(), found[0]):
            return found[0]
    return None


def is_urge(text: str | Normalised) -> bool:
    """True when the message says the user wants (or is about) to contact their ex."""
    return detect(text) is not None
