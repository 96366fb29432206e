"""Sends rendered templates: one chat message per template part, long ones split cleanly."""

from __future__ import annotations

import re
from typing import Any

from telegram import (
    Bot,
    ForceReply,
    InlineKeyboardMarkup,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)

from bot.storage.models import User
from bot.ui.texts import render_parts
from bot.ui.tghtml import utf16_len, visible_text

LIMIT = 4096
# Every markup sendMessage accepts, from PTB's public classes.
ReplyMarkup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply
# Room kept at each cut for the closing tags we add (six nested tags fit easily).
_RESERVE = 64
_TAG = re.compile(r"<(/?)([a-z-]+)[^>]*>")


def split_html(text: str, limit: int = LIMIT) -> list[str]:
    """Splits HTML text into pieces of at most `limit` UTF-16 units (Telegram's measure) at
    paragraph, line or word boundaries, never inside a tag or entity, closing and reopening
    tags that span a cut, and never leaving a piece with nothing visible in it."""
    pieces: list[str] = []
    rest = text
    while utf16_len(rest) > limit:
        reserve = _RESERVE
        while True:
            cut, open_tags, reopening = _choose_cut(rest, limit - reserve)
            closing = "".join(f"</{name}>" for name, _ in reversed(open_tags))
            piece = rest[:cut].rstrip() + closing
            overflow = utf16_len(piece) - limit
            if overflow <= 0:
                break
            reserve += overflow  # deeply nested tags: leave more room for their closings
            if reserve > limit // 2:
                raise ValueError("tags nested too deeply to split this message")
        if _shows_something(piece):
            pieces.append(piece)
        rest = reopening + rest[cut:].lstrip()
    if _shows_something(rest):
        pieces.append(rest)
    return pieces


def _choose_cut(rest: str, budget: int) -> tuple[int, list[tuple[str, str]], str]:
    """Where to cut (paragraph, line, word, else hard), and the tags open at that point."""
    end = _index_at_units(rest, budget)
    window = rest[:end]
    cut = window.rfind("\n\n")
    if cut < end // 2:
        cut = window.rfind("\n")
    if cut < end // 2:
        cut = window.rfind(" ")
    if cut < end // 4:
        cut = end
    cut = _safe_cut(rest, cut)
    open_tags = _open_tags(rest[:cut])
    reopening = "".join(tag for _, tag in open_tags)
    if cut <= len(reopening):
        # Only a pathological tag (longer than a quarter message) gets here; a hard cut
        # still guarantees progress.
        return end, [], ""
    return cut, open_tags, reopening


def _index_at_units(text: str, units: int) -> int:
    """The largest index whose prefix is at most `units` UTF-16 code units long."""
    count = 0
    for index, char in enumerate(text):
        count += 2 if ord(char) > 0xFFFF else 1
        if count > units:
            return index
    return len(text)


def _shows_something(piece: str) -> bool:
    return bool(visible_text(piece).strip())


def _safe_cut(text: str, cut: int) -> int:
    """Moves a cut point back out of any tag (<...>) or entity (&...;) it would split."""
    lt, gt = text.rfind("<", 0, cut), text.rfind(">", 0, cut)
    if lt > gt:
        cut = lt
    amp = text.rfind("&", 0, cut)
    if amp != -1 and ";" not in text[amp:cut] and cut - amp < 10:
        cut = amp
    return max(cut, 1)


def _open_tags(html: str) -> list[tuple[str, str]]:
    stack: list[tuple[str, str]] = []
    for match in _TAG.finditer(html):
        closing, name = match.group(1), match.group(2)
        if closing:
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == name:
                    del stack[i:]
                    break
        else:
            stack.append((name, match.group(0)))
    return stack


def user_values(user: User | None) -> dict[str, Any]:
    """What every template said to a user may use: their name, the ex, and the plan's path."""
    if user is None:
        return {}
    return {"name": user.name, "ex": user.ex, "path": user.path}


async def send_text(
    bot: Bot, chat_id: int, text: str, *, keyboard: ReplyMarkup | None = None, **kwargs: Any
) -> list[Message]:
    sent = []
    parts = split_html(text)
    for i, part in enumerate(parts):
        markup = keyboard if i == len(parts) - 1 else None
        sent.append(await bot.send_message(chat_id, part, reply_markup=markup, **kwargs))
    return sent


def render_messages(
    template: str, *, user: User | None = None, keyboard: ReplyMarkup | None = None,
    **values: Any,
) -> list[tuple[str, ReplyMarkup | None]]:
    """A template for this user as the chat messages it makes (each part, split at Telegram's
    limit), the keyboard on the last: what `say` sends now and the paced sender later."""
    merged = {**user_values(user), **values}
    texts = [piece for part in render_parts(template, **merged) for piece in split_html(part)]
    return [(text, keyboard if i == len(texts) - 1 else None) for i, text in enumerate(texts)]


async def say(
    bot: Bot, chat_id: int, template: str, *, user: User | None = None,
    keyboard: ReplyMarkup | None = None, **values: Any,
) -> list[Message]:
    """Renders a template for this user and sends each of its parts; the keyboard goes on the last."""
    return [await bot.send_message(chat_id, text, reply_markup=markup)
            for text, markup in render_messages(template, user=user, keyboard=keyboard, **values)]
