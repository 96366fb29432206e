"""The phrase-table compiler: its mini syntax, and its refusal of ambiguous input."""

import re

import pytest

from bot.listening import phrases


def test_gap_never_swallows_a_negation_or_a_new_subject() -> None:
    rule = re.compile(phrases._EDGES.format(phrases.expand("i ~ want to die", {})))
    assert rule.search("i realy just want to die")
    assert not rule.search("i do not want to die")
    assert not rule.search("i said he want to die")


def test_optional_group_before_a_gap_needs_no_double_space() -> None:
    rule = re.compile(phrases._EDGES.format(phrases.expand("wrote (a|my)? ~ note", {})))
    for text in ("wrote note", "wrote a note", "wrote a long note"):
        assert rule.search(text), text


def test_clause_edges() -> None:
    rule = re.compile(phrases._EDGES.format(phrases.expand("end it$", {})))
    assert rule.search("i want to end it | ok") and not rule.search("end it with him")


def test_backslashes_and_unknown_macros_are_refused() -> None:
    with pytest.raises(ValueError):
        phrases.expand(r"\bdie", {})
    with pytest.raises(ValueError):
        phrases.expand("{NOPE} die", {})


def test_triggers_come_from_one_required_item() -> None:
    found = phrases.trigger_words("(i am|im) (just )?(so )?done with (life|living)")
    assert found in ({"done"}, {"life", "living"})
    assert phrases.trigger_words("(just )?(so )?tired") == {"tired"}


def test_triggers_are_safe_with_glued_words_nested_groups_and_stopwords() -> None:
    assert phrases.trigger_words("saying (my )?goodbyes?( to everyone)?$") == {"saying"}
    assert phrases.trigger_words("cutting( myself| again)?( since|$)") == {"cutting"}
    assert phrases.trigger_words("sent a (text|dm) to (him|her)") == {"sent"}
    # "see" squeezes to "se", a stopword: whatever set is chosen, this message must hold one
    rule = phrases.squeeze("(can|do) (you|u) (see|read) (my|the)")
    assert phrases.trigger_words(rule) & {"can", "you", "se", "my", "mesages"}



def test_required_words_hold_every_required_item_and_skip_glued_groups() -> None:
    """Every required item is a set the rule needs (a rule is skipped without its regex when
    one is missing), and a group that runs into another ("doods" + "bang") or may occur zero
    times gives none."""
    def needs(source: str) -> list[set[frozenset[str]]] | None:
        found = phrases.required_words(source)
        return None if found is None else [set(alternative) for alternative in found]

    assert needs("he (got|gets) (angry|mad) at me") == [{
        frozenset({"he"}), frozenset({"got", "gets"}), frozenset({"angry", "mad"}),
        frozenset({"at"}), frozenset({"me"})}]
    assert needs("ik ben (zo |doods)?(bang|angstig) (voor hem|voor haar)") == [{
        frozenset({"ik"}), frozenset({"ben"}), frozenset({"voor"})}]
    assert needs("sent( {W}){0,4} (him|her)") == [{frozenset({"sent"}), frozenset({"him", "her"})}]
    assert needs("(a|b){W} text") == [{frozenset({"text"})}]
    assert needs("(^|the )noose") == [{frozenset({"noose"})}]
    assert needs("(just )?tired|exhausted") == [{frozenset({"tired"})}, {frozenset({"exhausted"})}]
    assert needs("{W} ~ {W}") is None


def test_a_rule_missing_a_needed_word_is_not_tried() -> None:
    rules = phrases.RuleSet({"x": ["(he|she) ~ got angry", "got (a|the) job"]}, {})
    assert [rule.source for rule, _ in rules.search("i got angry", frozenset({"i", "got", "angry"}))
            ] == []
    assert [rule.source for rule, _ in rules.search("she realy got angry", frozenset(
        {"she", "realy", "got", "angry"}))] == ["(he|she) ~ got angry"]


def test_patterns_compile_in_slices_until_none_is_left() -> None:
    """The running bot compiles the tables a slice at a time after start-up (bot/app.py
    warm_patterns): a slice stops once its time is up, and the slices end with every rule
    compiled, each matching as its first use would have."""
    rules = phrases.RuleSet({"x": ["lost (my|the) keys", "found {W} again", "(un)?lucky day"]}, {})
    assert not any(rule.compiled for rule in rules.rules)
    slices = 1
    while not phrases.compile_some(0.0):  # no time left: one rule per slice
        slices += 1
    assert slices >= len(rules.rules)
    assert all(rule.compiled for rule_set in phrases._SETS for rule in rule_set.rules)
    assert phrases.compile_some(0.0) is True
    assert [rule.source for rule, _ in rules.search("i lost the keys on my unlucky day", None)] == [
        "lost (my|the) keys", "(un)?lucky day"]
