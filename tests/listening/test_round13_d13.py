"""Round 13, d13 (listening_round13_d13.jsonl): direct crisis statements written fresh in all
seven languages, the way people type at night, fixed as families in data/crisis/*.json: emoji or
slang as the verb ("i want to 💀 myself", "gonna 🔪 myself", "gonna rope tonight"), a past
attempt told now ("in hospital after my attempt", French "une ts"), pills taken to die ("um zu
sterben", "om dood te gaan"),
Dutch "ik neem vanavond al mijn pillen", dialect negation ("will net mehr leben"), doing it
tonight in German, Dutch "ik wil niet meer" (possible), and a French "non" or Italian "no" that
only answers "are you safe?" ("non je vais le faire ce soir", "no lo faccio stanotte"): it no
longer lowers the finding, as the verb negations of those languages are "ne/pas" and "non".
Look-alikes stay quiet: roping in volunteers, an attempt at baking, a cat jumping off the
counter, "ts les jours". Rows marked "open" are still missed and are only listed."""

from __future__ import annotations

import pytest

from bot.listening.detectors import crisis
from tests.listening import listening_eval as ev

ROWS = [row for row in ev.load("listening_round13_d13.jsonl") if not row.get("open")]
QUIET = [row["text"] for row in ROWS if row["label"] in ("neutral", "figure_of_speech")]
CRISIS = [row for row in ROWS if row["label"].startswith("crisis_")]


def test_the_rows_are_there() -> None:
    assert len(CRISIS) >= 150 and len(QUIET) >= 60
    assert {row["lang"] for row in CRISIS} == {"en", "nl", "pt", "es", "de", "it", "fr"}


@pytest.mark.parametrize("row", CRISIS, ids=lambda row: row["text"][:40])
def test_crisis_is_heard_at_its_tier(row: dict[str, str]) -> None:
    assert ev.crisis_tier(row["text"]) == row["tier"], row["text"]


def test_look_alikes_stay_quiet() -> None:
    fired = ev.set_off(QUIET)
    assert not fired, fired


@pytest.mark.parametrize("text", ["non je vais le faire ce soir", "no lo faccio stanotte",
                                  "non jvais me tuer ce soir"])
def test_a_no_that_only_answers_does_not_lower(text: str) -> None:
    found = crisis.detect(text)
    assert found is not None and found.tier == "clear", found


@pytest.mark.parametrize("text", ["non lo faccio stanotte", "no non voglio morire",
                                  "non je veux pas me tuer", "no no non lo faccio stanotte",
                                  "no, no lo voy a hacer esta noche"])
def test_a_real_negation_still_lowers(text: str) -> None:
    """Italian "non", French "pas" and Spanish "no" negate the verb: never clear."""
    found = crisis.detect(text)
    assert found is None or found.tier == "possible", found
