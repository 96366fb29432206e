"""Which rules are worth trying on a message: per rule, a set of trigger words, one of which
every match must contain. A message that holds none of them skips the rule without running its
regex, which keeps the whole pipeline well under the 0.2 ms budget.

tests/test_corpus.py checks on the corpus and the holdout that the index never changes a result
(each detector has an `exhaustive=True` mode that tries every rule).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from bot.listening.normalise import squeeze

_BRACKETS = re.compile(r"[()]")
_WORD = re.compile(r"[^\W_]+")  # what str.isalnum() accepts, as a run
_PLAIN = re.compile(r"(?:[^\w({\[]|_)+")  # a run of what no branch below reads
_BRACKETS_OR_BARS = re.compile(r"[()|]")

# Words too common to tell rules apart: a rule runs only when the message holds one of its other
# literal words. tests/test_phrases.py checks on the corpus that skipping never changes a result.
STOPWORDS = frozenset(squeeze(w) for w in ["i", "a", "an", "the", "to", "my", "me", "and", "of", "is", "am", "it", "so", "just", "be", "in", "on", "for", "that", "this", "you", "was", "with", "at", "not", "do", "have", "are", "but", "all", "like", "he", "she", "him", "her", "they", "them", "we", "your", "or", "if", "what", "up", "out", "now", "get", "got", "can", "will", "would", "no", "there", "when", "about", "again", "really", "de", "la", "el", "que", "en", "y", "o", "un", "una", "se", "lo", "le", "et", "je", "il", "ne", "e", "di", "che", "per", "non", "mi", "ik", "het", "een", "en", "te", "er", "ich", "du", "es", "und", "nicht"])


# Fairly common words: a trigger set made of these is a last resort.
_COMMON = frozenset(squeeze(w) for w in ["going", "want", "go", "way", "here", "never", "being", "feel", "see", "know", "think", "said", "say", "one", "time", "back", "make", "take", "even", "still", "much", "more", "off", "over", "only", "cant", "cannot", "anymore", "any", "everyone", "everything", "people", "life", "day", "today", "tonight", "night", "last", "good", "well", "better", "love", "need", "keep", "kept", "text", "ok", "okay", "yes", "yeah", "thing", "things", "someone", "anyone", "nobody", "something"])


def trigger_words(source: str) -> frozenset[str]:
    """Words of which every match of `source` must contain at least one (empty: try always).

    Read recursively: an alternation is safe when every alternative is, and its set is their
    union; a sequence takes the best set among its required items (a word, or a group without
    ?/* after it); optional groups, assertions and code parts ({W}, [0-9]+) give nothing. A word
    glued to a group or a quantifier ("goodbyes?", "ne(e)?") is not a whole message word, so it
    gives nothing either. Stopwords are valid but poor: chosen only when nothing better exists,
    since "see" squeezes to "se", a stopword, and a rule whose only sure word is "see" must still
    run on "can you see my messages"."""
    found = _alternation(source)
    return found if found is not None else frozenset()


def required_words(source: str) -> tuple[tuple[frozenset[str], ...], ...] | None:
    """Per top-level alternative of `source`, every word set a match of that alternative must
    meet (one word of each), or None when some alternative needs no word at all. Each set is
    one required item as `trigger_words` reads it, so it is exactly as safe: `trigger_words`
    keeps only the best item of a sequence; this keeps all of them, so a rule can be skipped
    when its trigger word occurs but another of its required words does not ("{EXA} ~ got
    angry" on a message with "angry" and no word for the ex)."""
    alternatives = []
    for alternative in _split_top(source):
        sets = {words for words in _required_items(alternative) if words}
        if not sets:
            return None
        alternatives.append(tuple(sorted(sets, key=_rarity)))  # the likeliest miss first
    return tuple(alternatives)


def _rarity(words: frozenset[str]) -> tuple[int, int, int, tuple[str, ...]]:
    """How poor a set of words is at telling messages apart (the last key only makes the order
    fixed)."""
    return (len(words & STOPWORDS), len(words & _COMMON), len(words), tuple(sorted(words)))


# The tables' macros expand to the same long groups in hundreds of rules ({EX}, a language's
# verb families); reading each distinct group once took import from ~1 s to ~0.3 s.
@cache
def _alternation(expr: str) -> frozenset[str] | None:
    union: set[str] = set()
    for alternative in _split_top(expr):
        words = _sequence(alternative)
        if words is None:
            return None
        union |= words
    return frozenset(union)


def _sequence(expr: str) -> frozenset[str] | None:
    best: frozenset[str] | None = None
    best_score = (1 << 30,) * 3
    for words in _required_items(expr):
        if words is None or not words:
            continue
        score = _rarity(words)[:3]
        if score < best_score:
            best, best_score = words, score
    return best


def _required_items(expr: str) -> Iterator[frozenset[str] | None]:
    """Per top-level item of a sequence: its safe word set, or None when it gives none."""
    position = 0
    last_group: tuple[int, str] = (-1, "")  # where the previous group ended, and its body
    glue_at = -1  # where an item ends that runs on into what follows ({W}, [a-z], "(x|doods)")
    while position < len(expr):
        char = expr[position]
        if char == "(":
            end = _closing(expr, position)
            inner = expr[position + 1:end]
            after = end + 1
            optional = expr[after:after + 1] in ("?", "*") or _may_repeat_none(expr, after)
            after += expr[after:after + 1] in ("?", "*", "+")
            if inner.startswith(("?!", "?=", "?<")):
                if glue_at == position:
                    glue_at = after  # an assertion matches no characters: the glue goes on
            else:
                parts = _split_top(inner.removeprefix("?:"))
                # a group between two groups or code parts ("(zo |doods)?(bang|angstig)")
                glued = ((glue_at == position and not all(map(_starts_at_edge, parts)))
                         or (_runs_on(expr, after) and not all(map(_ends_at_edge, parts))))
                if optional or glued or _glued(expr, position, after, inner):
                    yield None
                else:
                    yield _alternation(inner.removeprefix("?:"))
                if not all(map(_ends_at_edge, parts)):
                    glue_at = after
            last_group = (after, inner)
            position = after
        elif char in "{[":
            close = expr.index("}" if char == "{" else "]", position)
            if char == "[" or expr[position:close + 1] == "{W}":
                glue_at = close + 1
            position = close + 1 + (expr[close + 1:close + 2] in ("+", "*", "?"))
            yield None
        elif char.isalnum():
            word = _WORD.match(expr, position)
            end = word.end() if word else position + 1
            glued = expr[end:end + 1] in ("?", "*", "+", "{", "[") or glue_at == position
            if expr[end:end + 1] == "(":
                glued = glued or _glued(expr, end, _closing(expr, end) + 1,
                                        expr[end + 1:_closing(expr, end)])
            if last_group[0] == position and not last_group[1].startswith(("?!", "?=", "?<")):
                glued = glued or not all(_ends_at_edge(part) for part in _split_top(
                    last_group[1].removeprefix("?:")))
            yield None if glued else frozenset({expr[position:end]})
            position = end
        else:
            plain = _PLAIN.match(expr, position)
            position = plain.end() if plain else position + 1


_REPEAT = re.compile(r"\{(\d*),?\d*\}")


def _may_repeat_none(expr: str, after: int) -> bool:
    """Whether a group is followed by a count that allows none of it ("( {W}){0,4}")."""
    found = _REPEAT.match(expr, after)
    return found is not None and int(found[1] or 0) == 0


def _runs_on(expr: str, after: int) -> bool:
    """Whether the item at `after` may continue a word ended by the group before it: a code
    part or a character class, or a group (past any assertions) not starting at a word edge."""
    while expr.startswith("(?", after) and expr[after + 2:after + 3] in ("!", "=", "<"):
        after = _closing(expr, after) + 1
    if expr.startswith(("{W}", "["), after):
        return True
    if expr[after:after + 1] == "(":
        inner = expr[after + 1:_closing(expr, after)].removeprefix("?:")
        return not all(map(_starts_at_edge, _split_top(inner)))
    return False


def _closing(expr: str, opening: int) -> int:
    depth = 0
    for found in _BRACKETS.finditer(expr, opening):
        depth += 1 if found[0] == "(" else -1
        if depth == 0:
            return found.start()
    raise ValueError(f"unbalanced group in {expr!r}")


def _glued(expr: str, opening: int, after: int, inner: str) -> bool:
    """True when the group continues a word on either side ('ne(e)?', '(un)alive'): some
    alternative of it does not start (or end) with a space next to that word."""
    if inner.startswith(("?!", "?=", "?<")):
        return False
    parts = _split_top(inner.removeprefix("?:"))
    before = opening > 0 and expr[opening - 1].isalnum()
    following = after < len(expr) and expr[after].isalnum()
    return ((before and not all(_starts_at_edge(part) for part in parts))
            or (following and not all(_ends_at_edge(part) for part in parts)))


# A group's alternative next to a word keeps it whole when it ends (or starts) with a space, or
# is a clause edge: "^" and "$" become "start of a clause" and "end of a clause" (phrases.expand),
# so "(^|the )noose" holds "noose" as a word either way.
def _ends_at_edge(part: str) -> bool:
    return part.endswith(" ") or part == "^"


def _starts_at_edge(part: str) -> bool:
    return part.startswith(" ") or part == "$"


@cache
def _split_top(item: str) -> tuple[str, ...]:
    """`item` split at its top-level |."""
    if "|" not in item:
        return (item,)
    if "(" not in item:
        return tuple(item.split("|"))
    parts: list[str] = []
    depth = start = 0
    for found in _BRACKETS_OR_BARS.finditer(item):  # only the characters that matter
        char = found[0]
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif depth == 0:
            parts.append(item[start:found.start()])
            start = found.end()
    parts.append(item[start:])
    return tuple(parts)
