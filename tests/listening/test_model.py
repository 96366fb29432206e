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
    # 107,000 features x 13 heads of float32 after round 6; 131,000 after round 14 (52,000
    # rows; weights under 0.03 in every head dropped, was 0.02)
    assert len(blob) < 7_500_000
    model = backstop.decode(blob)
    # Rows stay in the file's float32 array until a word asks for one (backstop.Weights).
    assert isinstance(model.weights, backstop.Weights)
    key = next(iter(model.weights))
    assert model.weights[key] == model.weights.get(key) and len(model.weights[key]) == len(
        model.heads)
    assert model.weights.get(-1) is None
    assert backstop.decode(backstop.encode(model)).weights == model.weights
    assert {"crisis", "crisis_clear_floor", "abuse", "contact_out", "contact_in",
            "urge"} <= set(model.thresholds)


def test_recall_on_the_validation_split_only_goes_up(report: model_eval.ModelReport) -> None:
    for key, after in report.after.items():
        if key.startswith("recall"):
            assert after.hits >= report.before[key].hits, key


# Floors set a few points under what the shipped model reaches (see the report): a retrained
# model that hears less on words it never saw fails here.
# (Round 5 added some 7,000 hand-written lines, a fifth held out here: contact_in and urge
# were 0.88 and 0.80 on the smaller split before; on the new one the shipped model reaches
# 0.762 and 0.766.)
# (Round 6 added 7,800 more, a fifth held out here, most of them kinds the tables missed when
# they were written (abuse in six languages heard 26-43% by the tables): on the new split the
# shipped model reaches abuse 0.593 and contact_out 0.769, where the old floors were 0.70 and
# 0.78 on the smaller one. The sealed outside set heard more of both after the retrain.)
RECALL_FLOORS = {"crisis": 0.67, "abuse": 0.57, "contact_out": 0.75, "contact_in": 0.73,
                 "urge": 0.73}


@pytest.mark.parametrize("family", sorted(RECALL_FLOORS))
def test_recall_floor_on_the_validation_split(report: model_eval.ModelReport,
                                              family: str) -> None:
    assert report.after[f"recall {family}"].rate >= RECALL_FLOORS[family]


def test_false_positives_on_the_validation_split(report: model_eval.ModelReport) -> None:
    """Ceilings at what the shipped thresholds give (see the report), under the issue's."""
    figures = "FP figures -> crisis"
    added = report.after[figures].hits - report.before[figures].hits
    assert added / report.after[figures].total <= 0.025
    # Round 5's held-out lines include some 800 look-alikes written to be hard ("on the bridge,
    # the traffic is mad", hay-fever tablets from the chemist): the tables alone fire on 64 of
    # 811 (7.9%), the backstop adds 12 (1.5%). The ceilings: the backstop adds at most 2% of
    # the neutral rows, and the whole at most 10%; on other labels at most 1.5% per family.
    # Round 6 let the crisis backstop add 2% of the training look-alikes (was 1%,
    # tools/listening_thresholds.py) and held out 1,196 neutral rows, even harder ones: the
    # tables fire on 7.9%, the backstop adds 28 (2.3%), only ever the kind question. Ceilings
    # now 3% added and 11% in all.
    # Round 14 held out 1,849 neutral rows, a third of them written to match an indirect crisis
    # line each ("everything is sorted for the party"), and let the crisis backstop add 4% of
    # the training look-alikes (tools/listening_thresholds.py): the tables fire on 5.0%, the
    # backstop adds 81 (4.4%, the kind question). Ceilings now 4.5% added and 10% in all; the
    # figures' ceiling stays 2.5% (added 26 of 1,059).
    neutral = "FP neutral -> any"
    assert (report.after[neutral].hits - report.before[neutral].hits) / report.after[
        neutral].total <= 0.045
    assert report.after[neutral].rate <= 0.10
    # Other labels: at most 1.5% per family, crisis 2.5% since round 14, whose abuse lines tell
    # of strangling and threats to kill in seven languages (the tables alone set off crisis on
    # 1.8% of the held-out rows of other labels, the backstop adds 0.4%).
    for family in model_eval.FAMILIES:
        ceiling = 0.025 if family == "crisis" else 0.015
        assert report.after[f"FP other labels -> {family}"].rate <= ceiling, family


