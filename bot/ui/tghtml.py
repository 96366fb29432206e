"""Telegram's HTML parse mode, checked the way the Bot API checks it: the stand-in uses this to
refuse what Telegram would refuse ("can't parse entities"), and messaging uses the helpers to
measure and split long messages. Pure: no Telegram imports."""

from __future__ import annotations

import html
import re

# Tags Telegram accepts in HTML parse mode (core.telegram.org/bots/api#html-style).
ALLOWED_TAGS = frozenset({
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a",
    "tg-emoji", "code", "pre", "blockquote",
})
# Attributes each tag may carry; anything else is refused.
_ATTRIBUTES = {"a": {"href"}, "span": {"class"}, "tg-emoji": {"emoji-id"}, "code": {"class"},
               "blockquote": {"expandable"}}
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:=(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s\"'<>]+))?)*)\s*>")
_ATTR = re.compile(r"([a-zA-Z-]+)(?:=(\"[^\"]*\"|'[^']*'|[^\s\"'<>]+))?")
_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});")
_ANY_TAG = re.compile(r"<[^>]*>")
MAX_MESSAGE = 4096


def utf16_len(text: str) -> int:
    """Telegram counts text in UTF-16 code units: an astral emoji counts as two."""
    return len(text.encode("utf-16-le")) // 2


def visible_text(text: str) -> str:
    """What the user sees: tags dropped, entities decoded."""
    return html.unescape(_ANY_TAG.sub("", text))


def problem(text: str) -> str | None:
    """None when Telegram would accept `text` in HTML parse mode, else its error description."""
    stack: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "<":
            match = _TAG.match(text, i)
            if match is None:
                return f"can't parse entities: unsupported start tag or stray \"<\" at byte offset {i}"
            closing, name, attrs = match.group(1), match.group(2).lower(), match.group(3)
            if name not in ALLOWED_TAGS:
                return f"can't parse entities: unsupported start tag \"{name}\" at byte offset {i}"
            if closing:
                if not stack or stack[-1] != name:
                    return f"can't parse entities: can't find start tag for end tag \"{name}\""
                stack.pop()
            else:
                for attr, _value in _ATTR.findall(attrs):
                    if attr.lower() not in _ATTRIBUTES.get(name, set()):
                        return f"can't parse entities: unsupported attribute \"{attr}\""
                stack.append(name)
            i = match.end()
        elif char == "&":
            match = _ENTITY.match(text, i)
            if match is None:
                return f"can't parse entities: unescaped \"&\" at byte offset {i}"
            i = match.end()
        elif char == ">":
            return f"can't parse entities: unescaped \">\" at byte offset {i}"
        else:
            i += 1
    if stack:
        return f"can't parse entities: can't find end tag corresponding to start tag \"{stack[-1]}\""
    return None


def message_problem(text: str) -> str | None:
    """What Telegram would say about this sendMessage text in HTML mode, or None."""
    parse = problem(text)
    if parse is not None:
        return parse
    shown = visible_text(text)
    if not shown.strip():
        return "message text is empty"
    if utf16_len(shown) > MAX_MESSAGE:
        return "message is too long"
    return None
