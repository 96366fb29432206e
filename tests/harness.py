"""The test harness: the real application wired to the Bot API stand-in and a real SQLite file."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from telegram.ext import Application

from bot.app import build_application, process, shutdown, startup
from bot.config import Settings
from bot.core.clock import ManualClock
from bot.core.context import services_of
from bot.core.services import Services
from bot.delivery.scheduler import run_pass
from bot.devtools.standin import Call, FaultFn, StandInRequest
from bot.devtools.updates import UpdateFactory

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
# Message ids for presses that name none: far above what the stand-in hands out.
_OTHER_MESSAGES = itertools.count(10_000_000)


class Harness:
    """One running bot. `user(id)` gives a chat handle that sends updates and reads replies."""

    def __init__(self, db_path: Path, *, clock: ManualClock | None = None, fault: FaultFn | None = None,
                 **settings: Any) -> None:
        self.db_path = db_path
        self.clock = clock or ManualClock(START)
        self.request = StandInRequest(fault=fault)
        settings.setdefault("bot_token", None)  # a test may set a real-looking token
        self.settings = Settings(_env_file=None, database_path=db_path, **settings)  # type: ignore[call-arg]
        self.app: Application[Any, Any, Any, Any, Any, Any] = build_application(
            self.settings, request=self.request, clock=self.clock
        )
        self.updates = UpdateFactory(self.app.bot)

    @property
    def services(self) -> Services:
        return services_of(self.app)

    @property
    def repo(self):  # type: ignore[no-untyped-def]
        return self.services.repo

    async def start(self) -> Harness:
        await self.app.initialize()
        await startup(self.app, background=False)
        return self

    async def stop(self) -> None:
        await shutdown(self.app)
        await self.app.shutdown()

    async def restart(self) -> Harness:
        """Stops this application and builds a new one over the same database file, like a
        process restart; the stand-in (and its record of calls) carries over."""
        await self.stop()
        self.app = build_application(self.settings, request=self.request, clock=self.clock)
        self.updates = UpdateFactory(self.app.bot)
        return await self.start()

    async def tick(self) -> int:
        """One scheduler pass (due times, every feature's producer, the outbox handed to the
        sender), delivered at once on the sender's virtual time; returns rows handed over."""
        return await run_pass(self.services)

    def user(self, user_id: int = 42) -> ChatUser:
        return ChatUser(self, user_id)

    async def at_step1(self, user_id: int = 42, **onboard: Any) -> ChatUser:
        """A user onboarded (`onboard`: ChatUser.onboard's answers) who opened step 1 from the
        offer and began writing: the problems question is open."""
        chat = self.user(user_id)
        await chat.onboard(**onboard)
        await chat.tap("Go to step 1")
        await chat.tap("write it out")
        return chat


class ChatUser:
    def __init__(self, harness: Harness, user_id: int) -> None:
        self.h = harness
        self.id = user_id

    async def send(self, text: str, **kwargs: Any) -> list[Call]:
        mark = len(self.h.request.calls)
        await process(self.h.app, self.h.updates.text(self.id, text, **kwargs))
        return self._replies(mark)

    async def process(self, update: Any) -> list[Call]:
        mark = len(self.h.request.calls)
        await process(self.h.app, update)
        return self._replies(mark)

    def _replies(self, mark: int) -> list[Call]:
        return [c for c in self.h.request.calls[mark:] if c.method not in ("answerCallbackQuery",)]

    def last_buttons(self) -> list[tuple[str, str]]:
        for call in reversed(self.h.request.calls):
            if call.chat_id == self.id and call.method in StandInRequest.SENDS and call.buttons():
                return [(label, data) for label, data in call.buttons() if data]
        return []

    async def tap(self, label_part: str) -> list[Call]:
        """Presses the newest inline button labelled `label_part` (exactly, else containing it),
        on the message it is on (a message redrawn in place shows its newest buttons)."""
        wanted = label_part.lower()
        for call in reversed(self.h.request.calls):
            if call.chat_id != self.id or call.method not in StandInRequest.SENDS | {
                    "editMessageText"}:
                continue
            buttons = [(label.lower(), data) for label, data in call.buttons() if data]
            for matches in (lambda lab: lab == wanted, lambda lab: wanted in lab):
                for label, data in buttons:
                    if matches(label):
                        return await self.press(data, message_id=call.message_id)
        raise AssertionError(f"no button with {label_part!r}; last: {self.last_buttons()}")

    async def press(self, data: str, *, as_user: int | None = None,
                    message_id: int | None = None) -> list[Call]:
        """Presses a button with `data` on message `message_id` (tap() passes the real one);
        without one, on a message of its own, as a button from some older message."""
        if message_id is None:
            message_id = next(_OTHER_MESSAGES)
        mark = len(self.h.request.calls)
        await process(self.h.app, self.h.updates.callback(as_user or self.id, data,
                                                          message_id=message_id))
        return list(self.h.request.calls[mark:])

    def texts(self, calls: list[Call]) -> str:
        return "\n".join(c.text for c in calls)

    async def state(self) -> str | None:
        user = await self.h.repo.get_user(self.id)
        return user.state if user else None

    async def onboard(self, *, name: str = "Sam", pronoun: str = "he", tz: str = "Europe/Berlin",
                      checkin: str = "20:00") -> None:
        """Runs the whole onboarding with typed answers."""
        await self.send("/start")
        await self.send(name)
        await self.tap(pronoun)
        await self.tap("skip")
        await self.send("2 weeks ago")
        await self.send(tz)
        await self.send(checkin)
