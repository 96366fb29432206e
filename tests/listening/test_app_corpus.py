"""The labelled corpus through the REAL application, judged by what the bot sent and stored
(tests/listening/app_corpus.py), against the issue's thresholds: crisis recall 95% overall,
100% of direct statements, 90% in each language; figures of speech set off crisis care at most
3%; abuse, contact events and urges at least 90%; control words and non-names 100%. A crisis,
urge, contact or control message is never stored as step 1's answer. `pytest -s` prints the
per-label table."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Callable

import pytest

from bot.features.companion.handlers import small_talk
from bot.features.menu.control import SENTENCE_WORDS
from bot.listening.detectors.topic import topic
from tests.listening import app_corpus as ac
from tests.listening import listening_eval as ev

LANGS = ("en", "es", "pt", "de", "fr", "it", "nl")
CONTROL_REPLY = {  # what each control word does, idle and while step 1 waits for a problem
    "idle": {"skip": "nothing_open", "cancel": "nothing_open", "stop": "stop_offer",
             "back": "nothing_open", "help": "help", "menu": "menu", "unsure": "journal"},
    "step1": {"skip": "need_problem", "cancel": "cancelled", "stop": "cancelled",
              "back": "cancelled", "help": "help_here", "menu": "menu", "unsure": "need_problem"},
}
NEVER_STORED = ("crisis_clear", "crisis_possible", "urge", "contact_out", "contact_in")


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> ac.Run:
    rows = ev.load("listening_corpus.jsonl")
    run = asyncio.run(ac.run(tmp_path_factory.mktemp("corpus") / "bot.sqlite3", rows))
    print(f"\n{run.updates} updates through the app in {run.seconds:.1f} s")
    print(table(run))
    return run


def caught(o: ac.Outcome) -> bool:
    """Crisis care started: the crisis reply, or the direct question."""
    return bool(o.kinds & {"crisis", "crisis_ask"})


EXPECTED: dict[str, Callable[[ac.Outcome], bool]] = {
    "crisis_clear": caught,
    "crisis_possible": caught,
    "abuse": lambda o: "abuse" in o.kinds,
    "contact_out": lambda o: "slip" in o.kinds,
    "contact_in": lambda o: "triage" in o.kinds,
    "urge": lambda o: ("sos" if o.moment == "idle" else "urge_offer") in o.kinds,
    "figure_of_speech": lambda o: not caught(o),
    "neutral": lambda o: not caught(o) and (
        bool(o.kinds & {"journal", "thanks", "lost"}) if o.moment == "idle" else bool(o.stored)),
    # A question about the bot gets its honest answer, and is never stored as an answer.
    "meta": lambda o: o.row["label"] in o.kinds and not o.stored,
}


def ok(o: ac.Outcome) -> bool:
    label = o.row["label"]
    if label.startswith("control_"):
        word = label.removeprefix("control_")
        expected = CONTROL_REPLY[o.moment][word]
        if o.moment == "idle" and word == "skip" and len(o.row["text"].split()) >= SENTENCE_WORDS:
            expected = "journal"  # a refusal in a sentence with nothing open is talk
        if o.moment == "idle" and word == "help" and topic(o.row["text"]) == "lost":
            expected = "lost"  # "what do i do now" with nothing asked: their life, not commands
        if o.moment == "idle" and word == "unsure" and small_talk(o.row["text"]):
            expected = "small_talk"  # "idk" alone: a light reply, nothing worth keeping
        return expected in o.kinds and not o.stored
    if o.moment == "name":
        return bool(o.stored) == (label == "name")
    if o.moment in ("pronoun", "breakup", "tz", "step2.pull", "want_back"):
        return o.stored == [expected_value(o.row["label"])]
    check = EXPECTED.get(label.split(":")[0])
    return check(o) if check else True


def expected_value(label: str) -> str:
    kind, _, value = label.partition(":")
    if kind == "date":
        return str(ev.expected_date(value))
    if kind == "yesno":
        return {"not_yet": "unsure"}.get(value, value)
    if kind == "scale":  # step 2's pull is 0-10; the corpus's 1-10 numbers are the same
        return value
    return value


def rate(outcomes: list[ac.Outcome], check: Callable[[ac.Outcome], bool] = ok) -> float:
    return sum(check(o) for o in outcomes) / len(outcomes) if outcomes else 1.0


def misses(outcomes: list[ac.Outcome], check: Callable[[ac.Outcome], bool] = ok) -> list[str]:
    return [f"{o.moment}: {o.row['text']!r} -> {sorted(o.kinds)} stored={o.stored}"
            for o in outcomes if not check(o)]


def table(run: ac.Run) -> str:
    groups: dict[tuple[str, str], list[ac.Outcome]] = defaultdict(list)
    for o in run.outcomes:
        groups[(o.row["label"].split(":")[0], o.moment)].append(o)
    lines = ["== the corpus through the app ==", f"{'label':22} {'moment':11} {'n':>4} {'ok':>7}"]
    for (label, moment), outcomes in sorted(groups.items()):
        lines.append(f"{label:22} {moment:11} {len(outcomes):4d} {rate(outcomes):7.1%}")
    for moment in ("idle", "step1"):
        crisis = [o for o in run.at(moment) if o.row["label"].startswith("crisis_")]
        lines.append(f"crisis recall {moment}: {rate(crisis):.1%}; direct "
                     f"{rate([o for o in crisis if o.row.get('direct')]):.1%}; " + ", ".join(
                         f"{lang} {rate([o for o in crisis if o.row.get('lang') == lang]):.0%}"
                         for lang in LANGS))
    return "\n".join(lines)


@pytest.mark.parametrize("moment", ["idle", "step1"])
def test_crisis_recall_through_the_app(result: ac.Run, moment: str) -> None:
    crisis = [o for o in result.at(moment) if o.row["label"].startswith("crisis_")]
    assert len(crisis) >= 250
    assert rate(crisis) >= 0.95, misses(crisis)
    direct = [o for o in crisis if o.row.get("direct")]
    assert direct and rate(direct) == 1.0, misses(direct)
    for lang in LANGS:
        in_lang = [o for o in crisis if o.row.get("lang") == lang]
        assert in_lang and rate(in_lang) >= 0.90, (lang, misses(in_lang))


@pytest.mark.parametrize("moment", ["idle", "step1"])
def test_figures_of_speech_rarely_set_off_crisis_care(result: ac.Run, moment: str) -> None:
    figures = result.at(moment, "figure_of_speech")
    assert figures
    assert 1 - rate(figures) <= 0.03, misses(figures)


@pytest.mark.parametrize("moment", ["idle", "step1"])
@pytest.mark.parametrize("label", ["abuse", "contact_out", "contact_in", "urge", "meta"])
def test_events_are_acted_on_through_the_app(result: ac.Run, moment: str, label: str) -> None:
    outcomes = [o for o in result.at(moment) if o.row["label"].split(":")[0] == label]
    assert outcomes and rate(outcomes) >= 0.90, misses(outcomes)


@pytest.mark.parametrize("moment", ["idle", "step1"])
def test_control_words_act_and_are_never_stored(result: ac.Run, moment: str) -> None:
    outcomes = [o for o in result.at(moment) if o.row["label"].startswith("control_")]
    assert outcomes and rate(outcomes) == 1.0, misses(outcomes)


def test_names_and_non_names_at_the_name_question(result: ac.Run) -> None:
    non_names = result.at("name", "non_name")
    assert non_names and rate(non_names) == 1.0, misses(non_names)
    names = result.at("name", "name")
    assert names and rate(names) >= 0.90, misses(names)


@pytest.mark.parametrize("moment", ["pronoun", "breakup", "tz", "step2.pull", "want_back"])
def test_typed_answers_to_button_questions(result: ac.Run, moment: str) -> None:
    outcomes = result.at(moment)
    assert outcomes and rate(outcomes) >= 0.90, misses(outcomes)


def test_distress_is_never_stored_as_an_answer(result: ac.Run) -> None:
    wrong = [o for o in result.at("step1") if o.stored and (
        o.row["label"] in NEVER_STORED or o.row["label"].startswith("control_"))]
    assert wrong == [], misses(wrong, lambda o: False)
    abuse = result.at("step1", "abuse")  # step 1 asks about the relationship: kept, then noted
    assert rate(abuse, lambda o: bool(o.stored) and "abuse" in o.kinds) >= 0.90


def test_the_companion_never_says_it_was_not_waiting(result: ac.Run) -> None:
    said = [o for o in result.outcomes if "not_waiting" in o.kinds]
    assert said == []
    neutral = result.at("idle", "neutral")
    assert rate(neutral) >= 0.90, misses(neutral)


def test_every_reply_was_valid_telegram_html_and_a_turn_is_three_messages_at_most(
        result: ac.Run) -> None:
    assert [o.row["text"] for o in result.outcomes if o.rejected] == []
    long_turns = [o for o in result.outcomes if o.replies > 3]
    assert long_turns == [], misses(long_turns, lambda o: False)
    assert all(o.replies >= 1 for o in result.outcomes)  # every message got an answer
