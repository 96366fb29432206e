"""Reads words that are spelt out, disguised or mistyped, against the crisis tables' own words.

Three tricks people use, on any word the crisis tables know (not a short list):
- letters spaced, dotted or starred out: "s.u.i.c.i.d.e", "k i l l m y s e l f" (joined, and cut
  back into known words when several were run together);
- leetspeak: "k1ll", "su!c!de", "h4ng", "0verd0se" (and "d*e", "k*ll": a "*" only in the short
  list of words people mask, "leet_vocab");
- one slip of the finger on a word of five letters or more: two letters swapped, one dropped,
  added, or struck on the key next to it, away from the word's ends ("thouhgts", "ovredose",
  "pastlilas", "suicudal"; see `_slip_of`).

The vocabulary is every word of the tables named in data/normalise.json ("reading_tables"). A
slip is read only when exactly one vocabulary word is one slip away and the typed word is not a
real word itself: not a word of any table in data/, typo_guard.json included (the real words of
the seven languages that sit one edit from a vocabulary word, written by
tools/make_typo_guard.py from pyspellchecker's word lists at development time; a test fails when
the tables change and the list was not rewritten). Why not a spell-checker at run time: its word
lists weigh tens of megabytes and it would "correct" towards any word, not towards the few that
matter here; one dictionary lookup per new word is all this needs.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path

_DATA_DIR = Path(__file__).with_name("data")
_SETTINGS = json.loads((_DATA_DIR / "normalise.json").read_text("utf-8"))
_LOWER_WORD = re.compile(r"[a-z]+")
_MIN_SLIP = 5  # shorter words have too many real neighbours ("pill" / "bill", "die" / "due")
_MAX_PIECES = 4
# Bumped whenever what counts as a slip changes (_slip_of), so the guard is written again.
_RULES = "slips v2: swaps, drops, additions, keyboard neighbours; five letters; not at the ends"


def _fold(text: str) -> str:
    if text.isascii():  # NFKD leaves ASCII as it is: most of the tables, and quickly so
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _squeeze(word: str) -> str:
    return re.sub(r"([a-z])\1+", r"\1", word)


def _strings(value: object) -> Iterable[str]:
    """Every string inside a parsed table, keys starting with '_' (prose) left out."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if not key.startswith("_"):
                yield key
                yield from _strings(item)


def _words_of(names: Iterable[str]) -> set[str]:
    """The lower-case words of the named tables (macro names are upper case, so they drop out)."""
    words: set[str] = set()
    for name in names:
        words.update(_table_words(name))
    return words


def forget_tables() -> None:
    """Drops what was read from the tables, so the next call reads them again (for
    tools/make_typo_guard.py, which rewrites one of them and must not see its old words)."""
    _table_words.cache_clear()
    known_words.cache_clear()


@cache
def _table_words(name: str) -> frozenset[str]:
    """One table's words (read once: the vocabulary and the known words share most tables)."""
    table = json.loads((_DATA_DIR / f"{name}.json").read_text("utf-8"))
    # One pass over all its strings: no word runs across a line break
    return frozenset(_LOWER_WORD.findall("\n".join(map(_fold, _strings(table)))))


@cache
def vocabulary() -> frozenset[str]:
    """The words a disguised or mistyped word may be read as."""
    words = _words_of(_SETTINGS["reading_tables"])
    words.update(_SETTINGS["leet_vocab"], _SETTINGS["typo_vocab"])
    return frozenset(words)


def vocabulary_digest(words: Iterable[str] | None = None) -> str:
    """A fingerprint of the slip vocabulary (`vocabulary()` unless other words are given) and of
    the rules, stored beside the guard it was checked against."""
    words = vocabulary() if words is None else words
    slips = sorted({word for word in words if len(_squeeze(word)) >= _MIN_SLIP})
    return hashlib.sha256("\n".join([_RULES, *slips]).encode()).hexdigest()[:16]


@cache
def known_words() -> frozenset[str]:
    """Words never read as slips: every word of every phrase table, and the guard list."""
    names = [p.relative_to(_DATA_DIR).with_suffix("").as_posix()
             for p in sorted(_DATA_DIR.rglob("*.json"))]
    words = _words_of(names)  # squeezed in one pass: no run of a letter crosses a line break
    return frozenset(_squeeze("\n".join(words)).split("\n")) if words else frozenset()


@cache
def _slip_index() -> tuple[dict[str, str], dict[str, str | None]]:
    """(squeezed vocabulary word -> word, one-letter-shorter form -> word or None if shared)."""
    words: dict[str, str] = {}
    for word in sorted(vocabulary(), key=lambda w: (len(w), w)):  # "suicidal" before "suicidaal"
        form = _squeeze(word)
        if len(form) >= _MIN_SLIP:
            words.setdefault(form, word)
    shorter: dict[str, str | None] = {}
    for form, word in words.items():
        for cut in {form[:i] + form[i + 1:] for i in range(len(form))}:
            if cut in shorter and shorter[cut] != word:
                shorter[cut] = None  # two words share it: too ambiguous to read
            else:
                shorter[cut] = word
    return words, shorter


