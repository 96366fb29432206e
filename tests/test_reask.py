"""The re-ask mechanism: /start, the resume button and a restart show the pending question
again (with its buttons and what was already ticked) instead of pointing "above"."""

from __future__ import annotations

from datetime import date

from bot.ui.keyboards import encode
from tests.harness import Harness
from tests.test_steps import labels, latest, ready_for


async def test_start_mid_step_reasks_the_pending_question(harness: Harness) -> None:
    sam = await ready_for(harness, 2)
    await sam.tap("Step 2")
    await sam.tap("7")
    replies = await sam.send("/start")
    text = sam.texts(replies)
    assert "here it is again" in text and "still open above" not in text
    assert "in your own words" in text and "This feeling will pass." in labels(replies[-1])
    assert await sam.state() == "step2.mantra"
    await sam.send("Breathe, it passes")
    assert (await latest(harness, 2))["mantra"] == "Breathe, it passes"


async def test_restart_mid_checklist_keeps_ticks_and_continues(harness: Harness) -> None:
    sam = await ready_for(harness, 4)
    await sam.tap("Step 4")
    await sam.tap("Stop messaging")
    await sam.tap("No calls")
    harness = await harness.restart()
    sam = harness.user(42)
    replies = await sam.send("/start")
    assert "no-contact checklist" in sam.texts(replies)
    ticked = [lb for lb in labels(replies[-1]) if lb.startswith("✅")]
    assert ticked == ["✅ Stop messaging him", "✅ No calls"]
    await sam.tap("I'm in")
    assert (await latest(harness, 4))["checklist"] == "msg,calls"
    harness = await harness.restart()
    sam = harness.user(42)
    # Without /start, the next message simply answers the pending question.
    replies = await sam.send("yesterday")
    assert "today is day 1" in sam.texts(replies)
    assert (await harness.repo.get_user(42)).no_contact_since == date(2026, 3, 1)
    await harness.stop()


async def test_resume_button_reasks_instead_of_pointing_above(harness: Harness) -> None:
    sam = await ready_for(harness, 6)
    await sam.tap("Step 6")
    await sam.tap("keep it private")
    replies = await sam.press(encode("ob", "resume", owner=42))
    assert "That's my week" in labels(replies[-1]) and "above" not in sam.texts(replies)
    await sam.send("Friday: dinner with my sister")
    assert [a.value for a in await harness.repo.answers(42, 6, "plan")] == [
        "Friday: dinner with my sister"]


async def test_reopening_a_step_mid_way_reasks_instead_of_restarting(harness: Harness) -> None:
    sam = await ready_for(harness, 5)
    await sam.tap("Step 5")
    await sam.tap("Take a course")
    await sam.send("/steps")
    replies = await sam.tap("Step 5")
    assert "Step 5: Be your best self" not in sam.texts(replies)
    assert "✅ Take a course" in labels(replies[-1])


async def test_start_reasks_step1_and_onboarding_questions(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.send("/start")
    await sam.send("Sam")
    replies = await sam.send("/start")
    assert "He" in labels(replies[-1]) and await sam.state() == "onboard.pronoun"
    await sam.tap("she")
    await sam.tap("skip")
    await sam.send("2 weeks ago")
    await sam.send("Europe/Berlin")
    await sam.send("20:00")
    await sam.tap("Go to step 1")
    await sam.tap("Let's write it out")
    await sam.send("We never talked")
    await sam.tap("That's all")
    replies = await sam.send("/start")
    assert "how did she treat you" in sam.texts(replies).lower()
    await sam.send("Coldly")
    assert (await latest(harness, 1))["treated"] == "Coldly"


async def test_start_without_a_question_offers_to_carry_on(harness: Harness) -> None:
    sam = await ready_for(harness, 3)
    replies = await sam.send("/start")
    assert "step 3 of 7" in sam.texts(replies) and "Carry on with step 3" in labels(replies[-1])
    replies = await sam.tap("Carry on")
    assert "Step 3: Keep your dignity" in sam.texts(replies)
