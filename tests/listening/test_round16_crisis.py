"""Round 16, crisis (listening_round16_crisis.jsonl): crisis probes written fresh in German,
French and Dutch, the languages the last round did not probe, fixed as families in
data/crisis/{de,fr,nl}.json. Clear: pills gathered or saved up ("die tabletten zusammengesucht"),
a letter or a video left "falls ich nicht mehr da bin" / "pour quand je serai plus la", walking
to the tracks, hurting oneself on purpose or to feel something, on a roof or a bridge looking
down or there "um zu springen" / "om te springen" / "pour sauter", goodbyes "von euch", having
searched how to kill oneself, "quand vous lirez ca je serai plus la", nl "mijn leven
beeindigen", burning oneself with cigarettes or a lighter, "heb weer gekrast". Possible: "wozu
noch aufstehen", "ca sert a rien de continuer", "ca ira jamais mieux", "m'endormir et pas me
reveiller", "moe van het leven". Look-alikes stay quiet: laughing, heat, noise, colleagues and
jobs one can't stand, shooting oneself in the foot or the knee, disappearing under the earth or
through the floor from shame, not talking to the ex any more, a goodbye to an ex's number or at
work, killing time, a rooftop party, photos from a bridge or a roof, walking to the tracks to
photograph trains. 'batch' says whether a row was in the first probe (scored before the fixes)
or the fresh one written after them to check that the fixes generalise."""

from __future__ import annotations

import pytest

from bot.listening import listen
from tests.listening import listening_eval as ev

ROWS = ev.load("listening_round16_crisis.jsonl")
QUIET = [row["text"] for row in ROWS if row["label"] in ("figure_of_speech", "neutral")]
CRISIS = [row for row in ROWS if row["label"].startswith("crisis_")]


def test_the_rows_are_there() -> None:
    assert len(CRISIS) >= 200 and len(QUIET) >= 150
    assert {row["lang"] for row in CRISIS} == {"de", "fr", "nl"}
    for lang in ("de", "fr", "nl"):  # both tiers, both batches, and look-alikes in each language
        for batch in ("probe", "fresh"):
            mine = [row for row in ROWS if row["lang"] == lang and row["batch"] == batch]
            assert {row["label"] for row in mine} >= {"crisis_clear", "crisis_possible",
                                                       "figure_of_speech"}


@pytest.mark.parametrize("row", CRISIS, ids=lambda row: row["text"][:40])
def test_crisis_is_heard_at_its_tier(row: dict[str, str]) -> None:
    assert ev.crisis_tier(row["text"]) == row["tier"], row["text"]


def test_look_alikes_stay_quiet() -> None:
    fired = ev.set_off(QUIET)
    assert not fired, fired


@pytest.mark.parametrize("text", [
    "ich hab mich wieder geritzt", "ich hab mich ins knie geschnitten, absichtlich",
    "ich halt das leben nicht mehr aus", "j'en peux plus de ce boulot et j'ai envie de mourir",
    "ich will nicht mehr mit ihm reden, ich will sterben", "heb mezelf weer met een sigaret verbrand",
])
def test_the_new_exclusions_hide_no_self_harm(text: str) -> None:
    assert listen(text, nickname=ev.NICKNAME).crisis is not None
