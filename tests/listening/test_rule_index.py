"""The rule index (bot/listening/ruleindex.py) only ever spares start-up the reading of a rule:
every rule of the tables, read afresh, reads as the rule the detectors were built with."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import bot.listening  # noqa: F401  (builds every rule set of the tables)
from bot.listening import phrases, ruleindex

# A rule missing from the index is read at every start (some 0.5 ms of CPU each). Past this
# share the test fails and asks for the index to be written again (the reading code changed, or
# the tables were rewritten); below it (a branch's new rules, an edited macro) it only warns,
# and the lead rewrites the index after merging.
MAX_STALE = 0.5


TABLES = tuple(phrases._SETS)  # the tables' rule sets, before any test builds one of its own


def table_rules() -> list[tuple[phrases.Rule, ruleindex.Keys]]:
    return [(rule, keys) for rules, keys in phrases.every_rule(TABLES) for rule in rules]


def test_every_rule_reads_as_it_was_built() -> None:
    """Whether its reading came from the index or not, a rule's trigger words and needs are
    what reading it now gives, and its pattern is its expansion."""
    rules = table_rules()
    assert len(rules) > 1000
    for rule, _ in rules:
        _, reading = phrases.read(rule.source, rule.macros)
        assert (rule.triggers, rule.needs) == reading, rule
    some = rules[::97]
    for rule, _ in some:
        assert rule.pattern.pattern == phrases.read(rule.source, rule.macros)[0], rule


def test_the_index_holds_the_tables_rules() -> None:
    known = ruleindex.entries(phrases.reading_code())
    rules = table_rules()
    missing = [rule for rule, keys in rules if keys.key(rule.source) not in known]
    if not missing:
        return
    message = (f"{len(missing)} of {len(rules)} rules are not in {ruleindex.PATH.name} (first: "
               f"{missing[0]!r}); every start of the bot reads them again: run "
               ".venv/bin/python tools/make_rule_index.py and commit the file")
    assert len(missing) <= MAX_STALE * len(rules), message
    warnings.warn(message, stacklevel=1)


def test_an_entry_reads_back_as_written() -> None:
    readings: list[ruleindex.Reading] = [
        (frozenset({"die", "dead"}), None),
        (frozenset(), None),
        (frozenset({"angry"}), (frozenset({"he", "she"}), frozenset({"got", "gets"}))),
    ]
    written = {f"k{n}": reading for n, reading in enumerate(readings)}
    assert ruleindex.parse(ruleindex.text("abc", written)) == ("abc", written)


def test_an_index_written_by_other_code_is_not_used(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert phrases.reading_code()
    rules = {"k": (frozenset({"die"}), None)}
    monkeypatch.setattr(ruleindex, "PATH", tmp_path / "index.tsv")
    ruleindex.PATH.write_text(ruleindex.text(phrases.reading_code(), rules), "utf-8")
    assert ruleindex.entries(phrases.reading_code()) == rules
    ruleindex.PATH.write_text(ruleindex.text("other", rules), "utf-8")
    assert ruleindex.entries(phrases.reading_code()) == {}
    assert ruleindex.entries("") == {}


def test_the_key_changes_with_the_rule_and_every_macro_it_reaches() -> None:
    macros = {"EX": "(him|her|{NICK})", "NICK": "exname", "OTHER": "x"}
    key = ruleindex.Keys(macros).key("text {EX} ~ again")
    assert ruleindex.Keys(dict(macros)).key("text {EX} ~ again") == key
    assert ruleindex.Keys(macros).key("text {EX} again") != key
    assert ruleindex.Keys({**macros, "NICK": "the ex"}).key("text {EX} ~ again") != key
    assert ruleindex.Keys({**macros, "EX": "him"}).key("text {EX} ~ again") != key
    assert ruleindex.Keys({**macros, "OTHER": "y"}).key("text {EX} ~ again") == key
    without = {k: v for k, v in macros.items() if k != "NICK"}
    assert ruleindex.Keys(without).key("text {EX} ~ again") != key  # a macro gone is a change


def test_a_rule_missing_from_the_index_is_read_when_built() -> None:
    rules = phrases.RuleSet({"x": ["(he|she) ~ got furious at the index"]}, {})
    (rule,) = rules.rules
    assert rule.triggers == frozenset({"furious"})
    assert rule.needs == phrases.read(rule.source, {})[1][1]
    assert [r.source for r, _ in rules.search("she realy got furious at the index", frozenset(
        {"she", "realy", "got", "furious", "at", "the", "index"}))] == [rule.source]
