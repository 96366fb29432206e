"""Round 4's set for contact, urge and control words (tests/data/listening_round4_contact.jsonl):
the wordings an outside evaluation found weak (through a friend, story views, gifts and letters,
drive-bys, broken no contact, snap streaks, drafts, thumbs over send, UK and AAVE wordings, control
word variants), written by hand in batches, each run once before the tables were changed for it
(the first figures are in the file's header line), then tuned on. The floors below are the
figures reached, so a later change that loses a family fails here; the neutral and
figure-of-speech rows are near misses that must stay quiet.

Round 5 adds tests/data/listening_round5_contact5.jsonl, scored here the same way: the ex on a
named app or by a name that is not the nickname, money and payment apps, quoted words, calls from
an unknown number, songs and notes, 'would he reply if i messaged', chat open, control help
('what am i supposed to type here'), and urges the message says were overcome ('almost texted him
but put my phone away'), which must stay quiet. Its header line holds each batch's first run."""

import pytest

from bot.listening.detectors import contact, urge
from bot.listening.normalise import normalise
from bot.listening.pipeline import Moment, hear
from tests.listening import listening_eval as ev

FILES = {
    "listening_round4_contact.jsonl": {"contact_out": 1.0, "contact_in": 1.0,
                                       "urge": 0.99},  # urge: "just once" alone stays a miss
    # contact_in: "there was a note under my door this morning, his handwriting" (the note and
    # whose it is sit in two clauses) stays a miss
    "listening_round5_contact5.jsonl": {"contact_out": 1.0, "contact_in": 0.98, "urge": 1.0},
    # round 7: the ex named after "my ex" ("my ex jake texted me"); "jake (my ex) called" and
    # "dan, my ex, rang me at 2am" stay misses (the normaliser splits the name from "my ex")
    "listening_round7_p7otherprec.jsonl": {"contact_out": 1.0, "contact_in": 0.75, "urge": 1.0},
}
KNOWN_MISSES = frozenset({"just once", "there was a note under my door this morning, his handwriting",
                          "jake (my ex) called", "dan, my ex, rang me at 2am"})
FLOORS = [(name, label, floor) for name, floors in FILES.items() for label, floor in floors.items()]
_REPORTS: dict[str, ev.Report] = {}


def _report(name: str) -> ev.Report:
    if name not in _REPORTS:
        _REPORTS[name] = ev.evaluate(ev.load(name))
        print("\n" + _REPORTS[name].table(name))
    return _REPORTS[name]


@pytest.fixture(params=sorted(FILES))
def report(request: pytest.FixtureRequest) -> ev.Report:
    return _report(request.param)


@pytest.mark.parametrize(("name", "label", "floor"), FLOORS)
def test_recall_floor(name: str, label: str, floor: float) -> None:
    score = _report(name).labels[label]
    assert score.rate >= floor, score.misses


def test_control_words_all(report: ev.Report) -> None:
    for label, score in report.labels.items():
        if label.startswith("control_"):
            assert score.rate == 1.0, (label, score.misses)


# Round 7's batch c was run once and not tuned on: "my finger is over the send button for this
# ebay bid" (urge) and two abuse look-alikes (scored in test_round4_abuse.py) stay as found.
ALLOWED_ON_NEUTRAL = {"listening_round7_p7otherprec.jsonl": {"abuse": 2, "urge": 1}}


@pytest.mark.parametrize("name", sorted(FILES))
def test_neutral_rows_set_off_nothing(name: str) -> None:
    report = _report(name)
    allowed = ALLOWED_ON_NEUTRAL.get(name, {})
    fired = {detector: score.hits for detector, score in report.fired_on_neutral.items()
             if score.hits > allowed.get(detector, 0)}
    assert not fired, (fired, report.labels["neutral"].misses)


def test_figures_of_speech_never_crisis(report: ev.Report) -> None:
    assert report.groups["figure of speech -> crisis"].hits == 0


@pytest.mark.parametrize("name", sorted(FILES))
def test_the_pipeline_answers_each_row_as_labelled(name: str) -> None:
    """Order matters: an urge must not be taken for a slip ('im texting him right now' is a
    decision), nor a slip for the ex's message ('he called from a new number and i answered').
    Abuse may come first (stalking is its area)."""
    wrong = []
    for row in ev.load(name):
        if row["label"] not in ("contact_out", "contact_in", "urge"):
            continue
        act = hear(row["text"], Moment(), nickname=ev.NICKNAME).act
        if act != row["label"] and act != "abuse" and row["text"] not in KNOWN_MISSES:
            wrong.append((row["text"], act))
    assert not wrong


@pytest.mark.parametrize("name", sorted(FILES))
def test_trigger_index_never_changes_a_result(name: str) -> None:
    for row in ev.load(name):
        norm = normalise(row["text"], nickname=ev.NICKNAME)
        assert contact.outgoing(norm) == contact.outgoing(norm, exhaustive=True), row["text"]
        assert contact.incoming(norm) == contact.incoming(norm, exhaustive=True), row["text"]
        assert urge.detect(norm) == urge.detect(norm, exhaustive=True), row["text"]
