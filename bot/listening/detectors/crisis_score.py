"""A small statistical backstop for the POSSIBLE crisis tier only.

When no rule matched, a message can still add up to hopelessness: "everything is so heavy and
pointless, i'm tired of waking up". Each word and phrase of data/crisis/score.json carries a
hand-set weight; the score of a message is the best sum over any two neighbouring clauses, once
figures of speech are cut out and cues right after a negation are dropped. Above the threshold,
the bot asks the gentle direct question, never sends the crisis reply: a false "possible" costs
one kind question, a miss can cost a life. Why not a trained model: the labelled lines number in
hundreds and are written by us; weights a person can read and argue with generalise more
predictably than a classifier fitted to them.
"""

from __future__ import annotations

from typing import cast

from bot.listening import phrases
from bot.listening.normalise import Normalised

_DATA = phrases.load("crisis/score")
_THRESHOLD = cast(float, _DATA["threshold"])
_WORDS: dict[str, tuple[str, float]] = {}
for _lang, _weights in cast(dict[str, dict[str, float]], _DATA["words"]).items():
    for _word, _weight in _weights.items():
        _WORDS[phrases.squeeze(_word)] = (_lang, _weight)
_PHRASES = {f" {phrases.squeeze(p)} ": ("en", w)
            for p, w in cast(dict[str, dict[str, float]], _DATA["phrases"])["en"].items()}
_PHRASE_WORDS = {phrase: frozenset(phrase.split()) for phrase in _PHRASES}
# Each phrase under its longest word (a phrase is there only if that word is): a message is
# checked against the few phrases its words can hold, in table order.
_PHRASE_INDEX: dict[str, list[str]] = {}
for _phrase, _words in _PHRASE_WORDS.items():
    _PHRASE_INDEX.setdefault(max(sorted(_words), key=len), []).append(_phrase)
_PHRASE_ORDER = {phrase: at for at, phrase in enumerate(_PHRASES)}
_PHRASE_KEYS = frozenset(_PHRASE_INDEX)


def _phrases_among(words: frozenset[str]) -> list[str]:
    """The phrases whose longest word is among `words`, in table order."""
    hits = words & _PHRASE_KEYS
    if not hits:
        return []
    return sorted((phrase for word in hits for phrase in _PHRASE_INDEX[word]),
                  key=_PHRASE_ORDER.__getitem__)
_POSITIVE = {word: weight for word, (_, weight) in _WORDS.items() if weight > 0}
_POSITIVE_KEYS = frozenset(_POSITIVE)
_KEEPS = frozenset(phrases.squeeze(w) for w in cast(list[str], _DATA["negation_keeps"]))


def _clause(clause: str, exclusions: phrases.RuleSet | None) -> dict[str, float]:
    """Per language, the weight of one clause's cues (figures of speech cut out first when
    `exclusions` is given)."""
    if exclusions is not None:
        for _, found in exclusions.search(clause, frozenset(clause.split())):
            clause = clause[:found.start()] + "#" * (found.end() - found.start()) + clause[found.end():]
    totals: dict[str, float] = {}
    words = clause.split()
    negations = phrases.negation_words()
    seen: set[str] = set()
    for at, word in enumerate(words):
        cue = _WORDS.get(word)
        if cue is None or word in seen:
            continue
        lang, weight = cue
        if weight > 0 and at and words[at - 1] in negations and word not in _KEEPS:
            continue  # "not hopeless"
        seen.add(word)
        totals[lang] = totals.get(lang, 0.0) + weight
    padded = f" {clause} "
    present = frozenset(words)
    for phrase in _phrases_among(present):
        if _PHRASE_WORDS[phrase] <= present and phrase in padded:
            lang, weight = _PHRASES[phrase]
            totals[lang] = totals.get(lang, 0.0) + weight
    return totals


def _best(scores: list[dict[str, float]]) -> tuple[float, str | None]:
    """The best sum over two neighbouring clauses, and the language that weighs most in it."""
    best, best_lang = 0.0, None
    for first, second in zip(scores, [*scores[1:], {}], strict=True):
        pair = {lang: first.get(lang, 0.0) + second.get(lang, 0.0) for lang in {*first, *second}}
        neutral = pair.pop("any", 0.0)
        total = sum(pair.values()) + neutral
        if total > best and pair:
            # A tie goes to the language other than English ("die" is also German's article),
            # then by name: never by a set's order, which changes with the hash seed
            best, best_lang = total, max(pair, key=lambda lang: (pair[lang], lang != "en", lang))
    return best, best_lang


def possible(norm: Normalised, exclusions: phrases.RuleSet) -> str | None:
    """The language of a message whose cues add up to a possible crisis, or None."""
    tokens = norm.tokens
    bound = sum(_POSITIVE[word] for word in tokens & _POSITIVE_KEYS)
    bound += sum(_PHRASES[p][1] for p in _phrases_among(tokens) if _PHRASE_WORDS[p] <= tokens)
    if bound < _THRESHOLD:
        return None  # most messages: even every cue together falls short
    best, _ = _best([_clause(clause, None) for clause in norm.clauses])
    if best < _THRESHOLD:
        return None
    best, lang = _best([_clause(clause, exclusions) for clause in norm.clauses])
    return lang if best >= _THRESHOLD else None
