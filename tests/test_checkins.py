from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bot.core.clock import ManualClock, iso
from bot.delivery.schedule import reschedule
from bot.ui.keyboards import encode
from tests.checkin_helpers import (
    ASK,
    answer,
    button,
    checkins_sent,
    in_no_contact,
    outbox_dates,
    run_until,
)
from tests.harness import START, Harness


async def test_daily_checkin_walks_mood_contact_urge_note(harness: Harness) -> None:
    chat = await in_no_contact(harness)
    await run_until(harness, datetime(2026, 3, 2, 18, 45, tzinfo=UTC))
    assert checkins_sent(harness) == []
    await run_until(harness, datetime(2026, 3, 2, 19, 0, tzinfo=UTC))
    assert len(checkins_sent(harness)) == 1  # 20:00 in Berlin (CET)
    replies = await answer(chat, "mood", "4")
    assert "Did you contact him" in chat.texts(replies)
    assert (await harness.repo.get_checkin(42, date(2026, 3, 2))).mood == 4
    await answer(chat, "contact", "n")
    await answer(chat, "urge", "8")
    assert await chat.state() == "checkin.note"
    replies = await chat.send("Cooked a proper dinner")
    entry = await harness.repo.get_checkin(42, date(2026, 3, 2))
    assert (entry.mood, entry.contacted, entry.urge, entry.note, entry.completed) == (
        4, False, 8, "Cooked a proper dinner", True)
    assert "still didn't reach out" in chat.texts(replies)
    assert await harness.repo.urges_resisted(42) == 1
    assert await chat.state() is None
    # Nothing more that day; the next one arrives tomorrow at the same local time.
    await run_until(harness, datetime(2026, 3, 3, 18, 45, tzinfo=UTC), step_minutes=60)
    assert len(checkins_sent(harness)) == 1
    await run_until(harness, datetime(2026, 3, 3, 19, 15, tzinfo=UTC))
    assert len(checkins_sent(harness)) == 2
    assert await outbox_dates(harness) == {date(2026, 3, 2): "sent", date(2026, 3, 3): "sent"}


async def test_low_mood_on_step5_gets_a_step5_suggestion(harness: Harness) -> None:
    chat = await in_no_contact(harness)
    for step in (1, 2, 3, 4):
        await harness.repo.complete_step(42, step)
    await chat.send("/checkin")
    await answer(chat, "mood", "1")
    await answer(chat, "contact", "n")
    await answer(chat, "urge", "0")
    replies = await chat.press(button(chat, "skip"))
    assert "step 5" in chat.texts(replies)
    assert (await harness.repo.get_checkin(42, date(2026, 3, 2))).note is None


async def test_twice_forged_and_someone_elses_buttons_are_declined(harness: Harness) -> None:
    chat = await in_no_contact(harness)
    await chat.send("/checkin")
    mood = button(chat, "mood", "3")
    await chat.press(mood)
    again = await chat.press(button(chat, "mood", "5"))
    assert any("already answered" in c.params.get("text", "") for c in again
               if c.method == "answerCallbackQuery")
    assert (await harness.repo.get_checkin(42, date(2026, 3, 2))).mood == 3
    # Another user pressing Sam's button.
    other = await chat.press(button(chat, "contact", "y"), as_user=77)
    assert any(c.method == "answerCallbackQuery" and c.params.get("show_alert") for c in other)
    assert (await harness.repo.get_checkin(42, date(2026, 3, 2))).contacted is None
    # Forged: a future date, a date never sent, a value out of range, a wrong shape.
    for arg in ("20260310.3", "20260220.3", "20260302.9", "2026030.3", "20260302.3.3"):
        forged = encode("ci", "contact" if arg.endswith("9") else "mood", arg, owner=42)
        replies = await chat.press(forged)
        assert "earlier question" in chat.texts(replies), arg
    assert (await harness.repo.get_checkin(42, date(2026, 3, 2))).contacted is None
    assert (await harness.repo.get_checkin(42, date(2026, 2, 20))) is None