# Phrasings of the validation split that the backstop hears on its own (whatever the tables do).
# (Three abuse phrasings left the list when the model was retrained on the merged tables, and
# "non voglio più stare qui" when the backstop began to need a word of the family's concepts in
# the clause (heard.py EVIDENCE): the tables are being widened for both. "hij had al mijn geld
# in handen" left when the retrained model stopped scoring it on its own: the abuse table has
# read it since round 3, tested in test_abuse.py.)
# ("i'm done living", "i'm going to end things permanently" and "to com tudo pronto pra me
# matar" left when the model was retrained on round 4 (1 December): the crisis tables and the
# crisis score read them, pinned in HEARD_WITHOUT_THE_BACKSTOP below. "i need help not texting
# him" left when the model was retrained on round 5's es/pt/de/fr/it/nl crisis lines: the urge
# table reads it since, pinned below.)
# ("i have the pills in front of me", "i've started giving my things away" and "i slipped and
# texted him" left when the model was retrained on round 5's 7,000 lines with their hard
# look-alikes: the tables read all three, pinned below.)
# ("i messed up and messaged him" left when the model was retrained on round 6's 7,800 lines:
# the contact table reads it, pinned below.)
# ("i'll just send one message" left when the model was retrained on round 14's 16,000 lines:
# the urge table reads it, pinned below.)
MUST_FIRE = [
    ("ik heb een uur geleden een heleboel pillen genomen", "crisis"),
    ("je ne vois plus le sens de la vie", "crisis"),
    ("he sent me a friend request", "contact_in"),
    ("he sent me a tiktok", "contact_in"),
]
# Figures of speech and ordinary talk the backstop stays quiet on, in several languages.
MUST_NOT_FIRE = [
    "i'm dying my hair pink", "my feet are killing me", "i cut my hair myself", "she's dead to me",
    "i killed it at work", "i'm going to the gym tonight", "my friend texted me",
    "my boss called me", "i blocked him", "it hit me that it's over", "he hit the gym",
    "i'm so done with this rain", "i want to disappear to a cabin for a week",
    "me muero de risa", "ich bin todmüde",
    "je suis morte de rire", "muoio dal ridere", "ik lig dood van het lachen",
    "to morrendo de fome", "i'd rather die than go back to him lol",
]


@pytest.mark.parametrize(("text", "family"), MUST_FIRE)
def test_backstop_hears_unseen_phrasings(text: str, family: str) -> None:
    heard = listen(text, nickname=ev.NICKNAME)
    assert getattr(heard, family), text
    assert getattr(backstop.hear(heard.norm), family), "the backstop alone should hear this"


# Once the backstop's own: heard by the tables (or the crisis score) now, whatever it says.
HEARD_WITHOUT_THE_BACKSTOP = [
    ("i'm done living", "crisis"),
    ("i'm going to end things permanently", "crisis"),
    ("to com tudo pronto pra me matar", "crisis"),
    ("i need help not texting him", "urge"),
    ("i have the pills in front of me", "crisis"),
    ("i've started giving my things away", "crisis"),
    ("i slipped and texted him", "contact_out"),
    ("i messed up and messaged him", "contact_out"),
    ("i'll just send one message", "urge"),
]


@pytest.mark.parametrize(("text", "family"), HEARD_WITHOUT_THE_BACKSTOP)
def test_the_tables_hear_what_the_backstop_no_longer_does(text: str, family: str) -> None:
    heard = listen(text, nickname=ev.NICKNAME)
    assert getattr(heard, family), text
    assert family not in heard.learned, text


