"""What a failed Bot API call means, and how long to wait before trying it again.

One place reads RetryAfter and decides whether a failed request may be repeated: the
interactive rate limiter (bot/delivery/ratelimit.py), the paced sender and the start-up calls
(`retrying` below) all ask it, so they never disagree about BadRequest or a timeout.
"""

from __future__ import annotations

import asyncio
import logging
import time
import warnings
from collections.abc import Awaitable, Callable, Iterator
from datetime import timedelta
from enum import Enum
from typing import TypeVar

import httpx
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.warnings import PTBDeprecationWarning

log = logging.getLogger(__name__)
T = TypeVar("T")

# Methods that change nothing, or change it to the same end state, when repeated: a resend of
# these can never show the user something twice.
IDEMPOTENT = frozenset({
    "getMe", "getUpdates", "getWebhookInfo", "setWebhook", "deleteWebhook", "setMyCommands",
    "deleteMyCommands", "answerCallbackQuery", "getChat", "getFile", "close", "logOut",
})
# httpx errors raised before a single byte of the request reached the server.
_NEVER_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


class Fate(Enum):
    """What we know about a request that failed."""

    RETRY = "retry"  # the server answered 5xx, or the request never left: safe to send again
    UNCERTAIN = "uncertain"  # it may have arrived (read timeout, dropped connection)
    FINAL = "final"  # a definite answer (400, 403, 401...): repeating gives the same


def retry_seconds(exc: RetryAfter) -> float:
    """Seconds Telegram asked us to wait. `retry_after` is the public attribute: an int up to
    PTB 22.1, from 22.2 an int with a deprecation warning (a timedelta with PTB_TIMEDELTA=1 and
    in v23). Only that one warning is silenced, and only around this read."""
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", message=r".*`retry_after`", category=PTBDeprecationWarning)
        value = exc.retry_after
    if isinstance(value, timedelta):
        return value.total_seconds()
    return float(value)


def fate(exc: BaseException, method: str = "") -> Fate:
    """Classifies a failed call. BadRequest subclasses NetworkError in PTB, so it is checked
    first: a bad request never heals. PTB raises NetworkError without a cause for an HTTP error
    status (5xx), and with the httpx error as its cause for transport failures; only a cause
    that proves nothing was sent counts as safe for a non-idempotent method."""
    if isinstance(exc, BadRequest) or not isinstance(exc, NetworkError):
        return Fate.FINAL
    cause = exc.__cause__
    if not isinstance(exc, TimedOut) and (cause is None or isinstance(cause, TelegramError)):
        # An HTTP error status (5xx; its body unreadable when the cause is set): the Bot API
        # answered, and it did not do the work.
        return Fate.RETRY
    if isinstance(cause, _NEVER_SENT) or method in IDEMPOTENT:
        return Fate.RETRY
    return Fate.UNCERTAIN


def delays(first: float = 0.5, factor: float = 2.0, cap: float = 8.0) -> Iterator[float]:
    """0.5, 1, 2, 4, 8, 8, ... seconds: quick for a blip, patient for an outage."""
    delay = first
    while True:
        yield delay
        delay = min(cap, delay * factor)


async def retrying(call: Callable[[], Awaitable[T]], method: str, budget: float) -> T:
    """Runs a start-up call (getMe, setMyCommands, setWebhook...), repeating it through 429s,
    5xx answers and network failures for up to `budget` seconds, then raising the last error.
    Anything else (401 InvalidToken, 400 BadRequest) is raised at once: waiting cannot fix it."""
    deadline = time.monotonic() + budget
    pauses = delays()
    while True:
        try:
            return await call()
        except RetryAfter as exc:
            pause = retry_seconds(exc)
            error: Exception = exc
        except NetworkError as exc:
            if fate(exc, method) is not Fate.RETRY:
                raise
            pause, error = next(pauses), exc
        if time.monotonic() + pause > deadline:
            raise error
        log.warning("%s failed (%s): trying again in %.1f s", method, type(error).__name__,
                    pause)
        await asyncio.sleep(pause)