_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_KEYS = {key: (col + row * 0.5, row) for row, keys in enumerate(_ROWS)
         for col, key in enumerate(keys)}


def _neighbours(a: str, b: str) -> bool:
    """Whether two letters sit side by side (or on the next row) of a keyboard."""
    (xa, ya), (xb, yb) = _KEYS.get(a, (99.0, 9)), _KEYS.get(b, (-99.0, -9))
    return abs(ya - yb) <= 1 and abs(xa - xb) <= 1


def _slip_of(typed: str, word: str) -> bool:
    """Whether `typed` (squeezed) is one slip of the finger away from `word` (squeezed).

    Kinds of slip, each kept to where it is a slip rather than another form of a real word:
    two neighbours swapped ("thouhgts"), one letter dropped ("hopless"), added ("pastlilas") or
    struck on the key next to it ("suicudal"), in typed words of five letters or more. Never at
    the first or the last letter: that is where languages inflect ("regalo"/"regalos",
    "sufri"/"sufrir", "escribo"/"escribi") and where another word is one letter away
    ("geappt"/"leapt"); a changed letter away from its key is another word ("veces"/"voces")."""
    size = len(typed)
    if size == len(word):
        diffs = [i for i, (x, y) in enumerate(zip(typed, word, strict=True)) if x != y]
        if len(diffs) == 2:
            first, second = diffs
            return (second == first + 1
                    and typed[first] == word[second] and typed[second] == word[first])
        return (len(diffs) == 1 and 0 < diffs[0] < size - 1
                and _neighbours(typed[diffs[0]], word[diffs[0]]))
    if abs(size - len(word)) != 1:
        return False
    short, long = (typed, word) if size < len(word) else (word, typed)
    return any(long[:i] + long[i + 1:] == short for i in range(1, len(long) - 1))


def slip(word: str) -> str | None:
    """The one vocabulary word that `word` (folded, letters only) is a slip of, or None."""
    form = _squeeze(word)
    if len(form) < _MIN_SLIP or not form.isalpha() or form in known_words():
        return None
    words, shorter = _slip_index()
    found: set[str] = set()
    if (whole := shorter.get(form)) is not None:
        found.add(whole)  # a letter dropped
    for cut in {form[:i] + form[i + 1:] for i in range(len(form))}:
        if cut in words:
            found.add(words[cut])  # a letter added
        if (other := shorter.get(cut)) is not None:
            found.add(other)  # a letter changed, or two swapped
    found = {w for w in found if _slip_of(form, _squeeze(w))}
    return found.pop() if len(found) == 1 else None


def dropped_g(word: str) -> str | None:
    """The '-ing' word of the tables that a word typed without its g stands for ('thinkin',
    'endin', 'jumpin', 'cuttin'), or None; never a known word itself ('cousin', 'within')."""
    if len(word) < 5 or not word.endswith("in") or _squeeze(word) in known_words():
        return None
    full = word + "g"
    return full if full in vocabulary() else None


_LEET: dict[str, str] = _SETTINGS["leet_map"]
_MASKABLE = frozenset(_SETTINGS["leet_vocab"])  # the words a "*" may hide a letter of


@cache
def _by_length() -> dict[int, tuple[str, ...]]:
    out: dict[int, list[str]] = {}
    for word in sorted(vocabulary(), key=lambda w: (w not in _MASKABLE, w)):
        if len(word) >= 2:
            out.setdefault(len(word), []).append(word)
    return {size: tuple(words) for size, words in out.items()}


@lru_cache(maxsize=4096)
def unmask(token: str) -> str | None:
    """The vocabulary word a leetspeak or masked token stands for ('k1ll', 'su!c!de', 'h4ng',
    'd*e'): every odd character must be a stand-in for the word's letter (data/normalise.json,
    "leet_map"). A "*" hides a letter only of the short list of words people mask ("leet_vocab"):
    any word fits "d*ck" or "sh*t", and those are not what this is for. The short list's words
    come first, so a token that fits several reads as the likelier one."""
    masked = "*" in token
    for word in _by_length().get(len(token), ()):
        if masked and word not in _MASKABLE:
            break  # the short list's words come first; past them, no word may be masked
        for have, want in zip(token, word, strict=True):
            if have != want and have != "*" and want not in _LEET.get(have, ""):
                break
        else:
            return word
    return None


def segment(letters: str) -> str | None:
    """Letters that were spelt out one by one, as known words: 'killmyself' -> 'kill myself'."""
    vocab = vocabulary()
    if letters in vocab:
        return letters
    best: dict[int, list[str]] = {0: []}
    for end in range(1, len(letters) + 1):
        for start in range(max(0, end - 20), end):
            piece = letters[start:end]
            if start in best and (piece in vocab and (len(piece) > 1 or piece in "ai")):
                candidate = [*best[start], piece]
                if end not in best or len(candidate) < len(best[end]):
                    best[end] = candidate
    pieces = best.get(len(letters))
    return " ".join(pieces) if pieces and len(pieces) <= _MAX_PIECES else None


def warm() -> None:
    """Builds the word lists and indexes now (a few hundred ms), at start-up rather than on the
    first message that holds a slip or leetspeak."""
    known_words()
    _slip_index()
    _by_length()
