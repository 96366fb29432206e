"""The weekly summary through the real app: once on the chosen day, across restarts and crashes;
never when paused, stale or empty."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.core.clock import iso
from bot.delivery.recurring import summary_offset
from bot.devtools.standin import Call
from tests.harness import Harness
from tests.test_progress import PNG_SIGNATURE, photo_bytes, seed_history

CHECKIN_DUE = datetime(2026, 3, 8, 19, 0, tzinfo=UTC)  # Sunday 8 March, 20:00 in Berlin
# User 42's summary comes its own stable few minutes after the check-in (26 min 2 s).
SUNDAY_DUE = CHECKIN_DUE + summary_offset(42)


async def summary_rows(harness: Harness, user_id: int = 42) -> dict[str, str]:
    return {r.key: r.status for r in await harness.repo.outbox_for(user_id, "weekly_summary")}


async def next_summary(harness: Harness, user_id: int = 42) -> str | None:
    user = await harness.repo.get_user(user_id)
    return user.next_summary_at if user else None


def summaries(harness: Harness, user_id: int = 42) -> list[Call]:
    return [c for c in harness.request.sent(user_id) if "Your week" in c.text]


async def test_weekly_summary_once_on_the_chosen_day_across_restarts(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    await seed_history(harness)
    await harness.tick()  # arms the first summary
    await harness.restart()
    # Monday to Sunday evening, one pass an hour: nothing before Sunday 20:00 Berlin time.
    while harness.clock.now() + timedelta(hours=1) < SUNDAY_DUE:
        harness.clock.advance(hours=1)
        await harness.tick()
    assert summaries(harness) == []
    harness.clock.set(SUNDAY_DUE + timedelta(seconds=30))
    paced_before = harness.services.sender().stats.sent
    await harness.tick()
    sent = summaries(harness)
    assert [c.method for c in sent] == ["sendPhoto"]
    # It left through the paced sender (chart, then the gentle word), not around it.
    assert harness.services.sender().stats.sent - paced_before >= 2
    assert photo_bytes(sent[0]).startswith(PNG_SIGNATURE)
    assert "No contact: day 13." in sent[0].text  # since 23 Feb, on Sunday 8 March
    assert "Urges resisted: 1 of 1." in sent[0].text  # the urge 1 h before Monday 09:00 UTC
    # The gentle word follows the chart (the daily check-in, due at the same time, may come too).
    after = [c for c in harness.request.sent(42) if "How has today been" not in c.text]
    assert "/progress" in after[-1].text
    # A restart and more passes the same evening send nothing more.
    await harness.restart()
    for _ in range(3):
        harness.clock.advance(minutes=20)
        await harness.tick()
    assert len(summaries(harness)) == 1
    assert await summary_rows(harness) == {"2026-03-08": "sent"}
    assert await next_summary(harness) == iso(SUNDAY_DUE + timedelta(days=7))
    # The next Sunday brings exactly one more.
    harness.clock.set(SUNDAY_DUE + timedelta(days=7))
    await harness.tick()
    await harness.tick()
    assert len(summaries(harness)) == 2


async def test_weekly_summary_not_resent_after_a_crash_mid_send(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    await seed_history(harness)
    await harness.tick()
    harness.clock.set(SUNDAY_DUE)
    for produce in harness.services.ticks:  # the producers alone: the row exists, unsent
        await produce(harness.services)
    assert await summary_rows(harness) == {"2026-03-08": "pending"}
    # As if a process had claimed it and died: it may have gone out.
    await harness.repo.write_one("UPDATE outbox SET status = 'sending' WHERE kind = 'weekly_summary'")
    await harness.restart()
    await harness.tick()
    assert summaries(harness) == []  # never sent again
    assert await summary_rows(harness) == {"2026-03-08": "uncertain"}


async def test_summary_day_change_on_the_day_after_sending_waits_a_week(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    await seed_history(harness)
    await harness.tick()
    harness.clock.set(SUNDAY_DUE + timedelta(minutes=5))
    await harness.tick()
    assert len(summaries(harness)) == 1
    await sam.send("/settings")
    await sam.tap("Check-in time")
    await sam.send("22:00")  # later the same Sunday: the summary for today already went out
    assert await next_summary(harness) == iso(
        datetime(2026, 3, 15, 21, 0, tzinfo=UTC) + summary_offset(42))
    harness.clock.set(datetime(2026, 3, 8, 22, 0, tzinfo=UTC))
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
    # Down until Sunday 21:00 UTC: user 2's summary is 13 hours stale and is recorded as missed;
    # the others are an hour or so late, which is fine.
    harness.clock.set(CHECKIN_DUE + timedelta(hours=2))
    await harness.tick()
    for user_id in (1, 2, 3):
        assert summaries(harness, user_id) == []
    assert await summary_rows(harness, 1) == {}  # paused: nothing scheduled at all
    assert await next_summary(harness, 1) is None
    assert await summary_rows(harness, 2) == {"2026-03-08": "missed"}
    assert await summary_rows(harness, 3) == {"2026-03-08": "missed"}  # nothing to sum up
    for user_id in (2, 3):
        assert (await next_summary(harness, user_id) or "").startswith("2026-03-15")
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
    # Due 08:26 (check-in time plus the user's offset): out on the hourly pass at 09:00.
    assert [(d.date().isoformat(), d.strftime("%a %H")) for d in sent_days] == [
        ("2026-03-04", "Wed 09"), ("2026-03-11", "Wed 09")]


async def test_weekly_summary_after_a_slip_is_kind(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    await harness.repo.update_profile(42, no_contact_since=date(2026, 3, 5))
    await harness.repo.record_slip(42, date(2026, 3, 5), 9)
    await harness.tick()
    harness.clock.set(SUNDAY_DUE)
    await harness.tick()
    sent = harness.request.sent(42)[-3:]
    assert [c.method for c in sent] == ["sendMessage", "sendMessage", "sendMessage"]  # no chart
    assert "No contact: day 3 (the count restarted this week" in sent[0].text
    assert "12 days in all" in sent[0].text
    assert "doesn't undo the days before it" in sent[1].text


async def test_blocked_user_is_marked_inactive_and_not_rescheduled(tmp_path) -> None:  # type: ignore[no-untyped-def]
    blocked = {"on": False}

    def fault(method: str, params: dict) -> tuple[int, dict] | None:  # type: ignore[type-arg]
        if blocked["on"] and method in ("sendPhoto", "sendMessage"):
            return 403, {"ok": False, "error_code": 403,
                         "description": "Forbidden: bot was blocked by the user"}
        return None

    h = await Harness(tmp_path / "bot.sqlite3", fault=fault).start()
    try:
        sam = h.user(42)
        await sam.onboard()
        await seed_history(h)
        await h.tick()
        blocked["on"] = True
        h.clock.set(SUNDAY_DUE)
        await h.tick()
        user = await h.repo.get_user(42)
        assert user is not None and not user.active
        assert await summary_rows(h) == {"2026-03-08": "failed"}
        assert user.next_summary_at is None
        await h.tick()  # nothing reschedules inactive users
        assert await next_summary(h) is None
    finally:
        await h.stop()
