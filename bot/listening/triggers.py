"""Which rules are worth trying on a message: per rule, a set of trigger words, one of which
every match must contain. A message that holds none of them skips the rule without running its
regex, which keeps the whole pipeline well under the 0.2 ms budget.

tests/test_corpus.py checks on the corpus and the holdout that the index never changes a result
(each detector has an `exhaustive=True` mode that tries every rule).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.listening.normalise import squeeze

# Words too common to tell rules apart: a rule runs only when the message holds one of its other
# literal words. tests/test_phrases.py checks on the corpus that skipping never changes a result.
STOPWORDS = frozenset(squeeze(w) for w in ["i", "a", "an", "the", "to", "my", "me", "and", "of", "is", "am", "it", "so", "just", "be", "in", "on", "for", "that", "this", "you", "was", "with", "at", "not", "do", "have", "are", "but", "all", "like", "he", "she", "him", "her", "they", "them", "we", "your", "or", "if", "what", "up", "out", "now", "get", "got", "can", "will", "would", "no", "there", "when", "about", "again", "really", "de", "la", "el", "que", "en", "y", "o", "un", "una", "se", "lo", "le", "et", "je", "il", "ne", "e", "di", "che", "per", "non", "mi", "ik", "het", "een", "en", "te", "er", "ich", "du", "es", "und", "nicht"])
_LITERAL = re.compile(r"[a-z0-9]+")


# Fairly common words: a trigger set made of these is a last resort.
_COMMON = frozenset(squeeze(w) for w in ["going", "want", "go", "way", "here", "never", "being", "feel", "see", "know", "think", "said", "say", "one", "time", "back", "make", "take", "even", "still", "much", "more", "off", "over", "only", "cant", "cannot", "anymore", "any", "everyone", "everything", "people", "life", "day", "today", "tonight", "night", "last", "good", "well", "better", "love", "need", "keep", "kept", "text", "ok", "okay", "yes", "yeah", "thing", "things", "someone", "anyone", "nobody", "something"])


def trigger_words(source: str) -> frozenset[str]:
    """Words of which every match of `source` must contain at least one.

    The pattern is read as a sequence of items (words and groups); an item followed by ?, * or
    an assertion is optional. For each required item, its words are a valid trigger set when no
    alternative of it could match without one of them (no stopword alternative). The least common
    such set wins; with none, every literal word of the rule is used (safe, just slower)."""
    best: frozenset[str] | None = None
    best_score = (1 << 30, 1 << 30)
    for words in _required_items(source):
        if words is None:
            continue
        score = (len(words & _COMMON), len(words))
        if score < best_score:
            best, best_score = words, score
    if best is not None:
        return best
    return frozenset(_LITERAL.findall(_CODE_PARTS.sub(" ", source))) - STOPWORDS


def _required_items(source: str) -> Iterator[frozenset[str] | None]:
    """Per required top-level item: the words one of which any match of it contains, or None
    when some alternative of it could match with stopwords only."""
    depth, start, items = 0, 0, []
    position = 0
    while position < len(source):
        char = source[position]
        if char == "(":
            if depth == 0:
                start = position
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                end = position + 1
                optional = source[end:end + 1] in ("?", "*") or source[start + 1:start + 2] == "?"
                if not optional:
                    items.append(source[start + 1:end - 1])
        elif depth == 0 and char.isalnum():
            end = position
            while end < len(source) and source[end].isalnum():
                end += 1
            items.append(source[position:end])
            position = end
            continue
        position += 1
    for item in items:
        words: set[str] = set()
        for alternative in _split_top(item):
            required = alternative
            while _OPTIONAL_GROUPS.search(required):
                required = _OPTIONAL_GROUPS.sub(" ", required)
            mandatory = set(_LITERAL.findall(_CODE_PARTS.sub(" ", required))) - STOPWORDS
            if not mandatory or "(" in required:
                words = set()
                break
            words |= mandatory
        yield frozenset(words) if words else None


_OPTIONAL_GROUPS = re.compile(r"\([^()]*\)[?*]")


def _split_top(item: str) -> list[str]:
    """`item` split at its top-level |."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in item:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        if char == "|" and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts
_CODE_PARTS = re.compile(r"\{[A-Z]+\}|\[1-9\]\[0-9\]\+|\[0-9\]\+")