async def test_old_checkin_button_works_after_restart(tmp_path: Path) -> None:
    h = await Harness(tmp_path / "bot.sqlite3").start()
    await in_no_contact(h)
    await run_until(h, datetime(2026, 3, 3, 19, 15, tzinfo=UTC), step_minutes=30)
    assert len(checkins_sent(h)) == 2
    first_day = next(d for _, d in checkins_sent(h)[0].buttons())
    assert "20260302.1|" in first_day
    h = await h.restart()
    await h.user(42).press(first_day.replace(".1|", ".2|"))
    assert (await h.repo.get_checkin(42, date(2026, 3, 2))).mood == 2
    assert (await h.repo.get_checkin(42, date(2026, 3, 3))) is None
    await h.stop()


async def test_checkin_on_demand_and_no_second_one_today(harness: Harness) -> None:
    chat = await in_no_contact(harness)
    await chat.send("/checkin")
    await answer(chat, "mood", "5")
    await answer(chat, "contact", "n")
    await answer(chat, "urge", "0")
    await chat.send("Called my sister")
    replies = await chat.send("/checkin")
    assert "already done" in chat.texts(replies)
    await run_until(harness, datetime(2026, 3, 2, 20, 0, tzinfo=UTC))
    assert len(checkins_sent(harness)) == 1  # the on-demand one; the 20:00 one is not sent too


async def test_no_checkins_before_no_contact_or_while_paused(harness: Harness) -> None:
    chat = harness.user(42)
    await chat.onboard()
    replies = await chat.send("/checkin")
    assert "begin once your no contact does" in chat.texts(replies)
    paused = await in_no_contact(harness, 43)
    await harness.repo.set_checkins_paused(43, True)
    await reschedule(harness.repo, 43, harness.clock.now())
    await run_until(harness, datetime(2026, 3, 3, 21, 0, tzinfo=UTC), step_minutes=60)
    assert checkins_sent(harness, 42) == [] and checkins_sent(harness, 43) == []
    await harness.repo.set_checkins_paused(43, False)
    await reschedule(harness.repo, 43, harness.clock.now())
    await run_until(harness, datetime(2026, 3, 4, 19, 15, tzinfo=UTC))
    assert len(checkins_sent(harness, 43)) == 1
    assert paused.id == 43


async def _dst_days(harness: Harness, tz: str, at: str, start: datetime, end: datetime) -> dict:
    harness.clock.set(start)
    await in_no_contact(harness, tz=tz, checkin=at)
    await run_until(harness, end)
    return await outbox_dates(harness)


async def test_berlin_spring_forward_sends_the_0230_checkin_once(harness: Harness) -> None:
    days = await _dst_days(harness, "Europe/Berlin", "02:30", datetime(2026, 3, 27, 22, tzinfo=UTC),
                           datetime(2026, 3, 30, 6, tzinfo=UTC))
    assert days == {date(2026, 3, 28): "sent", date(2026, 3, 29): "sent", date(2026, 3, 30): "sent"}
    assert len(checkins_sent(harness)) == 3
    spring = (await harness.repo.outbox_entry(42, "checkin", date(2026, 3, 29))).due_at
    assert spring == "2026-03-29T01:00:00Z"  # 02:30 does not exist: 03:00 CEST, just past the gap


async def test_berlin_fall_back_never_sends_two(harness: Harness) -> None:
    days = await _dst_days(harness, "Europe/Berlin", "02:30", datetime(2026, 10, 23, 22, tzinfo=UTC),
                           datetime(2026, 10, 26, 6, tzinfo=UTC))
    assert days == {date(2026, 10, 24): "sent", date(2026, 10, 25): "sent", date(2026, 10, 26): "sent"}
    assert len(checkins_sent(harness)) == 3
    fall = (await harness.repo.outbox_entry(42, "checkin", date(2026, 10, 25))).due_at
    assert fall == "2026-10-25T00:30:00Z"  # the first 02:30 (CEST), not the repeat in CET


