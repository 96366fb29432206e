"""Hears crisis, self-harm and abuse told about SOMEONE ELSE: "my friend told me she wants to
kill herself", "my sister has been cutting again", "minha irmã tomou um monte de comprimidos",
"le copain de mon amie la frappe", "my ex texted me that he took pills".

The crisis and abuse detectors hear the user's own danger and drop (or lower) words said of a
third person; this one hears exactly those, so the bot can answer the worry of someone who is
scared for another person (their emergency number, the lines that also advise friends and
family, looking after themself too) instead of asking the user whether THEY want to die.

A rule of data/others.json is read only in a message that names someone else (a relation word
of its language, a first name, "my ex"), never where the user is the nearest subject before the
words ("my friend told me to stop but i cut myself" is the user's), never right after a
negation, in a clause about a book or a show, nor in a message that says the danger is long
past and settled ("she used to self harm years ago and she's doing great now"); a completed
suicide told ("he killed himself last year") is grief, not a danger to act on, and is left to
the other detectors. Whether the user's own crisis or abuse in the same message wins is decided in
heard.py (`_someone_elses`): this detector only says what it heard and about whom.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, cast

from bot.listening import exnames, phrases
from bot.listening.normalise import Normalised, as_normalised

Kind = Literal["crisis", "abuse"]
LANGS = ("en", "es", "pt", "de", "fr", "it", "nl")

_TABLE = phrases.load("others")
_MACROS = cast(dict[str, str], _TABLE["macros"])
_LANG_TABLES = cast(dict[str, dict[str, object]], _TABLE["languages"])
# "she", "he", a relation word or a first name (read as "someone"): the one the words are about.
_WHO = "(she|he|they|she s|he s|someone|somebody|exname|{PERSON})"
_PERSON_MACROS = {lang: {"PERSON": cast(str, table["person"]), "WHO": _WHO}
                  for lang, table in _LANG_TABLES.items()}


def _rules(kind: Kind) -> phrases.RuleSet:
    groups = {f"{kind}:{lang}": cast(list[str], table[kind]) for lang, table in _LANG_TABLES.items()}
    macros = {f"{kind}:{lang}": _PERSON_MACROS[lang] for lang in _LANG_TABLES}
    return phrases.RuleSet(groups, _MACROS, macros)


_CRISIS = _rules("crisis")
_ABUSE = _rules("abuse")
# Every word one of which some rule needs (a first name read as "someone" is none of them):
# a message with none of them is decided at once.
_TRIGGERS = frozenset(word for rules in (_CRISIS, _ABUSE) for rule in rules.rules
                      for word in rule.triggers)
_EXCLUSIONS = phrases.RuleSet({"x": cast(list[str], _TABLE["exclusions"])}, _MACROS)
# A relation word, also as a possessive typed without its apostrophe ("my roommates letter").
_PERSON = {lang: re.compile(phrases.whole_words("(" + phrases.squeeze(phrases.strip_accents(
    cast(str, table["person"]))) + ")s?")) for lang, table in _LANG_TABLES.items()}
_PERSON_BY_LANG = {lang: frozenset(form for word in re.findall(r"[a-z]+", pattern.pattern)
                                   for form in (word, word + "s")) - {"a", "z", "s", "as", "zs"}
                   for lang, pattern in _PERSON.items()}
_PERSON_WORDS = frozenset().union(*_PERSON_BY_LANG.values())
_SETTLED = re.compile("|".join(phrases.whole_words(phrases.expand(words, _MACROS))
                               for words in cast(list[str], _TABLE["settled"])))
_CONTROL = re.compile("|".join(phrases.whole_words(phrases.expand(words, _MACROS))
                               for words in cast(list[str], _TABLE["control"])))
_LOSS = re.compile("|".join(phrases.whole_words(phrases.expand(words, _MACROS))
                            for words in cast(list[str], _TABLE["loss"])))
# One of these words is in every wording of _LOSS: without one, nothing to try.
_LOSS_GATE = frozenset(phrases.squeeze(word) for word in (
    "herself", "himself", "themselves", "themself", "life", "suicide", "suicido", "mato", "matou",
    "suicidou", "enforcou", "ahorco", "suicidee", "tue", "tuee", "pendu", "pendue", "ucciso",
    "uccisa", "suicidato", "suicidata", "impiccato", "impiccata", "vita", "umgebracht", "leben",
    "erhangt", "getotet", "gepleegd", "gemaakt", "opgehangen"))
_FICTION = frozenset(phrases.squeeze(word) for word in cast(list[str], _TABLE["fiction"]))
_ECHO = re.compile("|".join(phrases.whole_words(phrases.expand(words, _MACROS))
                            for words in cast(list[str], _TABLE["first_person_echo"])))
# Per language: the user as the one speaking or acting (the nearest of these before the words
# makes them the user's own), and the third persons (a relation word of the language, a first
# name read as "someone", the ex's token, she, he, se, sich...).
_USER_BY_LANG = {
    "en": {"i", "im", "ive", "myself"}, "es": {"yo"}, "pt": {"eu"}, "de": {"ich", "mich"},
    "fr": {"je", "j", "moi"}, "it": {"io"}, "nl": {"ik", "mezelf", "mijzelf"}}
USER = frozenset().union(*_USER_BY_LANG.values())
_THEM_BY_LANG = {
    "en": {"she", "he", "they", "somebody", "herself", "himself", "themselves", "themself"},
    "es": {"el", "ella", "ellos", "ellas", "alguien"},
    "pt": {"ele", "ela", "eles", "elas", "alguem"},
    "de": {"er", "sie", "jemand"},
    "fr": {"il", "elle", "ils", "elles", "quelqu"},
    "it": {"lui", "lei", "qualcuno"},
    "nl": {"hij", "zij", "ze", "iemand"}}
# (Not "se", "si", "sich", "zich": "quale vena si taglia", "como se corta uno las venas" say
# "one", which is the user asking.)
_ME = frozenset({"me", "mich", "mir", "mij", "moi", "mim"})
_TELLING = frozenset({"texted", "texts", "messaged", "messages", "sent", "sends", "wrote", "writes",
                      "told", "tells", "telling", "said", "says", "to", "called", "rang", "showed",
                      "asked", "dijo", "disse", "sagte", "dit", "detto", "zei"})
_EX = frozenset({"ex", "exname"})
_PRONOUNS = frozenset({"she", "he", "they", "shed", "hed", "shel", "hel", "er", "sie", "il", "elle", "ele", "ela", "el", "ella",
                       "lui", "lei", "hij", "zij", "ze"})
_ANYONE = frozenset({"someone", "exname"})  # a first name (read as "someone"), the ex's token
# A partner's words: "my boyfriend said he'd kill himself if i left" is the control it always was.
_PARTNERS = frozenset({"boyfriend", "girlfriend", "bf", "gf", "husband", "wife", "partner", "fiance",
                       "fiancee", "novio", "novia", "namorado", "namorada", "marido", "mari",
                       "copain", "copine", "ragazzo", "ragazza", "fidanzato", "fidanzata"})
_NEGATION_FILLERS = frozenset({"really", "ever", "even", "actually", "would", "will", "to", "do",
                               "does", "did", "be", "is"})
_PLACEHOLDER = "someone"  # a first name, read as this word
# Words a first name's candidates may be that are possessives here ("mia sorella", "ma soeur").
_POSSESSIVES = frozenset({"mia", "mio", "mi", "ma", "mon", "meu", "minha", "mijn", "mein", "meine",
                          "my", "sua", "suo", "su"})


@dataclass(frozen=True, slots=True)
class OthersResult:
    """Someone else's danger: `kind` ("crisis": their suicide, self-harm or overdose; "abuse":
    their partner harming them), the language of the words, the words (for logs and tests,
    never shown), whether the one in danger is the user's ex, and whether a relation word (not
    the ex, nor a partner's word) says who they are."""

    kind: Kind
    lang: str
    words: str
    ex: bool = False
    named: bool = False  # a relation word says who, not only "she", "he" or a first name


