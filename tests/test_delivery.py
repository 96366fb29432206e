"""The one delivery path through the real app: a mixed burst goes out most urgent first and
paced; a check-in waits for an open question; crisis mode holds messages back and the gentle
follow-up comes the next day; a 403 on any kind marks the user inactive; the scheduler never
waits for the sender; charts are drawn through the offload worker."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, TypeVar

from bot.core.clock import iso
from bot.delivery import hold
from bot.delivery.dispatch import decider, preparer
from bot.delivery.offload import Offload
from bot.delivery.schedule import follow_up, reschedule
from bot.delivery.scheduler import run_pass
from bot.delivery.sender import Sender
from bot.features.safety.followup import followup_due, schedule_crisis_followup
from tests.checkin_helpers import in_no_contact, run_until
from tests.harness import Harness
from tests.test_progress import PNG_SIGNATURE, photo_bytes, seed_history

DUE = datetime(2026, 3, 8, 19, 0, tzinfo=UTC)  # Sunday 20:00 in Berlin
T = TypeVar("T")


async def quick_user(h: Harness, uid: int, *, since_days: int = 10) -> None:
    """An onboarded user in no contact (Berlin, 20:00), written straight through the repo."""
    repo = h.repo
    await repo.ensure_user(uid, uid, timezone="Europe/Berlin", checkin=time(20, 0))
    await repo.update_profile(uid, display_name="Sam",
                              no_contact_since=DUE.date() - timedelta(days=since_days))
    await repo.mark_onboarded(uid)
    await reschedule(repo, uid, h.clock.now())


def kind_of(text: str) -> str:
    if "Fifteen minutes are up" in text:
        return "sos.wait"
    if "How has today been" in text:
        return "checkin"
    # The chart with the week, then the gentle word, then "I'll check in as usual".
    if text.startswith(("<b>Your week", "A slip this week", "Harder weeks come and go",
                        "You felt the pull", "Another week of looking", "I'll check in as usual")):
        return "weekly_summary"
    return "other"


async def test_a_mixed_burst_goes_most_urgent_first_paced_and_once(harness: Harness) -> None:
    users = range(1000, 1024)
    for uid in users:
        await quick_user(harness, uid)
        await seed_history(harness, uid)
    for uid in users[:10]:  # ten of them are waiting out an urge
        urge = await harness.repo.add_urge(uid, "sos")
        await follow_up(harness.repo, uid, "Europe/Berlin", "sos.wait", f"u{urge.id}", DUE,
                        payload={"urge": urge.id})
    await harness.repo.write_one(  # every summary due in the same minute as the check-ins
        "UPDATE users SET next_summary_at = ?, next_checkin_at = ?", (iso(DUE), iso(DUE)))
    harness.clock.set(DUE + timedelta(seconds=20))
    mark = len(harness.request.calls)
    await harness.tick()
    sends = [c for c in harness.request.calls[mark:] if c.method in ("sendMessage", "sendPhoto")]
    kinds = [kind_of(c.text) for c in sends]
    assert "other" not in kinds, [c.text[:60] for c, k in zip(sends, kinds, strict=True)
                                  if k == "other"][:3]
    assert kinds.count("sos.wait") == 10 and kinds.count("checkin") == 24
    assert kinds.count("weekly_summary") == 72  # the chart with the week, the word, the note
    # Safety first, then every check-in, then the summaries: no kind waited behind a later one.
    assert kinds == sorted(kinds, key=["sos.wait", "checkin", "weekly_summary"].index)
    # Nothing went twice: one message per chat and kind (three parts per summary).
    per = {(c.chat_id, k): 0 for c, k in zip(sends, kinds, strict=True)}
    for c, k in zip(sends, kinds, strict=True):
        per[(c.chat_id, k)] += 1
    assert {n for (_, k), n in per.items() if k != "weekly_summary"} == {1}
    assert {n for (_, k), n in per.items() if k == "weekly_summary"} == {3}
    # Paced on the sender's clock: at most 29 in any second, a chat at most once a second.
    stamps = harness.services.sender().stats.stamps[-len(sends):]
    times = [t for t, _ in stamps]
    assert max(sum(1 for u in times if t <= u < t + 1.0) for t in times) <= 29
    for _, group in itertools.groupby(sorted(stamps, key=lambda s: (s[1], s[0])),
                                      key=lambda s: s[1]):
        chat_times = [t for t, _ in group]
        assert all(b - a >= 1.0 - 1e-6 for a, b in itertools.pairwise(chat_times))
    rows = await harness.repo.fetchall("SELECT status, COUNT(*) FROM outbox GROUP BY status")
    assert dict(rows) == {"sent": 58}  # type: ignore[arg-type]


async def test_a_checkin_waits_for_an_open_question_then_arrives(harness: Harness) -> None:
    sam = await in_no_contact(harness)
    harness.clock.set(datetime(2026, 3, 2, 18, 55, tzinfo=UTC))
    await sam.send("/settings")
    await sam.tap("Your name")  # the bot is waiting for the new name at 20:00
    await run_until(harness, datetime(2026, 3, 2, 19, 40, tzinfo=UTC), step_minutes=5)
    assert not [c for c in harness.request.sent(42) if "How has today been" in c.text]
    replies = await sam.send("Sammy")
    assert "Sammy" in sam.texts(replies)  # the answer, not a check-in, came first
    await run_until(harness, harness.clock.now() + timedelta(minutes=2), step_minutes=1)
    assert "How has today been" in harness.request.sent(42)[-1].text


async def test_an_unanswered_question_holds_a_checkin_two_hours_at_most(harness: Harness) -> None:
    sam = await in_no_contact(harness)
    harness.clock.set(datetime(2026, 3, 2, 18, 59, tzinfo=UTC))
    await sam.send("/settings")
    await sam.tap("Your name")
    for minutes in (30, 60, 90, 119):
        await run_until(harness, datetime(2026, 3, 2, 19, 0, tzinfo=UTC)
                        + timedelta(minutes=minutes), step_minutes=5)
        assert not [c for c in harness.request.sent(42) if "How has today been" in c.text]
        await sam.send("/settings")  # still busy: a fresh question every half hour
        await sam.tap("Your name")
    await run_until(harness, datetime(2026, 3, 2, 21, 5, tzinfo=UTC), step_minutes=5)
    assert len([c for c in harness.request.sent(42) if "How has today been" in c.text]) == 1


async def test_crisis_mode_holds_back_and_the_follow_up_comes_next_morning(
        harness: Harness) -> None:
    sam = await in_no_contact(harness)
    await sam.send("/sos")
    await sam.tap("8")
    await sam.tap("Skip this")
    await sam.tap("Wait 15 minutes")
    harness.clock.set(datetime(2026, 3, 2, 21, 30, tzinfo=UTC))  # 22:30 Berlin: late at night
    await sam.send("/sos")
    await sam.tap("9")
    await sam.tap("Skip this")
    await sam.tap("Write it here instead")
    await sam.send("I miss you")  # comes back at 09:00 tomorrow
    # A crisis at 22:30: crisis mode for 24 hours, the follow-up the next day at 10:00.
    now = harness.clock.now()
    await sam.send("i want to kill myself")
    [row] = await harness.repo.outbox_for(42, "crisis_followup")
    assert row.due == datetime(2026, 3, 3, 9, 0, tzinfo=UTC)  # 10:00 Berlin
    user = await harness.repo.get_user(42)  # booked again: still the one row, moved
    assert await schedule_crisis_followup(harness.repo, user, now + timedelta(minutes=5)) == row.due
    mark = len(harness.request.calls)
    await run_until(harness, datetime(2026, 3, 3, 21, 0, tzinfo=UTC))  # Tuesday 22:00 Berlin
    sent = [c.text for c in harness.request.calls[mark:] if c.method == "sendMessage"]
    assert len(sent) == 1 and "I've been thinking about you since yesterday" in sent[0]
    assert "TelefonSeelsorge" in sent[0]  # with the line of the user's country
    rows = {r.kind: r for r in await harness.repo.outbox_for(42)}
    assert (rows["checkin"].status, rows["checkin"].reason) == ("skipped", "crisis")
    assert rows["crisis_followup"].status == "sent"
    # The draft's morning re-read moved to 10:00 the day after crisis mode ends.
    assert (rows["sos.morning"].status, rows["sos.morning"].due_at) == (
        "pending", "2026-03-04T09:00:00Z")
    await run_until(harness, datetime(2026, 3, 4, 9, 15, tzinfo=UTC))
    assert "still want to send this?" in harness.request.sent(42)[-1].text
    assert len(await harness.repo.outbox_for(42, "crisis_followup")) == 1


def test_the_follow_up_comes_at_ten_local_at_least_eight_hours_on() -> None:
    berlin = "Europe/Berlin"
    at = datetime(2026, 3, 2, 0, 30, tzinfo=UTC)  # 01:30 Berlin: 10:00 the same day
    assert followup_due(at, berlin) == datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    at = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)  # 08:00 Berlin: not two hours later, tomorrow
    assert followup_due(at, berlin) == datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
    assert followup_due(at, "America/New_York") == datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


async def test_a_403_on_a_follow_up_marks_the_user_inactive(harness: Harness) -> None:
    sam = await in_no_contact(harness)
    await sam.send("/sos")
    await sam.tap("7")
    await sam.tap("Skip this")
    await sam.tap("Wait 15 minutes")

    def blocked(method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]] | None:
        if method == "sendMessage":
            return 403, {"ok": False, "error_code": 403,
                         "description": "Forbidden: bot was blocked by the user"}
        return None

    harness.request.fault = blocked
    harness.clock.advance(minutes=15)
    await harness.tick()
    user = await harness.repo.get_user(42)
    assert user is not None and not user.active and user.next_checkin_at is None
    [row] = await harness.repo.outbox_for(42, "sos.wait")
    assert (row.status, row.reason) == ("failed", "blocked")


async def test_the_scheduler_hands_over_and_never_waits_for_the_sender(harness: Harness) -> None:
    for uid in range(2000, 2006):
        await quick_user(harness, uid)
    harness.clock.set(datetime(2026, 3, 2, 19, 0, 30, tzinfo=UTC))
    services = harness.services
    # A sender that may send one message per 30 s: the pass must not wait for it.
    slow = Sender(services.sender().bot, harness.repo, prepare=preparer(services),
                  decide=decider(services), rate=1, window=30.0)
    slow.start()
    manual, services.paced_sender = services.paced_sender, slow
    try:
        started = asyncio.get_running_loop().time()
        assert await run_pass(services) == 6
        assert asyncio.get_running_loop().time() - started < 2.0
        assert slow.backlog >= 5
    finally:
        await slow.stop()
        services.paced_sender = manual
    statuses = {r.status for uid in range(2000, 2006) for r in await harness.repo.outbox_for(uid)}
    assert statuses <= {"sent", "pending"}  # what did not go is pending for the next run


class CountingOffload(Offload):
    """The thread offload, counting what it was handed."""

    def __init__(self) -> None:
        super().__init__(0)
        self.calls: list[str] = []

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        self.calls.append(fn.__name__)
        return await super().run(fn, *args)


async def test_the_summary_chart_is_drawn_through_the_offload_worker(harness: Harness) -> None:
    await quick_user(harness, 42)
    await seed_history(harness)
    counting = CountingOffload()
    harness.services.offload = counting
    await harness.repo.write_one("UPDATE users SET next_summary_at = ?", (iso(DUE),))
    harness.clock.set(DUE + timedelta(minutes=1))
    mark = len(harness.request.calls)
    await harness.tick()
    [photo] = [c for c in harness.request.calls[mark:] if c.method == "sendPhoto"]
    assert photo_bytes(photo).startswith(PNG_SIGNATURE) and counting.calls == ["write_png"]
    assert not list(counting.spool("x").parent.iterdir())  # the spooled chart went with it


async def test_a_worker_process_draws_the_chart(harness: Harness) -> None:
    from bot.features.progress.chart import ChartLabels
    from bot.features.progress.chart_file import write_png
    from bot.storage.models import DayPoint

    pool = Offload(1)
    try:
        series = [DayPoint(date(2026, 3, d), mood=3, urge=d) for d in range(1, 8)]
        path = pool.spool("chart.png")
        await pool.run(write_png, series, ChartLabels("Week", "Mood", "Urge"), str(path))
        assert path.read_bytes().startswith(PNG_SIGNATURE)
    finally:
        pool.close()
    assert not path.parent.exists()  # the spool goes with the pool


def test_every_kind_a_feature_renders_has_a_hold_policy() -> None:
    from bot.app import features

    kinds = {k for f in features() for k in f.deliveries}
    assert kinds == set(hold.POLICIES)
