"""Logging set-up: our own records at the configured level; httpx's request lines (which carry
the bot token in the URL) silenced; and a filter on every root handler that keeps secrets and
user words out of every record, at every level, from every library:

- the token, and anything shaped like a bot token, is replaced in messages and tracebacks;
- arguments are kept only when they are plain numbers or short strings: PTB passes whole
  updates, request parameters and raw Bot API answers as arguments ("Processing update %s",
  "Calling Bot API endpoint `%s` with parameters `%s`", and at CRITICAL "Error while parsing
  updates! Received data was %r"), and all of those carry what users wrote;
- a traceback keeps its frames and exception types, but the message of an exception only for
  types whose messages come from the system or from Telegram (OSError, sqlite3, TelegramError,
  httpx): a ValueError or KeyError raised while handling a message can quote it.

Uncaught exceptions (sys.excepthook, threads, unraisable ones, the asyncio loop) are routed
through logging, so they pass the same filter instead of Python's own unfiltered printing.
"""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
import sys
import threading
import traceback
from collections.abc import Iterable
from types import TracebackType
from typing import Any

import httpx
from telegram import TelegramObject, Update
from telegram.error import TelegramError

from bot.config import Settings

# Telegram bot tokens look like 123456789:AAH...: digits, a colon, 30+ URL-safe characters.
TOKEN_SHAPE = re.compile(r"\d{5,15}:[A-Za-z0-9_-]{30,}")
REDACTED = "[REDACTED]"
MAX_ARG = 200  # longer strings are Bot API bodies or user text, never our own values
# Exception types whose messages never quote what a user wrote.
SAFE_MESSAGES: tuple[type[BaseException], ...] = (
    OSError, sqlite3.Error, TelegramError, httpx.HTTPError, TimeoutError, asyncio.CancelledError,
    ImportError, MemoryError, SystemExit, KeyboardInterrupt,
)
log = logging.getLogger(__name__)


class RedactSecrets(logging.Filter):
    """Rewrites each record so no secret and no user word survives: the message (with its
    arguments merged in), the formatted traceback and the stack. Installed on handlers, so
    records from every logger pass."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.secrets = sorted({s for s in secrets if s}, key=len, reverse=True)

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return TOKEN_SHAPE.sub(REDACTED, text)

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(plain_arg(a) for a in record.args)
        elif record.args:  # a mapping of named values: none of them is needed
            record.msg, record.args = f"{record.msg} (arguments withheld)", None
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a broken format string must not hide the record
            message = f"{record.msg!r} (arguments withheld)"
        record.msg, record.args = self.redact(message), None
        if record.exc_info and record.exc_info[1] is not None:
            # Formatters reuse exc_text when set, so the filtered text is what gets written.
            record.exc_text = format_exception(record.exc_info[1])
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def plain_arg(value: object) -> object:
    """A log argument as it may be written: numbers and short strings; an update by its id;
    anything else (dicts, lists, Telegram objects, bodies) by its type alone."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        return value if len(value) <= MAX_ARG else f"<{len(value)} characters withheld>"
    if isinstance(value, Update):
        return f"<update {value.update_id}>"
    if isinstance(value, BaseException):
        return type(value).__name__
    if isinstance(value, TelegramObject):
        return f"<{type(value).__name__}>"
    return f"<{type(value).__name__} withheld>"


def format_exception(exc: BaseException) -> str:
    """Like traceback.format_exception, with messages kept only for SAFE_MESSAGES types."""
    lines: list[str] = []
    seen: set[int] = set()

    def walk(current: BaseException) -> None:
        seen.add(id(current))
        if current.__cause__ is not None and id(current.__cause__) not in seen:
            walk(current.__cause__)
            lines.append("\nThe above exception was the direct cause of the following "
                         "exception:\n\n")
        elif (current.__context__ is not None and not current.__suppress_context__
              and id(current.__context__) not in seen):
            walk(current.__context__)
            lines.append("\nDuring handling of the above exception, another exception "
                         "occurred:\n\n")
        if current.__traceback__ is not None:
            lines.append("Traceback (most recent call last):\n")
            lines.extend(traceback.format_tb(current.__traceback__))
        name = f"{type(current).__module__}.{type(current).__qualname__}"
        name = name.removeprefix("builtins.")
        if isinstance(current, SAFE_MESSAGES):
            lines.append(f"{name}: {current}\n" if str(current) else f"{name}\n")
        else:
            lines.append(f"{name}: (message withheld: it may quote user input)\n")

    walk(exc)
    return "".join(lines).rstrip("\n")


def secrets_of(settings: Settings) -> list[str]:
    values = [settings.bot_token, settings.webhook_secret]
    return [v.get_secret_value() for v in values if v is not None]


def install_redaction(settings: Settings, logger: logging.Logger | None = None) -> RedactSecrets:
    """Adds one redaction filter to every handler of `logger` (the root by default)."""
    target = logger or logging.getLogger()
    redactor = RedactSecrets(secrets_of(settings))
    for handler in target.handlers:
        if not any(isinstance(f, RedactSecrets) for f in handler.filters):
            handler.addFilter(redactor)
    return redactor


def _uncaught(kind: type[BaseException], value: BaseException,
              tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        return
    log.critical("uncaught %s", kind.__name__, exc_info=(kind, value, tb))


def _uncaught_in_thread(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is not None:
        log.critical("uncaught %s in a thread", args.exc_type.__name__,
                     exc_info=(args.exc_type, args.exc_value, args.exc_traceback))


def _unraisable(unraisable: Any) -> None:
    if unraisable.exc_value is not None:
        log.error("ignored %s", type(unraisable.exc_value).__name__,
                  exc_info=(type(unraisable.exc_value), unraisable.exc_value,
                            unraisable.exc_traceback))


def loop_exception_handler(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    """asyncio's default handler writes repr()s of the task and its exception into the message
    itself (beyond any filter's reach): only the fixed message and the exception go out."""
    error = context.get("exception")
    log.error("%s", str(context.get("message", "asyncio error"))[:MAX_ARG],
              exc_info=(type(error), error, error.__traceback__) if error else None)


def install_excepthooks() -> None:
    """Routes every uncaught exception through logging (and so through RedactSecrets)."""
    sys.excepthook = _uncaught
    threading.excepthook = _uncaught_in_thread
    sys.unraisablehook = _unraisable


def setup_logging(settings: Settings) -> None:
    logging.basicConfig(
        level=getattr(logging, settings.log_level),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # httpx logs every request URL at INFO, and the Bot API puts the token in that URL.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    install_redaction(settings)
    install_excepthooks()
