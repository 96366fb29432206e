"""The labelled corpus (tests/data/listening_corpus.jsonl) against the issue's thresholds, run on
the pure detectors and parsers. Prints a per-label table (pytest -s to see it)."""

import pytest

from bot.listening.detectors import abuse, contact, crisis, meta, urge
from bot.listening.normalise import normalise
from tests.halves import share
from tests.listening import listening_eval as ev

FILE = "listening_corpus.jsonl"


@pytest.fixture(scope="module")
def report() -> ev.Report:
    result = ev.evaluate(ev.load(FILE))
    print("\n" + result.table(FILE))
    return result


def test_corpus_is_big_enough() -> None:
    rows = ev.load("listening_corpus.jsonl")
    assert len(rows) >= 600
    for lang in ("es", "pt", "de", "fr", "it", "nl"):
        in_lang = [r for r in rows if r["label"].startswith("crisis_") and r["lang"] == lang]
        assert len(in_lang) >= 25 and {r["tier"] for r in in_lang} == {"clear", "possible"}


def test_crisis_recall(report: ev.Report) -> None:
    groups = report.groups
    assert groups["crisis: all"].rate >= 0.95, groups["crisis: all"].misses
    direct = groups["crisis: direct statements"]
    assert direct.rate == 1.0, direct.misses
    for lang in ("en", "es", "pt", "de", "fr", "it", "nl"):
        score = groups[f"crisis: lang {lang}"]
        assert score.rate >= 0.90, (lang, score.misses)


def test_figures_of_speech_rarely_set_off_crisis(report: ev.Report) -> None:
    score = report.groups["figure of speech -> crisis"]
    fired = [r["text"] for r in ev.load(FILE)
             if r["label"] == "figure_of_speech" and r["text"] not in score.misses]
    assert score.rate <= 0.03, fired


def test_neutral_never_sets_off_clear_crisis(report: ev.Report) -> None:
    score = report.groups["neutral -> crisis clear"]
    assert score.hits == 0


@pytest.mark.parametrize("label", ["abuse", "contact_out", "contact_in", "urge"])
def test_event_recall(report: ev.Report, label: str) -> None:
    assert report.labels[label].rate >= 0.90, report.labels[label].misses


def test_questions_about_the_bot(report: ev.Report) -> None:
    score = report.groups["meta: all"]
    assert score.total >= 20 and score.rate >= 0.90, score.misses


def test_control_words_and_non_names_all(report: ev.Report) -> None:
    for label, score in report.labels.items():
        if label.startswith("control_") or label == "non_name":
            assert score.rate == 1.0, (label, score.misses)


@pytest.mark.parametrize("group", ["scale", "date", "city", "yesno", "pronoun", "name"])
def test_typed_answers(report: ev.Report, group: str) -> None:
    score = report.groups[f"answers: {group}"]
    assert score.rate >= 0.90, score.misses


def test_neutral_false_positive_rate_is_low(report: ev.Report) -> None:
    for name in ev.DETECTORS:
        assert report.fired_on_neutral[name].rate <= 0.05, (name, report.fired_on_neutral[name])


@pytest.mark.parametrize("name", ["listening_corpus.jsonl", "listening_holdout.jsonl",
                                  "listening_dev.jsonl"])
def test_trigger_index_never_changes_a_result(name: str) -> None:
    """Rules run only when one of their trigger words occurs; trying every rule must agree (on
    this run's half of the rows: tests/halves.py)."""
    for row in share(ev.load(name)):
        norm = normalise(row["text"], nickname=ev.NICKNAME)
        assert crisis.detect(norm) == crisis.detect(norm, exhaustive=True), row["text"]
        assert abuse.detect(norm) == abuse.detect(norm, exhaustive=True), row["text"]
        assert contact.outgoing(norm) == contact.outgoing(norm, exhaustive=True), row["text"]
        assert contact.incoming(norm) == contact.incoming(norm, exhaustive=True), row["text"]
        assert urge.detect(norm) == urge.detect(norm, exhaustive=True), row["text"]
        assert meta.detect(norm) == meta.detect(norm, exhaustive=True), row["text"]