def test_a_dream_of_texting_is_no_slip() -> None:
    """The retrained backstop scores "i dreamt that i texted him" as contact; its guesses pass
    the hypothetical check (a dream, a wish, an if) before they count, so nothing is heard."""
    heard = listen("i dreamt that i texted him", nickname=ev.NICKNAME)
    assert not (heard.contact_out or heard.contact_in or heard.urge or heard.crisis), heard


@pytest.mark.parametrize("text", MUST_NOT_FIRE)
def test_backstop_stays_quiet(text: str) -> None:
    found = backstop.hear(normalise(text, nickname=ev.NICKNAME))
    assert not (found.crisis or found.abuse or found.contact_out or found.contact_in
                or found.urge), text


def test_backstop_says_clear_only_about_oneself() -> None:
    """With a model that is sure of everything, "clear" still needs a word about oneself."""
    heads = backstop.model().heads
    sure = backstop.Model(heads, tuple(50.0 for _ in heads), {},
                          dict.fromkeys(backstop.model().thresholds, 0.0), {})
    assert backstop.hear(normalise("he wants to kill himself"), sure).crisis == "possible"
    assert backstop.hear(normalise("ich will sterben"), sure).crisis == "clear"
    assert backstop.hear(normalise("i want to die"), sure).crisis == "clear"


@pytest.mark.parametrize("name", ["listening_corpus.jsonl", "listening_holdout.jsonl"])
def test_backstop_never_removes_or_lowers_a_pattern_finding(name: str) -> None:
    for row in ev.load(name):
        heard = listen(row["text"], nickname=ev.NICKNAME)
        before = model_eval.patterns_only(heard.norm)
        for family, found in before.items():
            assert not found or getattr(heard, family), (row["text"], family)
            assert not (found and family in heard.learned), (row["text"], family)


def test_runtime_imports_neither_numpy_nor_scikit_learn() -> None:
    code = ("import sys; from bot.listening import listen; listen('i want to disappear'); "
            "print(sorted(m for m in ('numpy', 'sklearn', 'scipy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("text", ["me cortei cortando cebola",
                                  "je veux disparaître sur une plage pendant une semaine"])
def test_the_backstop_adds_no_crisis_on_the_tables_figures_of_speech(text: str) -> None:
    assert listen(text).crisis is None


@pytest.fixture
def sure_of_crisis(monkeypatch: pytest.MonkeyPatch) -> None:
    """The shipped model swapped for one sure of crisis in every clause alike (so the best
    clause is the first), and of nothing else: the gates in heard.py alone decide."""
    shipped = backstop.model()
    heads = shipped.heads
    bias = tuple(50.0 if head in ("crisis", "crisis_clear") else -50.0 for head in heads)
    sure = backstop.Model(heads, bias, {}, dict.fromkeys(shipped.thresholds, 0.0), {})
    monkeypatch.setattr(backstop, "model", lambda: sure)


@pytest.mark.parametrize("text", [
    # the "i" in the clause beside the best one
    "ils comprendront demain. j'ai fait des câlins à tout le monde au travail",
    "they will understand tomorrow. i hugged everyone at work today",
    # a crisis word there, the verb saying who (no self word anywhere)
    "ya lo entenderán mañana. las pastillas están en el cajón",
    "lo capiranno domani. ho messo in ordine le pastiglie",
])
def test_a_short_message_is_read_whole_for_the_crisis_gate(sure_of_crisis: None,
                                                           text: str) -> None:
    """The best clause alone has no crisis word and no "i"; the short message around it has
    one (blind10: pro-drop languages and a neighbouring clause hid 7 of 50 missed rows)."""
    heard = listen(text)
    assert heard.crisis is not None and "crisis" in heard.learned, text


@pytest.mark.parametrize("text", [
    "ils comprendront demain. la fête commence à huit heures",  # no self word, no crisis word
    "ils comprendront demain. " + "on a parlé du travail et du temps qu'il fait " * 5 + "moi",
])
def test_the_crisis_gate_still_drops_a_guess_with_nothing_to_hold_it(sure_of_crisis: None,
                                                                     text: str) -> None:
    assert listen(text).crisis is None, text
