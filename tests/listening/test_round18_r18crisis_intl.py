"""Round 18, crisis in es/pt/de/fr/it/nl (listening_round18_r18crisis_intl.jsonl): probe rows
written before the fixes (probe1) and after them in new words (probe2), each at the tier the bot
gives it, and look-alikes that stay quiet. Fixed as families in data/crisis/<lang>.json:
self-harm said as a habit "when I feel..." (pt "me machuco qdo fico ansiosa", "corto-me quando
fico assim", es "me lastimo cuando me da ansiedad", it "mi faccio male quando penso a lui", de
"ich ritz mich wenn es mir scheisse geht"); European Portuguese forms ("apetece-me morrer",
"ando a juntar comprimidos", "ando a pensar em suicidio", "ia-me atirar para a linha do
comboio", "adormecer e nao acordar mais"); goodbyes to everyone ("volevo solo salutarvi tutti",
"queria me despedir de vcs", nl "afscheid nemen"; "jullie gedag zeggen" is possible, clear
beside "bedankt voor alles"); a letter beside "just in case" or "for when I'm gone" is clear (a
letter alone stays as before: possible in es/pt, quiet elsewhere); it "mi sn tagliata", fr
"jvx mourir", "je suis a bout", "dormir pour tjrs", nl "mezelf wat aandoen", de "ich mag nicht
mehr", "kein bock mehr zu leben". Quiet: "se me corto la llamada", a cut while cooking (it),
disappearing for a week, from social media or of shame, "I want to die" beside embarrassment,
pills for the thyroid, a headache or from the doctor, letters for a birthday or to the ex,
"mi butto sotto la doccia", "sono al limite, devo dormire", "un suicida al volante"."""

from __future__ import annotations

import pytest

from tests.listening import listening_eval as ev

ROWS = ev.load("listening_round18_r18crisis_intl.jsonl")
QUIET = [row["text"] for row in ROWS if not row["label"].startswith("crisis_")]
CRISIS = [row for row in ROWS if row["label"].startswith("crisis_")]


def test_the_rows_are_there() -> None:
    assert len(CRISIS) >= 290 and len(QUIET) >= 110
    assert {row["lang"] for row in ROWS} == {"es", "pt", "de", "fr", "it", "nl"}
    assert {row["kind"] for row in CRISIS} == {"direct", "indirect", "slang", "embedded", "probe2"}


@pytest.mark.parametrize("row", CRISIS, ids=lambda row: row["text"][:40])
def test_crisis_is_heard_at_its_tier(row: dict[str, str]) -> None:
    assert ev.crisis_tier(row["text"]) == row["tier"], row["text"]


def test_look_alikes_stay_quiet() -> None:
    fired = ev.set_off(QUIET)
    assert not fired, fired
