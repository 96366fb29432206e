"""bot/delivery/hold.py, pure: may this kind go to this user now?"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.delivery import hold
from bot.delivery.hold import HOLD_LIMIT, RECHECK, decide
from bot.storage.outbox import Facts, Verdict

NOW = datetime(2026, 3, 2, 19, 0, 30, tzinfo=UTC)  # 20:00:30 in Berlin
GRACE = timedelta(hours=3)
DAILY_KINDS = ("checkin", "milestone", "programme")


def facts(kind: str = "checkin", **changes: object) -> Facts:
    base = Facts(kind=kind, due=NOW - timedelta(seconds=30), active=True, paused=False,
                 state=None, state_at=None, timezone="Europe/Berlin", crisis_until=None)
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", list(hold.POLICIES))
def test_every_kind_goes_when_nothing_stands_in_the_way(kind: str) -> None:
    assert decide(facts(kind), NOW, GRACE) == Verdict("go")


@pytest.mark.parametrize("kind", list(hold.POLICIES))
def test_an_inactive_user_gets_nothing(kind: str) -> None:
    assert decide(facts(kind, active=False), NOW, GRACE) == Verdict(
        "drop", status="missed", reason="inactive")


def test_pause_stops_the_daily_kinds_and_summaries_but_not_follow_ups() -> None:
    for kind in (*DAILY_KINDS, "weekly_summary"):
        assert decide(facts(kind, paused=True), NOW, GRACE).reason == "paused"
    for kind in ("sos.wait", "sos.morning", "step7.followup", "crisis_followup"):
        assert decide(facts(kind, paused=True), NOW, GRACE).action == "go"


def test_grace_is_per_kind() -> None:
    late = NOW - timedelta(hours=3, minutes=1)
    assert decide(facts("checkin", due=late), NOW, GRACE).reason == "late"
    assert decide(facts("checkin", due=late), NOW, timedelta(hours=4)).action == "go"
    assert decide(facts("weekly_summary", due=late), NOW, GRACE).action == "go"  # 12 h
    assert decide(facts("weekly_summary", due=NOW - timedelta(hours=13)), NOW, GRACE).reason == "late"
    assert decide(facts("sos.wait", due=NOW - timedelta(hours=2, minutes=1)), NOW, GRACE
                  ).reason == "late"
    assert decide(facts("step7.followup", due=NOW - timedelta(hours=47)), NOW, GRACE).action == "go"


def test_an_open_question_holds_daily_kinds_until_answered_or_two_hours_late() -> None:
    asked = NOW - timedelta(minutes=5)
    for kind in (*DAILY_KINDS, "sos.morning", "step7.followup"):
        verdict = decide(facts(kind, state="step1.problems", state_at=asked), NOW, GRACE)
        assert verdict == Verdict("wait", until=NOW + RECHECK), kind
    # Answered: the state is gone, so it goes.
    assert decide(facts(state=None, state_at=asked), NOW, GRACE).action == "go"
    # Never held past two hours after its due time, however recent the question.
    due = NOW - HOLD_LIMIT + timedelta(seconds=20)
    verdict = decide(facts(due=due, state="step1.problems", state_at=NOW), NOW, GRACE)
    assert verdict == Verdict("wait", until=due + HOLD_LIMIT)
    later = due + HOLD_LIMIT
    assert decide(facts(due=due, state="step1.problems", state_at=NOW), later, GRACE
                  ).action == "go"


def test_a_question_left_open_for_hours_holds_nothing() -> None:
    stale = NOW - HOLD_LIMIT - timedelta(minutes=1)
    assert decide(facts(state="step2.mantra", state_at=stale), NOW, GRACE).action == "go"
    assert decide(facts(state="step2.mantra", state_at=None), NOW, GRACE).action == "go"


def test_summaries_safety_follow_ups_and_the_check_back_never_wait_for_an_answer() -> None:
    for kind in ("weekly_summary", "sos.wait", "crisis_followup"):
        assert decide(facts(kind, state="checkin.note", state_at=NOW), NOW, GRACE).action == "go"


def test_crisis_mode_skips_the_days_messages_and_moves_prompts_past_it() -> None:
    until = NOW + timedelta(hours=20)  # 16:00 Berlin the next day
    for kind in (*DAILY_KINDS, "weekly_summary", "sos.wait"):
        assert decide(facts(kind, crisis_until=until), NOW, GRACE) == Verdict(
            "drop", status="skipped", reason="crisis"), kind
    morning = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)  # the first 10:00 Berlin after it ends
    for kind in ("sos.morning", "step7.followup"):
        assert decide(facts(kind, crisis_until=until), NOW, GRACE) == Verdict(
            "move", until=morning), kind
    assert decide(facts("crisis_followup", crisis_until=until), NOW, GRACE).action == "go"
    # Once it is over, nothing is held.
    assert decide(facts(crisis_until=NOW - timedelta(seconds=1)), NOW, GRACE).action == "go"


def test_priorities_put_safety_first_and_summaries_last() -> None:
    assert hold.priority("sos.wait") == hold.priority("crisis_followup") == hold.SAFETY
    assert hold.priority("checkin") == hold.priority("programme") == hold.DAILY
    assert hold.priority("weekly_summary") == hold.SUMMARY
    assert hold.SAFETY < hold.DAILY < hold.SUMMARY
