"""Round 10 (k10): the ways people type "skip" act as skip, through the real app, at the name
question, a setup question (the ex's nickname), step questions (step 1's problems, step 2's pull)
and a check-in's note, and are never stored: not as a name, a nickname, an answer or a note."""

from __future__ import annotations

from tests.checkin_helpers import in_no_contact
from tests.harness import Harness

# One of each family added in round 10, typed as people do: later, too private, not ready to
# talk, a polite ask, is it required, nothing to put, a lone dash, on to the next
VARIANTS = ("ask me later", "too personal", "thats private", "i dont wanna talk about it",
            "not ready to answer that", "mind if i skip", "do i have to answer this",
            "leave it blank", "-", "onto the next one")


async def test_skip_variants_at_the_name_question_are_no_name(harness: Harness) -> None:
    for offset, typed in enumerate(VARIANTS):
        chat = harness.user(100 + offset)
        await chat.send("/start")
        replies = await chat.send(typed)
        user = await harness.repo.get_user(chat.id)
        assert user.display_name is None, typed
        assert await chat.state() == "onboard.pronoun", typed  # skipped, the next question asked
        assert typed not in chat.texts(replies), typed


async def test_skip_variants_at_the_nickname_question_keep_no_nickname(harness: Harness) -> None:
    for offset, typed in enumerate(VARIANTS):
        chat = harness.user(200 + offset)
        await chat.send("/start")
        await chat.send("Robin")
        await chat.tap("she")
        assert await chat.state() == "onboard.nickname"
        await chat.send(typed)
        user = await harness.repo.get_user(chat.id)
        assert (user.display_name, user.ex_nickname) == ("Robin", None), typed
        assert await chat.state() == "onboard.breakup", typed


async def test_skip_variants_at_step_questions_store_nothing(harness: Harness) -> None:
    sam = await harness.at_step1()
    replies = await sam.send("too personal")  # skip with no problem written: one is needed
    assert await sam.state() == "step1.problems"
    assert await harness.repo.answers(42, 1) == []
    assert "too personal" not in sam.texts(replies)
    await sam.send("he never listened")
    await sam.send("i'd rather not talk about it")  # as "That's all" once one is written
    assert await sam.state() != "step1.problems"
    assert [a.value for a in await harness.repo.answers(42, 1)] == ["he never listened"]
    await sam.send("/cancel")
    await harness.repo.complete_step(42, 1)
    await sam.send("/steps")
    await sam.tap("2")
    assert await sam.state() == "step2.pull"
    await sam.send("ask me later")
    assert await sam.state() == "step2.mantra"
    assert await harness.repo.latest_answer(42, 2, "pull") is None
    await sam.send("-")
    assert await sam.state() == "step2.instead"
    assert await harness.repo.answers(42, 2) == []


async def test_skip_variants_at_a_checkin_note_keep_no_note(harness: Harness) -> None:
    chat = await in_no_contact(harness)
    await chat.send("/checkin")
    await chat.send("pretty good")
    await chat.send("nope")
    await chat.send("about a three")
    assert await chat.state() == "checkin.note"
    await chat.send("nothing to add")
    assert await chat.state() is None
    entry = await harness.repo.get_checkin(42, (await harness.repo.get_user(42)).today(
        harness.clock.now()))
    assert entry is not None and entry.note is None


async def test_a_refusal_with_nothing_open_gets_the_companion_not_nothing_to_skip(
        harness: Harness) -> None:
    """With nothing asked, "i don't wanna talk about it" is a person talking: the companion's
    reply (it offers to keep the words), never "nothing is waiting on an answer"; a terse "skip"
    is still told there is nothing to skip. Neither is stored as an answer."""
    sam = harness.user()
    await sam.onboard()
    assert await sam.state() is None
    for typed in ("i dont wanna talk about it", "not ready to answer that"):
        replies = await sam.send(typed)
        text = sam.texts(replies)
        assert replies and "Nothing is waiting" not in text, typed
        assert any("|kw|keep|" in data for _, data in sam.last_buttons()), (typed, text)
    replies = await sam.send("skip")
    assert "nothing to skip" in sam.texts(replies)
    assert await harness.repo.answers(42, 1) == []
