"""Round 21, someone else in danger (listening_round21_r21others.jsonl): a user who tells the bot
about another person's crisis, self-harm or abuse ("my friend told me she wants to kill herself",
"my sister has been cutting herself again", "minha irmã tomou um monte de comprimidos", "le copain
de mon amie la frappe") is heard as `someone_else` (bot/listening/detectors/others.py, table
data/others.json), never as their own crisis or abuse; the user's own crisis in the same message
still wins ("... and honestly so do i", "i want to kill myself too", "i have her pills"); the
ex's threat to harm himself to control the user stays abuse; look-alikes stay quiet. Families:
the reflexive act in the third person (kill/cut/hurt/hang/overdose + herself/himself, "se quiere
suicidar", "quer se matar", "sich umbringen", "veut se suicider", "uccidersi", "zichzelf"), a
third person's wish, attempt, plan, pills taken or stockpiled, self-harm, being suicidal, a
goodbye note, "nothing to live for", "better off without her", "can't do this anymore", "scared
he'll do something"; abuse by someone else's partner ("her boyfriend hits her", "is being abused
by her bf", "le pega su novio", "der Freund meiner Schwester schlägt sie", "wordt geslagen door
haar vriend"), an injury "her husband gave her", hands around her neck. The subject must be
someone named (a relation word of the seven languages, a first name, the ex), never the user."""

from __future__ import annotations

from bot.listening import listen
from tests.listening import listening_eval as ev

ROWS = ev.load("listening_round21_r21others.jsonl")
OTHERS = [row for row in ROWS if row["label"].startswith("someone_else_")]
OWN_CRISIS = [row["text"] for row in ROWS if row["label"] == "crisis"]
OWN_ABUSE = [row["text"] for row in ROWS if row["label"] == "abuse"]
QUIET = [row["text"] for row in ROWS if row["label"] == "neutral"]


def test_the_rows_are_there() -> None:
    assert len(OTHERS) >= 90 and len(OWN_CRISIS) >= 10 and len(QUIET) >= 35
    assert {row["lang"] for row in OTHERS} == {"en", "es", "pt", "de", "fr", "it", "nl"}
    assert {row["probe"] for row in ROWS} == {"probe1", "probe2", "probe3"}


def test_someone_elses_danger_is_heard_as_theirs() -> None:
    wrong = []
    for row in OTHERS:
        heard = listen(row["text"], nickname=ev.NICKNAME)
        found = heard.someone_else
        if (found is None or f"someone_else_{found.kind}" != row["label"]
                or heard.crisis is not None or heard.abuse is not None):
            wrong.append((row["text"], found, heard.crisis, heard.abuse))
    assert not wrong, wrong


def test_the_users_own_crisis_in_the_same_message_wins() -> None:
    missed = [text for text in OWN_CRISIS if ev.crisis_tier(text) is None]
    assert not missed, missed


def test_the_exs_threat_stays_abuse() -> None:
    wrong = [text for text in OWN_ABUSE
             if (heard := listen(text, nickname=ev.NICKNAME)).abuse is None
             or heard.crisis is not None]
    assert not wrong, wrong


def test_look_alikes_stay_quiet() -> None:
    fired = [text for text in QUIET if listen(text, nickname=ev.NICKNAME).someone_else is not None]
    assert not fired + ev.set_off(QUIET), fired + ev.set_off(QUIET)


def test_every_rule_has_trigger_words() -> None:
    """detectors/others.py decides a message without any of its rules' trigger words at once:
    a rule without trigger words would never be tried there."""
    from bot.listening.detectors import others

    assert all(rule.triggers for rules in (others._CRISIS, others._ABUSE) for rule in rules.rules)


def test_the_pipeline_answers_it_after_the_users_own_and_before_contact() -> None:
    from bot.listening.pipeline import Moment, Spec, hear

    waiting = Moment(spec=Spec(accepts_disclosure=True))
    assert hear("my friend took a bunch of pills", Moment()).act == "someone_else"
    assert hear("my sister's husband hits her", waiting).act == "someone_else"  # never the answer
    assert hear("my friend took pills and i want to die too", Moment()).act == "crisis"
    assert hear("my ex hits me and my sister is being abused by her bf", Moment()).act == "abuse"
    assert hear("my ex texted me that he took pills", Moment()).act == "someone_else"
    assert hear("my friend told me she wants to kill herself", Moment(crisis_mode=True)).act == (
        "someone_else")
