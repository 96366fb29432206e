"""THE featuriser of the learned backstop (backstop.py), shared by training
(tools/train_listening.py imports it) and inference, so the hashing is the same on both sides.

Per clause of the normalised text: each word, each pair of neighbouring words, the character
3-5-grams of each word (typos and inflections still share most of them), each word's class from
data/concepts.json ("pills" and "pastillas" are both METHOD), and each pair of classes that meet
in one clause ("WANT+DIE", "SELF+HARM"): the classes let a few thousand examples teach the model
about words it never saw in them. Features are hashed into 2**20 buckets with crc32 (fast, in
the standard library, and stable across processes, unlike hash()).
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from itertools import combinations, pairwise
from pathlib import Path
from zlib import crc32

from bot.listening.normalise import fold, squeeze

BITS = 20
MASK = (1 << BITS) - 1
# crc32 start values keep the kinds of feature apart in the one hashed space.
_WORD, _PAIR, _CHARS, _CLASS, _CLASSES = 0x5EED0001, 0x5EED0002, 0x5EED0003, 0x5EED0004, 0x5EED0005
_NGRAMS = (3, 4, 5)


@cache
def _classes() -> tuple[dict[str, tuple[str, ...]], tuple[tuple[str, str], ...]]:
    """(exact word -> classes, (prefix, class) pairs longest first), folded and squeezed."""
    data = json.loads((Path(__file__).with_name("data") / "concepts.json").read_text("utf-8"))
    exact: dict[str, tuple[str, ...]] = {}
    prefixes: list[tuple[str, str]] = []
    for name, words in data.items():
        if name.startswith("_"):
            continue
        for word in words:
            form = squeeze(fold(word.rstrip("*")))
            if word.endswith("*"):
                prefixes.append((form, name))
            elif name not in exact.get(form, ()):
                exact[form] = (*exact.get(form, ()), name)
    prefixes.sort(key=lambda item: -len(item[0]))
    return exact, tuple(prefixes)


def class_names() -> tuple[str, ...]:
    """Every class name, sorted."""
    exact, prefixes = _classes()
    return tuple(sorted({n for names in exact.values() for n in names} | {n for _, n in prefixes}))


@lru_cache(maxsize=50_000)  # a few hundred prefix checks per word: once per distinct word
def classes_of(word: str) -> tuple[str, ...]:
    """The classes of one squeezed word (several for words like "last" or "hit")."""
    exact, prefixes = _classes()
    found = list(exact.get(word, ()))
    for prefix, name in prefixes:
        if word.startswith(prefix) and name not in found:
            found.append(name)
    return tuple(found)


def class_feature(name: str) -> int:
    return crc32(name.encode(), _CLASS) & MASK


def classes_feature(first: str, second: str) -> int:
    """Two classes met in one clause, in a fixed order."""
    a, b = sorted((first, second))
    return crc32(f"{a}+{b}".encode(), _CLASSES) & MASK


def word_features(word: str) -> list[int]:
    """The hashed features one (squeezed, ASCII) word brings on its own: the word, its
    character n-grams and its classes."""
    found = [crc32(word.encode(), _WORD) & MASK]
    padded = f"<{word}>".encode()
    for n in _NGRAMS:
        found.extend(crc32(padded[i:i + n], _CHARS) & MASK for i in range(len(padded) - n + 1))
    found.extend(class_feature(name) for name in classes_of(word))
    return found


def pair_feature(first: str, second: str) -> int:
    """The hashed feature of two neighbouring words of one clause."""
    return crc32(f"{first} {second}".encode(), _PAIR) & MASK


def clause_classes(words: list[str]) -> list[str]:
    """The distinct classes of a clause, sorted: the pairs of these are features."""
    return sorted({name for word in words for name in classes_of(word)})


def features(clauses: tuple[str, ...]) -> list[list[int]]:
    """Per clause, every hashed feature (repeats kept: they are counts). The whole message is
    the concatenation, so its score is the sum of its clauses' scores (minus repeated biases)."""
    out: list[list[int]] = []
    for clause in clauses:
        words = clause.split()
        found: list[int] = []
        for word in words:
            found += word_features(word)
        found += [pair_feature(a, b) for a, b in pairwise(words)]
        found += [classes_feature(a, b) for a, b in combinations(clause_classes(words), 2)]
        out.append(found)
    return out
