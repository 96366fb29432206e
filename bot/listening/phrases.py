"""Turns the JSON phrase tables in bot/listening/data/ into compiled patterns, once per process.

Table syntax (kept small so the tables stay readable to non-programmers):
- ordinary regular expressions over `Normalised.squeezed`, with no backslashes; word edges are
  added here, and every pattern is squeezed like the text ("kill" is written normally);
- `{NAME}` expands a macro from the table's "macros" (or the shared ones below);
- `~` between two words is a gap of up to three words that are neither negations nor a new
  subject ("i ~ want to die" matches "i really just want to die" but not "i do not want to die");
- `$` is the end of a clause, `^` its start; `{W}` is one word, `{B}` a word edge, `{ANY}` up to
  eight words of any kind (for two halves of one clause: "on the roof ... want to jump").

A pattern never spans two clauses: the text joins them with " | " and no pattern can match "|".
"""

from __future__ import annotations

import hashlib
import inspect
import json
import re
import time
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path

from bot.listening import ruleindex
from bot.listening.normalise import squeeze, strip_accents
from bot.listening.triggers import STOPWORDS, required_words, trigger_words

__all__ = ["NEGATORS", "STOPWORDS", "Rule", "RuleSet", "expand", "load", "matches", "negated",
           "required_words", "squeeze", "trigger_words", "words_before"]

DATA_DIR = Path(__file__).with_name("data")

# Words a gap may never swallow: a negation flips the meaning, a pronoun starts a new subject.
NEGATORS = ("not|never|no|nothing|nobody|cannot|nunca|jamas|nao|nicht|nie|niemals|kein|keine|pas|"
            "jamais|non|mai|niet|nooit|geen|almost|nearly|hardly|barely|"
            "ned|nod|nit")  # Austrian/Bavarian "ned", Swiss "nöd"/"nit": "i bin ned suizidal"
SUBJECTS = "i|he|she|they|we|you|him|her|them|exname|it"
_GAP = rf"(?: (?!(?:{squeeze(NEGATORS)}|{SUBJECTS})(?![a-z0-9]))[a-z0-9]+){{0,3}}"
_CODE_MACROS = {
    "{ANY}": "(?: [a-z0-9]+){0,8}?",
    "{W}": "[a-z0-9]+",
    "{B}": "(?![a-z0-9])",
}
_MACRO = re.compile(r"\{[A-Z0-9_]+\}")
_BRACKETS = re.compile(r"[()]")


def load(name: str) -> dict[str, object]:
    """The parsed JSON table `data/<name>.json`."""
    data: dict[str, object] = json.loads((DATA_DIR / f"{name}.json").read_text("utf-8"))
    return data


def expand(source: str, macros: Mapping[str, str]) -> str:
    """A table pattern as a regular expression over squeezed text."""
    if "\\" in source:
        raise ValueError(f"phrase patterns may not use backslashes: {source!r}")
    return _expanded(_pre_code(source, macros))


def _expanded(source: str) -> str:
    """`expand` of a pattern whose table macros are expanded already (`_pre_code`)."""
    if any(name not in _CODE_MACROS for name in _MACRO.findall(source)):
        raise ValueError(f"unknown macro in {source!r}")
    source = source.replace("$", "(?= \\||$)").replace("^", "(?:^|(?<=\\| ))")
    for name, regex in _CODE_MACROS.items():
        source = source.replace(name, regex)
    source = source.replace(" ~ ", _GAP + " ")
    if "~" in source:
        raise ValueError(f"a gap '~' needs a space on each side: {source!r}")
    return _attach_optional_spaces(source)


def _attach_optional_spaces(source: str) -> str:
    """'wrote (a|my)? ~ goodbye' -> 'wrote(?: (a|my))? ~ goodbye': the space before an optional
    group belongs to it, or the text would need two spaces when the group is absent. Groups
    written with their own trailing space ('my (own )?life') are already right."""
    while (found := _first_loose_optional(source)) is not None:
        start, end = found
        source = source[:start - 1] + "(?: " + source[start:end + 1] + ")" + source[end + 1:]
    return source


