"""Hears a disclosure that the ex was abusive, at any moment, in seven languages.

Kinds: control (phone checked, location tracked, friends cut off, money taken), threat (including
to share intimate images, and self-harm threats used to keep the user from leaving), violence,
sexual coercion, stalking after the breakup, and fear of the ex. Any of them puts the user on the
safety path, so the reply can name what was heard without guessing. Tables: data/abuse.json.

A negation right before the words ("he never hit me", "she wasn't controlling") silences them;
figures of speech ("it hit me that...", "he hit me up", "I stalked her instagram") are cut out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal, cast

from bot.listening import phrases
from bot.listening.detectors import abuse_verbs
from bot.listening.normalise import SEP, Normalised, as_normalised

# "unspecified": the learned backstop (bot/listening/backstop.py) heard abuse without a kind.
Kind = Literal["control", "threat", "violence", "sexual", "stalking", "fear", "unspecified"]

_DATA = phrases.load("abuse")
_MACROS = cast(dict[str, str], _DATA["macros"])


def _with_families() -> tuple[dict[str, list[str]], dict[str, dict[str, str]]]:
    """The kinds' rules with each language's sentence shapes ("verb_templates") added to every
    kind that has a verb family ("verb_families"), and those families' forms as the kinds' own
    macros (detectors/abuse_verbs.py): one verb, every shape; one shape, every verb."""
    kinds = {label: list(rules) for label, rules in
             cast(dict[str, list[str]], _DATA["kinds"]).items()}
    families = cast(dict[str, dict[str, list[str | dict[str, object]]]], _DATA["verb_families"])
    templates = cast(dict[str, list[str]], _DATA["verb_templates"])
    own: dict[str, dict[str, str]] = {}
    for lang, by_kind in families.items():
        for kind, verbs in by_kind.items():
            label = f"{kind}_{lang}"
            own[label] = macros = abuse_verbs.family_macros(lang, verbs)
            kinds.setdefault(label, []).extend(
                template for template in templates[lang]
                if all(slot in macros for slot in abuse_verbs.SLOTS if "{" + slot + "}" in template))
    return kinds, own


_FAMILY_KINDS, _FAMILY_MACROS = _with_families()
_KINDS = phrases.RuleSet(_FAMILY_KINDS, _MACROS, _FAMILY_MACROS)
_EXCLUSIONS = phrases.RuleSet({"x": cast(list[str], _DATA["exclusions"])}, _MACROS)
# A clause that also says the story is the user's own ("watched a documentary on coercive control
# and realised that was my marriage") keeps its words: the exclusions above do not apply there.
_OVERRIDES = phrases.RuleSet({"x": cast(list[str], _DATA["exclusion_overrides"])}, _MACROS)
# Threats whose condition sits in another clause ("er sagt, er bringt sich um, wenn ich nicht
# zurückkomme", "if I block him, he'll post the video"): tried on the clauses joined.
# The same for stalking hidden behind a withheld number ("no caller id calls at 3am, it's always him"),
# and for fear told in two clauses ("i still jump when a car slows down outside, thinking it's him"),
# and for pressure told in one clause and the sex it ended in told in the next ("er hat so lange
# Druck gemacht, bis ich mit ihm geschlafen hab"), and for control told across the comma German
# puts before "dass" ("er hat mir eingeredet, dass ich mir alles einbilde").
_SPANNING = phrases.RuleSet({"threat_any": cast(list[str], _DATA["spanning"]),
                             "stalking_any": cast(list[str], _DATA["spanning_stalking"]),
                             "fear_any": cast(list[str], _DATA["spanning_fear"]),
                             "sexual_any": cast(list[str], _DATA["spanning_sexual"]),
                             "control_any": cast(list[str], _DATA["spanning_control"])}, _MACROS)
_FILLERS = frozenset(phrases.squeeze(w) for w in cast(list[str], _DATA["negation_fillers"]))
_UNSAFE = phrases.RuleSet({"x": cast(list[str], _DATA["unsafe_patterns"])}, _MACROS)
_NO_WORDS = frozenset(cast(list[str], _DATA["unsafe_first_words"]))
_NOT_SECOND = frozenset(phrases.squeeze(w) for w in ["really", "always", "at", "once", "ever", "much", "often", "completely", "fully", "very", "particularly", "safe", "exactly", "quite", "totally", "entirely"])


@dataclass(frozen=True, slots=True)
class AbuseResult:
    """The kind of abuse heard, the language of the words, and the words themselves."""

    kind: Kind
    lang: str
    words: str


def detect(text: str | Normalised, *, exhaustive: bool = False) -> AbuseResult | None:
    """The first abuse disclosure in the message, or None."""
    norm = as_normalised(text)
    squeezed = norm.squeezed
    if not squeezed:
        return None
    tokens = None if exhaustive else norm.tokens
    for rule, found in _KINDS.search(squeezed, tokens, _EXCLUSIONS, _OVERRIDES):
        if not phrases.negated(squeezed, found.start(), _FILLERS):
            kind, _, lang = rule.label.partition("_")
            return AbuseResult(cast(Kind, kind), lang, found[0])
    if len(norm.clauses) > 1:
        joined = squeezed.replace(SEP, " ")
        for rule, found in _SPANNING.search(joined, tokens, _EXCLUSIONS, _OVERRIDES):
            if not phrases.negated(joined, found.start(), _FILLERS):
                return AbuseResult(cast(Kind, rule.label.partition("_")[0]), "any", found[0])
    return None


def readings(text: str | Normalised) -> Iterator[AbuseResult]:
    """Every abuse disclosure the tables hear in one clause of the message, first to last rule
    (`detect` gives the first). The listening uses them when a crisis sits inside a later reading
    ("sie droht, von der Brücke zu springen, wenn ich..." is first heard as "sie droht")."""
    norm = as_normalised(text)
    if not norm.squeezed:
        return
    for rule, found in _KINDS.search(norm.squeezed, norm.tokens, _EXCLUSIONS, _OVERRIDES):
        if not phrases.negated(norm.squeezed, found.start(), _FILLERS):
            kind, _, lang = rule.label.partition("_")
            yield AbuseResult(cast(Kind, kind), lang, found[0])


def figure_of_speech(clause: str) -> bool:
    """Whether a squeezed clause holds one of the tables' look-alikes ("she pushed me to be
    better", "i was the controlling one", "le revisaba el celular": someone else's phone): the
    learned backstop never adds abuse there, as the tables never read it."""
    return _EXCLUSIONS.first(clause) is not None


def felt_unsafe(answer: str | Normalised) -> bool:
    """True when an answer to "did you feel secure and safe?" is a no, or names abuse or fear.
    ("No", "not really", "never with him", "i was always on edge", "he checked my phone".)"""
    norm = as_normalised(answer)
    if not norm.clauses:
        return False
    first = norm.clauses[0].split()
    if first[0] in _NO_WORDS and not (len(first) > 1 and first[:2] == ["no", "problem"]):
        return True
    if first[0] == "not" and len(first) > 1 and first[1] in _NOT_SECOND:
        return True
    if _UNSAFE.first(norm.squeezed, None if not norm.tokens else norm.tokens) is not None:
        return True
    return detect(norm) is not None
