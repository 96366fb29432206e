"""Hears suicide and self-harm language in two tiers, in seven languages.

`clear`: explicit ideation or intent, a plan, a method, a preparatory act, any self-harm said about
oneself. The bot answers with the crisis reply at once.
`possible`: passive ideation, hopelessness, being a burden, wanting it all over. The bot asks
directly and kindly, with a helpline already in the message.

Each language's table (data/crisis/<lang>.json) is a lexicon of word families (a wish or plan, an
act of ending one's life, methods, places, times) that its rules combine, so a new wording of the
same thought matches without being listed. Guards only ever lower a tier, never silence it: a
negation right before the words ("I would never kill myself") or a third person as the subject
("my sister wants to die") turn clear into possible. A possible finding becomes clear when the same
message also holds a warning hint ("I have the pills", "tonight is the night", "thank you for
everything") elsewhere; hints alone never fire, but two different kinds of them do ("I have a
razor and I'm not scared anymore"). A clause that starts with "of", "with", "forever"... is also
read joined to the one before, the way people break a thought with a full stop ("I'm done. With
everything").
Figures of speech ("die my hair", "cut myself shaving") are cut out narrowly, clause by clause, and
never where the same clause says "on purpose", "again and again", "relapsed"...
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, cast

from bot.listening import phrases
from bot.listening.detectors import crisis_concepts, crisis_score
from bot.listening.normalise import Normalised, as_normalised

Tier = Literal["clear", "possible"]
LANGS = ("en", "es", "pt", "de", "fr", "it", "nl")

_COMMON = phrases.load("crisis/common")
_TABLES = {lang: phrases.load(f"crisis/{lang}") for lang in LANGS}
_LEXICONS = {lang: cast(dict[str, str], table["lexicon"]) for lang, table in _TABLES.items()}
_MACROS = cast(dict[str, str], _COMMON["macros"])


def _rules(*keys: str) -> phrases.RuleSet:
    groups = {lang: [rule for key in keys for rule in cast(list[str], table.get(key, []))]
              for lang, table in _TABLES.items()}
    return phrases.RuleSet(groups, _MACROS, _LEXICONS)


def _hint_rules() -> phrases.RuleSet:
    groups: dict[str, list[str]] = {}
    lexicons: dict[str, dict[str, str]] = {}
    for lang, table in _TABLES.items():
        for kind, sources in cast(dict[str, list[str]], table.get("hints", {})).items():
            groups[f"{lang}:{kind}"] = sources
            lexicons[f"{lang}:{kind}"] = _LEXICONS[lang]
    return phrases.RuleSet(groups, _MACROS, lexicons)


_CLEAR = _rules("clear", "clear_phrases")
_POSSIBLE = _rules("possible", "possible_phrases")
_ESCALATE = _rules("escalate")
_HINTS = _hint_rules()
_MEANS = frozenset({"method", "intent", "farewell"})  # hint kinds that make two hints clear
_MANY_HINTS = 3  # separate hints (of two kinds or more) that are clear without a means
_EXCLUSIONS = _rules("exclusions")
_WEAK = _rules("weak_clear")  # a clause holding only one of these is at most possible
_OVERRIDES = phrases.RuleSet({"x": cast(list[str], _COMMON["overrides"])}, _MACROS)
_FILLERS = frozenset(phrases.squeeze(w) for w in cast(list[str], _COMMON["negation_fillers"]))
# A "no" that in its language only answers ("non, je vais le faire ce soir"), never a negation
_ANSWER_NO = {lang: frozenset(words) for lang, words
              in cast(dict[str, list[str]], _COMMON["answer_no_by_lang"]).items()}
_FIRST = frozenset(phrases.squeeze(w) for w in cast(list[str], _COMMON["first_person"]))
_THIRD = frozenset(phrases.squeeze(w) for w in cast(list[str], _COMMON["third_person"]))
# The user as the speaker: pronouns that are only a subject, and verb forms only "I" uses
# ("quero", "j'ai", "voglio"): inside a match or nearest before it, the words are the user's.
_SELF = frozenset({"i", "im", "ich", "je", "io", "eu", "yo", "ik", "myself", "mezelf", "mijzelf"}
                  | {phrases.squeeze(w) for w in cast(list[str], _COMMON["first_person_forms"])})
_PEOPLE = crisis_concepts.People(_FIRST | _SELF, _THIRD, _FILLERS, _SELF)
_SELF_IN = {lang: _SELF | {phrases.squeeze(phrases.strip_accents(w)) for w in words}
            for lang, words in cast(dict[str, list[str]], _COMMON["first_person_forms_by_lang"]).items()}
_EMOJI = cast(dict[str, list[str]], _COMMON["emoji"])
_DEATH_EMOJI, _HARM_EMOJI, _PILL_EMOJI = (tuple(_EMOJI[k]) for k in ("death", "harm", "pills"))
_EMOJI_CONTEXT = frozenset(phrases.squeeze(w) for w in _EMOJI["context"])
_LAUGHS = ("lma", "lol", "hah", "heh", "kek", "xd")
_RAW_WORDS = re.compile(r"[^\W\d_]+")
_CONTINUATIONS = tuple(f"| {phrases.squeeze(w)} " for w in cast(list[str], _COMMON["continuations"]))


@dataclass(frozen=True, slots=True)
class CrisisResult:
    """What was heard: the tier, the language of the words that matched (to pick a helpline
    when nothing better is known), and the matched words (for logs and tests, never shown)."""

    tier: Tier
    lang: str
    words: str


_DUTCH_I = frozenset({"ik", "mezelf", "mijzelf"})
# English "i'll"/"ill" squeezes to "il", the French "he": before an English verb it is the user.
_ENGLISH_AFTER_IL = frozenset(phrases.squeeze(w) for w in (
    "be", "make", "do", "kill", "end", "take", "go", "never", "just", "jump", "die", "have",
    "get", "see", "hang", "overdose", "od", "not", "finally", "probably", "definitely", "try",
    "walk", "drive", "swallow", "cut", "finish", "drown", "throw", "step", "stop", "neck"))


def _about_someone_else(text: str, start: int, selves: frozenset[str] = _SELF) -> bool:
    """True when the nearest person named before `start` in its clause is not the user (Spanish
    "el" only when it is the pronoun, not the article: `crisis_concepts.article_el`). German
    "er" (he) is also the Dutch "there" of "er een eind aan maken", "denk er over na": it is not
    a person in a clause where the user speaks Dutch ("ik", "mezelf")."""
    before = phrases.words_before(text, start, 6)
    for index in range(len(before) - 1, -1, -1):
        word = before[index]
        if word in _FIRST or word in selves:
            return False
        if word == "il" and (before[index + 1] if index + 1 < len(before)
                             else text[start:].split(maxsplit=1)[0]) in _ENGLISH_AFTER_IL:
            return False  # "ill"/"i'll" squeezed, not French "il"
        if word == "er" and not _DUTCH_I.isdisjoint(phrases.words_before(text, start, 40)):
            continue
        if word == "el" and crisis_concepts.article_el(before, index):
            continue  # "en el coche", "el medico": the article, not "él"
        if word in _THIRD:
            return True
    return False


# German and Dutch also put someone else after the verb ("will er sterben", "wil hij dood").
_INVERTED_OTHER = {"de": frozenset({"er", "sie"}), "nl": frozenset({"hij", "zij", "ze"})}


def _lowered(text: str, start: int, words: str = "", lang: str = "") -> bool:
    """Whether a clear match is negated or said about someone else. A match that holds the user
    as speaker is theirs whoever the clause named before: German and Dutch put the verb before
    its subject after a fronted clause ("wenn er nicht anruft, spring ich vom dach", "als ze
    weggaat, maak ik er een eind aan"), and a first-person verb needs no pronoun ("desde que
    ele foi embora quero morrer", Brazilian "to querendo morrer" in a Portuguese rule)."""
    if phrases.negated(text, start, _FILLERS) and not _answer_no(text, start, lang):
        return True
    said = words.split()
    selves = _SELF_IN.get(lang, _SELF)
    if not selves.isdisjoint(said):
        # "she wants to kms": the only self word is the "myself" of the expanded "kms"
        mine = selves.intersection(said)
        return mine == {"myself"} and crisis_concepts.someone_elses_reflexive(
            phrases.words_before(text, start, 6) + said[:said.index("myself")], _THIRD)
    if said[1:2] and said[1] in _INVERTED_OTHER.get(lang, ()):
        return True  # "seit sie weg ist will er sterben", "wil hij dood": his words, not theirs
    return _about_someone_else(text, start, selves)


def _answer_no(text: str, start: int, lang: str) -> bool:
    """Whether the negation right before a match is only an answer in the match's language
    (French "non", Italian "no" before "je vais le faire", "lo faccio"): no other negation word
    stands between it and the match."""
    answers = _ANSWER_NO.get(lang)
    if not answers:
        return False
    for word in reversed(phrases.words_before(text, start, 4)):
        if word in phrases.negation_words():
            return word in answers
    return False


def _weak(text: str, found: re.Match[str]) -> bool:
    """Whether the clause of a clear match is nothing but a weak phrase ("ik ga dood" alone,
    before the clause that says it is about a film or the heat): the kind question, not the
    crisis reply."""
    left, right = phrases.clause_bounds(text, found.start(), found.end())
    clause = text[left:right].strip()
    return _WEAK.first(clause, frozenset(clause.split())) is not None


def _joined(squeezed: str) -> str:
    """The text with clause breaks dropped before continuation words ("done | with everything")."""
    if "|" not in squeezed:
        return squeezed  # one clause: nothing to join
    for continuation in _CONTINUATIONS:
        if continuation in squeezed:
            squeezed = squeezed.replace(continuation, continuation[2:])
    return squeezed


def _without_figures(squeezed: str) -> list[str]:
    """The clauses with every figure of speech blanked out, except in a clause that holds an
    override ("on purpose", "relapsed"), for the concept layer."""
    clauses = []
    for clause in squeezed.split(" | "):
        tokens = frozenset(clause.split())
        if _WEAK.first(clause, tokens) is not None:
            clause = "#" * len(clause)  # read by the sentence rules, at most possible
        elif _OVERRIDES.first(clause, tokens) is None:
            for _, found in _EXCLUSIONS.search(clause, tokens):
                clause = clause[:found.start()] + "#" * (found.end() - found.start()) + clause[found.end():]
        clauses.append(clause)
    return clauses


def _signs(text: str, tokens: frozenset[str] | None) -> list[tuple[str, int, int]]:
    """Every warning hint and escalating sign: (kind, start, end)."""
    found = [(rule.label.partition(":")[2], sign.start(), sign.end())
             for rule, sign in _HINTS.search(text, tokens, _EXCLUSIONS, _OVERRIDES)]
    found += [("sign", sign.start(), sign.end())
              for _, sign in _ESCALATE.search(text, tokens, _EXCLUSIONS, _OVERRIDES)]
    return found


def _apart(signs: list[tuple[str, int, int]]) -> int:
    """How many warning hints lie apart from each other (overlapping ones count once)."""
    count, reach = 0, -1
    for start, end in sorted((start, end) for kind, start, end in signs if kind != "sign"):
        if start >= reach:
            count += 1
        reach = max(reach, end)
    return count


def _emoji(raw: str) -> bool:
    """Whether a message is only or mostly crisis emoji ("🪦", "😵‍💫🔪", "me 🔪🩸", "💊💊💊 tonight"):
    a grave, coffin or rope in up to eight words (or two of them in twelve), a knife, blood, gun
    or razor in up to four words (or three crisis emoji in twelve), pills only twice or more;
    never beside the context words of common.json (cooking, games, laughing, a blood test)."""
    if raw.isascii():
        return False
    death = sum(raw.count(e) for e in _DEATH_EMOJI)
    harm = sum(raw.count(e) for e in _HARM_EMOJI)
    pills = sum(raw.count(e) for e in _PILL_EMOJI)
    if not (death or harm or pills >= 2):
        return False
    words = [phrases.squeeze(word) for word in _RAW_WORDS.findall(raw.lower())]
    if _EMOJI_CONTEXT.intersection(words) or any(word.startswith(_LAUGHS) for word in words):
        return False
    count = len(words)
    total = death + harm + (pills if pills >= 2 else 0)
    return ((death > 0 and count <= 8) or (death >= 2 and count <= 12) or (total > 0 and count <= 4)
            or (total >= 3 and count <= 12))


def _context_rules() -> tuple[phrases.RuleSet, phrases.RuleSet]:
    """Each language's 'in_context' pairs, as two rule sets of one rule per pair, in the same
    order (compiled on first use): crisis words, and the everyday context elsewhere in the
    message that shows what they meant."""
    pairs = {lang: cast(list[list[str]], table.get("in_context", []))
             for lang, table in _TABLES.items()}
    words = phrases.RuleSet({lang: [w for w, _ in found] for lang, found in pairs.items()},
                            _MACROS, _LEXICONS)
    contexts = phrases.RuleSet({lang: [c for _, c in found] for lang, found in pairs.items()},
                               _MACROS, _LEXICONS)
    return words, contexts


_CONTEXT_WORDS, _CONTEXTS = _context_rules()
_IN_CONTEXT = list(zip(_CONTEXT_WORDS.rules, _CONTEXTS.rules, strict=True))


def _context_pairs(tokens: frozenset[str]) -> list[tuple[phrases.Rule, phrases.Rule]]:
    """The in_context pairs whose crisis words and context the message's words allow, in table
    order."""
    words = _CONTEXT_WORDS.allowed(tokens)
    if not words:
        return []
    contexts = set(_CONTEXTS.allowed(tokens))
    return [_IN_CONTEXT[at] for at in words if at in contexts]
_JOKES = re.compile(phrases.whole_words("|".join(
    phrases.expand(source, _MACROS) for source in cast(list[str], _COMMON["joke_clauses"]))))


def _excused(squeezed: str, tokens: frozenset[str] | None = None) -> str | None:
    """The text without the crisis words that its everyday context explains ("ik ga dood" in a
    message about man flu, "this is my last message tonight" beside a phone on 5%, "von allen
    verabschiedet" on a last day at work), or None when no such pair is present or an override
    ("on purpose", "relapsed", "blood") stands anywhere in the message. `tokens` (the message's
    words) skips a pair whose trigger words are absent, as the rule sets do; None tries all."""
    rest = squeezed
    pairs = _IN_CONTEXT if tokens is None else _context_pairs(tokens)
    for words, context in pairs:
        if context.pattern.search(squeezed) and words.pattern.search(rest):
            rest = words.pattern.sub(" , ", rest)
    if rest == squeezed or _OVERRIDES.first(squeezed, tokens) is not None:
        return None
    return rest


def explained(clause: str, norm: Normalised) -> bool:
    """Whether the message's everyday context (an 'in_context' pair) explains the crisis words
    of this squeezed clause ("j'ai dit au revoir à tout le monde" beside a last day at work),
    so that the learned backstop does not add what the tables dropped."""
    rest = _excused(_joined(norm.squeezed), norm.tokens)
    return rest is not None and clause not in rest


def _joking(squeezed: str) -> bool:
    """Whether the message ends on a clause of its own saying it was a joke ("… es broma",
    ". brincadeira", ". just kidding"); a joke said inside the clause ("kms jk"), denied ("no es
    broma") or taken back after ("jk. not jk") is not."""
    clauses = squeezed.split("|")
    return len(clauses) > 1 and _JOKES.fullmatch(clauses[-1].strip()) is not None


def detect(text: str | Normalised, *, exhaustive: bool = False) -> CrisisResult | None:
    """The strongest crisis signal in the message, or None. `exhaustive` tries every rule
    instead of only those whose trigger words occur (for the tests that guard the index).

    Two guards on what the rules found, both only for a message that holds nothing else: crisis
    words that the everyday context of the message explains (the tables' 'in_context' pairs) are
    dropped when the rest of the message holds no crisis finding and no warning hint; a clear
    finding followed by a clause saying it was a joke is lowered to possible, never silenced (a
    joke can hide a real wish, so the kind question still comes)."""
    norm = as_normalised(text)
    found = _detect(norm, exhaustive)
    if found is None:
        return None
    rest = _excused(_joined(norm.squeezed), None if exhaustive else norm.tokens)
    if rest is not None:
        rest_norm = as_normalised(rest)
        if _detect(rest_norm, exhaustive) is None and not _signs(_joined(rest_norm.squeezed), None):
            return None
    if found.tier == "clear" and _joking(norm.squeezed):
        return CrisisResult("possible", found.lang, found.words)
    return found


def _detect(norm: Normalised, exhaustive: bool) -> CrisisResult | None:
    if not norm.squeezed:
        return None
    squeezed = _joined(norm.squeezed)
    tokens = None if exhaustive else norm.tokens
    lowered: CrisisResult | None = None
    for rule, found in _CLEAR.search(squeezed, tokens, _EXCLUSIONS, _OVERRIDES):
        if not _lowered(squeezed, found.start(), found[0], rule.label) and not _weak(squeezed, found):
            return CrisisResult("clear", rule.label, found[0])
        lowered = lowered or CrisisResult("possible", rule.label, found[0])
    langs = crisis_concepts.languages(norm.tokens, gated=not exhaustive)
    concept = (crisis_concepts.detect(_without_figures(squeezed), langs, _PEOPLE,
                                      gated=not exhaustive) if langs else None)
    if concept is not None and concept.tier == "clear":
        return CrisisResult("clear", concept.lang, concept.words)
    signs = _signs(squeezed, tokens)
    first: CrisisResult | None = None  # a sign beside any possible finding makes it clear
    for rule, found in _POSSIBLE.search(squeezed, tokens, _EXCLUSIONS, _OVERRIDES):
        if phrases.negated(squeezed, found.start(), _FILLERS):
            continue
        for _, start, end in signs:
            if end <= found.start() or start >= found.end():
                return CrisisResult("clear", rule.label, f"{found[0]} + {squeezed[start:end]}")
        if not signs:
            return CrisisResult("possible", rule.label, found[0])
        first = first or CrisisResult("possible", rule.label, found[0])
    if concept is not None:  # a possible combination plus a warning sign of its own
        at = squeezed.find(concept.words)  # a sign overlapping those words is the same one
        for _, start, end in signs:
            if (squeezed[start:end] not in concept.words if at < 0
                    else end <= at or start >= at + len(concept.words)):
                return CrisisResult("clear", concept.lang, f"{concept.words} + {squeezed[start:end]}")
    if first is not None:
        return first
    kinds = {kind for kind, _, _ in signs if kind != "sign"}
    if len(kinds) >= 2:
        words = " + ".join(squeezed[start:end] for _, start, end in signs)
        # three separate hints ("wrote a note for my mom", "left it on my desk", "it wasn't her
        # fault") are clear even when none is a means
        clear = bool(kinds & _MEANS) or _apart(signs) >= _MANY_HINTS
        return CrisisResult("clear" if clear else "possible", "en", words)
    if concept is not None:
        return CrisisResult("possible", concept.lang, concept.words)
    if lowered is not None:
        return lowered
    lang = crisis_score.possible(norm, _EXCLUSIONS)
    if lang:
        return CrisisResult("possible", lang, "(score)")
    return CrisisResult("possible", "en", "(emoji)") if _emoji(norm.raw) else None


def tier(text: str | Normalised) -> Tier | None:
    """Just the tier: 'clear', 'possible' or None."""
    result = detect(text)
    return result.tier if result else None


def figure_of_speech(clause: str) -> bool:
    """Whether a squeezed clause holds one of the tables' figures of speech ("i cut myself
    cooking", "me muero de risa", "disparaître sur une plage"): the learned backstop never adds
    a crisis there, as the tables never read one."""
    return _EXCLUSIONS.first(clause) is not None
