"""The ex by a first name that is not the registered nickname, through the real app: "i texted
jake" asks whether Jake is the ex (yes: the slip flow or the triage; no: a short thanks and the
open question again), in idle and mid-question; "jake (my ex) texted me" is heard at once; a
named friend or relative is never asked about."""

from __future__ import annotations

from tests.checkin_helpers import in_no_contact
from tests.harness import Harness

ASK = "is Jake your ex?"


async def test_yes_in_idle_starts_the_slip_flow(harness: Harness) -> None:
    chat = await in_no_contact(harness, days=10)
    replies = await chat.send("i texted jake last night and i feel sick about it")
    assert ASK in chat.texts(replies)
    assert [label for label, _ in chat.last_buttons()] == ["Yes, that's my ex", "No, someone else"]
    assert await chat.state() == "nocontact.who"
    replies = await chat.tap("Yes, that's my ex")
    assert "When did it happen?" in chat.texts(replies)
    await chat.tap("Yesterday")
    [slip] = await harness.repo.slips(42)
    assert slip.streak_days == 9
    await chat.tap("Skip")
    assert await chat.state() is None


async def test_no_in_idle_is_a_short_thanks_and_nothing_more(harness: Harness) -> None:
    chat = await in_no_contact(harness)
    await chat.send("maria called me out of nowhere")
    replies = await chat.tap("No, someone else")
    text = chat.texts(replies)
    assert "someone else" in text and "Back to where we were" not in text
    assert await chat.state() is None
    assert await harness.repo.slips(42) == []


async def test_yes_mid_question_brings_the_triage_then_the_question_stays(harness: Harness) -> None:
    sam = await harness.at_step1()
    replies = await sam.send("Ben texted me")
    assert "is Ben your ex?" in sam.texts(replies) and "can wait" in sam.texts(replies)
    replies = await sam.tap("Yes, that's my ex")
    assert "got in touch" in sam.texts(replies)
    assert await sam.state() == "step1.problems"
    assert await harness.repo.answers(42, 1) == []  # never stored as an answer


async def test_no_mid_question_asks_the_open_question_again(harness: Harness) -> None:
    sam = await harness.at_step1()
    await sam.send("ugh i called jake again at like 2am")
    replies = await sam.tap("No, someone else")
    text = sam.texts(replies)
    assert "Back to where we were" in text and "What were the problems between you" in text
    assert await sam.state() == "step1.problems"
    assert await harness.repo.answers(42, 1) == []


async def test_typed_answers_and_words_that_are_no_answer(harness: Harness) -> None:
    chat = await in_no_contact(harness)
    await chat.send("liked toms story by accident")
    replies = await chat.send("nope")
    assert "someone else" in chat.texts(replies)
    await chat.send("i texted jake")
    replies = await chat.send("I texted him again")  # not an answer: heard from the top
    assert "When did it happen?" in chat.texts(replies)
    assert await chat.state() == "nocontact.slip_when"


async def test_the_ex_named_in_the_message_is_heard_at_once(harness: Harness) -> None:
    chat = await in_no_contact(harness)
    replies = await chat.send("jake (my ex) texted me at 3am asking if im up")
    assert "got in touch" in chat.texts(replies) and "your ex?" not in chat.texts(replies)
    replies = await chat.send("ok so i caved and messaged dylan my ex lol")
    assert "When did it happen?" in chat.texts(replies)


async def test_someone_else_by_name_is_never_asked_about(harness: Harness) -> None:
    chat = await in_no_contact(harness)
    for text in ("my sister maria called me", "my friend jake texted me to go out tonight",
                 "my boss tom called me in on my day off", "i will call you tomorrow",
                 "i want to text jake", "i never texted jake back"):
        replies = await chat.send(text)
        assert "your ex?" not in chat.texts(replies), text
    assert await chat.state() is None
