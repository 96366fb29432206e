"""What triggers.py reads out of each phrase rule (its trigger words and the other words it
needs), kept in data/rule_index.tsv so that a start of the bot need not read it again.

Reading the ~4,800 rules of the tables took some 2.5 s of CPU at every import of bot.listening:
every start and restart of the bot, every tool. The index is only an accelerator:
- an entry's key is a hash of the rule as written and of the value of every macro it can reach
  in its group, so a new or edited rule, or one whose macro changed, finds no entry;
- the file's first line holds a fingerprint of the code that reads rules
  (phrases.reading_code); when that code changed, no entry is used at all.
A rule without an entry is read as before, so a stale index costs start-up time and never
changes a result. `python tools/make_rule_index.py` rewrites it from the current tables;
tests/listening/test_rule_index.py says when that is due.

File format: `code<TAB>fingerprint`, then one rule a line, `key<TAB>trigger words<TAB>needed
word sets`; words are separated by spaces, word sets by "|", and "-" stands for no needs.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

PATH = Path(__file__).with_name("data") / "rule_index.tsv"
_MACRO = re.compile(r"\{[A-Z0-9_]+\}")  # as in phrases.py

Needs = tuple[frozenset[str], ...]
Reading = tuple[frozenset[str], Needs | None]


class Keys:
    """The index keys of rules that share one set of macros (a table, or a language of it)."""

    def __init__(self, macros: Mapping[str, str]) -> None:
        self._macros = macros
        self._inner: dict[str, tuple[str, ...]] = {}  # macro name -> names its value uses

    def key(self, source: str) -> str:
        hasher = hashlib.blake2b(source.encode(), digest_size=12)
        for name in sorted(self._reached(_MACRO.findall(source))):
            value = self._macros.get(name[1:-1])
            hasher.update(b"\0%s\1%s" % (name.encode(), b"\2" if value is None else value.encode()))
        return hasher.hexdigest()

    def _reached(self, names: Iterable[str]) -> set[str]:
        """Every macro name the expansion can meet (a superset of those it does meet)."""
        seen: set[str] = set()
        todo = list(names)
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            inner = self._inner.get(name)
            if inner is None:
                value = self._macros.get(name[1:-1])
                inner = self._inner[name] = tuple(_MACRO.findall(value)) if value else ()
            todo.extend(inner)
        return seen


def entries(code: str) -> dict[str, Reading]:
    """The stored entries, key -> (trigger words, needs), if they were written by code with this
    fingerprint; otherwise (or without an index, or a fingerprint) none."""
    if not code:
        return {}
    try:
        written, found = parse(PATH.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return found if written == code else {}


def parse(text: str) -> tuple[str, dict[str, Reading]]:
    """The code fingerprint and the entries of an index file's text."""
    lines = text.splitlines()
    head, _, code = lines[0].partition("\t") if lines else ("", "", "")
    if head != "code":
        raise ValueError("not a rule index")
    found: dict[str, Reading] = {}
    for line in lines[1:]:
        key, triggers, needs = line.split("\t")
        found[key] = (frozenset(triggers.split()), None if needs == "-" else tuple(
            frozenset(words.split()) for words in needs.split("|")))
    return code, found


def text(code: str, readings: Mapping[str, Reading]) -> str:
    """An index file's text (entries sorted by key, so that a rewrite changes few lines)."""
    lines = [f"code\t{code}"]
    for key in sorted(readings):
        triggers, needs = readings[key]
        lines.append("\t".join([key, " ".join(sorted(triggers)), "-" if needs is None else "|".join(
            " ".join(sorted(words)) for words in needs)]))
    return "".join(f"{line}\n" for line in lines)
