"""Pure check-in rules: what a due user gets (check-in, milestone, or a missed record), the strict
button argument, and which closing reply fits the answers. No Telegram imports."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.core.clock import parse_iso, zone
from bot.core.streaks import current_days, is_milestone
from bot.delivery.hold import DAILY
from bot.delivery.timemath import local_date_of, next_daily
from bot.listening.answers import parse_rating
from bot.listening.normalise import fold
from bot.storage.models import User
from bot.storage.outbox import Planned

# Button argument: the check-in's local date and one answer, e.g. "20260302.4" or "20260302.y".
# "p": nothing besides the planned step-7 message (bot/core/outreach.py).
_ARG = re.compile(r"^(\d{8})\.(10|[0-9]|y|n|p|skip)$")
MAX_BUTTON_AGE_DAYS = 14


@dataclass(frozen=True)
class ButtonArg:
    day: date
    value: str


def make_arg(day: date, value: str | int) -> str:
    return f"{day:%Y%m%d}.{value}"


def parse_arg(arg: str, today: date) -> ButtonArg | None:
    """The date and value of a check-in button; None when malformed, in the future or too old."""
    match = _ARG.match(arg)
    if not match:
        return None
    try:
        day = datetime.strptime(match[1], "%Y%m%d").date()
    except ValueError:
        return None
    if day > today or day < today - timedelta(days=MAX_BUTTON_AGE_DAYS):
        return None
    return ButtonArg(day, match[2])


def plan_due(user: User, now: datetime, grace: timedelta) -> tuple[list[Planned], datetime | None]:
    """For a user whose next_checkin_at has come: the outbox rows to add and the next due time.
    A check-in later than `grace` is recorded as missed; a milestone day adds a milestone row
    (first, so it arrives first). Paused, inactive or not-yet-started users get nothing."""
    if (not user.active or user.checkins_paused or user.no_contact_since is None
            or not user.next_checkin_at):
        return [], None
    tz = zone(user.timezone)
    due = parse_iso(user.next_checkin_at)
    day = local_date_of(due, tz)
    status = "missed" if now - due > grace else "pending"
    rows = [Planned("checkin", day, due, DAILY, status)]
    if is_milestone(current_days(user.no_contact_since, day)):
        rows.insert(0, Planned("milestone", day, due, DAILY, status))
    # From now, not from `due`: after a long outage we skip ahead instead of replaying each day.
    return rows, next_daily(user.checkin_time, tz, max(now, due))


# Moods typed in words, on the 1-5 scale of the buttons ("rough" 1, "okay" 3, "good" 5).
MOOD_WORDS = {
    "awful": 1, "terrible": 1, "horrible": 1, "rough": 1, "shit": 1, "crap": 1, "bad": 1,
    "very bad": 1, "the worst": 1, "not good": 2, "not great": 2, "meh": 2, "low": 2, "sad": 2,
    "hard": 2, "okay": 3, "ok": 3, "fine": 3, "alright": 3, "so so": 3, "so-so": 3, "average": 3,
    "not bad": 3, "pretty good": 4, "decent": 4, "better": 4, "good": 5, "great": 5,
    "really good": 5, "amazing": 5, "very good": 5, "shitty": 1, "crappy": 1, "garbage": 1,
    "like garbage": 1, "like shit": 1, "like crap": 1, "sucked": 1, "not okay": 2, "not ok": 2,
}


# Words around a mood that say nothing more ("today was rough", "its been a shit day", "kinda
# meh tbh", "im ok i guess"): dropped, so the mood word alone is read. Only in a short answer:
# a longer one says more than a mood, and the check-in acknowledges it instead of storing a
# number and dropping the rest (bot/features/checkins/questions.py).
_MOOD_FILLERS = frozenset((
    "today", "tonight", "day", "actually", "tbh", "honestly", "ngl", "i", "guess", "think", "its",
    "it", "was", "been", "has", "is", "a", "kinda", "kind", "of", "so", "far", "im", "feeling",
    "feel", "the", "just", "lol", "overall", "mostly", "ish", "one", "evening", "night", "s"))
_MOOD_WORDS_MAX = 6


def parse_mood(text: str) -> int | None:
    """A typed mood: a number on 1-5 ("3", "4/5", "about a 2"; "7/10" is rescaled) or a word
    ("rough", "okay", "pretty good", "today was rough"); "3, long day" is a 3."""
    words = " ".join(fold(text).replace("'", " ").strip(" .!?").split())
    found = MOOD_WORDS.get(words)
    if found is None and 1 < len(words.split()) <= _MOOD_WORDS_MAX:
        core = " ".join(w for w in re.sub(r"[^a-z ]+", " ", words).split() if w not in _MOOD_FILLERS)
        found = MOOD_WORDS.get(core)
    return found or parse_rating(text, 1, 5)


def closing_kind(mood: int, contacted: bool, urge: int, step: int) -> str:
    """Which closing reply fits: after a slip, a low mood (with a step-fitting suggestion), a
    strong urge resisted, or an ordinary good day."""
    if contacted:
        return "slipped"
    if mood <= 2:
        return "low_step6" if step >= 6 else "low_step5" if step == 5 else "low_early"
    if urge >= 6:
        return "resisted_strong"
    if urge >= 1:
        return "resisted"
    return "steady"


def urge_outcome(contacted: bool, urge: int) -> str | None:
    """How a check-in's urge goes into the urges log: resisted unless they made contact."""
    if urge <= 0:
        return None
    return "contacted" if contacted else "resisted"
