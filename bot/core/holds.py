"""What holds back the messages the bot sends on its own initiative (check-ins, milestones, SOS
check-backs, step prompts): crisis mode, which lasts until "I'm ready to carry on" or 24 hours.

A local stand-in for the "delivery" work's hold predicate (it reads the same `crisis_until`);
pure, on the user as get_user reads it."""

from __future__ import annotations

from datetime import datetime

from bot.storage.models import User

# Jobs that are themselves part of crisis care, never held back.
CARE_JOBS = frozenset({"safety.followup"})


def held_back(user: User, kind: str, now: datetime) -> bool:
    """True when a message of `kind` must wait because the user is in crisis mode."""
    return kind not in CARE_JOBS and user.in_crisis(now)
