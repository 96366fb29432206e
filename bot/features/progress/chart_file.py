"""The chart drawn straight into a file, for a worker process (bot/delivery/offload.py): the
PNG never travels back through the process pipe, and waits on disk until it is sent."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from bot.features.progress.chart import ChartLabels, render_png
from bot.storage.models import DayPoint


def write_png(series: Sequence[DayPoint], labels: ChartLabels, path: str) -> str:
    """Draws the chart for `series` into `path`; returns the path."""
    Path(path).write_bytes(render_png(series, labels))
    return path
