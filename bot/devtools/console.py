"""The console chat: the real application, handlers and SQLite database, talking to the in-process
Bot API stand-in. Bot messages are printed with terminal formatting; buttons are numbered."""

from __future__ import annotations

import asyncio
import html
import os
import re
import shutil
import sys
import textwrap
from datetime import datetime, timedelta
from typing import Any

from bot.app import build_application, process, startup
from bot.config import Settings
from bot.core.clock import Clock
from bot.core.context import services_of
from bot.delivery.scheduler import run_pass
from bot.devtools.standin import Call, StandInRequest
from bot.devtools.updates import UpdateFactory
from bot.ui.texts import plain

CONSOLE_USER = int(os.environ.get("CONSOLE_USER_ID", "1000001"))
# "+3d", "+49h", "+15m": the console's time travel (a day, an hour, a minute).
_TRAVEL = re.compile(r"^\+(\d{1,4})([dhm])$")
_UNITS = {"d": "days", "h": "hours", "m": "minutes"}
TRAVEL_WAIT = 10.0  # seconds the console waits for what fell due to be delivered
_BOLD, _ITALIC, _UNDER, _DIM, _RESET = "\033[1m", "\033[3m", "\033[4m", "\033[2m", "\033[0m"
_TAGS = {"b": _BOLD, "strong": _BOLD, "i": _ITALIC, "em": _ITALIC, "u": _UNDER, "a": _UNDER,
         "code": _DIM, "pre": _DIM, "s": _DIM, "tg-spoiler": _DIM, "blockquote": _ITALIC}


def html_to_terminal(text: str, color: bool = True) -> str:
    """Telegram HTML -> terminal text: tags become ANSI styles (or vanish), entities are undone."""

    def swap(match: re.Match[str]) -> str:
        closing, name = match.group(1), match.group(2).lower()
        if not color:
            return ""
        return _RESET if closing else _TAGS.get(name, "")

    return html.unescape(re.sub(r"<(/?)([a-zA-Z-]+)[^>]*>", swap, text))


class ShiftedClock(Clock):
    """Real time, moved forward on request: the console's time travel, so a follow-up due in
    two days or a reminder in two weeks can be seen now. Only ever forward (stored times stay
    in order); the shift is not kept across restarts of the console."""

    def __init__(self) -> None:
        self.shift = timedelta()

    def now(self) -> datetime:
        return super().now() + self.shift

    def advance(self, **delta: float) -> None:
        self.shift += timedelta(**delta)


