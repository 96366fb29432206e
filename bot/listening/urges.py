"""Spots "I want to text my ex" in free text: pure matching over the phrase table in
bot/lexicon/urge_phrases.py. No Telegram imports."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from bot.listening import urge_phrases as data

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
# Keep letters, digits, apostrophes and hyphens inside words ("ex-boss" stays one token).
_NOISE = re.compile(r"[^a-z0-9'\-\s]+")
_SPACES = re.compile(r"\s+")
# Spellings people type in a hurry, mapped to the forms the table uses.
_SHORTHAND = {
    "im": "i'm", "i am": "i'm", "ill": "i'll", "cant": "can't", "shouldnt": "shouldn't",
    "going 2": "going to", "want 2": "want to", "wana": "wanna", "u": "you",
}


def normalise(text: str) -> str:
    """Lower case, straight apostrophes, punctuation dropped, spaces collapsed."""
    lowered = text.translate(_APOSTROPHES).lower()
    lowered = _NOISE.sub(" ", lowered)
    words = f" {_SPACES.sub(' ', lowered).strip()} "
    for short, full in _SHORTHAND.items():
        words = words.replace(f" {short} ", f" {full} ")
    return words.strip()


def _alternatives(options: Iterable[str]) -> str:
    # Longest first, so "my ex boyfriend" wins over "my ex".
    return "|".join(re.escape(o) for o in sorted(options, key=len, reverse=True))


@lru_cache(maxsize=64)
def _patterns(extra_names: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    targets = _alternatives((*data.TARGETS, *extra_names))
    # A target must end the phrase or be followed by a space and not a hyphen/apostrophe.
    target = rf"(?:{targets})(?![\w'\-])"
    fillers = rf"(?:(?:{_alternatives(data.FILLERS)}) )*"
    verbs = _alternatives(data.CONTACT_VERBS)
    gerunds = _alternatives(_gerund(v) for v in data.CONTACT_VERBS)
    desire = rf"(?:{_alternatives(data.DESIRES)})"
    built = [
        # "i really want to text him", "should i call her", "about to message my ex"
        rf"(?<![\w'\-]){desire} {fillers}(?:{verbs}) (?:a |one )?{target}",
        # "thinking about texting him", "close to calling her"
        rf"(?<![\w'\-]){desire} {fillers}(?:{gerunds}) {target}",
        # "i want to send him a message", "should i send my ex a text"
        rf"(?<![\w'\-]){desire} {fillers}(?:send|write) {target} (?:a |one )?(?:text|message|msg|dm|letter|email)",
        *(rf"(?<![\w'\-]){p}" for p in data.PHRASES),
    ]
    return tuple(re.compile(p) for p in built)


def _gerund(verb: str) -> str:
    head, _, tail = verb.partition(" ")
    if head.endswith("e") and head not in ("see",):
        head = head[:-1]
    elif head in ("dm", "msg", "txt", "chat"):
        head += head[-1]
    word = head + "ing"
    return f"{word} {tail}".strip()


def _name_forms(names: Iterable[str | None]) -> tuple[str, ...]:
    out = []
    for name in names:
        if name:
            cleaned = normalise(name)
            if len(cleaned) >= 2:
                out.append(cleaned)
    return tuple(sorted(set(out)))


def is_urge(text: str, *, names: Iterable[str | None] = ()) -> bool:
    """True when the text says the user wants (or is about) to contact their ex.

    `names` adds the ex's nickname as a target, so "should I call Alex" counts too.
    """
    clean = normalise(text)
    if not clean or len(clean) > 400:
        return False  # a long message is a story, not a cry for help mid-urge
    return any(p.search(clean) for p in _patterns(_name_forms(names)))
