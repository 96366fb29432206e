"""Round 15, abuse (listening_round15_abuse.jsonl): disclosures written fresh in seven languages and
fixed as families in data/abuse.json: "hed"/"shed" as the ex in every {EX} rule, asked to explain
every purchase, pressured in bed until the user gave in, woken up to it, "that's what girlfriends
do", parked outside or waiting at the bus stop the user uses, a new partner told to watch his back,
marks kept off the face, shaking at a car like his or at the ex's name; walking on eggshells in six
languages; wanting to know where the user was every minute (de, fr, nl); Dutch "liet me niet met
mijn vrienden afspreken" and "volgt hij me overal"; German pushed down the stairs; Spanish accused
of cheating over and over and a glass thrown at the head; Italian "mi avrebbe ammazzata se".
Look-alikes (a brother or a sister checking their own phone, a boss's budget, a coach's punch at
training, a pillow, a film that "me pegó fuerte", spiders, the user's own snooping) stay quiet."""

from __future__ import annotations

import pytest

from tests.listening import listening_eval as ev

ROWS = ev.load("listening_round15_abuse.jsonl")
ABUSE = [row for row in ROWS if row["label"] == "abuse"]
QUIET = [row["text"] for row in ROWS if row["label"] == "neutral"]
LANGS = ("en", "es", "pt", "de", "fr", "it", "nl")


def test_the_rows_are_there() -> None:
    assert len(ABUSE) >= 200 and len(QUIET) >= 90
    assert all(sum(row["lang"] == lang for row in ABUSE) >= 20 for lang in LANGS)
    assert all(sum(row["lang"] == lang for row in ROWS if row["label"] == "neutral") >= 5
               for lang in LANGS)


@pytest.mark.parametrize("row", ABUSE, ids=lambda row: row["text"][:40])
def test_disclosure_is_heard(row: dict[str, str]) -> None:
    problem = ev.disclosure_problem(row)
    assert problem is None, problem


def test_look_alikes_stay_quiet() -> None:
    fired = ev.set_off(QUIET)
    assert not fired, fired
