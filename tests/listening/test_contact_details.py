"""What a contact event already tells (bot/listening/detectors/contact_details.py): the kind of
message the ex sent, and the day of a slip, read only when the words say it plainly. Round 18
added the families a probe missed: a thing asked back ("wants his ps5 back"), a photo, "how are
you" and "u up?" as crumbs, a hello before feelings or logistics, "last nite", "yday", "the night
before last", "earlier", "this arvo", and a date by its day ("on the 14th", "may 5th")."""

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
    # round 18: a thing to be given back, a photo or a "how are you", "u up?", a hello before
    # feelings or logistics
    ("she messaged me on friday asking for her charger back", "practical"),
    ("he wants his ps5 back, texted me today", "practical"),
    ("he asked if i still have his jacket", "practical"),
    ("he texted hey about the rent", "practical"),
    ("he wants his old life back", None),
    ("he snapped me yesterday, just a pic of his food", "breadcrumb"),
    ("he texted asking how i am", "breadcrumb"), ("he texted hows it going", "breadcrumb"),
    ("he texted u up? at 1am", "breadcrumb"), ("he texted happy bday", "breadcrumb"),
    ("he texted merry xmas", "breadcrumb"),
    ("he said he still thinks about us", "emotional"), ("he said he needs me", "emotional"),
    ("he wants me back", "emotional"), ("he texted hey i need you", "emotional"),
    ("hey, can we talk", "emotional"),
    ("he liked my story and said he misses me", None),
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
    # round 18: as people type them, and a date by its day
    ("i texted him last nite", date(2026, 12, 2)), ("i called him yday", date(2026, 12, 2)),
    ("i messaged him the night before last", date(2026, 12, 1)),
    ("i called him 2 nights ago", date(2026, 12, 1)),
    ("i texted him earlier", TODAY), ("i called him this arvo", TODAY),
    ("i texted him tonite", TODAY), ("i messaged him a few hours ago", TODAY),
    ("we hooked up on the 14th", date(2026, 11, 14)),
    ("i texted him on november 28", date(2026, 11, 28)),
    ("i texted him on may 5th", date(2026, 5, 5)),
    # no plain day: asked
    ("I replied to her. i know i shouldnt have", None), ("i called him 3 times", None),
    ("texted him again lol", None), ("i texted him at night", None),
    ("i texted him next week", None), ("i texted him earlier this week", None),
    ("i texted him in june", None), ("i texted him 14 times in june", None),
    ("i may have texted him 2 times", None), ("i texted him a while ago", None),
    ("i sat in my car and called him", None), ("i texted him on sat", date(2026, 11, 28)),
])
def test_when_said(text: str, day: date | None) -> None:
    assert when_said(text, TODAY, "Europe/London") == day
