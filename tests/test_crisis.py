"""Plain unit tests of the pure screens (bot/listening/crisis.py) and the helpline tables."""

import json
import re

import pytest

from bot.features.safety import helplines
from bot.listening import crisis

CRISIS = [
    "I want to die",
    "i want to diiiie",
    "I sooo want to die right now",
    "I'm going to kill myself",
    "KILLLL MYSELF",
    "thinking about killing myself tonight",
    "there\u2019s no reason to live",
    "There is no point in living anymore",
    "everyone would be better off without me",
    "Everybody\u2019d be better off without me tbh",
    "they'd be happier without me",
    "I can\u2019t go on",
    "I cant go on like this",
    "i can't do this anymore",
    "I just want to end it all",
    "maybe I should end my life",
    "I want to take my own life",
    "I've been having suicidal thoughts",
    "I keep thinking about suicide",
    "I hurt myself again last night",
    "I've started self-harming",
    "I wish I was dead",
    "I'd rather be dead than feel this",
    "I'm better off dead",
    "nothing left to live for",
    "life isn't worth living without him",
    "what's the point of living",
    "I want to go to sleep and never wake up",
    "I don't want to be alive anymore",
    "I don't want to exist",
    "I'm so tired of living",
    "thinking of jumping off a bridge",
    "going to take all my pills",
    "I just want to disappear forever",
    "I\u2019m such a burden to everyone",
    "honestly i just wanna kms",
    "I feel like there's no way out",
    "I just want to disappear",
    "Honestly? I want to die. But the dress was to die for.",
    "I'm dying to see it, but really I want to die",
    "\uff29 \uff37\uff21\uff2e\uff34 \uff34\uff2f \uff24\uff29\uff25",  # full-width letters
    "I want to d\u00efe",  # an accent does not hide it
    "want to die\U0001F62D\U0001F62D",
    "i w a n t",  # placeholder replaced below
]
CRISIS[-1] = "I want\u00a0to\u00a0die"  # non-breaking spaces

SAFE = [
    "killed it at the gym today",
    "I absolutely killed it in my interview",
    "that dress is to die for",
    "a dress to die for",
    "I'm dying to see that film",
    "dying to know what happens next",
    "I nearly died laughing",
    "I could die of embarrassment",
    "I killed myself laughing at that show",
    "we watched Suicide Squad",
    "I can't go on the trip next week",
    "I can't go on holiday this year",
    "I cut myself shaving",
    "I hurt myself at the gym",
    "my phone died",
    "the plant is dead",
    "he is dead to me",
    "my feet are killing me",
    "I'm so done with him",
    "I want to be happy again",
    "I miss him so much it hurts",
    "I never want to wake up early again",
    "",
    "\u0000\u0007\u200b",
    "\U0001F600" * 50,
    "I ran 5 kms this morning",
    "there's no way out of this contract",
    "I just want to disappear for a weekend",
    "I want to disappear into a good book",
]


@pytest.mark.parametrize("text", CRISIS)
def test_crisis_language_is_caught(text: str) -> None:
    assert crisis.is_crisis(text), text


@pytest.mark.parametrize("text", SAFE)
def test_figures_of_speech_are_not(text: str) -> None:
    assert not crisis.is_crisis(text), text


def test_normalising_folds_case_apostrophes_and_stretched_letters() -> None:
    assert crisis.clauses("I CAN\u2019T  gooo on!!! Sooo tired") == ["i cant go on", "so tired"]
    assert crisis.squeeze("diiie") == "die" and crisis.squeeze("kill") == "kil"


ABUSE = [
    "he hit me when he was drunk",
    "She threatened to hurt me if I left",
    "they checked my phone every night",
    "very controlling, I couldn't see my friends",
    "he wouldn't let me see my family",
    "I was walking on eggshells all the time",
    "it was abusive",
    "he took my money and my keys",
    "I was scared of him",
    "she pushed me against the wall",
]
NOT_ABUSE = [
    "it hit me hard when she left",
    "the realisation hit me last week",
    "he never hit me",
    "no violence, he was just cold",
    "he wasn't controlling, just distant",
    "we argued about money",
    "she forgot my birthday",
]


@pytest.mark.parametrize("text", ABUSE)
def test_abuse_mentions_are_caught(text: str) -> None:
    assert crisis.mentions_abuse(text), text


@pytest.mark.parametrize("text", NOT_ABUSE)
def test_ordinary_hurt_is_not_called_abuse(text: str) -> None:
    assert not crisis.mentions_abuse(text), text


@pytest.mark.parametrize("answer,unsafe", [
    ("no", True), ("No.", True), ("Nooo", True), ("not really", True), ("never", True),
    ("I didn\u2019t", True), ("hardly ever", True), ("not at all, he scared me", True),
    ("yes", False), ("Yes, always", False), ("mostly yes", False), ("yes, no complaints", False),
    ("yes, but he threatened me once", True), ("I felt safe", False),
])
def test_the_safe_question(answer: str, unsafe: bool) -> None:
    assert crisis.felt_unsafe(answer) is unsafe


def test_phrase_files_are_well_formed() -> None:
    for name in ("crisis_phrases", "abuse_phrases"):
        data = json.loads((crisis.DATA_DIR / f"{name}.json").read_text())
        for source in data["patterns"] + data.get("exclusions", []):
            assert "\\" not in source
            re.compile(source)


def test_country_from_time_zone() -> None:
    assert helplines.country_for_zone("Europe/Berlin") == "DE"
    assert helplines.country_for_zone("America/Chicago") == "US"
    assert helplines.country_for_zone("Europe/London") == "GB"
    assert helplines.country_for_zone("Australia/Sydney") == "AU"
    assert helplines.country_for_zone("UTC") is None
    assert helplines.country_for_zone("Etc/GMT-2") is None
    assert helplines.country_for_zone(None) is None


def test_every_helpline_cites_an_official_source() -> None:
    for kind in ("crisis", "abuse"):
        for country in helplines.countries(kind):
            own, everywhere = helplines.lines_for(kind, country)
            assert own, (kind, country)
            for line in own + everywhere:
                assert line.source.startswith("https://"), line
                assert line.phone or line.note, line
        own, everywhere = helplines.lines_for(kind, None)
        assert own == [] and "findahelpline.com" in everywhere[0].source
