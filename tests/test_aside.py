"""Words that tell how the user feels, typed where a short answer was asked (a name, a date, a
time zone, the check-in's ratings, the SOS strength): a companion's acknowledgement with the
journal offer, and the same question again, with nothing stored as its answer. A plain miss
("somewhere near the coast") gets the question's own re-ask, and a sentence the pipeline hears
more in ("i texted him today") still steps aside from the check-in to the slip flow."""

from __future__ import annotations

import pytest

from bot.features.checkins.rules import parse_mood
from bot.listening.detectors.feeling import tells
from tests.checkin_helpers import ASK, in_no_contact
from tests.harness import Harness

ACK = "Let's finish this one small question first"


async def test_a_feeling_at_the_name_question_is_heard_and_the_question_stays(
        harness: Harness) -> None:
    chat = harness.user(42)
    await chat.send("/start")
    await chat.send("Sam")
    await chat.tap("He")
    replies = await chat.send("i cant stop crying, he blocked me <everywhere>")
    text = chat.texts(replies)
    assert ACK in text and "between 1 and" not in text
    assert "Want to give him a name" in text  # the question again, after the acknowledgement
    assert await chat.state() == "onboard.nickname"
    assert (await harness.repo.get_user(42)).ex_nickname is None
    replies = await chat.tap("Keep it in my journal")
    assert "Kept in your journal" in chat.texts(replies)
    assert [e.body for e in await harness.repo.whole_journal(42)] == [
        "i cant stop crying, he blocked me <everywhere>"]
    await chat.send("Tom")
    assert (await harness.repo.get_user(42)).ex_nickname == "Tom"


async def test_a_plain_miss_gets_the_questions_own_reask(harness: Harness) -> None:
    chat = harness.user(42)
    await chat.send("/start")
    for step in ("Sam", "He", "Skip", "2 weeks ago"):
        await (chat.tap(step) if step in ("He", "Skip") else chat.send(step))
    assert await chat.state() == "onboard.tz"
    text = chat.texts(await chat.send("somewhere in the middle of nowhere lol"))
    assert ACK not in text and "Try a bigger city nearby" in text
    text = chat.texts(await chat.send("honestly it all fell apart, i miss him"))
    assert ACK in text and "Which time zone are you in?" in text
    assert await chat.state() == "onboard.tz"


async def test_a_checkin_question_stays_open_after_a_feeling(harness: Harness) -> None:
    chat = await in_no_contact(harness)
    await chat.send("/checkin")
    replies = await chat.send("i feel like garbage today, he posted a pic with some girl")
    text = chat.texts(replies)
    assert any(hurt in text for hurt in ("That sounds really hard", "a lot to be carrying",
                                         "I'm sorry it feels"))
    assert ASK in text and await chat.state() == "checkin.mood"
    day = (await harness.repo.get_user(42)).today(harness.clock.now())
    entry = await harness.repo.get_checkin(42, day)
    assert entry is None or entry.mood is None  # nothing stored as the mood
    await chat.send("1")
    assert (await harness.repo.get_checkin(42, day)).mood == 1
    assert await chat.state() == "checkin.contact"
    text = chat.texts(await chat.send("pretty good day actually, went to the gym"))
    assert ACK in text and any(good in text for good in ("good to hear", "love hearing",
                                                         "nice to hear"))
    assert await chat.state() == "checkin.contact"


async def test_contact_in_a_checkin_sentence_still_reaches_the_slip_flow(harness: Harness) -> None:
    chat = await in_no_contact(harness, days=10)
    await chat.send("/checkin")
    text = chat.texts(await chat.send("i texted him today and now i feel awful"))
    assert ACK not in text and "count starts again" in text  # the slip flow, no acknowledgement


async def test_a_feeling_at_the_sos_strength_question_is_heard(harness: Harness) -> None:
    chat = await in_no_contact(harness)
    await chat.send("/sos")
    state = await chat.state()
    text = chat.texts(await chat.send("i miss him so much it physically hurts"))
    assert ACK in text and "How strong is the urge" in text
    assert await chat.state() == state
    text = chat.texts(await chat.send("8"))
    assert ACK not in text and await chat.state() != state