async def test_lord_howe_half_hour_shifts(harness: Harness) -> None:
    # 5 April 2026: 02:00 falls back to 01:30, so 01:45 happens twice; one check-in.
    days = await _dst_days(harness, "Australia/Lord_Howe", "01:45",
                           datetime(2026, 4, 3, 12, tzinfo=UTC), datetime(2026, 4, 6, 12, tzinfo=UTC))
    assert [days[d] for d in (date(2026, 4, 4), date(2026, 4, 5), date(2026, 4, 6))] == ["sent"] * 3
    assert len(checkins_sent(harness)) == len(days)
    # 4 October 2026: 02:00 jumps to 02:30, so 02:15 does not exist; still exactly one.
    harness.clock.set(datetime(2026, 10, 2, 12, tzinfo=UTC))
    await harness.repo.update_profile(42, checkin_time="02:15")
    await reschedule(harness.repo, 42, harness.clock.now())
    await run_until(harness, datetime(2026, 10, 5, 12, tzinfo=UTC))
    days = await outbox_dates(harness)
    assert [days[d] for d in (date(2026, 10, 3), date(2026, 10, 4), date(2026, 10, 5))] == ["sent"] * 3
    assert (await harness.repo.outbox_entry(42, "checkin", date(2026, 10, 4))).due_at == (
        "2026-10-03T15:30:00Z")  # 02:30 LHDT (+11), just past the gap


async def test_time_zone_change_on_the_day_does_not_repeat_it(harness: Harness) -> None:
    await in_no_contact(harness)
    await run_until(harness, datetime(2026, 3, 2, 19, 15, tzinfo=UTC))
    assert len(checkins_sent(harness)) == 1
    # Moving to New York the same evening: 20:00 there is still 2 March, already checked in, so
    # the next one is 3 March's.
    await harness.repo.update_profile(42, timezone="America/New_York")
    assert iso(await reschedule(harness.repo, 42, harness.clock.now())) == "2026-03-04T01:00:00Z"
    await run_until(harness, datetime(2026, 3, 3, 2, 0, tzinfo=UTC))
    assert len(checkins_sent(harness)) == 1
    await run_until(harness, datetime(2026, 3, 4, 1, 15, tzinfo=UTC))
    assert await outbox_dates(harness) == {date(2026, 3, 2): "sent", date(2026, 3, 3): "sent"}
    assert len(checkins_sent(harness)) == 2


async def test_catch_up_after_downtime(harness: Harness) -> None:
    await in_no_contact(harness, 42)
    await in_no_contact(harness, 43)
    harness.clock.set(datetime(2026, 3, 2, 21, 55, tzinfo=UTC))  # 2 h 55 late: still sent
    await harness.tick()
    assert len(checkins_sent(harness, 42)) == 1
    harness.clock.set(datetime(2026, 3, 3, 23, 0, tzinfo=UTC))  # 4 h late: recorded as missed
    await harness.tick()
    assert len(checkins_sent(harness, 42)) == 1
    assert (await outbox_dates(harness, 42))[date(2026, 3, 3)] == "missed"
    assert (await harness.repo.get_user(42)).next_checkin_at == "2026-03-04T19:00:00Z"
    # Three days down: one missed row for the last due day, no flood of stale check-ins.
    harness.clock.set(datetime(2026, 3, 7, 12, 0, tzinfo=UTC))
    await harness.tick()
    assert len(checkins_sent(harness, 43)) == 1
    assert (await outbox_dates(harness, 43))[date(2026, 3, 4)] == "missed"


