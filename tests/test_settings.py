"""/settings, /pause and /resume through the real app: buttons, typed answers, stored values and
the recomputed next check-in."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.core.clock import iso
from bot.delivery.schedule import reschedule
from tests.harness import Harness

MONDAY = date(2026, 3, 2)  # the harness clock starts on Monday 2 March 2026, 09:00 UTC


async def started(harness: Harness, user_id: int = 42, **onboard: str):  # type: ignore[no-untyped-def]
    """An onboarded user whose no contact began last week, with the check-in scheduled."""
    chat = harness.user(user_id)
    await chat.onboard(**onboard)
    await harness.repo.update_profile(user_id, no_contact_since=date(2026, 2, 23))
    await reschedule(harness.repo, user_id, harness.clock.now())
    return chat


async def stored(harness: Harness, user_id: int = 42):  # type: ignore[no-untyped-def]
    user = await harness.repo.get_user(user_id)
    assert user is not None
    return user


async def test_menu_shows_every_setting_with_buttons(harness: Harness) -> None:
    sam = await started(harness)
    replies = await sam.send("/settings")
    text = sam.texts(replies)
    for part in ("Sam", "he/him", "no nickname", "Europe/Berlin", "20:00", "Sundays",
                 "Next check-in: Mon 2 Mar, 20:00"):
        assert part in text
    labels = [label for label, _ in sam.last_buttons()]
    assert labels == ["Your name", "Their pronoun", "Their nickname", "Someone to call",
                      "Time zone", "Check-in time", "Weekly summary day", "Morning item",
                      "Your path", "Pause check-ins"]
    assert "Someone to call: nobody yet" in text


async def test_name_typed_bad_input_changes_nothing(harness: Harness) -> None:
    sam = await started(harness)
    await sam.send("/settings")
    await sam.tap("Your name")
    assert await sam.state() == "settings.name"
    replies = await sam.send("x" * 41)
    assert "Nothing has changed" in sam.texts(replies)
    assert (await stored(harness)).display_name == "Sam"
    assert await sam.state() == "settings.name"
    replies = await sam.send("  Alex   Kim ")
    assert "you're Alex Kim to me" in sam.texts(replies)
    user = await stored(harness)
    assert user.display_name == "Alex Kim" and user.state is None


async def test_pronoun_by_button_and_typed(harness: Harness) -> None:
    sam = await started(harness)
    await sam.send("/settings")
    await sam.tap("Their pronoun")
    replies = await sam.tap("She")
    assert '"she" and "her"' in sam.texts(replies)
    assert (await stored(harness)).ex_pronoun == "she"
    await sam.send("/settings")
    await sam.tap("Their pronoun")
    replies = await sam.send("it")
    assert "nothing has changed" in sam.texts(replies)
    assert (await stored(harness)).ex_pronoun == "she"
    await sam.send("They")
    assert (await stored(harness)).ex_pronoun == "they"


async def test_nickname_set_then_cleared(harness: Harness) -> None:
    sam = await started(harness)
    await sam.send("/settings")
    await sam.tap("Their nickname")
    replies = await sam.send("The <Drummer> said hi")
    assert "reads like a sentence" in sam.texts(replies)  # a nickname is a name
    replies = await sam.send("D'Angelo")
    assert "call him D&#39;Angelo" in sam.texts(replies)  # user text is escaped
    assert (await stored(harness)).ex_nickname == "D'Angelo"
    await sam.send("/settings")
    await sam.tap("Their nickname")
    await sam.tap("No nickname")
    assert (await stored(harness)).ex_nickname is None


async def test_time_zone_typed_reschedules_in_the_new_zone(harness: Harness) -> None:
    sam = await started(harness)
    assert (await stored(harness)).next_checkin_at == "2026-03-02T19:00:00Z"  # 20:00 in Berlin
    await sam.send("/settings")
    await sam.tap("Time zone")
    replies = await sam.send("Narnia")
    assert "nothing has changed" in sam.texts(replies)
    user = await stored(harness)
    assert user.timezone == "Europe/Berlin" and user.next_checkin_at == "2026-03-02T19:00:00Z"
    replies = await sam.send("australia")  # several clocks: asked for the city, nothing moves
    assert "Australia has more than one time zone" in sam.texts(replies)
    assert "nothing has changed" in sam.texts(replies)
    assert (await stored(harness)).timezone == "Europe/Berlin"
    replies = await sam.send("new york")
    user = await stored(harness)
    assert user.timezone == "America/New_York" and user.state is None
    assert user.next_checkin_at == "2026-03-03T01:00:00Z"  # 20:00 EST on Monday
    assert "America/New_York" in sam.texts(replies)
    assert "Next check-in: Mon 2 Mar, 20:00" in sam.texts(replies)


async def test_time_zone_button_and_offset(harness: Harness) -> None:
    sam = await started(harness)
    await sam.send("/settings")
    await sam.tap("Time zone")
    await sam.tap("Asia/Kolkata")
    user = await stored(harness)
    assert user.timezone == "Asia/Kolkata"
    assert user.next_checkin_at == "2026-03-02T14:30:00Z"  # 20:00 IST, UTC+05:30
    await sam.send("/settings")
    await sam.tap("Time zone")
    await sam.send("UTC-3")
    user = await stored(harness)
    assert user.timezone == "UTC-03:00" and user.next_checkin_at == "2026-03-02T23:00:00Z"
    await sam.send("/settings")
    await sam.tap("Time zone")
    replies = await sam.send("est")  # a clock of no one country: the helpline country stays
    user = await stored(harness)
    assert user.timezone == "EST5EDT" and user.next_checkin_at == "2026-03-03T01:00:00Z"
    assert "Eastern time" in sam.texts(replies) or "EST5EDT" in sam.texts(replies)


async def test_zone_change_after_todays_checkin_waits_for_tomorrow(harness: Harness) -> None:
    """Berlin's 20:00 check-in went out; moving to New York (still Monday there) must not bring a
    second Monday check-in at 20:00 New York time."""
    sam = await started(harness)
    harness.clock.set(datetime(2026, 3, 2, 19, 30, tzinfo=UTC))
    await harness.repo.write_one(
        "INSERT INTO outbox (user_id, kind, key, local_date, due_at, status, created_at)"
        " VALUES (42, 'checkin', '2026-03-02', '2026-03-02', '2026-03-02T19:00:00Z', 'sent', ?)",
        (iso(harness.clock.now()),),
    )
    await sam.send("/settings")
    await sam.tap("Time zone")
    await sam.tap("America/New_York")
    user = await stored(harness)
    assert user.next_checkin_at == "2026-03-04T01:00:00Z"  # Tuesday 20:00 in New York
    # Moving east instead lands on a new local day, which gets its own check-in.
    await sam.send("/settings")
    await sam.tap("Time zone")
    await sam.send("Tokyo")
    assert (await stored(harness)).next_checkin_at == "2026-03-03T11:00:00Z"  # Tue 20:00 JST


async def test_checkin_time_typed_and_by_button(harness: Harness) -> None:
    sam = await started(harness)
    await sam.send("/settings")
    await sam.tap("Check-in time")
    replies = await sam.send("25:00")
    assert "nothing has changed" in sam.texts(replies)
    assert (await stored(harness)).checkin_time.strftime("%H:%M") == "20:00"
    replies = await sam.send("7pm")
    user = await stored(harness)
    assert user.checkin_time.strftime("%H:%M") == "19:00"
    assert user.next_checkin_at == "2026-03-02T18:00:00Z"
    assert "now at 19:00" in sam.texts(replies)
    await sam.send("/settings")
    await sam.tap("Check-in time")
    await sam.tap("08:00")
    user = await stored(harness)
    # 08:00 Berlin has passed at 09:00 UTC on Monday: the next one is Tuesday's.
    assert user.checkin_time.strftime("%H:%M") == "08:00"
    assert user.next_checkin_at == "2026-03-03T07:00:00Z"


async def next_summary(harness: Harness) -> str | None:
    return (await stored(harness)).next_summary_at


async def test_summary_day_moves_the_weekly_summary(harness: Harness) -> None:
    sam = await started(harness)
    await harness.tick()  # schedules the first summary: Sunday 8 March, 20:26 Berlin
    assert await next_summary(harness) == "2026-03-08T19:26:02Z"  # user 42's own offset
    await sam.send("/settings")
    await sam.tap("Weekly summary day")
    replies = await sam.send("someday")
    assert "nothing has changed" in sam.texts(replies)
    assert (await stored(harness)).weekly_summary_day == 6
    replies = await sam.tap("Wednesday")
    assert "Wednesdays, after your 20:00 check-in" in sam.texts(replies)
    assert (await stored(harness)).weekly_summary_day == 2
    assert await next_summary(harness) == "2026-03-04T19:26:02Z"
    await sam.send("/settings")
    await sam.tap("Weekly summary day")
    await sam.send("fri")
    assert (await stored(harness)).weekly_summary_day == 4
    assert await next_summary(harness) == "2026-03-06T19:26:02Z"


async def test_cancel_keep_and_stale_buttons_change_nothing(harness: Harness) -> None:
    sam = await started(harness)
    await sam.send("/settings")
    await sam.tap("Time zone")
    replies = await sam.send("/cancel")
    assert await sam.state() is None
    assert "leave that question" in sam.texts(replies)
    # The zone buttons of the closed question are stale now.
    replies = await sam.tap("Asia/Kolkata")
    assert "already settled" in sam.texts(replies)
    assert (await stored(harness)).timezone == "Europe/Berlin"
    await sam.send("/settings")
    await sam.tap("Their pronoun")
    replies = await sam.tap("Keep it")
    assert "stays as it is" in sam.texts(replies) and await sam.state() is None
    assert (await stored(harness)).ex_pronoun == "he"


async def test_someone_elses_settings_button_is_declined(harness: Harness) -> None:
    sam = await started(harness)
    await started(harness, 43)
    await sam.send("/settings")
    _, data = next(b for b in sam.last_buttons() if b[0] == "Time zone")
    calls = await sam.press(data, as_user=43)
    assert [c.method for c in calls] == ["answerCallbackQuery"]
    assert (await stored(harness, 43)).state is None


async def test_pause_and_resume(harness: Harness) -> None:
    sam = await started(harness)
    replies = await sam.send("/resume")
    assert "aren't paused" in sam.texts(replies) and "Mon 2 Mar, 20:00" in sam.texts(replies)
    replies = await sam.send("/pause")
    user = await stored(harness)
    assert user.checkins_paused and user.next_checkin_at is None
    assert "paused" in sam.texts(replies)
    assert "already paused" in sam.texts(await sam.send("/pause"))
    harness.clock.set(datetime(2026, 3, 2, 20, 0, tzinfo=UTC))  # past today's 20:00 in Berlin
    replies = await sam.send("/resume")
    user = await stored(harness)
    assert not user.checkins_paused and user.next_checkin_at == "2026-03-03T19:00:00Z"
    assert "Tue 3 Mar, 20:00" in sam.texts(replies)


async def test_pause_from_the_menu_and_no_checkins_before_no_contact(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    replies = await sam.send("/settings")
    assert "once you start no contact" in sam.texts(replies)
    await sam.tap("Pause check-ins")
    assert (await stored(harness)).checkins_paused
    replies = await sam.send("/settings")
    assert "paused" in sam.texts(replies)
    await sam.tap("Resume check-ins")
    user = await stored(harness)
    assert not user.checkins_paused and user.next_checkin_at is None  # no contact not started


async def test_time_inside_the_spring_forward_gap_and_a_forged_day(harness: Harness) -> None:
    sam = await started(harness)
    harness.clock.set(datetime(2026, 3, 28, 12, 0, tzinfo=UTC))  # Saturday before Berlin's DST
    await sam.send("/settings")
    await sam.tap("Check-in time")
    await sam.send("02:30")
    # Sunday 29 March has no 02:30 in Berlin: the check-in comes at 03:00 CEST, once.
    assert (await stored(harness)).next_checkin_at == "2026-03-29T01:00:00Z"
    await sam.send("/settings")
    await sam.tap("Weekly summary day")
    _, data = next(b for b in sam.last_buttons() if b[0] == "Monday")
    replies = await sam.press(data.replace("|day|0|", "|day|0123456|"))
    assert "nothing has changed" in sam.texts(replies)
    assert (await stored(harness)).weekly_summary_day == 6
