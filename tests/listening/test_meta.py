"""Questions about the bot itself, and messages that only mention therapists, bots or privacy."""

import pytest

from bot.listening import ORDER, listen
from bot.listening.detectors import meta


@pytest.mark.parametrize(("text", "kind"), [
    ("is this a real person?", "human"), ("am I talking to a human", "human"),
    ("are you a therapist?", "therapist"), ("are you a real therapist", "therapist"),
    ("are you AI", "ai"), ("is this chatgpt", "ai"), ("am i talking to a bot", "ai"),
    ("who made you", "ai"), ("who can read this?", "privacy"),
    ("do you store my messages", "privacy"), ("eres una persona real?", "human"),
])
def test_kinds(text: str, kind: str) -> None:
    assert meta.detect(text) == kind


@pytest.mark.parametrize("text", [
    "my therapist told me to write things down", "who made you cry?", "he is such a robot",
    "i saw a therapist once and hated it", "I want to text him so bad",
    "is this normal? i keep checking his instagram every hour and i can't stop myself " * 2,
])
def test_mentions_are_not_questions_about_the_bot(text: str) -> None:
    assert meta.detect(text) is None


def test_meta_comes_last_in_the_pipeline_order() -> None:
    assert ORDER[-1] == "meta"
    heard = listen("are you a bot? i want to die")
    assert heard.meta == "ai" and heard.first == "crisis"
