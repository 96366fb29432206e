"""Anything unexpected gets a short, kind answer and changes nothing."""

from __future__ import annotations

from bot.ui.keyboards import encode
from tests.harness import Harness


async def _ready(harness: Harness):  # type: ignore[no-untyped-def]
    sam = await harness.at_step1()
    return sam


async def test_sticker_photo_and_voice_get_a_kind_answer_and_keep_the_state(harness: Harness) -> None:
    sam = await _ready(harness)
    for update in (harness.updates.sticker(42), harness.updates.photo(42), harness.updates.voice(42)):
        replies = await sam.process(update)
        assert len(replies) == 1 and "only read text" in replies[0].text
        assert "/cancel" in replies[0].text
    assert await sam.state() == "step1.problems"
    assert await harness.repo.answers(42, 1) == []


async def test_group_message_gets_one_line(harness: Harness) -> None:
    sam = harness.user(42)
    replies = await sam.process(harness.updates.text(42, "hello", chat_id=-100, chat_type="group"))
    assert len(replies) == 1 and "private chat" in replies[0].text
    assert replies[0].chat_id == -100
    assert await harness.repo.get_user(42) is None


async def test_channel_post_gets_one_line_then_the_bot_leaves(harness: Harness) -> None:
    replies = await harness.user(42).process(harness.updates.channel_post(-1001, "news"))
    assert [c.method for c in replies] == ["sendMessage", "leaveChat"]
    assert "private chat" in replies[0].text and replies[1].params["chat_id"] == -1001


async def test_edited_message_is_not_reprocessed(harness: Harness) -> None:
    sam = await _ready(harness)
    replies = await sam.process(harness.updates.edited(42, "a changed problem"))
    assert "edit" in sam.texts(replies)
    assert await harness.repo.answers(42, 1) == []


async def test_very_long_text_is_refused_and_not_stored(harness: Harness) -> None:
    sam = await _ready(harness)
    replies = await sam.send("a" * (harness.settings.max_text_length + 1))
    assert "haven't saved it" in sam.texts(replies)
    assert await harness.repo.answers(42, 1) == []
    await sam.send("a" * harness.settings.max_text_length)
    assert len(await harness.repo.answers(42, 1)) == 1


async def test_text_where_a_button_was_expected(harness: Harness) -> None:
    sam = await harness.at_step1()
    await sam.send("one")
    await sam.tap("That's all")
    for answer in ("bad", "no", "no"):
        await sam.send(answer)
    assert await sam.state() == "step1.want_back"
    replies = await sam.send("purple")
    assert "Tap one of these" in sam.texts(replies)
    assert await sam.state() == "step1.want_back"
    assert await harness.repo.latest_answer(42, 1, "want_back") is None


async def test_old_forged_and_foreign_buttons(harness: Harness) -> None:
    sam = await _ready(harness)
    answers = [c for c in await sam.press("garbage") if c.method == "answerCallbackQuery"]
    assert "no longer works" in answers[0].params["text"]
    forged = encode("s1", "done", owner=99)
    answers = [c for c in await sam.press(forged) if c.method == "answerCallbackQuery"]
    assert "someone else" in answers[0].params["text"]
    # A button from an earlier question: the onboarding pronoun.
    replies = await sam.press(encode("ob", "pronoun", "she", owner=42))
    assert "already settled" in sam.texts(replies)
    assert (await harness.repo.get_user(42)).ex_pronoun == "he"
    assert await sam.state() == "step1.problems"


async def test_unknown_command(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    replies = await sam.send("/frobnicate")
    assert "/help" in sam.texts(replies)


async def test_cancel_leaves_a_question_but_keeps_answers(harness: Harness) -> None:
    sam = await _ready(harness)
    await sam.send("we fought")
    replies = await sam.send("/cancel")
    assert "saved" in sam.texts(replies)
    assert await sam.state() is None
    assert [a.value for a in await harness.repo.answers(42, 1)] == ["we fought"]


async def test_maybe_where_not_sure_is_a_button_is_not_sure(harness: Harness) -> None:
    """'maybe' is the control word 'unsure' (round 9): a question with a Not-sure button takes
    it as that answer, instead of asking for a tap."""
    sam = await harness.at_step1()
    await sam.send("one")
    await sam.tap("That's all")
    for answer in ("bad", "no", "no"):
        await sam.send(answer)
    replies = await sam.send("maybe")
    assert "Tap one of these" not in sam.texts(replies)
    assert "You weren&#39;t sure" in sam.texts(replies)
    assert await sam.state() != "step1.want_back"
