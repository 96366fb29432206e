"""One truth about days and contact (issue 10) through the real application: the start day is
day 0 in every text, step 7 speaks of weeks only when there were weeks, and the step-7 message
the user sends is a planned contact (not a slip) with the tracker waiting for a reply."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest

from bot.features.steps.step7_rules import CHECKLIST
from bot.ui.keyboards import encode
from bot.ui.texts import environment
from tests.harness import ChatUser, Harness


async def started(harness: Harness, days: int, *, path: str = "reconnect") -> ChatUser:
    sam = harness.user(42)
    await sam.onboard()
    await harness.repo.set_path(42, path)
    await harness.repo.update_profile(
        42, no_contact_since=harness.clock.now().date() - timedelta(days=days))
    return sam


def test_no_text_calls_the_start_day_anything_but_day_0() -> None:
    """The start day is day 0 (bot/core/streaks.current_days); no template says otherwise."""
    other_names = re.compile(r"day one|day zero|tomorrow is day (?!1\b)", re.IGNORECASE)
    loader = environment().loader
    assert loader is not None
    for name in environment().list_templates():
        source, _, _ = loader.get_source(environment(), name)
        assert not other_names.search(source), name


async def test_the_start_day_is_day_0_in_every_flow(harness: Harness) -> None:
    sam = await started(harness, 0)
    assert "No contact: day 0" in sam.texts(await sam.send("/nocontact"))
    assert "Today is day 0 of no contact" in sam.texts(await sam.send("/sos"))
    await harness.repo.update_profile(42, no_contact_since=harness.clock.now().date()
                                      - timedelta(days=3))
    await sam.send("/nocontact")
    text = sam.texts(await sam.tap("I contacted him"))
    assert "starts again from today, day 0" in text and "the 3 days you did" in text
    assert "Today is day 0 of your fresh count" in sam.texts(await sam.tap("Skip"))
    assert "No contact: day 0" in sam.texts(await sam.send("/nocontact"))
    harness.clock.advance(days=1)
    assert "No contact: day 1" in sam.texts(await sam.send("/nocontact"))


async def test_a_slip_in_the_check_in_says_day_0(harness: Harness) -> None:
    sam = await started(harness, 5)
    await sam.send("/checkin")
    await sam.tap("3")
    await sam.tap("Yes, I did")
    await sam.tap("Skip")
    await sam.tap("4")
    replies = await sam.tap("Skip")
    assert "today is day 0 of a fresh count" in sam.texts(replies)


@pytest.mark.parametrize(("days", "said", "not_said"), [
    (12, "12 days", "weeks"), (45, "6 weeks", "days now"), (70, "2 months", "weeks"),
])
async def test_step7_speaks_of_weeks_only_when_there_were_weeks(
        tmp_path: Path, days: int, said: str, not_said: str) -> None:
    harness = await Harness(tmp_path / "bot.sqlite3", step7_unlock_days=10).start()
    try:
        sam = await started(harness, days)
        for step in range(1, 7):
            await harness.repo.complete_step(42, step)
        text = sam.texts(await sam.press(encode("steps", "open", "7", owner=42)))
        assert f"kept your distance for {said} now" in text
        await sam.tap("Yes, I still do")
        for _ in CHECKLIST[1:]:
            await sam.tap("Yes, honestly")
        last = sam.texts(harness.request.calls[-1:])
        assert f"you've built these past {said}?" in last
        assert not_said not in text + last
    finally:
        await harness.stop()


async def send_planned_message(harness: Harness, sam: ChatUser) -> None:
    for step in range(1, 7):
        await harness.repo.complete_step(42, step)
    await sam.press(encode("steps", "open", "7", owner=42))
    await sam.tap("Yes, I still do")
    for _ in CHECKLIST:
        await sam.tap("Yes, honestly")
    await sam.tap("2")
    await sam.tap("I've sent it")


async def test_the_planned_message_is_not_a_slip_and_the_tracker_waits(harness: Harness) -> None:
    sam = await started(harness, 40)
    await send_planned_message(harness, sam)
    before = await harness.repo.get_user(42)
    # That evening's check-in asks about contact besides the message, and "no" is not a slip.
    await sam.send("/checkin")
    replies = await sam.tap("3")
    assert "Besides the one message you planned and sent" in sam.texts(replies)
    assert "Did you contact him today?" not in sam.texts(replies)
    await sam.tap("No, nothing else")
    await sam.tap("2")
    replies = await sam.tap("Skip")
    assert "Thanks for telling me the truth" not in sam.texts(replies)
    entry = await harness.repo.get_checkin(42, before.today(harness.clock.now()))
    assert (entry.contacted, entry.contact_planned, entry.slipped) == (True, True, False)
    assert await harness.repo.slips(42) == []
    assert (await harness.repo.get_user(42)).no_contact_since == before.no_contact_since

    # The tracker waits for a reply until the follow-up is answered.
    text = sam.texts(await sam.send("/nocontact"))
    assert "Waiting for a reply" in text and "on day 40 of no contact" in text
    assert "not a slip" in text and "I'll ask on" in text
    assert "Waiting for a reply to the one message" in sam.texts(await sam.send("/progress"))
    harness.clock.advance(days=1)
    await sam.send("/checkin")
    await sam.tap("3")
    await sam.tap("No, nothing else")  # the next day: no contact at all
    entry = await harness.repo.get_checkin(42, before.today(harness.clock.now()))
    assert (entry.contacted, entry.contact_planned) == (False, False)
    harness.clock.advance(days=2)
    await harness.tick()
    text = sam.texts(await sam.send("/nocontact"))
    assert "Waiting for a reply" in text and "when you're ready" in text  # asked, not answered
    await sam.tap("No answer")
    text = sam.texts(await sam.send("/nocontact"))
    assert "Waiting for a reply" not in text and "No contact: day 43" in text


async def test_more_than_the_planned_message_is_a_slip(harness: Harness) -> None:
    sam = await started(harness, 40)
    await send_planned_message(harness, sam)
    await sam.send("/checkin")
    await sam.tap("3")
    replies = await sam.tap("Yes, more than that")
    assert "Your count starts again from today, day 0" in sam.texts(replies)
    [slip] = await harness.repo.slips(42)
    assert slip.streak_days == 40
    entry = await harness.repo.get_checkin(42, (await harness.repo.get_user(42)).today(
        harness.clock.now()))
    assert entry.slipped


async def test_a_planned_answer_outside_the_wait_is_refused(harness: Harness) -> None:
    sam = await started(harness, 5)
    await sam.send("/checkin")
    await sam.tap("3")
    day = (await harness.repo.get_user(42)).today(harness.clock.now())
    replies = await sam.press(encode("ci", "contact", f"{day:%Y%m%d}.p", owner=42))
    assert "already settled" in sam.texts(replies)
    assert (await harness.repo.get_checkin(42, day)).contacted is None
