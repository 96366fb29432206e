"""The step-7 message review: pure heuristics that flag what makes a first text after no contact
go wrong (too long, needy, apologetic, pleading, many questions, several messages, late at night).
No Telegram imports; the wording of each warning lives in templates/step7/review.html."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.clock import is_late_night
from bot.features.steps import review_words as words

MAX_CHARS = 160  # about what fits in a phone notification
MAX_WORDS = 30
MAX_SENTENCES = 3

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_SPACES = re.compile(r"\s+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})

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


def _contains(text: str, phrases: tuple[str, ...]) -> bool:
    return any(re.search(rf"(?<![\w']){re.escape(p)}(?![\w'])", text) for p in phrases)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(text) if re.search(r"\w", s)]


def messages_in(text: str) -> int:
    """How many separate texts this looks like: blocks split by line breaks."""
    return len([block for block in text.splitlines() if block.strip()])


def review(text: str, *, local_hour: int | None = None) -> Review:
    """Reviews a draft; `local_hour` is the hour where the user is when they would send it."""
    clean = text.translate(_APOSTROPHES).strip()
    lowered = _SPACES.sub(" ", clean.lower())
    word_count = len(re.findall(r"[\w']+", lowered))
    found: set[str] = set()
    if local_hour is not None and is_late_night(local_hour):
        found.add("late_night")
    if len(clean) > MAX_CHARS or word_count > MAX_WORDS:
        found.add("too_long")
    if messages_in(clean) > 1 or len(sentences(clean)) > MAX_SENTENCES:
        found.add("several_messages")
    if _contains(lowered, words.PLEADING):
        found.add("pleading")
    if _contains(lowered, words.NEEDY) or lowered.count("!") >= 3:
        found.add("needy")
    if _contains(lowered, words.APOLOGETIC):
        found.add("apologetic")
    if lowered.count("?") > 1:
        found.add("questions")
    return Review(tuple(c for c in CODES if c in found), word_count, len(clean))
