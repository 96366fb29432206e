"""Round 18, English crisis (listening_round18_r18crisis_en.jsonl): two probes of English crisis
phrasings, direct, indirect, slang and algospeak, misspelt, all caps, questions, and said inside
a long message about the breakup, each at the tier the bot gives it, and figures of speech and
look-alikes that stay quiet. Fixed as families: "s/h", "w/o" and "w/" are read as one word
before the slash splits the clause (normalise.json "slashed"), so "s/h again", "i relapsed on
s/h" and "better off w/o me" are heard; "sh" as a verb after a wish or a modal ("i want to s/h",
"i wanna sh so bad", "i s/h'd", "thinking about sh") is clear; being going to delete oneself is
clear (wanting to stays possible, "delete myself from instagram" stays quiet); "final exit", an
exit bag, "an overdoes", "kll myself", "till i off myself", "time to rope", "back on the blade",
headbutting the wall until it hurts, "i can't stop cutting" and cutting as the only thing that
helps are clear; "did the thing again" beside a mark of self-harm (blood, cuts, "my arms are a
mess") and "this is it" on a bridge or ledge are clear (crisis/concepts.json); hoping to die in
one's sleep is passive ideation, possible (en "weak_clear"); "thinking about taking them all", a
note written tonight, a goodbye posted, ending one's suffering and "i should just disappear" are
possible. Quiet: "he's dead to me", sleeping forever this weekend, goodbye forever after blocking
the ex or deleting his photos, meds taken as the doctor said, the long distance thing, a game
that is impossible, fireworks on the bridge, a razor for one's legs, taking care of oneself, a
movie so sad one wanted to die, can't wait for the week to be over."""

from __future__ import annotations

import pytest

from tests.listening import listening_eval as ev

ROWS = ev.load("listening_round18_r18crisis_en.jsonl")
QUIET = [row["text"] for row in ROWS if not row["label"].startswith("crisis_")]
CRISIS = [row for row in ROWS if row["label"].startswith("crisis_")]


def test_the_rows_are_there() -> None:
    assert len(CRISIS) >= 250 and len(QUIET) >= 110
    assert {row["lang"] for row in ROWS} == {"en"}
    assert {row["kind"] for row in CRISIS} == {"direct", "indirect", "slang", "embedded"}
    assert {row["probe"] for row in ROWS} == {"probe1", "probe2"}


@pytest.mark.parametrize("row", CRISIS, ids=lambda row: row["text"][:40])
def test_crisis_is_heard_at_its_tier(row: dict[str, str]) -> None:
    assert ev.crisis_tier(row["text"]) == row["tier"], row["text"]


def test_look_alikes_stay_quiet() -> None:
    fired = ev.set_off(QUIET)
    assert not fired, fired
