"""Simulated users for the HTTP stand-in: each types or taps, waits for the bot's answer, and
records how long the first reply took. One script of actions is shared by every bot measured."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

from bench.http_standin import SENDS, HttpStandIn, Served


@dataclass(frozen=True)
class Action:
    """`kind` "text" sends `value`; "tap" presses the newest button whose label contains it."""

    kind: str
    value: str
    optional: bool = False  # a missing button ends the script quietly (features not merged yet)


def text(value: str, optional: bool = False) -> Action:
    return Action("text", value, optional)


def tap(value: str = "", optional: bool = False) -> Action:
    """Taps the newest button containing `value`; "" taps the first button of the newest reply."""
    return Action("tap", value, optional)


@dataclass
class Outcome:
    latencies: list[float] = field(default_factory=list)  # seconds to the first reply, per action
    answered: int = 0
    unanswered: int = 0
    missing_buttons: int = 0
    skipped: int = 0
    last_reply_at: float = 0.0


class SimUser:
    """One chat. `run(actions)` plays them in order, each after the previous one was answered."""

    def __init__(self, api: HttpStandIn, user_id: int, *, settle: float = 0.03,
                 timeout: float = 20.0, echo: bool = False) -> None:
        self.api = api
        self.id = user_id
        self.settle = settle  # quiet time that ends a multi-message reply
        self.timeout = timeout
        self.echo = echo  # an echo bot has no buttons: taps become plain callback queries
        self.outcome = Outcome()
        self.replies: list[Served] = []
        self._arrived = asyncio.Event()
        self._last_at = 0.0
        self._since = 0  # where the replies to the latest action begin
        self.pressed: dict[int, str] = {}  # action index -> the callback data pressed
        self.last_pressed = ""

    def receive(self, call: Served) -> None:
        """Called by the driver for each send to this chat."""
        self.replies.append(call)
        self._last_at = time.monotonic()
        self._arrived.set()

    async def run(self, actions: list[Action]) -> Outcome:
        for index, action in enumerate(actions):
            self.last_pressed = ""
            if not await self.act(action):
                break
            if self.last_pressed:
                self.pressed[index] = self.last_pressed
        return self.outcome

    async def act(self, action: Action) -> bool:
        """Plays one action; returns False when the bot never answered (the script stops)."""
        mark = len(self.replies)
        if action.kind == "tap" and not self.echo:
            found = await self._button(action.value, action.optional)
            if found is None:
                if action.optional:
                    self.outcome.skipped += 1
                else:
                    self.outcome.missing_buttons += 1
                return False
            data, message = found
            self.last_pressed = data
            mark = len(self.replies)
            self._since = mark
            pushed = time.monotonic()
            self.api.push_callback(self.id, data, message)
        elif action.kind == "tap":
            self._since = mark
            pushed = time.monotonic()
            self.api.push_callback(self.id, f"1|echo|{action.value[:20]}||{self.id}")
        else:
            self._since = mark
            pushed = time.monotonic()
            self.api.push_text(self.id, action.value)
        first = await self._first_reply(mark)
        if first is None:
            self.outcome.unanswered += 1
            return False
        self.outcome.latencies.append(first - pushed)
        self.outcome.answered += 1
        self.outcome.last_reply_at = first
        await self._quiet()
        return True

    async def _first_reply(self, mark: int) -> float | None:
        deadline = time.monotonic() + self.timeout
        while len(self.replies) <= mark:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            self._arrived.clear()
            try:
                await asyncio.wait_for(self._arrived.wait(), left)
            except TimeoutError:
                return None
        return self.replies[mark].at

    async def _quiet(self) -> None:
        """Waits until nothing more has arrived for `settle` seconds: the reply is complete."""
        while True:
            idle = time.monotonic() - self._last_at
            if idle >= self.settle:
                return
            await asyncio.sleep(self.settle - idle)

    async def _button(self, label_part: str, optional: bool = False
                      ) -> tuple[str, dict[str, Any]] | None:
        """The newest button whose label contains `label_part` among the replies to the latest
        action (older ones are stale), waiting a little for it to arrive."""
        deadline = time.monotonic() + (1.0 if optional else self.timeout)
        while time.monotonic() < deadline:
            for call in reversed(self.replies[self._since:]):
                for label, data in call.buttons():
                    if data and label_part.lower() in label.lower() and call.result:
                        return data, call.result
            self._arrived.clear()
            try:
                await asyncio.wait_for(self._arrived.wait(), 0.5)
            except TimeoutError:
                pass
        return None


class Crowd:
    """Routes the stand-in's sends to the SimUser of that chat."""

    def __init__(self, api: HttpStandIn, **user_kwargs: Any) -> None:
        self.api = api
        self.users: dict[int, SimUser] = {}
        self.kwargs = user_kwargs
        api.on_call(self._route)

    def user(self, user_id: int) -> SimUser:
        if user_id not in self.users:
            self.users[user_id] = SimUser(self.api, user_id, **self.kwargs)
        return self.users[user_id]

    def _route(self, call: Served) -> None:
        if call.method in SENDS and call.status == 200 and call.chat_id in self.users:
            self.users[call.chat_id].receive(call)  # type: ignore[index]

    async def play(self, scripts: dict[int, list[Action]]) -> list[Outcome]:
        return list(await asyncio.gather(
            *(self.user(uid).run(actions) for uid, actions in scripts.items())))
