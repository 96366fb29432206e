"""Shared helpers for the check-in and no-contact tests."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from bot.delivery.schedule import reschedule
from bot.devtools.standin import Call
from tests.harness import ChatUser, Harness

ASK = "How has today been"


async def in_no_contact(harness: Harness, user_id: int = 42, *, tz: str = "Europe/Berlin",
                        checkin: str = "20:00", days: int = 10) -> ChatUser:
    """An onboarded user whose no contact began `days` days ago, with a check-in scheduled."""
    chat = harness.user(user_id)
    await chat.onboard(tz=tz, checkin=checkin)
    user = await harness.repo.get_user(user_id)
    today = user.today(harness.clock.now())
    await harness.repo.update_profile(user_id, no_contact_since=today - timedelta(days=days))
    await reschedule(harness.repo, user_id, harness.clock.now())
    return chat


def checkins_sent(harness: Harness, chat_id: int = 42) -> list[Call]:
    return [c for c in harness.request.sent(chat_id) if c.method == "sendMessage" and ASK in c.text]


async def run_until(harness: Harness, until: datetime, *, step_minutes: int = 15) -> None:
    """Ticks the scheduler every `step_minutes` of manual-clock time up to `until`."""
    while harness.clock.now() < until:
        harness.clock.set(min(harness.clock.now() + timedelta(minutes=step_minutes), until))
        await harness.tick()


def button(chat: ChatUser, action: str, value: str | None = None) -> str:
    """The callback data of the newest button with this action (and value after the dot)."""
    for call in reversed(chat.h.request.calls):
        if call.chat_id != chat.id:
            continue
        for _, data in call.buttons():
            parts = data.split("|")
            if len(parts) == 5 and parts[2] == action and (
                value is None or parts[3].rsplit(".", 1)[-1] == value
            ):
                return data
    raise AssertionError(f"no {action}:{value} button")


async def answer(chat: ChatUser, action: str, value: str) -> list[Call]:
    return await chat.press(button(chat, action, value))


async def outbox_dates(harness: Harness, user_id: int = 42, kind: str = "checkin") -> dict[date, str]:
    return {r.local_date: r.status for r in await harness.repo.outbox_for(user_id, kind)}
