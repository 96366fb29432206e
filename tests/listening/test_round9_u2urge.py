"""Round 9, round 2 (listening_round9_u2urge.jsonl): urges to look at or go to the ex (their
insta, stories, profile, followers, new partner's page, location, online status, googling them,
going where they will be) and control-word variants (confusion questions, indecision, one-slip
typos, "return"/"previous"). Written before the tables changed; first-run figures in the file's
comment line. Having looked already, memories, one's own phone or profile, a friend's page or a
shop's location stay quiet; 'neutral_control' rows are sentences that must stay sentences."""

from __future__ import annotations

from bot.listening import listen
from bot.listening.detectors import control
from tests.listening import listening_eval as ev

ROWS = ev.load("listening_round9_u2urge.jsonl")
SCORED = [row for row in ROWS if row["label"] != "neutral_control"]
FLOORS = {"urge": 1.0, "control_help": 1.0, "control_unsure": 1.0, "control_back": 1.0,
          "control_skip": 1.0, "control_menu": 1.0, "control_cancel": 1.0}


def test_u2urge_figures() -> None:
    report = ev.evaluate(SCORED)
    print("\n" + report.table("round 9 u2urge"))
    for label, floor in FLOORS.items():
        score = report.labels[label]
        assert score.total and score.rate >= floor, (label, score.rate, score.misses)


def test_u2urge_look_alikes_stay_quiet() -> None:
    report = ev.evaluate(SCORED)
    neutral = report.labels["neutral"]
    assert neutral.total >= 12 and neutral.rate == 1.0, neutral.misses


def test_u2urge_sentences_stay_sentences() -> None:
    rows = [row["text"] for row in ROWS if row["label"] == "neutral_control"]
    assert rows and [text for text in rows if control.detect(text) is not None] == []


def test_real_words_near_a_control_word_are_not_slips() -> None:
    for text in ("black", "ski", "men", "net", "text", "hell", "nest", "bank", "pack", "skin",
                 "ship", "sip", "kelp", "bakc to him", "hepl me with my ex"):
        assert control.detect(text) is None, text


def test_looking_beside_self_harm_is_still_heard() -> None:
    for text in ("i want to check his insta and then kill myself",
                 "gonna look at her profile one last time before i end it"):
        assert listen(text, nickname="Alex").crisis is not None, text
