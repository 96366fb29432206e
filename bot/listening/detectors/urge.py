"""Hears the urge to reach out to the ex: a wish, a plan, a question or a near miss
("i really want to text her right now", "should I call him", "about to message my ex",
"my thumb is on the send button", "I'm drafting a message to her", "I almost texted her").

An urge typed while a question is open must never be stored as the answer: the bot offers help
with the urge instead. Events ("I texted him") belong to detectors/contact.py; missing someone or
wanting them back is ordinary breakup talk, not an urge. A pronoun is not the ex when another
person was named before it ("mum is in hospital and I want to call her"). Tables: data/urge.json.
"""

from __future__ import annotations

import re
from typing import cast

from bot.listening import phrases
from bot.listening.detectors.contact import about_someone_else, names_someone_else, quoted
from bot.listening.normalise import SEP, Normalised, as_normalised

_DATA = phrases.load("urge")
_MACROS = cast(dict[str, str], _DATA["macros"])
_RULES = phrases.RuleSet({"urge": cast(list[str], _DATA["patterns"])}, _MACROS)
# A question whose only sign is its question mark, which the normaliser drops ("le escribo?",
# "je l'appelle ?", "bel ik haar?"): these whole-clause rules are tried only when the message
# holds a "?"; without it, "le escribo" is a statement
_ASKED = phrases.RuleSet({"urge": cast(list[str], _DATA["asked"])}, _MACROS)
# "tengo el mensaje escrito, lo mando?", "ik heb een bericht getypt, zal ik het versturen?": a
# draft's "send it?", only beside a word for a message and with no one else named in the message
_ASKED_SEND = phrases.RuleSet({"urge": cast(list[str], _DATA["asked_send"])}, _MACROS)
_DRAFT_WORDS = frozenset(phrases.squeeze(w) for w in cast(list[str], _DATA["asked_send_needs"]))
_FILLERS = frozenset(phrases.squeeze(w) for w in cast(list[str], _DATA["negation_fillers"]))
# An urge the message says was overcome is a win, not an urge ("i almost texted him but put my
# phone away", "thought about texting him but didnt, told my sister instead", "the urge came and
# went"): words like these anywhere after the urge words cancel them. A draft that was not sent
# ("wrote him a text but didnt send it") is not overcome: "send" is not among them.
_OVERCOME = re.compile(phrases.squeeze(" (?:" + "|".join(cast(list[str], _DATA["overcome"])) + ")(?= |$)"))
_INSTEAD = re.compile(r" instead(?! of)(?= |$)")
# "my thumb is hovering over send on this job application": the words that follow the urge say
# what is being sent, and it is not a message to anyone
_ELSEWHERE = re.compile(phrases.squeeze(" (?:" + "|".join(cast(list[str], _DATA["elsewhere"])) + ")(?![a-z0-9])"))
# "should i call her instead": a plan, not something done instead
# "i resisted the urge to check his insta", "fought off the urge to text him": an urge already
# beaten, said before the urge words (u2urge); "resisting"/"fighting" (still going on) stay urges
_RESISTED = re.compile(r"(?:^| )(?:resisted|fought off|fought|ignored|beat|overcame|rode out|surfed|"
                       r"sat with|got past|got through)(?: the| that| this| my| an| a| every| each)?"
                       r"(?: strong| huge| massive| big| stupid)? $")
_PLANNED = frozenset(phrases.squeeze(w) for w in cast(list[str], _DATA["planned"]))


def detect(text: str | Normalised, *, exhaustive: bool = False) -> str | None:
    """The words that carry the urge, or None."""
    norm = as_normalised(text)
    squeezed = norm.squeezed
    if not squeezed:
        return None
    found = _detect(squeezed, None if exhaustive else norm.tokens)
    if found is None and (variant := quoted(norm)) is not None:
        found = _detect(variant.squeezed, None if exhaustive else variant.tokens)
    if found is None and "?" in norm.raw:
        found = _detect(squeezed, None if exhaustive else norm.tokens, _ASKED)
        if found is None and not norm.tokens.isdisjoint(_DRAFT_WORDS) \
                and not about_someone_else(squeezed.replace(SEP, " ")):
            found = _detect(squeezed, None if exhaustive else norm.tokens, _ASKED_SEND)
    return found


def _detect(squeezed: str, tokens: frozenset[str] | None,
            rules: phrases.RuleSet = _RULES) -> str | None:
    for _, found in rules.search(squeezed, tokens):
        if phrases.negated(squeezed, found.start(), _FILLERS):
            continue
        if names_someone_else(squeezed, found.start(), found[0]):
            continue
        if _ELSEWHERE.match(squeezed, found.end()):
            continue
        if _RESISTED.search(squeezed, max(0, found.start() - 40), found.start()):
            continue
        if not overcome(squeezed[found.start():]):
            return found[0]
    return None


def overcome(rest: str) -> bool:
    """True when `rest` (the urge words and what follows them) says the urge was resisted."""
    if _OVERCOME.search(f" {rest}"):
        return True
    for found in _INSTEAD.finditer(rest):
        left = rest.rfind("|", 0, found.start()) + 1
        if _PLANNED.isdisjoint(rest[left:found.start()].split()):
            return True
    return False


# An urge to look rather than to write: their profile, stories, location, who they follow
# ("i want to check his insta", "gonna google her new boyfriend"). The same SOS help fits, in
# words about looking. "see"/"watch" with the ex right after is meeting them ("see him").
_LOOKING = re.compile(phrases.squeeze(phrases.whole_words(
    "(?:" + phrases.expand("{LOOKV}", _MACROS) + r")(?! (?:him|her|them|exname)(?: |$))"
    r"|google|look (?:\w+ )?up|looking (?:\w+ )?up|stalk|search for")))


def looking(words: str) -> bool:
    """Whether the urge words a detector returned are about looking at the ex, not writing."""
    return _LOOKING.search(phrases.squeeze(words)) is not None


def is_urge(text: str | Normalised) -> bool:
    """True when the message says the user wants (or is about) to contact their ex."""
    return detect(text) is not None
