"""The plain progress chart is drawn quickly (its fixed parts kept as pixels, only the week's
data drawn on top); it must look like the chart drawn whole, for any data, in any order."""

from __future__ import annotations

import io
import random
from datetime import date, timedelta

import numpy as np
import pytest
from PIL import Image

from bot.features.progress.chart import ChartLabels, render_full_png, render_png
from bot.storage.models import DayPoint

LABELS = ChartLabels("Your week", "Mood", "Urges")


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def series(seed: int, days: int) -> list[DayPoint]:
    rng = random.Random(seed)
    start = date(2026, 11, 2) + timedelta(days=seed % 40)
    return [DayPoint(start + timedelta(days=i),
                     rng.choice([None, 1, 2, 3, 4, 5]), rng.choice([None, 0, 1, 4, 7, 10]))
            for i in range(days)]


def assert_alike(quick: bytes, whole: bytes) -> None:
    a, b = pixels(quick), pixels(whole)
    assert a.shape == b.shape
    differing = (np.abs(a - b).sum(axis=2) > 60).mean()
    # Only anti-aliased edges where a bar meets the axis line may differ a little.
    assert differing < 0.002, f"{differing:.4%} of the pixels differ from the whole drawing"


@pytest.mark.parametrize("days", [1, 7, 8, 14, 30])
def test_the_quick_chart_looks_like_the_whole_one_whatever_came_before(days: int) -> None:
    # Several charts in a row on the one kept figure: nothing of one may show on the next
    # (a taller bar, a longer line, another week's day labels).
    for seed in (1, 2, 3, 4):
        data = series(seed * days, days)
        assert_alike(render_png(data, LABELS), render_full_png(data, LABELS))


def test_a_week_with_no_mood_or_no_urges_at_all() -> None:
    start = date(2026, 11, 23)
    no_mood = [DayPoint(start + timedelta(days=i), None, i) for i in range(7)]
    no_urges = [DayPoint(start + timedelta(days=i), 1 + i % 5, None) for i in range(7)]
    full = [DayPoint(start + timedelta(days=i), 5, 10) for i in range(7)]
    for data in (full, no_mood, no_urges, full):
        assert_alike(render_png(data, LABELS), render_full_png(data, LABELS))


def test_the_week_really_is_drawn() -> None:
    """The kept background alone is not a chart: two different weeks give different pictures."""
    a, b = series(5, 7), series(6, 7)
    assert np.abs(pixels(render_png(a, LABELS)) - pixels(render_png(b, LABELS))).sum() > 0
