"""Round 18, abuse (listening_round18_r18abuse.jsonl): disclosures in seven languages written
before the tables were read, then two fresh probes after each round of fixes, fixed as families
in data/abuse.json: jealousy that polices clothes (es/fr/it, 'decia q me vestia para otros');
touched while asleep or drunk and groped although the user said no (es/pt/fr/it/nl); "wouldn't
take no for an answer" in six languages; new accounts or profiles to message after a block
(pt/fr/it); a tracking app put on the phone (fr/it); the ex reading the phone in a German 'dass'
or Dutch 'dat' clause, verb last; "called me worthless" (de 'als wertlos bezeichnet', pt/fr/it
'I was worth nothing'); gaslighting in German, also across the comma before 'dass' (the new
spanning_control list); asking the ex's permission for everything; the ex tracking every purchase;
a threat of regret if the user reports him; kept isolated; locked in; shoved against walls (fr
'bousculait'); strong fear of him ('une peur bleue de lui', 'morro de medo dele'). The ex's own
self-harm threats are abuse and never the user's crisis: jumping off a bridge or in front of a
train (en crisis exclusion, SELF_DE, SELF_NL and an nl crisis exclusion), an overdose 'if i walked
out', cutting the veins or wrists (es, de), and a threat whose condition the crisis tables read
alone ('if i didnt come back'). Quiet: ordinary breakup hurt, a mum hitting the roof, sports,
films and games, being pushed to be better (es/pt/fr), the user's own control ('yo era la
controladora', 'le revisaba el celular'), hurt 'with his words', a parent tracking the phone for
safety, a parent's or a boss's permission, afraid that he will leave or forget the user, a jump
off a bridge while swimming; the learned backstop adds no abuse where the exclusions cover."""

from __future__ import annotations

import pytest

from tests.listening import listening_eval as ev

ROWS = ev.load("listening_round18_r18abuse.jsonl")
ABUSE = [row for row in ROWS if row["label"] == "abuse"]
QUIET = [row["text"] for row in ROWS if row["label"] == "neutral"]
LANGS = ("en", "es", "pt", "de", "fr", "it", "nl")


def test_the_rows_are_there() -> None:
    assert len(ABUSE) >= 390 and len(QUIET) >= 220
    assert {row["lang"] for row in ROWS} == set(LANGS)
    assert all(sum(row["lang"] == lang for row in ABUSE) >= 50 for lang in LANGS)
    assert sum(row["kind"] == "exselfharm" for row in ABUSE) >= 17


@pytest.mark.parametrize("row", ABUSE, ids=lambda row: row["text"][:40])
def test_disclosure_is_heard(row: dict[str, str]) -> None:
    problem = ev.disclosure_problem(row)
    assert problem is None, problem


def test_look_alikes_stay_quiet() -> None:
    fired = ev.set_off(QUIET)
    assert not fired, fired
