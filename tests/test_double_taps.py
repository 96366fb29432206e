"""Double taps on the paths' buttons (issue 10, small things): step 7 on every path (the goodbye's
letter, ritual and hope, the unsure path's "ask me again in two weeks", the checklist and "I've
sent it"), "Tell me more", and changing the path in /settings. The second press of the same
button on the same message gets the toast and nothing else, and stores nothing twice."""

from __future__ import annotations

from datetime import timedelta

from bot.core.outreach import FOLLOW_UP_KIND
from bot.ui.keyboards import encode
from tests.harness import ChatUser, Harness
from tests.test_small_things import double_tap, newest_button, pending, toast_only


async def ready_for_step7(harness: Harness, path: str) -> ChatUser:
    """Onboarded, steps 1-6 done, on `path`, with enough days of no contact to open step 7."""
    sam = harness.user(42)
    await sam.onboard()
    for step in range(1, 7):
        await harness.repo.complete_step(42, step)
    if path == "safety":
        await harness.repo.flag_abuse(42, "step1")
    else:
        assert await harness.repo.set_path(42, path)
    await harness.repo.update_profile(
        42, no_contact_since=harness.clock.now().date() - timedelta(days=40))
    await sam.press(encode("steps", "open", "7", owner=42))
    return sam


async def test_the_goodbye_on_the_moving_on_path(harness: Harness) -> None:
    sam = await ready_for_step7(harness, "moving_on")
    _, second = await double_tap(sam, "Tell me more")
    assert toast_only(second)
    _, second = await double_tap(sam, "Write the letter")
    assert toast_only(second) and await sam.state() == "step7.letter"
    await sam.send("Thank you for the good years.")
    first, second = await double_tap(sam, "That's everything")
    assert "ritual" in sam.texts(first).lower() and toast_only(second)
    _, second = await double_tap(sam, "A goodbye walk")
    assert toast_only(second)
    first, second = await double_tap(sam, "I've done it")
    assert toast_only(second) and await sam.state() == "step7.hope"
    first, second = await double_tap(sam, "Skip this part")
    assert "That's step 7 done" in sam.texts(first) and toast_only(second)
    assert [a.value for a in await harness.repo.answers(42, 7, "closure")] == ["done"]
    # Reopened: reading the letter and starting again are one press each, too.
    await sam.press(encode("steps", "open", "7", owner=42))
    message_id, data = newest_button(sam, "Read my letter")
    first, second = await double_tap(sam, "Read my letter")
    assert "Thank you for the good years." in sam.texts(first) and toast_only(second)
    harness.clock.advance(minutes=5)  # the same button later: the letter again, not a toast
    assert "Thank you for the good years." in sam.texts(
        await sam.press(data, message_id=message_id))
    _, second = await double_tap(sam, "Go through the goodbye again")
    assert toast_only(second) and await sam.state() == "step7.letter"


async def test_ask_me_again_in_two_weeks_is_one_reminder(harness: Harness) -> None:
    sam = await ready_for_step7(harness, "unsure")
    _, second = await double_tap(sam, "Still not sure")
    assert toast_only(second)
    first, second = await double_tap(sam, "Ask me again in two weeks")
    assert "in two weeks" in sam.texts(first) and toast_only(second)
    assert len(await pending(harness, "step7.remind")) == 1
    harness.clock.advance(days=14, minutes=1)
    await harness.tick()
    first, second = await double_tap(sam, "I know now: I'm letting go")
    assert "goodbye of your own" in sam.texts(first) and toast_only(second)
    assert (await harness.repo.get_user(42)).path == "moving_on"


async def test_the_checklist_and_ive_sent_it_on_the_reconnect_path(harness: Harness) -> None:
    sam = await ready_for_step7(harness, "reconnect")
    _, second = await double_tap(sam, "Yes, I still do")
    assert toast_only(second)
    for _ in range(6):
        _, second = await double_tap(sam, "Yes, honestly")
        assert toast_only(second)
    await sam.tap("1")
    first, second = await double_tap(sam, "I've sent it")
    assert "This was the plan, not a slip" in sam.texts(first)
    assert toast_only(second)
    assert len(await pending(harness, FOLLOW_UP_KIND)) == 1
    assert len(await harness.repo.answers(42, 7, "sent")) == 1  # one planned contact


async def test_changing_the_path_in_settings(harness: Harness) -> None:
    sam = await ready_for_step7(harness, "safety")
    await sam.send("/settings")
    first, second = await double_tap(sam, "Your path")
    assert "116 016" in sam.texts(first) and toast_only(second)
    first, second = await double_tap(sam, "I'm safe now")  # their words and the line again
    assert toast_only(second) and not (await harness.repo.safety_record(42)).step7_confirmed
    first, second = await double_tap(sam, "I've read this")  # the informed second tap
    assert toast_only(second) and (await harness.repo.safety_record(42)).step7_confirmed
    first, second = await double_tap(sam, "I'm moving on")
    assert "goodbye of your own" in sam.texts(first) and toast_only(second)
    assert (await harness.repo.get_user(42)).path == "moving_on"
