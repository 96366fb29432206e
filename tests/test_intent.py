"""bot/listening/urges.py: what counts as "I want to contact my ex", and what does not."""

import pytest

from bot.listening.urges import is_urge, normalise

HITS = [
    "I really want to text him",
    "should I call her?",
    "Should i call her",
    "I miss him so much",
    "i miss her",
    "I MISS THEM",
    "about to message my ex",
    "I'm going to text them",
    "I\u2019m going to text them",  # curly apostrophe
    "im gonna call him",
    "I want to text them",
    "thinking about texting him again",
    "so close to calling her right now",
    "can I just message him once?",
    "I need to talk to her",
    "I want him back",
    "I'm about to break no contact",
    "ugh I wanna text my ex so bad",
    "is it ok to email him?",
    "I want to send him a message",
    "tempted to DM her",
    "I'm gonna cave",
    "I just want to hear his voice",
    "i will call him tonight",
    "Should I reach out to them?",
]

MISSES = [
    "I texted my mom",
    "call me later",
    "I miss the bus every morning",
    "my ex-boss called about the reference",
    "I want to call my mom",
    "should I call the doctor?",
    "I'm going to message my landlord",
    "I miss my ex's dog",
    "He called me yesterday and I didn't answer",
    "I went for a run",
    "my therapist wants me to text her about the appointment time to see",
    "",
    "text",
    "I want to text",
    "the ex-husband of my friend is visiting",
    "I feel better today",
    "I missed him at the station",
    "I'm going to the gym",
]


@pytest.mark.parametrize("text", HITS)
def test_hits(text: str) -> None:
    assert is_urge(text), text


@pytest.mark.parametrize("text", MISSES)
def test_misses(text: str) -> None:
    assert not is_urge(text), text


def test_nickname_counts_as_a_target() -> None:
    assert is_urge("should I call Alex?", names=["Alex"])
    assert not is_urge("should I call Alex?")
    assert not is_urge("should I call Alexandra?", names=["Alex"])


def test_normalise() -> None:
    assert normalise("  I\u2019M   Going  to TEXT him!!! ") == "i'm going to text him"
    assert normalise("im") == "i'm"
