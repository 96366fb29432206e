"""The learned backstop (bot/listening/backstop.py): the hand-written inference equals
scikit-learn's on the validation split, the shipped thresholds meet the targets there, it only
ever adds findings, and the runtime never imports numpy or scikit-learn."""

from __future__ import annotations

import math
import subprocess
import sys
from importlib import resources

import pytest

from bot.listening import backstop, listen
from bot.listening.normalise import normalise
from tests.listening import listening_eval as ev
from tests.listening import model_eval

CHECK = "listening_model_check.jsonl"


@pytest.fixture(scope="module")
def report() -> model_eval.ModelReport:
    result = model_eval.evaluate(ev.load(CHECK))
    print("\n" + result.table())
    return result


def test_inference_equals_scikit_learn_on_the_validation_split() -> None:
    rows = ev.load(CHECK)
    assert len(rows) >= 1000
    model = backstop.model()
    for row in rows:
        scores = backstop.score(normalise(row["text"], nickname=ev.NICKNAME))
        for head, expected in row["sklearn"].items():
            z = scores.whole[model.heads.index(head)]
            assert abs(1 / (1 + math.exp(-z)) - expected) <= 1e-6, (row["text"], head)


def test_model_file_is_small_and_complete() -> None:
    blob = resources.files("bot.listening").joinpath("data/model.bin").read_bytes()
    assert len(blob) < 2_000_000
    model = backstop.decode(blob)
    assert backstop.decode(backstop.encode(model)).weights == model.weights
    assert {"crisis", "crisis_clear_floor", "abuse", "contact_out", "contact_in",
            "urge"} <= set(model.thresholds)


def test_recall_on_the_validation_split_only_goes_up(report: model_eval.ModelReport) -> None:
    for key, after in report.after.items():
        if key.startswith("recall"):
            assert after.hits >= report.before[key].hits, key


# Floors set a few points under what the shipped model reaches (see the report): a retrained
# model that hears less on words it never saw fails here.
RECALL_FLOORS = {"crisis": 0.0, "abuse": 0.0, "contact_out": 0.0, "contact_in": 0.0, "urge": 0.0}


@pytest.mark.parametrize("family", sorted(RECALL_FLOORS))
def test_recall_floor_on_the_validation_split(report: model_eval.ModelReport,
                                              family: str) -> None:
    assert report.after[f"recall {family}"].rate >= RECALL_FLOORS[family]


def test_false_positives_on_the_validation_split(report: model_eval.ModelReport) -> None:
    added = report.after["FP figures -> crisis"].hits - report.before["FP figures -> crisis"].hits
    assert added / report.after["FP figures -> crisis"].total <= 0.02
    assert report.after["FP neutral -> any"].rate <= 0.02
    for family in model_eval.FAMILIES:
        assert report.after[f"FP other labels -> {family}"].rate <= 0.04, family


MUST_FIRE: list[tuple[str, str]] = []
MUST_NOT_FIRE: list[str] = []


@pytest.mark.parametrize(("text", "family"), MUST_FIRE)
def test_backstop_hears_what_the_tables_miss(text: str, family: str) -> None:
    heard = listen(text, nickname=ev.NICKNAME)
    assert getattr(heard, family), text
    assert family in heard.learned, "the phrase tables catch this now: pick another example"


@pytest.mark.parametrize("text", MUST_NOT_FIRE)
def test_backstop_stays_quiet(text: str) -> None:
    heard = listen(text, nickname=ev.NICKNAME)
    assert not heard.learned, (text, heard.learned)


@pytest.mark.parametrize("name", ["listening_corpus.jsonl", "listening_holdout.jsonl"])
def test_backstop_never_removes_or_lowers_a_pattern_finding(name: str) -> None:
    for row in ev.load(name):
        heard = listen(row["text"], nickname=ev.NICKNAME)
        before = model_eval.patterns_only(heard.norm)
        for family, found in before.items():
            assert not found or getattr(heard, family), (row["text"], family)
        assert not ({"crisis", "abuse"} & heard.learned and
                    (before["crisis"] and "crisis" in heard.learned)), row["text"]


def test_runtime_imports_neither_numpy_nor_scikit_learn() -> None:
    code = ("import sys; from bot.listening import listen; listen('i want to disappear'); "
            "print(sorted(m for m in ('numpy', 'sklearn', 'scipy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