def _a_name_here(norm: Normalised, name: str, word: str) -> bool:
    """Whether a first-name candidate reads as a person here: written with a capital, or the
    first word of a clause ("jess told me she..."), and no possessive ("mia sorella")."""
    if word in _POSSESSIVES:
        return False
    if re.search(rf"(?<![A-Za-z]){re.escape(name.capitalize())}(?![a-z])", norm.raw):
        return True
    return any(clause.split()[:1] == [word] for clause in norm.squeezed.split(" | "))


def _with_names(norm: Normalised) -> tuple[str, frozenset[str]]:
    """The squeezed text with each first name read as "someone" ("jess told me she..."), and
    its words."""
    squeezed = norm.squeezed
    for name in exnames.candidates(norm):
        word = phrases.squeeze(name)
        if not _a_name_here(norm, name, word):
            continue
        squeezed = re.sub(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])", _PLACEHOLDER, squeezed)
    return squeezed, frozenset(squeezed.split())


def names_someone(squeezed: str, tokens: frozenset[str]) -> bool:
    """Whether the message names someone other than the user: a relation word, a first name
    (already "someone") or the ex."""
    if tokens.isdisjoint(_PERSON_WORDS) and _PLACEHOLDER not in tokens and "exname" not in tokens:
        return False
    return any(pattern.search(squeezed) for pattern in _PERSON.values()) \
        or _PLACEHOLDER in tokens or "exname" in tokens


