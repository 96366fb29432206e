"""Hears contact with the ex as something that happened, in plain words.

`outgoing`: the user reached out ("I texted him last night", "we slept together again", "I liked
his story", "I caved and messaged", "texted him again ugh") -> the slip flow.
`incoming`: the ex reached out ("he texted me", "she wants to meet up", "a birthday message from
him", "he keeps liking my posts") -> the "they contacted me" triage.

Only events count. The tables use past or ongoing forms, so wishes and questions ("I want to text
him", "has he texted me?") do not match; a hypothetical word just before the match ("what if",
"I wish", "I dreamt", "almost") or a negation ("I never texted him") cancels it. The ex is he,
she, they, "my ex", ex-boyfriend/girlfriend/husband/wife/partner, or the nickname passed to
`normalise(text, nickname=...)`, which reads as the word `exname`. A pronoun is only the ex when
no other person was named before it in the clause ("my friend called and we talked for hours").
"""

from __future__ import annotations

import re
from typing import Literal, cast

from bot.listening import phrases
from bot.listening.normalise import SEP, Normalised, as_normalised

Direction = Literal["out", "in"]

_DATA = phrases.load("contact")
_MACROS = cast(dict[str, str], _DATA["macros"])
_OUT = phrases.RuleSet({"out": cast(list[str], _DATA["outgoing"])}, _MACROS)
_IN = phrases.RuleSet({"in": cast(list[str], _DATA["incoming"])}, _MACROS)
_HYPOTHETICAL = tuple(f" {phrases.squeeze(w)} " for w in cast(list[str], _DATA["hypothetical"]))
_QUESTION = frozenset(phrases.squeeze(w) for w in cast(list[str], _DATA["question_starts"]))
_FILLERS = frozenset(phrases.squeeze(w) for w in cast(list[str], _DATA["negation_fillers"]))
_OTHERS = frozenset(phrases.squeeze(w) for w in cast(list[str], _DATA["other_people"]))
_SUBJECTLESS = frozenset(phrases.squeeze(w) for w in cast(list[str], _DATA["subjectless_verbs"]))
_INTERJECTIONS = frozenset(phrases.squeeze(w) for w in cast(list[str], _DATA["interjections"]))
_EX_WORDS = frozenset({"ex", "exname"})
_CARRIED = frozenset({"pased", "gave", "delivered", "brought", "handed"})  # squeezed
_WINDOW = 4  # how many words before a match may hold "if", "wish", "almost"...
_OVERRULED = re.compile(phrases.squeeze(
    r" [a-z]+ (?:would|will|is going to|s going to|gonna) (?:kill|murder|hate|be (?:so )?(?:mad|angry"
    r"|furious|disappointed|upset))(?: me)?(?![a-z])"
    r"| [a-z]+ (?:dared me|told me not to|said not to|says not to|warned me|begged me not to"
    r"|keeps telling me not to|told me to leave it|said i should not|says i should not)(?![a-z])"))
# "i know i shouldnt have but i texted him", "i couldnt help it i called her": regret, not a wish
_NOT_HYPOTHETICAL = tuple(f" {phrases.squeeze(w)} " for w in cast(list[str], _DATA["not_hypothetical"]))
# "wrote him a whole paragraph but havent sent it": written, never sent (an urge, not a slip)
_UNSENT = re.compile(phrases.squeeze(r"(?: [a-z0-9]+){0,8}? (?:but |and |then |just |still )*(?:i )?"
                     r"(?:have not|did not|never|not|do not|wont|will not|could not|cannot) "
                     r"(?:[a-z]+ ){0,2}(?:send|sent|hit send|press|pressed|posted)(?![a-z0-9])"
                     r"|(?: [a-z0-9]+){0,10}? (?:in my drafts|unsent|still in my notes|then deleted it"
                     r"|and deleted it|deleted it|and deleted|never sent)(?![a-z0-9])"))