def _first_loose_optional(source: str) -> tuple[int, int] | None:
    opened: list[int] = []
    for found in _BRACKETS.finditer(source):
        index, char = found.start(), found[0]
        if char == "(":
            opened.append(index)
        elif opened:
            start = opened.pop()
            if (source[index + 1:index + 2] == "?" and start > 0 and source[start - 1] == " "
                    and source[start + 1:start + 2] != "?" and source[index - 1] != " "):
                return start, index
    return None


# What a rule needs besides its trigger words: word sets a match must meet, one word of each
# (triggers.required_words), or None when its trigger words say all it needs. Kept for the
# rules of one alternative only (nearly all of them): a message holding a trigger word of
# "{EXA} ~ got angry" but no word for the ex skips it without running its regex.
Needs = ruleindex.Needs


def _needs(pre_coded: str, triggers: frozenset[str]) -> Needs | None:
    """`Rule.needs` for a pattern: its one alternative's word sets but the trigger words (the
    best of them, by which it was found)."""
    needs = required_words(pre_coded)
    if needs is None or len(needs) != 1:
        return None
    return tuple(words for words in needs[0] if words != triggers) or None


def read(source: str, macros: Mapping[str, str]) -> tuple[str, ruleindex.Reading]:
    """A table pattern's regular expression (held to word edges), its trigger words and its
    needs: what a Rule is made of."""
    if "\\" in source:
        raise ValueError(f"phrase patterns may not use backslashes: {source!r}")
    pre_coded = _pre_code(source, macros)
    return whole_words(_expanded(pre_coded)), _reading(pre_coded)


def _reading(pre_coded: str) -> ruleindex.Reading:
    found = trigger_words(pre_coded)
    return found, _needs(pre_coded, found)


@cache
def reading_code() -> str:
    """A fingerprint of the code that gives a rule its reading (trigger words and needs) from
    its source and macros, for the rule index; empty when that code cannot be read. Only that
    code: a change elsewhere here (the matching at run time, the negations, the gap) leaves the
    index valid. tests/listening/test_rule_index.py reads every rule afresh, as a net."""
    try:
        parts = [inspect.getsource(f) for f in (_pre_code, _reading, _needs)]
        parts += [Path(__file__).with_name(name).read_text("utf-8")
                  for name in ("triggers.py", "normalise.py")]
    except (OSError, TypeError):
        return ""
    parts += [_MACRO.pattern, unicodedata.unidata_version]
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=12).hexdigest()


@cache
def _index() -> dict[str, ruleindex.Reading]:
    return ruleindex.entries(reading_code())


class Rule:
    """One table pattern, compiled alone (on first use), with the label of the list it came from.

    Compiling every table pattern at import took over a second (some 2,000 expanded patterns)
    of every import of bot.listening: tools, tests and the console that never read most of
    them. The running bot compiles them after start-up (`compile_some()`, bot/app.py). A rule
    whose reading came from the rule index is expanded when it is compiled. Two threads
    compiling the same rule at once is harmless: both get an equal pattern and one is kept."""

    __slots__ = ("_pattern", "_regex", "label", "macros", "needs", "source", "triggers")

    def __init__(self, label: str, source: str, macros: Mapping[str, str],
                 reading: ruleindex.Reading, regex: str | None = None) -> None:
        self.label = label
        self.source = source
        self.macros = macros  # its group's, shared
        self.triggers, self.needs = reading
        self._regex = regex
        self._pattern: re.Pattern[str] | None = None

    @property
    def pattern(self) -> re.Pattern[str]:
        found = self._pattern
        if found is None:
            regex = self._regex or whole_words(expand(self.source, self.macros))
            found = self._pattern = re.compile(regex)
            self._regex = None  # the pattern holds it
        return found

    @property
    def compiled(self) -> bool:
        return self._pattern is not None

    def __repr__(self) -> str:
        return f"Rule({self.label!r}, {self.source!r})"


_SETS: list[RuleSet] = []  # every rule set built, for compile_all()


def compile_all() -> None:
    """Compiles every rule not compiled yet (several seconds of CPU: bot/app.py warm_patterns)."""
    while not compile_some(60.0):
        pass


