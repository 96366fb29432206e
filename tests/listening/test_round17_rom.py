"""Round 17, rom (listening_round17_rom.jsonl): crisis in Spanish, Portuguese and Italian, probed
across the families rather than a few, with rows written for this round (probe1 before the fixes,
probe2 after, to check they generalise). Fixed as families in data/crisis/{es,pt,it}.json: clear
for scratching or hurting oneself until it bleeds, again or still ("me volvi a rascar... hasta
sangrar", "me sigo haciendo dano a proposito"), a razor in hand, pills kept hidden in numbers
(pt "tenho muitos comprimidos escondidos"), "if I don't answer, I'm gone" (pt, it), how decided
and only the day left, it "oggi/stasera faccio finita", and a letter to one's family beside
"tomorrow I won't be here" (a when-hint in es); possible for leaving and never coming back,
being a nuisance to everyone (it "fastidio"), "don't know how long I can hold on" (it), at one's
limit (pt, it), fed up with fighting (it "stufa di lottare"). Look-alikes stay quiet: dying of
laughter, shame, heat or sleep, "can't take this job / heat / boss anymore", "me mato a
estudiar", a goodbye before a trip or bed, a haircut, a paper cut, a dead phone or plant, it
"ammazzami se gli scrivo". Every crisis row is heard, clear rows at the clear tier."""

from __future__ import annotations

import pytest

from bot.listening import listen
from tests.listening import listening_eval as ev

ROWS = ev.load("listening_round17_rom.jsonl")
QUIET = [row["text"] for row in ROWS if row["label"] in ("figure_of_speech", "neutral")]
CRISIS = [row for row in ROWS if row["label"].startswith("crisis_")]


def test_the_rows_are_there() -> None:
    assert len(CRISIS) >= 180 and len(QUIET) >= 120
    for lang in ("es", "pt", "it"):
        for tier in ("clear", "possible"):
            assert sum(row["lang"] == lang and row["tier"] == tier for row in CRISIS) >= 25
        assert sum(row["lang"] == lang for row in ROWS if row["text"] in QUIET) >= 40


@pytest.mark.parametrize("row", CRISIS, ids=lambda row: row["text"][:40])
def test_crisis_is_heard(row: dict[str, str]) -> None:
    heard = listen(row["text"], nickname=ev.NICKNAME).crisis
    assert heard is not None, row["text"]
    if row["tier"] == "clear":
        assert heard.tier == "clear", heard


def test_look_alikes_stay_quiet() -> None:
    fired = ev.set_off(QUIET)
    assert not fired, fired
