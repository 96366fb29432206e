"""Round 10 (tests/data/listening_round10_k10.jsonl, branch k10): contact with the ex both ways,
urges and control words, above all the many ways of typing "skip" (later, too private, not ready
to talk about it, a polite ask, is it required, nothing to put, a lone dash, on to the next one),
with look-alikes: memories ("the first time we kissed"), the ex's new partner, other people's
calls, work and family. Set a was written before any table changed and set b after the first
fixes; each was run once before being tuned on, set c after all fixes and not tuned on (first
runs in the file's header)."""

from __future__ import annotations

from bot.listening import listen
from bot.listening.detectors import control
from tests.listening import listening_eval as ev

FILE = "listening_round10_k10.jsonl"
ROWS = ev.load(FILE)
# urge: two misses left ("i have his number written down, i might use it"; "i'm about to drive
# over there", where "there" names no one)
FLOORS = {"contact_out": 1.0, "contact_in": 1.0, "urge": 0.97, "control_skip": 1.0,
          "control_cancel": 1.0, "control_back": 1.0, "control_menu": 1.0, "control_help": 1.0,
          "control_unsure": 1.0, "control_stop": 1.0}


def test_round10_k10_figures() -> None:
    report = ev.evaluate(ROWS)
    print("\n" + report.table("round 10 k10"))
    for label, floor in FLOORS.items():
        score = report.labels[label]
        assert score.total and score.rate >= floor, (label, score.rate, score.misses)


def test_round10_k10_look_alikes_stay_quiet() -> None:
    """Memories of contact, the ex's new partner, friends' and family's calls, work messages and
    sentences that hold a control word set off nothing."""
    report = ev.evaluate(ROWS)
    neutral = report.labels["neutral"]
    assert neutral.total >= 70 and neutral.rate == 1.0, neutral.misses


def test_sentences_beside_the_new_skip_phrases_stay_sentences() -> None:
    """A refusal to answer is skip; the same verbs about the ex, a feeling or a crisis are not."""
    for text in ("i can't do this anymore", "i cant do this", "i don't want to talk about him",
                 "i dont want to think about it", "i can't say i miss him", "i wont reply to him",
                 "i dont want to reply to him", "later", "maybe later", "not now", "moving on",
                 "private school", "he's too personal with my friends",
                 "i want to come back to this later"):
        assert control.detect(text) is None, text
    assert listen("i can't do this anymore", nickname="Alex").crisis is not None


def test_the_whole_thing_later_is_cancel_one_question_later_is_skip() -> None:
    assert control.detect("can we do this later") == "cancel"
    assert control.detect("i'll finish this later") == "cancel"
    assert control.detect("ask me later") == "skip"
    assert control.detect("can i answer this later") == "skip"
    assert control.detect("i'd rather not say if that's ok") == "skip"  # a polite tail
