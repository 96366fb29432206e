"""Round 13, u13 (listening_round13_u13.jsonl): urges to reach out to or look at the ex and contact
events both ways, written fresh in English the way people type at 2 a.m., fixed as families in
data/urge.json: typing and deleting said bare ("typing n deleting", "sat here typing and
deleting"), checking whether they are online or their last seen, opening their chat said bare,
asking to be stopped ("tell me not to text her", "begged my best friend to take my phone before i
message him"), the urge named without the person ("the urge to reach out is killing me"),
"tryna not text him", a finsta or alt to look at their page, "how long before i can text him",
their number dialled from memory. Look-alikes stay quiet: urges about food, shopping or sleep,
calls to mum, friends or work, typing and deleting an email to a manager or a bio, a shop's
opening hours, a friend's ex, denials and wins."""

from __future__ import annotations

import pytest

from bot.listening import listen
from tests.listening import listening_eval as ev

ROWS = ev.load("listening_round13_u13.jsonl")
QUIET = [row["text"] for row in ROWS if row["label"] == "neutral"]
HEARD = [row for row in ROWS if row["label"] in ("urge", "contact_out", "contact_in")]


def test_the_rows_are_there() -> None:
    assert len(HEARD) >= 150 and len(QUIET) >= 60


@pytest.mark.parametrize("row", HEARD, ids=lambda row: f"{row['label']}:{row['text'][:40]}")
def test_each_row_is_heard_by_its_detector(row: dict[str, str]) -> None:
    heard = listen(row["text"], nickname=ev.NICKNAME)
    fired = {"urge": heard.urge is not None, "contact_out": heard.contact_out,
             "contact_in": heard.contact_in}
    assert fired[row["label"]], (row["label"], fired)


def test_look_alikes_stay_quiet() -> None:
    report = ev.evaluate([row for row in ROWS if row["label"] == "neutral"])
    neutral = report.labels["neutral"]
    assert neutral.total >= 60 and neutral.rate == 1.0, neutral.misses


@pytest.mark.parametrize("text", ["i keep typing and deleting this email to my manager",
                                  "typing and deleting a reply to my boss",
                                  "the urge to call my mum is strong",
                                  "how long should i wait before texting the landlord"])
def test_work_and_family_stay_out_of_the_urge(text: str) -> None:
    assert listen(text, nickname=ev.NICKNAME).urge is None


def test_an_urge_beside_self_harm_is_still_crisis() -> None:
    for text in ("typing n deleting a goodbye to him, i want to kill myself",
                 "checking if hes online one last time before i end it"):
        assert listen(text, nickname=ev.NICKNAME).crisis is not None, text
