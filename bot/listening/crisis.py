"""Pure screening of what users write: self-harm and suicide language, and signs that a
relationship was unsafe. No Telegram imports; the phrase lists live in bot/data/*.json."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

DATA_DIR = resources.files("bot.listening") / "data"  # package data, also inside a wheel
# Apostrophe look-alikes people type on phones, all folded to "'" (then dropped).
_APOSTROPHES = str.maketrans(dict.fromkeys("\u2019\u2018\u02bc\u02bb`\u00b4\uff07\u2032", "'"))
# Clause breaks: a pattern never spans two sentences ("... to die. For real, the dress").
_CLAUSE = re.compile(r"[.!?;,:\n\r\u2026()\[\]\"|]+")
_NON_WORD = re.compile(r"[^a-z0-9 ]+")
_REPEAT = re.compile(r"([a-z])\1+")


def squeeze(text: str) -> str:
    """Collapses every run of one repeated letter: 'sooo' -> 'so', 'diiie' -> 'die', 'kill' -> 'kil'.
    Patterns are squeezed the same way, so stretched words match without a list of spellings."""
    return _REPEAT.sub(r"\1", text)


def clauses(text: str) -> list[str]:
    """Normalises text into clauses: NFKC, accents and case folded, apostrophes dropped,
    punctuation, emoji and control characters turned into spaces, letters squeezed."""
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).casefold()
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = text.replace("'", "")
    out = []
    for part in _CLAUSE.split(text):
        part = squeeze(" ".join(_NON_WORD.sub(" ", part).split()))
        if part:
            out.append(part)
    return out


def _compile(source: str) -> re.Pattern[str]:
    if "\\" in source:
        raise ValueError(f"phrase patterns may not use backslashes: {source!r}")
    return re.compile(rf"(?<![a-z0-9])(?:{squeeze(source)})(?![a-z0-9])")


@dataclass(frozen=True)
class PhraseSet:
    """Patterns that count, and figures of speech cut out of the text before they are tried."""

    patterns: tuple[re.Pattern[str], ...]
    exclusions: tuple[re.Pattern[str], ...]
    openings: tuple[re.Pattern[str], ...] = ()

    @classmethod
    def load(cls, path: Traversable) -> PhraseSet:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            patterns=tuple(_compile(p) for p in data["patterns"]),
            exclusions=tuple(_compile(p) for p in data.get("exclusions", [])),
            openings=tuple(_compile(p) for p in data.get("unsafe_answer_openings", [])),
        )

    def pieces(self, text: str) -> list[str]:
        """The normalised clauses with every excluded figure of speech cut out."""
        out: list[str] = []
        for clause in clauses(text):
            for exclusion in self.exclusions:
                clause = exclusion.sub("|", clause)
            out.extend(p.strip() for p in clause.split("|") if p.strip())
        return out

    def find(self, text: str) -> str | None:
        """The first pattern that matches (its source), or None."""
        for piece in self.pieces(text):
            for pattern in self.patterns:
                if pattern.search(piece):
                    return pattern.pattern
        return None

    def opens_with(self, text: str) -> bool:
        """True when the first clause starts the way a 'no' answer starts."""
        first = clauses(text)[:1]
        return bool(first) and any(p.search(first[0]) for p in self.openings)


@cache
def phrase_set(name: str) -> PhraseSet:
    return PhraseSet.load(DATA_DIR / f"{name}.json")


def is_crisis(text: str) -> bool:
    """True when the text speaks of suicide or self-harm, directly or indirectly."""
    return phrase_set("crisis_phrases").find(text) is not None


def mentions_abuse(text: str) -> bool:
    """True when the text mentions violence, threats or control by the partner."""
    return phrase_set("abuse_phrases").find(text) is not None


def felt_unsafe(answer: str) -> bool:
    """True when an answer to 'did you feel secure and safe?' is a no, or names abuse."""
    phrases = phrase_set("abuse_phrases")
    return phrases.opens_with(answer) or phrases.find(answer) is not None
