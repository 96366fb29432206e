"""The two halves of the suite's slowest exhaustive checks (the trigger index tried against every
rule, row by row, the fuzzer's generated updates, and the crash tests: the mixed burst is the
second half's).

`make test` sets SUITE_HALF=1 and `make test-lowest` SUITE_HALF=2, so CI, which runs both, checks
every row and every update once, and `make test` stays within its time on two cores. Without
SUITE_HALF (a plain `pytest`) both halves run.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

HALF = os.environ.get("SUITE_HALF", "")


def halves() -> list[int]:
    """The halves this run takes: [1], [2], or [1, 2]."""
    return [int(HALF)] if HALF in ("1", "2") else [1, 2]


def share(items: Sequence[T]) -> list[T]:
    """This run's share of `items`: every other one in a half, all of them otherwise."""
    taken = halves()
    return list(items) if len(taken) == 2 else list(items[taken[0] - 1::2])