# "he texted me every morning before we broke up": the relationship, not contact since
_BACK_THEN = re.compile(phrases.squeeze(r"(?: [a-z0-9]+){0,10}? (?:back then|when we were (?:together|dating|a couple)"
                        r"|while we were (?:together|dating)|before we broke up|before the breakup"
                        r"|during our relationship|in our relationship|when we first met"
                        r"|when we first started dating)(?![a-z0-9])"))


def names_someone_else(text: str, start: int, words: str) -> bool:
    """True when the clause names another person (a friend, mum, boss...) before `start` and the
    matched `words` speak of the ex only by a pronoun: then the pronoun is most likely that
    person. Shared with detectors/urge.py."""
    said = words.split()
    if not _EX_WORDS.isdisjoint(said):
        return False
    if len(said) > 2 and said[-2] == "from" and ("me" in said or said[0] in _CARRIED):
        return False  # "a mutual friend passed on a message from him": the friend only carried it
    left = text.rfind("|", 0, start) + 1
    before = text[left:start]
    if _OTHERS.isdisjoint(before.split()):
        return False
    # "my therapist would kill me but i emailed him": a person who only warned or dared the
    # user is not the one contacted
    return not _OTHERS.isdisjoint(_OVERRULED.sub(" ", f" {before} ").split())


def _is_event(text: str, start: int, words: str) -> bool:
    before = phrases.words_before(text, start, _WINDOW)
    if before and before[-1] in _QUESTION:
        return False  # "has he texted me", "did i call her"
    window = f" {' '.join(before)} "
    for phrase in _NOT_HYPOTHETICAL:
        window = window.replace(phrase, " ")
    if any(word in window for word in _HYPOTHETICAL):
        return False
    if names_someone_else(text, start, words):
        return False
    if _BACK_THEN.match(text, start + len(words)):
        return False
    return not phrases.negated(text, start, _FILLERS)


def _with_subjects(norm: Normalised) -> str:
    """The text with 'i' put in front of a clause's first word when it is a past contact verb,
    the way people drop the subject in chat ("texted him again", "ugh called him again")."""
    if norm.tokens.isdisjoint(_SUBJECTLESS):
        return norm.squeezed  # no contact verb at all: nothing to put a subject in front of
    clauses = []
    for clause in norm.clauses:
        words = clause.split()
        at = 0
        while at < len(words) - 1 and words[at] in _INTERJECTIONS:
            at += 1
        if words and words[at] in _SUBJECTLESS and (at == 0 or words[at - 1] != "i"):
            words.insert(at, "i")
        clauses.append(" ".join(words))
    return SEP.join(clauses)


def _heard(rules: phrases.RuleSet, text: str, tokens: frozenset[str] | None) -> bool:
    return any(_is_event(text, found.start(), found[0]) for _, found in rules.search(text, tokens))


def _sent(text: str, tokens: frozenset[str] | None) -> bool:
    """An outgoing match whose message was, by the words after it, never sent."""
    for _, found in _OUT.search(text, tokens):
        if _is_event(text, found.start(), found[0]) and not _UNSENT.match(text, found.end()):
            return True
    return False


def outgoing(text: str | Normalised, *, exhaustive: bool = False) -> bool:
    """True when the user says they contacted the ex (a slip)."""
    norm = as_normalised(text)
    if not norm.squeezed:
        return False
    tokens = None if exhaustive else norm.tokens | {"i"}
    return _sent(_with_subjects(norm), tokens)


def incoming(text: str | Normalised, *, exhaustive: bool = False) -> bool:
    """True when the user says the ex contacted them."""
    norm = as_normalised(text)
    return bool(norm.squeezed) and _heard(_IN, norm.squeezed, None if exhaustive else norm.tokens)


def detect(text: str | Normalised) -> Direction | None:
    """'out' before 'in' (the pipeline's order), or None."""
    norm = as_normalised(text)
    if outgoing(norm):
        return "out"
    return "in" if incoming(norm) else None
