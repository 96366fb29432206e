"""Round 20, control words and typed answers (listening_round20_r20answers.jsonl): control words
typed in any question, and typed answers to button questions, each read as the row says; one test
per kind, each reporting all its misses at once.

Fixed as families: the short names of English cities whose gazetteer name is longer, when no
other country is named ("newcastle" is Newcastle upon Tyne, not New South Wales; "hull" Kingston
upon Hull; "stoke"; "st ives" the English towns, not the Sydney suburb; "newcastle nsw" still
Australia's); "6/7" on a scale is "6 or 7" (no one rates out of 7; "4/5" stays four out of
five); number words with "-ish" ("fiveish"), hesitations before the number ("uhh 6", "eh a 5")
and "nothing"/"nada" as nought, though never as the head of a comment ("nothing helps");
"a little", "a bit" as yes, "probably not", "def not", "not even close", "not rly", "i think not"
as no, "still not" as not yet; "hes"/"shes" as pronouns; "ppl call me Bex" and "my mates call
me" before a name, rude refusals ("fuck off", "nunya") never a name; a date followed by "last
year" ("in march last year", "14 feb last year", "summer last year"); labor day and memorial
day."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from bot.listening import answers
from tests.harness import Harness
from tests.listening import listening_eval as ev

ROWS = ev.load("listening_round20_r20answers.jsonl")
TODAY = date(2026, 12, 3)  # a Thursday
KINDS = ev.ANSWER_KINDS


def _got(row: dict[str, Any]) -> object:
    return ev.read_answer(row, TODAY)


_fits = ev.answer_fits


def test_the_rows_are_there() -> None:
    assert len(ROWS) >= 900
    assert {row["kind"] for row in ROWS} == set(KINDS)
    assert {row["batch"] for row in ROWS} == {"probe1", "probe2"}


@pytest.mark.parametrize("kind", KINDS)
def test_read_as_the_rows_say(kind: str) -> None:
    misses = [(row["text"], row["want"], got) for row in ROWS if row["kind"] == kind
              and not _fits(row, got := _got(row))]
    assert not misses, misses


def test_a_control_word_is_never_a_name_a_date_or_a_place() -> None:
    """Typed at any question, a control word is stored as nothing."""
    stored = [row["text"] for row in ROWS if row["label"].startswith("control_")
              and (answers.parse_name(row["text"]).name is not None
                   or answers.parse_date(row["text"], TODAY, ev.ZONE) is not None
                   or answers.parse_city(row["text"]) is not None)]
    assert not stored, stored


def test_a_non_name_says_why() -> None:
    silent = [row["text"] for row in ROWS if row["label"] == "non_name"
              and answers.parse_name(row["text"]).reason is None]
    assert not silent, silent


async def test_typed_answers_through_the_onboarding(harness: Harness) -> None:
    """Through the real app: a skip in words, a name with its opening, a pronoun, a date in
    words and "newcastle" as England's clock."""
    chat = harness.user(42)
    await chat.send("/start")
    await chat.send("nah skip this")
    assert (await harness.repo.get_user(42)).display_name is None
    await chat.send("go back")
    await chat.send("ppl call me bex")
    assert (await harness.repo.get_user(42)).display_name == "Bex"
    await chat.send("it's a guy")
    assert (await harness.repo.get_user(42)).ex_pronoun == "he"
    await chat.send("can we skip")
    await chat.send("like 3 days ago")
    await chat.send("newcastle")
    await chat.send("8pm")
    user = await harness.repo.get_user(42)
    assert user.onboarded and user.ex_nickname is None
    assert user.breakup_date == user.today(harness.clock.now()) - timedelta(days=3)
    assert (user.timezone, user.country) == ("Europe/London", "GB")
