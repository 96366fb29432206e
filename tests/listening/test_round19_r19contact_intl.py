"""Round 19, contact in six languages (listening_round19_r19contact_intl.jsonl): "I contacted
them", "they contacted me" and the urge to reach out in Spanish, Portuguese (Brazil and
Portugal), German, French, Italian and Dutch, and look-alikes that stay quiet. Fixed as families
in data/contact.json and data/urge.json: app verbs ("lo whatsappeé", "il m'a snappé", "le envié
un correo"); Portugal's enclitics ("liguei-lhe", "enviei-lhe", "ligou-me", "mandou-me mensagem",
"apetece-me ligar-lhe"); reflexive meetings and talks ("volvimos a acostarnos", "nos vimos el
sábado", "voltamos a falar", "wir haben uns getroffen", "on s'est reparlé", "ci siamo rivisti",
"we hebben elkaar weer gezien"); going to their place ("fui na casa dele", "ich war bei ihm",
"je suis allée chez lui", "sono andata da lui", "ik ben naar zijn huis gegaan"); the German
Präteritum ("ich rief ihn an") and verb-second ("plötzlich hat er sich gemeldet", "gestern hat
mich Tim angerufen"; "hat" now opens a question, so "hat er mir geschrieben?" stays quiet);
unblocking; French chat "il ma écrit"; watching all my stories; "hij stond voor de deur";
"contact met haar opgenomen"; new desires ("estoy por", "hab so Bock", "faut que je lui parle",
"quasi quasi gli scrivo", "ik wil met hem praten") and a draft ready to send or a finger over
send. "ni"/"nem" (not even) cancel a contact match. Quiet: films ("quiero verlo"), a game
relaunched, a Google search, "wir haben uns getrennt", "de zomer staat voor de deur", a rider
and a gym boy who followed me, a mother who watches my stories ("mia madre" is no name)."""

from __future__ import annotations

import pytest

from bot.listening import listen
from tests.listening import listening_eval as ev

ROWS = ev.load("listening_round19_r19contact_intl.jsonl")
HEARD = [row for row in ROWS if row["label"] != "neutral"]
QUIET = [row["text"] for row in ROWS if row["label"] == "neutral"]
LANGS = {"es", "pt", "de", "fr", "it", "nl"}


def test_the_rows_are_there() -> None:
    assert len(HEARD) >= 300 and len(QUIET) >= 150
    for label in ("contact_out", "contact_in", "urge", "neutral"):
        assert {row["lang"] for row in ROWS if row["label"] == label} == LANGS
    assert {row["batch"] for row in ROWS} == {"probe1", "probe2", "stress"}


@pytest.mark.parametrize("row", HEARD, ids=lambda row: f"{row['label']}:{row['text'][:40]}")
def test_each_is_heard(row: dict[str, str]) -> None:
    heard = listen(row["text"], nickname=ev.NICKNAME)
    label = row["label"]
    if label == "urge":
        assert heard.urge is not None, row["text"]
    elif row.get("ex_by") == "first_name":
        assert heard.maybe_ex is not None and heard.maybe_ex[0] == label.removeprefix("contact_"), row["text"]
    else:
        assert getattr(heard, label), row["text"]


def test_look_alikes_stay_quiet() -> None:
    assert ev.set_off(QUIET) == []
    heard_in = [text for text in QUIET if (heard := listen(text, nickname=ev.NICKNAME)).contact_in
                or heard.maybe_ex is not None]
    assert heard_in == []


@pytest.mark.parametrize("text", ["hat er mir geschrieben?", "hat sie mich angerufen?"])
def test_a_german_question_is_no_event(text: str) -> None:
    assert not listen(text, nickname=ev.NICKNAME).contact_in


@pytest.mark.parametrize("text", ["dann hat er mir geschrieben", "heute hat sie mich angerufen",
                                  "er hat mir geschrieben"])
def test_a_german_statement_is_one(text: str) -> None:
    assert listen(text, nickname=ev.NICKNAME).contact_in
