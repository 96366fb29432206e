"""Round 14, lead (listening_round14_lead.jsonl): urges a new blind set showed missing, fixed as
constructions in data/urge.json: close to replying to their message or watching their story,
"is it bad if i watch her story", "if i don't text him tonight i'll explode". The same
constructions about a boss, a brother, a mum or a landlord stay quiet, and so does the win.
And Dutch chat spellings (normalise.json): "mn"/"m'n" is "mijn", "zn" "zijn", a lone "k" "ik",
"nie" "niet", so "hij checkte elke avond mn telefoon" is the disclosure it says; a sister or a
friend checking the phone is no disclosure in any of the six other languages either."""

from __future__ import annotations

import pytest

from bot.listening import listen
from tests.listening import listening_eval as ev

ROWS = ev.load("listening_round14_lead.jsonl")
URGES = [row["text"] for row in ROWS if row["label"] == "urge"]
QUIET = [row["text"] for row in ROWS if row["label"] == "neutral"]
ABUSE = [row["text"] for row in ROWS if row["label"] == "abuse"]
CRISIS = [row["text"] for row in ROWS if row["label"].startswith("crisis_")]


def test_the_rows_are_there() -> None:
    assert len(URGES) >= 12 and len(QUIET) >= 6


@pytest.mark.parametrize("text", URGES)
def test_each_urge_is_heard(text: str) -> None:
    assert listen(text, nickname=ev.NICKNAME).urge is not None


@pytest.mark.parametrize("text", ABUSE)
def test_each_dutch_disclosure_is_heard(text: str) -> None:
    assert listen(text, nickname=ev.NICKNAME).abuse is not None


@pytest.mark.parametrize("text", CRISIS)
def test_each_dutch_crisis_is_heard(text: str) -> None:
    assert listen(text, nickname=ev.NICKNAME).crisis is not None


def test_look_alikes_stay_quiet() -> None:
    assert ev.set_off(QUIET) == []
