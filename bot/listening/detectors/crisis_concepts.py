"""The concept layer of the crisis detector: order-free combinations of word families.

The sentence rules (data/crisis/<lang>.json) know how thoughts are usually worded; people also
say them in orders and with fillers no rule foresaw ("i'd rather die than live without him",
"i carved his name into my arm", "niemand braucht mich"). Here each clause is tagged with the
concepts of data/crisis/concepts.json (the user, a wish, dying, an act of suicide, a self-harm
verb and a body part, pills swallowed in quantity, not-existing, burden, nobody-needs-me,
hopelessness...), and a combination fires when one occurrence of each concept it needs lies
within its span, in any order. The same guards as the rules apply: figures of speech are cut
out first, and a negation right before a wish or an act lowers clear to possible.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise, product
from typing import cast

from bot.listening import phrases
from bot.listening.triggers import STOPWORDS

_DATA = phrases.load("crisis/concepts")
_LANGS = ("en", "es", "pt", "de", "fr", "it", "nl")
_NEGATABLE = frozenset(cast(list[str], _DATA["negatable"]))
_GUARDED = frozenset({"DESIRE", "MODAL", "THINK", "DIE", "SUICIDE", "SH_VERB"})  # someone else's?
_NEGATIONS = phrases.negation_words()
# The user as the one acting (not "my"/"me", which a self-harm verb's object also uses).
_AGENTS = frozenset({"i", "im", "ive", "yo", "eu", "ich", "je", "j", "io", "ik", "myself"})
_COMMON_GATE = frozenset(phrases.squeeze(w) for w in [
    "want", "would", "could", "do", "when", "this", "the", "last", "stop", "over", "never",
    "here", "much", "take", "without", "everyone", "everything", "life", "done", "tired",
    "wish", "can", "will", "not", "no", "more", "all", "up", "out", "go", "going", "get",
    "got"
])
# Concepts that only ever complete a combination; every combination also needs another one.
_PARTNERS = frozenset({"I", "ISUBJ", "MODAL", "DESIRE", "THINK", "BETTER", "TIME", "LIFE",
                       "NONEXIST", "READY", "QTY", "INGEST", "BODY", "NOBODY", "UM", "FINAL",
                       "NOTE", "LOOK", "GIVE", "NOMORENEED", "ADMIN", "RESEARCH", "USEIT",
                       "SH_CONTEXT", "ENDED_NOW", "PAINWORD", "ACQUIRED", "HATE", "WHY",
                       "HOWCANT", "ONLY", "WORLD", "FEEL", "WAYOUT", "DARK", "THING",
                       "THISISIT"})
# tier, needed set, needed, span, whether it may also join a clause to the next one
_Combo = tuple[str, frozenset[str], tuple[str, ...], int, bool]


@dataclass(frozen=True, slots=True)
class _Language:
    """One language's tables, indexed for speed."""

    single: dict[str, tuple[str, ...]]  # one-word entry -> its concepts
    multi: dict[tuple[str, str], list[tuple[tuple[str, ...], str]]]  # first two words -> ...
    combos: dict[str, list[_Combo]]  # a non-partner concept -> the combinations that need it
    gate: frozenset[str]  # the rarest word of every non-partner entry: one must occur
    markers: frozenset[str]  # common words of the language that English lacks
    starts: frozenset[str]  # the first word of every entry: no other word is ever tagged
    join_gate: frozenset[str]  # `gate`, for the concepts whose combinations may join clauses


def _commonness(word: str) -> tuple[bool, int]:
    """How poor a word is as a gate: common words last, then shorter words."""
    return word in STOPWORDS or word in _COMMON_GATE, -len(word)