@pytest.mark.parametrize(("text", "kind", "about_feelings"), [
    ("i cant stop crying, he blocked me everywhere", "feeling", False),
    ("honestly i dont even know, it all fell apart so slowly", "feeling", False),
    ("its been really hard tonight honestly", "feeling", True),
    ("its been really hard tonight honestly", None, False),  # "hard to say" is no feeling
    ("hard to say, i move around a lot", None, False),
    ("i feel great today honestly", "good", False),
    ("not great tbh, long day", "feeling", True),
    ("no, that one is fine thanks", None, False),  # a "no" by a good word at a name question
    ("his name is a long story", "story", False),
    ("the usual stuff with jordan again", "story", False),  # the ex by their nickname
    ("somewhere in the middle of nowhere lol", None, False),
    ("he hurt me", None, False),  # three words: the question's own sentence re-ask
])
def test_tells(text: str, kind: str | None, about_feelings: bool) -> None:
    assert tells(text, "Jordan", about_feelings=about_feelings) == kind



@pytest.mark.parametrize(("text", "mood"), [
    ("today was rough", 1), ("its been a shit day", 1), ("kinda meh tbh", 2), ("im ok i guess", 3),
    ("not great tbh", 2), ("it was a good day", 5), ("not a good day", 2), ("i feel like garbage", 1),
    ("3, long day", 3), ("pretty good", 4),
    # longer words say more than a mood: the check-in acknowledges them and asks again
    ("pretty good day actually, went to the gym", None), ("honestly better than yesterday", None),
])
def test_a_mood_said_in_a_few_words_is_read(text: str, mood: int | None) -> None:
    assert parse_mood(text) == mood


async def test_a_mood_in_words_answers_the_checkin(harness: Harness) -> None:
    chat = await in_no_contact(harness)
    await chat.send("/checkin")
    text = chat.texts(await chat.send("today was rough"))
    assert ACK not in text and "Did you contact him" in text
    day = (await harness.repo.get_user(42)).today(harness.clock.now())
    assert (await harness.repo.get_checkin(42, day)).mood == 1


async def test_the_ex_getting_in_touch_keeps_the_checkin_open(harness: Harness) -> None:
    """ "he texted me" at "did you contact him today?" is news, not an answer: the triage, then
    the same question again, and the check-in goes on."""
    chat = await in_no_contact(harness)
    await chat.send("/checkin")
    await chat.send("3")
    replies = await chat.send("he texted me this morning asking how i am")
    text = chat.texts(replies)
    assert "got in touch" in text and "breadcrumb" in text
    assert len([c for c in replies if c.method == "sendMessage"]) <= 3  # no wall of messages
    assert text.rindex("Did you contact him today?") > text.index("breadcrumb")
    assert await chat.state() == "checkin.contact"
    await chat.send("no")
    assert await chat.state() == "checkin.urge"
    assert await harness.repo.slips(42) == []


async def test_after_a_triage_button_the_open_question_comes_back(harness: Harness) -> None:
    chat = await in_no_contact(harness)
    await chat.send("/sos")
    text = chat.texts(await chat.send("he texted me last night"))
    assert "What kind of message was it?" in text and "How strong is the urge" not in text
    replies = await chat.tap("A crumb")
    text = chat.texts(replies)
    assert "breadcrumb" in text and "How strong is the urge" in text
    assert len([c for c in replies if c.method == "sendMessage"]) <= 3
    assert await chat.state() == "sos.intensity"


async def test_a_feeling_at_a_settings_question_is_heard_and_nothing_changes(
        harness: Harness) -> None:
    chat = harness.user(42)
    await chat.onboard(tz="Europe/Berlin")
    await chat.send("/settings")
    await chat.tap("Time zone")
    text = chat.texts(await chat.send("ugh i dont even know anymore, everything hurts"))
    assert ACK in text and "Where are you now?" in text
    assert await chat.state() == "settings.tz"
    assert (await harness.repo.get_user(42)).timezone == "Europe/Berlin"
    text = chat.texts(await chat.send("the moon"))
    assert ACK not in text and "nothing has changed" in text


async def test_a_feeling_where_a_tap_was_asked_is_heard_then_the_buttons_again(
        harness: Harness) -> None:
    """Step 1's "do you want them back?" takes yes, no or not sure (typed or tapped); words
    about how it feels get an acknowledgement and the question again, never "tap a button"."""
    chat = await harness.at_step1()
    await chat.send("we never talked about anything real")
    await chat.tap("That's all")
    for answer in ("he was distant", "not really", "mostly yes"):
        await chat.send(answer)
    assert await chat.state() == "step1.want_back"
    replies = await chat.send("honestly part of me misses him so much it scares me")
    text = chat.texts(replies)
    assert ACK in text and "do you actually want him back?" in text
    assert [label for label, _ in chat.last_buttons()][:1] == ["Yes, I still do"]
    assert await chat.state() == "step1.want_back"
    text = chat.texts(await chat.send("purple monkey dishwasher"))
    assert ACK not in text and await chat.state() == "step1.want_back"