class ConsoleChat:
    def __init__(self, settings: Settings, out: Any = sys.stdout,
                 clock: ShiftedClock | None = None) -> None:
        self.request = StandInRequest()
        self.clock = clock or ShiftedClock()
        self.app = build_application(settings, request=self.request, clock=self.clock)
        self.updates = UpdateFactory(self.app.bot)
        self.out = out
        self.color = out.isatty() if hasattr(out, "isatty") else False
        self.printed = 0
        self.buttons: list[tuple[str, str]] = []  # (label, callback data or "" for reply keys)
        self.buttons_on = 1  # the message those buttons are on
        self.reply_keys: list[str] = []

    async def start(self, *, background: bool = True) -> None:
        await self.app.initialize()
        await startup(self.app, background=background)

    async def stop(self) -> None:
        from bot.app import shutdown

        await shutdown(self.app)
        await self.app.shutdown()

    def flush(self) -> None:
        """Prints every bot message not yet shown."""
        calls = self.request.calls
        while self.printed < len(calls):
            self.show(calls[self.printed])
            self.printed += 1

    def show(self, call: Call) -> None:
        if call.method == "answerCallbackQuery" and call.params.get("text"):
            print(self._wrap(f"({call.params['text']})"), file=self.out)
            return
        if call.method not in ("sendMessage", "sendPhoto", "sendDocument", "editMessageText"):
            return
        body = html_to_terminal(call.text, self.color)
        if call.method == "sendPhoto":
            body = f"[{plain('console/picture')}] {body}"
        if call.method == "sendDocument":
            body = f"[{plain('console/file')}] {body}"
        print("\n" + self._wrap(body), file=self.out)
        inline = [(label, data) for label, data in call.buttons() if data]
        keys = [label for label, data in call.buttons() if not data]
        if keys:
            self.reply_keys = keys
        if inline or call.markup is not None:
            self.buttons = inline
            self.buttons_on = call.message_id or 1
        if inline:
            for i, (label, _) in enumerate(inline, 1):
                print(f"  [{i}] {label}", file=self.out)
        self.out.flush()

    def _wrap(self, body: str) -> str:
        """Wraps each line to the terminal's width behind a thin bar, so bot turns stand out."""
        # Only a real terminal gets wrapped; piped output keeps whole lines for other programs.
        width = max(40, min(shutil.get_terminal_size((88, 24)).columns, 100) - 4) if self.color else 10**6
        bar = f"{_DIM}│{_RESET} " if self.color else "│ "
        lines = []
        for line in body.splitlines() or [""]:
            lines.extend(textwrap.wrap(line, width) or [""])
        return "\n".join(bar + line for line in lines)

    async def say(self, line: str) -> None:
        """Sends what the user typed: a button number, or text and commands as in Telegram."""
        line = line.strip()
        if not line:
            return
        travel = _TRAVEL.match(line)
        if travel:
            await self.travel(int(travel[1]), _UNITS[travel[2]])
            return
        update = None
        if line.isdigit() and 1 <= int(line) <= len(self.buttons):
            _, data = self.buttons[int(line) - 1]
            update = self.updates.callback(CONSOLE_USER, data, message_id=self.buttons_on)
        elif line.startswith("*") and line[1:].isdigit() and 1 <= int(line[1:]) <= len(self.reply_keys):
            update = self.updates.text(CONSOLE_USER, self.reply_keys[int(line[1:]) - 1])
        else:
            update = self.updates.text(CONSOLE_USER, line)
        await process(self.app, update)
        self.flush()

    async def travel(self, amount: int, unit: str) -> None:
        """Moves the clock forward and runs one scheduler pass at once (follow-ups, check-ins,
        everything in the outbox that fell due), waiting (ten seconds at most) for the paced
        sender to deliver it, so it shows up before the next line is read."""
        self.clock.advance(**{unit: amount})
        print(html_to_terminal(plain("console/travelled", now=self.clock.now()), self.color),
              file=self.out)
        services = services_of(self.app)
        await run_pass(services)
        if services.paced_sender is not None:
            await services.paced_sender.settled(TRAVEL_WAIT)
        self.flush()

    def prompt_hint(self) -> str:
        extras = "  ".join(f"[*{i}] {k}" for i, k in enumerate(self.reply_keys, 1))
        return f"{_DIM if self.color else ''}{extras}{_RESET if self.color else ''}\n> " if extras else "> "


async def run_console(settings: Settings) -> int:
    chat = ConsoleChat(settings)
    printer: asyncio.Task[None] | None = None
    try:  # whatever fails from here on, the database is closed (its thread would hold the exit)
        await chat.start()
        print(html_to_terminal(plain("console/banner", db=str(settings.database_path)), chat.color))
        printer = asyncio.create_task(_keep_printing(chat))
        first = True
        while True:
            if first:
                await chat.say("/start")
                first = False
            try:
                line = await asyncio.to_thread(input, chat.prompt_hint())
            except (EOFError, KeyboardInterrupt):
                break
            if line.strip() in ("/quit", "/exit"):
                break
            await chat.say(line)
    finally:
        if printer is not None:
            printer.cancel()
        await chat.stop()
        print(plain("console/bye"))
    return 0


async def _keep_printing(chat: ConsoleChat) -> None:
    """Shows messages the scheduler sends between the user's turns (check-ins, follow-ups)."""
    while True:
        await asyncio.sleep(0.5)
        chat.flush()