def _theirs(text: str, found: re.Match[str], lang: str) -> bool:
    """Whether someone else is the subject of the words: the first person word of their
    language inside them, or else the nearest one before them in their clause, is a third
    person (a relation word, a name, she, he, se, sich...), not the user and not nobody; and
    neither the user ("i") nor "me" sits inside them, but "me" right after a word of telling
    ("my sister hates me honestly wanna die" is the user's wish, "my brother texted me goodbye"
    is his)."""
    user, them = _USER_BY_LANG[lang], _THEM_BY_LANG[lang] | _PERSON_BY_LANG[lang] | _ANYONE
    said = found[0].split()
    if any(word in user and (at == 0 or said[at - 1] != "time") for at, word in enumerate(said)):
        return False  # ("the last time i'll hear from her": her words)
    if any(word in _ME and (at == 0 or said[at - 1] not in _TELLING) for at, word in enumerate(said)):
        return False
    for word in said:
        if word in user:
            return False
        if word in them:
            return True
    for word in reversed(phrases.words_before(text, found.start(), 12)):
        if word in user:
            return False
        if word in them:
            return True
    return False


def _who(text: str, found: re.Match[str]) -> str | None:
    """Who the words are about: the first person word inside them, else the nearest one before
    them. "ex" (the ex), "named" (a relation word, not a partner's word), or None (a pronoun, a
    first name, a partner's word, or nobody: any of them may be the ex)."""
    before = text[:found.start()].replace("|", " ").split()
    for word in found[0].split() + before[::-1]:
        if word in _EX:
            return "ex"
        if word in _PARTNERS or word in _PRONOUNS or word in _ANYONE or word == "somebody":
            return None  # "he", or a first name: may well be the ex
        if word in _PERSON_WORDS:
            return "named"
    return None


def matches(norm: Normalised | str) -> list[tuple[Kind, str, re.Match[str]]]:
    """Every (kind, language, match) of someone else's danger in the message (names read as
    "someone"), in table order: crisis first."""
    return _read(as_normalised(norm))[1]


