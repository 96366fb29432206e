"""Runs the bot against Telegram: long polling, or a webhook (PTB's built-in tornado server,
behind a TLS-terminating proxy) when MODE=webhook. Both stop gracefully on SIGTERM/SIGINT:
PTB stops fetching, lets running handlers finish, then the scheduler and database close."""

from __future__ import annotations

import logging

from telegram import Update

from bot.app import build_application
from bot.config import Settings

log = logging.getLogger(__name__)


def run_telegram(settings: Settings) -> None:
    app = build_application(settings)
    if settings.mode == "webhook":
        assert settings.webhook_secret is not None  # checked by webhook_problem() before
        log.info("starting in webhook mode on %s:%d/%s", settings.webhook_listen,
                 settings.webhook_port, settings.webhook_path)
        app.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path=settings.webhook_path,
            webhook_url=settings.webhook_url,
            # Telegram sends it in X-Telegram-Bot-Api-Secret-Token; PTB answers 403 without it.
            secret_token=settings.webhook_secret.get_secret_value(),
            allowed_updates=Update.ALL_TYPES,
            drop_pending_updates=False,
        )
    else:
        log.info("starting in polling mode")
        # A webhook left over from an earlier deployment is removed by run_polling itself.
        app.run_polling(allowed_updates=Update.ALL_TYPES, drop_pending_updates=False)
