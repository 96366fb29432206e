"""Pure journal rules: which prompt comes next, and the paging of entries. No Telegram imports."""

from __future__ import annotations

from collections.abc import Sequence

PAGE = 5  # entries per page of /journal
EXCERPT = 400  # characters of an entry shown in the list (the edit question shows it whole)


def next_prompt(ids: Sequence[int], current: int | None, written: int) -> int:
    """The prompt after `current`; the first one shown depends on how many entries the user has
    written, so each /write starts somewhere new."""
    if not ids:
        raise ValueError("no prompts")
    if current in ids:
        return ids[(ids.index(current) + 1) % len(ids)]
    return ids[written % len(ids)]


def older_arg(arg: str) -> tuple[int, int] | None:
    """The "older entries" button's argument: (entries older than this id, first number)."""
    before, _, number = arg.partition(".")
    if not before.isdigit() or not number.isdigit():
        return None
    return int(before), int(number)
