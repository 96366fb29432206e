"""What a contact event already tells (bot/listening/detectors/contact_details.py): the kind of
message the ex sent, and the day of a slip, read only when the words say it plainly."""

from __future__ import annotations

from datetime import date

import pytest

from bot.listening.detectors.contact_details import kind_of_message, when_said

TODAY = date(2026, 12, 3)  # a Thursday


@pytest.mark.parametrize(("text", "kind"), [
    ("he liked my instagram post this morning", "breadcrumb"),
    ("she sent me a meme", "breadcrumb"), ("he said hey", "breadcrumb"),
    ("my ex texted me happy birthday", "breadcrumb"),
    ("he reacted to my story with a heart", "breadcrumb"),
    ("she messaged me at 3am saying she misses me", "emotional"),
    ("hey i miss you", "emotional"), ("he wants to meet up", "emotional"),
    ("he was like, can we talk", "emotional"), ("he called me drunk", "emotional"),
    ("he texted asking when he can pick up his stuff", "practical"),
    ("he texted about the kids", "practical"), ("she asked for her keys back", "practical"),
    # no kind, or two: asked
    ("she texted me", None), ("he called", None),
    ("he messaged about the dog and said he misses me", None),
    ("he was like whatever", None),
    # the user's own feelings are not what the ex sent
    ("he texted me and i miss him so much", None), ("i was crying when she called", None),
    ("he texted me and i still love him, he said he misses me", "emotional"),
])
def test_kind_of_message(text: str, kind: str | None) -> None:
    assert kind_of_message(text) == kind


@pytest.mark.parametrize(("text", "day"), [
    ("i texted him last night", date(2026, 12, 2)),
    ("i texted him yesterday at 2am", date(2026, 12, 2)),
    ("i messaged her this morning", TODAY), ("called him just now", TODAY),
    ("we slept together again on friday", date(2026, 11, 27)),
    ("i caved on saturday night", date(2026, 11, 28)),
    ("i slept with him again last saturday", date(2026, 11, 28)),
    ("i texted him 2 days ago", date(2026, 12, 1)),
    ("texted him sunday", date(2026, 11, 29)),
    # no plain day: asked
    ("I replied to her. i know i shouldnt have", None), ("i called him 3 times", None),
    ("texted him again lol", None), ("i texted him at night", None),
    ("i texted him next week", None),
])
def test_when_said(text: str, day: date | None) -> None:
    assert when_said(text, TODAY, "Europe/London") == day
