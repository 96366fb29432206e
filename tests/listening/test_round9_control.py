"""Round 9 (listening_round9_u9control.jsonl): urges, control words, names and their look-alikes,
written as people type them at 2 a.m. (first-run figures in the file's comment line). Sets u, c,
n and l were run once on the unchanged tables and then tuned on; set p probes the same control
words in more spellings, fillers, emoji and softeners, and its 'neutral_control' rows are answers
that must stay answers ("doesnt matter", "moving on", "delete it", "ignore him")."""

from __future__ import annotations

from bot.listening import listen
from bot.listening.detectors import control
from tests.listening import listening_eval as ev

ROWS = ev.load("listening_round9_u9control.jsonl")
SCORED = [row for row in ROWS if row["label"] != "neutral_control"]
# Every label heard in full but one cancel: "nm" alone is also "not much" in chat, left out of
# the tables on purpose.
FLOORS = {"urge": 1.0, "name": 1.0, "non_name": 1.0, "control_skip": 1.0, "control_cancel": 0.98,
          "control_back": 1.0, "control_menu": 1.0, "control_help": 1.0, "control_unsure": 1.0}


def test_round9_figures() -> None:
    report = ev.evaluate(SCORED)
    print("\n" + report.table("round 9 u9control"))
    for label, floor in FLOORS.items():
        score = report.labels[label]
        assert score.total and score.rate >= floor, (label, score.rate, score.misses)


def test_round9_look_alikes_stay_quiet() -> None:
    """Sentences holding a control word ("i cant go back to him", "help me stop thinking about
    her"), texting someone else or long ago, and kind talk that once got the crisis question
    ("nvm him, hes not worth it", "is there a way to stop feeling so jealous") set off nothing."""
    report = ev.evaluate(SCORED)
    neutral = report.labels["neutral"]
    assert neutral.total >= 35 and neutral.rate == 1.0, neutral.misses


def test_round9_answers_stay_answers() -> None:
    rows = [row["text"] for row in ROWS if row["label"] == "neutral_control"]
    assert rows and [text for text in rows if control.detect(text) is not None] == []


def test_self_harm_beside_the_new_exclusions_is_still_heard() -> None:
    """The ex 'not worth it' and a wish to stop an everyday feeling are quiet; the same words
    about one's own life are not."""
    for text in ("life without him is not worth it", "he is not worth living for",
                 "im not worth it", "i want to stop feeling so worthless",
                 "is there a way to just stop existing", "i just want everything to stop",
                 "nvm him, i want to die"):
        assert listen(text, nickname="Alex").crisis is not None, text
