"""The daily programme's pure rules: the items (data/programme_index.json, one per
templates/programme/NNN.html), which one a user gets on a day (`pick`, the rule the content's
checker proves: every path and pace gets a fitting, never-repeated item for days 0-89), and the
producer's plan. No Telegram imports.

An item is {"id", "kind": task | reflection | fact | kindness, "days": [first, last] (the
no-contact days it suits), "steps": [] or the steps it suits, "paths": ["any"] or the paths it
is written for, "evening": whether it asks an evening question (tasks do)}.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from importlib import resources

from bot.core import paths
from bot.core.clock import parse_iso, zone
from bot.delivery.hold import DAILY
from bot.delivery.recurring import next_programme
from bot.storage.models import User
from bot.storage.outbox import Planned

DATA = resources.files("bot.features.programme") / "data" / "programme_index.json"
BAND = 5  # items whose last day is within BAND days of the most urgent one count as due
KIND = "programme"  # its outbox kind
PATHS = paths.PATHS


@dataclass(frozen=True)
class Item:
    id: int
    kind: str
    days: tuple[int, int]
    steps: tuple[int, ...]
    paths: tuple[str, ...]
    evening: bool

    def fits(self, path: str) -> bool:
        return "any" in self.paths or path in self.paths

    @property
    def path_only(self) -> bool:
        return "any" not in self.paths

    @property
    def template(self) -> str:
        return f"programme/{self.id:03d}"


@lru_cache(maxsize=1)
def items() -> tuple[Item, ...]:
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    return tuple(Item(e["id"], e["kind"], (e["days"][0], e["days"][1]), tuple(e["steps"]),
                      tuple(e["paths"]), e["evening"]) for e in raw)


def by_id(item_id: int) -> Item | None:
    return next((i for i in items() if i.id == item_id), None)


def pick(index: Sequence[Item], path: str, day: int, step: int, used: set[int],
         recent_kinds: Sequence[str]) -> Item | None:
    """The day's item: among unused items for the path whose day window holds `day`, the due
    ones (last day within BAND of the most urgent) and any written for this path only; of
    those, by preference: a kind other than yesterday's, a path-only item, one that suits the
    current step, a kind other than the day before's, the earliest last day, the lowest id.
    When nothing fits the day (after day 89, or a count restarted by a slip), the unused item
    whose window ended most recently, else the one starting soonest; None when all are used."""
    pool = [e for e in index if e.id not in used and e.fits(path)]
    candidates = [e for e in pool if e.days[0] <= day <= e.days[1]]
    if not candidates:
        late = sorted((e for e in pool if e.days[1] < day), key=lambda e: -e.days[1])
        early = sorted((e for e in pool if e.days[0] > day), key=lambda e: e.days[0])
        candidates = late[:1] or early[:1]
        if not candidates:
            return None
    soonest = min(e.days[1] for e in candidates)
    due = [e for e in candidates if e.days[1] <= soonest + BAND or e.path_only]
    return min(due, key=lambda e: (e.kind in recent_kinds[-1:], not e.path_only,
                                   bool(e.steps) and step not in e.steps,
                                   e.kind in recent_kinds[-2:], e.days[1], e.id))


def plan(user: User, now: datetime, grace: timedelta) -> tuple[list[Planned], datetime | None]:
    """For a user whose next_programme_at has come: the day's row and tomorrow's due time."""
    if not user.next_programme_at:
        return [], None
    due = parse_iso(user.next_programme_at)
    following = next_programme(user, max(now, due))
    if following is None:  # paused, stopped, or no contact not started: nothing today either
        return [], None
    day = due.astimezone(zone(user.timezone)).date()
    status = "missed" if now - due > grace else "pending"
    return [Planned(KIND, day, due, DAILY, status)], following


def day_number(since: date | None, today: date) -> int:
    """The no-contact day (the start day is day 0)."""
    return 0 if since is None or since > today else (today - since).days
