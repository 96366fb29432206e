"""The daily programme's content and picker, pure: every item renders as one short message for
every path and ex; and the content checker's simulation (check_programme.py, run here against
the bot's own picker): for days 0-89 of no contact, every path, pace and path change gets a
fitting item each day and never the same one twice."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from bot.core.pronouns import PRONOUNS, Ex
from bot.features.programme import rules
from bot.features.programme.rules import Item, pick
from bot.ui.texts import render_parts
from bot.ui.tghtml import visible_text

DAYS = 90
MAX_WORDS = 59
TRAJECTORIES: dict[str, Callable[[int], int]] = {  # step on day d
    "stuck on step 4": lambda d: 4,
    "typical": lambda d: 4 if d < 7 else 5 if d < 21 else 6 if d < 30 else 7,
    "fast": lambda d: 4 if d < 1 else 5 if d < 3 else 6 if d < 30 else 7,
    "no steps done": lambda d: 1,
    "slow": lambda d: 4 if d < 30 else 5 if d < 60 else 6,
}
SWITCHES: dict[str, Callable[[int], str]] = {  # path on day d
    "unsure -> reconnect": lambda d: "unsure" if d < 30 else "reconnect",
    "unsure -> moving_on": lambda d: "unsure" if d < 30 else "moving_on",
    "reconnect -> moving_on": lambda d: "reconnect" if d < 45 else "moving_on",
    "moving_on -> reconnect": lambda d: "moving_on" if d < 20 else "reconnect",
    "reconnect -> safety": lambda d: "reconnect" if d < 10 else "safety",
}


def simulate(path_on: Callable[[int], str], step_on: Callable[[int], int]) -> list[Item]:
    """What one user gets on days 0..89, asserting each day's item fits its day and path."""
    used: set[int] = set()
    kinds: list[str] = []
    got = []
    for day in range(DAYS):
        path = path_on(day)
        item = pick(rules.items(), path, day, step_on(day), used, kinds)
        assert item is not None, f"day {day} ({path}): nothing left"
        assert item.days[0] <= day <= item.days[1], f"day {day}: {item.id} outside its days"
        assert item.fits(path) and item.id not in used, (day, item.id)
        used.add(item.id)
        kinds.append(item.kind)
        got.append(item)
    return got


@pytest.mark.parametrize("path", rules.PATHS)
@pytest.mark.parametrize("pace", list(TRAJECTORIES))
def test_ninety_days_of_fitting_items_never_repeated(path: str, pace: str) -> None:
    got = simulate(lambda d: path, TRAJECTORIES[pace])
    assert len({i.id for i in got}) == DAYS
    runs = zip(got, got[1:], got[2:], strict=False)  # never three of a kind in a row
    assert all(a.kind != b.kind or a.kind != c.kind for a, b, c in runs)


@pytest.mark.parametrize("switch", list(SWITCHES))
def test_a_path_change_keeps_what_was_used(switch: str) -> None:
    got = simulate(SWITCHES[switch], TRAJECTORIES["typical"])
    assert len({i.id for i in got}) == DAYS


def test_after_day_89_the_leftovers_then_nothing() -> None:
    used = {i.id for i in simulate(lambda d: "unsure", TRAJECTORIES["typical"])}
    left = [i for i in rules.items() if i.fits("unsure") and i.id not in used]
    for n in range(len(left)):
        item = pick(rules.items(), "unsure", DAYS + n, 7, used, [])
        assert item is not None and item.id not in used
        used.add(item.id)
    assert pick(rules.items(), "unsure", 200, 7, used, []) is None


def test_a_restarted_count_still_gets_an_unused_item() -> None:
    used = {i.id for i in simulate(lambda d: "reconnect", TRAJECTORIES["typical"])[:20]}
    item = pick(rules.items(), "reconnect", 0, 5, used, [])  # a slip: day 0 again
    assert item is not None and item.id not in used


def test_at_least_sixty_items_for_every_path() -> None:
    assert len(rules.items()) == len({i.id for i in rules.items()}) >= 60
    for path in rules.PATHS:
        assert sum(i.fits(path) for i in rules.items()) >= 60


@pytest.mark.parametrize("item", rules.items(), ids=lambda i: f"{i.id:03d}")
def test_every_item_is_one_short_message_and_only_tasks_ask_in_the_evening(item: Item) -> None:
    paths = rules.PATHS if not item.path_only else item.paths
    for path in paths:
        for ex in (Ex(p, n) for p in PRONOUNS for n in (None, "Sam")):
            values = {"name": "Alex", "ex": ex, "path": path}
            morning = render_parts(item.template, part="morning", **values)
            assert len(morning) == 1 and morning[0].startswith("<b>"), (path, ex)
            assert len(visible_text(morning[0]).split()) <= MAX_WORDS, (path, ex)
            evening = render_parts(item.template, part="evening", **values)
            if item.evening:
                assert len(evening) == 1 and evening[0].endswith("?")
                assert "\n" not in evening[0]
            else:
                assert evening == []


def test_day_numbers_count_the_start_day_as_zero() -> None:
    assert rules.day_number(date(2026, 3, 2), date(2026, 3, 2)) == 0
    assert rules.day_number(date(2026, 3, 2), date(2026, 3, 9)) == 7
    assert rules.day_number(None, date(2026, 3, 9)) == 0
    assert rules.day_number(date(2026, 3, 10), date(2026, 3, 9)) == 0
