"""The learned backstop: a small linear model that hears what the phrase tables were never
written for ("nobody would notice if i stopped showing up to life", "he put an airtag in my
bag", "i reacted to his story"), added beside the patterns by OR in heard.py.

One logistic regression per family (crisis_any, crisis_clear among crisis, abuse, contact_out,
contact_in, urge) plus one per language, over hashed features of the normalised text (words,
word pairs, character 3-5-grams, word classes: see features.py). A message is scored
whole and clause by clause, and the best score counts, so one clause of crisis inside a long
message about the day still scores high. Trained by tools/train_listening.py (scikit-learn, at
development time only); the weights live in data/model.bin.

Inference is written by hand on purpose: a dot product over the few hundred features of one
message is a dozen dictionary lookups per word, and does not justify numpy or scikit-learn as
runtime dependencies. features.py is THE featuriser: training imports it, so the hashing is the
same on both sides (tests/listening/test_model.py checks the scores against scikit-learn's).
"""

from __future__ import annotations

import json
import math
import struct
import sys
from array import array
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import combinations, islice, pairwise
from operator import add
from typing import Literal

from bot.listening import features as feats
from bot.listening.normalise import Normalised, squeeze

_MAGIC = b"CCLM1\n"
_CACHE_LIMIT = 50_000


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity: _class_pairs caches on it
class Model:
    """Heads (names), their biases, weight rows by hashed feature, and the firing thresholds."""

    heads: tuple[str, ...]
    bias: tuple[float, ...]
    weights: Mapping[int, tuple[float, ...]]
    thresholds: dict[str, float]
    meta: dict[str, object]


def decode(blob: bytes) -> Model:
    """data/model.bin: magic, header length, JSON header, then n uint32 keys and n x heads
    float32 weights (row-major)."""
    if not blob.startswith(_MAGIC):
        raise ValueError("not a listening model file")
    (size,) = struct.unpack_from("<I", blob, len(_MAGIC))
    start = len(_MAGIC) + 4
    header = json.loads(blob[start:start + size])
    count, width = header["count"], len(header["heads"])
    keys = array("I")
    keys.frombytes(blob[start + size:start + size + 4 * count])
    values = array("f")
    values.frombytes(blob[start + size + 4 * count:start + size + 4 * count * (1 + width)])
    if sys.byteorder == "big":  # the file is little-endian
        keys.byteswap()
        values.byteswap()
    return Model(tuple(header["heads"]), tuple(header["bias"]), Weights(keys, values, width),
                 header["thresholds"], header.get("meta", {}))


class Weights(Mapping[int, tuple[float, ...]]):
    """Weight rows by hashed feature, kept as the file's float32 array and an index into it; a
    row becomes a tuple only when a word asks for it. (A dict of tuples of Python floats took
    56 MB of every bot process for the 75,000 features of the round-5 model; this takes 8.)"""

    __slots__ = ("_index", "_values", "_width")

    def __init__(self, keys: array[int], values: array[float], width: int) -> None:
        self._index = {key: i * width for i, key in enumerate(keys)}
        self._values = values
        self._width = width

    def __getitem__(self, key: int) -> tuple[float, ...]:
        start = self._index[key]
        return tuple(self._values[start:start + self._width])

    def get(self, key: int, default: tuple[float, ...] | None = None  # type: ignore[override]
            ) -> tuple[float, ...] | None:
        start = self._index.get(key)
        if start is None:
            return default
        return tuple(self._values[start:start + self._width])

    def __iter__(self) -> Iterator[int]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)


def encode(model: Model) -> bytes:
    """The inverse of `decode` (used by the training script)."""
    keys = array("I", model.weights)
    values = array("f", [w for key in keys for w in model.weights[key]])
    if sys.byteorder == "big":
        keys.byteswap()
        values.byteswap()
    header = json.dumps({"heads": model.heads, "bias": model.bias, "count": len(keys),
                         "thresholds": model.thresholds, "meta": model.meta}).encode()
    return _MAGIC + struct.pack("<I", len(header)) + header + keys.tobytes() + values.tobytes()


@cache
def model() -> Model:
    """The shipped model, read once (lazily: the first message pays ~30 ms, no later one)."""
    blob = resources.files("bot.listening").joinpath("data/model.bin").read_bytes()
    return decode(blob)


_Row = tuple[float, ...]
_WORDS: dict[str, tuple[_Row | None, tuple[str, ...]]] = {}


