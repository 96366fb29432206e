"""/progress and the weekly summary through the real app, and the pure chart-data shaping."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.progress_data import (
    DayPoint,
    answered_days,
    average,
    daily_series,
    has_chart_data,
    mood_average,
    mood_trend,
    urge_average,
)
from bot.standin import Call
from bot.weekly import next_weekly, parse_weekday
from tests.harness import Harness

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
TODAY = date(2026, 3, 2)  # the harness starts on Monday 2 March 2026, 09:00 UTC
BERLIN = ZoneInfo("Europe/Berlin")


# --- pure shaping -------------------------------------------------------------------------------

def test_daily_series_fills_gaps_oldest_first_and_drops_outside_days() -> None:
    points = [DayPoint(TODAY, 4, 2), DayPoint(TODAY - timedelta(days=2), 2, 8),
              DayPoint(TODAY - timedelta(days=7), 5, 0), DayPoint(TODAY + timedelta(days=1), 1, 9)]
    series = daily_series(points, TODAY, days=7)
    assert [p.day for p in series] == [TODAY - timedelta(days=6 - i) for i in range(7)]
    assert [(p.mood, p.urge) for p in series] == [(None, None)] * 4 + [(2, 8), (None, None), (4, 2)]


def test_averages_ignore_missing_days_and_round() -> None:
    points = [DayPoint(TODAY, 4, 3), DayPoint(TODAY - timedelta(days=1), 3, None),
              DayPoint(TODAY - timedelta(days=20), 1, 10)]
    assert mood_average(points, TODAY, 7) == 3.5
    assert mood_average(points, TODAY, 30) == round(8 / 3, 1)
    assert urge_average(points, TODAY, 7) == 3.0
    assert answered_days(points, TODAY, 7) == 2
    assert average([None, None]) is None
    assert mood_average([], TODAY, 7) is None


def test_mood_trend_needs_a_real_difference() -> None:
    assert mood_trend(3.6, 3.0) == "up"
    assert mood_trend(2.7, 3.0) == "down"
    assert mood_trend(3.2, 3.0) == "steady"
    assert mood_trend(None, 3.0) is None


def test_has_chart_data() -> None:
    assert not has_chart_data(daily_series([], TODAY, 30))
    assert has_chart_data(daily_series([DayPoint(TODAY, None, 0)], TODAY, 30))


def test_next_weekly_same_day_later_next_week_and_dst_gap() -> None:
    at = time(20, 0)
    monday_morning = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    assert next_weekly(0, at, BERLIN, monday_morning) == datetime(2026, 3, 2, 19, 0, tzinfo=UTC)
    assert next_weekly(0, at, BERLIN, datetime(2026, 3, 2, 19, 0, tzinfo=UTC)) == datetime(
        2026, 3, 9, 19, 0, tzinfo=UTC)
    assert next_weekly(6, at, BERLIN, monday_morning) == datetime(2026, 3, 8, 19, 0, tzinfo=UTC)
    # Sunday 29 March 2026: Berlin skips 02:00-03:00; 02:30 lands at 03:00 CEST, once.
    due = next_weekly(6, time(2, 30), BERLIN, datetime(2026, 3, 28, 12, 0, tzinfo=UTC))
    assert due == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)


def test_parse_weekday() -> None:
    assert parse_weekday("Sunday") == 6
    assert parse_weekday(" mon. ") == 0
    assert parse_weekday("th") == 3
    assert parse_weekday("t") is None  # Tuesday or Thursday?
    assert parse_weekday("s") is None
    assert parse_weekday("someday") is None


# --- /progress ----------------------------------------------------------------------------------

async def seed_history(harness: Harness, user_id: int = 42) -> None:
    """No contact since 23 Feb after two earlier runs of 5 and 12 days; 10 days of check-ins."""
    repo = harness.repo
    await repo.update_profile(user_id, no_contact_since=date(2026, 2, 23))
    await repo.store_slip(user_id, date(2026, 2, 1), 5)
    await repo.store_slip(user_id, date(2026, 2, 23), 12)
    moods = [2, 2, 3, 2, 3, 3, 4, 4, 3, 5]  # oldest first, ending today
    urges = [8, 9, 6, 7, 5, 5, 3, 4, 2, 1]
    for back, (mood, urge) in enumerate(zip(reversed(moods), reversed(urges))):
        await repo.store_checkin_day(user_id, TODAY - timedelta(days=back), mood=mood, urge=urge,
                                     contacted=False)
    now = harness.clock.now()
    for hours, outcome in ((1, "resisted"), (30, "resisted"), (50, "contacted"), (400, "resisted")):
        await repo.store_urge(user_id, now - timedelta(hours=hours), outcome)


def photo_bytes(call: Call) -> bytes:
    files = [v for k, v in call.params.items() if k.startswith("file:")]
    assert len(files) == 1, call.params.keys()
    return bytes(files[0])


async def test_progress_sends_a_png_chart_with_the_figures(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    await seed_history(harness)
    replies = await sam.send("/progress")
    assert [c.method for c in replies] == ["sendPhoto"]
    png = photo_bytes(replies[0])
    assert png.startswith(PNG_SIGNATURE) and len(png) > 10_000
    caption = replies[0].text
    assert "No contact: day 7." in caption
    assert "Longest run 12 days, 24 days in all." in caption  # 7 now + 5 + 12
    # Moods: last 7 days 2,3,3,4,4,3,5 -> 24/7; all 10 days 31/10. Urges: 7,5,5,3,4,2,1 -> 27/7.
    assert "Mood: 3.4 on average this week, 3.1 over 30 days" in caption
    assert "Urges: 3 of 4 resisted." in caption
    assert "Urge to reach out: 3.9/10 on average this week." in caption


async def test_progress_without_history_is_a_text_message(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    replies = await sam.send("/progress")
    assert [c.method for c in replies] == ["sendMessage"]
    text = sam.texts(replies)
    assert "hasn't started yet" in text and "no check-ins yet" in text
    assert "chart appears once" in text


# --- the weekly summary -------------------------------------------------------------------------

SUNDAY_DUE = datetime(2026, 3, 8, 19, 0, tzinfo=UTC)  # Sunday 8 March, 20:00 in Berlin


def summaries(harness: Harness, user_id: int = 42) -> list[Call]:
    return [c for c in harness.request.sent(user_id) if "Your week" in c.text]


async def test_weekly_summary_once_on_the_chosen_day_across_restarts(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    await seed_history(harness)
    await harness.tick()  # arms the first summary
    h = await harness.restart()
    try:
        # Monday to Sunday evening, one pass an hour: nothing before Sunday 20:00 Berlin time.
        while h.clock.now() + timedelta(hours=1) < SUNDAY_DUE:
            h.clock.advance(hours=1)
            await h.tick()
        assert summaries(h) == []
        h.clock.set(SUNDAY_DUE + timedelta(seconds=30))
        await h.tick()
        sent = summaries(h)
        assert [c.method for c in sent] == ["sendPhoto"]
        assert photo_bytes(sent[0]).startswith(PNG_SIGNATURE)
        assert "No contact: day 13." in sent[0].text  # since 23 Feb, on Sunday 8 March
        assert "Urges resisted: 1 of 1." in sent[0].text  # the urge 1 h before Monday 09:00 UTC
        words = h.request.sent(42)[-1].text
        assert "/progress" in words  # the gentle word follows the chart
        # A restart and more passes the same evening send nothing more.
        h = await h.restart()
        for _ in range(3):
            h.clock.advance(minutes=20)
            await h.tick()
        assert summaries(h) == []
        jobs = await h.repo.pending_jobs(42, "weekly_summary")
        assert [(j.dedupe_key, j.due_at) for j in jobs] == [("2026-03-15", "2026-03-15T19:00:00Z")]
        # The next Sunday brings exactly one more.
        h.clock.set(datetime(2026, 3, 15, 19, 0, tzinfo=UTC))
        await h.tick()
        await h.tick()
        assert len(summaries(h)) == 1
    finally:
        await h.stop()


async def test_weekly_summary_not_resent_after_a_crash_mid_job(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    await seed_history(harness)
    await harness.tick()
    harness.clock.set(SUNDAY_DUE)
    await harness.run_jobs()
    assert len(summaries(harness)) == 1
    # As if the process died after sending but before the job was marked done.
    await harness.repo.conn.execute(
        "UPDATE jobs SET status = 'sending' WHERE kind = 'weekly_summary' AND dedupe_key = ?",
        ("2026-03-08",),
    )
    await harness.repo.conn.commit()
    h = await harness.restart()
    try:
        assert await h.run_jobs() == 1  # the job re-ran ...
        assert summaries(h) == []  # ... and the outbox kept it from sending twice
    finally:
        await h.stop()


async def test_summary_day_change_on_the_day_after_sending_waits_a_week(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    await seed_history(harness)
    await harness.tick()
    harness.clock.set(SUNDAY_DUE + timedelta(minutes=5))
    await harness.run_jobs()
    await sam.send("/settings")
    await sam.tap("Check-in time")
    await sam.send("22:00")  # later the same Sunday: the summary for today already went out
    jobs = await harness.repo.pending_jobs(42, "weekly_summary")
    assert [j.dedupe_key for j in jobs] == ["2026-03-15"]
    harness.clock.set(datetime(2026, 3, 8, 21, 0, tzinfo=UTC))
    await harness.tick()
    assert len(summaries(harness)) == 1


async def test_no_weekly_summary_when_paused_late_or_empty(harness: Harness) -> None:
    paused, late, empty, control = (harness.user(i) for i in (1, 2, 3, 4))
    for chat in (paused, empty, control):
        await chat.onboard()
    await late.onboard(checkin="08:00")  # due Sunday 07:00 UTC
    for user_id in (1, 2, 4):
        await seed_history(harness, user_id)
    await paused.send("/pause")
    await harness.tick()
    # Down until Sunday 20:00 UTC: user 2's summary is 13 hours stale and is recorded as missed;
    # the others are an hour late, which is fine.
    harness.clock.set(SUNDAY_DUE + timedelta(hours=1))
    await harness.tick()
    for user_id in (1, 2, 3):
        assert summaries(harness, user_id) == []
        jobs = await harness.repo.pending_jobs(user_id, "weekly_summary")
        assert [j.dedupe_key for j in jobs] == ["2026-03-15"]  # re-armed for next week
    assert len(summaries(harness, 4)) == 1


async def test_summary_on_another_chosen_day_only(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard(tz="America/New_York", checkin="08:00")
    await seed_history(harness)
    await sam.send("/settings")
    await sam.tap("Weekly summary day")
    await sam.tap("Wednesday")
    sent_days = []
    for _ in range(14 * 24):
        harness.clock.advance(hours=1)
        before = len(summaries(harness))
        await harness.tick()
        if len(summaries(harness)) > before:
            sent_days.append(harness.clock.now().astimezone(ZoneInfo("America/New_York")))
    assert [(d.date().isoformat(), d.strftime("%a %H")) for d in sent_days] == [
        ("2026-03-04", "Wed 08"), ("2026-03-11", "Wed 08")]


async def test_weekly_summary_after_a_slip_is_kind(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    await harness.repo.update_profile(42, no_contact_since=date(2026, 3, 5))
    await harness.repo.store_slip(42, date(2026, 3, 5), 9)
    await harness.tick()
    harness.clock.set(SUNDAY_DUE)
    await harness.tick()
    sent = harness.request.sent(42)[-3:]
    assert [c.method for c in sent] == ["sendMessage", "sendMessage", "sendMessage"]  # no chart
    assert "No contact: day 3 (the count restarted this week" in sent[0].text
    assert "12 days in all" in sent[0].text
    assert "doesn't undo the days before it" in sent[1].text
