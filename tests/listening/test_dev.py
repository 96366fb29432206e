"""The dev set (tests/data/listening_dev.jsonl) against the same thresholds as the corpus.

It was written from public material before this round's tables changed and measured once (the
first figures are in listening_corpus.SOURCES.md); the tables were tuned on it afterwards, so it
guards against losing what was learnt, not against new wordings (that is the holdout's job).
The threshold tests are the corpus test's own functions, run here on this set's report."""

import pytest

from tests.listening import listening_eval as ev
from tests.listening.test_corpus import (  # noqa: F401  (collected here, on the dev report)
    test_crisis_recall,
    test_event_recall,
    test_neutral_false_positive_rate_is_low,
    test_neutral_never_sets_off_clear_crisis,
    test_questions_about_the_bot,
)

FILE = "listening_dev.jsonl"


@pytest.fixture(scope="module")
def report() -> ev.Report:
    result = ev.evaluate(ev.load(FILE))
    print("\n" + result.table(FILE))
    return result


def test_dev_set_is_big_enough() -> None:
    rows = ev.load(FILE)
    assert len(rows) >= 600
    for lang in ("es", "pt", "de", "fr", "it", "nl"):
        in_lang = [r for r in rows if r["label"].startswith("crisis_") and r["lang"] == lang]
        assert len(in_lang) >= 25 and {r["tier"] for r in in_lang} == {"clear", "possible"}


def test_figures_of_speech_rarely_set_off_crisis(report: ev.Report) -> None:
    score = report.groups["figure of speech -> crisis"]
    assert score.rate <= 0.03, [r["text"] for r in ev.load(FILE)
                                if r["label"] == "figure_of_speech" and r["text"] not in score.misses]