async def test_no_duplicates_across_restarts_and_crashed_sends(tmp_path: Path) -> None:
    h = await Harness(tmp_path / "bot.sqlite3").start()
    await in_no_contact(h, 42)
    await in_no_contact(h, 43)
    h.clock.set(datetime(2026, 3, 2, 19, 1, tzinfo=UTC))
    # A run that claimed the due check-ins and died before sending any of them:
    from bot.features.checkins.rules import plan_due

    _, rows = await h.repo.claim_due_schedules(
        "next_checkin_at", h.clock.now(), lambda u, at: plan_due(u, at, timedelta(hours=3)))
    assert len(rows) == 2
    # ... it had queued both, and claimed the second just before sending it.
    await h.repo.write_one("UPDATE outbox SET status = 'queued'")
    assert (await h.repo.claim_outbox_row(rows[1].id, harness_decide(h))).action == "go"
    for _ in range(3):  # the stand-in's record of calls carries over restarts
        h = await h.restart()
        await run_until(h, h.clock.now() + timedelta(minutes=30))
    assert len(checkins_sent(h, 42)) == 1  # pending at the crash: sent once
    assert len(checkins_sent(h, 43)) == 0  # mid-send at the crash: never resent
    assert (await outbox_dates(h, 43))[date(2026, 3, 2)] == "uncertain"
    await h.stop()


def harness_decide(h: Harness):  # type: ignore[no-untyped-def]
    from bot.delivery.dispatch import decider

    return decider(h.services)


async def test_two_processes_over_one_database_send_each_checkin_once(tmp_path: Path) -> None:
    clock = ManualClock(START)
    one = await Harness(tmp_path / "bot.sqlite3", clock=clock).start()
    two = await Harness(tmp_path / "bot.sqlite3", clock=clock).start()
    for uid in range(100, 110):
        await in_no_contact(one, uid)
    clock.set(datetime(2026, 3, 2, 19, 0, 30, tzinfo=UTC))
    await asyncio.gather(one.tick(), two.tick(), one.tick(), two.tick())
    for uid in range(100, 110):
        total = len(checkins_sent(one, uid)) + len(checkins_sent(two, uid))
        assert total == 1, uid
    await one.stop()
    await two.stop()


async def test_milestone_on_day_7_tied_to_the_step_sent_once(harness: Harness) -> None:
    await in_no_contact(harness, days=6)
    for step in (1, 2, 3, 4):
        await harness.repo.complete_step(42, step)
    await run_until(harness, datetime(2026, 3, 4, 19, 15, tzinfo=UTC), step_minutes=30)
    sent = [c.text for c in harness.request.sent(42) if "of no contact" in c.text]
    assert len(sent) == 1 and "Day 7 of no contact" in sent[0] and "step 5" in sent[0]
    assert list((await outbox_dates(harness, kind="milestone")).values()) == ["sent"]
    calls = harness.request.sent(42)
    milestone = next(i for i, c in enumerate(calls) if "of no contact" in c.text)
    assert calls.index(checkins_sent(harness)[1]) == milestone + 1  # just before that day's check-in
    assert ASK in checkins_sent(harness)[1].text


async def test_a_rating_said_with_a_comment_is_the_answer_not_a_new_urge(harness: Harness) -> None:
    """ "honestly like an 8, i keep opening our chat" at "how strong was the pull?" answers it:
    8 is stored and the check-in goes on to its last question, instead of the words being
    heard afresh as an urge and the check-in left. The mood takes "3, long day" too; two
    numbers ("8, maybe 9") are asked again."""
    chat = await in_no_contact(harness)
    await run_until(harness, datetime(2026, 3, 2, 19, 0, tzinfo=UTC))
    await chat.send("2, long day at work")
    await answer(chat, "contact", "n")
    replies = await chat.send("8, maybe 9")
    assert await chat.state() == "checkin.urge"
    assert any(call.buttons() for call in replies)
    await chat.send("honestly like an 8, i keep opening our chat")
    assert await chat.state() == "checkin.note"
    entry = await harness.repo.get_checkin(42, date(2026, 3, 2))
    assert (entry.mood, entry.contacted, entry.urge) == (2, False, 8)