def compile_some(seconds: float) -> bool:
    """Compiles rules not compiled yet for about `seconds`; True once none is left. The running
    bot calls it in short slices between turns after it is ready (bot/app.py), so a restart
    does not keep every chat waiting while some 3,000 patterns compile, and a turn never
    waits behind more than one slice; a rule a turn needs sooner compiles on that first use."""
    deadline = time.perf_counter() + seconds
    for rule_set in tuple(_SETS):
        for rule in rule_set.rules:
            if not rule.compiled:
                rule.pattern  # noqa: B018  (the property compiles and keeps it)
                if time.perf_counter() >= deadline:
                    return False
    return True


def every_rule(sets: Sequence[RuleSet] | None = None
               ) -> Iterator[tuple[list[Rule], ruleindex.Keys]]:
    """Every rule of these rule sets (by default every one built so far), by the macros they
    share, with their index keys (for the rule index and its tests)."""
    groups: dict[int, list[Rule]] = {}
    for rule_set in tuple(_SETS if sets is None else sets):
        for rule in rule_set.rules:
            groups.setdefault(id(rule.macros), []).append(rule)
    for rules in groups.values():
        yield rules, ruleindex.Keys(rules[0].macros)


class RuleSet:
    """Many patterns; per message, only those whose trigger words occur in it are tried."""

    def __init__(self, groups: Mapping[str, Sequence[str]], macros: Mapping[str, str],
                 group_macros: Mapping[str, Mapping[str, str]] | None = None) -> None:
        """`group_macros` adds one lexicon per group (a language's word families) to `macros`."""
        rules: list[Rule] = []
        known = _index()
        for label, sources in groups.items():
            own = {**macros, **(group_macros or {}).get(label, {})}
            keys = ruleindex.Keys(own)
            for source in sources:
                reading = known.get(keys.key(source)) if known else None
                if reading is None:  # not in the index (or no index): read it now
                    regex, reading = read(source, own)
                    rules.append(Rule(label, source, own, reading, regex))
                else:
                    rules.append(Rule(label, source, own, reading))
        self.rules = tuple(rules)
        self._keys = frozenset(word for rule in self.rules for word in rule.triggers)
        self._always = any(not rule.triggers for rule in self.rules)
        self._sieve = _Sieve(self.rules)
        _SETS.append(self)

    def allowed(self, tokens: frozenset[str]) -> list[int]:
        """The numbers of the rules whose words a message with these (squeezed) words holds (a
        trigger word and one word of every set it needs), in table order: the only ones that
        can match it."""
        return self._sieve.passing(tokens)

    def search(self, text: str, tokens: frozenset[str] | None, exclusions: RuleSet | None = None,
               overrides: RuleSet | None = None) -> Iterator[tuple[Rule, re.Match[str]]]:
        """(rule, match) for every match that no figure of speech covers; `tokens=None` tries
        every rule (the slow path the tests compare against)."""
        if tokens is not None and not self._always and tokens.isdisjoint(self._keys):
            return  # the common case: no trigger word at all, decided in C
        numbers = range(len(self.rules)) if tokens is None else self._sieve.passing(tokens)
        rules = self.rules
        for number in numbers:
            pattern = rules[number].pattern
            # Most candidates do not match: one search, without starting `matches`' generator
            found = pattern.search(text)
            if found is None:
                continue
            if exclusions is None:
                while found is not None:
                    yield rules[number], found
                    found = pattern.search(text, found.start() + 1)
                continue
            for found in matches(pattern, text, exclusions, overrides):
                yield rules[number], found

    def first(self, text: str, tokens: frozenset[str] | None = None) -> re.Match[str] | None:
        """The first match of any rule, without exclusions (for exclusion and override lists)."""
        for _, found in self.search(text, tokens):
            return found
        return None


