"""Frozen rows the repository returns; handlers never see sqlite rows."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from bot.core import paths
from bot.core.pronouns import Ex


@dataclass(frozen=True)
class User:
    user_id: int
    chat_id: int
    display_name: str | None
    ex_pronoun: str
    ex_nickname: str | None
    breakup_date: date | None
    timezone: str
    checkin_time: time
    no_contact_since: date | None
    state: str | None
    state_data: dict[str, Any] = field(default_factory=dict)
    onboarded: bool = False
    active: bool = True
    checkins_paused: bool = False
    next_checkin_at: str | None = None
    weekly_summary_day: int = 6
    next_summary_at: str | None = None
    next_programme_at: str | None = None
    programme_time: time | None = None  # the morning item's local time; None: none
    programme_asked: bool = False
    state_at: str | None = None  # when `state` was last set
    # Telegram's language code (from the user's updates) and the country picked for helplines.
    language_code: str | None = None
    country: str | None = None
    # Crisis mode lasts until then (UTC; None: not in crisis mode). Read with the user by
    # get_user (a join on the safety table); rows from other queries leave it None.
    crisis_until: datetime | None = None
    # The plan's path the words follow (bot/core/paths.py); neutral until step 1 chose one.
    path: str = paths.NEUTRAL
    path_chosen: bool = False

    @property
    def ex(self) -> Ex:
        return Ex(self.ex_pronoun, self.ex_nickname)

    def today(self, now: datetime) -> date:
        """The user's local date at `now`."""
        from bot.core.clock import zone

        return now.astimezone(zone(self.timezone)).date()

    @property
    def name(self) -> str:
        return self.display_name or "friend"

    @classmethod
    def from_row(cls, row: Any) -> User:
        return cls(
            user_id=row["user_id"],
            chat_id=row["chat_id"],
            display_name=row["display_name"],
            ex_pronoun=row["ex_pronoun"],
            ex_nickname=row["ex_nickname"],
            breakup_date=date.fromisoformat(row["breakup_date"]) if row["breakup_date"] else None,
            timezone=row["timezone"],
            checkin_time=time.fromisoformat(row["checkin_time"]),
            no_contact_since=(
                date.fromisoformat(row["no_contact_since"]) if row["no_contact_since"] else None
            ),
            state=row["state"],
            state_data=json.loads(row["state_data"] or "{}"),
            onboarded=row["onboarded_at"] is not None,
            active=bool(row["active"]),
            checkins_paused=bool(row["checkins_paused"]),
            next_checkin_at=row["next_checkin_at"],
            weekly_summary_day=row["weekly_summary_day"],
            next_summary_at=row["next_summary_at"],
            next_programme_at=row["next_programme_at"],
            programme_time=(
                time.fromisoformat(row["programme_time"]) if row["programme_time"] else None
            ),
            programme_asked=bool(row["programme_asked"]),
            state_at=row["state_at"],
            language_code=row["language_code"],
            country=row["country"],
            crisis_until=_crisis_until(row),
            path=paths.effective(row["path"]),
            path_chosen=row["path"] is not None,
        )

    def in_crisis(self, now: datetime) -> bool:
        """True while crisis mode lasts (bot/features/safety): care before anything else."""
        return self.crisis_until is not None and now < self.crisis_until


def _crisis_until(row: Any) -> datetime | None:
    # sqlite3.Row: `in` looks at the values, keys() at the column names.
    if "crisis_until" not in row.keys() or not row["crisis_until"]:  # noqa: SIM118
        return None
    return datetime.strptime(row["crisis_until"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


@dataclass(frozen=True)
class Answer:
    id: int
    step: int
    key: str
    value: str
    created_at: str


@dataclass(frozen=True)
class StepStatus:
    step: int
    status: str  # 'started' | 'done'


@dataclass(frozen=True)
class DayPoint:
    """One local day of check-in answers (None where the user did not answer)."""

    day: date
    mood: int | None = None
    urge: int | None = None
