"""Round 16, contact (listening_round16_contact.jsonl): contact with the ex and the urge to reach
out, told as people write at 2 a.m., in English and the six other languages. English was already
heard; Spanish, Portuguese, German, French, Italian and Dutch had no table at all (the learned
backstop did not hear them either) and now have constructions in data/contact.json and
data/urge.json: "le escribí anoche", "mandei mensagem pra ele", "ich hab ihm geschrieben", "je lui
ai écrit", "gli ho scritto", "ik heb hem geappt"; "me escribió", "ele me ligou", "er hat mir
geschrieben", "il m'a écrit", "mi ha scritto", "hij belde me"; "quiero escribirle", "devo ligar
pra ela?", "soll ich sie anrufen", "j'ai envie de lui écrire", "voglio scrivergli", "moet ik haar
bellen". The same verbs about a mum, a boss, a friend or a doctor stay quiet, and so do the past
before the breakup, a wish, a dream, a near miss, a letter never to be sent and "me llamo Ana"."""

from __future__ import annotations

import pytest

from bot.listening import listen
from tests.listening import listening_eval as ev

ROWS = ev.load("listening_round16_contact.jsonl")
OUT = [row["text"] for row in ROWS if row["label"] == "contact_out"]
IN = [row["text"] for row in ROWS if row["label"] == "contact_in"]
URGES = [row["text"] for row in ROWS if row["label"] == "urge"]
QUIET = [row["text"] for row in ROWS if row["label"] == "neutral"]
LANGS = ("en", "es", "pt", "de", "fr", "it", "nl")


def test_the_rows_are_there() -> None:
    assert len(OUT) >= 70 and len(IN) >= 70 and len(URGES) >= 70 and len(QUIET) >= 100
    for label in ("contact_out", "contact_in", "urge", "neutral"):
        assert {row["lang"] for row in ROWS if row["label"] == label} == set(LANGS)


@pytest.mark.parametrize("text", OUT)
def test_each_slip_is_heard(text: str) -> None:
    assert listen(text, nickname=ev.NICKNAME).contact_out


@pytest.mark.parametrize("text", IN)
def test_each_contact_from_the_ex_is_heard(text: str) -> None:
    assert listen(text, nickname=ev.NICKNAME).contact_in


@pytest.mark.parametrize("text", URGES)
def test_each_urge_is_heard(text: str) -> None:
    assert listen(text, nickname=ev.NICKNAME).urge is not None


def test_look_alikes_stay_quiet() -> None:
    assert ev.set_off(QUIET) == []


@pytest.mark.parametrize("text", [
    "mi amiga me llamo anoche", "hola me llamo ana", "minha mae me ligou",
    "meine mutter hat mich angerufen", "ma mere m a appele", "mia sorella mi ha chiamato",
    "mijn moeder heeft me gebeld", "me tomé las pastillas que me mandó el médico",
])
def test_someone_else_reaching_the_user_is_not_the_ex(text: str) -> None:
    assert not listen(text, nickname=ev.NICKNAME).contact_in


@pytest.mark.parametrize("text", ["la lame est à côté de moi sur le lit", "j'ai la lame dans la main"])
def test_a_french_blade_is_not_a_spanish_call(text: str) -> None:
    assert not listen(text, nickname=ev.NICKNAME).contact_out
