"""The step-7 message review: pure heuristics that flag what makes a first text after no contact
go wrong (too long, needy, apologetic, pleading, many questions, several messages, late at night).
No Telegram imports; the wording of each warning lives in templates/step7/review.html."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from bot.core.clock import is_late_night
from bot.listening.normalise import SEP, normalise

MAX_CHARS = 160  # about what fits in a phone notification
MAX_WORDS = 30
MAX_SENTENCES = 3

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})


def _phrases(kind: str) -> frozenset[str]:
    """A list of data/review_words.json in the listening pipeline's shared form, so a phrase
    and a draft are read alike ("cant", "can't" and "can\u2019t"; "plz"; "sooo sorry")."""
    table = json.loads((Path(__file__).with_name("data") / "review_words.json").read_text("utf-8"))
    return frozenset(normalise(p).squeezed for p in table[kind]["phrases"])


PLEADING = _phrases("pleading")
NEEDY = _phrases("needy")
APOLOGETIC = _phrases("apologetic")

# Every code the review can return, in the order they are shown.
CODES = ("late_night", "too_long", "several_messages", "pleading", "needy", "apologetic",
         "questions")


@dataclass(frozen=True)
class Review:
    warnings: tuple[str, ...]
    words: int
    chars: int

    @property
    def ok(self) -> bool:
        return not self.warnings


def _contains(clauses: tuple[str, ...], phrases: frozenset[str]) -> bool:
    """Whether a phrase appears, as whole words, inside one clause of the normalised draft."""
    padded = [f" {clause} " for clause in clauses]
    return any(f" {p} " in clause for p in phrases for clause in padded)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(text) if re.search(r"\w", s)]


def messages_in(text: str) -> int:
    """How many separate texts this looks like: blocks split by line breaks."""
    return len([block for block in text.splitlines() if block.strip()])


def review(text: str, *, local_hour: int | None = None) -> Review:
    """Reviews a draft; `local_hour` is the hour where the user is when they would send it."""
    clean = text.translate(_APOSTROPHES).strip()
    word_count = len(re.findall(r"[\w']+", clean))
    clauses = normalise(clean).squeezed.split(SEP)
    found: set[str] = set()
    if local_hour is not None and is_late_night(local_hour):
        found.add("late_night")
    if len(clean) > MAX_CHARS or word_count > MAX_WORDS:
        found.add("too_long")
    if messages_in(clean) > 1 or len(sentences(clean)) > MAX_SENTENCES:
        found.add("several_messages")
    if _contains(tuple(clauses), PLEADING):
        found.add("pleading")
    if _contains(tuple(clauses), NEEDY) or clean.count("!") >= 3:
        found.add("needy")
    if _contains(tuple(clauses), APOLOGETIC):
        found.add("apologetic")
    if clean.count("?") > 1:
        found.add("questions")
    return Review(tuple(c for c in CODES if c in found), word_count, len(clean))
