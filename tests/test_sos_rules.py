"""bot/features/sos/rules.py: pep-talk choice, the morning return of late drafts, the streak."""

import random
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.features.sos.rules import PEP_WINDOW, comes_back_at, pick_pep, streak_days

BERLIN = ZoneInfo("Europe/Berlin")


def test_pick_pep_never_repeats_within_the_window() -> None:
    rng = random.Random(7)
    ids = list(range(1, 31))
    shown: list[int] = []
    for _ in range(200):
        pep = pick_pep(ids, list(reversed(shown)), rng)
        assert pep not in shown[-PEP_WINDOW:]
        shown.append(pep)
    assert sorted(shown[:30]) == ids  # the whole library before any repeat


def test_late_drafts_come_back_next_morning() -> None:
    evening = datetime(2026, 3, 2, 23, 30, tzinfo=BERLIN)
    assert comes_back_at(evening) == datetime(2026, 3, 3, 9, 0, tzinfo=BERLIN)
    small_hours = datetime(2026, 3, 3, 2, 10, tzinfo=BERLIN)
    assert comes_back_at(small_hours) == datetime(2026, 3, 3, 9, 0, tzinfo=BERLIN)
    assert comes_back_at(datetime(2026, 3, 2, 22, 0, tzinfo=BERLIN)) is not None
    assert comes_back_at(datetime(2026, 3, 3, 5, 0, tzinfo=BERLIN)) is None
    assert comes_back_at(datetime(2026, 3, 2, 14, 0, tzinfo=BERLIN)) is None


def test_streak_days() -> None:
    assert streak_days(None, date(2026, 3, 2)) is None
    assert streak_days(date(2026, 3, 2), date(2026, 3, 2)) == 0
    assert streak_days(date(2026, 2, 20), date(2026, 3, 2)) == 10
