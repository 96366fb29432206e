"""/progress: the no-contact streak, the mood trend and urges, with a chart sent as a photo.
The weekly summary reuses the same figures and chart."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from telegram import Bot, Message, Update

from bot.core.clock import zone
from bot.core.context import BotContext
from bot.core.feature import Feature
from bot.core.streaks import Streak, streak
from bot.features.progress.chart import ChartLabels, render_png
from bot.features.progress.insights import MIN_URGES, WINDOW_HOURS, UrgeInsights, insights
from bot.features.progress.rules import (
    DayPoint,
    answered_days,
    daily_series,
    has_chart_data,
    mood_average,
    mood_trend,
    next_badge,
    urge_average,
    window,
)
from bot.features.progress.rules import badges as earned_badges
from bot.storage.models import User
from bot.storage.repository import Repository
from bot.storage.urges import UrgeCounts
from bot.ui.messaging import say
from bot.ui.texts import plain, render

CHART_DAYS = 30
URGE_LOG = 500  # the newest urges the patterns are read from
CAPTION_LIMIT = 1024


@dataclass(frozen=True)
class Progress:
    """Everything /progress and the weekly summary say, for the `days` days ending `today`."""

    today: date
    days: int
    streak: Streak
    series: list[DayPoint]
    mood_week: float | None
    mood_month: float | None
    trend: str | None
    urge_week: float | None
    answered_week: int
    urges: UrgeCounts
    urges_week: UrgeCounts
    slips_week: int
    insights: UrgeInsights | None = None  # /progress only, not the weekly summary

    @property
    def badges(self) -> tuple[int, ...]:
        return earned_badges(self.streak.longest) if self.streak.started is not None else ()

    def values(self) -> dict[str, Any]:
        """Template values, numbers already formatted."""
        return {
            "badges": self.badges,
            "next_badge": next_badge(self.streak.current, self.badges),
            "started": self.streak.started is not None, "streak": self.streak,
            "mood_week": _one(self.mood_week), "mood_month": _one(self.mood_month),
            "trend": self.trend, "urge_week": _one(self.urge_week),
            "answered_week": self.answered_week, "urges": self.urges,
            "urges_week": self.urges_week, "slips_week": self.slips_week, "days": self.days,
        }


def _one(value: float | None) -> str | None:
    return None if value is None else f"{value:.1f}"


async def gather(repo: Repository, user: User, today: date, *, days: int = CHART_DAYS,
                 patterns: bool = False) -> Progress:
    """Reads check-ins, slips and urges and shapes them (the week always ends `today`); with
    `patterns`, also when and why urges come (the urge log, in the user's zone)."""
    month_start, _ = window(today, max(days, 30))
    week_start, _ = window(today, 7)
    points = await repo.checkin_points(user.user_id, month_start)
    slips = await repo.slips(user.user_id)
    # Urges are stored in UTC: the week starts at local midnight of its first day.
    week_since = _local_midnight(user, week_start)
    mood_week = mood_average(points, today, 7)
    mood_month = mood_average(points, today, 30)
    return Progress(
        today=today, days=days,
        streak=streak(user.no_contact_since, today, [s.streak_days for s in slips]),
        series=daily_series(points, today, days), mood_week=mood_week, mood_month=mood_month,
        trend=mood_trend(mood_week, mood_month), urge_week=urge_average(points, today, 7),
        answered_week=answered_days(points, today, 7),
        urges=await repo.urge_counts(user.user_id),
        urges_week=await repo.urge_counts(user.user_id, week_since),
        slips_week=sum(week_start <= s.occurred_on <= today for s in slips),
        insights=insights([(u.occurred_at, u.trigger) for u in await repo.urges(
            user.user_id, limit=URGE_LOG)], zone(user.timezone)) if patterns else None,
    )


def _local_midnight(user: User, day: date) -> datetime:
    return datetime.combine(day, time(0), zone(user.timezone)).astimezone(UTC)


def _patterns(progress: Progress) -> UrgeInsights | None:
    """The urge patterns to draw under the chart (/progress, once enough urges are logged)."""
    return progress.insights if progress.insights and progress.insights.enough else None


def chart_labels(progress: Progress, title_template: str) -> ChartLabels | None:
    """The chart's labels, or None when there is nothing to draw."""
    if not has_chart_data(progress.series) and _patterns(progress) is None:
        return None
    return ChartLabels(
        title=plain(title_template, days=progress.days), mood=plain("progress/chart_mood"),
        urge=plain("progress/chart_urge"), by_day=plain("progress/chart_by_day"),
        by_hour=plain("progress/chart_by_hour"),
        weekdays=tuple(plain("progress/chart_weekdays").split()),
    )


async def chart_png(progress: Progress, title_template: str) -> bytes | None:
    """The chart as PNG bytes, drawn off the event loop; None when there is nothing to draw."""
    labels = chart_labels(progress, title_template)
    if labels is None:
        return None
    return await asyncio.to_thread(render_png, progress.series, labels, _patterns(progress))


async def send_with_chart(bot: Bot, user: User, png: bytes | None, caption_template: str,
                          **values: Any) -> Message:
    """Sends the caption template under the chart photo, or as a message when there is no chart."""
    if png is None:
        return (await say(bot, user.chat_id, caption_template, user=user, **values))[-1]
    caption = render(caption_template, name=user.name, ex=user.ex, **values)
    if len(caption) > CAPTION_LIMIT:  # never expected with our templates; keep the photo anyway
        await bot.send_photo(user.chat_id, photo=png)
        return (await say(bot, user.chat_id, caption_template, user=user, **values))[-1]
    return await bot.send_photo(user.chat_id, photo=png, caption=caption)


async def on_progress(update: Update, context: BotContext, user: User) -> None:
    """Shows the streak, mood trend and urges, with the 30-day chart when there is data."""
    today = user.today(context.clock.now())
    progress = await gather(context.repo, user, today, patterns=True)
    png = await chart_png(progress, "progress/chart_title")
    outreach = await context.repo.latest_outreach(user.user_id)
    waiting = outreach.waiting(zone(user.timezone), user.no_contact_since, today) \
        if outreach else None
    await send_with_chart(context.bot, user, png, "progress/caption", has_chart=png is not None,
                          waiting=waiting, **progress.values())
    assert progress.insights is not None
    await say(context.bot, user.chat_id, "progress/patterns", user=user,
              **pattern_values(progress.insights, user))


def pattern_values(found: UrgeInsights, user: User) -> dict[str, Any]:
    """The urge patterns as the template words them (weekday and theme names are templates)."""
    window = found.window
    return {
        "found": found, "minimum": MIN_URGES,
        "weekdays": [plain("settings/day_name", day=d) for d in found.weekdays],
        "window_from": None if window is None else f"{window:02d}:00",
        "window_to": None if window is None else f"{(window + WINDOW_HOURS) % 24:02d}:00",
        "themes": [(plain("progress/theme", theme=t, ex=user.ex), n) for t, n in found.themes],
    }


FEATURE = Feature(name="progress", commands={"progress": on_progress})
