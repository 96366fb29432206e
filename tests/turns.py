"""Counting turns: a chat handle that records, for every update a user sends (a text or a tap),
how many messages the bot sent back, and whether the last one says what to do next."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from bot.devtools.standin import Call, StandInRequest
from tests.harness import ChatUser, Harness

MAX_MESSAGES = 3
# A message says what to do next when it carries buttons, asks something or names a command.
_COMMAND = re.compile(r"(?<![\w/])/[a-z]+\b")


# The content writer's rules for every chat message (its check_templates.py): only the tags
# Telegram allows, balanced; no doubled full stop (after a quote or anywhere).
ALLOWED_TAGS = {"b", "i", "u", "s", "code", "a", "blockquote"}
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^<>]*>")
_DOUBLE_STOP = re.compile(r"[.!?][\"”]\s*\.|(?<!\.)\.\s*\.(?!\.)")


def text_problems(text: str) -> list[str]:
    found, stack = [], []
    for closing, tag in ((m[1], m[2].lower()) for m in _TAG.finditer(text)):
        if tag not in ALLOWED_TAGS:
            found.append(f"tag <{tag}>")
        elif not closing:
            stack.append(tag)
        elif not stack or stack.pop() != tag:
            found.append(f"unbalanced </{tag}>")
    found.extend(f"unclosed <{tag}>" for tag in stack)
    if _DOUBLE_STOP.search(html.unescape(_TAG.sub("", text))):
        found.append("doubled full stop")
    return found


def says_what_next(call: Call) -> bool:
    return bool(call.buttons()) or "?" in call.text or bool(_COMMAND.search(call.text))


@dataclass
class Turn:
    flow: str
    what: str
    messages: int
    ends_with_next: bool
    problems: tuple[str, ...] = ()


@dataclass
class Log:
    turns: list[Turn] = field(default_factory=list)

    def table(self) -> str:
        width = max((len(f"{t.flow}: {t.what}") for t in self.turns), default=10)
        rows = (f"{f'{t.flow}: {t.what}'.ljust(width)}  {t.messages:>8}  "
                f"{'yes' if t.ends_with_next else 'NO'}" for t in self.turns)
        return "\n".join([f"{'flow: turn'.ljust(width)}  messages  last says what next", *rows])

    def too_long(self) -> list[Turn]:
        return [t for t in self.turns if t.messages > MAX_MESSAGES]

    def without_next(self) -> list[Turn]:
        return [t for t in self.turns if t.messages and not t.ends_with_next]

    def with_problems(self) -> list[Turn]:
        return [t for t in self.turns if t.problems]


class Walker:
    """A ChatUser whose every send or tap is logged as a turn of the current flow."""

    def __init__(self, harness: Harness, user_id: int, log: Log, flow: str = "") -> None:
        self.h = harness
        self.user = ChatUser(harness, user_id)
        self.log = log
        self.flow = flow

    def _record(self, what: str, calls: list[Call]) -> list[Call]:
        sent = [c for c in calls if c.method in StandInRequest.SENDS and c.chat_id == self.user.id]
        edits = [c for c in calls if c.method == "editMessageText"]
        problems = tuple(p for c in [*sent, *edits] for p in text_problems(c.text))
        self.log.turns.append(Turn(self.flow, what, len(sent),
                                   says_what_next(sent[-1]) if sent else True, problems))
        return calls

    async def send(self, text: str) -> list[Call]:
        return self._record(f"says {text!r}", await self.user.send(text))

    async def tap(self, label: str) -> list[Call]:
        return self._record(f"taps {label!r}", await self.user.tap(label))

    async def press(self, data: str, what: str) -> list[Call]:
        return self._record(what, await self.user.press(data))

    async def scheduled(self, what: str) -> list[Call]:
        """Runs one scheduler pass (the outbox): what the bot sends on its own counts too."""
        mark = len(self.h.request.calls)
        await self.h.tick()
        return self._record(what, self.h.request.calls[mark:])

    def texts(self, calls: list[Call]) -> str:
        return self.user.texts(calls)

    async def state(self) -> str | None:
        return await self.user.state()
