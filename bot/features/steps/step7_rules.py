"""Pure rules for step 7: the pre-send checklist and when to ask "did they answer?".
No Telegram imports."""

from __future__ import annotations

from datetime import datetime, time, timedelta

# Asked one at a time before any message is written; every one needs an honest yes.
CHECKLIST = ("never_answer", "not_tonight", "steadier", "one_only", "no_story", "still_me")
FOLLOW_UP_AFTER = timedelta(hours=48)
ASK_FROM, ASK_UNTIL = time(10, 0), time(21, 0)  # a check-in during the day, not at night


def follow_up_due(sent_local: datetime) -> datetime:
    """48 hours after sending, moved into daytime (10:00-21:00 local): 48 to 72 hours later."""
    due = sent_local + FOLLOW_UP_AFTER
    if due.time() < ASK_FROM:
        return datetime.combine(due.date(), ASK_FROM, tzinfo=due.tzinfo)
    if due.time() >= ASK_UNTIL:
        return datetime.combine(due.date() + timedelta(days=1), ASK_FROM, tzinfo=due.tzinfo)
    return due


def next_check(answered: int) -> str | None:
    """The checklist item after `answered` yeses, or None when all are done."""
    return CHECKLIST[answered] if answered < len(CHECKLIST) else None
