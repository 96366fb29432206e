"""/progress's badges and urge patterns: the milestones earned and the next one, and which
weekdays, hours and triggers come up most in the urge log, in words and on the chart."""

from __future__ import annotations

import struct
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.core.clock import iso
from bot.features.progress.insights import busiest_window, insights, standouts, themes_of
from bot.features.progress.rules import badges, next_badge
from tests.harness import ChatUser, Harness

BERLIN = ZoneInfo("Europe/Berlin")


def png_size(png: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def test_badges_are_kept_after_a_slip_and_the_next_is_named() -> None:
    assert badges(0) == () and next_badge(0, ()) == 1
    assert badges(8) == (1, 3, 7) and next_badge(8, badges(8)) == 14
    # A slip: the current run is back at 2, the badges of the longest run stay earned.
    assert next_badge(2, badges(20)) == 21
    assert badges(150)[-3:] == (90, 120, 150) and next_badge(150, badges(150)) == 180


def test_patterns_in_the_users_zone_with_themes() -> None:
    # Sunday 1 March 2026, 21:30 Berlin is 20:30 UTC.
    sunday_evening = datetime(2026, 3, 1, 20, 30, tzinfo=UTC)
    urges = [(iso(sunday_evening - timedelta(weeks=w)), trigger) for w, trigger in enumerate(
        ["a sad song on the radio", "His Instagram story", "late night again", None, "our song"])]
    urges.append((iso(datetime(2026, 2, 25, 8, 0, tzinfo=UTC)), "our song"))
    found = insights(urges, BERLIN)
    assert found.enough and found.total == 6
    assert found.weekdays == (6,) and found.by_weekday[6] == 5
    assert found.window is not None and found.window <= 21 < found.window + 3
    assert found.by_hour[21] == 5 and found.by_hour[9] == 1  # 08:00 UTC is 09:00 in Berlin
    assert dict(found.themes) == {"music": 3}
    assert found.repeated == ()  # "our song" is in a theme, so it is not listed twice
    assert themes_of("saw him at the bar") == ["drink", "seeing"]
    assert insights(urges[:4], BERLIN).enough is False


def test_standouts_and_windows() -> None:
    assert standouts([0, 3, 0, 3, 0, 0, 0]) == (1, 3)
    assert standouts([1, 1, 1, 0, 0, 0, 0]) == ()  # nothing comes up twice
    assert standouts([2, 2, 2, 0, 0, 0, 0]) == ()  # three-way tie: no day stands out
    hours = [0] * 24
    hours[23] = hours[0] = hours[1] = 2
    assert busiest_window(hours) == (23, 6)  # the stretch wraps past midnight


async def log_urge(sam: ChatUser, trigger: str | None) -> None:
    """One urge through the real SOS flow: /sos, an intensity, the trigger (or skip)."""
    await sam.send("/sos")
    await sam.tap("7")
    if trigger is None:
        await sam.tap("Skip this")
    else:
        await sam.send(trigger)


async def test_progress_names_badges_and_patterns_and_draws_them(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    await harness.repo.update_profile(42, no_contact_since=date(2026, 2, 20))  # 10 days ago
    replies = await sam.send("/progress")
    assert len(replies) == 2
    assert "Badges: 🏅1 🏅3 🏅7. Next: day 14, in 4 days." in replies[0].text
    assert "Once there are 5" in replies[1].text
    # Five evenings of urges (21:00 Berlin), a week apart so they fall on the same weekday.
    harness.clock.set(datetime(2026, 3, 2, 20, 0, tzinfo=UTC))  # Monday, 21:00 in Berlin
    for trigger in ("a song on the radio", "his new profile picture", "our song", None,
                    "that song again"):
        await log_urge(sam, trigger)
        harness.clock.advance(days=7)
    await harness.repo.save_checkin_answer(42, sam_today(harness), "mood", 3)
    await harness.repo.save_checkin_answer(42, sam_today(harness), "urge", 4, complete=True)
    replies = await sam.send("/progress")
    assert [c.method for c in replies] == ["sendPhoto", "sendMessage"]
    words = replies[1].text
    assert "From the 5 urges you&#39;ve logged" in words or "From the 5 urges you've logged" in words
    assert "Most often on Mondays." in words
    assert "between 20:00 and 23:00" in words or "between 21:00 and 00:00" in words
    assert "music (3)" in words
    png = next(v for k, v in replies[0].params.items() if k.startswith("file:"))
    assert png_size(bytes(png)) == (800, 660)  # the chart with the two pattern panels


async def test_patterns_alone_still_draw_a_chart(harness: Harness) -> None:
    """Enough urges but no check-ins yet: the chart shows the patterns anyway."""
    sam = harness.user(42)
    await sam.onboard()
    for _ in range(5):
        await log_urge(sam, "late night scrolling")
        harness.clock.advance(hours=25)
    replies = await sam.send("/progress")
    assert replies[0].method == "sendPhoto"
    assert "late nights (5)" in replies[1].text


def sam_today(harness: Harness) -> date:
    return harness.clock.now().astimezone(BERLIN).date()
