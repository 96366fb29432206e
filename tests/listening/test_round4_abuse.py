"""Round 4 of the abuse detector: the kinds of wording an outside evaluation found weak (clothes,
passwords, work and school, isolation, withheld numbers, the family and friends used to reach the
user, threats to a career or "you'll regret it", injuries without the word "hit", restraint,
things smashed, gaslighting, AAVE and UK/AU/IE words, typos, long messages, nl and pt), written
in tests/data/listening_round4_abuse.jsonl with the near misses beside them (ordinary arguments,
jokes, games, a one-off call from a new number, figures of speech). The floors are the figures
reached when the rows were added; a change that loses any of them fails here."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest

from bot.listening import listen
from bot.listening.pipeline import Moment, decide
from tests.listening import listening_eval as ev

ROWS = ev.load("listening_round4_abuse.jsonl")
ABUSE = [row for row in ROWS if row["label"] == "abuse"]
OTHERS = [row for row in ROWS if row["label"] != "abuse"]
FIGURES = [row for row in ROWS if row["label"] == "figure_of_speech"]

RECALL_FLOOR = {"en": 0.98, "nl": 1.0, "pt": 1.0}
# Near misses the tables still read as abuse (pre-existing wordings: "he said id regret dumping
# him", "she threatened to tell my mum i got a tattoo lol", "kicked me out of bed", ...): 5; and
# 3 more the backstop retrained on all of round 4 adds ("he shared his location so i could pick
# him up", "he locked the door when he left so i was safe"). Its abuse guesses stay because, on
# the sealed outside set, they add 7 of 222 disclosures (79.7% -> 82.9%) and no false positive
# on its 253 neutral rows; this ceiling catches any further loss of precision.
MAX_ABUSE_ON_OTHERS = 8


def _heard(row: dict[str, Any]) -> Any:
    return listen(row["text"], nickname=ev.NICKNAME)


def test_the_rows_are_there() -> None:
    assert len(ABUSE) >= 400 and len(OTHERS) >= 180 and len(FIGURES) >= 20


@pytest.mark.parametrize("lang", sorted(RECALL_FLOOR))
def test_abuse_recall_per_language(lang: str) -> None:
    rows = [row for row in ABUSE if row["lang"] == lang]
    missed = [row["text"] for row in rows if _heard(row).abuse is None]
    recall = 1 - len(missed) / len(rows)
    assert recall >= RECALL_FLOOR[lang], (recall, missed)


def test_abuse_stays_quiet_on_near_misses() -> None:
    fired = [row["text"] for row in OTHERS if _heard(row).abuse is not None]
    assert len(fired) <= MAX_ABUSE_ON_OTHERS, fired


def test_figures_of_speech_set_off_nothing_new() -> None:
    crisis = [row["text"] for row in FIGURES if _heard(row).crisis is not None]
    assert len(crisis) <= 1, crisis  # "my legs are bruised from the hike" (the crisis tables)


def test_a_disclosure_is_answered_as_abuse_not_as_contact_or_crisis() -> None:
    """The pipeline's order puts abuse before both contacts; a disclosure that also reads as
    "they contacted me" ("he keeps calling me from new numbers") is answered as abuse, and an
    injury the ex caused ("he broke my nose") is not a crisis about the user."""
    acts: dict[str, list[str]] = defaultdict(list)
    for row in ABUSE:
        act = decide(row["text"], _heard(row), Moment()).act
        acts[act].append(row["text"])
    assert not acts["contact_in"] and not acts["contact_out"], acts
    assert len(acts["crisis"]) + len(acts["crisis_possible"]) <= 6, (
        acts["crisis"], acts["crisis_possible"])


@pytest.mark.parametrize("text", [
    "he broke my nose", "she scratched my face til it bled", "he stabbed me",
    "he keeps calling me from new numbers", "he keeps turning up at my mums house",
    "er hat mir gedroht mich umzubringen", "ele ameacou me matar", "el me amenazo con matarme",
])
def test_heard_as_abuse_first(text: str) -> None:
    assert decide(text, listen(text), Moment()).act == "abuse"


@pytest.mark.parametrize("text", [
    "he hit me so hard i wanted to die", "he beat me and i want to kill myself",
    "he strangled me. i want to die", "he hit me, i cant go on",
    "he broke my nose and now i just want to end it all", "ele me bateu e vou me matar",
    "er hat mir gedroht mich umzubringen und ich will sterben", "ich hab ihm gedroht mich umzubringen",
    "ele ameacou me matar e eu quero morrer", "he threatened me and i want to kill myself",
])
def test_the_users_own_crisis_is_never_dropped_for_abuse(text: str) -> None:
    heard = listen(text)
    assert heard.crisis is not None and heard.abuse is not None
    assert decide(text, heard, Moment()).act in ("crisis", "crisis_possible")


@pytest.mark.parametrize("text", [
    "he said he'd make my dinner", "she said she'd find my keys", "he said he'd teach me to drive",
    "he said he would take care of me", "he said he'd get me a present",
    "she threatened to beat me at fifa", "he said he'd make my life hell in mario kart lol",
    "she texted me from her new number", "she called from a blocked number, i know it was her",
    "he broke his phone", "he cut me off mid sentence", "she shot me a look",
    "my job made me give all my passwords to IT", "the break up made me think i was crazy",
    "i wasnt allowed to wear trainers at the wedding, dress code",
    "he didnt want me to work weekends cos he missed me, we compromised",
    "nao pude sair hoje porque estava chovendo", "the gym beat me up today",
])
def test_ordinary_words_are_not_abuse(text: str) -> None:
    assert listen(text).abuse is None
