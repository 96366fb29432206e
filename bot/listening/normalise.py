"""THE text normaliser of the bot: every detector and parser reads the same `Normalised` object,
computed once per message, so that a spelling trick beaten in one place is beaten everywhere.

People in distress do not type like a dictionary: "im", "dont", "k1ll", "s u i c i d e",
"diiiie", "💊💊", no punctuation, three sentences run together. The steps below turn all of that
into one plain form (ASCII letters, digits, single spaces, " | " between clauses) so the phrase
tables can be written once, in ordinary words. Cost matters (every message of every user passes
here): words are transformed once and cached, and the rare steps run only when needed.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.listening import spelling

_DATA = json.loads((Path(__file__).with_name("data") / "normalise.json").read_text("utf-8"))

SEP = " | "  # clause separator inside Normalised.text/.squeezed; no pattern can cross it
EX_TOKEN = "exname"  # the ex's nickname, whatever it is, reads as this one word

_APOSTROPHES = str.maketrans(dict.fromkeys(_DATA["apostrophes"], "'"))
_EMOJI = str.maketrans(_DATA["emoji"])
_CONTRACTIONS: dict[str, str] = _DATA["contractions"]
_SUFFIXES: dict[str, str] = _DATA["contraction_suffixes"]
_IS_SUBJECTS = frozenset(_DATA["is_subjects"])
# Chat abbreviations with a slash ("s/h", "w/o"), read before the slash splits the clause; only
# standing alone (no letter, digit or slash on either side), so "w/e" or "and/or" stay as written.
_SLASHED: dict[str, str] = _DATA["slashed"]
_SLASH_WORD = re.compile(r"(?<![\w/])(?:" + "|".join(
    re.escape(word) for word in sorted(_SLASHED, key=len, reverse=True)) + r")(?![\w/])")
_SLANG: dict[str, str] = _DATA["slang"]
_BIGRAMS: dict[tuple[str, str], str] = {}
for _key, _value in _DATA["phrases"].items():
    _first, _, _second = _key.partition(" ")
    if " " not in _second:
        _BIGRAMS[(_first, _second)] = _value
_TYPOS: dict[str, str] = {}
for _word_ok in _DATA["typo_vocab"]:
    _slips = {_word_ok[:i] + _word_ok[i + 1] + _word_ok[i] + _word_ok[i + 2:]
              for i in range(len(_word_ok) - 1)}  # two neighbours swapped: "wnat"
    if len(_word_ok) >= 6:
        _slips |= {_word_ok[:i] + _word_ok[i + 1:] for i in range(1, len(_word_ok))}  # "myslf"
    for _slip in _slips - {_word_ok} - set(_DATA["typo_real_words"]):
        _TYPOS.setdefault(_slip, _word_ok)
# Chat spellings read by the language of the message ("im" is English "i am" but German "im Bett";
# "nn" is Italian and French "non"): the language whose cue words the message holds most of.
_BY_LANGUAGE: dict[str, dict[str, str]] = _DATA["by_language"]
_CUES = {lang: frozenset(words) for lang, words in _DATA["language_cues"].items()}
_BY_LANGUAGE_WORD = re.compile(r"\b(?:" + "|".join(_BY_LANGUAGE) + r")\b")
_LEET: dict[str, str] = _DATA["leet_map"]
_LEET_CHARS = frozenset(_LEET)
_SHORT_VOCAB = frozenset(_DATA["leet_vocab"])  # the only words of under four letters to unmask
# Words said at the end of a clause that add no meaning ("ready to end it fr fr", "i don't trust
# myself tonight honestly"): they become a clause of their own, so "$" in a table still means
# the end of what was said.
_PARTICLES = tuple(sorted((tuple(p.split()) for p in _DATA["clause_final_particles"]),
                          key=len, reverse=True))
_PARTICLE_ENDS = frozenset(p[-1] for p in _PARTICLES)

_STRETCH = re.compile(r"(.)\1{2,}")  # three or more of one character
_SQUEEZE = re.compile(r"([a-z])\1+")
# Single characters spaced, dotted or starred out: "s u i c i d e", "k.i.l.l", "d-i-e", "s*u*i".
_SPELLED = re.compile(
    r"(?<![\w@$*!'])(?:(?:[a-z0-9@$*!] ){2,}|(?:[a-z0-9@$*!] ?[.\-_*] ?){2,})[a-z0-9@$!](?![\w@$*!])"
)
_SPELL_GAPS = re.compile(r"[ .\-_*]")
_TOKENISH = re.compile(r"[a-z0-9@$*!]+")
_WITH_APOSTROPHE = re.compile(r"[a-z]+(?:'[a-z]+)+")
_BREAKS = re.compile(
    r"[.!?;:,\n\r\u2026\u00a1\u00bf()\[\]{}\"\u201c\u201d\u00ab\u00bb|/\\]+|\s[-\u2013\u2014]+\s"
)
_WORDS = re.compile(r"[a-z0-9]+")
_CLOCK = re.compile(r"(?<=\d)[:.](?=\d)")  # "7:40", "23.15": one time, not two clauses
_WORD_CACHE: dict[str, tuple[str, str]] = {}


@dataclass(frozen=True, slots=True)
class Normalised:
    """One message in the forms the detectors need.

    raw       the text as received
    text      NFKC, case and accents folded, contractions and slang expanded, leetspeak read,
              emoji that carry meaning turned into words, clauses joined by " | "
    squeezed  `text` with every run of one repeated letter squeezed to one ("diiie" -> "die",
              "kill" -> "kil"); the phrase tables are squeezed the same way when compiled
    clauses   the squeezed clauses, one per sentence or comma-separated part
    tokens    the set of squeezed words, for cheap "does it mention X at all" checks
    """

    raw: str
    text: str
    squeezed: str
    clauses: tuple[str, ...]
    tokens: frozenset[str]


# Letters NFKD leaves whole: French "sœur", "cœur" were read as "s your", "c your"; "Bjørn"
# as "bj right now" ("rn" is txt-speak once the "ø" was dropped), "Łukasz" as "ukasz".
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O",
                            "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
                            "þ": "th", "Þ": "Th", "ı": "i"})


def squeeze(text: str) -> str:
    """Collapses every run of one repeated letter: 'sooo' -> 'so', 'kill' -> 'kil'."""
    return _SQUEEZE.sub(r"\1", text)


def fold(text: str) -> str:
    """NFKC, straight apostrophes, casefold, accents dropped ('Não' -> 'nao', 'ß' -> 'ss')."""
    if text.isascii():
        return text.replace("`", "'").lower()
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).casefold().translate(_LIGATURES)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def strip_accents(text: str) -> str:
    """Accents dropped, case kept: how the phrase tables are folded to match `fold`ed text."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).translate(_LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _read_leet(token: str) -> str | None:
    """The word an obfuscated token stands for ('k1ll', 'su!c!de', 'k*ll', 'h4ng')."""
    found = spelling.unmask(token)
    return found if found and (len(found) >= 4 or found in _SHORT_VOCAB) else None