def _build(lang: str) -> _Language:
    single: dict[str, list[str]] = {}
    multi: dict[tuple[str, str], list[tuple[tuple[str, ...], str]]] = {}
    gate: set[str] = set()
    gates: dict[str, set[str]] = {}
    lexicon = cast(dict[str, dict[str, list[str]]], _DATA["lexicon"])[lang]
    for concept, entries in lexicon.items():
        for entry in entries:
            words = tuple(phrases.squeeze(phrases.strip_accents(entry)).split())
            if len(words) == 1:
                single.setdefault(words[0], []).append(concept)
            else:
                multi.setdefault((words[0], words[1]), []).append((words, concept))
            if concept not in _PARTNERS:
                gate.add(min(words, key=_commonness))
                gates.setdefault(concept, set()).add(min(words, key=_commonness))
    combos: dict[str, list[_Combo]] = {}
    for combo in cast(list[dict[str, object]], _DATA["combos"]):
        langs = cast(list[str], combo.get("langs", []))
        if langs and lang not in langs:
            continue
        need = tuple(cast(list[str], combo["need"]))
        key = next(concept for concept in need if concept not in _PARTNERS)
        combos.setdefault(key, []).append(
            (cast(str, combo["tier"]), frozenset(need), need, cast(int, combo["span"]),
             bool(combo.get("join", False))))
    for concept_combos in combos.values():  # clear ones first
        concept_combos.sort(key=lambda c: c[0] != "clear")
    markers = cast(dict[str, list[str]], _DATA["markers"])[lang]
    joining = {key for key, found in combos.items() if any(combo[4] for combo in found)}
    return _Language({w: tuple(c) for w, c in single.items()}, multi, combos, frozenset(gate),
                     frozenset(phrases.squeeze(phrases.strip_accents(w)) for w in markers),
                     frozenset(single) | frozenset(first for first, _ in multi),
                     frozenset(w for key in joining for w in gates.get(key, ())))


_TABLES = {lang: _build(lang) for lang in _LANGS}
# word -> the languages it marks (a common word of that language) or opens (a gate word)
_MARKS: dict[str, set[str]] = {}
_OPENS: dict[str, set[str]] = {}
for _lang, _table in _TABLES.items():
    for _word in _table.markers:
        _MARKS.setdefault(_word, set()).add(_lang)
    for _word in _table.gate:
        _OPENS.setdefault(_word, set()).add(_lang)


@dataclass(frozen=True, slots=True)
class Finding:
    """A combination that fired: its tier, language and the words it spans."""

    tier: str
    lang: str
    words: str


_Occurrence = tuple[int, int, bool]  # first word, word after the last, negated


@dataclass(frozen=True, slots=True)
class People:
    """Who the words are about: the user's words, someone else's, the words that may sit
    between a negation and what it negates, and the words that make the user the speaker even
    as the first word of a concept ("quero" in "desde que ele foi embora quero morrer")."""

    first: frozenset[str]
    third: frozenset[str]
    fillers: frozenset[str]
    speaker: frozenset[str] = frozenset()


# Spanish "el" is the article ("el medico", "en el coche") unless a verb, a clitic or a negation
# follows it, or nothing does: then it is "él" typed without its accent ("el no me quiere",
# "sin el"). Only the pronoun is someone else.
_EL_PRONOUN_NEXT = frozenset(phrases.squeeze(w) for w in (
    "me", "te", "se", "lo", "la", "le", "les", "los", "las", "nos", "no", "nunca", "ya", "tampoco",
    "tambien", "siempre", "solo", "si", "es", "esta", "era", "fue", "estaba", "quiere", "queria",
    "quiso", "dice", "dijo", "decia", "tiene", "tenia", "tuvo", "va", "iba", "puede", "podia",
    "pudo", "sabe", "sabia", "hace", "hizo", "piensa", "penso", "cree", "creia", "ha", "habia",
    "hubiera", "y", "que", "mismo", "sigue", "ni", "deberia", "quisiera", "intento", "trato",
    "amenazo", "amenaza", "grito", "mato"))


def article_el(words: list[str], index: int) -> bool:
    """Whether words[index], "el", is the Spanish article: a word follows it that is not a verb,
    a clitic or a negation (the caller passes the words up to the match, so a pronoun right
    before the matched verb has no next word here and reads as "él")."""
    return index + 1 < len(words) and words[index + 1] not in _EL_PRONOUN_NEXT


