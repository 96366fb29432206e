"""Round 21, abuse disclosures about the ex in seven languages (listening_round21_r21abuse.jsonl):
probe 1 (written before the tables were read), dev rows and probe 2 (fresh, scored once before
its fixes), in chat spelling, with look-alikes and someone else's abuse ("thirdparty", neutral).

Fixed as families. detectors/abuse.py: a negation right after the words ("il me controlait pas
du tout", "hij controleerde me helemaal niet"; never "pas que", "nicht nur", nor after "wenn ich"
or "zodat ik", where the negation is the condition's); someone else's partner named before the
words with nothing of the user after ("le copain de ma soeur la frappe", "el ex de mi amiga la
amenazo", data "someone_elses"); control told after a parent or boss the message began with, no
word for the ex and no "but" between ("mi papa era super estricto, no me dejaba salir"). heard.py:
the learned backstop's abuse guess is dropped on a clause whose every abuse word is negated ("er
hat mich nie bedroht", "hij heeft me nooit bedreigd"; not beside a word of permission: "ich
durfte mich nicht mit meinen freundinnen treffen"), or someone else's, or a parent's
strictness; a clause with "but" is weighed part by part and the rest scored again ("he never hit
me but he'd punch walls and scream..." stands, "...but he just ignored me" does not).
data/abuse.json: isolation from friends told with ir + gerund and its kin (es "me fue alejando de
mis amigas", pt "foi me afastando das minhas amigas", it "mi ha allontanata dalle mie amiche", nl
"me van mijn vriendinnen afgepakt"); coercion told by "forced me" alone at a clause's end (pt
"me forcava", fr "m'a forcee", it "mi costringeva", es, de, nl); pt-PT "dava-me estalos"; fr
"serre le cou"; nl "dat ik ga boeten", "(hij) ... schreeuwde dat ik er spijt van zou krijgen"; es
"me iba a arrepentir", "no me voy a librar de el", "estaba afuera esperandome"; "threatened to
leave / break up" quiet in six languages; a relative's "made/forced me" no longer hides "my ex
forced me" (the gap never holds the ex). Probe 2 and 3, in every language: "if i get with someone
else i'll regret it / it'll go badly" told by the ex; saying no and being nagged until giving in
(one clause or two); fear when a car, scooter or voice "like his" goes by; his car parked at my
door; logging into my accounts and writing as me; deleting contacts; counting outings; weapons
held in fights; "she/her husband hits her" (la/le/nela/sie/haar) as someone else's; joke threats
about fries or a series, a song or nostalgia that "m'a frappee", a hangover that "schlaegt mich"
stay quiet. A short negated clause with no word of abuse ("hij heeft me nooit aangeraakt") is
denied to the backstop too, never beside "let", "allowed" or "stop" ("he never let me")."""

from __future__ import annotations

from tests.listening import listening_eval as ev

ROWS = [row for row in ev.load("listening_round21_r21abuse.jsonl") if not row.get("left")]
ABUSE = [row for row in ROWS if row["label"] == "abuse"]
QUIET = [row["text"] for row in ROWS if row["label"] == "neutral"]
LANGS = {"en", "es", "pt", "de", "fr", "it", "nl"}


def test_the_rows_are_there() -> None:
    assert len(ABUSE) >= 7 * 12 and len(QUIET) >= 7 * 5
    assert {row["lang"] for row in ABUSE} == LANGS
    assert {row["probe"] for row in ROWS} >= {"probe1", "probe2", "probe3"}
    assert any(row["kind"] == "thirdparty" for row in ROWS)


def test_disclosure_is_heard() -> None:
    problems = [(row["text"], problem) for row in ABUSE
                if (problem := ev.disclosure_problem(row)) is not None]
    assert not problems, problems


def test_look_alikes_and_someone_elses_abuse_stay_quiet() -> None:
    fired = ev.set_off(QUIET)
    assert not fired, fired