def _leet_sub(match: re.Match[str]) -> str:
    token = match[0]
    core = token.rstrip("!*").lstrip("*")  # "die!!", "*hugs*": punctuation, not a spelling trick
    if core and not _LEET_CHARS.isdisjoint(core) and any(c.isalpha() for c in core):
        found = _read_leet(core)
        if found:
            return token.replace(core, found, 1)
    return token


def _spelled_sub(match: re.Match[str]) -> str:
    """Letters spaced, dotted or starred out, in any word: 's u i c i d e', 'k.i.l.l', 'd-i-e',
    'k i l l m y s e l f'. Spaced runs are joined only into known words (or known words run
    together) so "i m a mess" stays; dots, dashes and stars are never ordinary writing."""
    run = match[0]
    joined = _SPELL_GAPS.sub("", run)
    spaced_only = not any(c in run for c in ".-_*")
    if joined in spelling.vocabulary():
        return f" {joined} "
    found = _read_leet(joined)
    if found is None and (len(joined) >= 4 or not spaced_only) and joined.isalpha():
        found = spelling.segment(joined)
    if found is None and not spaced_only and joined.isalpha():
        found = joined
    return f" {found} " if found else run


def _contraction(match: re.Match[str]) -> str:
    word = match[0]
    if word in _CONTRACTIONS:
        return _CONTRACTIONS[word]
    for suffix, full in _SUFFIXES.items():
        if word.endswith(suffix):
            return word[: -len(suffix)] + full
    head, _, tail = word.partition("'")
    if tail == "s" and head in _IS_SUBJECTS:
        return head + " is"
    return f"{head} {tail}"  # possessives and French/Italian elisions: "ex's", "j'ai", "l'ho"


def _word(word: str) -> tuple[str, str]:
    """(expanded, squeezed) forms of one word; cached, since words repeat across messages."""
    cached = _WORD_CACHE.get(word)
    if cached is None:
        stretched = _STRETCH.sub(r"\1\1", word) if len(word) > 2 else word
        expanded = (_SLANG.get(stretched) or _TYPOS.get(stretched) or spelling.dropped_g(stretched)
                    or spelling.slip(stretched))
        expanded = expanded or stretched
        cached = (expanded, squeeze(expanded))
        if len(_WORD_CACHE) > 50_000:
            _WORD_CACHE.clear()
        _WORD_CACHE[word] = cached
    return cached