def _someone_else(words: list[str], start: int, people: People) -> bool:
    if words[start] in people.speaker:
        return False
    window = words[max(0, start - 5):start]
    for index in range(len(window) - 1, -1, -1):
        word = window[index]
        if word in people.first:
            return False
        if word == "el" and article_el(window, index):
            continue
        if word in people.third:
            return True
    return False


def _done_by_someone_else(words: list[str], start: int, people: People) -> bool:
    """For a self-harm verb: whether its subject is someone else ("he grabbed my arm so hard it
    bruised"). Unlike `_someone_else`, "my" and "me" are skipped: they are objects here."""
    window = words[max(0, start - 8):start]
    for index in range(len(window) - 1, -1, -1):
        word = window[index]
        if word in _AGENTS:
            return False
        if word == "el" and article_el(window, index):
            continue
        if word in people.third:
            return True
    return False


def _negated(words: list[str], start: int, people: People) -> bool:
    for word in reversed(words[max(0, start - 4):start]):
        if word in _NEGATIONS:
            return True
        if word not in people.fillers:
            return False
    return False


# Possessives of the user: "my" before a person who then does what a concept names ("my
# roommate took a bunch of pills", "mi hermana quiere morir") is someone else, not the user
# ("ill be gone before my mum gets home" keeps its "my").
_MY = frozenset(phrases.squeeze(w) for w in (
    "my", "mi", "mis", "mijn", "mein", "meine", "meiner", "meinem", "meinen", "ma", "mon", "mes",
    "minha", "meu", "minhas", "meus", "mia", "mio", "miei", "mie"))


# Between someone else and the verb of "kill myself" (typed "kms": "she wants to kms",
# "he keeps saying he will kms"): only these words; any other ("me", "i", "go") ends the look.
_TO_THE_VERB = frozenset(phrases.squeeze(w) for w in (
    "wants", "want", "wanna", "needs", "will", "would", "is", "going", "gonna", "to", "tries",
    "trying", "might", "could", "should", "about", "just", "literally", "really", "actually"))


def someone_elses_reflexive(before: list[str], third: frozenset[str]) -> bool:
    """Whether the words up to and with the verb of a "myself" ("she wants to kil") have someone
    else as the subject: only the algospeak "kms" puts "myself" after "she" or "he", and the
    wish is theirs, not the user's."""
    for word in reversed(before[:-1]):
        if word not in _TO_THE_VERB:
            return word in third
    return False


def _subject_someone_else(words: list[str], start: int, people: People) -> bool:
    """Whether the clause opens on someone else as its subject ("my cousin posted...", "she
    left...") and holds no word for the user ("after she left wrote a goodbye note" opens
    on "after": the user, with the pronoun dropped)."""
    skip = 2 if words[0] in _MY and len(words) > 1 else 1
    return (words[skip - 1] in people.third and start >= skip
            and people.first.isdisjoint(words[skip:]))


def _add(found: dict[str, list[_Occurrence]], concept: str, words: list[str], start: int,
         end: int, people: People) -> None:
    if concept == "GOODBYE_NOTE" and _subject_someone_else(words, start, people):
        return  # "my cousin posted a goodbye note"
    if (concept == "SUICIDE_SELF" and end - start == 2 and words[end - 1] == "myself"
            and someone_elses_reflexive(words[max(0, start - 6):start + 1], people.third)):
        return  # "she wants to kms"
    if concept in _GUARDED and _someone_else(words, start, people):
        return  # "my sister wants to die", "see him die"
    if concept == "SH_VERB" and _done_by_someone_else(words, start, people):
        return  # "she bit my arm"
    negated = concept in _NEGATABLE and _negated(words, start, people)
    found.setdefault(concept, []).append((start, end, negated))


