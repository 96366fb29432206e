"""/progress and the weekly summary through the real app, and the pure chart-data shaping."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.delivery.timemath import next_weekly
from bot.devtools.standin import Call
from bot.features.progress.rules import (
    DayPoint,
    answered_days,
    average,
    daily_series,
    has_chart_data,
    mood_average,
    mood_trend,
    urge_average,
)
from bot.listening.times import parse_weekday
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
    await repo.record_slip(user_id, date(2026, 2, 1), 5)
    await repo.record_slip(user_id, date(2026, 2, 23), 12)
    moods = [2, 2, 3, 2, 3, 3, 4, 4, 3, 5]  # oldest first, ending today
    urges = [8, 9, 6, 7, 5, 5, 3, 4, 2, 1]
    for back, (mood, urge) in enumerate(zip(reversed(moods), reversed(urges), strict=True)):
        for field, value in (("mood", mood), ("urge", urge), ("contacted", 0)):
            await repo.save_checkin_answer(user_id, TODAY - timedelta(days=back), field, value)
    now = harness.clock.now()
    for hours, outcome in ((1, "resisted"), (30, "resisted"), (50, "contacted"), (400, "resisted")):
        await repo.add_urge(user_id, "sos", occurred_at=now - timedelta(hours=hours), outcome=outcome)


def photo_bytes(call: Call) -> bytes:
    files = [v for k, v in call.params.items() if k.startswith("file:")]
    assert len(files) == 1, call.params.keys()
    return bytes(files[0])


async def test_progress_sends_a_png_chart_with_the_figures(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    await seed_history(harness)
    replies = await sam.send("/progress")
    assert [c.method for c in replies] == ["sendPhoto", "sendMessage"]  # chart, urge patterns
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
    assert [c.method for c in replies] == ["sendMessage", "sendMessage"]
    text = sam.texts(replies)
    assert "hasn't started yet" in text and "no check-ins yet" in text
    assert "Once there are 5" in replies[1].text
    assert "chart appears once" in text


async def test_urges_resisted_agree_between_progress_and_nocontact(harness: Harness) -> None:
    """Writing it here instead of sending counts as resisting, everywhere the count is shown."""
    sam = harness.user(42)
    await sam.onboard()
    await harness.repo.update_profile(42, no_contact_since=date(2026, 2, 23))
    for hours, outcome in ((5, "resisted"), (4, "wrote_it"), (3, "contacted")):
        await harness.repo.add_urge(42, "sos", occurred_at=harness.clock.now() - timedelta(hours=hours),
                                    outcome=outcome)
    progress = sam.texts(await sam.send("/progress"))
    nocontact = sam.texts(await sam.send("/nocontact"))
    assert "Urges: 2 of 3 resisted." in progress
    assert "Urges resisted: 2" in nocontact
