"""Round 19, abuse in Spanish, Portuguese, German, French, Italian and Dutch
(listening_round19_r19abuse_intl.jsonl): disclosures written before the tables were read, then
two fresh probes after each round of fixes, and look-alikes written against the new rules. Fixed
as families in data/abuse.json: accused of cheating over and over (fr/it/de/pt/nl); told how one
had to dress ('como tenia que vestirme', 'ce que je devais mettre'); the ex's self-harm threat
with the condition first ('si me iba se mataba'); 'he said he knows where I live' in six
languages, and 'he will make my life hell'; a new account or profile after a block, or made to
write to the user (es/de/it/nl); turning up at work unannounced (es/it/nl, Flemish 'kot'); 'te
la faccio pagare', 'je zult het bezuren'; a threat to hurt the new partner; European Portuguese
'telemovel', 'deu-me um estalo', 'continua a perseguir-me'; Italian 'alzava le mani',
'mi ha presa a schiaffi'; spat at, left stranded on the road, locked out at night, the bank card taken; 'didn't stop when I said no' (fr/nl/pt 'forçou a barra'); Swiss German 'hat mi gschlage' and 'mues säge wo i bi'; having to
report where one is and with whom, or to send screenshots of one's chats; made to quit a job
'so I'd depend on him'; kicked or thrown against furniture (es/pt); dread at the doorbell
'thinking it's him' (es/pt/de/nl, also across a comma); fear of running into him (fr/it/nl).
The ex's words that hold a crisis phrase are heard as the ex's, also when another abuse reading
comes first (heard.py `_reported_in_a_later_reading`: 'er hat mich ständig beleidigt und gesagt
ich bin nichts wert', 'sie droht von der Brücke zu springen, wenn ich nicht zurückkomme',
'mi ha minacciata di uccidermi'). Quiet: a boss, a parent or a sister checking, controlling or
forbidding; a friend or mum turning up; a brother's kick at football or a cat's paw; afraid to
run into him because one still misses him; the user's own control and blocks."""

from __future__ import annotations

import pytest

from tests.listening import listening_eval as ev

ROWS = ev.load("listening_round19_r19abuse_intl.jsonl")
ABUSE = [row for row in ROWS if row["label"] == "abuse"]
QUIET = [row["text"] for row in ROWS if row["label"] == "neutral"]
LANGS = ("es", "pt", "de", "fr", "it", "nl")


def test_the_rows_are_there() -> None:
    assert len(ABUSE) >= 320 and len(QUIET) >= 130
    assert {row["lang"] for row in ROWS} == set(LANGS)
    assert all(sum(row["lang"] == lang for row in ABUSE) >= 50 for lang in LANGS)
    assert {row["probe"] for row in ROWS} == {"probe1", "probe2", "probe3", "probe4", "stress"}


@pytest.mark.parametrize("row", ABUSE, ids=lambda row: row["text"][:40])
def test_disclosure_is_heard(row: dict[str, str]) -> None:
    problem = ev.disclosure_problem(row)
    assert problem is None, problem


def test_look_alikes_stay_quiet() -> None:
    fired = ev.set_off(QUIET)
    assert not fired, fired