def _read(norm: Normalised) -> tuple[str, list[tuple[Kind, str, re.Match[str]]]]:
    """The text with names read as "someone", and `matches` in it."""
    if not norm.squeezed or norm.tokens.isdisjoint(_TRIGGERS):
        return norm.squeezed, []
    squeezed, tokens = _with_names(norm)
    if not names_someone(squeezed, tokens) or _SETTLED.search(squeezed):
        return squeezed, []  # nobody named, or a danger long past and settled
    found: list[tuple[Kind, str, re.Match[str]]] = []
    for kind, rules in (("crisis", _CRISIS), ("abuse", _ABUSE)):
        for rule, match in rules.search(squeezed, tokens, _EXCLUSIONS):
            if phrases.negated(squeezed, match.start(), _NEGATION_FILLERS):
                continue
            lang = rule.label.partition(":")[2]
            if not _theirs(squeezed, match, lang) or _told_of_fiction(squeezed, match):
                continue
            if _a_breakup_goodbye(squeezed, match):
                continue
            found.append((cast(Kind, kind), lang, match))
    return squeezed, found


def _told_of_fiction(text: str, found: re.Match[str]) -> bool:
    """Whether the clause of the words speaks of a book, a show, a game ("a book about a guy
    who overdoses", "le personnage principal se suicide")."""
    left, right = phrases.clause_bounds(text, found.start(), found.end())
    return not _FICTION.isdisjoint(text[left:right].split())


def _a_breakup_goodbye(text: str, found: re.Match[str]) -> bool:
    """Whether the words are only the ex saying goodbye ("my ex texted me goodbye forever"):
    no note, no letter, no suicide; the ex's goodbye is the breakup."""
    said = found[0].split()
    return ("godbye" in said or "farewel" in said) and not {"note", "leter", "suicide"} & set(
        said) and _who(text, found) == "ex"


def detect(norm: Normalised | str) -> OthersResult | None:
    """The first finding of someone else's danger, or None. Self-harm told with the words of
    control ("she'd cut herself in front of me when i said i wanted to go out", "he'd drown
    himself and leave a note saying it was my fault", "zodat ik zou blijven") and no relation
    word is the ex's coercion, not a danger to answer here: the abuse tables decide it."""
    squeezed, found = _read(as_normalised(norm))
    for kind, lang, match in found:
        who = _who(squeezed, match)
        if kind == "crisis" and who != "named" and _CONTROL.search(squeezed):
            return None  # the ex's self-harm to control the user: left to the abuse tables
        return OthersResult(kind, lang, match[0], who == "ex", who == "named")
    return None


def blanked(norm: Normalised | str) -> str:
    """The squeezed text with every word told of someone else's danger taken out, so the
    user's own words can be heard alone ("my friend wants to die and i cut myself too")."""
    squeezed, found = _read(as_normalised(norm))
    keep = [True] * len(squeezed)
    for _, _, match in found:
        keep[match.start():match.end()] = [False] * (match.end() - match.start())
    out, gap = [], False
    for char, kept in zip(squeezed, keep, strict=True):
        if kept:
            out.append(char)
            gap = False
        elif not gap:
            out.append(" , ")
            gap = True
    return " ".join("".join(out).split())


def echoed_loss(norm: Normalised | str) -> bool:
    """Whether the message tells of someone's suicide and the user wants the same ("my brother
    killed himself and i want to join him"): no danger to act on for someone else, but the
    user's own."""
    norm = as_normalised(norm)
    if norm.tokens.isdisjoint(_LOSS_GATE):
        return False
    return _LOSS.search(norm.squeezed) is not None and _ECHO.search(norm.squeezed) is not None


def echoed(norm: Normalised | str) -> bool:
    """Whether the user says the same of themself ("... and honestly so do i", "me too", "i
    feel like i should too", "i have her pills", "thinking about taking them")."""
    return _ECHO.search(as_normalised(norm).squeezed) is not None
