""""Stop messaging me", "unsubscribe", a bare "stop": heard in any state through the real app.

A person who wants the bot to stop writing first gets exactly that, at once and in words they can
undo: the open question is left, check-ins are paused (no check-in comes the next evening), the
follow-ups they once asked for are withdrawn, and the crisis follow-up (their safety) is kept. A
bare "stop" in a question still cancels it; with nothing open it only offers the pause. Sentences
about the ex ("he won't stop messaging me") are never taken for it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.delivery.schedule import follow_up
from bot.listening.detectors import control
from tests.checkin_helpers import checkins_sent, in_no_contact, run_until
from tests.harness import Harness

QUIET = ["stop messaging me", "pls stop sending me stuff", "Unsubscribe", "stop the check-ins",
         "can you stop sending me messages every day", "how do i turn off the notifications",
         "dont message me anymore", "i'm done with this bot, stop", "STOP no more messages",
         "turn off notifications, stop", "please stop checking in on me", "mute", "opt out"]
NOT_QUIET = ["he won't stop messaging me", "stop texting me he said", "i want it all to stop",
             "I can't stop thinking about him", "she keeps messaging me and wont stop",
             "how do i stop texting him", "i told him to stop messaging me"]


@pytest.mark.parametrize("text", QUIET)
def test_requests_to_stop_the_messages_are_heard(text: str) -> None:
    assert control.detect(text) == "quiet"


@pytest.mark.parametrize("text", NOT_QUIET)
def test_sentences_about_the_ex_are_not_requests_to_the_bot(text: str) -> None:
    assert control.detect(text) not in ("quiet", "stop")


@pytest.mark.parametrize("text", ["stop", "STOP", "stop it", "please stop", "stop pls"])
def test_a_bare_stop_is_its_own_word(text: str) -> None:
    assert control.detect(text) == "stop"


async def test_stop_messaging_me_mid_question_pauses_and_leaves_the_question(
        harness: Harness) -> None:
    chat = await in_no_contact(harness, days=5)
    await chat.tap("Go to step 1")
    await chat.tap("write it out")
    assert await chat.state() == "step1.problems"
    replies = await chat.send("pls stop sending me stuff")
    text = chat.texts(replies)
    assert "paused the check-ins" in text and "/resume" in text and "/delete" in text
    user = await harness.repo.get_user(42)
    assert user.checkins_paused and user.next_checkin_at is None
    assert await chat.state() is None
    assert await harness.repo.answers(42, 1) == []  # never stored as a problem
    before = len(checkins_sent(harness))
    await run_until(harness, harness.clock.now() + timedelta(days=2), step_minutes=60)
    assert len(checkins_sent(harness)) == before  # no check-in came on either evening
    await chat.send("/resume")
    user = await harness.repo.get_user(42)
    assert not user.checkins_paused and user.next_checkin_at is not None


async def test_asked_for_follow_ups_are_withdrawn_and_the_crisis_follow_up_kept(
        harness: Harness) -> None:
    chat = await in_no_contact(harness)
    due = harness.clock.now() + timedelta(hours=10)
    for kind in ("sos.morning", "step7.remind", "crisis_followup"):
        await follow_up(harness.repo, 42, "Europe/Berlin", kind, "k", due)
    await chat.send("unsubscribe")
    statuses = {kind: [r.status for r in await harness.repo.outbox_for(42, kind)]
                for kind in ("sos.morning", "step7.remind", "crisis_followup")}
    assert statuses == {"sos.morning": ["cancelled"], "step7.remind": ["cancelled"],
                        "crisis_followup": ["pending"]}
    replies = await chat.send("stop messaging me")  # again: already paused, said kindly
    assert "already paused" in chat.texts(replies)


async def test_a_bare_stop_with_nothing_open_only_offers_the_pause(harness: Harness) -> None:
    chat = await in_no_contact(harness)
    replies = await chat.send("STOP")
    assert "pause the daily check-ins" in chat.texts(replies)
    assert [label for label, _ in chat.last_buttons()] == ["Pause check-ins"]
    assert not (await harness.repo.get_user(42)).checkins_paused  # nothing until the tap
    await chat.tap("Pause check-ins")
    assert (await harness.repo.get_user(42)).checkins_paused


async def test_a_bare_stop_in_a_question_cancels_it(harness: Harness) -> None:
    chat = await in_no_contact(harness)
    await chat.tap("Go to step 1")
    await chat.tap("write it out")
    replies = await chat.send("stop")
    assert "leave that question" in chat.texts(replies)
    assert await chat.state() is None
    assert not (await harness.repo.get_user(42)).checkins_paused


async def test_before_onboarding_ends_the_question_waits(harness: Harness) -> None:
    chat = harness.user()
    await chat.send("/start")
    state = await chat.state()
    assert state is not None and state.startswith("onboard.")
    replies = await chat.send("unsubscribe")
    assert "never write first" in chat.texts(replies)
    assert await chat.state() == state  # their place is kept for when they come back
    user = await harness.repo.get_user(42)
    assert user.display_name in (None, "")  # "unsubscribe" is not their name


async def test_a_sentence_about_the_ex_does_not_pause(harness: Harness) -> None:
    chat = await in_no_contact(harness)
    await chat.send("he won't stop messaging me")
    assert not (await harness.repo.get_user(42)).checkins_paused