def _word(word: str, weights: Mapping[int, _Row]) -> tuple[_Row | None, tuple[str, ...]]:
    """One word's summed weights and its classes; cached, since words repeat across messages."""
    cached = _WORDS.get(word)
    if cached is None:
        cached = _word_row(word, weights)
        if len(_WORDS) > _CACHE_LIMIT:
            _WORDS.clear()
        _WORDS[word] = cached
    return cached


def _word_row(word: str, weights: Mapping[int, _Row]) -> tuple[_Row | None, tuple[str, ...]]:
    rows = [row for f in feats.word_features(word) if (row := weights.get(f)) is not None]
    vector = tuple(map(math.fsum, zip(*rows, strict=True))) if rows else None
    return vector, feats.classes_of(word)


_PAIRS: dict[tuple[str, str], _Row | None] = {}


def _pair(first: str, second: str, weights: Mapping[int, _Row]) -> _Row | None:
    """The weight row of two neighbouring words, or None; cached as words are (a pair's hash
    and row cost more than the dictionary look-up that finds them again)."""
    key = (first, second)
    try:
        return _PAIRS[key]
    except KeyError:
        row = _PAIRS[key] = _pair_row(first, second, weights)
        if len(_PAIRS) > _CACHE_LIMIT:
            _PAIRS.clear()
            _PAIRS[key] = row
        return row


def _pair_row(first: str, second: str, weights: Mapping[int, _Row]) -> _Row | None:
    return weights.get(feats.pair_feature(first, second))


@cache
def _class_pairs(use: Model) -> dict[tuple[str, str], _Row]:
    """The weight row of every pair of classes that has one (a few hundred at most)."""
    found = {}
    for a, b in combinations(feats.class_names(), 2):
        row = use.weights.get(feats.classes_feature(a, b))
        if row is not None:
            found[(a, b)] = row
    return found


@dataclass(frozen=True, slots=True)
class Scores:
    """Per head, the logit of the whole message and the best logit (whole or one clause), and
    each clause's summed weights (without the bias), kept so that `best_clause` need not score
    the message again."""

    heads: tuple[str, ...]
    whole: tuple[float, ...]
    best: tuple[float, ...]
    clauses: tuple[tuple[str, list[float]], ...] = ()

    def probability(self, head: str) -> float:
        """The best probability for one head."""
        return _sigmoid(self.best[self.heads.index(head)])

    def language(self) -> str:
        """The language the lang_* heads find most likely for the whole message."""
        whole = self.whole
        langs = [(whole[at], name) for at, name in _languages(tuple(self.heads))]
        return max(langs)[1] if langs else "en"


@cache
def _languages(heads: tuple[str, ...]) -> tuple[tuple[int, str], ...]:
    """(index, language) of a model's lang_* heads."""
    return tuple((at, head[5:]) for at, head in enumerate(heads) if head.startswith("lang_"))


_MISSING: tuple[float, ...] = ()  # a pair not in the cache yet (None: a pair with no row)


def _clause_sums(norm: Normalised, use: Model, width: int) -> list[list[float]]:
    """Per clause, the summed weights (without the bias) of the first `width` heads. The rows
    are added in one fixed order (words, word pairs, class pairs), so every sum is the same to
    the last bit, whichever `width` is asked for (a column is summed alone)."""
    weights, pairs = use.weights, _class_pairs(use)
    # The caches hold the shipped model's rows; another model (the tests') is read directly.
    shipped = use is model()
    word_row = _word if shipped else _word_row
    pair_row = _pair if shipped else _pair_row
    cached_words = _WORDS if shipped else {}
    cached_pairs = _PAIRS if shipped else {}
    out: list[list[float]] = []
    for clause in norm.clauses:
        words = clause.split()
        rows: list[_Row] = []
        names: set[str] = set()
        for word in words:
            # the caches read inline: most words and pairs of a message were seen before
            found = cached_words.get(word)
            vector, classes = found if found is not None else word_row(word, weights)
            if vector is not None:
                rows.append(vector)
            if classes:
                names.update(classes)
        for key in pairwise(words):
            row = cached_pairs.get(key, _MISSING)
            if row is _MISSING:
                row = pair_row(key[0], key[1], weights)
            if row:
                rows.append(row)
        if len(names) > 1:
            rows += [row for key in combinations(sorted(names), 2) if (row := pairs.get(key))]
        # A clause with no known feature still counts (its logit is the bias), as in training.
        # zip yields one column at a time: the columns past `width` are never summed
        out.append(list(map(sum, islice(zip(*rows, strict=True), width))) if rows else [0.0] * width)
    return out


