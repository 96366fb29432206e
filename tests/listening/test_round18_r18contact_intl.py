"""Round 18, contact in six languages (listening_round18_r18contact_intl.jsonl): "I contacted
them", "they contacted me" and the urge to reach out in Spanish, Portuguese, German, French,
Italian and Dutch, typed as people type them, and look-alikes that stay quiet. Fixed as families
in data/contact.json, data/urge.json and the detectors: present-tense habits ("me sigue
escribiendo", "vive escribiéndome", "er schreibt mir jeden Tag", "il m'écrit tous les jours",
"continua a scrivermi", "hij blijft me appen", "ele não para de me mandar mensagem", "ich schreib
ihm jeden Tag"), guarded by the words of the time before the breakup and by "si"/"s'il"/"se"/
"wenn"/"als" in front; a question whose only sign is its "?" ("le escribo?", "je l'appelle ?",
"gli scrivo?", "bel ik haar?"), tried as a whole clause only when the message holds a "?", and a
draft's "lo mando?" only beside a word for a message with no one else named; bare "la llamé",
read as "la yame" where the text had the double l, so French "la lame" stays quiet; meeting up
("quedé con él", "on s'est revus pour parler", "ci siamo visti per un caffè"); the nickname or a
first name in every language's slots (the bot asks whether the name is the ex: `ex_by`);
German and Dutch inverted order ("hab ich dann doch Lisa angerufen"). Quiet: a mum, grandmother,
son or boss who writes every day, "ya no me escribe", "il m'écrit plus", "me sigue doliendo"
(no longer stalking), "ho chiamato mia madre" (Mia is no name there), a CV or cover letter."""

from __future__ import annotations

import pytest

from bot.listening import listen
from tests.listening import listening_eval as ev

ROWS = ev.load("listening_round18_r18contact_intl.jsonl")
HEARD = [row for row in ROWS if row["label"] != "neutral"]
QUIET = [row["text"] for row in ROWS if row["label"] == "neutral"]
LANGS = {"es", "pt", "de", "fr", "it", "nl"}


def test_the_rows_are_there() -> None:
    assert len(HEARD) >= 320 and len(QUIET) >= 130
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


@pytest.mark.parametrize("text", ["j'ai aiguisé la lame", "la lame de fond", "une lame de rasoir"])
def test_french_la_lame_is_no_spanish_call(text: str) -> None:
    assert not listen(text, nickname=ev.NICKNAME).contact_out


@pytest.mark.parametrize("text", ["le escribo", "je l'appelle", "bel ik haar", "gli scrivo"])
def test_without_its_question_mark_a_bare_clause_is_no_urge(text: str) -> None:
    assert listen(text, nickname=ev.NICKNAME).urge is None
