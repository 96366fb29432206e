"""Round 12, a12 (listening_round12_a12.jsonl): abuse disclosures written fresh in seven languages and
fixed as families in data/abuse.json: held by the throat or hair, knelt on until unable to breathe,
bruises kept out of sight, veiled threats to a new partner, "you'll regret it" told by the ex, carrying on while the user cried, waking
up to being touched, terror of running into the ex and dread when the phone goes; in es/pt/de/fr/it/
nl: injuries named (a split lip, a broken nose), blows taken from the ex, things thrown at the head,
dragged by the hair, begging for every euro, friends asked where the user lives, clothes chosen,
panic at his name or his car, a chair against the door, calls from hidden numbers, 'if i leave he kills me' in Dutch word order. Look-alikes (a brother
punching a wall, a cat on the chest, a pillow fight, a film that 'm'a mis une claque', a broken arm at
football, butterflies when the phone buzzes) stay quiet."""

from __future__ import annotations

import pytest

from tests.listening import listening_eval as ev

ROWS = ev.load("listening_round12_a12.jsonl")
ABUSE = [row for row in ROWS if row["label"] == "abuse" and not row.get("known_miss")]
QUIET = [row["text"] for row in ROWS if row["label"] == "neutral"]
LANGS = ("en", "es", "pt", "de", "fr", "it", "nl")


def test_the_rows_are_there() -> None:
    assert len(ABUSE) >= 150 and len(QUIET) >= 60
    assert all(sum(row["lang"] == lang for row in ABUSE) >= 20 for lang in LANGS)


@pytest.mark.parametrize("row", ABUSE, ids=lambda row: row["text"][:40])
def test_disclosure_is_heard(row: dict[str, str]) -> None:
    problem = ev.disclosure_problem(row)
    assert problem is None, problem


def test_look_alikes_stay_quiet() -> None:
    fired = ev.set_off(QUIET)
    assert not fired, fired
