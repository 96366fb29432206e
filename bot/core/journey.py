"""The seven steps as data and the pure rules of what unlocks what. No Telegram imports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.core import paths
from bot.core.streaks import current_days


@dataclass(frozen=True)
class StepInfo:
    number: int
    key: str  # template folder and state prefix: "step1" ...


STEPS: tuple[StepInfo, ...] = tuple(StepInfo(n, f"step{n}") for n in range(1, 8))
FINAL_STEP = 7


@dataclass(frozen=True)
class Lock:
    """Why a step is closed: an earlier step to finish, or days of no contact still to go."""

    needs_step: int | None = None
    days_left: int | None = None
    safety_hold: bool = False
    no_contact_started: bool = True


def lock_for(
    step: int, done: set[int], *, no_contact_since: date | None, today: date, unlock_days: int,
    safety_hold: bool = False, path: str = paths.NEUTRAL,
) -> Lock | None:
    """None when `step` may be opened; otherwise what still stands in the way.

    Steps open in order, each once the one before is done. Step 7 follows the path: closed on
    the safety path (and while a safety hold stands, whatever the path), open at once on the
    moving-on path (a goodbye that is never sent needs no wait), and otherwise waiting for
    `unlock_days` of no contact.
    """
    if step < 1 or step > FINAL_STEP:
        raise ValueError(f"no step {step}")
    if step > 1 and (step - 1) not in done:
        return Lock(needs_step=step - 1)
    if step == FINAL_STEP:
        if safety_hold or paths.step7_closed(path):
            return Lock(safety_hold=True)
        if not paths.step7_waits_for_days(path):
            return None
        if no_contact_since is None:
            return Lock(days_left=unlock_days, no_contact_started=False)
        days = current_days(no_contact_since, today)
        if days < unlock_days:
            return Lock(days_left=unlock_days - days)
    return None


def current_step(done: set[int]) -> int:
    """The first step not yet done (7 when all are)."""
    for info in STEPS:
        if info.number not in done:
            return info.number
    return FINAL_STEP
