"""May this message go to this user now? The one rule, pure: each kind's policy (priority, how
late is too late, whether it waits for an open question, what crisis mode and /pause do to it)
and `decide`, which the sender asks right before a row's first message goes out.

The order of the questions: an inactive user gets nothing; /pause stops what it pauses; a row
later than its kind's grace is missed, never sent out of the blue; crisis mode skips a row (the
day's check-in, milestone or morning item: not sent late in a bunch; the next morning's item
takes the place of today's, which stays unused) or moves it to a decent local hour after the
crisis (a draft re-read, the step-7 follow-up); a check-in, milestone, morning item or prompt
waits while a question asked in the last HOLD_LIMIT is open, rechecked every RECHECK, and goes
anyway once it is HOLD_LIMIT past its due time. Otherwise it goes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from bot.core.clock import zone
from bot.delivery.timemath import next_daily
from bot.storage.outbox import Facts, Verdict

# Priorities in the sender's queue, most urgent first.
SAFETY, DAILY, SUMMARY = 0, 1, 2
HOLD_LIMIT = timedelta(hours=2)  # a held message waits at most this long past its due time
RECHECK = timedelta(minutes=1)  # how often a held message looks again
AFTER_CRISIS = time(10, 0)  # a moved prompt comes back at this local time after crisis mode
CHECKIN_GRACE = None  # the grace of check-in-like kinds comes from CHECKIN_GRACE_HOURS


@dataclass(frozen=True)
class Policy:
    priority: int
    grace: timedelta | None  # None: CHECKIN_GRACE_HOURS (settings)
    waits_for_answer: bool  # held while a question is open (up to HOLD_LIMIT)
    in_crisis: str  # "go", "skip" (dropped for this time) or "after" (moved past the crisis)
    paused_by_pause: bool  # /pause stops it


POLICIES: dict[str, Policy] = {
    "checkin": Policy(DAILY, CHECKIN_GRACE, True, "skip", True),
    "milestone": Policy(DAILY, CHECKIN_GRACE, True, "skip", True),
    "programme": Policy(DAILY, CHECKIN_GRACE, True, "skip", True),
    "weekly_summary": Policy(SUMMARY, timedelta(hours=12), False, "skip", True),
    # The 15-minute check-back was asked for a moment ago: it comes even mid-question.
    "sos.wait": Policy(SAFETY, timedelta(hours=2), False, "skip", False),
    "sos.morning": Policy(DAILY, timedelta(hours=12), True, "after", False),
    "step7.followup": Policy(DAILY, timedelta(hours=48), True, "after", False),
    # "Ask me again in two weeks" on the unsure path: a day late is still on time.
    "step7.remind": Policy(DAILY, timedelta(hours=48), True, "after", False),
    # The gentle word the day after a crisis: never held, even while paused.
    "crisis_followup": Policy(SAFETY, timedelta(hours=12), False, "go", False),
}
# A kind nobody declared is treated like a check-in.
DEFAULT = POLICIES["checkin"]


def policy(kind: str) -> Policy:
    return POLICIES.get(kind, DEFAULT)


def priority(kind: str) -> int:
    return policy(kind).priority


def grace_for(kind: str, checkin_grace: timedelta) -> timedelta:
    return policy(kind).grace or checkin_grace


def decide(facts: Facts, now: datetime, checkin_grace: timedelta) -> Verdict:
    """The verdict on one due row for its user, now."""
    rule = policy(facts.kind)
    if not facts.active:
        return Verdict("drop", status="missed", reason="inactive")
    if facts.paused and rule.paused_by_pause:
        return Verdict("drop", status="missed", reason="paused")
    if now - facts.due > grace_for(facts.kind, checkin_grace):
        return Verdict("drop", status="missed", reason="late")
    if facts.crisis_until is not None and now < facts.crisis_until:
        if rule.in_crisis == "skip":
            return Verdict("drop", status="skipped", reason="crisis")
        if rule.in_crisis == "after":
            return Verdict("move", until=after_crisis(facts.crisis_until, facts.timezone))
    if rule.waits_for_answer and question_open(facts, now):
        return Verdict("wait", until=min(now + RECHECK, facts.due + HOLD_LIMIT))
    return Verdict("go")


def question_open(facts: Facts, now: datetime) -> bool:
    """A question is open, asked within HOLD_LIMIT, and the row is not yet HOLD_LIMIT late. (A
    state without state_at counts as old: one from before state_at was recorded, or one a
    scheduled message opened, like the check-in's first question, which the user has not taken
    up yet.)"""
    if facts.state is None or facts.state_at is None or now - facts.due >= HOLD_LIMIT:
        return False
    return now - facts.state_at < HOLD_LIMIT


def after_crisis(until: datetime, timezone: str) -> datetime:
    """The first AFTER_CRISIS local time after crisis mode ends."""
    return next_daily(AFTER_CRISIS, zone(timezone), until)
