"""Round 11, a11 (listening_round11_a11.jsonl): abuse kinds a sealed set's tuning half missed,
fixed as families in data/abuse.json and checked here on rows written in new words, then kinds
found missing by probing in seven languages: missing family occasions and ultimatums over seeing
people, "i know where your sister lives", pictures of pills sent as a guilt weapon, pressing for
sex until the user gave in, sulking after a refusal, fear of being found at a new address, insults
in pairs or in front of others, videos posted to humiliate, the doorway blocked, a shared plan used
to read every message, threats to ring work, location sharing used to follow, money asked for by
the euro, proof-of-location photos, calls every ten minutes, anger at a late reply, a phone thrown
at the wall, driving past the house, turning up despite a block, smears sent to a boss.
Look-alikes (a strike that made one miss a wedding, a mum's photo of pills, a car given in to, a
friend's drunk video, snow against the door, a school dress code, work expenses, a parent's calls,
the "hi mum" scam text) stay quiet."""

from __future__ import annotations

import pytest

from bot.listening import listen
from tests.listening import listening_eval as ev

ROWS = ev.load("listening_round11_a11.jsonl")
ABUSE = [row["text"] for row in ROWS if row["label"] == "abuse"]
QUIET = [row["text"] for row in ROWS if row["label"] in ("neutral", "figure_of_speech")]


def test_the_rows_are_there() -> None:
    assert len(ABUSE) >= 120 and len(QUIET) >= 40
    assert {row["lang"] for row in ROWS if row["label"] == "abuse"} == {
        "en", "es", "pt", "de", "fr", "it", "nl"}


@pytest.mark.parametrize("text", ABUSE)
def test_disclosure_is_heard(text: str) -> None:
    heard = listen(text, nickname=ev.NICKNAME)
    assert heard.abuse is not None and heard.crisis is None, heard


def test_look_alikes_stay_quiet() -> None:
    fired = ev.set_off(QUIET)
    assert not fired, fired


def test_hiding_marks_stays_a_crisis() -> None:
    """'long sleeves to hide the marks' is self-harm's cover as often as abuse's: no abuse rule
    takes bare 'marks' away from the crisis tables (bruises and marks on the neck are abuse's)."""
    heard = listen("i wear long sleeves even in summer to hide the marks", nickname=ev.NICKNAME)
    assert heard.crisis is not None
