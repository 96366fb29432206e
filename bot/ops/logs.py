"""Logging set-up: our own records at the configured level; httpx's request lines (which carry
the bot token in the URL) silenced; and a filter on every root handler that redacts the token,
and anything shaped like a bot token, from messages and tracebacks alike."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

from bot.config import Settings

# Telegram bot tokens look like 123456789:AAH...: digits, a colon, 30+ URL-safe characters.
TOKEN_SHAPE = re.compile(r"\d{5,15}:[A-Za-z0-9_-]{30,}")
REDACTED = "[REDACTED]"


class RedactSecrets(logging.Filter):
    """Rewrites each record so no secret survives: the message (with its args merged in), the
    formatted traceback and the stack. Installed on handlers, so records from every logger pass."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.secrets = sorted({s for s in secrets if s}, key=len, reverse=True)

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return TOKEN_SHAPE.sub(REDACTED, text)

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a broken format string must not hide the record
            message = f"{record.msg!r} {record.args!r}"
        record.msg, record.args = self.redact(message), None
        if record.exc_info and not record.exc_text:
            # Formatters reuse exc_text when set, so the redacted text is what gets written.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


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


def setup_logging(settings: Settings) -> None:
    logging.basicConfig(
        level=getattr(logging, settings.log_level),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # httpx logs every request URL at INFO, and the Bot API puts the token in that URL.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    install_redaction(settings)
