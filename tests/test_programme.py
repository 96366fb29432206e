"""The daily programme through the real app: asked once after step 4, one item each morning at
the chosen time, never repeated, /today, the evening check-in's question about the task,
/settings, /pause, crisis mode and restarts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.core.pronouns import Ex
from bot.devtools.standin import Call
from bot.features.programme import rules
from bot.ui.texts import render
from tests.checkin_helpers import run_until
from tests.harness import ChatUser, Harness
from tests.test_steps import ready_for

START_DAY = date(2026, 3, 2)  # Monday; no contact starts today (day 0)
MORNING = datetime(2026, 3, 3, 7, 0, tzinfo=UTC)  # Tuesday 08:00 in Berlin


async def in_programme(harness: Harness, at: str = "08:00") -> ChatUser:
    """Through step 4 (no contact from today), answering the morning-item question."""
    sam = await ready_for(harness, 4)
    await sam.tap("Step 4")
    await sam.tap("No meeting up")
    await sam.tap("I'm in")
    replies = await sam.tap("Today")
    assert len([c for c in replies if c.method == "sendMessage"]) <= 3
    assert "one small thing each morning" in replies[-1].text  # the question comes last
    assert await sam.state() == "programme.time"
    if at:
        replies = await sam.tap(at)
        assert f"your morning item comes around {at}" in sam.texts(replies)
        # Step 4 is announced done, with step 5 on offer, once the question is answered.
        assert "Step 4 done" in replies[-1].text and "step 5" in str(replies[-1].buttons())
    return sam


def item_text(item_id: int, part: str = "morning") -> str:
    return render(f"programme/{item_id:03d}", part=part, name="Sam", path="unsure", ex=Ex("he"))


def items_sent(harness: Harness) -> list[Call]:
    texts = {item_text(i.id): i.id for i in rules.items()}
    return [c for c in harness.request.sent(42) if c.text in texts]


async def days(harness: Harness) -> dict[date, tuple[int, bool, str | None]]:
    rows = await harness.repo.fetchall(
        "SELECT local_date FROM programme_days WHERE user_id = 42 ORDER BY local_date")
    out = {}
    for r in rows:
        entry = await harness.repo.programme_day(42, date.fromisoformat(r[0]))
        out[entry.local_date] = (entry.item_id, entry.used, entry.answer)
    return out


async def test_one_item_each_morning_at_the_chosen_time_never_repeated(harness: Harness) -> None:
    await in_programme(harness)
    user = await harness.repo.get_user(42)
    assert user.programme_time.strftime("%H:%M") == "08:00" and user.programme_asked
    await harness.tick()
    assert (await harness.repo.get_user(42)).next_programme_at == "2026-03-03T07:00:00Z"
    await run_until(harness, MORNING - timedelta(minutes=1))
    assert items_sent(harness) == []
    await run_until(harness, MORNING + timedelta(days=9, minutes=15), step_minutes=60)
    sent = items_sent(harness)
    assert len(sent) == 10
    stored = await days(harness)
    assert sorted(stored) == [START_DAY + timedelta(days=n) for n in range(1, 11)]
    ids = [item for item, used, _ in stored.values()]
    assert len(set(ids)) == 10 and all(used for _, used, _ in stored.values())
    assert [c.text for c in sent] == [item_text(i) for i in ids]
    # Each went out at 08:00 Berlin on its own day (a pass every hour, on the hour).
    rows = await harness.repo.outbox_for(42, "programme")
    assert {r.due_at[11:] for r in rows} == {"07:00:00Z"} and {r.status for r in rows} == {"sent"}


async def test_today_shows_the_same_item_the_morning_brings(harness: Harness) -> None:
    sam = await in_programme(harness)
    harness.clock.set(MORNING - timedelta(hours=2))  # Tuesday 06:00 Berlin
    replies = await sam.send("/today")
    [(item_id, used, _)] = (await days(harness)).values()
    assert sam.texts(replies) == item_text(item_id) and used
    await run_until(harness, MORNING + timedelta(minutes=15))
    assert [c.text for c in items_sent(harness)] == [item_text(item_id)] * 2
    assert (await days(harness))[date(2026, 3, 3)][0] == item_id


async def test_today_says_why_there_is_none(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    assert "begin the day your no contact does" in sam.texts(await sam.send("/today"))
    sam = await in_programme(harness, at="")
    await sam.tap("No morning items")
    assert "switched off" in sam.texts(await sam.send("/today"))
    await run_until(harness, MORNING + timedelta(hours=2), step_minutes=60)
    assert items_sent(harness) == [] and await harness.repo.outbox_for(42, "programme") == []


async def test_asked_once_after_step_4_and_from_settings(harness: Harness) -> None:
    sam = await in_programme(harness, at="")
    replies = await sam.tap("No morning items")
    assert "/settings can switch them on" in replies[-2].text and "Step 4 done" in replies[-1].text
    # Step 4 again: not asked a second time.
    await sam.send("/steps")
    await sam.tap("Step 4")
    await sam.tap("Go through step 4 again")
    await sam.tap("No meeting up")
    await sam.tap("I'm in")
    replies = await sam.tap("Today")
    assert "one small thing each morning" not in sam.texts(replies)
    # /settings switches them on; a typed time works, a bad one is asked again kindly.
    await sam.send("/settings")
    await sam.tap("Morning item")
    assert "I need a time like 08:30" in sam.texts(await sam.send("whenever"))
    replies = await sam.send("7.45")
    assert "comes around 07:45" in sam.texts(replies)
    assert (await harness.repo.get_user(42)).programme_time.strftime("%H:%M") == "07:45"
    await run_until(harness, datetime(2026, 3, 3, 6, 50, tzinfo=UTC))
    assert len(items_sent(harness)) == 1


async def test_the_evening_check_in_asks_about_the_mornings_task_first(harness: Harness) -> None:
    sam = await in_programme(harness)
    # Run mornings and evenings until a task day's check-in comes (tasks are about half).
    when = MORNING
    for _ in range(10):
        await run_until(harness, when + timedelta(minutes=5))
        item_id = (await days(harness))[when.date()][0]
        checkin_at = datetime.combine(when.date(), datetime.min.time(), UTC) + timedelta(hours=19)
        await run_until(harness, checkin_at + timedelta(minutes=5))
        last = harness.request.sent(42)[-1]
        if rules.by_id(item_id).evening:
            break
        assert last.text.startswith("Check-in time, Sam. How has today been")
        await sam.tap("3")  # answers, so the next evening starts fresh
        await sam.tap("No, I didn't")
        await sam.tap("0")
        await sam.tap("Skip")
        when += timedelta(days=1)
    else:
        raise AssertionError("no task in ten days")
    assert last.text.startswith("Check-in time, Sam. ")
    assert item_text(item_id, "evening") in last.text
    assert [label for label, _ in last.buttons()] == ["Yes, I did", "Not today"]
    replies = await sam.tap("Yes, I did")
    text = sam.texts(replies)
    assert "one more thing you did for yourself" in text and "How has today been" in text
    assert (await days(harness))[when.date()][2] == "yes"
    replies = await sam.tap("Not today")  # a second answer is declined
    assert any("answered" in c.params.get("text", "") for c in replies
               if c.method == "answerCallbackQuery")
    await sam.tap("4")
    assert "Did you contact" in harness.request.sent(42)[-1].text


async def test_pause_stops_items_and_resume_brings_them_back(harness: Harness) -> None:
    sam = await in_programme(harness)
    await sam.send("/pause")
    await run_until(harness, MORNING + timedelta(hours=1), step_minutes=60)
    assert items_sent(harness) == []
    assert "paused" in sam.texts(await sam.send("/today"))
    await sam.send("/resume")
    await run_until(harness, MORNING + timedelta(days=1, minutes=15), step_minutes=60)
    assert len(items_sent(harness)) == 1


async def test_crisis_mode_skips_the_morning_and_the_item_comes_back_later(harness: Harness) -> None:
    sam = await in_programme(harness)
    await harness.tick()
    harness.clock.set(MORNING - timedelta(hours=10))  # Monday 22:00 Berlin
    await sam.send("i want to kill myself")  # the crisis reply: crisis mode for 24 hours
    assert (await harness.repo.get_user(42)).in_crisis(harness.clock.now())
    await run_until(harness, MORNING + timedelta(hours=15), step_minutes=60)  # Tue 23:00 Berlin
    assert items_sent(harness) == []
    [row] = await harness.repo.outbox_for(42, "programme")
    assert (row.status, row.reason) == ("skipped", "crisis")
    checkins = await harness.repo.outbox_for(42, "checkin")  # Monday's (late) and Tuesday's
    assert [(c.local_date.day, c.status, c.reason) for c in checkins] == [
        (2, "skipped", "crisis"), (3, "skipped", "crisis")]  # not sent late in a bunch either
    # Wednesday morning, crisis over: an item arrives, and Tuesday's unused one is still free.
    await run_until(harness, MORNING + timedelta(days=1, minutes=15))
    assert len(items_sent(harness)) == 1
    stored = await days(harness)
    assert date(2026, 3, 3) not in stored  # nothing was used up on Tuesday
    # Wednesday's pick (day 2, step 5) sees every item as unused, Tuesday's included.
    fresh = rules.pick(rules.items(), "unsure", 2, 5, set(), [])
    assert fresh is not None and stored[date(2026, 3, 4)] == (fresh.id, True, None)


async def test_an_open_question_holds_the_morning_item_until_answered(harness: Harness) -> None:
    sam = await in_programme(harness)
    harness.clock.set(MORNING - timedelta(minutes=2))
    await sam.send("/settings")
    await sam.tap("Your name")  # a question is open at 08:00
    await run_until(harness, MORNING + timedelta(minutes=30), step_minutes=5)
    assert items_sent(harness) == []
    [row] = await harness.repo.outbox_for(42, "programme")
    assert row.status == "pending"
    await sam.send("Sammy")  # answered: the item follows within a minute or two
    await run_until(harness, harness.clock.now() + timedelta(minutes=2), step_minutes=1)
    assert len(items_sent(harness)) == 1
    assert (await harness.repo.outbox_for(42, "programme"))[0].status == "sent"


async def test_a_morning_claimed_at_a_crash_is_never_resent_and_counts_as_used(
        harness: Harness) -> None:
    await in_programme(harness)
    await harness.tick()
    harness.clock.set(MORNING + timedelta(minutes=1))
    for produce in harness.services.ticks:  # the producers alone: the row exists, unsent
        await produce(harness.services)
    await harness.repo.choose_programme_item(42, date(2026, 3, 3), 1)
    await harness.repo.write_one("UPDATE outbox SET status = 'sending' WHERE kind = 'programme'")
    fresh = await harness.restart()
    await fresh.tick()
    assert items_sent(fresh) == []
    assert (await days(fresh))[date(2026, 3, 3)] == (1, True, None)  # maybe seen: used
