"""Round 20, abuse in Spanish, Portuguese, German, French, Italian and Dutch
(listening_round20_r20abuse_intl.jsonl): disclosures and look-alikes written before the tables
were read, then two fresh probes, each scored once before it was fixed. Fixed as structure, not
rows: verb families (data/abuse.json "verb_families", read by detectors/abuse_verbs.py) write
each abuse verb once per language and kind (violence, control, threat, stalking, sexual), and
each language's sentence shapes ("verb_templates") are tried with every verb of every kind:
the object clitic before or after a finite verb ('me zarandeaba', 'batia-me', 'schlug mich',
'hij sloeg me', 'mi menava'), the perfect with its auxiliary and a gap that takes no negation
('me ha pegado', 'tinha-me agredido', 'hat mich oft verprügelt', 'm'a tabassée', 'mi ha
strattonata', 'heeft me vaak mishandeld'), 'used to', 'went as far as', 'kept on' with the
infinitive or gerund ('solia pegarme', 'costumava bater-me', 'continuava a picchiarmi',
'vivia me empurrando'). A Spanish verb whose accentless preterite reads as 'I ... myself'
('me golpeo', 'me controlo') is marked and keeps only its unambiguous forms; 'yo me', 'eu me',
'io mi', 'je me' are the user's own. The user's clitic ('me', 'mi', 'mich', 'mij'...) is now a
negation filler, so 'nunca me levanto la mano' is not heard at 'levanto'. Quiet by one guard per
language: a clause that opens on a parent, boss, teacher, sibling, coach or pet ('mi mama no me
deja salir', 'le prof m'a humiliée', 'mijn baas kleineert me') holds no disclosure in its first
words; 'la ruptura me pegó durísimo', 'a saudade me bateu', 'ce qui me frappe'. Also new:
the money taken or doled out (de/fr), 'couldn't go anywhere without him blowing up' (pt/de/it/nl),
sex 'until I gave in' (fr/nl) or 'even when I said no he went on' (fr/it), 'levantarme la mano',
'me agarraba a golpes', a parked car at the door (es), 'er hat mein Handy geortet'."""

from __future__ import annotations

from tests.listening import listening_eval as ev

ROWS = ev.load("listening_round20_r20abuse_intl.jsonl")
ABUSE = [row for row in ROWS if row["label"] == "abuse"]
QUIET = [row["text"] for row in ROWS if row["label"] == "neutral"]
LANGS = ("es", "pt", "de", "fr", "it", "nl")


def test_the_rows_are_there() -> None:
    assert len(ABUSE) >= 230 and len(QUIET) >= 60
    assert {row["lang"] for row in ROWS} == set(LANGS)
    assert all(sum(row["lang"] == lang for row in ABUSE) >= 38 for lang in LANGS)
    assert {row["probe"] for row in ROWS} == {"probe1", "probe2", "probe3", "stress"}


def test_disclosures_are_heard() -> None:
    problems = [(row["lang"], row["text"], problem) for row in ABUSE
                if (problem := ev.disclosure_problem(row)) is not None]
    assert not problems, problems


def test_look_alikes_stay_quiet() -> None:
    fired = ev.set_off(QUIET)
    assert not fired, fired
