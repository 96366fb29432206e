"""The weekly summary: on the user's chosen day at their check-in time (plus a stable few minutes
of their own, bot/delivery/recurring.py), the week's streak, moods and urges resisted, a gentle
word for the week ahead, and the chart when there is data.

users.next_summary_at is the schedule; when it comes due the producer inserts one outbox row
keyed by the local date summed up to, and the paced sender delivers it after everything more
urgent (check-ins and safety follow-ups go first). The chart is drawn when the row is prepared,
which can be well before it goes, in a worker process (Services.offload) and into a file in its
spool, never on the event loop.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from bot.core.clock import parse_iso, zone
from bot.core.feature import Feature
from bot.core.services import Services
from bot.delivery.hold import SUMMARY
from bot.delivery.outgoing import Part, Rendered, Skip
from bot.delivery.recurring import next_summary, summary_offset
from bot.delivery.schedule import produce
from bot.features.progress.chart_file import write_png
from bot.features.progress.handlers import CAPTION_LIMIT, chart_labels, gather
from bot.storage.models import User
from bot.storage.outbox import OutboxRow, Planned
from bot.ui.messaging import user_values
from bot.ui.texts import render, render_parts

# A summary this late (the bot was down) is recorded as missed rather than sent out of the blue
# (the same limit is the kind's grace in bot/delivery/hold.py).
LATE_LIMIT = timedelta(hours=12)
WEEKLY_KIND = "weekly_summary"


def plan(user: User, now: datetime) -> tuple[list[Planned], datetime | None]:
    """For a user whose next_summary_at has come: this week's row (keyed by the local date it
    sums up to) and next week's due time."""
    if not user.next_summary_at:
        return [], None
    due = parse_iso(user.next_summary_at)
    following = next_summary(user, max(now, due))
    if not user.active or not user.onboarded:
        return [], None
    base = due - summary_offset(user.user_id)
    day = base.astimezone(zone(user.timezone)).date()
    status = "missed" if now - due > LATE_LIMIT or user.checkins_paused else "pending"
    return [Planned(WEEKLY_KIND, day, due, SUMMARY, status)], following[0] if following else None


async def tick(services: Services) -> int:
    """Turns every due summary into an outbox row."""
    return len(await produce(services, "next_summary_at", plan))


async def render_summary(services: Services, row: OutboxRow, user: User) -> Rendered:
    """The summary's messages: the chart with the week under it, then the gentle word."""
    if not user.onboarded:
        return Skip("cancelled", "not onboarded")
    progress = await gather(services.repo, user, row.local_date, days=7)
    if progress.streak.started is None and not progress.answered_week and not progress.urges_week.total:
        return Skip("missed", "nothing to sum up")  # no contact not started, no check-ins, no urges
    labels = chart_labels(progress, "progress/weekly_chart_title")
    png = None
    if labels is not None:
        spooled = services.offload.spool(f"summary-{row.id}-{row.key}.png")
        png = Path(await services.offload.run(write_png, progress.series, labels, str(spooled)))
    values = {**user_values(user), **progress.values(), "has_chart": png is not None}
    caption = render("progress/weekly_caption", **values)
    parts: list[Part] = []
    if png is not None and len(caption) <= CAPTION_LIMIT:
        parts.append(Part(caption, photo=png))
    else:
        if png is not None:
            parts.append(Part("", photo=png))
        parts += [Part(text) for text in render_parts("progress/weekly_caption", **values)]
    parts += [Part(text) for text in render_parts("progress/weekly_word", **values)]
    return parts


FEATURE = Feature(name="weekly_summary", ticks=[tick],
                  deliveries={WEEKLY_KIND: render_summary})
