"""Plain unit tests: streak and milestone arithmetic, DST schedule math, and the check-in rules."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.core.streaks import current_days, is_milestone, next_milestone, streak
from bot.delivery.timemath import local_instant, next_daily
from bot.features.checkins.rules import closing_kind, make_arg, parse_arg, plan_due, urge_outcome
from bot.storage.models import User

BERLIN = ZoneInfo("Europe/Berlin")
GRACE = timedelta(hours=3)


def test_streak_counts_current_longest_and_total() -> None:
    today = date(2026, 3, 20)
    run = streak(date(2026, 3, 15), today, [12, 30, 4])
    assert (run.current, run.longest, run.total) == (5, 30, 51)
    assert streak(None, today, []).current == 0
    assert streak(date(2026, 3, 25), today, [3]).current == 0  # a start in the future counts 0
    assert streak(date(2026, 3, 20), today, []).longest == 0
    assert current_days(date(2026, 2, 28), date(2026, 3, 1)) == 1


def test_milestones_fixed_then_every_30_days() -> None:
    found = [d for d in range(200) if is_milestone(d)]
    assert found == [1, 3, 7, 14, 21, 30, 45, 60, 90, 120, 150, 180]
    assert not is_milestone(0) and not is_milestone(75) and not is_milestone(105)
    assert next_milestone(0) == 1 and next_milestone(10) == 14 and next_milestone(90) == 120
    assert next_milestone(365) == 390


def test_local_instant_and_next_daily_across_berlin_dst() -> None:
    assert local_instant(date(2026, 3, 29), time(2, 30), BERLIN) == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
    assert local_instant(date(2026, 10, 25), time(2, 30), BERLIN) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    after_first = datetime(2026, 10, 25, 0, 31, tzinfo=UTC)  # the repeat of 02:30 never counts
    assert next_daily(time(2, 30), BERLIN, after_first) == datetime(2026, 10, 26, 1, 30, tzinfo=UTC)


def _user(**fields: object) -> User:
    base = User(user_id=1, chat_id=1, display_name="Sam", ex_pronoun="they", ex_nickname=None,
                breakup_date=None, timezone="Europe/Berlin", checkin_time=time(20, 0),
                no_contact_since=date(2026, 3, 1), state=None, onboarded=True,
                next_checkin_at="2026-03-08T19:00:00Z")
    return replace(base, **fields)  # type: ignore[arg-type]


def test_plan_due_adds_milestones_and_skips_stale_days() -> None:
    on_time = datetime(2026, 3, 8, 19, 0, 20, tzinfo=UTC)
    rows, following = plan_due(_user(), on_time, GRACE)
    assert [(r.kind, r.local_date, r.status) for r in rows] == [
        ("milestone", date(2026, 3, 8), "pending"), ("checkin", date(2026, 3, 8), "pending")]
    assert following == datetime(2026, 3, 9, 19, 0, tzinfo=UTC)
    late = datetime(2026, 3, 11, 12, 0, tzinfo=UTC)
    rows, following = plan_due(_user(), late, GRACE)
    assert {r.status for r in rows} == {"missed"}
    assert following == datetime(2026, 3, 11, 19, 0, tzinfo=UTC)  # no replay of the days between
    assert plan_due(_user(checkins_paused=True), on_time, GRACE) == ([], None)
    assert plan_due(_user(no_contact_since=None), on_time, GRACE) == ([], None)
    assert plan_due(_user(active=False), on_time, GRACE) == ([], None)


def test_button_args_are_parsed_strictly() -> None:
    today = date(2026, 3, 2)
    assert make_arg(today, 4) == "20260302.4"
    assert parse_arg("20260302.4", today).value == "4"
    assert parse_arg("20260301.y", today).day == date(2026, 3, 1)
    assert parse_arg("20260302.10", today).value == "10"
    for bad in ("20260303.4", "20260215.4", "20260230.4", "20260302.11", "20260302", "x.4",
                "20260302.4.4", "20260302.-1", " 20260302.4"):
        assert parse_arg(bad, today) is None, bad


def test_closing_reply_fits_the_answers_and_step() -> None:
    assert closing_kind(5, True, 9, 3) == "slipped"
    assert closing_kind(1, False, 2, 2) == "low_early"
    assert closing_kind(2, False, 2, 5) == "low_step5"
    assert closing_kind(2, False, 0, 6) == "low_step6"
    assert closing_kind(4, False, 8, 4) == "resisted_strong"
    assert closing_kind(4, False, 2, 4) == "resisted"
    assert closing_kind(3, False, 0, 4) == "steady"
    assert urge_outcome(False, 5) == "resisted" and urge_outcome(True, 5) == "contacted"
    assert urge_outcome(False, 0) is None
