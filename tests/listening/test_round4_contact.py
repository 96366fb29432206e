"""Round 4's set for contact, urge and control words (tests/data/listening_round4_contact.jsonl):
the wordings an outside evaluation found weak (through a friend, story views, gifts and letters,
drive-bys, broken no contact, snap streaks, drafts, thumbs over send, UK and AAVE wordings, control
word variants), written by hand in batches, each run once before the tables were changed for it
(the first figures are in the file's header line), then tuned on. The floors below are the
figures reached, so a later change that loses a family fails here; the neutral and
figure-of-speech rows are near misses that must stay quiet."""

import pytest

from bot.listening.detectors import contact, urge
from bot.listening.normalise import normalise
from bot.listening.pipeline import Moment, hear
from tests.listening import listening_eval as ev

FILE = "listening_round4_contact.jsonl"
FLOORS = {"contact_out": 1.0, "contact_in": 1.0, "urge": 0.99}  # urge: "just once" alone stays a miss


@pytest.fixture(scope="module")
def report() -> ev.Report:
    result = ev.evaluate(ev.load(FILE))
    print("\n" + result.table(FILE))
    return result


@pytest.mark.parametrize("label", sorted(FLOORS))
def test_recall_floor(report: ev.Report, label: str) -> None:
    assert report.labels[label].rate >= FLOORS[label], report.labels[label].misses


def test_control_words_all(report: ev.Report) -> None:
    for label, score in report.labels.items():
        if label.startswith("control_"):
            assert score.rate == 1.0, (label, score.misses)


def test_neutral_rows_set_off_nothing(report: ev.Report) -> None:
    fired = {name: score.hits for name, score in report.fired_on_neutral.items() if score.hits}
    assert not fired, (fired, report.labels["neutral"].misses)


def test_figures_of_speech_never_crisis(report: ev.Report) -> None:
    assert report.groups["figure of speech -> crisis"].hits == 0


def test_the_pipeline_answers_each_row_as_labelled() -> None:
    """Order matters: an urge must not be taken for a slip ('im texting him right now' is a
    decision), nor a slip for the ex's message. Abuse may come first (stalking is its area)."""
    wrong = []
    for row in ev.load(FILE):
        if row["label"] not in ("contact_out", "contact_in", "urge"):
            continue
        act = hear(row["text"], Moment(), nickname=ev.NICKNAME).act
        if act != row["label"] and act != "abuse" and row["text"] != "just once":
            wrong.append((row["text"], act))
    assert not wrong


def test_trigger_index_never_changes_a_result() -> None:
    for row in ev.load(FILE):
        norm = normalise(row["text"], nickname=ev.NICKNAME)
        assert contact.outgoing(norm) == contact.outgoing(norm, exhaustive=True), row["text"]
        assert contact.incoming(norm) == contact.incoming(norm, exhaustive=True), row["text"]
        assert urge.detect(norm) == urge.detect(norm, exhaustive=True), row["text"]
