"""When two things the user typed are the same item: case, spacing and end punctuation aside.
Used wherever a list is built from typed lines, so the same line is never added twice."""

from __future__ import annotations

from collections.abc import Iterable

_END = " .!?…,;:"


def item_key(text: str) -> str:
    """The form two lines are compared in: case-folded, spaces collapsed, no end punctuation."""
    return " ".join(text.casefold().split()).strip(_END)


def already_there(text: str, existing: Iterable[str]) -> str | None:
    """The existing line `text` repeats, if any (as it was stored)."""
    key = item_key(text)
    for line in existing:
        if item_key(line) == key:
            return line
    return None