class _Sieve:
    """Which rules of a set a message's words allow, all rules at once in a few integer
    operations instead of one set test per rule (that loop was most of the tables' cost: some 60
    candidates a message, 55 of them turned away by a missing word).

    A rule needs one word of each of its word sets: its trigger words and `needs`. Each set is one
    bit of a row of bits per rule, followed by one guard bit that is always 0. A message sets the
    bits of every word set it holds a word of (the OR of its words' masks); adding 1 at the start
    of every row then carries into a row's guard bit exactly when all the row's bits are set, and
    the carry stops there. A rule with no word sets is a bare guard: the 1 added lands on it."""

    __slots__ = ("_guards", "_masks", "_rule_at", "_starts", "_words")

    def __init__(self, rules: Sequence[Rule]) -> None:
        masks: dict[str, int] = {}
        starts = guards = 0
        rule_at: dict[int, int] = {}
        bit = 0
        for number, rule in enumerate(rules):
            sets = list(rule.needs or ())
            if rule.triggers and rule.triggers not in sets:
                sets.append(rule.triggers)
            starts |= 1 << bit
            for offset, words in enumerate(sets):
                for word in words:
                    masks[word] = masks.get(word, 0) | 1 << (bit + offset)
            bit += len(sets)
            guards |= 1 << bit
            rule_at[bit] = number
            bit += 1
        self._masks = masks
        self._words = frozenset(masks)
        self._starts = starts
        self._guards = guards
        self._rule_at = rule_at

    def passing(self, tokens: frozenset[str]) -> list[int]:
        """The numbers of the rules whose every word set meets `tokens`, in table order."""
        held = 0
        masks = self._masks
        for word in tokens & self._words:  # a C-level intersection, over the smaller set
            held |= masks[word]
        passed = (held + self._starts) & self._guards
        out: list[int] = []
        rule_at = self._rule_at
        while passed:
            lowest = passed & -passed
            out.append(rule_at[lowest.bit_length() - 1])
            passed ^= lowest
        return out


_EDGES = "(?<![a-z0-9])(?:{})(?![a-z0-9])"


def whole_words(regex: str) -> str:
    """An expanded pattern held to word edges, as every rule of a table is."""
    return _EDGES.format(regex)


def _pre_code(source: str, macros: Mapping[str, str]) -> str:
    """The pattern with table macros expanded and squeezed, code macros still as names."""
    for _ in range(8):
        if not _MACRO.search(source):
            break
        source = _MACRO.sub(lambda m: macros.get(m[0][1:-1], m[0]), source)
    return squeeze(strip_accents(source))


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the clause holding text[start:end] begins and ends."""
    left = text.rfind("|", 0, start) + 1
    right = text.find("|", end)
    return left, len(text) if right < 0 else right


def words_before(text: str, start: int, count: int) -> list[str]:
    """Up to `count` words right before `start`, in the same clause, nearest last."""
    left = text.rfind("|", 0, start) + 1
    return text[left:start].split()[-count:]


def matches(
    pattern: re.Pattern[str],
    text: str,
    exclusions: RuleSet | None = None,
    overrides: RuleSet | None = None,
) -> Iterator[re.Match[str]]:
    """Every match of `pattern`, overlapping ones included, except those a figure of speech in
    the same clause covers. An exclusion only hides the words it overlaps, never the message, and
    never in a clause that also holds an override ("on purpose", "relapsed"...)."""
    pos = 0
    while (found := pattern.search(text, pos)) is not None:
        pos = found.start() + 1
        if exclusions is not None and _excluded(found, text, exclusions, overrides):
            continue
        yield found


def _excluded(
    found: re.Match[str], text: str, exclusions: RuleSet, overrides: RuleSet | None
) -> bool:
    left, right = clause_bounds(text, found.start(), found.end())
    clause = text[left:right]
    # Without the spaces around " | ", so that an exclusion's "^" and "$" hold in every clause
    # of the message, not only in its first and last.
    left += len(clause) - len(clause.lstrip())
    clause = clause.strip()
    tokens = frozenset(clause.split())
    if overrides is not None and overrides.first(clause, tokens) is not None:
        return False
    start, end = found.start() - left, found.end() - left
    for _, cover in exclusions.search(clause, tokens):
        if cover.start() < end and cover.end() > start:
            return True
    return False


@cache
def negation_words() -> frozenset[str]:
    """The negations as a set, for the "is this match negated?" check."""
    return frozenset(squeeze(NEGATORS).split("|"))


def negated(text: str, start: int, fillers: frozenset[str]) -> bool:
    """True when a negation sits right before `start`, skipping only filler words
    ("not going to", "would never", "do not really")."""
    for word in reversed(words_before(text, start, 4)):
        if word in negation_words():
            return True
        if word not in fillers:
            return False
    return False
