"""Hears a disclosure that the ex was abusive, at any moment, in seven languages.

Kinds: control (phone checked, location tracked, friends cut off, money taken), threat (including
to share intimate images, and self-harm threats used to keep the user from leaving), violence,
sexual coercion, stalking after the breakup, and fear of the ex. Any of them puts the user on the
safety path, so the reply can name what was heard without guessing. Tables: data/abuse.json.

A negation right before the words ("he never hit me", "she wasn't controlling") silences them;
figures of speech ("it hit me that...", "he hit me up", "I stalked her instagram") are cut out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal, cast

from bot.listening import phrases
from bot.listening.detectors import abuse_verbs
from bot.listening.features import classes_of
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
# Someone else's partner named in the clause ("le copain de ma soeur", "el ex de mi amiga", "my
# friends boyfriend", "der Freund meiner Schwester"): words after it that hold nothing of the user
# ("la frappe", "la amenazo con publicar sus fotos") are that person's story, not a disclosure.
_SOMEONE_ELSES = phrases.RuleSet({"x": cast(list[str], _DATA["someone_elses"])}, _MACROS)
# A parent, teacher or boss as the one a clause begins with ("mi papa era super estricto",
# "my dad was super strict growing up"): control told after it, with no word for the ex and no
# "but" between, is that person's strictness ("..., no me dejaba salir de noche").
_RELATIVE_FIRST = phrases.RuleSet({"x": cast(list[str], _DATA["relative_first"])}, _MACROS)
_I = frozenset({"i", "je", "j", "ik", "ich", "yo", "eu", "io"})
_USER_WORDS = frozenset(phrases.squeeze(w) for w in cast(list[str], _DATA["user_words"]))
_EX_WORDS = frozenset(phrases.squeeze(w) for w in cast(list[str], _DATA["ex_words"]))
_CONTRAST = frozenset(phrases.squeeze(w) for w in cast(list[str], _DATA["contrast_words"]))
# Negations that come after the verb (fr "il me controlait pas", nl "hij sloeg me niet", de "er
# schlug mich nie"), and the words after them that make them no negation ("pas qu'une fois",
# "nicht nur", "niet normaal").
_AFTER_NOT = frozenset(phrases.squeeze(w) for w in cast(list[str], _DATA["negation_after"]))
_KEEPS = frozenset(phrases.squeeze(w) for w in cast(list[str], _DATA["negation_after_keeps"]))
_PERMISSION = frozenset(phrases.squeeze(w) for w in cast(list[str], _DATA["permission_words"]))
_NOT_A_NEGATION = frozenset(phrases.squeeze(w) for w in cast(list[str], _DATA["negation_after_not"]))
# The word classes of abuse (data/concepts.json), as the backstop's evidence in heard.py.
_EVIDENCE = frozenset({"VIOLENCE", "CONTROL", "THREAT", "STALK", "FEAR", "SEX"})
_HARMS = _EVIDENCE - {"CONTROL"}
_SHORT = 6  # words: a longer clause with no word of abuse is not read as denied
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
        kind, _, lang = rule.label.partition("_")
        if _heard(squeezed, found, kind):
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
        kind, _, lang = rule.label.partition("_")
        if _heard(norm.squeezed, found, kind):
            yield AbuseResult(cast(Kind, kind), lang, found[0])


def _heard(text: str, found: re.Match[str], kind: str) -> bool:
    """Whether a table's match is a disclosure: not negated before it ("he never hit me") nor
    right after it ("il me controlait pas du tout"), not someone else's partner's doing ("le
    copain de ma soeur la frappe"), and not control told of a parent or boss the message
    began with ("mi papa era super estricto, no me dejaba salir")."""
    if phrases.negated(text, found.start(), _FILLERS) or _negated_after(text, found.end()):
        return False
    left, _ = phrases.clause_bounds(text, found.start(), found.end())
    if someone_elses(text[left:found.end()].strip()):
        return False
    return not (kind == "control" and _a_relatives_doing(text[:found.start()]))


def _negated_after(text: str, end: int) -> bool:
    """A negation that follows the words in their clause (see `_negation_first`), unless the
    words end on "i" or a "when", "if", "so that" ("...zu springen, wenn ich | nicht
    zurückkomme", "hij hield me vast zodat ik | niet weg kon": the negation is the condition's)."""
    last = text[:end].rsplit(" ", 1)[-1]
    return last not in _I and last not in _KEEPS and _negation_first(
        text[end:].split(" | ", 1)[0].split())


def _negation_first(after: list[str]) -> bool:
    """Whether one of the first two words `after` the words is a negation that follows its verb
    ("pas", "niet", "nicht", "nie"), with no "but" or new "i" before it, and no word after it
    that makes it none ("pas que", "nicht nur", "niet normaal")."""
    for at, word in enumerate(after[:2]):
        if word in _CONTRAST or word in _I:
            return False
        if word in _AFTER_NOT:
            return not (at + 1 < len(after) and after[at + 1] in _NOT_A_NEGATION)
    return False


def someone_elses(clause: str) -> bool:
    """Whether a (squeezed) clause names someone else's partner ("el novio de mi amiga") and
    says nothing of the user after it ("le pega", "la frappe"; "me pego" is the user's)."""
    for _, other in _SOMEONE_ELSES.search(clause, None):
        if _USER_WORDS.isdisjoint(clause[other.end():].split()):
            return True
    return False


def _a_relatives_doing(before: str) -> bool:
    """Whether the text before a control finding begins (in its first clause) with a parent,
    teacher or boss and holds no word for the ex and no "but" after that person."""
    first = before.split(" | ", 1)[0]
    found = _RELATIVE_FIRST.first(first)
    if found is None:
        return False
    rest = before[found.end():].replace("|", " ").split()
    return _EX_WORDS.isdisjoint(rest) and _CONTRAST.isdisjoint(rest)


def a_relatives_strictness(text: str, clause: str) -> bool:
    """Whether the learned backstop's clause, not the message's first, is told after a parent,
    teacher or boss the message began with, with no word for the ex and no "but" between, and
    holds no word of violence, threats, sex, stalking or fear: that person's strictness."""
    at = text.find(clause)
    if at <= 0 or any(not _HARMS.isdisjoint(classes_of(word)) for word in clause.split()):
        return False
    return _a_relatives_doing(text[:at])


def denied(clause: str) -> bool:
    """Whether every word of abuse in a (squeezed) clause is negated ("er hat mich nie bedroht",
    "hij heeft me nooit bedreigd", "il me controlait pas"), so that the learned backstop, which
    reads words and not their order, adds nothing there. A word after a "but" is not ("he never
    hit me but he'd punch walls"). A clause with no such word is denied only when it is short,
    holds a negation and no "but" or word of permission or stopping ("he never let me", "she
    never stops calling")."""
    words = clause.split()
    found = [at for at, word in enumerate(words) if not _EVIDENCE.isdisjoint(classes_of(word))]
    if not found:  # "hij heeft me nooit aangeraakt": a short clause, negated, of no permission
        return (len(words) <= _SHORT and not phrases.negation_words().isdisjoint(words)
                and _CONTRAST.isdisjoint(words) and _PERMISSION.isdisjoint(words))
    return all(_word_negated(words, at) for at in found)


def _word_negated(words: list[str], at: int) -> bool:
    """Whether the word at `at` is negated, before it or right after it; never when a word of
    permission is near ("ich durfte mich nicht mit meinen freundinnen treffen": control)."""
    if not _PERMISSION.isdisjoint(words[max(0, at - 5):at]):
        return False
    for word in reversed(words[max(0, at - 4):at]):
        if word in _CONTRAST:
            break
        if word in phrases.negation_words():
            return True
    return _negation_first(words[at + 1:])


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
