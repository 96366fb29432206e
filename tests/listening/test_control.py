"""Control words act only when they are the whole message."""

import pytest

from bot.listening.detectors import control


@pytest.mark.parametrize(("text", "word"), [
    ("skip", "skip"), ("Skip!!", "skip"), ("ok skip this one please", "skip"), ("pass", "skip"),
    ("next", "skip"), ("rather not say", "skip"), ("I'd rather not say", "skip"),
    ("prefer not to", "skip"), ("skiiip", "skip"), ("cancel", "cancel"), ("STOP", "stop"),
    ("stop it", "stop"), ("nevermind", "cancel"), ("never mind", "cancel"), ("nvm", "cancel"),
    ("forget it", "cancel"), ("quit", "cancel"), ("❌", "cancel"), ("back", "back"),
    ("go back!!", "back"), ("🔙", "back"), ("menu", "menu"), ("main menu", "menu"),
    ("home", "menu"), ("help", "help"), ("what do i do", "help"), ("?", "help"), ("??", "help"),
    ("how does this work", "help"), ("idk", "unsure"), ("no idea", "unsure"),
    ("not sure", "unsure"), ("ayuda", "help"), ("abbrechen", "cancel"), ("nah skip", "skip"),
    ("🏠 menu", "menu"), ("i need help with this question", "help"),
])
def test_control_words(text: str, word: str) -> None:
    assert control.detect(text) == word


@pytest.mark.parametrize("text", [
    "I can't stop thinking about him", "stop texting me he said", "skip the part where he left",
    "help me understand why he did it", "back then we were happy", "no", "yes", "Anna", "",
    "i need to go back to the cafe where we met", "i need help", "nah", "nope",
])
def test_sentences_are_not_control_words(text: str) -> None:
    assert control.detect(text) is None
