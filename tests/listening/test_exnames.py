"""The ex by a first name that is not the registered nickname (bot/listening/exnames.py and its
place in the pipeline), held to the figures of tests/data/listening_round9_n9names.jsonl."""

from __future__ import annotations

import json
from pathlib import Path

from bot.listening import exnames, listen
from bot.listening.normalise import normalise
from bot.listening.pipeline import Moment, Spec, decide, hear

FILE = Path(__file__).resolve().parent.parent / "data" / "listening_round9_n9names.jsonl"
NICKNAME = "Alex"


def _rows() -> list[dict[str, str]]:
    lines = FILE.read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip() and not line.startswith("//")]


def _ok(row: dict[str, str]) -> bool:
    heard = listen(row["text"], nickname=NICKNAME)
    act = decide(row["text"], heard, Moment()).act
    label = row["label"]
    if label.startswith("ask_ex:"):
        return act == "ask_ex" and heard.maybe_ex is not None and heard.maybe_ex[0] == label[7:]
    if label == "quiet":
        return not (heard.contact_out or heard.contact_in or heard.urge or heard.abuse
                    or heard.maybe_ex)
    return bool(getattr(heard, label))


def test_round9_figures() -> None:
    floors = {"apposition": 1.0, "bare": 0.95, "lookalike": 1.0}
    for kind, floor in floors.items():
        rows = [r for r in _rows() if r["kind"] == kind]
        misses = [r["text"] for r in rows if not _ok(r)]
        assert rows and 1 - len(misses) / len(rows) >= floor, (kind, misses)


def test_apposition_reads_the_name_as_the_ex() -> None:
    for text in ("jake (my ex) texted me", "maria, my ex, called me", "my ex-boyfriend tyler",
                 "dylan my ex", "my ex gf chloe", "ryan (ex)", "my ex husband Mark"):
        norm = normalise(text)
        word = exnames.apposition(norm)
        assert word is not None, text
        assert "exname" in exnames.as_ex(norm, word).squeezed.split(), text
    assert exnames.as_ex(normalise("jake (my ex) texted me"), "jake").squeezed == "exname texted me"
    for text in ("my ex boyfriend will not stop calling", "my ex texted me", "lol, my ex"):
        assert exnames.apposition(normalise(text)) is None, text


def test_names_in_lowercase_but_not_words() -> None:
    assert exnames.candidates(normalise("i texted jake")) == ["jake"]
    assert exnames.candidates(normalise("liked toms story")) == ["tom"]
    for text in ("i will call you", "i have been texting", "i need to call", "we talked this week",
                 "we met up on Sunday", "i texted grace"):  # "grace" only capitalised
        assert exnames.candidates(normalise(text)) == [], text
    assert exnames.candidates(normalise("honestly i texted Grace")) == ["grace"]
    for text in ("my sister maria called me", "jake my friend texted", "my boss tom rang"):
        assert exnames.candidates(normalise(text)) == [], text
    assert exnames.display("liked toms story", "tom") == "Tom"


def test_the_ask_comes_before_contact_and_never_over_what_the_question_expects() -> None:
    heard = listen("i slept with sam again", nickname=NICKNAME)  # the table's name slot
    assert heard.maybe_ex == ("out", "Sam")
    assert decide("", heard, Moment()).act == "ask_ex"
    writing = Spec(expects=frozenset({"contact_out", "contact_in", "urge"}))
    assert decide("", heard, Moment(spec=writing)).act == "answer"
    assert decide("", heard, Moment(reading="detect")).act != "ask_ex"
    # the ex by other words: no question about the name
    assert hear("he texted me last night and then i called jake to vent", Moment(),
                nickname=NICKNAME).act \
        == "contact_in"
    # a self-harm statement beside a name is heard first, never hidden by the question
    assert hear("i texted jake and now i want to kill myself", Moment(),
                nickname=NICKNAME).act in ("crisis", "crisis_possible")