def _tag(words: list[str], table: _Language, people: People) -> dict[str, list[_Occurrence]]:
    """Per concept of one language, where it occurs in the clause."""
    found: dict[str, list[_Occurrence]] = {}
    single, multi, starts = table.single, table.multi, table.starts
    last = len(words) - 1
    for start in [at for at, word in enumerate(words) if word in starts]:
        word = words[start]
        concepts = single.get(word)
        if concepts is not None:
            for concept in concepts:
                _add(found, concept, words, start, start + 1, people)
        if start < last:
            entries = multi.get((word, words[start + 1]))
            if entries is not None:
                for entry, concept in entries:
                    end = start + len(entry)
                    if end - start == 2 or tuple(words[start:end]) == entry:
                        _add(found, concept, words, start, end, people)
    mine = found.get("I")
    if mine:
        acts = {o[0] for concept, occurrences in found.items() if concept != "I" for o in occurrences}
        kept = [o for o in mine if not (words[o[0]] in _MY and o[1] + 1 < len(words)
                                        and words[o[1]] in people.third and o[1] + 1 in acts)]
        if len(kept) < len(mine):
            if kept:
                found["I"] = kept
            else:
                del found["I"]
    return found


def _fire(tags: dict[str, list[_Occurrence]], need: tuple[str, ...],
          span: int) -> tuple[int, int, bool] | None:
    """The tightest (start, end, negated) where every needed concept occurs within `span`."""
    best: tuple[int, int, bool] | None = None
    for choice in product(*(tags[concept][:6] for concept in need)):
        start = min(o[0] for o in choice)
        end = max(o[1] for o in choice)
        if max(o[0] for o in choice) - start <= span:
            candidate = (start, end, any(o[2] for o in choice))
            if best is None or (candidate[2], candidate[1] - candidate[0]) < (best[2], best[1] - best[0]):
                best = candidate
    return best


def languages(tokens: frozenset[str], *, gated: bool = True) -> list[str]:
    """The languages worth trying on a message: English, and every other language whose own
    common words it holds; of those, only the ones some combination could fire in (`gated`;
    the tests compare with `gated=False` to prove the gate never changes a result)."""
    opened: set[str] = set(_LANGS) if not gated else set()
    for token in tokens & _OPENS.keys():
        opened |= _OPENS[token]
    if not opened:
        return []
    marked = {"en"}
    for token in tokens & _MARKS.keys():
        marked |= _MARKS[token]
    return [lang for lang in _LANGS if lang in opened and lang in marked]


def _windows(clauses: list[str]) -> list[tuple[list[str], bool]]:
    """Each clause alone, then each clause joined to the next one (only the combinations marked
    "join" are tried there): a sign is often told over two clauses ("i gave my cat to my
    neighbour, i won't need her")."""
    words = [clause.split() for clause in clauses]
    return [(w, False) for w in words] + [(a + b, True) for a, b in pairwise(words) if a and b]


def detect(clauses: list[str], langs: list[str], people: People, *,
           gated: bool = True) -> Finding | None:
    """The strongest combination over the clauses (figures of speech already cut out).
    `gated` skips a window with no word that tags a concept some combination is keyed on (one
    that may join two clauses, for a joined window): nothing can fire there (the tests compare
    with `gated=False`)."""
    possible: Finding | None = None
    for words, joined in _windows(clauses):
        for lang in langs:
            table = _TABLES[lang]
            if gated and (table.join_gate if joined else table.gate).isdisjoint(words):
                continue
            tags = _tag(words, table, people)
            present = tags.keys()
            for key in [concept for concept in present if concept in table.combos]:
                for tier, needed, need, span, joins in table.combos[key]:
                    if (joined and not joins) or not needed <= present:
                        continue
                    fired = _fire(tags, need, span)
                    if fired is None:
                        continue
                    start, end, negated = fired
                    text = " ".join(words[start:end])
                    if tier == "clear" and not negated:
                        return Finding("clear", lang, text)
                    possible = possible or Finding("possible", lang, text)
    return possible
