from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.ui.keyboards import encode
from tests.checkin_helpers import answer, in_no_contact, run_until
from tests.harness import Harness

TODAY = date(2026, 3, 2)


async def _urge(harness: Harness, outcome: str) -> None:
    await harness.repo.write_one(
        "INSERT INTO urges (user_id, occurred_at, source, outcome, created_at)"
        " VALUES (42, '2026-03-01T10:00:00Z', 'sos', ?, '2026-03-01T10:00:00Z')", (outcome,))


async def test_status_shows_streak_longest_total_and_urges(harness: Harness) -> None:
    chat = await in_no_contact(harness, days=12)
    await _urge(harness, "resisted")
    await _urge(harness, "resisted")
    await _urge(harness, "contacted")
    replies = await chat.send("/nocontact")
    text = chat.texts(replies)
    assert "day 12" in text and "Longest run: 12 days" in text
    assert "Total no-contact days: 12" in text and "Urges resisted: 2" in text
    assert "Next milestone: day 14" in text
    labels = [label for label, _ in chat.last_buttons()]
    assert labels == ["I contacted him", "He contacted me", "Change start date"]


async def test_slip_restarts_the_streak_keeps_history_and_takes_a_note(harness: Harness) -> None:
    chat = await in_no_contact(harness, days=12)
    await chat.send("/nocontact")
    replies = await chat.tap("I contacted him")
    text = chat.texts(replies)
    assert "12 days you did still happened" in text and "Longest run so far: 12" in text
    for harsh in ("fail", "shame", "weak", "should have"):
        assert harsh not in text.lower().replace("not failure", "")
    user = await harness.repo.get_user(42)
    assert user.no_contact_since == TODAY
    assert [(s.occurred_on, s.streak_days, s.note) for s in await harness.repo.slips(42)] == [
        (TODAY, 12, None)]
    await chat.send("3am and a playlist")
    assert (await harness.repo.slips(42))[0].note == "3am and a playlist"
    assert await chat.state() is None
    # Five days later: the current run is 5, the longest and the total remember the 12.
    harness.clock.advance(days=5)
    text = chat.texts(await chat.send("/nocontact"))
    assert "day 5" in text and "Longest run: 12 days" in text and "Total no-contact days: 17" in text


async def test_slip_note_can_be_skipped_and_a_second_tap_same_day_records_once(harness: Harness) -> None:
    chat = await in_no_contact(harness, days=3)
    await chat.send("/nocontact")
    await chat.tap("I contacted him")
    replies = await chat.tap("Skip")
    assert "Today is day 0 of your fresh count" in chat.texts(replies)
    await chat.send("/nocontact")
    replies = await chat.tap("I contacted him")
    assert "Already noted for today" in chat.texts(replies)
    assert len(await harness.repo.slips(42)) == 1
    stale = await chat.press(encode("nc", "skip", owner=42))
    await chat.tap("Skip")
    assert "earlier question" in chat.texts(await chat.press(encode("nc", "skip", owner=42)))
    assert stale


async def test_yes_in_a_checkin_runs_the_slip_flow_then_continues(harness: Harness) -> None:
    chat = await in_no_contact(harness, days=8)
    await run_until(harness, datetime(2026, 3, 2, 19, 15, tzinfo=UTC))
    await answer(chat, "mood", "2")
    replies = await answer(chat, "contact", "y")
    assert "count starts again from today" in chat.texts(replies)
    assert [s.streak_days for s in await harness.repo.slips(42)] == [8]
    replies = await chat.send("Saw the photos")
    assert "pull to reach out" in chat.texts(replies)  # back to the check-in: the urge question
    await answer(chat, "urge", "9")
    replies = await chat.send("Went to bed early")
    assert "fresh count" in chat.texts(replies)
    entry = await harness.repo.get_checkin(42, TODAY)
    assert entry.contacted is True and entry.completed
    assert await harness.repo.urges_resisted(42) == 0  # the urge was acted on, not resisted


async def test_they_contacted_me_triage_keeps_the_streak(harness: Harness) -> None:
    chat = await in_no_contact(harness, days=20)
    await chat.send("/nocontact")
    await chat.tap("He contacted me")
    practical = await chat.tap("Practical")
    assert "doesn't break your streak" in chat.texts(practical)
    assert "brief, factual and kind" in chat.texts(practical)
    assert len(practical) >= 3  # several short messages, not a wall
    emotional = await chat.tap("Feelings")
    assert "without pleading" in chat.texts(emotional)
    crumb = await chat.tap("A crumb")
    assert "Silence is a complete reply" in chat.texts(crumb)
    assert (await harness.repo.get_user(42)).no_contact_since == TODAY - timedelta(days=20)
    assert await harness.repo.slips(42) == []


async def test_change_start_date_by_button_and_typed_and_reschedules(harness: Harness) -> None:
    chat = harness.user(42)
    await chat.onboard()
    replies = await chat.send("/nocontact")
    assert "hasn't started yet" in chat.texts(replies)
    assert (await harness.repo.get_user(42)).next_checkin_at is None
    await chat.tap("Set my start date")
    replies = await chat.tap("A week ago")
    assert "day 7" in chat.texts(replies)
    user = await harness.repo.get_user(42)
    assert user.no_contact_since == TODAY - timedelta(days=7)
    assert user.next_checkin_at == "2026-03-02T19:00:00Z"
    await chat.send("/nocontact")
    await chat.tap("Change start date")
    assert "couldn't read" in chat.texts(await chat.send("next Tuesday"))
    replies = await chat.send("2026-02-01")
    assert "day 29" in chat.texts(replies)
    assert (await harness.repo.get_user(42)).no_contact_since == date(2026, 2, 1)


async def test_start_date_cannot_go_before_the_last_slip(harness: Harness) -> None:
    chat = await in_no_contact(harness, days=10)
    await chat.send("/nocontact")
    await chat.tap("I contacted him")
    await chat.tap("Skip")
    harness.clock.advance(days=3)
    await chat.send("/nocontact")
    await chat.tap("Change start date")
    replies = await chat.send("10 days ago")
    assert "can't start before that" in chat.texts(replies)
    assert (await harness.repo.get_user(42)).no_contact_since == TODAY
    await chat.send("yesterday")
    assert (await harness.repo.get_user(42)).no_contact_since == TODAY + timedelta(days=2)
    forged = encode("nc", "date", "20990101", owner=42)
    assert "earlier question" in chat.texts(await chat.press(forged))


async def test_a_slip_mid_question_leaves_that_question_open(harness: Harness) -> None:
    chat = await in_no_contact(harness, days=5)
    await chat.tap("Go to step 1")
    await chat.tap("write it out")
    assert await chat.state() == "step1.problems"
    await chat.send("/nocontact")
    await chat.tap("I contacted him")
    await chat.send("boredom")
    assert await chat.state() == "step1.problems"