def score(norm: Normalised, use: Model | None = None) -> Scores:
    """Every head's logit for one message: the whole message's, and the best of it and each
    clause's."""
    use = use or model()
    return _score(norm, use, len(use.heads))


def _score(norm: Normalised, use: Model, width: int) -> Scores:
    """`score` for the first `width` heads only."""
    heads, bias = use.heads[:width], use.bias[:width]
    clauses = _clause_sums(norm, use, width)
    if not clauses:
        return Scores(heads, bias, bias)
    if len(clauses) == 1:
        # One clause (most messages): the whole message is that clause, and so is the best
        # (a sum never ends on -0.0, so bias + sum((s,)) is bias + s to the last bit).
        whole = tuple(map(add, bias, clauses[0]))
        return Scores(heads, whole, whole, ((norm.clauses[0], clauses[0]),))
    columns = list(zip(*clauses, strict=True))
    whole = tuple([b + sum(column) for b, column in zip(bias, columns, strict=True)])
    best = tuple([max(w, b + max(column))
                  for w, b, column in zip(whole, bias, columns, strict=True)])
    return Scores(heads, whole, best, tuple(zip(norm.clauses, clauses, strict=True)))


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


# Words by which a message speaks about oneself, in the seven languages (squeezed, like the
# text). A clear crisis from the backstop alone needs one: "he wants to die" is not the user.
SELF_WORDS = frozenset(("i", "im", "me", "my", "myself", "mine", "yo", "mi", "conmigo", "eu",
                        "meu", "minha", "comigo", "ich", "mich", "mir", "mein", "meine", "je",
                        "j", "moi", "mon", "ma", "io", "mio", "ik", "mij", "mijn", "mezelf"))


def best_clause(scores: Scores, head: str) -> str:
    """The clause that scores highest on one head (for the finding's `words`), from a
    message's scores."""
    k = scores.heads.index(head)
    return max(scores.clauses, key=lambda pair: pair[1][k], default=("", []))[0]


@dataclass(frozen=True, slots=True)
class Heard:
    """What the backstop hears above its thresholds, for the families the patterns missed.
    `scores` holds the family heads only; `language` scores the language heads when asked
    (only a finding the backstop adds needs it: most messages never do)."""

    crisis: Literal["clear", "possible"] | None
    abuse: bool
    contact_out: bool
    contact_in: bool
    urge: bool
    scores: Scores
    norm: Normalised
    model: Model

    @property
    def language(self) -> str:
        """The language the lang_* heads find most likely for the whole message."""
        return score(self.norm, self.model).language()


def hear(norm: Normalised, use: Model | None = None) -> Heard:
    """The backstop's findings at the shipped thresholds (logits chosen by the training script).

    Crisis from the backstop is "possible" (a kind question with buttons); "clear" (the crisis
    reply at once) only when it is far more confident than anything it saw outside crisis, the
    clear-vs-possible head agrees and the message speaks about oneself."""
    use = use or model()
    found = _score(norm, use, _family_width(use.heads))
    limits = use.thresholds
    top = dict(zip(found.heads, found.best, strict=True))
    tier: Literal["clear", "possible"] | None = None
    if top["crisis"] >= limits["crisis"]:
        tier = "possible"
        if (top["crisis"] >= limits["crisis_clear_floor"] and top["crisis_clear"] >= 0.0
                and not SELF_WORDS.isdisjoint(norm.tokens)):
            tier = "clear"
    return Heard(tier, top["abuse"] >= limits["abuse"],
                 top["contact_out"] >= limits["contact_out"],
                 top["contact_in"] >= limits["contact_in"], top["urge"] >= limits["urge"],
                 found, norm, use)


@cache
def _family_width(heads: tuple[str, ...]) -> int:
    """How many heads come before the first lang_* head (the families: the training script
    writes them first)."""
    return next((at for at, head in enumerate(heads) if head.startswith("lang_")), len(heads))


@cache
def _hypothetical() -> tuple[str, ...]:
    """The contact table's words that make an event a wish, a dream or a question ("if",
    "dreamt", "almost", "should"...), read from data/contact.json, never edited here."""
    data = json.loads(resources.files("bot.listening").joinpath("data/contact.json").read_text())
    return tuple(f" {squeeze(word)} " for word in data["hypothetical"])


def hypothetical(clause: str) -> bool:
    """True when a clause holds one of those words: a contact the backstop hears there is not
    an event ("i dreamt that i texted him"), the same rule the phrase tables follow."""
    padded = f" {clause} "
    return any(word in padded for word in _hypothetical())
