"""Round 18, control words and typed answers (listening_round18_r18answers.jsonl): control words
typed in any question, and typed answers to button questions, each read as the row says.

Fixed as families: cities behind words that only say where they lie ("a village outside
cambridge", "the london area", "20 mins from leeds", "rural ireland"), by a county or area
("kent", "the bay area", "socal"), misspelt by one slip when big and well known ("manchestr",
"mumbia", "san fransisco"), towns of 5,000 people or more ("Totnes"), "perth wa" in Western
Australia, and a city nearly as big as its namesake but far better known winning the clash
("Valencia" is Spain's); names after "his name was", "my ex is called", "hes called", with chat
around them dropped ("umm Mike", "mike lol", "jess xx"), a name then what they are ("mike, my
ex", "mike the cheater"), "Will" and "Guy" as names, initials ("R.J."), and chat or relation
words never names (thx, omg, gf, hahaha); yes/no elongated ("yesss", "nooo") and in chat ("yh",
"defo", "hell nah"), "nope, not yet" as not yet, "i don't know" never a no; scales off the top
("11/10"), "seven/ten", "on a scale of 1-10", "I'd give it a 6", misspelt number words;
pronouns bf, gf, hubby, lad, they/he; dates in halves ("a year and a half ago"; "1.5 years ago"
was read as five years), "the saturday before last", "last christmas", easter, thanksgiving,
"first week of november", "yday", "last nite"; control words with an oath ("skip this shit")."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from bot.listening import answers
from tests.listening import listening_eval as ev

ROWS = ev.load("listening_round18_r18answers.jsonl")
TODAY = date(2026, 12, 3)  # a Thursday
KINDS = ev.ANSWER_KINDS


def _got(row: dict[str, Any]) -> object:
    return ev.read_answer(row, TODAY)


_fits = ev.answer_fits


def test_the_rows_are_there() -> None:
    assert len(ROWS) >= 700
    assert {row["kind"] for row in ROWS} == set(KINDS)
    assert {row["batch"] for row in ROWS} == {"probe1", "probe2"}


@pytest.mark.parametrize("row", ROWS, ids=lambda row: f"{row['kind']}:{row['text'][:40]}")
def test_read_as_the_row_says(row: dict[str, Any]) -> None:
    got = _got(row)
    assert _fits(row, got), (row["text"], row["want"], got)


def test_a_control_word_is_never_a_name() -> None:
    """Typed at the name question, a control word is no name (the kind re-ask, not storage)."""
    stored = [row["text"] for row in ROWS if row["label"].startswith("control_")
              and answers.parse_name(row["text"]).name is not None]
    assert not stored, stored


def test_a_non_name_says_why() -> None:
    """Every non-name gets a reason, which picks the kind re-ask."""
    silent = [row["text"] for row in ROWS if row["label"] == "non_name"
              and answers.parse_name(row["text"]).reason is None]
    assert not silent, silent


@pytest.mark.parametrize(("kind", "text", "want"), [
    # found after probe2, as families: chat around a place, a slash for a comma, the UAE
    ("city", "in NYC rn", "America/New_York"), ("city", "london/uk", "Europe/London"),
    ("city", "dubai uae", "Asia/Dubai"), ("city", "leeds lol", "Europe/London"),
    # emoji with a skin tone or a style, and emoticons beside a name
    ("yesno", "👍🏻", "yes"), ("yesno", "✔️", "yes"), ("yesno", "🙅🏻\u200d♀️", "no"),
    ("name", "Lou <3", "Lou"), ("name", "sam :)", "Sam"), ("name", "dying", None),
    # "it's been 2 weeks", units glued to their number, "since october"
    ("date", "it's been 2 weeks", "2026-11-19"), ("date", "3wks ago", "2026-11-12"),
    ("date", "6mo ago", "2026-06-03"), ("date", "since october", "2026-10-01"),
    ("control", "saltar pregunta", "skip"), ("scale", "🔟", 10),
])
def test_families_found_after_the_probes(kind: str, text: str, want: object) -> None:
    assert _got({"kind": kind, "text": text}) == want, text
