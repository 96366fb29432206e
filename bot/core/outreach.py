"""The one message a user sends their ex themselves in step 7, as pure rules: a planned contact,
not a slip. From the day it is sent until the 48-72 h follow-up ("did they answer?") is
answered, the tracker (/nocontact, /progress) says "waiting for a reply" and the check-in asks
about any contact besides it. No Telegram imports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from bot.core.streaks import current_days

FOLLOW_UP_KIND = "step7.followup"  # the outbox row that asks "did they answer?"


@dataclass(frozen=True)
class Waiting:
    """What the tracker shows while the user waits for a reply."""

    sent_on: date
    days_before: int  # the no-contact day number the day the message went out
    ask_on: date | None  # the local day the follow-up is due, None once it has gone out


@dataclass(frozen=True)
class Outreach:
    sent_at: datetime  # aware, UTC: when the user tapped "I've sent it"
    answered: bool  # the follow-up ("did they answer?") has been answered
    follow_up_at: datetime | None = None  # the pending follow-up's due time (UTC)

    def sent_on(self, tz: tzinfo) -> date:
        """The user's local date of the message."""
        return self.sent_at.astimezone(tz).date()

    def waiting_on(self, day: date, tz: tzinfo) -> bool:
        """True on `day` while the user waits for a reply (from the day it was sent)."""
        return not self.answered and self.sent_on(tz) <= day

    def planned_on(self, day: date, tz: tzinfo) -> bool:
        """True when `day` is the day the planned message went out."""
        return self.sent_on(tz) == day

    def waiting(self, tz: tzinfo, since: date | None, today: date) -> Waiting | None:
        """The tracker's "waiting for a reply" on `today`, or None when not waiting."""
        if not self.waiting_on(today, tz):
            return None
        sent_on = self.sent_on(tz)
        ask_on = self.follow_up_at.astimezone(tz).date() if self.follow_up_at else None
        return Waiting(sent_on, current_days(since, sent_on), ask_on)