def _readings(text: str) -> dict[str, str]:
    """How the message's language-dependent spellings read: each as the language whose cue words
    the message holds most of (English on a tie) says, or as written when it has no reading."""
    words = frozenset(_WORDS.findall(text))
    best, most = "en", len(words & _CUES["en"])
    for lang, cues in _CUES.items():
        count = len(words & cues)
        if count > most:
            best, most = lang, count
    return {word: readings.get(best, word) for word, readings in _BY_LANGUAGE.items() if word in words}


def _clause(clause: str, readings: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """One clause's (text, squeezed) forms, words only, slang and two-word spellings read; a
    particle at its end ("fr", "honestly") split off as a clause of its own."""
    texts: list[str] = []
    squeezed: list[str] = []
    previous = ""
    for raw in _WORDS.findall(clause):
        if readings and raw in readings:
            reading = readings[raw]
            texts.append(reading)
            squeezed.append(squeeze(reading))
            previous = raw
            continue
        joined = _BIGRAMS.get((previous, raw))
        if joined is not None:
            texts[-1], squeezed[-1] = _word(joined)
            previous = ""
            continue
        text, squeeze_form = _word(raw)
        texts.append(text)
        squeezed.append(squeeze_form)
        previous = raw
    text = " ".join(texts)
    if not texts or texts[-1].rpartition(" ")[2] not in _PARTICLE_ENDS:
        return [(text, " ".join(squeezed))]
    words = text.split()
    tail = len(words)
    while tail:
        size = next((len(p) for p in _PARTICLES if tuple(words[max(0, tail - len(p)):tail]) == p), 0)
        if not size or size == tail:
            break
        tail -= size
    if tail == len(words):
        return [(text, " ".join(squeezed))]
    head, rest = " ".join(words[:tail]), " ".join(words[tail:])
    return [(head, squeeze(head)), (rest, squeeze(rest))]


def _forms(raw: str) -> tuple[str, str]:
    """The `text` and `squeezed` forms of a whole message."""
    text = fold(raw)
    if not text.isascii():
        text = text.translate(_EMOJI)
    if "/" in text:
        text = _SLASH_WORD.sub(lambda found: f" {_SLASHED[found[0]]} ", text)
    if not _LEET_CHARS.isdisjoint(text):
        text = _TOKENISH.sub(_leet_sub, text)
    text = _SPELLED.sub(_spelled_sub, text)
    if "'" in text:
        text = _WITH_APOSTROPHE.sub(_contraction, text).replace("'", " ")
    if ":" in text or "." in text:
        text = _CLOCK.sub(" ", text)
    readings = _readings(text) if _BY_LANGUAGE_WORD.search(text) else None
    texts: list[str] = []
    squeezed: list[str] = []
    for part in _BREAKS.split(text):
        for clause_text, clause_squeezed in _clause(part, readings):
            if clause_text:
                texts.append(clause_text)
                squeezed.append(clause_squeezed)
    return SEP.join(texts), SEP.join(squeezed)


@lru_cache(maxsize=256)
def nickname_form(nickname: str) -> tuple[str, str]:
    """The (text, squeezed) spelling of a nickname, as it appears inside a `Normalised`."""
    text, squeezed = _forms(nickname)
    return text.replace(SEP, " "), squeezed.replace(SEP, " ")


def normalise(raw: str, *, nickname: str | None = None) -> Normalised:
    """Builds the shared form of one message. `nickname` (the ex's name) is rewritten to the
    single word `exname`, so the compiled tables match it without being rebuilt per user."""
    text, squeezed = _forms(raw)
    if nickname:
        nick_text, nick_squeezed = nickname_form(nickname)
        if len(nick_text) >= 2 and f" {nick_squeezed} " in f" {squeezed} ":
            text = f" {text} ".replace(f" {nick_text} ", f" {EX_TOKEN} ").strip()
            squeezed = f" {squeezed} ".replace(f" {nick_squeezed} ", f" {EX_TOKEN} ").strip()
        # the possessive typed without its apostrophe ("alexs insta", "check sams location")
        # reads as "exname s", like "alex's" (u2urge); not for a nickname that ends in s
        if len(nick_text) >= 3 and not nick_squeezed.endswith("s") \
                and f" {nick_squeezed}s " in f" {squeezed} ":
            text = f" {text} ".replace(f" {nick_text}s ", f" {EX_TOKEN} s ").strip()
            squeezed = f" {squeezed} ".replace(f" {nick_squeezed}s ", f" {EX_TOKEN} s ").strip()
    clauses = tuple(squeezed.split(SEP)) if squeezed else ()
    return Normalised(raw, text, squeezed, clauses, frozenset(squeezed.split()))


def as_normalised(text: str | Normalised) -> Normalised:
    """Lets every detector take either a raw string or the shared object."""
    return text if isinstance(text, Normalised) else normalise(text)
