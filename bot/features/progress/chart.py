"""Draws the progress chart: mood as a line (1-5) over urge bars (0-10), and, once the urge log
has enough in it, two small panels below: urges by weekday and by hour of the day. PNG bytes.

matplotlib is imported inside render_png so start-up stays fast, and it is called through
asyncio.to_thread by the handlers, so drawing never blocks the event loop.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from bot.features.progress.insights import UrgeInsights
from bot.storage.models import DayPoint

MOOD_COLOUR = "#2a7f62"
URGE_COLOUR = "#e8a87c"
INK = "#333333"
MUTED = "#e8d5c4"


@dataclass(frozen=True)
class ChartLabels:
    title: str
    mood: str
    urge: str
    # The urge-pattern panels (only drawn with insights): titles and the weekday initials.
    by_day: str = ""
    by_hour: str = ""
    weekdays: tuple[str, ...] = ()


def render_png(series: Sequence[DayPoint], labels: ChartLabels,
               insights: UrgeInsights | None = None) -> bytes:
    """The chart for `series` (one point per day, oldest first) as PNG bytes; with `insights`
    (enough urges logged), the weekday and hour panels below it."""
    if 0 < len(series) <= _PLAIN_MAX_DAYS and (insights is None or not insights.enough):
        with _PLAIN_LOCK:
            return _plain(labels, len(series)).draw(series)
    return render_full_png(series, labels, insights)


def render_full_png(series: Sequence[DayPoint], labels: ChartLabels,
                    insights: UrgeInsights | None = None) -> bytes:
    """The whole figure built and drawn from nothing (the charts with urge patterns, and the
    reference the quick plain chart is tested against)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import dates as mdates
    from matplotlib.figure import Figure

    # Day numbers in matplotlib's date units: one unit is one day, so bars and margins are simple.
    days = mdates.date2num([p.day for p in series])
    patterns = insights is not None and insights.enough
    fig = Figure(figsize=(8, 6.6 if patterns else 4), dpi=100)
    grid = fig.add_gridspec(2, 2, height_ratios=(1.55, 1), hspace=0.55, wspace=0.25) \
        if patterns else fig.add_gridspec(1, 1)
    urge_ax = fig.add_subplot(grid[0, :])
    mood_ax = urge_ax.twinx()
    # Urges sit behind as soft bars; mood is the line the eye follows.
    urge_ax.bar(days, [p.urge if p.urge is not None else 0 for p in series], width=0.7,
                color=URGE_COLOUR, alpha=0.55, label=labels.urge, zorder=1)
    mood_days = [x for x, p in zip(days, series, strict=True) if p.mood is not None]
    moods = [p.mood for p in series if p.mood is not None]
    mood_ax.plot(mood_days, moods, color=MOOD_COLOUR, linewidth=2.2, marker="o", markersize=5,
                 label=labels.mood, zorder=3)
    if len(days):
        urge_ax.set_xlim(days[0] - 0.5, days[-1] + 0.5)  # half a day of margin keeps end bars whole
    urge_ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b"))
    urge_ax.xaxis.set_major_locator(mdates.DayLocator(interval=max(1, len(days) // 8)))
    _dress(fig, urge_ax, mood_ax, labels)
    if patterns:
        assert insights is not None
        _bars(fig.add_subplot(grid[1, 0]), list(labels.weekdays), insights.by_weekday,
              labels.by_day, insights.weekdays)
        hours = [f"{h:02d}" if h % 3 == 0 else "" for h in range(24)]
        window = () if insights.window is None else tuple(
            (insights.window + i) % 24 for i in range(3))
        _bars(fig.add_subplot(grid[1, 1]), hours, insights.by_hour, labels.by_hour, window)
    # Fixed margins instead of tight_layout, which draws the figure twice (a third of the time).
    fig.subplots_adjust(left=0.08, right=0.91, top=0.9 if patterns else 0.86,
                        bottom=0.07 if patterns else 0.1)
    out = io.BytesIO()
    fig.savefig(out, format="png")
    return out.getvalue()


def _dress(fig: Any, urge_ax: Any, mood_ax: Any, labels: ChartLabels) -> None:
    """What both charts share around the data: the fixed scales and their labels, the grid, the
    title and the legend."""
    urge_ax.set_ylim(0, 10)
    urge_ax.set_ylabel(labels.urge, color=INK)
    mood_ax.set_ylim(0.5, 5.5)
    mood_ax.set_yticks([1, 2, 3, 4, 5])
    mood_ax.set_ylabel(labels.mood, color=MOOD_COLOUR)
    # The mood axis reads on the left, where people look first.
    mood_ax.yaxis.set_label_position("left")
    mood_ax.yaxis.tick_left()
    urge_ax.yaxis.set_label_position("right")
    urge_ax.yaxis.tick_right()
    urge_ax.set_zorder(mood_ax.get_zorder() - 1)
    mood_ax.patch.set_visible(False)
    for ax in (urge_ax, mood_ax):
        ax.spines["top"].set_visible(False)
        ax.tick_params(colors=INK, labelsize=9)
    urge_ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    urge_ax.set_axisbelow(True)
    fig.suptitle(labels.title, color=INK, fontsize=13, x=0.02, ha="left")
    handles = mood_ax.get_legend_handles_labels()[0] + urge_ax.get_legend_handles_labels()[0]
    fig.legend(handles=handles, loc="upper right", ncol=2, frameon=False, fontsize=9)


def _bars(ax: Any, names: list[str], counts: Sequence[int], title: str,
          marked: Sequence[int]) -> None:
    """One small urge-pattern panel: a bar per weekday or hour, the busiest ones in full colour."""
    positions = range(len(counts))
    colours = [URGE_COLOUR if i in marked else MUTED for i in positions]
    ax.bar(positions, counts, color=colours, width=0.75)
    ax.set_xticks(list(positions), names, fontsize=8)
    ax.set_title(title, color=INK, fontsize=10, loc="left")
    ax.yaxis.get_major_locator().set_params(integer=True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(colors=INK, labelsize=8)


# -- the plain chart (no pattern panels), drawn quickly -----------------------------------------
# A Sunday evening's weekly summaries draw thousands of these one after another in one worker
# process, and drawing the whole figure from nothing took about 100 ms of CPU each, which held
# the summaries under Telegram's 30 messages a second. Everything but the week's data (axes,
# grid, legend, title, the y ticks: fixed scales) is the same every time, so it is drawn once
# per process and kept as pixels; each chart puts those back and draws only its bars, its mood
# line and its day labels on top (matplotlib's documented blitting: copy_from_bbox,
# restore_region, draw_artist). tests/test_chart.py compares it with the full drawing.
_PLAIN_LOCK = threading.Lock()  # one figure per process; charts may be drawn from threads
# Up to eight days every day is labelled, as the full chart's DayLocator does; longer ranges
# (an interactive /progress) are drawn whole, where the locator picks the labelled days.
_PLAIN_MAX_DAYS = 8


class _PlainChart:
    def __init__(self, labels: ChartLabels, days: int) -> None:
        import matplotlib

        matplotlib.use("Agg")
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        fig = Figure(figsize=(8, 4), dpi=100)
        self.canvas = FigureCanvasAgg(fig)
        urge_ax = self.urge_ax = fig.add_subplot(fig.add_gridspec(1, 1)[0, :])
        mood_ax = self.mood_ax = urge_ax.twinx()
        positions = list(range(days))
        self.bars = urge_ax.bar(positions, [0] * days, width=0.7, color=URGE_COLOUR, alpha=0.55,
                                label=labels.urge, zorder=1).patches
        (self.line,) = mood_ax.plot([], [], color=MOOD_COLOUR, linewidth=2.2, marker="o",
                                    markersize=5, label=labels.mood, zorder=3)
        urge_ax.set_xlim(-0.5, days - 0.5)  # half a day of margin keeps end bars whole
        urge_ax.set_xticks(positions, [""] * days)
        _dress(fig, urge_ax, mood_ax, labels)
        fig.subplots_adjust(left=0.08, right=0.91, top=0.86, bottom=0.1)
        self.ticks = urge_ax.xaxis.get_major_ticks()[:days]
        for artist in (*self.bars, self.line):
            artist.set_visible(False)
        self.canvas.draw()
        self.background = self.canvas.copy_from_bbox(fig.bbox)
        for artist in (*self.bars, self.line):
            artist.set_visible(True)

    def draw(self, series: Sequence[DayPoint]) -> bytes:
        from PIL import Image

        self.canvas.restore_region(self.background)
        for bar, point in zip(self.bars, series, strict=True):
            bar.set_height(point.urge if point.urge is not None else 0)
            self.urge_ax.draw_artist(bar)
        self.line.set_data([x for x, p in enumerate(series) if p.mood is not None],
                           [p.mood for p in series if p.mood is not None])
        self.mood_ax.draw_artist(self.line)
        for tick, day in zip(self.ticks, series, strict=True):
            tick.label1.set_text(_day_label(day.day))
            self.urge_ax.draw_artist(tick.label1)
        width, height = self.canvas.get_width_height()
        image = Image.frombuffer("RGBA", (width, height), self.canvas.buffer_rgba(), "raw",
                                 "RGBA", 0, 1)
        out = io.BytesIO()
        image.save(out, format="png")
        return out.getvalue()


@lru_cache(maxsize=8)
def _plain(labels: ChartLabels, days: int) -> _PlainChart:
    return _PlainChart(labels, days)


def _day_label(day: date) -> str:
    return day.strftime("%d %b")  # the full chart's DateFormatter("%d %b")
